"""The meeting, driven by the facilitator: steps on the left, the current step on the right."""

from collections.abc import Iterable
from functools import partial

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import ContentSwitcher, Static

from retro_tui.dialogs.form import FormField, FormScreen, reason_form
from retro_tui.domain.actions import ACTIONS
from retro_tui.domain.decisions import DECISIONS
from retro_tui.domain.flow import (
    MeetingState,
    go_to_step,
    meeting_state,
    step_name,
    steps_of,
    take_over,
)
from retro_tui.domain.lessons import LESSONS
from retro_tui.domain.meetings import (
    CANCELLED,
    CLOSED,
    Meeting,
    content_file,
    get_meeting,
    hand_over,
    status_name,
    swap_roles,
    year_file,
)
from retro_tui.domain.presence import HEARTBEAT_SECONDS, Presence, present_now
from retro_tui.domain.rota import FACILITATOR, ROLES, SCRIBE
from retro_tui.domain.team import get_team
from retro_tui.i18n import N_, _, ngettext
from retro_tui.screens.live import LiveScreen
from retro_tui.store import TEAM
from retro_tui.widgets.agenda_step import AgendaStep
from retro_tui.widgets.cards_step import CardsStep
from retro_tui.widgets.checkin_step import CheckinStep
from retro_tui.widgets.close_step import CloseStep
from retro_tui.widgets.footer import KeysFooter
from retro_tui.widgets.health_step import HealthStep
from retro_tui.widgets.lessons_step import LessonsStep
from retro_tui.widgets.review_step import ReviewStep
from retro_tui.widgets.roles import leads_text
from retro_tui.widgets.step import Step
from retro_tui.widgets.top_bar import TopBar

PRESENCE_CHECK_SECONDS = 2
# Each role as the hand-over form offers it.
ROLE_NAMES = {FACILITATOR: N_("Facilitator"), SCRIBE: N_("Scribe")}

STEP_WIDGETS: dict[str, type[Step]] = {
    "checkin": CheckinStep,
    "health": HealthStep,
    "review": ReviewStep,
    "agenda": AgendaStep,
    "cards": CardsStep,
    "lessons": LessonsStep,
    "close": CloseStep,
}


class MeetingScreen(LiveScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Home"), id="meeting.home"),
        Binding(
            "pagedown,ctrl+n",  # i18n: not shown
            "step(1)",
            N_("Next step"),
            id="meeting.next",
            priority=True,
        ),
        Binding(
            "pageup,ctrl+b",  # i18n: not shown
            "step(-1)",
            N_("Previous step"),
            id="meeting.previous",
            priority=True,
            show=False,
        ),
        Binding("ctrl+t", "presenter", N_("Presenter"), id="meeting.presenter"),
        Binding("ctrl+f", "take_over", N_("Take over"), id="meeting.take_over"),
        Binding("ctrl+w", "swap", N_("Swap roles"), id="meeting.swap"),
        Binding("ctrl+o", "hand_over", N_("Hand over"), id="meeting.hand_over"),
    ]

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.meeting: Meeting = get_meeting(self.app.store, meeting_id)
        self.state: MeetingState = meeting_state(self.app.store, meeting_id)
        self.here: list[str] = []  # who has the meeting open
        self.presence: Presence | None = None

    def compose(self) -> ComposeResult:
        yield TopBar()
        with Horizontal(id="step-bar"):
            yield Static(id="steps")
            yield Static(id="roles")
        with ContentSwitcher(id="step-body", initial=self.state.step):
            for step in steps_of(self.meeting):
                yield STEP_WIDGETS[step](self.meeting_id, step)
        yield KeysFooter(compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A closed meeting's roles stay as the minutes say: no swap or hand-over."""
        if action in ("swap", "take_over", "hand_over"):
            return self.meeting.status not in (CLOSED, CANCELLED)
        return True

    def on_mount(self) -> None:
        if self.app.me is not None:
            self.presence = Presence(self.app.store, self.meeting_id, self.app.me.name)
            self.presence.join()
            self.set_interval(HEARTBEAT_SECONDS, self.presence.beat)
        self.set_interval(PRESENCE_CHECK_SECONDS, self.show_presence)
        self.here = present_now(self.app.store, self.meeting_id)
        self.focus_step()

    def on_unmount(self) -> None:
        if self.presence is not None:
            self.presence.leave()

    def show_presence(self) -> None:
        here = present_now(self.app.store, self.meeting_id)
        if here != self.here:
            self.here = here
            self.show_bar()

    def on_screen_resume(self) -> None:
        """Shown first, or again after the presenter view: redraw from the store."""
        self.follow_store(frozenset())

    def shows(self, name: str) -> bool:
        """This meeting's record and file, the team, and the actions, decisions and lessons."""
        return name in (
            TEAM,
            year_file(self.meeting.date[:4], self.meeting.group),
            content_file(self.meeting_id),
        ) or name.startswith((f"{ACTIONS}-", f"{DECISIONS}-", f"{LESSONS}-"))

    def follow_store(self, changed: frozenset[str]) -> None:
        """Another process changed the store: show it, and follow the facilitator's step.

        When only the meeting's content changed (a card, a vote, a check), and the step
        is the same, only the step redraws: the meeting's record and the team did not
        change.
        """
        step = self.state.step
        if changed and not changed & {TEAM, year_file(self.meeting.date[:4], self.meeting.group)}:
            self.state = meeting_state(self.app.store, self.meeting_id)
            if self.state.step == step:
                self.show_step()
                return
        self.reload()
        if self.state.step != step:
            self.focus_step()

    def reload(self) -> None:
        """Redraw everything from the store."""
        store = self.app.store
        self.meeting = get_meeting(store, self.meeting_id)
        self.state = meeting_state(store, self.meeting_id)
        meeting = self.meeting
        place = f"{meeting.title} · {meeting.date} · {status_name(meeting.status)}"
        self.query_one(TopBar).show(get_team(store).name, self.app.me, place)
        self.show_bar()
        self.show_step()
        self.refresh_bindings()  # the keys follow the step and whether the meeting is open

    def show_step(self) -> None:
        """Redraw the current step from the meeting and its state."""
        self.query_one(ContentSwitcher).current = self.state.step
        step = self.query_one(f"#{self.state.step}", Step)
        step.read_only = self.meeting.status in (CLOSED, CANCELLED)
        step.show(self.meeting, self.state)

    @on(Step.Changed)
    def step_changed(self) -> None:
        """A step changed the store or what it shows: redraw, in this one place."""
        self.reload()

    def after_form(self, saved: object) -> None:
        """A form opened from this screen closed: show what it saved (nothing if cancelled)."""
        if saved is not None:
            self.reload()

    def show_bar(self) -> None:
        """The step bar: who leads and notes, always whole (names shortened where the line
        is short); then the steps, as far as they fit; then who is here, if room is left."""
        room = self.app.size.width - 4  # padding and margin
        steps = steps_of(self.meeting)
        shortest = self.steps_text(steps, named=False, alone=True)
        leads = leads_text(self.meeting, room - shortest.cell_len - 2)
        for named, alone in ((True, False), (False, False), (False, True)):
            shown = self.steps_text(steps, named, alone)
            if shown.cell_len + leads.cell_len + 2 <= room or alone:
                break
        self.query_one("#steps", Static).update(shown)
        self.query_one("#roles", Static).update(self.roles_text(leads, room - shown.cell_len - 2))

    def steps_text(self, steps: list[str], named: bool, alone: bool) -> Text:
        """The meeting's steps on one line, the current one marked: each by its name, or
        the others by their number, or the current one alone with where it stands."""
        number = steps.index(self.state.step) + 1
        if alone:
            return Text(
                f"▶ {number}/{len(steps)} {step_name(self.state.step)}", style="bold reverse"
            )
        text = Text()
        for n, step in enumerate(steps, start=1):
            if n > 1:
                text.append(" · ", style="dim")
            if step == self.state.step:
                current = f"▶ {step_name(step)}" if named else f"▶ {n} {step_name(step)}"
                text.append(current, style="bold reverse")
            else:
                text.append(step_name(step) if named else str(n), style="dim")
        return text

    def on_resize(self) -> None:
        self.show_bar()

    def roles_text(self, leads: Text, room: int) -> Text:
        """Who leads and notes, then who has the meeting open: their names where they
        fit in `room`, else how many they are."""
        text = leads.copy()
        if self.here:
            count = len(self.here)
            names = ", ".join(self.here)
            for extra in (
                ngettext("{count} here: {names}", "{count} here: {names}", count).format(
                    count=count, names=names
                ),
                ngettext("{count} here", "{count} here", count).format(count=count),
            ):
                if text.cell_len + 3 + cell_len(extra) <= room:
                    text.append(" · " + extra, style="dim")
                    break
        text.justify = "right"
        text.no_wrap = True
        return text

    def focus_step(self) -> None:
        step = self.query_one(f"#{self.state.step}", Step)
        focusable = [w for w in step.query("*") if w.focusable]
        if focusable:
            focusable[0].focus()

    def move_to(self, step: str) -> None:
        if self.app.attempt(go_to_step, self.app.store, self.meeting_id, step, self.app.me):
            self.reload()
            self.focus_step()

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Every step of the meeting, for the command palette."""
        for step in steps_of(self.meeting):
            yield SystemCommand(
                _("Go to {step}").format(step=step_name(step)),
                _("Move the meeting to this step"),
                partial(self.move_to, step),
            )

    def action_step(self, delta: int) -> None:
        steps = steps_of(self.meeting)
        index = steps.index(self.state.step) + delta
        if 0 <= index < len(steps):
            self.move_to(steps[index])

    def action_presenter(self) -> None:
        from retro_tui.screens.presenter import PresenterScreen

        self.app.push_screen(PresenterScreen(self.meeting))

    def action_swap(self) -> None:
        store = self.app.store
        self.app.push_screen(
            reason_form(
                _("Swap facilitator and scribe"),
                _("Why swap?"),
                lambda reason: swap_roles(store, self.meeting_id, reason, self.app.me),
            ),
            self.after_form,
        )

    def action_take_over(self) -> None:
        """Lead the meeting yourself, as when the facilitator's connection has dropped."""
        store = self.app.store
        self.app.push_screen(
            reason_form(
                _("Take over facilitation"),
                _("Why are you taking over?"),
                lambda reason: take_over(store, self.meeting_id, self.app.me, reason),
            ),
            self.after_form,
        )

    def action_hand_over(self) -> None:
        store = self.app.store
        fields = [
            FormField(
                "role",
                _("Which role?"),
                FACILITATOR,
                "choice",
                [(_(ROLE_NAMES[r]), r) for r in ROLES],
            ),
            FormField(
                "to",
                _("To whom?"),
                "",
                "choice",
                [(n, n) for n in self.meeting.present + self.meeting.absent],
            ),
            FormField("reason", _("Why?")),
        ]
        self.app.push_screen(
            FormScreen(
                _("Hand over a role"),
                fields,
                lambda v: hand_over(
                    store, self.meeting_id, v["role"], v["to"] or "", v["reason"], self.app.me
                ),
            ),
            self.after_form,
        )
