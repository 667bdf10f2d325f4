"""A closed meeting's minutes stay as they are, in the CLI and the app, until the
facilitator reopens it with a reason."""

import html

import pytest

from retro_tui.app import make_app
from retro_tui.domain.cards import add_card
from retro_tui.domain.flow import go_to_step
from retro_tui.domain.meetings import create_meeting, get_meeting, set_status
from retro_tui.domain.team import find_member
from retro_tui.screens.meeting import MeetingScreen
from retro_tui.store import Store
from tests.conftest import store_bytes


@pytest.fixture
def closed(store: Store) -> str:
    meeting = create_meeting(store, "retro")
    lead = find_member(store, meeting.facilitator)
    add_card(store, meeting.id, "went-well", "Short handovers", lead)
    go_to_step(store, meeting.id, "cards", lead)
    set_status(store, meeting.id, "closed")
    return meeting.id


CHANGES = [
    ["card", "add", "ID", "went-well", "One more"],
    ["item", "add", "ID", "A late topic"],
    ["action", "add", "ID", "Call the GP", "--owner", "Bo"],
    ["--as", "Ada", "checkin", "ID", "4", "late"],
    ["lesson", "add", "T", "--tried", "a", "--happened", "b", "--learned", "c", "--meeting", "ID"],
    ["--as", "Ada", "card", "reveal", "ID"],
    ["meeting", "status", "ID", "running"],
    ["meeting", "swap", "ID", "--reason", "r"],
]


@pytest.mark.parametrize("args", CHANGES, ids=lambda a: " ".join(a[:3]))
def test_a_closed_meeting_refuses_every_change(run, store: Store, closed: str, args) -> None:
    before = store_bytes(store.folder)
    minutes = run("export", closed).stdout
    result = run(*[closed if a == "ID" else a for a in args])
    assert result.exit_code == 1, result.stdout
    assert result.stderr.count("\n") == 1 and "is closed" in result.stderr
    assert store_bytes(store.folder) == before
    assert run("export", closed).stdout == minutes


def test_only_the_facilitator_reopens_and_says_why(run, store: Store, closed: str) -> None:
    lead = get_meeting(store, closed).facilitator
    other = next(name for name in ("Ada", "Bo") if name != lead)
    refused = run("--as", other, "meeting", "reopen", closed, "--reason", "I want to")
    assert refused.exit_code == 1 and "only the facilitator" in refused.stderr
    assert run("--as", lead, "meeting", "reopen", closed, "--reason", "").exit_code == 1
    done = run("--as", lead, "meeting", "reopen", closed, "--reason", "Bo's card was missing")
    assert done.exit_code == 0, done.stderr
    reopened = get_meeting(store, closed)
    assert reopened.status == "running"
    assert [(r.by, r.reason) for r in reopened.reopenings] == [(lead, "Bo's card was missing")]
    assert run("card", "add", closed, "went-well", "One more").exit_code == 0
    for fmt in ("md", "html"):
        minutes = html.unescape(run("export", closed, "--format", fmt).stdout)
        assert f"Reopened by {lead} on 2026-11-22: Bo's card was missing" in minutes


async def test_the_app_offers_no_change_in_a_closed_meeting(store: Store, closed: str) -> None:
    lead = get_meeting(store, closed).facilitator
    app = make_app(store, lead, {}, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(MeetingScreen(closed))
        await pilot.pause()

        def offered() -> set[str]:
            return {b.binding.id for b in app.screen.active_bindings.values() if b.enabled}

        assert not {"cards.add", "cards.vote", "cards.reveal"} & offered()
        before = store_bytes(store.folder)
        await pilot.press("a", "r", "v")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert store_bytes(store.folder) == before
        await pilot.press("pagedown", "pagedown")  # walking through still works
        await pilot.pause()
        assert app.screen.state.step == "close"
        assert "close.reopen" in offered() and "close.close" not in offered()
        assert "close.export" in offered()
