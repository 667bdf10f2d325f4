"""Retrospective cards: written silently, hidden until revealed, then dot-voted."""

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from retro_tui.domain import clock, validate
from retro_tui.domain.corrections import note_correction
from retro_tui.domain.flow import MeetingState, move_meeting, state_of
from retro_tui.domain.meetings import SETUP, get_meeting, open_content
from retro_tui.domain.team import Member
from retro_tui.domain.templates import BUILTIN, DEFAULT_TEMPLATE, Template
from retro_tui.errors import RetroError
from retro_tui.i18n import _, ngettext
from retro_tui.store import Store, TinyDB, where

CARDS = "cards"
VOTES = "votes"
THEMES = "themes"


@dataclass(frozen=True)
class Card:
    id: int
    column: str
    text: str
    author: str | None  # None in an anonymous meeting
    created: str
    votes: int = 0
    theme: int | None = None


@dataclass(frozen=True)
class Theme:
    """Cards the facilitator grouped under one name after the reveal."""

    id: int
    name: str
    votes: int = 0


@dataclass(frozen=True)
class Topic:
    """One thing to talk about: a theme with its cards, or a card in no theme."""

    theme: Theme | None
    cards: list[Card]

    @property
    def votes(self) -> int:
        return self.theme.votes if self.theme else self.cards[0].votes

    @property
    def title(self) -> str:
        return self.theme.name if self.theme else self.cards[0].text


@dataclass(frozen=True)
class Board:
    """The cards of one meeting: its template's columns, whether it is anonymous, the
    themes, whether the cards are revealed, and the dots."""

    template: Template
    anonymous: bool
    cards: list[Card]
    themes: list[Theme]
    revealed: bool
    vote_budget: int
    votes_by_member: dict[str, int]

    def column(self, key: str) -> list[Card]:
        """A column's cards, most voted first once revealed."""
        cards = [c for c in self.cards if c.column == key]
        return sorted(cards, key=lambda c: -c.votes) if self.revealed else cards

    def visible_to(self, viewer: str | None, own: Collection[int] = ()) -> list[Card]:
        """The cards `viewer` may read: all once revealed, before that only their own
        (in an anonymous meeting, those whose ids their session holds in `own`)."""
        if self.revealed:
            return list(self.cards)
        return [c for c in self.cards if (viewer and c.author == viewer) or c.id in own]

    def votes_left(self, member: str) -> int:
        return self.vote_budget - self.votes_by_member.get(member, 0)

    @property
    def voting_started(self) -> bool:
        return bool(self.votes_by_member)

    def theme(self, theme_id: int | None) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    def theme_named(self, name: str) -> Theme | None:
        """The theme called `name`, ignoring case, spacing and look-alike letters."""
        wanted = validate.name_key(name)
        return next((t for t in self.themes if validate.name_key(t.name) == wanted), None)

    def topics(self) -> list[Topic]:
        """The discussion order: themes and cards in no theme, most dots first, then in
        the order they were written."""
        topics = [Topic(t, [c for c in self.cards if c.theme == t.id]) for t in self.themes]
        topics += [Topic(None, [c]) for c in self.cards if self.theme(c.theme) is None]
        topics = [t for t in topics if t.cards]
        return sorted(topics, key=lambda t: (-t.votes, min(c.id for c in t.cards)))


def add_card(store: Store, meeting_id: str, column: str, text: str, author: Member | None) -> Card:
    """Write a card. In an anonymous meeting the store never learns who wrote it: the
    caller keeps the returned id to let its author change it before the reveal."""
    clean_text = validate.text(text, _("card"))
    with store.transaction():
        __, content = open_content(store, meeting_id, for_change=True)
        setup = board_setup(content)
        setup.template.column(column)
        doc = {
            "column": column,
            "text": clean_text,
            "author": None if setup.anonymous or author is None else author.name,
            "created": clock.timestamp(),
        }
        card_id = content.table(CARDS).insert(doc)
    return Card(id=card_id, **doc)


@dataclass(frozen=True)
class BoardSetup:
    template: Template
    anonymous: bool


def board_setup(content: TinyDB) -> BoardSetup:
    """A meeting's columns and whether it is anonymous; the classic board for meetings
    planned before boards had templates."""
    doc = content.table(SETUP).get(doc_id=1)
    if doc is None:
        return BoardSetup(BUILTIN[DEFAULT_TEMPLATE], False)
    return BoardSetup(Template.from_doc(doc), bool(doc.get("anonymous")))


def board(store: Store, meeting_id: str) -> Board:
    meeting, content = open_content(store, meeting_id)
    state = state_of(meeting, content)
    setup = board_setup(content)
    on_cards: Counter[int] = Counter()
    on_themes: Counter[int] = Counter()
    per_member: Counter[str] = Counter()
    for dot in content.table(VOTES).all():
        if "theme" in dot:
            on_themes[dot["theme"]] += 1
        elif "card" in dot:
            on_cards[dot["card"]] += 1
        else:
            continue  # a dot on nothing (a file edited by hand) counts for nobody
        per_member[dot["member"]] += 1
    cards = [
        Card(
            id=doc.doc_id,
            column=doc["column"],
            text=doc["text"],
            author=doc["author"],
            created=doc["created"],
            votes=on_cards[doc.doc_id],
            theme=doc.get("theme"),
        )
        for doc in content.table(CARDS).all()
    ]
    themes = [
        Theme(doc.doc_id, doc["name"], on_themes[doc.doc_id]) for doc in content.table(THEMES).all()
    ]
    return Board(
        setup.template,
        setup.anonymous,
        cards,
        themes,
        state.revealed,
        state.vote_budget,
        dict(per_member),
    )


def reveal_cards(store: Store, meeting_id: str, by: Member | None) -> MeetingState:
    """Show everyone's cards; only the facilitator may."""
    return move_meeting(store, meeting_id, by, revealed=True)


def set_vote_budget(store: Store, meeting_id: str, budget: int, by: Member | None) -> MeetingState:
    """How many dots each member has in this meeting; the facilitator sets it, and never
    below the dots someone has spent already."""
    validate.vote_budget(budget)
    with store.transaction():
        spent = max(board(store, meeting_id).votes_by_member.values(), default=0)
        if budget < spent:
            raise RetroError(
                _("someone has spent {count} dots already; give at least {count}").format(
                    count=spent
                )
            )
        return move_meeting(store, meeting_id, by, vote_budget=budget)


@dataclass(frozen=True)
class Dot:
    """Where a dot went, and how many that card or theme has now. `target` names it in
    the language in use; a sentence about the dot is better written whole, one for a
    card (`card`, its id) and one for a theme (`theme`, its name)."""

    target: str  # "card 4" or "theme “Onboarding”"
    votes: int
    card: int | None = None
    theme: str | None = None


def vote(store: Store, meeting_id: str, card_id: int, member: Member) -> Dot:
    """Put one of `member`'s dots on a card, or on its theme once it has one (several
    dots on one card or theme are allowed)."""
    with store.transaction():
        current = board(store, meeting_id)
        card = _card(current, meeting_id, card_id)
        theme = current.theme(card.theme)
        if theme is not None:
            return vote_theme(store, meeting_id, theme.id, member)
        _check_dot_left(current, member)
        __, content = open_content(store, meeting_id, for_change=True)
        content.table(VOTES).insert({"card": card_id, "member": member.name})
    return Dot(_("card {card}").format(card=card_id), card.votes + 1, card=card_id)


def vote_theme(store: Store, meeting_id: str, theme_id: int, member: Member) -> Dot:
    """Put one of `member`'s dots on a theme."""
    with store.transaction():
        current = board(store, meeting_id)
        theme = existing_theme(current, meeting_id, theme_id)
        _check_dot_left(current, member)
        __, content = open_content(store, meeting_id, for_change=True)
        content.table(VOTES).insert({"theme": theme_id, "member": member.name})
    return Dot(_("theme “{theme}”").format(theme=theme.name), theme.votes + 1, theme=theme.name)


def _card(current: Board, meeting_id: str, card_id: int) -> Card:
    card = next((c for c in current.cards if c.id == card_id), None)
    if card is None:
        raise _no_card(meeting_id, card_id)
    return card


def _no_card(meeting_id: str, card_id: int) -> RetroError:
    return RetroError(
        _("meeting {meeting} has no card {card}").format(meeting=meeting_id, card=card_id)
    )


def existing_theme(current: Board, meeting_id: str, theme_id: int) -> Theme:
    theme = current.theme(theme_id)
    if theme is None:
        raise RetroError(
            _("meeting {meeting} has no theme {theme}").format(meeting=meeting_id, theme=theme_id)
        )
    return theme


def _check_dot_left(current: Board, member: Member) -> None:
    if not current.revealed:
        raise RetroError(_("the cards are still hidden; voting starts when they are revealed"))
    if current.votes_left(member.name) <= 0:
        raise RetroError(
            ngettext(
                "{member} has used their {count} dot",
                "{member} has used all {count} dots",
                current.vote_budget,
            ).format(member=member.name, count=current.vote_budget)
        )


def unvote(
    store: Store, meeting_id: str, card_id: int, member: Member, theme: bool = False
) -> None:
    """Take back one of `member`'s dots from a card (from its theme, if it has one), or
    from the theme `card_id` names when `theme` is true."""
    with store.transaction():
        current = board(store, meeting_id)
        theme_id = card_id if theme else _card(current, meeting_id, card_id).theme
        if theme_id is not None and current.theme(theme_id) is not None:
            field, ref = "theme", theme_id
            none = _("{member} has no dot on theme {theme}").format(
                member=member.name, theme=theme_id
            )
        else:
            field, ref = "card", card_id
            none = _("{member} has no dot on card {card}").format(member=member.name, card=card_id)
        __, content = open_content(store, meeting_id, for_change=True)
        mine = content.table(VOTES).search((where(field) == ref) & (where("member") == member.name))
        if not mine:
            raise RetroError(none)
        content.table(VOTES).remove(doc_ids=[mine[-1].doc_id])


def _summary(template: Template, column: str, text: str) -> str:
    names = {c.key: c.name for c in template.columns}
    return f"{names.get(column, column)}: {text}"


def _corrector(current: Board, by: Member | None) -> Member | None:
    """Who the minutes say changed a card: nobody on an anonymous board, where naming
    the one who corrected a card could name the one who wrote it."""
    return None if current.anonymous else by


def _card_to_correct(
    store: Store, meeting_id: str, card_id: int, by: Member | None, own: Collection[int]
) -> tuple[Card, Board]:
    """The card, if `by` may change it, and the board. Its author may (in an anonymous
    meeting, the session that wrote it: its id is in `own`); once the cards are revealed,
    also the facilitator or the scribe (to merge doubles, say)."""
    if by is None:
        raise RetroError(_("say who you are to change a card (--as NAME)"))
    current = board(store, meeting_id)
    card = next((c for c in current.cards if c.id == card_id), None)
    if card is not None and current.anonymous and card not in current.visible_to(by.name, own):
        raise RetroError(
            _(
                "card {card} is hidden and anonymous; until the reveal only the app that "
                "wrote it can change it"
            ).format(card=card_id)
        )
    if card is None or card not in current.visible_to(by.name, own):
        raise _no_card(meeting_id, card_id)
    meeting = get_meeting(store, meeting_id)
    mine = card.author == by.name or (card.author is None and card.id in own)
    if not mine and by.name not in (meeting.facilitator, meeting.scribe):
        raise RetroError(
            _(
                "card {card} is not yours; its author, the facilitator or the scribe can change it"
            ).format(card=card_id)
        )
    return card, current


def edit_card(
    store: Store,
    meeting_id: str,
    card_id: int,
    text: str,
    by: Member | None,
    column: str | None = None,
    own: Collection[int] = (),
) -> Card:
    """Correct a card's text, or move it to `column`. Before the reveal it is a draft its
    author may change freely; after it, the minutes show what the card said before."""
    clean_text = validate.text(text, _("card"))
    with store.transaction():
        card, current = _card_to_correct(store, meeting_id, card_id, by, own)
        column = column or card.column
        current.template.column(column)
        if (card.column, card.text) == (column, clean_text):
            return card
        __, content = open_content(store, meeting_id, for_change=True)
        content.table(CARDS).update({"column": column, "text": clean_text}, doc_ids=[card_id])
        if current.revealed:
            note_correction(
                content,
                "card",
                card_id,
                _summary(current.template, card.column, card.text),
                _summary(current.template, column, clean_text),
                _corrector(current, by),
            )
    return Card(**{**card.__dict__, "column": column, "text": clean_text})


def remove_card(
    store: Store, meeting_id: str, card_id: int, by: Member | None, own: Collection[int] = ()
) -> Card:
    """Take a card away with its dots, which go back to their voters; after the reveal
    the minutes say so. A theme left with no card goes too, its dots back to its voters."""
    with store.transaction():
        card, current = _card_to_correct(store, meeting_id, card_id, by, own)
        __, content = open_content(store, meeting_id, for_change=True)
        content.table(VOTES).remove(where("card") == card_id)
        content.table(CARDS).remove(doc_ids=[card_id])
        if card.theme is not None and not any(
            c.theme == card.theme and c.id != card.id for c in current.cards
        ):
            content.table(VOTES).remove(where("theme") == card.theme)
            content.table(THEMES).remove(doc_ids=[card.theme])
        if current.revealed:
            was = _summary(current.template, card.column, card.text)
            note_correction(content, "card", card_id, was, "", _corrector(current, by))
    return card
