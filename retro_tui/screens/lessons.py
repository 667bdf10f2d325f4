"""The lessons log: browse, search by words, filter by principle, add and edit."""

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Select, Static

from retro_tui.dialogs.form import FormField, FormScreen
from retro_tui.domain.lessons import (
    LESSONS,
    Lesson,
    LessonDraft,
    add_lesson,
    edit_lesson,
    list_lessons,
)
from retro_tui.domain.principles import list_principles
from retro_tui.domain.team import get_team
from retro_tui.screens.live import LiveScreen
from retro_tui.store import TEAM
from retro_tui.widgets.fields import Field
from retro_tui.widgets.plain import cell, plain
from retro_tui.widgets.top_bar import TopBar


class LessonsScreen(LiveScreen):
    """What the team has learned, newest first."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="lessons.back"),
        Binding("a", "add", "Add lesson", id="lessons.add"),
        Binding("e", "edit", "Edit", id="lessons.edit"),
        Binding("slash", "search", "Search", id="lessons.search"),
    ]

    def compose(self) -> ComposeResult:
        yield TopBar()
        with Horizontal(id="lesson-filters"):
            yield Field(placeholder="Search words…", id="search")
            yield Select([], prompt="Any principle", id="principle", compact=True)
        yield DataTable(id="lesson-table", cursor_type="row")
        yield Static(id="lesson-detail", classes="panel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        store = self.app.store
        self.principle_names = {p.key: p.name for p in list_principles(store)}
        self.query_one(TopBar).show(get_team(store).name, self.app.me, "Lessons")
        self.query_one("#principle", Select).set_options(
            [(name, key) for key, name in self.principle_names.items()]
        )
        table = self.query_one("#lesson-table", DataTable)
        table.add_column("Lesson", width=40)
        table.add_columns("Principles", "Meeting")
        self.query_one("#lesson-detail").border_title = "Lesson"
        self.lessons: list[Lesson] = []
        self.reload()
        table.focus()

    def reload(self, select: str | None = None) -> None:
        words = self.query_one("#search", Field).value
        principle = self.query_one("#principle", Select).value
        key = principle if isinstance(principle, str) else None
        self.lessons = self.app.attempt(list_lessons, self.app.store, words, key) or []
        table = self.query_one("#lesson-table", DataTable)
        table.clear()
        for lesson in self.lessons:
            table.add_row(
                cell(lesson.title),
                cell(", ".join(lesson.principles)),
                cell(lesson.meeting),
                key=lesson.id,
                height=None,
            )
        if select is not None and select in {lesson.id for lesson in self.lessons}:
            table.move_cursor(row=[lesson.id for lesson in self.lessons].index(select))
        self.show_detail()

    def shows(self, name: str) -> bool:
        return name == TEAM or name.startswith(f"{LESSONS}-")

    def follow_store(self, changed: frozenset[str]) -> None:
        lesson = self.current()
        self.reload(select=lesson.id if lesson else None)

    def current(self) -> Lesson | None:
        table = self.query_one("#lesson-table", DataTable)
        if not self.lessons or table.cursor_row >= len(self.lessons):
            return None
        return self.lessons[table.cursor_row]

    def show_detail(self) -> None:
        lesson = self.current()
        detail = self.query_one("#lesson-detail", Static)
        if lesson is None:
            detail.update(Text("No lessons match." if self.lessons == [] else "", style="dim"))
            return
        text = Text()
        for label, value in (
            ("Tried", lesson.tried),
            ("Happened", lesson.happened),
            ("Learned", lesson.learned),
            ("Next", lesson.next),
        ):
            if value:
                text.append(f"{label}: ", style="bold")
                text.append(plain(value))
                text.append("\n")
        names = [self.principle_names.get(k, k) for k in lesson.principles]
        if names:
            text.append("Principles: ", style="bold")
            text.append(", ".join(names))
        detail.update(text)

    @on(DataTable.RowHighlighted, "#lesson-table")
    def follow_cursor(self) -> None:
        self.show_detail()

    @on(Field.Changed, "#search")
    @on(Select.Changed, "#principle")
    def filter_changed(self) -> None:
        self.reload()

    @on(Field.Submitted, "#search")
    def search_done(self) -> None:
        self.query_one("#lesson-table").focus()

    def action_search(self) -> None:
        self.query_one("#search").focus()

    def saved(self, lesson: Lesson | None) -> None:
        if lesson is not None:
            self.notify("Lesson saved")
            self.reload(select=lesson.id)

    def action_add(self) -> None:
        store = self.app.store
        form = lesson_form(self.principle_names, lambda draft: add_lesson(store, draft))
        self.app.push_screen(form, self.saved)

    def action_edit(self) -> None:
        lesson = self.current()
        if lesson is None:
            return
        store = self.app.store
        form = lesson_form(
            self.principle_names, lambda draft: edit_lesson(store, lesson.id, draft), lesson
        )
        self.app.push_screen(form, self.saved)


BLAMELESS = "Write what happened and why, never whose fault it was."


def lesson_form(
    principles: dict[str, str],
    save: Callable[[LessonDraft], Lesson],
    start: Lesson | LessonDraft | None = None,
) -> FormScreen[Lesson]:
    """The form for a new lesson (optionally started from a card) or an edited one."""
    draft = start or LessonDraft("", "", "", "")
    fields = [
        FormField("title", "Title", draft.title),
        FormField("tried", "What we tried", draft.tried),
        FormField("happened", "What happened", draft.happened),
        FormField("learned", "What we learned", draft.learned),
        FormField("next", "What we will try next", draft.next),
        FormField(
            "principles",
            "Principles it touches (space to choose)",
            list(draft.principles),
            "many",
            [(name, key) for key, name in principles.items()],
        ),
    ]
    title = "Edit lesson" if isinstance(start, Lesson) else "New lesson"
    return FormScreen(
        title, fields, lambda v: save(LessonDraft(**v, meeting=draft.meeting)), BLAMELESS
    )
