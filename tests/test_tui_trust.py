"""The meeting does what the keys say: a dot lands on the card under the highlight, a
tension is never overwritten by the next key, a finished item stops being current."""

import pytest
from textual.widgets import DataTable, Footer, OptionList

from retro_tui.app import make_app
from retro_tui.dialogs.form import FormScreen
from retro_tui.domain.agenda import add_item, list_items
from retro_tui.domain.cards import add_card, board, reveal_cards
from retro_tui.domain.flow import discuss_item, go_to_step, meeting_state
from retro_tui.domain.meetings import create_meeting, get_meeting, list_meetings
from retro_tui.domain.principles import list_principles
from retro_tui.domain.team import Member, find_member
from retro_tui.screens.meeting import MeetingScreen
from retro_tui.store import Store
from tests.conftest import type_text


@pytest.fixture
def meeting_id(store: Store) -> str:
    return create_meeting(store, "retro").id


def facilitator(store: Store, meeting_id: str) -> Member:
    return find_member(store, get_meeting(store, meeting_id).facilitator)


async def open_meeting(pilot, meeting_id: str) -> MeetingScreen:
    await pilot.app.push_screen(MeetingScreen(meeting_id))
    await pilot.pause()
    return pilot.app.screen


async def test_the_highlight_follows_the_card_it_voted_for(store: Store, meeting_id: str) -> None:
    lead = facilitator(store, meeting_id)
    first = add_card(store, meeting_id, "went-well", "Short handovers", lead)
    second = add_card(store, meeting_id, "went-well", "The new rota board", lead)
    go_to_step(store, meeting_id, "cards", lead)
    reveal_cards(store, meeting_id, lead)
    app = make_app(store, lead.name, {}, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot, meeting_id)
        column = app.screen.query_one("#col-0", OptionList)
        column.focus()
        column.highlighted = 1  # the second card
        await pilot.press("v")  # it gets a dot and moves to the top
        await pilot.pause()
        assert column.get_option_at_index(column.highlighted).id == str(second.id)
        await pilot.press("v")
        await pilot.pause()
    votes = {card.id: card.votes for card in board(store, meeting_id).cards}
    assert votes == {first.id: 0, second.id: 2}


async def test_a_tension_moves_on_so_the_next_key_cannot_overwrite_it(
    store: Store, meeting_id: str
) -> None:
    lead = facilitator(store, meeting_id)
    item = add_item(store, meeting_id, "Trial of afternoon visits", None, 15)
    go_to_step(store, meeting_id, "agenda", lead)
    discuss_item(store, meeting_id, item.id, item.timebox, lead)
    app = make_app(store, lead.name, {}, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot, meeting_id)
        app.screen.query_one("#check-table", DataTable).focus()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "Families were not asked")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
    checked = list_items(store, meeting_id)[0]
    first, second = [p.key for p in list_principles(store)][:2]
    assert checked.verdict(first).verdict == "tension"
    assert checked.verdict(first).note == "Families were not asked"
    assert checked.verdict(second).verdict == "supports"


async def test_a_finished_item_stops_being_current(store: Store, meeting_id: str) -> None:
    lead = facilitator(store, meeting_id)
    item = add_item(store, meeting_id, "Key box sign-out", None, 10)
    go_to_step(store, meeting_id, "agenda", lead)
    discuss_item(store, meeting_id, item.id, item.timebox, lead)
    app = make_app(store, lead.name, {}, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot, meeting_id)
        await pilot.press("f", "y")  # finish, skipping the check openly
        await pilot.pause()
        table = app.screen.query_one("#items", DataTable)
        assert str(table.get_row_at(0)[-1]) == "✓"
    state = meeting_state(store, meeting_id)
    assert state.item is None and state.timer_started is None
    assert list_items(store, meeting_id)[0].status == "closed"


async def test_starting_a_meeting_offers_the_one_planned_for_today(
    store: Store, meeting_id: str
) -> None:
    app = make_app(store, "Ada", {}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen) and app.screen.meeting_id == meeting_id
    assert [m.id for m in list_meetings(store)] == [meeting_id]


async def test_a_meeting_started_anyway_is_a_second_one_that_day(
    store: Store, meeting_id: str
) -> None:
    app = make_app(store, "Ada", {}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Extra forum")  # the dialog opens on the title
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [m.title for m in list_meetings(store)] == ["Retrospective", "Extra forum"]


async def test_the_palette_lists_the_app_s_commands_first_and_each_once(
    store: Store, meeting_id: str
) -> None:
    app = make_app(store, "Ada", {}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = [c.title for c in app.get_system_commands(app.screen)]
        assert home[:8] == [
            "New meeting",
            "Lessons",
            "Forums",
            "Decisions",
            "Tasks",
            "Trends",
            "Export minutes",
            "Home",
        ]
        assert len(home) == len(set(home)) and "Cursor up" not in home
        await open_meeting(pilot, meeting_id)
        meeting = [c.title for c in app.get_system_commands(app.screen)]
        assert "Go to Cards" in meeting and meeting.index("Go to Cards") < meeting.index("Quit")


async def test_the_footer_ends_on_the_palette_key_with_no_stray_letter(
    store: Store, meeting_id: str
) -> None:
    lead = facilitator(store, meeting_id)
    go_to_step(store, meeting_id, "agenda", lead)  # more keys than 80 columns hold
    app = make_app(store, lead.name, {}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, meeting_id)
        footer = app.screen.query_one(Footer)
        palette = footer.query_one(".-command-palette")
        assert palette.region.right == footer.region.right == 80
