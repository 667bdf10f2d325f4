"""Retrospective cards: written silently, hidden until revealed, then dot-voted."""

from dataclasses import dataclass

from retro_tui.domain import clock, validate
from retro_tui.domain.corrections import note_correction
from retro_tui.domain.flow import MeetingState, meeting_state, move_meeting, update_state
from retro_tui.domain.meetings import get_meeting, open_content
from retro_tui.domain.team import Member
from retro_tui.errors import RetroError
from retro_tui.store import Store, where

CARDS = "cards"
VOTES = "votes"
COLUMNS = {
    "went-well": "Went well",
    "to-improve": "To improve",
    "failed-learned": "Failed and learned",
}


@dataclass(frozen=True)
class Card:
    id: int
    column: str
    text: str
    author: str | None
    created: str
    votes: int = 0


@dataclass(frozen=True)
class Board:
    """The cards of one meeting, with whether they are revealed and the vote budget."""

    cards: list[Card]
    revealed: bool
    vote_budget: int
    votes_by_member: dict[str, int]

    def column(self, key: str) -> list[Card]:
        """A column's cards, most voted first once revealed."""
        cards = [c for c in self.cards if c.column == key]
        return sorted(cards, key=lambda c: -c.votes) if self.revealed else cards

    def visible_to(self, viewer: str | None) -> list[Card]:
        """The cards `viewer` may read: all once revealed, before that only their own."""
        if self.revealed:
            return list(self.cards)
        return [c for c in self.cards if viewer is not None and c.author == viewer]

    def votes_left(self, member: str) -> int:
        return self.vote_budget - self.votes_by_member.get(member, 0)


def add_card(store: Store, meeting_id: str, column: str, text: str, author: Member | None) -> Card:
    validate.choice(column, COLUMNS, "card column")
    clean_text = validate.text(text, "card")
    with store.transaction():
        _, content = open_content(store, meeting_id, for_change=True)
        doc = {
            "column": column,
            "text": clean_text,
            "author": author.name if author else None,
            "created": clock.timestamp(),
        }
        card_id = content.table(CARDS).insert(doc)
    return Card(id=card_id, **doc)


def board(store: Store, meeting_id: str) -> Board:
    _, content = open_content(store, meeting_id)
    state = meeting_state(store, meeting_id)
    counts: dict[int, int] = {}
    per_member: dict[str, int] = {}
    for vote in content.table(VOTES).all():
        counts[vote["card"]] = counts.get(vote["card"], 0) + 1
        per_member[vote["member"]] = per_member.get(vote["member"], 0) + 1
    cards = [
        Card(id=doc.doc_id, votes=counts.get(doc.doc_id, 0), **doc)
        for doc in content.table(CARDS).all()
    ]
    return Board(
        cards,
        state.revealed,
        state.vote_budget,
        per_member,
    )


def reveal_cards(store: Store, meeting_id: str, by: Member | None) -> MeetingState:
    """Show everyone's cards; only the facilitator may."""
    return move_meeting(store, meeting_id, by, revealed=True)


def set_vote_budget(store: Store, meeting_id: str, budget: int) -> MeetingState:
    if not 1 <= budget <= 20:
        raise RetroError(f"a vote budget must be 1 to 20 dots, not {budget}")
    return update_state(store, meeting_id, vote_budget=budget)


def vote(store: Store, meeting_id: str, card_id: int, member: Member) -> Card:
    """Put one of `member`'s dots on a card (several on one card are allowed)."""
    with store.transaction():
        current = board(store, meeting_id)
        card = next((c for c in current.cards if c.id == card_id), None)
        if card is None:
            raise RetroError(f"meeting {meeting_id} has no card {card_id}")
        if not current.revealed:
            raise RetroError("the cards are still hidden; voting starts when they are revealed")
        if current.votes_left(member.name) <= 0:
            raise RetroError(f"{member.name} has used all {current.vote_budget} dots")
        _, content = open_content(store, meeting_id, for_change=True)
        content.table(VOTES).insert({"card": card_id, "member": member.name})
    return Card(**{**card.__dict__, "votes": card.votes + 1})


def unvote(store: Store, meeting_id: str, card_id: int, member: Member) -> None:
    """Take back one of `member`'s dots from a card."""
    with store.transaction():
        _, content = open_content(store, meeting_id, for_change=True)
        mine = content.table(VOTES).search(
            (where("card") == card_id) & (where("member") == member.name)
        )
        if not mine:
            raise RetroError(f"{member.name} has no dot on card {card_id}")
        content.table(VOTES).remove(doc_ids=[mine[-1].doc_id])


def _summary(column: str, text: str) -> str:
    return f"{COLUMNS.get(column, column)}: {text}"


def _card_to_correct(
    store: Store, meeting_id: str, card_id: int, by: Member | None
) -> tuple[Card, bool]:
    """The card, if `by` may change it, and whether the cards are revealed. Its author
    may; once the cards are revealed, also the facilitator or the scribe (to merge
    doubles, say)."""
    if by is None:
        raise RetroError("say who you are to change a card (--as NAME)")
    current = board(store, meeting_id)
    card = next((c for c in current.cards if c.id == card_id), None)
    if card is None or card not in current.visible_to(by.name):
        raise RetroError(f"meeting {meeting_id} has no card {card_id}")
    meeting = get_meeting(store, meeting_id)
    if card.author != by.name and by.name not in (meeting.facilitator, meeting.scribe):
        raise RetroError(
            f"card {card_id} is not yours; its author, the facilitator or the scribe can change it"
        )
    return card, current.revealed


def edit_card(
    store: Store,
    meeting_id: str,
    card_id: int,
    text: str,
    by: Member | None,
    column: str | None = None,
) -> Card:
    """Correct a card's text, or move it to `column`. Before the reveal it is a draft its
    author may change freely; after it, the minutes show what the card said before."""
    if column is not None:
        validate.choice(column, COLUMNS, "card column")
    clean_text = validate.text(text, "card")
    with store.transaction():
        card, revealed = _card_to_correct(store, meeting_id, card_id, by)
        column = column or card.column
        if (card.column, card.text) == (column, clean_text):
            return card
        _, content = open_content(store, meeting_id, for_change=True)
        content.table(CARDS).update({"column": column, "text": clean_text}, doc_ids=[card_id])
        if revealed:
            note_correction(
                content,
                "card",
                card_id,
                _summary(card.column, card.text),
                _summary(column, clean_text),
                by,
            )
    return Card(**{**card.__dict__, "column": column, "text": clean_text})


def remove_card(store: Store, meeting_id: str, card_id: int, by: Member | None) -> Card:
    """Take a card away with its dots, which go back to their voters; after the reveal
    the minutes say so."""
    with store.transaction():
        card, revealed = _card_to_correct(store, meeting_id, card_id, by)
        _, content = open_content(store, meeting_id, for_change=True)
        content.table(VOTES).remove(where("card") == card_id)
        content.table(CARDS).remove(doc_ids=[card_id])
        if revealed:
            note_correction(content, "card", card_id, _summary(card.column, card.text), "", by)
    return card
