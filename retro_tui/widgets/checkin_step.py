"""Check-in: each present member's energy (1-5) and a word."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from retro_tui.dialogs.form import FormField, FormScreen
from retro_tui.domain import validate
from retro_tui.domain.checkins import check_in, energy_trend, list_checkins
from retro_tui.domain.flow import MeetingState
from retro_tui.domain.meetings import Meeting
from retro_tui.domain.team import find_member
from retro_tui.i18n import N_, _, decimal
from retro_tui.widgets.plain import plain
from retro_tui.widgets.step import Step

ENERGY = ["", "▁ 1", "▃ 2", "▅ 3", "▆ 4", "█ 5"]


class CheckinStep(Step):
    BINDINGS = [Binding("c", "check_in", N_("Check in"), id="checkin.check_in")]

    def compose(self) -> ComposeResult:
        yield Static(
            _("How are you arriving? Enter (or c) on a name: energy from 1 to 5, and one word."),
            classes="step-intro",
        )
        yield DataTable(cursor_type="row", id="checkins")
        yield Static(id="trend", markup=False)

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(_("Member"), _("Energy"), _("Word"))

    def show(self, meeting: Meeting, state: MeetingState) -> None:
        self.present = meeting.present
        done = {c.member: c for c in list_checkins(self.app.store, meeting.id)}
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for name in meeting.present:
            entry = done.get(name)
            table.add_row(
                plain(name),
                Text(ENERGY[entry.energy]) if entry else Text("…", style="dim"),
                plain(entry.word) if entry else Text(""),
                key=name,
            )
        table.move_cursor(row=min(row, max(len(meeting.present) - 1, 0)))
        trend = energy_trend(self.app.store)
        if done:
            today = sum(c.energy for c in done.values()) / len(done)
            earlier = " ".join(decimal(avg) for mid, avg in trend if mid != meeting.id)
            self.query_one("#trend", Static).update(
                _("Energy today {today}   earlier meetings: {earlier}").format(
                    today=decimal(today), earlier=earlier
                )
                if earlier
                else _("Energy today {today}").format(today=decimal(today))
            )

    @on(DataTable.RowSelected)
    def action_check_in(self) -> None:
        table = self.query_one(DataTable)
        if not self.present:
            return
        name = self.present[table.cursor_row]
        if self.app.remote and name != self.app.my_name:
            self.notify(
                _(
                    "Over SSH you check in only yourself; {name} checks in on their own screen."
                ).format(name=name),
                severity="warning",
                markup=False,
            )
            return
        store = self.app.store
        fields = [
            FormField("energy", _("Energy from 1 (drained) to 5 (full of it)"), "3"),
            FormField("word", _("One word")),
        ]

        def save(values: dict) -> object:
            return check_in(
                store,
                self.meeting_id,
                find_member(store, name),
                validate.energy_text(values["energy"]),
                values["word"],
            )

        self.app.push_screen(
            FormScreen(_("Check-in of {name}").format(name=name), fields, save), self.changed
        )
