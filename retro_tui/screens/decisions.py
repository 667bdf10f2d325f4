"""The decision register: every decision of every group, searchable, with whom it
consulted, its review date and whether it is still in force. A review goes on the agenda
of the group's next meeting with one key."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import DataTable, Static

from retro_tui.dialogs.form import FormField, FormScreen
from retro_tui.domain import clock
from retro_tui.domain.decisions import (
    DECISIONS,
    IN_FORCE,
    STATUSES,
    Decision,
    keep_decision,
    put_review_on_agenda,
    register,
    retire_decision,
)
from retro_tui.domain.groups import get_group, list_groups
from retro_tui.domain.team import get_team
from retro_tui.i18n import N_, _, ngettext, pgettext
from retro_tui.screens.live import LiveScreen
from retro_tui.store import TEAM
from retro_tui.widgets.fields import Field
from retro_tui.widgets.footer import KeysFooter
from retro_tui.widgets.picked import picked
from retro_tui.widgets.plain import cell, clipped, plain
from retro_tui.widgets.top_bar import TopBar

TEXT_WIDTH = 26  # the decision column at 80 columns; wider screens show more of it
SEARCH_PAUSE = 0.05


class DecisionsScreen(LiveScreen):
    """The register, newest first; `group` shows one group's decisions only."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="decisions.back"),
        Binding("slash", "search", N_("Search"), id="decisions.search"),
        Binding("u", "toggle_due", N_("Due only"), id="decisions.due"),
        Binding("a", "review", N_("Review at next meeting"), id="decisions.review"),
        Binding("k", "keep", N_("Keep"), id="decisions.keep"),
        Binding("r", "retire", N_("Retire"), id="decisions.retire"),
    ]

    def __init__(self, group: str | None = None) -> None:
        super().__init__()
        self.group = group
        self.due_only = False

    def compose(self) -> ComposeResult:
        yield TopBar()
        with Horizontal(id="decision-filters"):
            yield Field(placeholder=_("Search decisions…"), id="decision-search")
            yield Static(id="decision-scope", markup=False)
        yield DataTable(id="decision-table", cursor_type="row")
        yield Static(id="decision-detail", classes="panel")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        store = self.app.store
        self.query_one(TopBar).show(get_team(store).name, self.app.me, _("Decisions"))
        self.query_one("#decision-detail").border_title = _("Decision")
        table = self.query_one("#decision-table", DataTable)
        self.text_width = max(TEXT_WIDTH, self.app.size.width - 50)
        table.add_column(_("Decision"), width=self.text_width)
        table.add_columns(pgettext("column", "Group"), _("Date"), _("Status"))
        self.group_names = {g.key: g.name for g in list_groups(store)}
        self.decisions: list[Decision] = []
        self.search_timer: Timer | None = None
        self.reload()
        table.focus()

    def shows(self, name: str) -> bool:
        return name == TEAM or name.startswith(f"{DECISIONS}-")

    def follow_store(self, changed: frozenset[str]) -> None:
        self.group_names = {g.key: g.name for g in list_groups(self.app.store)}
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("review", "keep", "retire"):
            decision = self.current()
            return decision is not None and decision.status == IN_FORCE
        return True

    def reload(self) -> None:
        """The decisions the search, the group and "due only" let through, newest first;
        the cursor stays on its decision."""
        words = self.query_one("#decision-search", Field).value
        found = self.app.attempt(register, self.app.store, self.group, self.due_only, words)
        if found is None:
            return
        current = self.current()
        self.decisions = list(reversed(found))
        table = self.query_one("#decision-table", DataTable)
        table.clear()
        today = clock.today()
        for decision in self.decisions:
            status = _(STATUSES[decision.status])
            if decision.due(today):
                status = _("review due")
            table.add_row(
                clipped(decision.text, self.text_width),
                clipped(self.group_names.get(decision.group, decision.group), 16),
                cell(decision.date),
                Text(status, style="bold" if decision.due(today) else "dim"),
                key=decision.record,
            )
        records = [d.record for d in self.decisions]
        if current is not None and current.record in records:
            table.move_cursor(row=records.index(current.record))
        self.show_scope()
        self.show_detail()
        self.refresh_bindings()

    def show_scope(self) -> None:
        parts = [self.group_names.get(self.group, self.group) if self.group else _("every group")]
        if self.due_only:
            parts.append(_("due for review"))
        count = len(self.decisions)
        parts.append(ngettext("{count} shown", "{count} shown", count).format(count=count))
        self.query_one("#decision-scope", Static).update(" · ".join(parts))

    def current(self) -> Decision | None:
        return picked(self, "#decision-table", getattr(self, "decisions", []))

    @on(DataTable.RowHighlighted, "#decision-table")
    def show_detail(self) -> None:
        decision = self.current()
        detail = self.query_one("#decision-detail", Static)
        if decision is None:
            detail.update(Text(_("No decisions here yet."), style="dim"))
            self.refresh_bindings()
            return
        text = Text()
        text.append(plain(decision.text, "bold"))
        text.append("\n")
        text.append(f"{decision.record} · ", style="dim")
        text.append(plain(self.group_names.get(decision.group, decision.group)))
        where = _("meeting {meeting}, decision {number}").format(
            meeting=decision.meeting, number=decision.number
        )
        text.append(f" · {where}", style="dim")
        text.append("\n" + _("Consulted, knows most:") + " ", style="dim")
        text.append(plain(", ".join(decision.knows_most) or _("nobody")))
        text.append("\n" + _("Consulted, affected:") + " ", style="dim")
        text.append(plain(", ".join(decision.affected) or _("nobody")))
        if decision.nobody_consulted:
            text.append("  " + _("(nobody consulted)"), style="bold")
        text.append("\n" + _("Decided by:") + " ", style="dim")
        text.append(plain(decision.by or _("the meeting")))
        text.append("\n" + _("Status:") + " ", style="dim")
        status = _(STATUSES[decision.status])
        if decision.review and decision.status == IN_FORCE:
            status = _("{status}, review on {date}").format(status=status, date=decision.review)
        text.append(status)
        if decision.review_meeting:
            agenda = _("(on the agenda of {meeting})").format(meeting=decision.review_meeting)
            text.append(f" {agenda}", style="dim")
        if decision.revises:
            revises = _("Revises {record}").format(record=decision.revises)
            text.append(f"\n{revises}", style="dim")
        if decision.revised_by:
            revised = _("Revised by {record}").format(record=decision.revised_by)
            text.append(f"\n{revised}", style="dim")
        if decision.retired:
            text.append("\n" + _("Retired:") + " ", style="dim")
            text.append(plain(decision.retired.reason))
        detail.update(text)
        self.refresh_bindings()

    @on(Field.Changed, "#decision-search")
    def search_changed(self) -> None:
        if self.search_timer is not None:
            self.search_timer.stop()
        self.search_timer = self.set_timer(SEARCH_PAUSE, self.reload)

    def action_search(self) -> None:
        self.query_one("#decision-search", Field).focus()

    def action_toggle_due(self) -> None:
        self.due_only = not self.due_only
        self.reload()

    def action_review(self) -> None:
        decision = self.current()
        if decision is None:
            return
        placed = self.app.attempt(
            put_review_on_agenda, self.app.store, decision.record, self.app.me
        )
        if placed is not None:
            meeting, item = placed
            self.notify(
                _("Its review is item {item} of {meeting} on {date}.").format(
                    item=item, meeting=meeting.title, date=meeting.date
                ),
                markup=False,
            )
            self.reload()

    def action_keep(self) -> None:
        decision = self.current()
        if decision is None:
            return
        store = self.app.store
        self.app.push_screen(
            FormScreen(
                _("Keep the decision in force"),
                [FormField("review", _("Review it again on (YYYY-MM-DD, optional)"))],
                lambda v: keep_decision(store, decision.record, v["review"].strip() or None),
            ),
            self.after_form,
        )

    def action_retire(self) -> None:
        decision = self.current()
        if decision is None:
            return
        store, me = self.app.store, self.app.me
        group = get_group(store, decision.group).name
        self.app.push_screen(
            FormScreen(
                _("Retire the decision"),
                [FormField("reason", _("Why does it no longer hold?"), kind="area")],
                lambda v: retire_decision(store, decision.record, v["reason"], me),
                _("{group} keeps it in the register, with the reason.").format(group=group),
            ),
            self.after_form,
        )

    def after_form(self, saved: object) -> None:
        if saved is not None:
            self.reload()
