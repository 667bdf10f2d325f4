"""The presenter view on a room's screen: a countdown that grows with the terminal and is
whole in overtime, the item under discussion with its tension notes, decisions and
actions (in the presenter and in the agenda step's item pane), and following the
facilitator from another process."""

import subprocess
import sys

import pytest
from textual.widgets import Static

from retro_tui.app import make_app
from retro_tui.domain.actions import add_action
from retro_tui.domain.agenda import add_item
from retro_tui.domain.decisions import add_decision
from retro_tui.domain.flow import go_to_step
from retro_tui.store import Store
from retro_tui.widgets.big_font import big_height, big_lines, big_width, largest_scale
from retro_tui.widgets.countdown import Countdown
from tests.conftest import wait_until
from tests.test_snapshots import demo, facilitator_of, over_time, today_meeting, with_items

__all__ = ["demo"]  # the fixture, used by name

BLOCKS = set("█▀▄")


def at_agenda(store: Store, prepare=with_items) -> str:
    meeting_id = today_meeting(store)
    go_to_step(store, meeting_id, "agenda", facilitator_of(store, meeting_id))
    prepare(store, meeting_id)
    return meeting_id


async def open_meeting(app, pilot, meeting_id: str) -> None:
    from retro_tui.screens.meeting import MeetingScreen

    await app.push_screen(MeetingScreen(meeting_id))
    await pilot.pause()


async def open_presenter(app, pilot, meeting_id: str) -> None:
    from retro_tui.screens.presenter import PresenterScreen

    await open_meeting(app, pilot, meeting_id)
    await pilot.press("ctrl+t")
    await wait_until(pilot, lambda: isinstance(app.screen, PresenterScreen), "the presenter")
    await pilot.pause()


def drawn_rows(countdown: Countdown) -> list[str]:
    """The rows of the countdown that hold part of a digit, as painted."""
    strips = countdown.render_lines(countdown.region.reset_offset)
    return [s.text for s in strips if BLOCKS & set(s.text)]


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def test_the_large_digits_scale_in_whole_steps() -> None:
    assert [big_height(s) for s in (1, 2, 3, 5)] == [4, 7, 11, 18]
    assert big_width("15:00", 2) == 2 * (4 * 5 + 1 + 4)
    assert largest_scale("15:00", 200, 3) == 0  # three rows: the small digits
    rows = big_lines("+1", 1)
    assert len(rows) == 4 and len({len(r) for r in rows}) == 1
    assert rows[1].startswith("▄▄█▄▄")  # the bar of the plus sign, across its middle


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (200, 60), (240, 70)])
async def test_the_countdown_fills_about_a_third_of_the_height(demo: Store, size) -> None:
    meeting_id = at_agenda(demo)
    app = make_app(demo, "Astrid Holm", env={}, cursor_blink=False)
    async with app.run_test(size=size) as pilot:
        await open_presenter(app, pilot, meeting_id)
        rows = drawn_rows(app.screen.query_one(Countdown))
        height = size[1]
        assert height // 4 <= len(rows) <= height // 3 + 1, (size, len(rows))
        if size == (200, 60):
            assert len(rows) >= 9
        assert "".join(rows).strip()  # digits, not blank
        assert "15:00" not in "".join(rows)  # drawn large, not written


async def test_the_countdown_grows_with_the_terminal(demo: Store) -> None:
    meeting_id = at_agenda(demo)
    heights = []
    for size in [(80, 24), (120, 36), (200, 60)]:
        app = make_app(demo, "Astrid Holm", env={}, cursor_blink=False)
        async with app.run_test(size=size) as pilot:
            await open_presenter(app, pilot, meeting_id)
            heights.append(len(drawn_rows(app.screen.query_one(Countdown))))
    assert heights == sorted(set(heights)), heights
    assert heights[-1] >= 9


async def test_in_overtime_the_whole_countdown_shows_at_80x24_and_says_so(demo: Store) -> None:
    meeting_id = at_agenda(demo, over_time)
    app = make_app(demo, "Astrid Holm", env={}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_presenter(app, pilot, meeting_id)
        countdown = app.screen.query_one(Countdown)
        assert countdown.value == "+02:00" and countdown.scale >= 2
        screen = app.screen.region
        assert screen.contains_region(countdown.region)
        expected = big_lines("+02:00", countdown.scale)
        assert [row.strip() for row in drawn_rows(countdown)] == [r.strip() for r in expected]
        # Not by colour alone: a sign before the digits and words under them.
        assert "OVER TIME" in shown(app, "#presenter-time")
        assert countdown.has_class("over")


async def test_the_presenter_and_the_item_pane_show_tensions_and_the_decision(
    demo: Store,
) -> None:
    meeting_id = at_agenda(demo)
    lead = facilitator_of(demo, meeting_id)
    add_decision(demo, meeting_id, 1, "Try it for a month", ["Bo Jensen"], ["the families"], lead)
    add_action(demo, meeting_id, "Ask three families", "Bo Jensen", None, 1)
    app = make_app(demo, "Astrid Holm", env={}, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(app, pilot, meeting_id)
        pane = shown(app, "#detail")
        for text in (
            "Reality first: The families were not asked",
            "Decision: Try it for a month",
            "Consulted, knows most: Bo Jensen",
            "Consulted, affected: the families",
            "Action: Ask three families — Bo Jensen",
        ):
            assert text in pane, text
        await pilot.press("ctrl+t")
        await pilot.pause()
        check = shown(app, "#presenter-check")
        assert "Reality first" in check and "The families were not asked" in check
        outcome = shown(app, "#presenter-outcome")
        assert "Decision: Try it for a month" in outcome
        assert "Consulted, affected: the families" in outcome
        assert "Action: Ask three families" in outcome
        assert "Trial of afternoon visits" in shown(app, "#presenter-item")
        assert "Bo Jensen" in shown(app, "#presenter-item")  # its owner
        roles = shown(app, "#presenter-roles")
        assert "leads" in roles and "notes" in roles


async def test_at_80x24_every_principle_of_the_check_shows(demo: Store) -> None:
    """With three tensions the check takes two columns rather than running off the screen."""
    from retro_tui.domain.agenda import set_check

    meeting_id = at_agenda(demo)
    for key in ("trust", "alive", "ahead"):
        set_check(demo, meeting_id, 1, key, "tension", f"A note on {key}")
    app = make_app(demo, "Astrid Holm", env={}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_presenter(app, pilot, meeting_id)
        pane = app.screen.query_one("#presenter-check-pane")
        check = shown(app, "#presenter-check")
        assert pane.region.bottom <= 24
        assert len(check.splitlines()) <= pane.content_region.height
        for name in ("Know why we exist", "Expertise is legitimacy", "A note on ahead"):
            assert name in check


async def test_the_presenter_follows_the_facilitator_from_another_process(demo: Store) -> None:
    meeting_id = at_agenda(demo)
    second = add_item(demo, meeting_id, "Night shift handovers", "Dev Patel", 5)
    app = make_app(demo, "Astrid Holm", env={}, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_presenter(app, pilot, meeting_id)
        lead = facilitator_of(demo, meeting_id).name
        script = (
            "import sys; from retro_tui.store import Store;"
            "from retro_tui.domain.flow import discuss_item;"
            "from retro_tui.domain.team import find_member;"
            "s = Store(sys.argv[1]);"
            "discuss_item(s, sys.argv[2], int(sys.argv[3]), 5, find_member(s, sys.argv[4]))"
        )
        subprocess.run(
            [sys.executable, "-c", script, str(demo.folder), meeting_id, str(second.id), lead],
            check=True,
        )
        await wait_until(
            pilot, lambda: "Night shift handovers" in shown(app, "#presenter-item"), "item 2"
        )
        assert app.screen.query_one(Countdown).value == "05:00"
        subprocess.run(
            [sys.executable, "-m", "retro_tui", "--store", str(demo.folder), "decide",
             meeting_id, str(second.id), "Handovers in writing", "--affected", "the night shift"],
            check=True, capture_output=True,
        )  # fmt: skip
        await wait_until(
            pilot,
            lambda: "Handovers in writing" in shown(app, "#presenter-outcome"),
            "the decision",
        )


@pytest.mark.parametrize(("size", "tall"), [((120, 36), True), ((80, 24), False)])
async def test_a_tall_item_pane_shows_what_was_learned_on_the_principles_in_tension(
    demo: Store, size, tall: bool
) -> None:
    """The item is in tension with Reality first: the demo's newest lessons on it appear
    where the screen is tall enough, and only those."""
    from retro_tui.domain.lessons import newest_lessons

    meeting_id = at_agenda(demo)
    on_reality = [lesson for lesson in newest_lessons(demo, 60) if "reality" in lesson.principles]
    elsewhere = [
        lesson for lesson in newest_lessons(demo, 60) if "reality" not in lesson.principles
    ]
    app = make_app(demo, "Astrid Holm", env={}, cursor_blink=False)
    async with app.run_test(size=size) as pilot:
        await open_meeting(app, pilot, meeting_id)
        pane = shown(app, "#detail")
        assert ("Learned lately on these principles" in pane) is tall
        assert (on_reality[0].title in pane) is tall
        assert elsewhere and not any(lesson.title in pane for lesson in elsewhere)
