"""Home: the team's purpose, who leads the next meetings, open actions, lessons, tensions."""

from datetime import date
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from retro_tui.domain import clock
from retro_tui.i18n import N_, _, day_and_month, ngettext, pgettext
from retro_tui.screens.live import LiveScreen
from retro_tui.widgets.footer import KeysFooter
from retro_tui.widgets.plain import clipped, plain
from retro_tui.widgets.roles import short_name
from retro_tui.widgets.top_bar import TopBar

if TYPE_CHECKING:
    from retro_tui.domain.meetings import Meeting
    from retro_tui.domain.overview import Overview
    from retro_tui.domain.team import Member

SHORT_KINDS = {"retro": N_("Retro"), "forum": N_("Forum"), "sharing": N_("Sharing")}
WIDE_HOME = 120  # columns from which the meetings table has room for the roles
SIDE_PERCENT = 38  # of the width, for the panels beside the meetings (#home-side)
ACTION_ROOM = 24  # cells an open action's text keeps before its owner and date give way
OWNER_ROOM = 16  # cells for an owner's shortened name


def short_date(iso: str) -> str:
    """2026-11-22 as '22 Nov'; another year's date keeps its year."""
    return day_and_month(date.fromisoformat(iso), clock.today().year)


class HomeScreen(LiveScreen):
    """The overview a team sees when it opens retro."""

    BINDINGS = [
        Binding("n", "new_meeting", N_("New meeting"), id="home.new"),
        Binding("enter", "open_meeting", N_("Open"), id="home.open", show=False),
        Binding("l", "app.lessons", N_("Lessons"), id="home.lessons"),
        Binding("f", "app.forums", N_("Forums"), id="home.forums"),
        Binding("d", "app.decisions", N_("Decisions"), id="home.decisions"),
        Binding("t", "app.tasks", N_("Tasks"), id="home.tasks"),
        Binding("y", "app.trends", N_("Trends"), id="home.trends"),
        Binding("x", "export", N_("Export minutes"), id="home.export", show=False),
        Binding("w", "who_am_i", N_("Who are you?"), id="home.who"),
    ]

    def compose(self) -> ComposeResult:
        yield TopBar()
        yield Static(id="purpose", markup=False)
        with Horizontal(id="home-body"):
            with Vertical(id="meetings-panel", classes="panel") as panel:
                panel.border_title = _("Meetings")
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
        self.query_one("#rota").border_title = _("Who leads next")
        self.query_one("#actions").border_title = _("Open actions")
        self.query_one("#reviews").border_title = _("Needs a look")
        self.query_one("#lessons").border_title = _("Lessons and tensions")
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
        fields = [FormField("name", _("Who are you?"), "", "choice", [(n, n) for n in active])]

        def chosen(member: "Member | None") -> None:
            if member is not None:
                self.app.me = member
                self.refresh_overview()
                self.refresh_bindings()

        self.app.push_screen(
            FormScreen(
                _("Who are you?"),
                fields,
                lambda v: find_member(store, v["name"] or ""),
                hint=_("Leading the meeting, taking over and seeing your own cards need a name."),
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
        self._update("#purpose", plain(overview.team.purpose or _("No purpose sentence yet.")))
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
        """Show `text` in a panel, only if it changed: each update lays the screen out.
        A last line's newline is dropped, so that no panel ends on a blank row."""
        text.rstrip()
        if self.shown.get(selector) != text:
            self.shown[selector] = text
            self.query_one(selector, Static).update(text)

    def _show_meetings(self, overview: "Overview") -> None:
        """The meetings, with who led them where the screen is wide enough (at 80 columns
        the panel beside says who leads next). Rebuilt only when a row changed; the
        cursor stays on its meeting."""
        from retro_tui.domain.meetings import status_name
        from retro_tui.domain.overview import RECENT

        self.overview = overview
        wide = self.size.width >= WIDE_HOME
        rows = []
        # As many closed meetings as the panel has rows for (top bar, purpose, the panel's
        # border and header, the footer), and never fewer than the last few.
        room = max(RECENT, self.size.height - 8 - len(overview.upcoming))
        for meeting in [*overview.upcoming, *overview.recent[:room]]:
            style = "bold" if meeting in overview.upcoming else ""
            roles = (plain(meeting.facilitator, style), plain(meeting.scribe or "-", style))
            cells = (
                Text(short_date(meeting.date), style=style),
                plain(meeting.title, style),
                Text(status_name(meeting.status), style=style or "dim"),
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
        table.add_columns(
            _("Date"), _("Meeting"), _("Status"), *((_("Facilitator"), _("Scribe")) if wide else ())
        )
        for key, cells in rows:
            table.add_row(*cells, key=key)
        keys = [key for key, __ in rows]
        if current in keys:
            table.move_cursor(row=keys.index(current))

    def on_resize(self) -> None:
        if self.overview is not None:  # every panel again, from what was read
            self.refresh_overview(frozenset())

    def side_room(self) -> int:
        """Columns inside a side panel's border and padding."""
        return self.size.width * SIDE_PERCENT // 100 - 4

    def _rota_text(self, overview: "Overview") -> Text:
        from retro_tui.domain.meetings import status_name

        text = Text()
        # The two roles' names in one column, as wide as the longer of them.
        width = max(len(_("facilitator")), len(_("scribe")))
        facilitator = "  " + _("facilitator").ljust(width) + " "
        scribe = "\n  " + _("scribe").ljust(width) + " "
        # A name that would wrap is shortened to its first name and initial.
        room = self.side_room() - len(facilitator)

        def name(who: str) -> str:
            return who if cell_len(who) <= room else clipped(short_name(who), room).plain

        for meeting in overview.upcoming:
            what = _(SHORT_KINDS[meeting.kind]) if meeting.group == "team" else meeting.title
            heading = Text.assemble(f"{short_date(meeting.date)} · ", plain(what), style="bold")
            status = f" ({status_name(meeting.status)})"
            if heading.cell_len + len(status) <= self.side_room():  # the table says it too
                heading.append(status)
            text.append(heading)
            text.append("\n")
            text.append(facilitator, style="dim")
            text.append(plain(name(meeting.facilitator), "bold"))
            text.append(scribe, style="dim")
            text.append(plain(name(meeting.scribe) if meeting.scribe else _("nobody")))
            text.append("\n")
        room = max(0, 2 - len(overview.upcoming))  # the panel holds two meetings' roles
        for n, roles in enumerate(overview.rota[:room]):
            first = n == 0 and not overview.upcoming
            text.append(
                (_("next meeting") if first else pgettext("the meeting after", "then")) + "\n",
                style="bold",
            )
            text.append(facilitator, style="dim")
            text.append(plain(name(roles.facilitator)))
            text.append(scribe, style="dim")
            text.append(plain(name(roles.scribe) if roles.scribe else _("nobody")))
            text.append("\n")
        if not overview.members:
            text.append(_("No members yet: add them with `retro member add NAME`."))
        return text

    def _actions_text(self, overview: "Overview") -> Text:
        if not overview.open_actions:
            return Text(_("Nothing open."), style="dim")
        text = Text()
        today = clock.today()
        room = self.side_room() - 2  # the bullet
        for action in overview.open_actions[-8:]:
            # One line each: what to do, shortened at a word; who does it, and by when,
            # where the panel has room to spare (the date goes first, then the owner's
            # full name, then the owner); an overdue one marked.
            late = action.overdue(today)
            due = Text()
            if action.due:
                when = _("overdue {date}") if late else _("due {date}")
                style = "bold red" if late else "dim"  # i18n: not shown
                due = Text(" " + when.format(date=action.due), style=style)
            owner = clipped(short_name(action.owner), OWNER_ROOM, "italic")
            who = Text.assemble((" — ", "dim"), plain(action.owner, "italic"))
            tails = (who + due, who, Text.assemble((" — ", "dim"), owner))
            tail = next((t for t in tails if room - t.cell_len >= ACTION_ROOM), Text())
            text.append("! " if late else "• ", style="bold red" if late else "")
            text.append(clipped(action.text, room - tail.cell_len))
            text.append(tail)
            text.append("\n")
        more = len(overview.open_actions) - 8
        if more > 0:
            older = ngettext("and {count} older", "and {count} older", more)
            text.append(older.format(count=more) + "\n", style="dim")
        return text

    def _reviews_text(self, overview: "Overview") -> Text:
        """Decisions whose review is due and leadership tasks not aligned, not checked or
        due a check-in: a line each, two at most (d and t open the rest)."""
        review, task_word = pgettext("due", "review") + " ", pgettext("due", "task") + " "
        lines = [
            Text.assemble((review, "bold"), clipped(d.text, self.side_room() - len(review)))
            for d in overview.due_decisions
        ] + [
            Text.assemble(
                (task_word, "bold"),
                clipped(f"{task.name}: {why}", self.side_room() - len(task_word)),
            )
            for task, why in overview.tasks
        ]
        count = overview.due_count + len(overview.tasks)
        shown = lines if count <= 2 else lines[:1]
        if count > 2:
            more = ngettext("and {count} more (d, t)", "and {count} more (d, t)", count - 1)
            shown.append(Text(more.format(count=count - 1), style="dim"))
        return Text("\n", end="").join(shown)

    def _lessons_text(self, overview: "Overview") -> Text:
        text = Text()
        names = {p.key: p.name for p in overview.principles}
        if overview.tensions:
            text.append(_("Most often in tension lately") + "\n", style="bold")
            for key, count in overview.tensions[:3]:
                text.append(f"  {names.get(key, key)}: {count}×\n")
        text.append(_("Recent lessons") + "\n", style="bold")
        for lesson in overview.recent_lessons[:5]:
            text.append("• ")
            text.append(clipped(lesson.title, self.side_room() - 2))
            text.append("\n")
        if not overview.recent_lessons:
            text.append(_("None yet.") + "\n", style="dim")
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
