"""Retrospective cards: written silently and hidden until revealed, then dot-voted."""

from typing import Self

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.geometry import Region
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from retro_tui.dialogs.confirm import ConfirmScreen
from retro_tui.dialogs.form import FormField, FormScreen
from retro_tui.domain.cards import (
    COLUMNS,
    Board,
    Card,
    add_card,
    board,
    edit_card,
    remove_card,
    reveal_cards,
    unvote,
    vote,
)
from retro_tui.domain.flow import MeetingState
from retro_tui.domain.meetings import Meeting
from retro_tui.domain.team import Member, find_member
from retro_tui.widgets.plain import plain
from retro_tui.widgets.step import Step


def card_prompt(card: Card, revealed: bool, me: Member | None) -> Text:
    """A card as its column shows it: hidden before the reveal except to its author."""
    if revealed:
        dots = "●" * card.votes
        return Text.assemble((f"{dots} " if dots else "", "bold yellow"), plain(card.text))
    if me is not None and card.author == me.name:
        return Text.assemble(("(only you see this) ", "dim"), plain(card.text))
    return Text("▒▒▒▒▒▒ hidden card", style="dim")


class CardList(OptionList):
    """A column's cards. Its size is set by its column, with room for a scrollbar kept
    (see retro.tcss), so a card arriving repaints this list alone: OptionList would lay
    out the whole screen again because the list grew, in every app at every card. And
    cards added at the end repaint only their own lines (`append`)."""

    appending = False

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        if self.appending:
            return self
        return super().refresh(*regions, repaint=repaint, layout=False, recompose=recompose)

    def append(self, options: list[Option]) -> None:
        """Add cards at the end, repainting the lines they take and nothing else."""
        self._update_lines()
        before = len(self._line_cache.lines)
        self.appending = True
        try:
            self.add_options(options)
        finally:
            self.appending = False
        added = len(self._line_cache.lines) - before
        top = before - self.scroll_offset.y
        self.refresh(Region(0, top, self.scrollable_content_region.width, added))


def column_field(column: str) -> FormField:
    return FormField(
        "column", "Column", column, "choice", [(label, key) for key, label in COLUMNS.items()]
    )


class CardsStep(Step):
    BINDINGS = [
        Binding("a", "add_card", "Write card", id="cards.add"),
        Binding("r", "reveal", "Reveal", id="cards.reveal"),
        Binding("v", "vote", "Vote", id="cards.vote"),
        Binding("u", "unvote", "Take back vote", id="cards.unvote"),
        Binding("m", "voter", "Voter", id="cards.voter"),
        Binding("e", "edit_card", "Correct card", id="cards.edit"),
        Binding("x", "remove_card", "Remove card", id="cards.remove"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="cards-status", markup=False)
        with Horizontal(id="columns"):
            for key, label in COLUMNS.items():
                column = CardList(id=f"col-{key}", classes="card-column")
                column.border_title = label
                yield column

    def on_mount(self) -> None:
        self.board: Board | None = None
        self.shown: dict[str, list[tuple[str, Text]]] = {}  # each column's cards as shown
        self.prompts: dict[tuple[Card, bool], Text] = {}
        self.status = Text()
        self.voter: Member | None = self.app.me

    def show(self, meeting: Meeting, state: MeetingState) -> None:
        """Redraw the columns whose cards changed; a new card leaves the others alone."""
        self.meeting = meeting
        self.board = board(self.app.store, meeting.id)
        for key in COLUMNS:
            cards = self.board.column(key)
            prompts = [(str(c.id), self.prompt(c)) for c in cards]
            before = self.shown.get(key, [])
            if before == prompts:
                continue
            self.shown[key] = prompts
            options = self.query_one(f"#col-{key}", CardList)
            if before and prompts[: len(before)] == before:  # new cards at the end
                options.append([Option(p, id=card_id) for card_id, p in prompts[len(before) :]])
                continue
            row = options.highlighted
            highlighted = None if row is None else options.get_option_at_index(row).id
            options.clear_options()
            options.add_options(Option(prompt, id=card_id) for card_id, prompt in prompts)
            if row is not None and prompts:
                # The highlight follows its card when votes re-sort the column.
                ids = [card_id for card_id, _ in prompts]
                options.highlighted = (
                    ids.index(highlighted) if highlighted in ids else min(row, len(ids) - 1)
                )
        status = self.status_text()
        if status != self.status:  # an update lays the screen out again: only on a change
            self.status = status
            self.query_one("#cards-status", Static).update(status)

    def prompt(self, card: Card) -> Text:
        """A card as shown; made once for each card as it is, not at every redraw."""
        assert self.board is not None
        key = (card, self.board.revealed)
        if key not in self.prompts:
            if len(self.prompts) > 4 * len(self.board.cards) + 100:
                self.prompts.clear()  # cards since changed or taken back
            self.prompts[key] = card_prompt(card, self.board.revealed, self.app.me)
        return self.prompts[key]

    def status_text(self) -> Text:
        current = self.board
        assert current is not None
        if not current.revealed:
            return Text.assemble(
                f"{len(current.cards)} card(s) written. ",
                (
                    "Write silently; the cards stay hidden until the facilitator reveals them (r).",
                    "dim",
                ),
            )
        if self.voter is None:
            return Text("Revealed. Choose who votes with m.", style="dim")
        return Text.assemble(
            "Revealed, most votes first. ",
            plain(self.voter.name, "bold"),
            f" has {current.votes_left(self.voter.name)} of {current.vote_budget} dots left.",
        )

    def highlighted_card(self) -> int | None:
        focused = self.screen.focused
        if isinstance(focused, OptionList) and focused.highlighted is not None:
            option = focused.get_option_at_index(focused.highlighted)
            return int(option.id) if option.id else None
        self.notify("Move to a card first (tab to a column).", severity="warning")
        return None

    def action_add_card(self) -> None:
        store = self.app.store
        focused = self.screen.focused
        column = (
            focused.id.removeprefix("col-")
            if isinstance(focused, OptionList) and focused.id
            else "went-well"
        )
        fields = [
            column_field(column),
            FormField("text", "Card", kind="area"),
        ]
        self.app.push_screen(
            FormScreen(
                "Write a card",
                fields,
                lambda v: add_card(store, self.meeting_id, v["column"], v["text"], self.app.me),
                "Others see it only after the reveal.",
            ),
            self.changed,
        )

    def card_to_correct(self) -> Card | None:
        card_id = self.highlighted_card()
        assert self.board is not None
        card = next(
            (c for c in self.board.visible_to(self.app.me and self.app.me.name) if c.id == card_id),
            None,
        )
        if card_id is not None and card is None:
            self.notify("Only its author can change a hidden card.", severity="warning")
        return card

    def action_edit_card(self) -> None:
        card = self.card_to_correct()
        if card is None:
            return
        store, me = self.app.store, self.app.me
        fields = [
            column_field(card.column),
            FormField("text", "Card", card.text, "area"),
        ]
        hint = (
            "After the reveal the minutes show what the card said before."
            if self.board and self.board.revealed
            else ""
        )
        self.app.push_screen(
            FormScreen(
                "Correct a card",
                fields,
                lambda v: edit_card(store, self.meeting_id, card.id, v["text"], me, v["column"]),
                hint,
            ),
            self.changed,
        )

    def action_remove_card(self) -> None:
        card = self.card_to_correct()
        if card is None:
            return
        store, me = self.app.store, self.app.me

        def answered(yes: bool | None) -> None:
            if yes and self.app.attempt(remove_card, store, self.meeting_id, card.id, me):
                self.changed()

        self.app.push_screen(
            ConfirmScreen(
                "Remove this card?",
                f"“{card.text}”\n\nIts dots go back to their voters.",
                "Remove",
            ),
            answered,
        )

    def action_reveal(self) -> None:
        if self.app.attempt(reveal_cards, self.app.store, self.meeting_id, self.app.me):
            self.changed()

    def action_vote(self) -> None:
        card_id = self.highlighted_card()
        if card_id is None:
            return
        if self.voter is None:
            if self.app.remote:
                self.notify("Only members can vote.", severity="warning")
            else:
                self.action_voter()
            return
        if self.app.attempt(vote, self.app.store, self.meeting_id, card_id, self.voter):
            self.changed()

    def action_unvote(self) -> None:
        card_id = self.highlighted_card()
        if card_id is not None and self.voter is not None:
            self.app.attempt(unvote, self.app.store, self.meeting_id, card_id, self.voter)
            self.changed()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Over SSH the key says who votes: nobody spends another member's dots."""
        if action == "voter" and self.app.remote:
            return False
        return super().check_action(action, parameters)

    def action_voter(self) -> None:
        """On a shared keyboard, choose whose dots the next votes spend."""
        meeting = self.meeting
        fields = [
            FormField(
                "name",
                "Who is voting?",
                self.voter.name if self.voter else "",
                "choice",
                [(name, name) for name in meeting.present],
            )
        ]

        def chosen(member: Member | None) -> None:
            if member is not None:
                self.voter = member
                self.changed()

        self.app.push_screen(
            FormScreen("Vote as", fields, lambda v: find_member(self.app.store, v["name"] or "")),
            chosen,
        )

    @on(OptionList.OptionSelected)
    def selected(self) -> None:
        self.action_vote()
