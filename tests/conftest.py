"""Every test gets its own store folder, a fixed clock and no identity from the machine."""

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

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
    for name in ("RETRO_MEMBER", "RETRO_REMOTE", "SSH_CONNECTION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("USER", "nobody-in-particular")
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


async def type_text(pilot, text: str) -> None:
    """Type `text` key by key, as a person at the keyboard would."""
    for char in text:
        await pilot.press(char if char != " " else "space")
