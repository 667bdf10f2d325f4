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
    WEEKDAY_NAMES,
    WEEKDAYS,
    RoleKind,
    add_group,
    change_roles,
    parse_cadence,
)
from retro_tui.domain.house import GroupView, house_map
from retro_tui.domain.meetings import MEETINGS, coming_turns
from retro_tui.domain.team import get_team
from retro_tui.i18n import N_, _, pgettext
from retro_tui.screens.home import short_date
from retro_tui.screens.live import LiveScreen
from retro_tui.store import TEAM
from retro_tui.widgets.footer import KeysFooter
from retro_tui.widgets.picked import picked
from retro_tui.widgets.plain import clipped, filled, plain
from retro_tui.widgets.top_bar import TopBar

NAME_WIDTH = 30
# A group's kind and who leads it, under its name in the table.
KIND_LEADS = {"forum": N_("forum: {leads}"), "community": N_("community: {leads}")}
# A standing role as a label, by its key.
ROLE_LABELS = {LEAD.key: N_("Lead"), CO_LEAD.key: N_("Co-lead"), HOST.key: N_("Host")}


def role_label(role: RoleKind) -> str:
    """`Lead`, `Co-lead`, `Host`, in the language in use."""
    return _(ROLE_LABELS[role.key]) if role.key in ROLE_LABELS else role.name.capitalize()


def role_word(key: str) -> str:
    """A role in the history of a group's leads, in the language in use."""
    roles = {role.key: role for role in (LEAD, CO_LEAD, HOST)}
    return _(roles[key].name) if key in roles else key


def weekday_choices() -> list[tuple[str, str]]:
    """The days a group may meet on, named in the language in use, as a choice offers them."""
    return [(_(WEEKDAY_NAMES[n]).capitalize(), day) for n, day in enumerate(WEEKDAYS)]


class ForumsScreen(LiveScreen):
    """Which groups there are and who leads them: open to every member."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="forums.back"),
        Binding("a", "add_forum", N_("New forum"), id="forums.add"),
        Binding("c", "add_community", N_("New community"), id="forums.community"),
        Binding("l", "change_leads", N_("Change leads"), id="forums.leads"),
        Binding("n", "new_meeting", N_("Plan its meeting"), id="forums.meeting"),
        Binding("d", "decisions", N_("Its decisions"), id="forums.decisions"),
        Binding("x", "export", N_("Export the map"), id="forums.export"),
    ]

    def compose(self) -> ComposeResult:
        yield TopBar()
        with Horizontal(id="forums-body"):
            yield DataTable(id="forum-table", cursor_type="row")
            with VerticalScroll(id="forum-detail", classes="panel"):
                yield Static(id="forum-text", markup=False)
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one(TopBar).show(get_team(self.app.store).name, self.app.me, _("Forums"))
        self.query_one("#forum-detail").border_title = _("Forum")
        table = self.query_one("#forum-table", DataTable)
        table.add_columns(pgettext("column", "Group"), pgettext("next meeting", "Next"))
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
            leads = ", ".join(filter(None, group.roles.values())) or _("no lead")
            kind = KIND_LEADS.get(group.kind)
            under = _(kind).format(leads=leads) if kind else f"{group.kind}: {leads}"
            table.add_row(
                Text.assemble(
                    clipped(group.name, NAME_WIDTH, "bold"),
                    "\n",
                    clipped(under, NAME_WIDTH, "dim"),
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
            commands = (
                "retro forum add NAME --area TEXT --lead MEMBER --co-lead MEMBER\n"  # i18n: not shown
                "retro community add NAME --topic TEXT"  # i18n: not shown
            )
            empty = _("No forums or communities yet.")
            how = _("Make one from the command line:")
            text_widget.update(Text(f"{empty}\n\n{how}\n{commands}", style="dim"))
            return
        self.query_one("#forum-detail").border_title = Text(view.group.name)  # never markup
        text_widget.update(self.detail_text(view))

    def detail_text(self, view: GroupView) -> Text:
        group, store = view.group, self.app.store
        text = Text()
        label = _("Area:") if group.kind == "forum" else _("Topic:")
        text.append(_(group.kind_info.name) + "\n", style="bold")
        text.append(f"{label} ", style="dim")
        text.append(plain(group.focus))
        text.append("\n")
        for role in group.kind_info.roles:
            holder = group.holder(role)
            text.append(f"{role_label(role)}: ", style="dim")
            text.append(plain(holder or _("nobody"), "bold"))
            if holder and role.key in group.since:
                since = _("since {date}").format(date=short_date(group.since[role.key]))
                text.append(f" {since}", style="dim")
            text.append("\n")
        text.append(_("Members:") + " ", style="dim")
        text.append(plain(", ".join(view.members)))
        text.append("\n" + _("Meets:") + " ", style="dim")
        plan = group.cadence.describe() if group.cadence else _("when it plans a meeting")
        if view.next_meeting:
            meets = (
                _("{plan}, next {date} (planned)")
                if view.planned
                else _("{plan}, next {date} (by its plan)")
            )
            plan = meets.format(plan=plan, date=short_date(view.next_meeting))
        text.append(plan)
        facilitated = (
            _("lead and co-lead in turn") if group.facilitation == "leads" else _("the rota")
        )
        text.append("\n" + _("Facilitated by:") + " ", style="dim")
        text.append(facilitated)
        for turn in self.app.attempt(coming_turns, store, 2, group.key) or []:
            when = (
                short_date(turn.meeting.date)
                if turn.meeting
                else pgettext("the meeting after", "then")
            )
            text.append(f"\n{when}: ", style="dim")
            text.append(
                filled(
                    _("{facilitator} leads, {scribe} notes"),
                    "dim",
                    facilitator=plain(turn.facilitator, "bold"),
                    scribe=plain(turn.scribe or _("nobody")),
                )
            )
        if group.kind_info.decides:
            decisions = self.app.attempt(in_force, store, group.key) or []
            heading = _("Decisions in force ({count})").format(count=len(decisions))
            text.append(f"\n\n{heading}\n", style="bold")
            for decision in decisions[-6:]:
                text.append("• ")
                text.append(plain(decision.text))
                if decision.review:
                    review = _("(review {date})").format(date=decision.review)
                    text.append(f" {review}", style="dim")
                text.append("\n")
        if group.role_changes:
            text.append("\n" + _("Changes of lead") + "\n", style="bold")
            handovers = [
                (key, list(changes))
                for key, changes in groupby(group.role_changes, key=lambda c: (c.at, c.reason))
            ]
            for (at, reason), changes in handovers[-3:]:
                text.append(f"{at[:10]} ", style="dim")
                for n, change in enumerate(changes):
                    text.append(f"{', ' if n else ''}{role_word(change.role)} ", style="dim")
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

        days = weekday_choices()
        self.app.push_screen(
            FormScreen(
                _("New decision forum"),
                [
                    FormField("name", _("Name")),
                    FormField("area", _("Area it decides about"), kind="area"),
                    FormField("lead", _("Lead"), kind="choice", options=everyone),
                    FormField("co_lead", _("Co-lead"), kind="choice", options=everyone),
                    FormField("members", _("Members"), [], "many", everyone),
                    FormField("day", _("Meets on (optional)"), kind="choice", options=days),
                    FormField("weeks", _("Every how many weeks (1 if empty)")),
                    FormField(
                        "facilitation",
                        _("Facilitated by"),
                        "rota",
                        "choice",
                        [
                            (_("the rota among members"), "rota"),
                            (_("lead and co-lead in turn"), "leads"),
                        ],
                    ),
                ],
                save,
                _("A forum takes formal decisions in its area. Everyone sees it on the map."),
            ),
            self.after_form,
        )

    def action_add_community(self) -> None:
        store, me, everyone = self.app.store, self.app.me, member_choices(self.app.store)
        self.app.push_screen(
            FormScreen(
                _("New knowledge community"),
                [
                    FormField("name", _("Name")),
                    FormField("topic", _("Topic it shares knowledge about"), kind="area"),
                    FormField("host", _("Host (optional)"), kind="choice", options=everyone),
                    FormField("members", _("Members"), [], "many", everyone),
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
                _("A community shares knowledge and decides nothing."),
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
            FormField(role.key, role_label(role), group.holder(role) or "", "choice", everyone)
            for role in group.kind_info.roles
        ]
        if not fields:
            self.notify(_("The team has no lead: its meetings use the rota."), severity="warning")
            return
        self.app.push_screen(
            FormScreen(
                _("Change the leads of {group}").format(group=group.name),
                [*fields, FormField("reason", _("Why?"))],
                lambda v: change_roles(
                    store,
                    group.key,
                    {role.key: v[role.key] for role in group.kind_info.roles},
                    v["reason"],
                    me,
                ),
                _("The forum's history keeps who led before, and why it changed."),
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
