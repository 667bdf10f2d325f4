"""A whole meeting run with keys alone, then checked in the store and the minutes."""

from datetime import date
from pathlib import Path

from textual.widgets import OptionList

from retro_tui.app import make_app
from retro_tui.dialogs.form import FormScreen
from retro_tui.domain.actions import add_action, list_actions
from retro_tui.domain.agenda import list_items
from retro_tui.domain.cards import add_card, board
from retro_tui.domain.checkins import list_checkins
from retro_tui.domain.decisions import list_decisions
from retro_tui.domain.lessons import list_lessons
from retro_tui.domain.meetings import create_meeting, get_meeting, list_meetings
from retro_tui.domain.team import find_member
from retro_tui.screens.meeting import MeetingScreen
from retro_tui.store import Store
from tests.conftest import type_text

MARKUP = "[@click=app.quit]x[/]"


async def test_a_whole_meeting_with_keys_alone(store: Store, tmp_path: Path) -> None:
    earlier = create_meeting(store, "forum", on=date(2026, 11, 15))
    add_action(store, earlier.id, "Call the GP", "Di")
    minutes_file = tmp_path / "minutes.md"
    app = make_app(store, as_name="Ada", cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("n")  # start a meeting: a retro with everyone
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        meeting_id = list_meetings(store)[-1].id
        assert get_meeting(store, meeting_id).facilitator == "Bo"

        # Bo's connection has dropped: Ada takes over, with a reason.
        await pilot.press("ctrl+f")
        await type_text(pilot, "Bo lost his connection")
        await pilot.press("enter")
        await pilot.pause()

        # 1. Check-in: Ada is the first name.
        await pilot.press("enter", "4", "enter")
        await type_text(pilot, "curious")
        await pilot.press("enter")
        await pilot.pause()

        # 2. Review: the open action from the last meeting is done.
        await pilot.press("pagedown")
        await pilot.press("d")
        await pilot.pause()

        # 3. Agenda: an item with a full check, a tension, a decision and an action.
        await pilot.press("pagedown", "a")
        await type_text(pilot, "Trial of afternoon visits")
        await pilot.press("enter")
        await type_text(pilot, "Bo")
        await pilot.press("enter", "ctrl+u", "1", "5", "enter")
        await pilot.pause()
        await pilot.press("enter")  # discuss it: the countdown starts
        await pilot.pause()
        await pilot.press("s", "t")  # purpose supports; reality in tension
        await pilot.pause()
        await type_text(pilot, "Families were not asked")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*["x"] * 7)  # the check moved on after the tension
        await pilot.press("d")
        await pilot.pause()
        await type_text(pilot, "Try it for a month")
        await pilot.press("tab")
        await type_text(pilot, "Bo")
        await pilot.press("tab")
        await type_text(pilot, "Di")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await type_text(pilot, "Ask the families")
        await pilot.press("enter", "enter")
        await type_text(pilot, "2026-12-01")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()

        # A second item whose check is skipped openly.
        await pilot.press("a")
        await type_text(pilot, "Key box sign-out")
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        await pilot.press("shift+tab", "down", "enter")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()

        # 4. Cards: Bo's card is hidden from Ada until the reveal.
        add_card(store, meeting_id, "went-well", "Bo's secret card", find_member(store, "Bo"))
        await pilot.press("pagedown")
        await pilot.pause()
        went_well = app.screen.query_one("#col-0", OptionList)
        assert "hidden card" in str(went_well.get_option_at_index(0).prompt)
        await pilot.press("tab", "tab", "a")  # the card form opens on its text
        await type_text(pilot, MARKUP)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert str(went_well.get_option_at_index(0).prompt) == "Bo's secret card"
        failed = app.screen.query_one("#col-2", OptionList)
        assert str(failed.get_option_at_index(0).prompt) == MARKUP
        await pilot.press("down", "v", "v")
        await pilot.pause()

        # 5. Lessons: the failure card becomes a lesson.
        await pilot.press("pagedown")
        await pilot.pause()
        await pilot.press("tab", "down", "enter")
        await pilot.pause()
        await pilot.press("enter", "enter")
        await type_text(pilot, "The call dropped")
        await pilot.press("enter")
        await type_text(pilot, "Test the line first")
        await pilot.press("enter")
        await type_text(pilot, "Check the Wi-Fi")
        await pilot.press("enter")
        await pilot.pause()

        # 6. Close: export the minutes, close the meeting.
        await pilot.press("pagedown", "e")
        await pilot.pause()
        await pilot.press("ctrl+u")  # the dialog opens on its file field
        await type_text(pilot, str(minutes_file))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.is_running  # the markup card never ran app.quit

    meeting = get_meeting(store, meeting_id)
    assert meeting.status == "closed"
    assert meeting.facilitator == "Ada"
    assert meeting.role_changes[-1].reason == "Bo lost his connection"
    checkin = list_checkins(store, meeting_id)
    assert [(c.member, c.energy, c.word) for c in checkin] == [("Ada", 4, "curious")]
    call = next(a for a in list_actions(store) if a.text == "Call the GP")
    assert call.status == "done" and call.reviews[0].meeting == meeting_id
    first, second = list_items(store, meeting_id)
    assert (first.title, first.owner, first.timebox, first.status) == (
        "Trial of afternoon visits",
        "Bo",
        15,
        "closed",
    )
    assert first.verdict("purpose").verdict == "supports"
    assert first.verdict("reality").verdict == "tension"
    assert first.verdict("reality").note == "Families were not asked"
    assert first.verdict("expertise").verdict == "not-relevant" and not first.check_skipped
    assert second.status == "closed" and second.check_skipped
    [decision] = list_decisions(store, meeting_id)
    assert (decision.text, decision.knows_most, decision.affected) == (
        "Try it for a month",
        ["Bo"],
        ["Di"],
    )
    new_action = next(a for a in list_actions(store) if a.meeting == meeting_id)
    assert (new_action.text, new_action.owner, new_action.due) == (
        "Ask the families",
        "Bo",
        "2026-12-01",
    )
    cards = board(store, meeting_id)
    assert cards.revealed and {c.text: c.votes for c in cards.cards} == {
        "Bo's secret card": 0,
        MARKUP: 2,
    }
    [lesson] = list_lessons(store)
    assert (lesson.title, lesson.happened, lesson.meeting) == (
        MARKUP,
        "The call dropped",
        meeting_id,
    )

    minutes = minutes_file.read_text()
    for expected in (
        "- Ada: 4/5, curious",
        "- Call the GP (Di): done",
        "### 1. Trial of afternoon visits (owner Bo, 15 min)",
        "Reality first: tension: Families were not asked",
        "**Decision:** Try it for a month",
        "- Consulted, knows most: Bo",
        "- Ask the families (Bo, due 2026-12-01)",
        "### 2. Key box sign-out",
        "The check was skipped",
        f"- {MARKUP} (2 votes)",
        f"### {MARKUP}",
        "- Happened: The call dropped",
        "## Next time",
    ):
        assert expected in minutes, expected


async def test_hand_over_opens_on_its_reason_and_hands_the_role_over(store: Store) -> None:
    """The dialog once crashed on its empty "to whom" choice; now it opens on the text."""
    meeting_id = create_meeting(store, "retro").id
    facilitator = get_meeting(store, meeting_id).facilitator
    app = make_app(store, facilitator, {}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(MeetingScreen(meeting_id))
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "Bo knows this topic")
        await pilot.press("shift+tab", "enter")  # open "to whom"
        await pilot.pause()
        await pilot.press("down", "down", "enter", "ctrl+s")  # past the blank and Ada: Bo
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
    changed = get_meeting(store, meeting_id)
    assert changed.role_changes[-1].reason == "Bo knows this topic"
    assert changed.facilitator != facilitator
