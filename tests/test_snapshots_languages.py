"""The main screens in Danish at 80×24 and in Swedish at 120×36, on the demo team made in
that language: Home, the agenda step, the principle check and the close step."""

from pathlib import Path

import pytest

from retro_tui import i18n
from retro_tui.domain.agenda import add_item, set_check
from retro_tui.domain.decisions import add_decision
from retro_tui.domain.demo import create_demo
from retro_tui.domain.flow import discuss_item
from retro_tui.store import Store
from tests.test_snapshots import app_for, facilitator_of, open_meeting, today_meeting

# (language, size, an item, a tension note, a decision), as a team would write them.
LANGUAGES = [
    pytest.param(
        "da",
        (80, 24),
        "Prøveordning med eftermiddagsbesøg",
        "De pårørende blev ikke spurgt",
        "Vi prøver det i en måned",
        id="da-80x24",
    ),
    pytest.param(
        "sv",
        (120, 36),
        "Försök med eftermiddagsbesök",
        "De anhöriga fick inte frågan",
        "Vi prövar det i en månad",
        id="sv-120x36",
    ),
]


@pytest.fixture
def demo_in(isolated_env: Path, request: pytest.FixtureRequest):
    """The demo team, made in the language of the test."""

    def make(code: str) -> Store:
        i18n.set_language(code)
        store = Store(isolated_env)
        create_demo(store)
        return store

    return make


def prepared(item: str, note: str, decision: str):
    def prepare(store: Store, meeting_id: str) -> None:
        first = add_item(store, meeting_id, item, "Bo Jensen", 15)
        set_check(store, meeting_id, first.id, "purpose", "supports")
        set_check(store, meeting_id, first.id, "reality", "tension", note)
        set_check(store, meeting_id, first.id, "openness", "not-relevant")
        lead = facilitator_of(store, meeting_id)
        discuss_item(store, meeting_id, first.id, 15, lead)
        add_decision(store, meeting_id, first.id, decision, knows_most=["Bo Jensen"])

    return prepare


@pytest.mark.parametrize(("code", "size", "item", "note", "decision"), LANGUAGES)
def test_home(snap_compare, demo_in, code, size, item, note, decision) -> None:
    assert snap_compare(app_for(demo_in(code)), terminal_size=size)


@pytest.mark.parametrize(("code", "size", "item", "note", "decision"), LANGUAGES)
def test_agenda_step(snap_compare, demo_in, code, size, item, note, decision) -> None:
    store = demo_in(code)
    run_before = open_meeting("agenda", prepared(item, note, decision))
    assert snap_compare(app_for(store), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize(("code", "size", "item", "note", "decision"), LANGUAGES)
def test_principle_check(snap_compare, demo_in, code, size, item, note, decision) -> None:
    """The check has the focus, on a principle in tension with its note."""
    store = demo_in(code)
    run_before = open_meeting("agenda", prepared(item, note, decision))
    assert snap_compare(
        app_for(store), run_before=run_before, press=["tab", "down"], terminal_size=size
    )


@pytest.mark.parametrize(("code", "size", "item", "note", "decision"), LANGUAGES)
def test_close_step(snap_compare, demo_in, code, size, item, note, decision) -> None:
    store = demo_in(code)
    run_before = open_meeting("close", prepared(item, note, decision))
    assert snap_compare(app_for(store), run_before=run_before, terminal_size=size)


def test_the_demo_speaks_the_language_it_was_made_in(demo_in) -> None:
    store = demo_in("da")
    from retro_tui.domain.team import get_team

    assert get_team(store).language == "da"
    assert today_meeting(store)
