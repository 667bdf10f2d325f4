"""Boards, themes and the health check as a hostile member would try them: names that are
markup, anonymity that leaks through a correction or the order of notes, dots and answers
given by the wrong person, and meeting files edited by hand."""

import json
from pathlib import Path

import pytest
from textual.widgets import Select

from retro_tui.app import make_app
from retro_tui.dialogs.form import FormScreen
from retro_tui.dialogs.start_meeting import StartMeetingScreen
from retro_tui.domain.cards import (
    add_card,
    board,
    edit_card,
    remove_card,
    reveal_cards,
    set_vote_budget,
    vote,
)
from retro_tui.domain.flow import go_to_step
from retro_tui.domain.groups import add_group
from retro_tui.domain.health import answer_health, health_check, reveal_health
from retro_tui.domain.meetings import Setup, create_meeting
from retro_tui.domain.principles import list_principles
from retro_tui.domain.team import add_member, find_member
from retro_tui.domain.templates import add_template
from retro_tui.domain.themes import group_card, undo_grouping
from retro_tui.errors import RetroError
from retro_tui.screens.meeting import MeetingScreen
from retro_tui.store import Store, StoreCorrupt
from tests.conftest import store_bytes

MARKUP = "[/x] [@click=app.quit]q[/]"


def meeting_file(store: Store, meeting_id: str) -> Path:
    return store.folder / f"meeting-{meeting_id}.json"


def test_a_correction_on_an_anonymous_board_names_nobody(store: Store) -> None:
    meeting = create_meeting(store, setup=Setup(anonymous=True))
    bo = find_member(store, "Bo")
    lead = find_member(store, meeting.facilitator)
    mine = add_card(store, meeting.id, "to-improve", "my secret card", bo)
    other = add_card(store, meeting.id, "to-improve", "another card", bo)
    reveal_cards(store, meeting.id, lead)
    edit_card(store, meeting.id, mine.id, "my corrected card", bo, own={mine.id})
    remove_card(store, meeting.id, other.id, bo, own={other.id})
    corrections = json.loads(meeting_file(store, meeting.id).read_text())["corrections"]
    assert [c["by"] for c in corrections.values()] == [None, None]
    assert "Bo" not in json.dumps(corrections)


def test_the_notes_of_an_anonymous_check_do_not_come_in_the_order_given(store: Store) -> None:
    meeting = create_meeting(store, setup=Setup(health=True))
    keys = [p.key for p in list_principles(store)]
    for name, note in (("Cy", "zebra note"), ("Ada", "middle note"), ("Bo", "apple note")):
        ratings = dict.fromkeys(keys, 3)
        answer_health(store, meeting.id, find_member(store, name), ratings, {"trust": note})
    revealed = reveal_health(store, meeting.id, find_member(store, meeting.facilitator))
    trust = next(r for r in revealed.results(list_principles(store)) if r.key == "trust")
    assert trust.notes == ["apple note", "middle note", "zebra note"]


def test_only_members_of_the_group_answer_its_health_check(store: Store) -> None:
    add_group(store, "forum", "Care forum", "Visits", {"lead": "Ada", "co-lead": "Bo"}, ["Cy"])
    meeting = create_meeting(store, group="Care forum", setup=Setup(health=True))
    ratings = {p.key: 3 for p in list_principles(store)}
    with pytest.raises(RetroError, match="Di is not a member of Care forum"):
        answer_health(store, meeting.id, find_member(store, "Di"), ratings)
    answer_health(store, meeting.id, find_member(store, "Cy"), ratings)
    assert health_check(store, meeting.id).answered == ["Cy"]


def test_only_the_facilitator_sets_the_dots_and_never_below_those_spent(store: Store) -> None:
    meeting = create_meeting(store)
    lead = find_member(store, meeting.facilitator)
    other = next(find_member(store, n) for n in ("Ada", "Bo") if n != lead.name)
    card = add_card(store, meeting.id, "went-well", "x", other)
    reveal_cards(store, meeting.id, lead)
    with pytest.raises(RetroError, match="only the facilitator"):
        set_vote_budget(store, meeting.id, 20, other)
    with pytest.raises(RetroError, match="only the facilitator"):
        set_vote_budget(store, meeting.id, 20, None)
    for _ in range(3):
        vote(store, meeting.id, card.id, other)
    with pytest.raises(RetroError, match="spent 3 dots already; give at least 3"):
        set_vote_budget(store, meeting.id, 2, lead)
    set_vote_budget(store, meeting.id, 4, lead)
    assert board(store, meeting.id).votes_left(other.name) == 1


@pytest.mark.parametrize(
    ("name", "columns", "message"),
    [
        ("\u202e", [("A", "a?")], "invisible characters"),
        ("!!!", [("A", "a?")], "needs a letter or a digit"),
        ("Mine", [("A\u200b", "a?")], "invisible characters"),
        ("Mine", [("A", "\u200b")], "invisible characters"),
    ],
)
def test_a_board_needs_names_that_show(store: Store, name: str, columns, message) -> None:
    before = store_bytes(store.folder)
    with pytest.raises(RetroError, match=message):
        add_template(store, name, columns)
    assert store_bytes(store.folder) == before


def test_a_card_that_shows_nothing_is_empty(store: Store) -> None:
    meeting = create_meeting(store)
    with pytest.raises(RetroError, match="the card is empty"):
        add_card(store, meeting.id, "went-well", "\u200b \u2060", find_member(store, "Ada"))


def test_a_theme_name_that_turns_text_around_is_refused(store: Store) -> None:
    meeting = create_meeting(store)
    lead = find_member(store, meeting.facilitator)
    card = add_card(store, meeting.id, "went-well", "x", lead)
    reveal_cards(store, meeting.id, lead)
    with pytest.raises(RetroError, match="invisible characters"):
        group_card(store, meeting.id, card.id, "abc\u202edef", lead)


def edited(store: Store, meeting_id: str, table: str, records: dict) -> None:
    """Replace one table of a meeting's file by hand, as a member with a shell could."""
    path = meeting_file(store, meeting_id)
    data = json.loads(path.read_text())
    data[table] = records
    path.write_text(json.dumps(data))


def test_a_dot_on_nothing_counts_for_nobody(store: Store) -> None:
    meeting = create_meeting(store)
    add_card(store, meeting.id, "went-well", "x", find_member(store, "Ada"))
    edited(store, meeting.id, "votes", {"1": {"member": "Ada"}})
    current = board(store, meeting.id)
    assert current.votes_left("Ada") == current.vote_budget


@pytest.mark.parametrize(
    "history",
    [
        {"themes": {"abc": "T"}, "cards": {}},
        {"themes": {"0": "T"}, "cards": {}},
        {"themes": {"99999999999999999999": "T"}, "cards": {}},
        {"themes": {}, "cards": {"1": 7}},
    ],
)
def test_an_undo_record_edited_by_hand_is_refused_and_nothing_changes(
    store: Store, history: dict
) -> None:
    meeting = create_meeting(store)
    lead = find_member(store, meeting.facilitator)
    add_card(store, meeting.id, "went-well", "x", lead)
    reveal_cards(store, meeting.id, lead)
    edited(store, meeting.id, "grouping", {"1": history})
    before = meeting_file(store, meeting.id).read_bytes()
    with pytest.raises(RetroError, match="cannot be put back"):
        undo_grouping(store, meeting.id, lead)
    assert meeting_file(store, meeting.id).read_bytes() == before


@pytest.mark.parametrize("count", [0, 7])
def test_a_board_of_no_or_too_many_columns_is_refused_as_it_is_read(store: Store, count) -> None:
    meeting = create_meeting(store)
    columns = [{"key": f"c{n}", "name": f"C{n}", "prompt": "?"} for n in range(count)]
    edited(store, meeting.id, "setup", {"1": {"key": "mine", "name": "Mine", "columns": columns}})
    with pytest.raises(StoreCorrupt, match="a list of 1 to 6 columns"):
        board(store, meeting.id)


def test_ratings_and_counts_are_plain_numbers(run, store: Store) -> None:
    meeting = create_meeting(store, setup=Setup(health=True))
    before = store_bytes(store.folder)
    for args in (
        ("--as", "Ada", "health", "answer", meeting.id, "--all", "3", "--rate", "trust=²"),
        ("--as", "Ada", "health", "answer", meeting.id, "--all", "3", "--rate", "trust=٣"),
    ):
        result = run(*args)
        assert result.exit_code == 1 and result.stderr.count("\n") == 1
        assert "with a number from 1 to 5" in result.stderr
    for count in ("0", "-1", "53"):
        assert run("rota", "--ics", "--count", count).exit_code == 2
    assert store_bytes(store.folder) == before


async def test_names_that_are_markup_stay_text_in_every_list(store: Store) -> None:
    """A member, a board, a column's question and a theme named with markup: the start
    dialog, the board list, the card form, the group dialog and the voter list open and
    show them as typed, and nothing is run."""
    add_member(store, f"Eve {MARKUP}")
    add_template(store, f"Board {MARKUP}", [("Cold", f"Why {MARKUP}?")])
    meeting = create_meeting(store, setup=Setup(template=f"Board {MARKUP}"))
    lead = find_member(store, meeting.facilitator)
    card = add_card(store, meeting.id, "cold", "a card", lead)
    reveal_cards(store, meeting.id, lead)
    group_card(store, meeting.id, card.id, f"Theme {MARKUP}", lead)
    go_to_step(store, meeting.id, "cards", lead)
    app = make_app(store, lead.name, {}, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, StartMeetingScreen)
        boards = app.screen.query_one("#template", Select)
        boards.focus()
        await pilot.press("enter")  # the list of boards opens
        await pilot.pause()
        await pilot.press("escape", "escape")
        await pilot.pause()
        await app.push_screen(MeetingScreen(meeting.id))
        await pilot.pause()
        for key in ("a", "g", "m"):  # the card form, the group dialog, "vote as"
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, FormScreen), key
            await pilot.press("escape")
            await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--group", ""),
        ("rota", "--ics", "--group", " "),
        ("meeting", "new", "--group", ""),
        ("decision", "list", "--group", ""),
    ],
)
def test_a_blank_group_is_an_error_not_the_team(run, store: Store, args) -> None:
    before = store_bytes(store.folder)
    result = run(*args)
    assert result.exit_code == 1
    assert (
        result.stderr == "retro: the group name is empty; name a forum, a community or the team\n"
    )
    assert store_bytes(store.folder) == before


def test_a_theme_named_by_a_digit_that_is_not_ascii_is_not_found(run, store: Store) -> None:
    meeting = create_meeting(store)
    lead = find_member(store, meeting.facilitator)
    card = add_card(store, meeting.id, "went-well", "x", lead)
    reveal_cards(store, meeting.id, lead)
    group_card(store, meeting.id, card.id, "Foo", lead)
    result = run("--as", lead.name, "card", "theme", "rename", meeting.id, "²", "Bar")
    assert result.exit_code == 1
    assert result.stderr == f"retro: meeting {meeting.id} has no theme '²'\n"
