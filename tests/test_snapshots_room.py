"""Snapshots of what a room looks at, from a laptop's 80×24 to a wall screen's 200×60, in
the dark theme and in the light one for projectors: Home, the agenda step with an item
under discussion (a tension, a decision with whom it consulted, an action, notes) and the
presenter view, on time and over time."""

import pytest

from retro_tui.app import make_app
from retro_tui.domain.actions import add_action
from retro_tui.domain.agenda import set_notes
from retro_tui.domain.decisions import add_decision
from retro_tui.store import Store
from tests.test_snapshots import demo, facilitator_of, open_meeting, over_time, with_items

__all__ = ["demo"]  # the fixture, used by name

SIZES = [
    pytest.param((80, 24), id="80x24"),
    pytest.param((120, 36), id="120x36"),
    pytest.param((200, 60), id="200x60"),
]
LOOKS = ["dark", "light"]


def discussed(store: Store, meeting_id: str) -> None:
    """The first item with a tension, notes, a decision with both kinds of consultation,
    and an action."""
    with_items(store, meeting_id)
    set_notes(store, meeting_id, 1, "Bo tried visits after 14:00 for two weeks.\nLess rush.")
    lead = facilitator_of(store, meeting_id)
    add_decision(store, meeting_id, 1, "Try it for a month", ["Bo Jensen"], ["the families"], lead)
    add_action(
        store, meeting_id, "Ask three families how the times suit them", "Bo Jensen", None, 1
    )


def app_in(store: Store, look: str):
    return make_app(store, as_name="Astrid Holm", env={}, cursor_blink=False, theme=look)


@pytest.mark.parametrize("look", LOOKS)
@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, demo: Store, size, look: str) -> None:
    assert snap_compare(app_in(demo, look), terminal_size=size)


@pytest.mark.parametrize("look", LOOKS)
@pytest.mark.parametrize("size", SIZES)
def test_agenda_step(snap_compare, demo: Store, size, look: str) -> None:
    assert snap_compare(
        app_in(demo, look), run_before=open_meeting("agenda", discussed), terminal_size=size
    )


@pytest.mark.parametrize("look", LOOKS)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "prepare",
    [pytest.param(discussed, id="on-time"), pytest.param(over_time, id="over-time")],
)
def test_presenter(snap_compare, demo: Store, size, look: str, prepare) -> None:
    assert snap_compare(
        app_in(demo, look),
        run_before=open_meeting("agenda", prepare),
        press=["ctrl+t"],
        terminal_size=size,
    )
