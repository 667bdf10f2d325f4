"""The lessons log on a long history: it opens on the newest page, grows as the cursor
moves down, searches once typing pauses, and shows a lesson another process wrote."""

import subprocess
import sys

from textual.widgets import DataTable

from retro_tui.app import make_app
from retro_tui.domain.lessons import LessonDraft, add_lesson
from retro_tui.screens.lessons import PAGE, LessonsScreen
from retro_tui.store import Store
from retro_tui.widgets.plain import clipped
from tests.conftest import type_text, wait_until

LESSONS = 3 * PAGE + 7


def many_lessons(store: Store) -> None:
    with store.transaction():
        for n in range(LESSONS):
            words = "night shift" if n % 10 == 0 else "day visits"
            add_lesson(store, LessonDraft(f"Lesson {n:03d} on {words}", "t", "h", "l"))


async def test_the_log_opens_on_its_newest_page_and_grows_as_the_cursor_moves(
    store: Store,
) -> None:
    many_lessons(store)
    app = make_app(store, "Ada", {}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LessonsScreen)
        table = app.screen.query_one("#lesson-table", DataTable)
        assert table.row_count == PAGE
        assert "Lesson" in str(table.get_row_at(0)[0]) and f"{LESSONS - 1:03d}" in str(
            table.get_row_at(0)[0]
        )
        await pilot.press("ctrl+end")  # to the last row shown: the next page comes
        await pilot.pause()
        assert table.row_count == 2 * PAGE
        for _ in range(4):
            await pilot.press("ctrl+end")
            await pilot.pause()
        assert table.row_count == LESSONS  # every lesson can be reached


async def test_a_search_runs_when_typing_pauses(store: Store) -> None:
    many_lessons(store)
    app = make_app(store, "Ada", {}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "slash")
        await type_text(pilot, "NIGHT")
        table = app.screen.query_one("#lesson-table", DataTable)
        matching = len(range(0, LESSONS, 10))
        await wait_until(pilot, lambda: table.row_count == matching, "the night-shift lessons")
        assert all("night shift" in str(table.get_row_at(r)[0]) for r in range(matching))


async def test_a_lesson_written_elsewhere_shows_on_top(store: Store) -> None:
    many_lessons(store)
    app = make_app(store, "Ada", {}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        table = app.screen.query_one("#lesson-table", DataTable)
        subprocess.run(
            [sys.executable, "-m", "retro_tui", "--store", str(store.folder), "lesson", "add",
             "Written elsewhere", "--tried", "t", "--happened", "h", "--learned", "l"],
            check=True, capture_output=True,
        )  # fmt: skip
        await wait_until(
            pilot, lambda: "Written elsewhere" in str(table.get_row_at(0)[0]), "the new lesson"
        )


def test_a_long_title_is_cut_at_a_word_with_an_ellipsis() -> None:
    assert clipped("A rule was not what we needed for the key boxes", 40).plain == (
        "A rule was not what we needed for the…"
    )
    assert clipped("Short title", 40).plain == "Short title"
    assert clipped("x" * 60, 40).plain == "x" * 39 + "…"
    assert clipped("line one\nline two", 40).plain == "line one line two"
