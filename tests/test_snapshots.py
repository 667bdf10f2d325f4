"""Snapshots of every screen at 80×24 and 120×36, on the demo team with a fixed clock.
Home and the presenter view are in test_snapshots_room, at a wall screen's size too."""

from collections.abc import Callable
from pathlib import Path

import pytest

from retro_tui.app import make_app
from retro_tui.domain.agenda import add_item, set_check
from retro_tui.domain.cards import add_card, reveal_cards, vote, vote_theme
from retro_tui.domain.demo import create_demo
from retro_tui.domain.flow import discuss_item, go_to_step, update_state
from retro_tui.domain.health import answer_health, reveal_health
from retro_tui.domain.lessons import LessonDraft, add_lesson
from retro_tui.domain.meetings import get_meeting
from retro_tui.domain.meetings import today_meeting as planned_today
from retro_tui.domain.principles import list_principles
from retro_tui.domain.team import Member, find_member
from retro_tui.domain.themes import group_card
from retro_tui.store import Store

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]
MARKUP = "[@click=app.quit]x[/]"


@pytest.fixture
def demo(isolated_env: Path) -> Store:
    store = Store(isolated_env)
    create_demo(store)
    return store


def today_meeting(store: Store) -> str:
    """Today's retrospective of the demo (the Care forum meets later in the week)."""
    meeting = planned_today(store)
    assert meeting is not None
    return meeting.id


def facilitator_of(store: Store, meeting_id: str) -> Member:
    return find_member(store, get_meeting(store, meeting_id).facilitator)


def app_for(store: Store, env: dict[str, str] | None = None):
    return make_app(store, as_name="Astrid Holm", env=env or {}, cursor_blink=False)


def open_meeting(step: str, prepare: Callable[[Store, str], None] | None = None):
    """A run_before that moves today's meeting to `step` and opens it."""

    async def run_before(pilot) -> None:
        store = pilot.app.store
        meeting_id = today_meeting(store)
        go_to_step(store, meeting_id, step, facilitator_of(store, meeting_id))
        if prepare:
            prepare(store, meeting_id)
        from retro_tui.screens.meeting import MeetingScreen

        await pilot.app.push_screen(MeetingScreen(meeting_id))
        await pilot.pause()

    return run_before


def with_items(store: Store, meeting_id: str) -> None:
    first = add_item(store, meeting_id, "Trial of afternoon visits", "Bo Jensen", 15)
    add_item(store, meeting_id, "A sign-out procedure for key boxes", None, 10)
    set_check(store, meeting_id, first.id, "purpose", "supports")
    set_check(store, meeting_id, first.id, "reality", "tension", "The families were not asked")
    set_check(store, meeting_id, first.id, "openness", "not-relevant")
    discuss_item(store, meeting_id, first.id, 15, facilitator_of(store, meeting_id))


def over_time(store: Store, meeting_id: str) -> None:
    with_items(store, meeting_id)
    update_state(store, meeting_id, timer_started="2026-11-22T09:43:00")


def with_cards(store: Store, meeting_id: str) -> None:
    astrid, bo = find_member(store, "Astrid Holm"), find_member(store, "Bo Jensen")
    add_card(store, meeting_id, "went-well", "Short handovers saved us time", bo)
    add_card(store, meeting_id, "to-improve", "Thursday evenings are still rushed", astrid)
    add_card(store, meeting_id, "failed-learned", MARKUP, bo)


def with_revealed_cards(store: Store, meeting_id: str) -> None:
    with_cards(store, meeting_id)
    reveal_cards(store, meeting_id, facilitator_of(store, meeting_id))
    vote(store, meeting_id, 3, find_member(store, "Bo Jensen"))
    vote(store, meeting_id, 3, find_member(store, "Dev Patel"))


def with_themes(store: Store, meeting_id: str) -> None:
    """Cards grouped under two themes by the facilitator, then dots on a theme and a card."""
    with_cards(store, meeting_id)
    bo = find_member(store, "Bo Jensen")
    add_card(store, meeting_id, "to-improve", "Too many messages in the shift chat", bo)
    lead = facilitator_of(store, meeting_id)
    reveal_cards(store, meeting_id, lead)
    handovers = group_card(store, meeting_id, 1, "Handovers", lead)
    group_card(store, meeting_id, 4, "Handovers", lead)
    group_card(store, meeting_id, 2, "Evening rounds", lead)
    assert handovers is not None
    for name in ("Bo Jensen", "Dev Patel", "Astrid Holm"):
        vote_theme(store, meeting_id, handovers.id, find_member(store, name))
    vote(store, meeting_id, 3, bo)


def health_answers(store: Store, meeting_id: str) -> None:
    """Two members have answered; the one at the keyboard has not."""
    keys = [p.key for p in list_principles(store)]
    for name, base in (("Bo Jensen", 4), ("Dev Patel", 3)):
        ratings = {key: base - (n % 2) for n, key in enumerate(keys)}
        answer_health(store, meeting_id, find_member(store, name), ratings)


def health_revealed(store: Store, meeting_id: str) -> None:
    health_answers(store, meeting_id)
    keys = [p.key for p in list_principles(store)]
    ratings = {key: 5 if key == "trust" else 4 for key in keys}
    answer_health(store, meeting_id, find_member(store, "Astrid Holm"), ratings, {"trust": MARKUP})
    reveal_health(store, meeting_id, facilitator_of(store, meeting_id))


def with_lesson(store: Store, meeting_id: str) -> None:
    with_revealed_cards(store, meeting_id)
    add_lesson(
        store,
        LessonDraft(
            MARKUP,
            "Video visits",
            "The call dropped",
            "Test the line first",
            "Check Wi-Fi at set-up",
            ["alive"],
            meeting_id,
        ),
    )


@pytest.mark.parametrize("size", SIZES)
def test_welcome(snap_compare, isolated_env: Path, size) -> None:
    assert snap_compare(app_for(Store(isolated_env)), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_lessons(snap_compare, demo: Store, size) -> None:
    add_lesson(demo, LessonDraft(MARKUP, MARKUP, "h", "l", "", ["trust"]))
    assert snap_compare(app_for(demo), press=["l"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_lesson_form(snap_compare, demo: Store, size) -> None:
    assert snap_compare(app_for(demo), press=["l", "a"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_start_meeting(snap_compare, demo: Store, size) -> None:
    assert snap_compare(app_for(demo), press=["n"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_export(snap_compare, demo: Store, size) -> None:
    assert snap_compare(app_for(demo), press=["down", "x"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_export_over_ssh(snap_compare, demo: Store, size) -> None:
    """A member who came in over SSH names a file for the exports folder, not a path."""
    app = app_for(demo, env={"RETRO_REMOTE": "1"})
    assert snap_compare(app, press=["down", "x"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    ("step", "prepare"),
    [
        pytest.param("checkin", None, id="checkin"),
        pytest.param("health", health_answers, id="health"),
        pytest.param("health", health_revealed, id="health-revealed"),
        pytest.param("review", None, id="review"),
        pytest.param("agenda", with_items, id="agenda"),
        pytest.param("agenda", over_time, id="agenda-over-time"),
        pytest.param("cards", with_cards, id="cards-hidden"),
        pytest.param("cards", with_revealed_cards, id="cards-revealed"),
        pytest.param("cards", with_themes, id="cards-themes"),
        pytest.param("lessons", with_lesson, id="lessons"),
        pytest.param("close", with_lesson, id="close"),
    ],
)
def test_meeting_steps(snap_compare, demo: Store, size, step, prepare) -> None:
    assert snap_compare(app_for(demo), run_before=open_meeting(step, prepare), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_item_form(snap_compare, demo: Store, size) -> None:
    assert snap_compare(
        app_for(demo), run_before=open_meeting("agenda"), press=["a"], terminal_size=size
    )


@pytest.mark.parametrize("size", SIZES)
def test_skip_check_confirmation(snap_compare, demo: Store, size) -> None:
    assert snap_compare(
        app_for(demo),
        run_before=open_meeting("agenda", with_items),
        press=["f"],
        terminal_size=size,
    )


@pytest.mark.parametrize("size", SIZES)
def test_forums(snap_compare, demo: Store, size) -> None:
    assert snap_compare(app_for(demo), press=["f"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_forum_form(snap_compare, demo: Store, size) -> None:
    assert snap_compare(app_for(demo), press=["f", "a"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_decisions(snap_compare, demo: Store, size) -> None:
    assert snap_compare(app_for(demo), press=["d"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_tasks(snap_compare, demo: Store, size) -> None:
    """The task that is not aligned, as the one who holds it sees it."""
    app = make_app(demo, as_name="Emil Lund", env={}, cursor_blink=False)
    assert snap_compare(app, press=["t", "down"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("chart", ["1", "2", "3", "4", "5"])
def test_trends(snap_compare, demo: Store, size, chart: str) -> None:
    """Each chart of the last four quarters: energy, health, tensions, actions, lessons."""
    assert snap_compare(app_for(demo), press=["y", chart], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_report_dialog(snap_compare, demo: Store, size) -> None:
    assert snap_compare(app_for(demo), press=["y", "r"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_alignment_check_form(snap_compare, demo: Store, size) -> None:
    app = make_app(demo, as_name="Emil Lund", env={}, cursor_blink=False)
    assert snap_compare(app, press=["t", "down", "c"], terminal_size=size)
