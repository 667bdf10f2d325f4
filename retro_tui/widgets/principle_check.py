"""The principle check of one agenda item: every principle with its verdict and note."""

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from retro_tui.domain.agenda import Item
from retro_tui.domain.principles import NOT_RELEVANT, SUPPORTS, TENSION, UNCONSIDERED, Principle
from retro_tui.i18n import N_, _
from retro_tui.widgets.plain import filled, plain

TENSION_STYLE = "bold yellow"  # i18n: not shown
# Each verdict as the check shows it: its sign, its word and its style.
VERDICTS = {
    SUPPORTS: ("✓", N_("supports"), "green"),
    TENSION: ("!", N_("tension"), TENSION_STYLE),
    NOT_RELEVANT: ("–", N_("not relevant"), "dim"),
    UNCONSIDERED: ("?", N_("not yet"), "dim italic"),  # i18n: not shown
}


def verdict_text(verdict: str) -> Text:
    """A verdict as the principle check shows it, in the language in use."""
    sign, word, style = VERDICTS[verdict]
    return Text(f"{sign} {_(word)}", style=style)


class PrincipleCheck(Vertical):
    """A table of the principles; keys set the highlighted one's verdict."""

    BINDINGS = [
        Binding("s", "verdict('supports')", N_("Supports"), id="check.supports"),
        Binding("t", "verdict('tension')", N_("Tension"), id="check.tension"),
        Binding("x", "verdict('not-relevant')", N_("Not relevant"), id="check.not_relevant"),
        Binding("u", "verdict('unconsidered')", N_("Not yet"), id="check.unconsidered", show=False),
    ]

    @dataclass
    class VerdictChosen(Message):
        key: str
        verdict: str

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.principles: list[Principle] = []

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", id="check-table")
        yield Static(id="question")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(_("Principle"), _("Verdict"))
        self.item: Item | None = None

    def show(self, principles: list[Principle], item: Item | None) -> None:
        self.principles = principles
        self.item = item
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for principle in principles:
            check = item.verdict(principle.key) if item else None
            table.add_row(
                plain(principle.name),
                verdict_text(check.verdict) if check else Text(""),
                key=principle.key,
            )
        if principles:
            table.move_cursor(row=min(row, len(principles) - 1))
        self.show_question()

    @on(DataTable.RowHighlighted)
    def show_question(self) -> None:
        table = self.query_one(DataTable)
        if not self.principles or table.cursor_row >= len(self.principles):
            return
        principle = self.principles[table.cursor_row]
        note = self.item.verdict(principle.key).note if self.item else ""
        self.query_one("#question", Static).update(
            Text.assemble(
                plain(principle.question),
                ("\n", TENSION_STYLE),
                filled(_("Tension: {note}"), TENSION_STYLE, note=plain(note)),
            )
            if note
            else plain(principle.question)
        )

    def action_verdict(self, verdict: str) -> None:
        table = self.query_one(DataTable)
        if self.principles:
            key = self.principles[table.cursor_row].key
            self.post_message(self.VerdictChosen(key, verdict))
            # On to the next principle, a tension too (its note is asked for it by key), so
            # that the next key never changes the verdict just given.
            if table.cursor_row < len(self.principles) - 1:
                table.move_cursor(row=table.cursor_row + 1)
