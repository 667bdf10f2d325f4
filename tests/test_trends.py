"""What changes over months: the demo's year, the trends screen, and the period report and
rota calendar written from the app."""

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from textual.widgets import Static

from retro_tui.app import make_app
from retro_tui.dialogs.export import CalendarExportScreen, ReportExportScreen
from retro_tui.domain.cards import board
from retro_tui.domain.demo import create_demo
from retro_tui.domain.meetings import list_meetings
from retro_tui.domain.trends import gather_trends, last_quarters
from retro_tui.screens.trends import TrendsScreen
from retro_tui.store import Store
from tests.conftest import type_text

TODAY = date(2026, 11, 22)  # the tests' fixed clock


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "store"
    mp = pytest.MonkeyPatch()
    mp.setenv("RETRO_NOW", "2026-11-22T10:00:00")
    create_demo(Store(folder))
    mp.undo()
    return folder


@pytest.fixture
def demo(demo_folder: Path) -> Store:
    return Store(demo_folder)


def test_the_demo_has_a_year_of_boards_themes_and_health_checks(demo: Store) -> None:
    meetings = list_meetings(demo)
    assert meetings[0].date <= "2025-11-24" and len(meetings) >= 52
    retros = [m for m in meetings if m.kind == "retro" and m.status == "closed"]
    boards = [board(demo, m.id) for m in retros]
    assert {b.template.key for b in boards} == {
        "classic",
        "start-stop-continue",
        "mad-sad-glad",
        "4ls",
        "sailboat",
    }
    assert any(b.anonymous for b in boards) and not all(b.anonymous for b in boards)
    assert all(all(c.author is None for c in b.cards) for b in boards if b.anonymous)
    assert sum(bool(b.themes) for b in boards) >= len(boards) // 2
    assert all(m.health == "anonymous" for m in retros)
    trends = gather_trends(demo, *last_quarters(4, TODAY))
    checks = [q for t in trends.health for q in t.quarters if q.ratings]
    assert len(checks) == 9 * 4  # every principle rated in every quarter
    assert len(trends.energy) > 40 and 2.5 < trends.energy[-1].average <= 5


async def test_the_trends_screen_tells_what_the_store_holds(demo: Store) -> None:
    trends = gather_trends(demo, *last_quarters(4, TODAY))
    app = make_app(demo, "Astrid Holm", {}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TrendsScreen)

        def shown(key: str) -> str:
            return str(screen.query_one(f"#{key}-summary", Static).render())

        assert shown("energy").startswith(f"{len(trends.energy)} meetings with a check-in")
        await pilot.press("2")
        first = trends.health[0]
        assert shown("health").startswith(f"{first.name}: latest mean")
        await pilot.press("full_stop")
        assert shown("health").startswith(f"{trends.health[1].name}: latest mean")
        await pilot.press("4")
        counts = {
            b.key: sum(q.bars[n].count for q in trends.actions)
            for n, b in enumerate(trends.actions[0].bars)
        }
        assert shown("actions").startswith(
            f"{sum(counts.values())} actions: {counts['done-on-time']} done on time, "
            f"{counts['done-late']} late, {counts['dropped']} dropped"
        )
        await pilot.press("3")
        assert shown("tensions").startswith("Most often in tension: ")
        await pilot.press("5")
        assert shown("lessons").startswith("Lessons touched most: ")
        await pilot.press("g", "g")  # the team alone, then the Care forum
        bar = str(screen.query_one("#trends-bar", Static).render())
        assert "Care forum" in bar
        await pilot.press("p")
        assert "(8 quarters)" in str(screen.query_one("#trends-bar", Static).render())


async def test_the_report_of_what_the_screen_shows_is_written_from_it(
    demo: Store, tmp_path: Path
) -> None:
    target = tmp_path / "care.md"
    app = make_app(demo, "Astrid Holm", {}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y", "g", "g", "r")
        await pilot.pause()
        assert isinstance(app.screen, ReportExportScreen)
        await pilot.press("ctrl+u")
        await type_text(pilot, str(target))
        await pilot.press("enter")
        await pilot.pause()
    written = target.read_text()
    assert written.startswith("# Care forum: period report")
    assert "2026-01-01 to 2026-11-22" in written


async def test_the_rota_calendar_is_written_from_the_palette(demo: Store, tmp_path: Path) -> None:
    target = tmp_path / "rota.ics"
    app = make_app(demo, "Astrid Holm", {}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "rota calendar")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CalendarExportScreen)
        await pilot.press("ctrl+u")
        await type_text(pilot, str(target))
        await pilot.press("enter")
        await pilot.pause()
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) >= 4
    assert all("facilitator" in str(e["SUMMARY"]) and "scribe" in str(e["SUMMARY"]) for e in events)


async def test_the_trends_screen_follows_another_process(isolated_env: Path) -> None:
    from retro_tui.domain.lessons import LessonDraft, add_lesson
    from retro_tui.domain.team import add_member, init_team
    from tests.conftest import wait_until

    store = Store(isolated_env)
    init_team(store, "Small team")
    add_member(store, "Ada")
    app = make_app(store, "Ada", {}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y", "5")
        await pilot.pause()
        summary = app.screen.query_one("#lessons-summary", Static)
        assert str(summary.render()) == "No lessons were written in this period."
        other = Store(isolated_env)  # another writer: its writes are news to the app
        add_lesson(other, LessonDraft("Ask first", "t", "h", "l", "", ["trust"]))
        await wait_until(
            pilot, lambda: "Safety and trust (1)" in str(summary.render()), "the lesson", 6
        )
