"""Review of open actions from earlier meetings: done, carried over, or dropped."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from retro_tui.domain import clock
from retro_tui.domain.actions import Action, actions_reviewed_in, open_actions, review_action
from retro_tui.domain.flow import MeetingState
from retro_tui.domain.meetings import Meeting
from retro_tui.widgets.plain import cell
from retro_tui.widgets.step import Step

OUTCOME_TEXT = {
    "done": Text("✓ done", style="green"),
    "carried": Text("→ carried over"),
    "dropped": Text("✗ dropped", style="dim"),
}


class ReviewStep(Step):
    BINDINGS = [
        Binding("d", "review('done')", "Done", id="review.done"),
        Binding("c", "review('carried')", "Carry over", id="review.carried"),
        Binding("x", "review('dropped')", "Drop", id="review.dropped"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("What happened to what we said we would do?", classes="step-intro")
        yield DataTable(cursor_type="row", id="review-table")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Action", width=34)
        table.add_columns("Owner", "Due", "Now")
        self.actions: list[Action] = []

    def show(self, meeting: Meeting, state: MeetingState) -> None:
        store = self.app.store
        reviewed_here = actions_reviewed_in(store, meeting.id)
        reviewed = {a.id: r.outcome for a, r in reviewed_here}
        still_open = open_actions(store, before=meeting.id, group=meeting.group)
        open_ids = {a.id for a in still_open}
        closed_here = [a for a, _ in reviewed_here if a.id not in open_ids]
        self.actions = sorted(
            [*still_open, *closed_here], key=lambda a: tuple(map(int, a.id.split("-")))
        )
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        today = clock.today()
        for action in self.actions:
            due_style = "bold red" if action.overdue(today) else ""
            outcome = (
                OUTCOME_TEXT[reviewed[action.id]]
                if action.id in reviewed
                else Text("open", style="dim")
            )
            table.add_row(
                cell(action.text),
                cell(action.owner),
                cell(action.due, due_style),
                outcome,
                key=action.id,
                height=None,
            )
        if not self.actions:
            table.add_row(Text("No open actions from earlier meetings.", style="dim"), "", "", "")
        table.move_cursor(row=min(row, max(len(self.actions) - 1, 0)))

    def action_review(self, outcome: str) -> None:
        table = self.query_one(DataTable)
        if not self.actions:
            return
        action = self.actions[table.cursor_row]
        if self.app.attempt(review_action, self.app.store, action.id, self.meeting_id, outcome):
            if table.cursor_row < len(self.actions) - 1:
                table.move_cursor(row=table.cursor_row + 1)
            self.changed()
