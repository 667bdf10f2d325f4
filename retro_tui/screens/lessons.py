"""The lessons log: browse, search by words, filter by principle, add and edit."""

from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import DataTable, Select, Static

from retro_tui.dialogs.form import FormField, FormScreen
from retro_tui.domain.lessons import (
    LESSONS,
    Lesson,
    LessonDraft,
    LessonIndex,
    add_lesson,
    edit_lesson,
    lesson_index,
    newest_lessons,
)
from retro_tui.domain.principles import list_principles
from retro_tui.domain.team import get_team
from retro_tui.errors import RetroError
from retro_tui.i18n import N_, _, pgettext
from retro_tui.screens.live import LiveScreen
from retro_tui.store import TEAM
from retro_tui.widgets.fields import Field
from retro_tui.widgets.footer import KeysFooter
from retro_tui.widgets.plain import cell, choices, clipped, plain
from retro_tui.widgets.top_bar import TopBar

PAGE = 60  # rows added to the table at a time, as the cursor nears the end
SEARCH_PAUSE = 0.05  # seconds of no typing before a search runs
TITLE_WIDTH = 40  # rows are one line high, so long titles are cut (the detail shows all)


class LessonsScreen(LiveScreen):
    """What the team has learned, newest first.

    The newest page of lessons is read first and shown; a worker then reads them all into
    an index for search, and again when a lesson file changes (reading only that file).
    The table holds one page at first and grows as the cursor moves down, so the screen
    opens and answers a keystroke in the same time after forty years as after one.
    """

    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="lessons.back"),
        Binding("a", "add", N_("Add lesson"), id="lessons.add"),
        Binding("e", "edit", N_("Edit"), id="lessons.edit"),
        Binding("slash", "search", N_("Search"), id="lessons.search"),
    ]

    def compose(self) -> ComposeResult:
        yield TopBar()
        with Horizontal(id="lesson-filters"):
            yield Field(placeholder=_("Search words…"), id="search")
            yield Select([], prompt=_("Any principle"), id="principle", compact=True)
        yield DataTable(id="lesson-table", cursor_type="row")
        yield Static(id="lesson-detail", classes="panel")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        store = self.app.store
        self.principle_names = {p.key: p.name for p in list_principles(store)}
        self.query_one(TopBar).show(get_team(store).name, self.app.me, _("Lessons"))
        self.query_one("#principle", Select).set_options(
            choices((name, key) for key, name in self.principle_names.items())
        )
        table = self.query_one("#lesson-table", DataTable)
        table.add_column(_("Lesson"), width=TITLE_WIDTH)
        table.add_columns(_("Principles"), _("Meeting"))
        self.query_one("#lesson-detail").border_title = _("Lesson")
        self.index: LessonIndex | None = None
        self.search_timer: Timer | None = None
        # The newest lessons show at once; all of them, for search, come from a worker.
        self.lessons: list[Lesson] = self.app.attempt(newest_lessons, store, PAGE) or []
        self.show_more()
        self.show_detail()
        self.build_index()
        table.focus()
        self.watch(table, "scroll_y", self.scrolled, init=False)

    @work(thread=True, exclusive=True, group="lesson-index")
    def build_index(self, select: str | None = None) -> None:
        """Read every lesson for search, away from the screen's own thread."""
        try:
            index = lesson_index(self.app.store)
        except RetroError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self.index_built, index, select)

    def index_built(self, index: LessonIndex, select: str | None) -> None:
        self.index = index
        shown = [lesson.id for lesson in self.lessons]
        if self.filtered() or select or [x.id for x in index.lessons[: len(shown)]] != shown:
            lesson = self.current()
            self.reload(select=select or (lesson.id if lesson else None))
        else:
            self.lessons = index.lessons  # the page shown is the start of them all

    def filtered(self) -> bool:
        principle = self.query_one("#principle", Select).value
        return bool(self.query_one("#search", Field).value) or isinstance(principle, str)

    def reload(self, select: str | None = None) -> None:
        """Show the lessons the search and the principle filter let through."""
        if self.index is None:
            return  # the worker reading the lessons calls again when it is done
        words = self.query_one("#search", Field).value
        principle = self.query_one("#principle", Select).value
        key = principle if isinstance(principle, str) else None
        self.lessons = self.index.search(words, key) if self.index else []
        table = self.query_one("#lesson-table", DataTable)
        table.clear()
        ids = [lesson.id for lesson in self.lessons]
        wanted = ids.index(select) + 1 if select in ids else 0
        self.show_more(max(PAGE, wanted))
        if wanted:
            table.move_cursor(row=wanted - 1)
        self.show_detail()

    def show_more(self, count: int = PAGE) -> None:
        """Add up to `count` more of the lessons found to the table."""
        table = self.query_one("#lesson-table", DataTable)
        for lesson in self.lessons[table.row_count : table.row_count + count]:
            table.add_row(
                clipped(lesson.title, TITLE_WIDTH),
                cell(", ".join(lesson.principles)),
                cell(lesson.meeting),
                key=lesson.id,
            )

    def shows(self, name: str) -> bool:
        return name == TEAM or name.startswith(f"{LESSONS}-")

    def follow_store(self, changed: frozenset[str]) -> None:
        self.build_index()  # only the lesson files that changed are read again

    def current(self) -> Lesson | None:
        table = self.query_one("#lesson-table", DataTable)
        if not self.lessons or table.cursor_row >= len(self.lessons):
            return None
        return self.lessons[table.cursor_row]

    def show_detail(self) -> None:
        lesson = self.current()
        detail = self.query_one("#lesson-detail", Static)
        if lesson is None:
            detail.update(Text(_("No lessons match.") if self.lessons == [] else "", style="dim"))
            return
        text = Text()
        text.append(plain(lesson.title, "bold"))
        text.append("\n")
        for label, value in (
            (_("Tried"), lesson.tried),
            (_("Happened"), lesson.happened),
            (_("Learned"), lesson.learned),
            (pgettext("lesson", "Next"), lesson.next),
        ):
            if value:
                text.append(f"{label}: ", style="bold")
                text.append(plain(value))
                text.append("\n")
        names = [self.principle_names.get(k, k) for k in lesson.principles]
        if names:
            text.append(_("Principles") + ": ", style="bold")
            text.append(", ".join(names))
        detail.update(text)

    @on(DataTable.RowHighlighted, "#lesson-table")
    def follow_cursor(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= event.data_table.row_count - 10:
            self.show_more()
        self.show_detail()

    def scrolled(self) -> None:
        """Scrolled (by the cursor, the end key or the mouse) near the last row: more."""
        table = self.query_one("#lesson-table", DataTable)
        if table.scroll_y >= table.max_scroll_y - 10:
            self.show_more()

    @on(Field.Changed, "#search")
    def search_changed(self) -> None:
        """Search once typing pauses, not at every key."""
        if self.search_timer is not None:
            self.search_timer.stop()
        self.search_timer = self.set_timer(SEARCH_PAUSE, self.reload)

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
            self.notify(_("Lesson saved"))
            self.build_index(select=lesson.id)

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


BLAMELESS = N_("Write what happened and why, never whose fault it was.")


def lesson_form(
    principles: dict[str, str],
    save: Callable[[LessonDraft], Lesson],
    start: Lesson | LessonDraft | None = None,
) -> FormScreen[Lesson]:
    """The form for a new lesson (optionally started from a card) or an edited one."""
    draft = start or LessonDraft("", "", "", "")
    fields = [
        FormField("title", _("Title"), draft.title),
        FormField("tried", _("What we tried"), draft.tried),
        FormField("happened", _("What happened"), draft.happened),
        FormField("learned", _("What we learned"), draft.learned),
        FormField("next", _("What we will try next"), draft.next),
        FormField(
            "principles",
            _("Principles it touches (space to choose)"),
            list(draft.principles),
            "many",
            [(name, key) for key, name in principles.items()],
        ),
    ]
    title = _("Edit lesson") if isinstance(start, Lesson) else _("New lesson")
    return FormScreen(
        title, fields, lambda v: save(LessonDraft(**v, meeting=draft.meeting)), _(BLAMELESS)
    )
