"""The presenter view for the shared screen: the current item, a large countdown and the
principle check, readable from across the room."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import Static

from retro_tui.domain.agenda import list_items
from retro_tui.domain.flow import meeting_state, step_name
from retro_tui.domain.meetings import Meeting, content_file, get_meeting, year_file
from retro_tui.domain.principles import list_principles
from retro_tui.i18n import N_, _
from retro_tui.screens.live import LiveScreen
from retro_tui.store import TEAM
from retro_tui.widgets.countdown import Countdown
from retro_tui.widgets.plain import plain
from retro_tui.widgets.principle_check import verdict_text


class PresenterScreen(LiveScreen):
    BINDINGS = [
        Binding(
            "escape,ctrl+t",  # i18n: not shown
            "app.pop_screen",
            N_("Back"),
            id="presenter.back",
        ),
    ]

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting_id = meeting.id
        self.files = {TEAM, year_file(meeting.date[:4], meeting.group), content_file(meeting.id)}

    def compose(self) -> ComposeResult:
        with Vertical(id="presenter"):
            yield Static(id="presenter-step", markup=False)
            yield Static(id="presenter-item")
            with Center():
                yield Countdown(id="presenter-countdown")
            with Center():
                yield Static(id="presenter-check")

    def on_mount(self) -> None:
        self.reload()

    def shows(self, name: str) -> bool:
        return name in self.files

    def follow_store(self, changed: frozenset[str]) -> None:
        self.reload()

    def reload(self) -> None:
        store = self.app.store
        meeting = get_meeting(store, self.meeting_id)
        state = meeting_state(store, self.meeting_id)
        item = next((i for i in list_items(store, meeting.id) if i.id == state.item), None)
        self.query_one("#presenter-step", Static).update(
            plain(
                _("{title} · {step} · facilitator {name}").format(
                    title=meeting.title, step=step_name(state.step), name=meeting.facilitator
                )
            )
        )
        self.query_one("#presenter-item", Static).update(
            plain(item.title, "bold") if item else Text(_("No item under discussion"), style="dim")
        )
        self.query_one(Countdown).follow(state)
        check = Text()
        if item:
            for principle in list_principles(store):
                verdict = verdict_text(item.verdict(principle.key).verdict)
                check.append(plain(principle.name.ljust(26)))
                check.append(verdict)
                check.append("\n")
        self.query_one("#presenter-check", Static).update(check)
