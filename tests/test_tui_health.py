"""The health check in the app: three members answer unseen on one keyboard, the
facilitator reveals, and everyone sees the spread of each principle."""

import json

from textual.widgets import DataTable

from retro_tui.app import make_app
from retro_tui.domain.flow import go_to_step
from retro_tui.domain.health import health_check
from retro_tui.domain.meetings import Setup, create_meeting
from retro_tui.domain.principles import list_principles
from retro_tui.domain.team import find_member
from retro_tui.screens.meeting import MeetingScreen
from retro_tui.store import Store
from retro_tui.widgets.health_step import HealthStep
from tests.conftest import wait_until

# Each member's ratings of the nine principles, in the team's order.
ANSWERS = {
    "Ada": "444414444",
    "Bo": "445444344",
    "Cy": "345454444",
}


async def answer(pilot, app, name: str, ratings: str) -> None:
    """Choose who answers (the dialog's list of those present), rate every principle from
    the top, hand in."""
    step = app.screen.query_one(HealthStep)
    present = step.meeting.present
    moves = present.index(name) - present.index(step.answerer.name)
    await pilot.press("m")
    await pilot.pause()
    await pilot.press("enter")  # the list of members opens on the one answering now
    await pilot.press(*(["down"] * moves if moves > 0 else ["up"] * -moves), "enter")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert step.answerer.name == name
    table = app.screen.query_one("#health-table", DataTable)
    table.move_cursor(row=0)
    await pilot.press(*ratings)
    await pilot.press("s")
    await pilot.pause()


async def test_three_members_answer_unseen_and_the_reveal_shows_the_spread(store: Store) -> None:
    meeting = create_meeting(store, absent=["Di"], setup=Setup(health=True))
    facilitator = find_member(store, meeting.facilitator)
    go_to_step(store, meeting.id, "health", facilitator)
    app = make_app(store, facilitator.name, {}, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await app.push_screen(MeetingScreen(meeting.id))
        await pilot.pause()
        status = app.screen.query_one("#health-status")
        assert "anonymous, unseen until the facilitator reveals" in str(status.render())
        for name, ratings in ANSWERS.items():
            await answer(pilot, app, name, ratings)
        check = health_check(store, meeting.id)
        assert check.answered == ["Ada", "Bo", "Cy"] and check.answers == []
        table = app.screen.query_one("#health-table", DataTable)
        assert "answered: Ada, Bo, Cy" in str(status.render())

        await pilot.press("r")
        await wait_until(
            pilot, lambda: table.row_count == 9 and "Mean" in str(table.columns), "the reveal"
        )
        rows = {
            str(table.get_row_at(n)[0]): [str(cell) for cell in table.get_row_at(n)[1:]]
            for n in range(table.row_count)
        }
        # Safety and trust: 1, 4 and 5. A dot under each rating given, the mean, the spread.
        assert rows["Safety and trust"] == ["●", "·", "·", "●", "●", "3.3", "4 seen differently"]
        assert rows["Know why we exist"] == ["·", "·", "●", "●●", "·", "3.7", "1"]
        assert rows["Professionally ahead"] == ["·", "·", "●", "●●", "·", "3.7", "1"]

    principles = [p.key for p in list_principles(store)]
    results = {
        r.key: r.ratings for r in health_check(store, meeting.id).results(list_principles(store))
    }
    assert results["trust"] == [1, 4, 5]
    assert results == {
        key: sorted(int(ANSWERS[name][n]) for name in ANSWERS) for n, key in enumerate(principles)
    }
    # The store holds who answered, never whose answer is whose.
    content = json.loads((store.folder / f"meeting-{meeting.id}.json").read_text())
    assert all("member" not in answer for answer in content["health"].values())


async def test_on_a_shared_keyboard_the_next_one_sees_no_earlier_answer(store: Store) -> None:
    meeting = create_meeting(store, absent=["Di"], setup=Setup(health=True))
    facilitator = find_member(store, meeting.facilitator)
    go_to_step(store, meeting.id, "health", facilitator)
    other = next(name for name in ANSWERS if name != facilitator.name)
    app = make_app(store, facilitator.name, {}, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await app.push_screen(MeetingScreen(meeting.id))
        await pilot.pause()
        await answer(pilot, app, other, ANSWERS[other])
        await answer(pilot, app, facilitator.name, ANSWERS[facilitator.name])
        step = app.screen.query_one(HealthStep)
        await pilot.press("m", "enter")
        moves = step.meeting.present.index(other) - step.meeting.present.index(facilitator.name)
        await pilot.press(*(["down"] * moves if moves > 0 else ["up"] * -moves), "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert step.answerer.name == other
        table = app.screen.query_one("#health-table", DataTable)
        assert {str(table.get_row_at(n)[1]) for n in range(table.row_count)} == {"·"}
