"""The principles health check: each member rates every principle 1 to 5, unseen by the
others; the facilitator reveals all answers at once, with the spread per principle."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from retro_tui.dialogs.form import FormField, FormScreen, present_member_form
from retro_tui.domain.flow import MeetingState
from retro_tui.domain.health import (
    HealthCheck,
    PrincipleHealth,
    answer_health,
    health_check,
    own_answer,
    reveal_health,
)
from retro_tui.domain.meetings import Meeting
from retro_tui.domain.principles import Principle, list_principles
from retro_tui.domain.team import Member
from retro_tui.i18n import N_, _, decimal, ngettext
from retro_tui.widgets.plain import filled, plain
from retro_tui.widgets.step import Step

BAR = "▁▂▃▄▅"


def spread_cells(result: PrincipleHealth) -> list[Text]:
    """How many gave each rating, as dots under 1 to 5, then the mean and the spread."""
    cells = [
        Text("●" * n if n else "·", style="bold" if n else "dim") for n in result.counts.values()
    ]
    mean = "-" if result.mean is None else decimal(result.mean)
    spread = Text(str(result.spread))
    if result.disagreement:
        spread = Text(
            _("{spread} seen differently").format(spread=result.spread),
            style="bold yellow",  # i18n: not shown
        )
    return [*cells, Text(mean), spread]


class HealthStep(Step):
    BINDINGS = [
        Binding("1", "rate(1)", N_("Rate 1-5"), id="health.rate", key_display="1-5"),
        # The other ratings (domain.health.RATINGS), each a key of its own.
        Binding("2", "rate(2)", N_("Rate 2"), show=False),
        Binding("3", "rate(3)", N_("Rate 3"), show=False),
        Binding("4", "rate(4)", N_("Rate 4"), show=False),
        Binding("5", "rate(5)", N_("Rate 5"), show=False),
        Binding("n", "note", N_("Note"), id="health.note"),
        Binding("s", "hand_in", N_("Hand in"), id="health.hand_in"),
        Binding("m", "answerer", N_("Answer as"), id="health.answerer"),
        Binding("r", "reveal", N_("Reveal"), id="health.reveal"),
    ]
    ANSWERING = {"rate", "note", "hand_in", "answerer"}

    def compose(self) -> ComposeResult:
        yield Static(id="health-status", markup=False)
        yield DataTable(cursor_type="row", id="health-table", zebra_stripes=False)

    def on_mount(self) -> None:
        self.principles: list[Principle] = list_principles(self.app.store)
        self.answerer: Member | None = self.app.me
        self.drafts: dict[str, dict[str, int]] = {}  # what each member has rated so far
        self.notes: dict[str, dict[str, str]] = {}
        self.check: HealthCheck | None = None
        self.columns: tuple[str, ...] = ()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        revealed = self.check is not None and self.check.revealed
        if action in self.ANSWERING and revealed:
            return False
        if action == "answerer" and self.app.remote:
            return False
        if action == "reveal" and revealed:
            return False
        return super().check_action(action, parameters)

    def show(self, meeting: Meeting, state: MeetingState) -> None:
        self.meeting = meeting
        was_revealed = self.check is not None and self.check.revealed
        self.check = health_check(self.app.store, meeting.id)
        if self.check.revealed != was_revealed:
            self.refresh_bindings()
        self.show_table()
        self.query_one("#health-status", Static).update(self.status_text())

    def draft(self) -> dict[str, int]:
        return self.drafts.setdefault(self.answerer.name if self.answerer else "", {})

    def show_table(self) -> None:
        assert self.check is not None
        table = self.query_one(DataTable)
        row = table.cursor_row
        revealed = self.check.revealed
        columns = (
            (_("Principle"), "1", "2", "3", "4", "5", _("Mean"), _("Spread"))
            if revealed
            else (
                _("Principle"),
                _("Your rating"),
                _("Note"),
            )
        )
        if columns != self.columns:
            table.clear(columns=True)
            table.add_columns(*columns)
            self.columns = columns
        table.clear()
        if revealed:
            for result in self.check.results(self.principles):
                table.add_row(plain(result.name), *spread_cells(result), key=result.key)
        else:
            draft = self.draft()
            notes = self.notes.get(self.answerer.name if self.answerer else "", {})
            for p in self.principles:
                rating = draft.get(p.key)
                table.add_row(
                    plain(p.name),
                    Text(f"{BAR[rating - 1]} {rating}") if rating else Text("·", style="dim"),
                    plain(notes.get(p.key, ""), "dim"),
                    key=p.key,
                )
        table.move_cursor(row=min(row, len(self.principles) - 1))

    def status_text(self) -> Text:
        check = self.check
        assert check is not None
        who = ", ".join(check.answered) or _("nobody yet")
        anonymous = check.mode == "anonymous"
        if check.revealed:
            notes = [f"{r.name}: “{n}”" for r in check.results(self.principles) for n in r.notes]
            count = len(check.answers)
            answers = (
                ngettext("{count} answer (anonymous).", "{count} answers (anonymous).", count)
                if anonymous
                else ngettext(
                    "{count} answer (with names).", "{count} answers (with names).", count
                )
            )
            text = Text(
                answers.format(count=count)
                + " "
                + _(
                    "Dots show how many gave each rating; "
                    "a spread of 3 or more means the team sees it differently."
                )
            )
            if notes:
                text.append("\n" + "   ".join(notes), style="dim")
            return text
        name = self.answerer.name if self.answerer else _("nobody yet (m chooses)")
        unseen = (
            _("anonymous, unseen until the facilitator reveals")
            if anonymous
            else _("with names, unseen until the facilitator reveals")
        )
        return Text.assemble(
            _("How does the team live each principle? Rate each from 1 (hardly) to 5 (fully).")
            + "\n",
            filled(
                _("Answering: {name} · answered: {who}"),
                "dim",
                name=plain(name, "bold"),
                who=plain(who),
            ),
            (" · " + unseen, "dim"),
        )

    def highlighted_principle(self) -> Principle:
        return self.principles[self.query_one(DataTable).cursor_row]

    def can_answer(self) -> bool:
        if self.answerer is None:
            self.notify(_("Choose who is answering first (m)."), severity="warning")
            return False
        return True

    def action_rate(self, rating: int) -> None:
        """Rate the principle under the cursor and move to the next."""
        if not self.can_answer():
            return
        self.draft()[self.highlighted_principle().key] = rating
        table = self.query_one(DataTable)
        self.show_table()
        table.move_cursor(row=min(table.cursor_row + 1, len(self.principles) - 1))

    def action_note(self) -> None:
        if not self.can_answer():
            return
        assert self.answerer is not None
        principle = self.highlighted_principle()
        notes = self.notes.setdefault(self.answerer.name, {})

        def keep(values: dict) -> bool:
            notes[principle.key] = values["note"].strip()
            return True

        self.app.push_screen(
            FormScreen(
                _("A note on {principle}").format(principle=principle.name),
                [
                    FormField(
                        "note",
                        _("Note (optional; seen with the answers)"),
                        notes.get(principle.key, ""),
                    )
                ],
                keep,
                principle.question,
            ),
            lambda saved: self.show_table(),
        )

    def action_hand_in(self) -> None:
        if not self.can_answer():
            return
        assert self.answerer is not None
        member = self.answerer
        key = (self.meeting_id, member.name)
        answer_id = self.app.attempt(
            answer_health,
            self.app.store,
            self.meeting_id,
            member,
            self.draft(),
            self.notes.get(member.name, {}),
            self.app.own_answers.get(key),
        )
        if answer_id is not None:
            self.app.own_answers[key] = answer_id
            if member != self.app.me:  # on a shared keyboard the next one sees none of it
                self.drafts.pop(member.name, None)
                self.notes.pop(member.name, None)
            self.notify(
                _("{name}'s answer is in; it stays hidden until the reveal.").format(
                    name=member.name
                ),
                markup=False,
            )
            self.changed()

    def action_reveal(self) -> None:
        if self.app.attempt(reveal_health, self.app.store, self.meeting_id, self.app.me):
            self.changed()

    def action_answerer(self) -> None:
        """On a shared keyboard, choose who answers next; their ratings stay unseen."""

        def chosen(member: Member | None) -> None:
            if member is not None:
                self.answerer = member
                self.load_own_answer()
                self.changed()

        current = self.answerer.name if self.answerer else None
        form = present_member_form(
            _("Answer as"), _("Who is answering?"), self.meeting.present, current, self.app.store
        )
        self.app.push_screen(form, chosen)

    def load_own_answer(self) -> None:
        """Show the answer handed in from this app, so it can be changed: only to the one
        whose app it is, never to whoever takes a shared keyboard next."""
        if self.answerer != self.app.me or self.answerer is None:
            return
        if self.answerer.name in self.drafts:
            return
        key = (self.meeting_id, self.answerer.name)
        earlier = own_answer(
            self.app.store, self.meeting_id, self.answerer, self.app.own_answers.get(key)
        )
        if earlier is not None:
            self.drafts[self.answerer.name] = dict(earlier.ratings)
            self.notes[self.answerer.name] = dict(earlier.notes)

    @on(DataTable.RowSelected)
    def row_selected(self) -> None:
        if self.check is not None and not self.check.revealed:
            self.action_note()
