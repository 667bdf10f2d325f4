"""The real `retro` in a real terminal (tmux): home screen, command palette, clean exit."""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import Tmux

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="needs tmux (.ci/run installs it)"
)


def test_home_palette_lessons_and_clean_exit(tmux: Tmux, isolated_env: Path) -> None:
    env = {**os.environ, "RETRO_STORE": str(isolated_env)}
    subprocess.run(
        [sys.executable, "-m", "retro_tui", "demo"], env=env, check=True, capture_output=True
    )
    command = (
        f"cd {Path.cwd()} && {sys.executable} -m retro_tui --as astrid; "
        "echo retro-exited-$?; sleep 60"
    )
    tmux.start(command, (100, 30), RETRO_STORE=str(isolated_env))

    home = tmux.wait_until(lambda s: "you: Astrid Holm" in s, "the home screen with its data")
    for expected in ("Nordlys Home Care", "Who leads next", "Open actions", "Meetings"):
        assert expected in home

    tmux("send-keys", "-t", "retro", "C-p")
    tmux.wait_until(lambda s: "Search for commands" in s or "Lessons" in s, "the command palette")
    time.sleep(0.3)
    tmux("send-keys", "-t", "retro", "-l", "Lessons")
    time.sleep(0.5)
    tmux("send-keys", "-t", "retro", "Enter")
    lessons = tmux.wait_until(lambda s: "Search words" in s, "the lessons screen")
    assert "Bring the GP practice in early" in lessons

    tmux("send-keys", "-t", "retro", "C-q")
    after = tmux.wait_until(lambda s: "retro-exited-0" in s, "retro to exit")
    assert "Search words" not in after  # the app's screen is gone
    assert tmux("display-message", "-p", "-t", "retro", "#{alternate_on}").strip() == "0"


def test_at_80x24_the_meeting_shows_whole_sentences(tmux: Tmux, isolated_env: Path) -> None:
    """The empty agenda's hint in full, and a footer that ends on the palette key."""
    env = {**os.environ, "RETRO_STORE": str(isolated_env)}
    subprocess.run(
        [sys.executable, "-m", "retro_tui", "demo"], env=env, check=True, capture_output=True
    )
    listed = subprocess.run(
        [sys.executable, "-m", "retro_tui", "meeting", "list", "--json"],
        env=env,
        check=True,
        capture_output=True,
    )
    today = next(m for m in json.loads(listed.stdout) if m["status"] == "planned")
    leader = today["facilitator"]  # who moves the meeting on
    command = f"cd {Path.cwd()} && {sys.executable} -m retro_tui --as '{leader}'; sleep 60"
    tmux.start(command, (80, 24), RETRO_STORE=str(isolated_env))
    tmux.wait_until(lambda s: f"you: {leader}" in s, "the home screen")
    tmux("send-keys", "-t", "retro", "Enter")  # today's meeting is the first row
    tmux.wait_until(lambda s: "Check-in" in s and "How are you arriving" in s, "the check-in")
    for _ in range(3):  # past the health check and the review
        tmux("send-keys", "-t", "retro", "C-n")
        time.sleep(0.5)
    # At 80 columns the other steps may show by their number.
    agenda = tmux.wait_until(lambda s: re.search(r"▶ (\d+/?\d* )?Agenda", s), "the agenda")
    assert "No items yet: press a to add one." in agenda
    assert agenda.rstrip("\n").splitlines()[-1].rstrip().endswith("^p palette")
    tmux("send-keys", "-t", "retro", "C-q")
