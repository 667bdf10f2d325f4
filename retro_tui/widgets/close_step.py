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
from retro_tui.domain.team import team_language
from retro_tui.export import gather_minutes
from retro_tui.export.markdown import MARKDOWN
from retro_tui.i18n import N_, _, using
from retro_tui.widgets.plain import filled, plain
from retro_tui.widgets.step import Step


class CloseStep(Step):
    BINDINGS = [
        Binding("e", "export", N_("Export minutes"), id="close.export"),
        Binding("c", "close_meeting", N_("Close meeting"), id="close.close"),
        Binding("o", "reopen", N_("Reopen"), id="close.reopen"),
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
        with using(team_language(store)):  # the minutes as they will be exported
            minutes = gather_minutes(store, meeting.id, self.app.my_name)
            written = MARKDOWN.render(minutes)
        roles = minutes["next_roles"]
        text = Text()
        if meeting.status == CLOSED:
            text.append(_("This meeting is closed.") + " ", style="bold green")  # i18n: not shown
        if roles["facilitator"]:
            text.append(
                filled(
                    _("Next time: {facilitator} facilitates, {scribe} takes notes."),
                    facilitator=plain(roles["facilitator"], "bold"),
                    scribe=plain(roles["scribe"] or _("nobody"), "bold"),
                )
            )
        self.query_one("#next-roles", Static).update(text)
        self.query_one("#minutes", Static).update(plain(written))

    def action_export(self) -> None:
        self.app.push_screen(ExportScreen(self.meeting_id))

    def action_reopen(self) -> None:
        store = self.app.store
        self.app.push_screen(
            reason_form(
                _("Reopen the meeting"),
                _("Why reopen it? The minutes will say."),
                lambda reason: reopen_meeting(store, self.meeting_id, reason, self.app.me),
            ),
            self.changed,
        )

    def action_close_meeting(self) -> None:
        if self.app.attempt(set_status, self.app.store, self.meeting_id, CLOSED):
            self.notify(_("Meeting closed. Thank you, everyone."))
            self.changed()
