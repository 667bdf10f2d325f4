"""People's text is never markup: a card or lesson reading like an action link shows as
typed on every screen, and clicking it does nothing."""

from pathlib import Path

import pytest

from retro_tui.app import make_app
from retro_tui.domain.cards import add_card, reveal_cards
from retro_tui.domain.flow import go_to_step
from retro_tui.domain.lessons import LessonDraft, add_lesson
from retro_tui.domain.meetings import create_meeting, get_meeting
from retro_tui.domain.team import find_member
from retro_tui.screens.meeting import MeetingScreen
from retro_tui.store import Store

MARKUP = "[@click=app.quit]x[/]"


@pytest.fixture
def meeting_id(store: Store) -> str:
    meeting = create_meeting(store, "retro")
    add_card(store, meeting.id, "failed-learned", MARKUP, find_member(store, "Bo"))
    add_lesson(store, LessonDraft(MARKUP, MARKUP, "h", "l", "", ["alive"], meeting.id))
    return meeting.id


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def shows_and_survives_clicks(pilot, where: str) -> None:
    """The text is on screen exactly as typed, and clicking on it runs nothing."""
    app = pilot.app
    places = [(line.index(MARKUP), y) for y, line in enumerate(screen_lines(app)) if MARKUP in line]
    assert places, f"{where}: {MARKUP} is not on screen"
    for x, y in places:
        for dx in range(0, len(MARKUP), 3):
            await pilot.click(offset=(x + dx, y))
            assert app.is_running and app.return_code is None, f"{where}: a click ran an action"


async def test_home_shows_markup_as_text(store: Store, meeting_id: str) -> None:
    async with make_app(store, "Ada", {}, cursor_blink=False).run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await shows_and_survives_clicks(pilot, "home")


async def test_lessons_screen_shows_markup_as_text(store: Store, meeting_id: str) -> None:
    async with make_app(store, "Ada", {}, cursor_blink=False).run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await shows_and_survives_clicks(pilot, "lessons")


@pytest.mark.parametrize("step", ["cards", "lessons", "close"])
async def test_meeting_steps_show_markup_as_text(store: Store, meeting_id: str, step: str) -> None:
    facilitator = find_member(store, get_meeting(store, meeting_id).facilitator)
    reveal_cards(store, meeting_id, facilitator)
    go_to_step(store, meeting_id, step, facilitator)
    async with make_app(store, "Ada", {}, cursor_blink=False).run_test(size=(100, 30)) as pilot:
        await pilot.app.push_screen(MeetingScreen(meeting_id))
        await pilot.pause()
        await shows_and_survives_clicks(pilot, step)


async def test_hidden_card_shows_markup_to_its_author(
    store: Store, meeting_id: str, tmp_path: Path
) -> None:
    go_to_step(
        store, meeting_id, "cards", find_member(store, get_meeting(store, meeting_id).facilitator)
    )
    async with make_app(store, "Bo", {}, cursor_blink=False).run_test(size=(100, 30)) as pilot:
        await pilot.app.push_screen(MeetingScreen(meeting_id))
        await pilot.pause()
        await shows_and_survives_clicks(pilot, "hidden cards")
