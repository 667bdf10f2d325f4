"""Close: the minutes preview, export to a file, and who leads next time."""

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from retro_tui.dialogs.export import ExportScreen
from retro_tui.dialogs.form import reason_form
from retro_tui.domain.flow import MeetingState
from retro_tui.domain.meetings import CLOSED, Meeting, reopen_meeting, set_status
from retro_tui.export import gather_minutes
from retro_tui.export.markdown import MARKDOWN
from retro_tui.widgets.plain import plain
from retro_tui.widgets.step import Step


class CloseStep(Step):
    BINDINGS = [
        Binding("e", "export", "Export minutes", id="close.export"),
        Binding("c", "close_meeting", "Close meeting", id="close.close"),
        Binding("o", "reopen", "Reopen", id="close.reopen"),
    ]
    READ_ONLY_ACTIONS: ClassVar[set[str]] = {"export", "reopen"}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reopen":
            return self.read_only
        return super().check_action(action, parameters)

    def compose(self) -> ComposeResult:
        yield Static(id="next-roles")
        with VerticalScroll(id="minutes-scroll", can_focus=True):
            yield Static(id="minutes", markup=False)

    def show(self, meeting: Meeting, state: MeetingState) -> None:
        store = self.app.store
        minutes = gather_minutes(store, meeting.id, self.app.my_name)
        roles = minutes["next_roles"]
        text = Text()
        if meeting.status == CLOSED:
            text.append("This meeting is closed. ", style="bold green")
        if roles["facilitator"]:
            text.append("Next time: ")
            text.append(plain(roles["facilitator"], "bold"))
            text.append(" facilitates, ")
            text.append(plain(roles["scribe"] or "nobody", "bold"))
            text.append(" takes notes.")
        self.query_one("#next-roles", Static).update(text)
        self.query_one("#minutes", Static).update(plain(MARKDOWN.render(minutes)))

    def action_export(self) -> None:
        self.app.push_screen(ExportScreen(self.meeting_id))

    def action_reopen(self) -> None:
        store = self.app.store
        self.app.push_screen(
            reason_form(
                "Reopen the meeting",
                "Why reopen it? The minutes will say.",
                lambda reason: reopen_meeting(store, self.meeting_id, reason, self.app.me),
            ),
            self.changed,
        )

    def action_close_meeting(self) -> None:
        if self.app.attempt(set_status, self.app.store, self.meeting_id, CLOSED):
            self.notify("Meeting closed. Thank you, everyone.")
            self.changed()
