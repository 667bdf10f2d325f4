"""Review of open actions from earlier meetings: done, carried over, or dropped."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from retro_tui.domain import clock
from retro_tui.domain.actions import (
    OPEN,
    OUTCOME_NAMES,
    STATUS_NAMES,
    Action,
    actions_reviewed_in,
    open_actions,
    review_action,
)
from retro_tui.domain.flow import MeetingState
from retro_tui.domain.meetings import Meeting
from retro_tui.domain.yearly import record_order
from retro_tui.i18n import N_, _
from retro_tui.widgets.plain import cell
from retro_tui.widgets.step import Step

# Each outcome of a review as the table shows it: its sign and its style.
OUTCOME_SIGNS = {"done": ("✓", "green"), "carried": ("→", ""), "dropped": ("✗", "dim")}


def outcome_text(outcome: str) -> Text:
    sign, style = OUTCOME_SIGNS[outcome]
    return Text(f"{sign} {_(OUTCOME_NAMES[outcome])}", style=style)


class ReviewStep(Step):
    BINDINGS = [
        Binding("d", "review('done')", N_("Done"), id="review.done"),
        Binding("c", "review('carried')", N_("Carry over"), id="review.carried"),
        Binding("x", "review('dropped')", N_("Drop"), id="review.dropped"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(_("What happened to what we said we would do?"), classes="step-intro")
        yield DataTable(cursor_type="row", id="review-table")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(_("Action"), width=34)
        table.add_columns(_("Owner"), _("Due"), _("Now"))
        self.actions: list[Action] = []

    def show(self, meeting: Meeting, state: MeetingState) -> None:
        store = self.app.store
        reviewed_here = actions_reviewed_in(store, meeting.id)
        reviewed = {a.id: r.outcome for a, r in reviewed_here}
        still_open = open_actions(store, before=meeting.id, group=meeting.group)
        open_ids = {a.id for a in still_open}
        closed_here = [a for a, __ in reviewed_here if a.id not in open_ids]
        self.actions = sorted([*still_open, *closed_here], key=lambda a: record_order(a.id))
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        today = clock.today()
        for action in self.actions:
            due_style = "bold red" if action.overdue(today) else ""  # i18n: not shown
            outcome = (
                outcome_text(reviewed[action.id])
                if action.id in reviewed
                else Text(_(STATUS_NAMES[OPEN]), style="dim")
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
            table.add_row(
                Text(_("No open actions from earlier meetings."), style="dim"), "", "", ""
            )
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
