"""Home: the team's purpose, who leads the next meetings, open actions, lessons, tensions."""

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from retro_tui.domain import clock
from retro_tui.screens.live import LiveScreen
from retro_tui.widgets.footer import KeysFooter
from retro_tui.widgets.plain import plain
from retro_tui.widgets.top_bar import TopBar

if TYPE_CHECKING:
    from retro_tui.domain.meetings import Meeting
    from retro_tui.domain.overview import Overview
    from retro_tui.domain.team import Member

SHORT_KINDS = {"retro": "Retro", "forum": "Forum", "sharing": "Sharing"}
WIDE_HOME = 120  # columns from which the meetings table has room for the roles


def short_date(iso: str) -> str:
    """2026-11-22 as '22 Nov'; another year's date keeps its year."""
    day = date.fromisoformat(iso)
    return day.strftime("%d %b") if day.year == clock.today().year else day.strftime("%b %Y")


class HomeScreen(LiveScreen):
    """The overview a team sees when it opens retro."""

    BINDINGS = [
        Binding("n", "new_meeting", "New meeting", id="home.new"),
        Binding("enter", "open_meeting", "Open", id="home.open", show=False),
        Binding("l", "app.lessons", "Lessons", id="home.lessons"),
        Binding("f", "app.forums", "Forums", id="home.forums"),
        Binding("d", "app.decisions", "Decisions", id="home.decisions"),
        Binding("t", "app.tasks", "Tasks", id="home.tasks"),
        Binding("y", "app.trends", "Trends", id="home.trends"),
        Binding("x", "export", "Export minutes", id="home.export"),
        Binding("w", "who_am_i", "Who are you?", id="home.who"),
    ]

    def compose(self) -> ComposeResult:
        yield TopBar()
        yield Static(id="purpose", markup=False)
        with Horizontal(id="home-body"):
            with Vertical(id="meetings-panel", classes="panel") as panel:
                panel.border_title = "Meetings"
                yield DataTable(id="meetings", cursor_type="row")
            with Vertical(id="home-side"):
                yield Static(id="rota", classes="panel")
                yield Static(id="reviews", classes="panel")
                yield Static(id="actions", classes="panel")
                yield Static(id="lessons", classes="panel")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#meetings", DataTable)
        self.overview: Overview | None = None
        self.asked_identity = False
        self.shown: dict[str, object] = {}  # what each panel and the table show now
        self.query_one("#rota").border_title = "Who leads next"
        self.query_one("#actions").border_title = "Open actions"
        self.query_one("#reviews").border_title = "Needs a look"
        self.query_one("#lessons").border_title = "Lessons and tensions"
        table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "who_am_i":
            return self.may_choose_identity()
        return True

    def may_choose_identity(self) -> bool:
        """At a local screen where nobody is known, people say who they are. Over SSH the
        key decides, and nobody chooses."""
        return self.app.me is None and not self.app.remote

    def action_who_am_i(self) -> None:
        from retro_tui.dialogs.form import FormField, FormScreen
        from retro_tui.domain.team import find_member

        overview = self.overview
        active = [m.name for m in overview.members if m.active] if overview else []
        if not self.may_choose_identity() or not active:
            return
        store = self.app.store
        fields = [FormField("name", "Who are you?", "", "choice", [(n, n) for n in active])]

        def chosen(member: "Member | None") -> None:
            if member is not None:
                self.app.me = member
                self.refresh_overview()
                self.refresh_bindings()

        self.app.push_screen(
            FormScreen(
                "Who are you?",
                fields,
                lambda v: find_member(store, v["name"] or ""),
                hint="Leading the meeting, taking over and seeing your own cards need a name.",
            ),
            chosen,
        )

    def refresh_overview(self, changed: frozenset[str] | None = None) -> None:
        """Show the overview; with the files `changed`, only what they hold is read again."""
        # The domain loads after the first frame is painted.
        from retro_tui.domain.overview import team_overview

        overview = self.app.attempt(team_overview, self.app.store, self.overview, changed)
        if overview is None:
            return
        self.query_one(TopBar).show(overview.team.name, self.app.me)
        self._update("#purpose", plain(overview.team.purpose or "No purpose sentence yet."))
        self._show_meetings(overview)
        self._update("#rota", self._rota_text(overview))
        self._update("#actions", self._actions_text(overview))
        self._update("#reviews", self._reviews_text(overview))
        self.query_one("#reviews").display = bool(overview.due_count or overview.tasks)
        self._update("#lessons", self._lessons_text(overview))
        if not self.asked_identity and self.may_choose_identity() and overview.members:
            self.asked_identity = True  # asked once; w asks again
            self.action_who_am_i()

    def _update(self, selector: str, text: Text) -> None:
        """Show `text` in a panel, only if it changed: each update lays the screen out."""
        if self.shown.get(selector) != text:
            self.shown[selector] = text
            self.query_one(selector, Static).update(text)

    def _show_meetings(self, overview: "Overview") -> None:
        """The meetings, with who led them where the screen is wide enough (at 80 columns
        the panel beside says who leads next). Rebuilt only when a row changed; the
        cursor stays on its meeting."""
        self.overview = overview
        wide = self.size.width >= WIDE_HOME
        rows = []
        for meeting in [*overview.upcoming, *overview.recent]:
            style = "bold" if meeting in overview.upcoming else ""
            roles = (plain(meeting.facilitator, style), plain(meeting.scribe or "-", style))
            cells = (
                Text(short_date(meeting.date), style=style),
                plain(meeting.title, style),
                Text(meeting.status, style=style or "dim"),
                *(roles if wide else ()),
            )
            rows.append((meeting.id, cells))
        # Text compares without its style: a row that turns bold is a change too.
        drawn = [(key, [(c.plain, str(c.style), c.spans) for c in cells]) for key, cells in rows]
        if self.shown.get("#meetings") == drawn:
            return
        self.shown["#meetings"] = drawn
        table = self.query_one("#meetings", DataTable)
        current = self.selected_key()
        table.clear(columns=True)
        table.add_columns("Date", "Meeting", "Status", *(("Facilitator", "Scribe") if wide else ()))
        for key, cells in rows:
            table.add_row(*cells, key=key)
        keys = [key for key, _ in rows]
        if current in keys:
            table.move_cursor(row=keys.index(current))

    def on_resize(self) -> None:
        if self.overview is not None:
            self._show_meetings(self.overview)

    def _rota_text(self, overview: "Overview") -> Text:
        text = Text()
        for meeting in overview.upcoming:
            what = SHORT_KINDS[meeting.kind] if meeting.group == "team" else meeting.title
            text.append(f"{short_date(meeting.date)} · ", style="bold")
            text.append(plain(what, "bold"))
            text.append(f" ({meeting.status})\n", style="bold")
            text.append("  facilitator ", style="dim")
            text.append(plain(meeting.facilitator, "bold"))
            text.append("\n  scribe      ", style="dim")
            text.append(plain(meeting.scribe or "nobody"))
            text.append("\n")
        room = max(0, 2 - len(overview.upcoming))  # the panel holds two meetings' roles
        for n, roles in enumerate(overview.rota[:room]):
            text.append(
                "next meeting\n" if n == 0 and not overview.upcoming else "then\n", style="bold"
            )
            text.append("  facilitator ", style="dim")
            text.append(plain(roles.facilitator))
            text.append("\n  scribe      ", style="dim")
            text.append(plain(roles.scribe or "nobody"))
            text.append("\n")
        if not overview.members:
            text.append("No members yet: add them with `retro member add NAME`.")
        return text

    def _actions_text(self, overview: "Overview") -> Text:
        if not overview.open_actions:
            return Text("Nothing open.", style="dim")
        text = Text()
        today = clock.today()
        for action in overview.open_actions[-8:]:
            late = action.overdue(today)
            text.append("• ")
            text.append(plain(action.text))
            text.append(" — ", style="dim")
            text.append(plain(action.owner, "italic"))
            if action.due:
                text.append(
                    f" {'overdue ' if late else 'due '}{action.due}",
                    style="bold red" if late else "dim",
                )
            text.append("\n")
        more = len(overview.open_actions) - 8
        if more > 0:
            text.append(f"and {more} older\n", style="dim")
        return text

    def _reviews_text(self, overview: "Overview") -> Text:
        """Decisions whose review is due and leadership tasks not aligned, not checked or
        due a check-in: a line each, two at most (d and t open the rest)."""
        lines = [
            Text.assemble(("review ", "bold"), plain(d.text)) for d in overview.due_decisions
        ] + [
            Text.assemble(("task ", "bold"), plain(task.name), (f": {why}", "dim"))
            for task, why in overview.tasks
        ]
        count = overview.due_count + len(overview.tasks)
        shown = lines if count <= 2 else lines[:1]
        if count > 2:
            shown.append(Text(f"and {count - 1} more (d, t)", style="dim"))
        return Text("\n", end="").join(shown)

    def _lessons_text(self, overview: "Overview") -> Text:
        text = Text()
        names = {p.key: p.name for p in overview.principles}
        if overview.tensions:
            text.append("Most often in tension lately\n", style="bold")
            for key, count in overview.tensions[:3]:
                text.append(f"  {names.get(key, key)}: {count}×\n")
        text.append("Recent lessons\n", style="bold")
        for lesson in overview.recent_lessons[:5]:
            text.append("• ")
            text.append(plain(lesson.title))
            text.append("\n")
        if not overview.recent_lessons:
            text.append("None yet.\n", style="dim")
        return text

    def selected_key(self) -> str | None:
        table = self.query_one("#meetings", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def selected_meeting(self) -> "Meeting | None":
        from retro_tui.domain.meetings import get_meeting

        key = self.selected_key()
        return None if key is None else self.app.attempt(get_meeting, self.app.store, key)

    def follow_store(self, changed: frozenset[str]) -> None:
        self.refresh_overview(changed)

    def on_screen_resume(self) -> None:
        """Shown first, or again after another screen: show what changed meanwhile.

        The data loads just after the frame is painted, so the screen appears at once.
        """
        self.call_after_refresh(self.refresh_overview)

    # The other screens load on first use, which keeps start-up fast.

    def action_new_meeting(self) -> None:
        from retro_tui.dialogs.start_meeting import StartMeetingScreen
        from retro_tui.screens.meeting import MeetingScreen

        def started(meeting: "Meeting | None") -> None:
            if meeting is not None:
                self.app.push_screen(MeetingScreen(meeting.id))

        self.app.push_screen(StartMeetingScreen(), started)

    @on(DataTable.RowSelected, "#meetings")
    def action_open_meeting(self) -> None:
        from retro_tui.screens.meeting import MeetingScreen

        meeting = self.selected_meeting()
        if meeting is not None:
            self.app.push_screen(MeetingScreen(meeting.id))

    def action_export(self) -> None:
        from retro_tui.dialogs.export import ExportScreen

        meeting = self.selected_meeting()
        if meeting is not None:
            self.app.push_screen(ExportScreen(meeting.id))
