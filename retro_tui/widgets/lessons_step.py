"""Lessons: turn a failure card or a discussion into a blameless lesson."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from retro_tui.domain.cards import board
from retro_tui.domain.flow import MeetingState
from retro_tui.domain.lessons import LessonDraft, add_lesson, lessons_of_meeting
from retro_tui.domain.meetings import Meeting
from retro_tui.domain.principles import list_principles
from retro_tui.i18n import N_, _
from retro_tui.screens.lessons import lesson_form
from retro_tui.widgets.plain import cell, plain
from retro_tui.widgets.step import Step


class LessonsStep(Step):
    BINDINGS = [Binding("a", "add_lesson", N_("Add lesson"), id="lessons_step.add")]

    def compose(self) -> ComposeResult:
        yield Static(
            _(
                "What did a failure teach us? Write what happened and why, never whose fault it was."
            ),
            classes="step-intro",
        )
        yield DataTable(cursor_type="row", id="meeting-lessons")
        yield Static(
            _("Failed and learned cards (enter turns one into a lesson)"),
            classes="subtitle",
            markup=False,
        )
        yield OptionList(id="failure-cards")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(_("Lesson"), width=28)
        table.add_column(_("Learned"), width=28)
        table.add_column(_("Principles"))
        self.cards: dict[str, str] = {}

    def show(self, meeting: Meeting, state: MeetingState) -> None:
        store = self.app.store
        table = self.query_one(DataTable)
        table.clear()
        lessons = lessons_of_meeting(store, meeting.id)
        for lesson in lessons:
            table.add_row(
                cell(lesson.title),
                cell(lesson.learned),
                cell(", ".join(lesson.principles)),
                key=lesson.id,
                height=None,
            )
        if not lessons:
            table.add_row(
                Text(_("No lessons from this meeting yet: press a."), style="dim"), "", ""
            )
        current = board(store, meeting.id)
        failing = current.template.failure_keys if current.revealed else ()
        failures = [c for key in failing for c in current.column(key)]
        self.cards = {str(c.id): c.text for c in failures}
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(Option(plain(text), id=card_id) for card_id, text in self.cards.items())

    def open_form(self, title: str = "", tried: str = "") -> None:
        store = self.app.store
        principles = {p.key: p.name for p in list_principles(store)}
        start = LessonDraft(title, tried, "", "", meeting=self.meeting_id)
        self.app.push_screen(
            lesson_form(principles, lambda d: add_lesson(store, d), start),
            self.changed,
        )

    def action_add_lesson(self) -> None:
        self.open_form()

    @on(OptionList.OptionSelected, "#failure-cards")
    def from_card(self, event: OptionList.OptionSelected) -> None:
        text = self.cards.get(event.option.id or "", "")
        self.open_form(title=text.splitlines()[0][:120] if text else "", tried=text)
