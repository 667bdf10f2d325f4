"""The real `retro` in a real terminal (tmux): home screen, command palette, clean exit."""

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="needs tmux (.ci/run installs it)"
)


class Tmux:
    """One tmux server of our own, with one session."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def __call__(self, *args: str) -> str:
        # The terminal's own size must rule: test plugins set COLUMNS and LINES.
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=30, env=env
        )
        return done.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "retro")

    def wait_until(self, check: Callable[[str], bool], what: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if check(shown):
                return shown
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}; the screen shows:\n{self.screen()}")


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    server = Tmux(f"retro-test-{os.getpid()}-{tmp_path.name}")
    yield server
    server("kill-server")


def test_home_palette_lessons_and_clean_exit(tmux: Tmux, isolated_env: Path) -> None:
    env = {**os.environ, "RETRO_STORE": str(isolated_env)}
    subprocess.run(
        [sys.executable, "-m", "retro_tui", "demo"], env=env, check=True, capture_output=True
    )
    command = (
        f"cd {Path.cwd()} && {sys.executable} -m retro_tui --as astrid; "
        "echo retro-exited-$?; sleep 60"
    )
    tmux(
        "new-session",
        "-d",
        "-s",
        "retro",
        "-x",
        "100",
        "-y",
        "30",
        "-e",
        f"RETRO_STORE={isolated_env}",
        "-e",
        "TERM=xterm-256color",
        command,
    )

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
