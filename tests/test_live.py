"""Two real app processes on one store, in tmux: each sees the other's writes."""

import os
import sys
import time
from pathlib import Path

import pytest

from retro_tui.domain.cards import add_card, reveal_cards
from retro_tui.domain.flow import go_to_step
from retro_tui.domain.meetings import create_meeting
from retro_tui.domain.team import find_member
from retro_tui.store import Store
from tests.test_terminal import Tmux, pytestmark  # noqa: F401  (skipped without tmux)


def start_app(tmux: Tmux, session: str, member: str, store: Store) -> None:
    command = f"cd {Path.cwd()} && {sys.executable} -m retro_tui --as {member}; sleep 60"
    tmux.start(command, (120, 30), session, RETRO_STORE=str(store.folder))


def screen(tmux: Tmux, session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session)


def wait_for(tmux: Tmux, session: str, text: str, timeout: float = 30) -> float:
    """Seconds until `text` shows in `session`."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if text in screen(tmux, session):
            return time.monotonic() - start
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never showed in {session}:\n{screen(tmux, session)}")


def write_card(tmux: Tmux, session: str, text: str) -> None:
    """Write a card on the cards step, at a person's pace."""
    tmux("send-keys", "-t", session, "a")
    wait_for(tmux, session, "Write a card")  # the form opens on the card's text
    tmux("send-keys", "-t", session, "-l", text)
    time.sleep(0.2)
    tmux("send-keys", "-t", session, "C-s")


@pytest.fixture
def tmux(tmp_path: Path):
    server = Tmux(f"retro-live-{os.getpid()}-{tmp_path.name}")
    yield server
    server("kill-server")


def test_a_card_and_a_step_change_show_in_the_other_app(tmux: Tmux, store: Store) -> None:
    meeting = create_meeting(store, "retro")
    ada = find_member(store, meeting.facilitator)
    assert ada.name == "Ada"
    go_to_step(store, meeting.id, "cards", ada)
    reveal_cards(store, meeting.id, ada)
    for session, member in (("ada", "Ada"), ("bo", "Bo")):
        start_app(tmux, session, member, store)
        wait_for(tmux, session, f"you: {member}")
        tmux("send-keys", "-t", session, "Enter")  # open today's meeting
        wait_for(tmux, session, "Write card")
    wait_for(tmux, "ada", "2 here: Ada, Bo")

    write_card(tmux, "ada", "Handovers got shorter")
    wait_for(tmux, "bo", "Handovers got shorter")

    tmux("send-keys", "-t", "ada", "PageDown")
    wait_for(tmux, "bo", "▶ Lessons")
    wait_for(tmux, "ada", "▶ Lessons")

    tmux("send-keys", "-t", "bo", "PageDown")  # Bo does not lead: the meeting stays
    wait_for(tmux, "bo", "only the facilitator (Ada)")
    assert "▶ Lessons" in screen(tmux, "ada")


def test_cards_from_another_process_fill_a_column_and_scroll(tmux: Tmux, store: Store) -> None:
    """Cards arriving one by one are painted where they belong, also past the column's
    foot, where the column scrolls to them."""
    meeting = create_meeting(store, "retro")
    ada = find_member(store, meeting.facilitator)
    go_to_step(store, meeting.id, "cards", ada)
    reveal_cards(store, meeting.id, ada)
    start_app(tmux, "bo", "Bo", store)
    wait_for(tmux, "bo", "you: Bo")
    tmux("send-keys", "-t", "bo", "Enter")
    wait_for(tmux, "bo", "Write card")
    for n in range(30):  # the column shows about 20
        add_card(store, meeting.id, "went-well", f"Card number {n:02d}", ada)
        if n < 3:
            wait_for(tmux, "bo", f"Card number {n:02d}")
    add_card(store, meeting.id, "to-improve", "Beside the others", ada)
    wait_for(tmux, "bo", "Beside the others")
    shown = screen(tmux, "bo")
    assert [f"Card number {n:02d}" in shown for n in range(3)] == [True] * 3
    assert "Card number 29" not in shown
    tmux("send-keys", "-t", "bo", "End")  # the first column has the focus: to its last card
    wait_for(tmux, "bo", "Card number 29")
    rows = [line for line in screen(tmux, "bo").splitlines() if "Card number" in line]
    assert rows[-1].split("Card number ")[1][:2] == "29"
    assert [int(row.split("Card number ")[1][:2]) for row in rows] == sorted(
        int(row.split("Card number ")[1][:2]) for row in rows
    )
