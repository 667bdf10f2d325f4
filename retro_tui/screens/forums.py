"""The forum map: every decision forum and knowledge community, what it is for, who leads
it, who is in it, when it meets next, and its decisions in force."""

from itertools import groupby

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Static

from retro_tui.dialogs.form import FormField, FormScreen, member_choices
from retro_tui.domain.decisions import DECISIONS, in_force
from retro_tui.domain.groups import (
    CO_LEAD,
    HOST,
    LEAD,
    WEEKDAYS,
    add_group,
    change_roles,
    parse_cadence,
)
from retro_tui.domain.house import GroupView, house_map
from retro_tui.domain.meetings import MEETINGS, coming_turns
from retro_tui.domain.team import get_team
from retro_tui.screens.home import short_date
from retro_tui.screens.live import LiveScreen
from retro_tui.store import TEAM
from retro_tui.widgets.footer import KeysFooter
from retro_tui.widgets.picked import picked
from retro_tui.widgets.plain import clipped, plain
from retro_tui.widgets.top_bar import TopBar

NAME_WIDTH = 30


class ForumsScreen(LiveScreen):
    """Which groups there are and who leads them: open to every member."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="forums.back"),
        Binding("a", "add_forum", "New forum", id="forums.add"),
        Binding("c", "add_community", "New community", id="forums.community"),
        Binding("l", "change_leads", "Change leads", id="forums.leads"),
        Binding("n", "new_meeting", "Plan its meeting", id="forums.meeting"),
        Binding("d", "decisions", "Its decisions", id="forums.decisions"),
        Binding("x", "export", "Export the map", id="forums.export"),
    ]

    def compose(self) -> ComposeResult:
        yield TopBar()
        with Horizontal(id="forums-body"):
            yield DataTable(id="forum-table", cursor_type="row")
            with VerticalScroll(id="forum-detail", classes="panel"):
                yield Static(id="forum-text", markup=False)
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one(TopBar).show(get_team(self.app.store).name, self.app.me, "Forums")
        self.query_one("#forum-detail").border_title = "Forum"
        table = self.query_one("#forum-table", DataTable)
        table.add_columns("Group", "Next")
        self.views: list[GroupView] = []
        self.reload()
        table.focus()

    def shows(self, name: str) -> bool:
        return name == TEAM or name.startswith((f"{MEETINGS}-", f"{DECISIONS}-"))

    def follow_store(self, changed: frozenset[str]) -> None:
        self.reload()

    def reload(self) -> None:
        """Every forum and community, the cursor staying on its group."""
        views = self.app.attempt(house_map, self.app.store)
        if views is None:
            return
        current = self.current()
        self.views = views
        table = self.query_one("#forum-table", DataTable)
        table.clear()
        for view in views:
            group = view.group
            leads = ", ".join(filter(None, group.roles.values())) or "no lead"
            table.add_row(
                Text.assemble(
                    clipped(group.name, NAME_WIDTH, "bold"),
                    "\n",
                    clipped(f"{group.kind}: {leads}", NAME_WIDTH, "dim"),
                ),
                short_date(view.next_meeting) if view.next_meeting else "-",
                key=group.key,
                height=2,
            )
        keys = [view.group.key for view in views]
        if current is not None and current.group.key in keys:
            table.move_cursor(row=keys.index(current.group.key))
        self.show_detail()

    def current(self) -> GroupView | None:
        return picked(self, "#forum-table", getattr(self, "views", []))

    @on(DataTable.RowHighlighted, "#forum-table")
    def show_detail(self) -> None:
        view = self.current()
        text_widget = self.query_one("#forum-text", Static)
        if view is None:
            text_widget.update(
                Text(
                    "No forums or communities yet.\n\nMake one from the command line:\n"
                    "retro forum add NAME --area TEXT --lead MEMBER --co-lead MEMBER\n"
                    "retro community add NAME --topic TEXT",
                    style="dim",
                )
            )
            return
        self.query_one("#forum-detail").border_title = Text(view.group.name)  # never markup
        text_widget.update(self.detail_text(view))

    def detail_text(self, view: GroupView) -> Text:
        group, store = view.group, self.app.store
        text = Text()
        label = "Area" if group.kind == "forum" else "Topic"
        text.append(f"{group.kind_info.name}\n", style="bold")
        text.append(f"{label}: ", style="dim")
        text.append(plain(group.focus))
        text.append("\n")
        for role in group.kind_info.roles:
            holder = group.holder(role)
            text.append(f"{role.name.capitalize()}: ", style="dim")
            text.append(plain(holder or "nobody", "bold"))
            if holder and role.key in group.since:
                text.append(f" since {short_date(group.since[role.key])}", style="dim")
            text.append("\n")
        text.append("Members: ", style="dim")
        text.append(plain(", ".join(view.members)))
        text.append("\nMeets: ", style="dim")
        text.append(group.cadence.describe() if group.cadence else "when it plans a meeting")
        if view.next_meeting:
            state = "planned" if view.planned else "by its plan"
            text.append(f", next {short_date(view.next_meeting)} ({state})")
        facilitated = "lead and co-lead in turn" if group.facilitation == "leads" else "the rota"
        text.append("\nFacilitated by: ", style="dim")
        text.append(facilitated)
        for turn in self.app.attempt(coming_turns, store, 2, group.key) or []:
            when = short_date(turn.meeting.date) if turn.meeting else "then"
            text.append(f"\n{when}: ", style="dim")
            text.append(plain(turn.facilitator, "bold"))
            text.append(" leads, ", style="dim")
            text.append(plain(turn.scribe or "nobody"))
            text.append(" notes", style="dim")
        if group.kind_info.decides:
            decisions = self.app.attempt(in_force, store, group.key) or []
            text.append(f"\n\nDecisions in force ({len(decisions)})\n", style="bold")
            for decision in decisions[-6:]:
                text.append("• ")
                text.append(plain(decision.text))
                if decision.review:
                    text.append(f" (review {decision.review})", style="dim")
                text.append("\n")
        if group.role_changes:
            text.append("\nChanges of lead\n", style="bold")
            handovers = [
                (key, list(changes))
                for key, changes in groupby(group.role_changes, key=lambda c: (c.at, c.reason))
            ]
            for (at, reason), changes in handovers[-3:]:
                text.append(f"{at[:10]} ", style="dim")
                for n, change in enumerate(changes):
                    text.append(f"{', ' if n else ''}{change.role} ", style="dim")
                    text.append(plain(f"{change.from_member or '-'} → {change.to_member or '-'}"))
                text.append(": ")
                text.append(plain(reason, "italic"))
                text.append("\n")
        return text

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("change_leads", "new_meeting", "decisions"):
            return self.current() is not None
        return True

    def action_add_forum(self) -> None:
        store, me, everyone = self.app.store, self.app.me, member_choices(self.app.store)

        def save(v: dict) -> object:
            plan = parse_cadence(
                int(v["weeks"]) if v["weeks"].strip().isdigit() else None, v["day"]
            )
            return add_group(
                store,
                "forum",
                v["name"],
                v["area"],
                {LEAD.key: v["lead"], CO_LEAD.key: v["co_lead"]},
                v["members"],
                plan,
                v["facilitation"] or "rota",
                me,
            )

        days = [(day.capitalize(), day) for day in WEEKDAYS]
        self.app.push_screen(
            FormScreen(
                "New decision forum",
                [
                    FormField("name", "Name"),
                    FormField("area", "Area it decides about", kind="area"),
                    FormField("lead", "Lead", kind="choice", options=everyone),
                    FormField("co_lead", "Co-lead", kind="choice", options=everyone),
                    FormField("members", "Members", [], "many", everyone),
                    FormField("day", "Meets on (optional)", kind="choice", options=days),
                    FormField("weeks", "Every how many weeks (1 if empty)"),
                    FormField(
                        "facilitation",
                        "Facilitated by",
                        "rota",
                        "choice",
                        [("the rota among members", "rota"), ("lead and co-lead in turn", "leads")],
                    ),
                ],
                save,
                "A forum takes formal decisions in its area. Everyone sees it on the map.",
            ),
            self.after_form,
        )

    def action_add_community(self) -> None:
        store, me, everyone = self.app.store, self.app.me, member_choices(self.app.store)
        self.app.push_screen(
            FormScreen(
                "New knowledge community",
                [
                    FormField("name", "Name"),
                    FormField("topic", "Topic it shares knowledge about", kind="area"),
                    FormField("host", "Host (optional)", kind="choice", options=everyone),
                    FormField("members", "Members", [], "many", everyone),
                ],
                lambda v: add_group(
                    store,
                    "community",
                    v["name"],
                    v["topic"],
                    {HOST.key: v["host"]},
                    v["members"],
                    by=me,
                ),
                "A community shares knowledge and decides nothing.",
            ),
            self.after_form,
        )

    def action_change_leads(self) -> None:
        view = self.current()
        if view is None:
            return
        group, store, me = view.group, self.app.store, self.app.me
        everyone = member_choices(self.app.store)
        fields = [
            FormField(
                role.key, role.name.capitalize(), group.holder(role) or "", "choice", everyone
            )
            for role in group.kind_info.roles
        ]
        if not fields:
            self.notify("The team has no lead: its meetings use the rota.", severity="warning")
            return
        self.app.push_screen(
            FormScreen(
                f"Change the leads of {group.name}",
                [*fields, FormField("reason", "Why?")],
                lambda v: change_roles(
                    store,
                    group.key,
                    {role.key: v[role.key] for role in group.kind_info.roles},
                    v["reason"],
                    me,
                ),
                "The forum's history keeps who led before, and why it changed.",
            ),
            self.after_form,
        )

    def after_form(self, saved: object) -> None:
        if saved is not None:
            self.reload()
            keys = [view.group.key for view in self.views]
            key = getattr(saved, "key", None)
            if key in keys:
                self.query_one("#forum-table", DataTable).move_cursor(row=keys.index(key))

    def action_new_meeting(self) -> None:
        """Plan the selected group's next meeting today, with its rota's roles."""
        from retro_tui.domain.meetings import create_meeting
        from retro_tui.screens.meeting import MeetingScreen

        view = self.current()
        if view is None:
            return
        meeting = self.app.attempt(
            create_meeting, self.app.store, by=self.app.me, group=view.group.key
        )
        if meeting is not None:
            self.app.push_screen(MeetingScreen(meeting.id))

    def action_export(self) -> None:
        from retro_tui.dialogs.export import HouseExportScreen

        self.app.push_screen(HouseExportScreen())

    def action_decisions(self) -> None:
        from retro_tui.screens.decisions import DecisionsScreen

        view = self.current()
        self.app.push_screen(DecisionsScreen(view.group.key if view else None))
