"""Every test gets its own store folder and working folder, a fixed clock and no identity
from the machine."""

import os
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from retro_tui import i18n
from retro_tui.cli import cli
from retro_tui.domain.team import add_member, init_team
from retro_tui.store import Store

FIXED_NOW = "2026-11-22T10:00:00"
TEAM = ["Ada", "Bo", "Cy", "Di"]


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "store"
    monkeypatch.setenv("RETRO_STORE", str(folder))
    monkeypatch.setenv("RETRO_NOW", FIXED_NOW)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # settings.json
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # the crash log
    for name in ("RETRO_MEMBER", "RETRO_REMOTE", "SSH_CONNECTION"):
        monkeypatch.delenv(name, raising=False)
    # English unless a test chooses otherwise, whatever the machine's locale.
    for name in ("RETRO_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_language(i18n.ENGLISH)
    monkeypatch.setenv("USER", "nobody-in-particular")
    monkeypatch.chdir(tmp_path)  # a file written by a relative name stays out of the checkout
    return folder


@pytest.fixture
def store(isolated_env: Path) -> Store:
    """A store with a team of four."""
    made = Store(isolated_env)
    init_team(made, "Test team", "We test things so others need not worry.")
    for name in TEAM:
        add_member(made, name, name.lower())
    return made


@pytest.fixture
def run() -> Callable[..., Result]:
    """Invoke the CLI in-process; stderr is kept apart from stdout."""
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return invoke


def store_bytes(folder: Path) -> dict[str, bytes]:
    """Every file of a store folder, to prove nothing changed."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


async def wait_until(pilot, check: Callable[[], object], what: str, timeout: float = 5) -> None:
    """Let the app run until `check()` holds; a failure says what never came."""
    for _ in range(int(timeout / 0.05)):
        if check():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")


async def type_text(pilot, text: str) -> None:
    """Type `text` key by key, as a person at the keyboard would."""
    for char in text:
        await pilot.press(char if char != " " else "space")


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

    def start(
        self, command: str, size: tuple[int, int], session: str = "retro", **env: str
    ) -> None:
        """Run `command` in a new detached session of `size` (columns, rows), with a 256-colour
        terminal and the environment variables `env`."""
        settings = [arg for name, value in env.items() for arg in ("-e", f"{name}={value}")]
        columns, rows = size
        self(
            "new-session", "-d", "-s", session, "-x", str(columns), "-y", str(rows),
            *settings, "-e", "TERM=xterm-256color", command,
        )  # fmt: skip

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
