"""The light and dark looks: the settings file that keeps the choice, the key and the
palette commands that switch, `retro --theme`, and Home in the light look."""

import importlib
import inspect
import json
import os
import pkgutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.color import Color
from textual.command import CommandList, CommandPalette

from retro_tui.app import RetroApp, make_app
from retro_tui.cli import cli
from retro_tui.looks import CURSOR_BLUE, LIGHT_ANSI, RETRO_LIGHT, THEMES, look_of
from retro_tui.settings import (
    DEFAULT_THEME,
    THEME_NAMES,
    Settings,
    read_settings,
    settings_path,
    write_settings,
)
from retro_tui.store import Store
from tests.conftest import type_text, wait_until
from tests.test_snapshots import demo  # noqa: F401  (the demo team, a fixture)

SIZE = (80, 24)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "retro" / "settings.json"


# The settings file


def test_the_settings_file_is_in_the_per_user_config_folder(path: Path) -> None:
    assert settings_path() == path  # $XDG_CONFIG_HOME, isolated for every test


def test_a_missing_file_is_the_default(path: Path) -> None:
    assert read_settings() == Settings() == Settings(theme="dark")
    assert not path.exists()


@pytest.mark.parametrize("theme", THEME_NAMES)
def test_a_written_choice_is_read_back(path: Path, theme: str) -> None:
    write_settings(Settings(theme=theme))
    assert read_settings() == Settings(theme=theme)
    assert json.loads(path.read_text()) == {"theme": theme}


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b'{"theme": "light"', id="cut-short"),
        pytest.param(b"\xff\xfe{}", id="not-utf8"),
        pytest.param(b"[" * 100_000, id="nested-deep"),
        pytest.param(b'["light"]', id="a-list"),
        pytest.param(b'"light"', id="a-string"),
        pytest.param(b"null", id="null"),
        pytest.param(b'{"theme": 1}', id="theme-a-number"),
        pytest.param(b'{"theme": ["light"]}', id="theme-a-list"),
        pytest.param(b'{"theme": "solarized"}', id="theme-unknown"),
        pytest.param(b'{"theme": "LIGHT"}', id="theme-other-case"),
        pytest.param(b'{"theme": "retro-light"}', id="theme-textual-name"),
    ],
)
def test_a_file_not_understood_is_the_default(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    assert read_settings().theme == DEFAULT_THEME


def test_an_oversized_file_is_not_read(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text('{"theme": "light", "pad": "' + "x" * 100_000 + '"}')
    assert read_settings().theme == DEFAULT_THEME


def test_an_unreadable_file_is_the_default(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.parent.mkdir(parents=True)
    path.write_text('{"theme": "light"}')
    path.chmod(0)  # and, for a test run as root, whom that does not stop:
    opened = os.open

    def refuse(name: object, *args: object, **kwargs: object) -> int:
        if Path(str(name)) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return opened(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    assert read_settings().theme == DEFAULT_THEME


def test_a_fifo_at_the_path_is_not_waited_on(path: Path) -> None:
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    assert read_settings().theme == DEFAULT_THEME  # returns at once: nobody writes to it


def test_a_folder_at_the_path_is_the_default(path: Path) -> None:
    path.mkdir(parents=True)
    assert read_settings().theme == DEFAULT_THEME


def test_the_folder_and_the_file_are_the_owner_s(path: Path) -> None:
    assert not path.parent.parent.exists()
    write_settings(Settings(theme="light"))
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_link_at_the_path_is_replaced_not_written_through(path: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text('{"theme": "dark", "mine": true}')
    path.parent.mkdir(parents=True)
    path.symlink_to(elsewhere)
    write_settings(Settings(theme="light"))
    assert elsewhere.read_text() == '{"theme": "dark", "mine": true}'
    assert not path.is_symlink()
    assert read_settings().theme == "light"


def test_a_dangling_link_is_replaced_and_nothing_made_where_it_points(
    path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "planted.json"
    path.parent.mkdir(parents=True)
    path.symlink_to(target)
    write_settings(Settings(theme="light"))
    assert not target.exists() and not path.is_symlink()


def test_keys_a_newer_retro_wrote_are_kept(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text('{"theme": "dark", "font": "big"}')
    write_settings(Settings(theme="light"))
    assert json.loads(path.read_text()) == {"theme": "light", "font": "big"}


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_settings(Settings(theme="dark"))

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_settings(Settings(theme="light"))
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]
    assert read_settings().theme == "dark"


# The looks


def test_the_looks_are_the_settings_names_and_dark_is_textual_s_own() -> None:
    assert list(THEMES) == list(THEME_NAMES)
    assert THEMES["dark"] == "textual-dark"
    assert THEMES["light"] == RETRO_LIGHT.name and not RETRO_LIGHT.dark
    assert look_of("textual-dark") == "dark" and look_of("retro-light") == "light"
    assert look_of("nord") == "dark"


def contrast(one: Color, other: Color) -> float:
    """WCAG's contrast ratio of two colours."""

    def luminance(color: Color) -> float:
        def linear(channel: int) -> float:
            c = channel / 255
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = color.rgb
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


ANSI_NAMES = [
    *("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"),
    *("bright_black", "bright_red", "bright_green", "bright_yellow"),
    *("bright_blue", "bright_magenta", "bright_cyan", "bright_white"),
]


def weak_on(ground: Color, names: list[str]) -> dict[str, float]:
    """The ANSI colours among `names` that read on `ground` at less than 4.5:1."""
    colours = {
        name: Color(*rgb) for name, rgb in zip(ANSI_NAMES, LIGHT_ANSI.ansi_colors, strict=True)
    }
    ratios = {name: contrast(colours[name], ground) for name in names}
    return {name: round(ratio, 1) for name, ratio in ratios.items() if ratio < 4.5}


def test_the_light_ansi_colours_read_on_white_and_under_the_cursor() -> None:
    """Every ANSI colour but white reads on the background at 4.5:1 or more (yellow too),
    and the plain ones (a verdict's) on the table cursor's light blue as well."""
    paper = Color(*LIGHT_ANSI.background_color)
    assert weak_on(paper, [n for n in ANSI_NAMES if not n.endswith("white")]) == {}
    plain = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "bright_black"]
    assert weak_on(Color.parse(CURSOR_BLUE), plain) == {}
    assert contrast(Color(*LIGHT_ANSI.foreground_color), paper) >= 15


def test_the_light_theme_colours_are_strong() -> None:
    """Text, muted text, the primary colour, verdicts, borders, the footer and the table
    cursor read on a projector."""
    variables = {**RETRO_LIGHT.to_color_system().generate(), **RETRO_LIGHT.variables}
    background = Color.parse(variables["background"])
    assert background.brightness > 0.95  # near-white

    def on(name: str, under: Color) -> Color:
        """The variable's colour as painted on `under` ("auto" is black on white)."""
        colour, _, alpha = variables[name].replace("auto", "black").partition(" ")
        return under + Color.parse(colour).multiply_alpha(float(alpha.rstrip("%") or 100) / 100)

    for name, least in [
        ("foreground", 15),
        ("text", 12),
        ("text-muted", 7),
        ("text-primary", 7),
        ("text-warning", 4.5),
        ("text-error", 4.5),
        ("text-success", 4.5),
        ("border", 7),
        ("retro-border", 4.5),
    ]:
        assert contrast(on(name, background), background) >= least, name
    footer = Color.parse(variables["footer-background"])
    assert contrast(on("footer-key-foreground", footer), footer) >= 7
    assert contrast(on("footer-description-foreground", footer), footer) >= 12
    cursor = Color.parse(variables["block-cursor-background"])
    assert contrast(on("block-cursor-foreground", cursor), cursor) >= 7


# The key, the palette and the saved choice


def titles(app: RetroApp) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen)]


async def test_the_key_switches_saves_and_the_next_app_starts_so(store: Store, path: Path) -> None:
    app = make_app(store, "Ada", {}, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark" and app.current_theme.dark
        await pilot.press("f9")
        await pilot.pause()
        assert app.theme == "retro-light" and app.has_class("-light-mode")
        assert app.ansi_theme is LIGHT_ANSI
    assert read_settings().theme == "light"

    again = make_app(store, "Ada", {}, cursor_blink=False)
    assert again.theme == "retro-light"
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert again.theme == "textual-dark"
    assert json.loads(path.read_text()) == {"theme": "dark"}
    assert make_app(store, "Ada", {}).theme == "textual-dark"


async def test_a_member_over_ssh_switches_their_own_session_and_saves_nothing(
    store: Store, path: Path
) -> None:
    write_settings(Settings(theme="light"))
    before = path.read_bytes()
    app = make_app(store, "Ada", {"RETRO_REMOTE": "1"}, cursor_blink=False)
    assert app.remote and app.theme == "retro-light"  # starts in the host's look
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert app.theme == "textual-dark"
        light = [c for c in app.get_system_commands(app.screen) if c.title.startswith("Light")]
        light[0].callback()
        await pilot.pause()
        assert app.theme == "retro-light"
        await pilot.press("f9")
        await pilot.pause()
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


async def test_a_member_over_ssh_writes_no_settings_file_at_all(store: Store, path: Path) -> None:
    app = make_app(store, "Ada", {"RETRO_REMOTE": "1"}, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert app.theme == "retro-light"
    assert not path.parent.parent.exists()


async def test_the_palette_offers_the_other_look_and_not_textual_s_picker(store: Store) -> None:
    app = make_app(store, "Ada", {}, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = titles(app)
        assert "Light theme, for projectors" in shown and "Dark theme" not in shown
        assert "Theme" not in shown and "Quit" in shown
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "light theme")
        hits = app.screen.query_one(CommandList)

        def found() -> bool:
            """The light look is the palette's first hit, highlighted."""
            first = hits.get_option_at_index(0) if hits.option_count else None
            return hits.highlighted == 0 and "Light theme" in str(first and first.prompt)

        await wait_until(pilot, found, "the light look among the palette's hits")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.theme == "retro-light", "the light look")
        shown = titles(app)
        assert "Dark theme" in shown and "Light theme, for projectors" not in shown
        assert "Theme" not in shown
    assert read_settings().theme == "light"


async def test_a_look_that_cannot_be_saved_is_used_and_told(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocked))  # no folder can be made in it
    app = make_app(store, "Ada", {}, cursor_blink=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert app.theme == "retro-light"
        told = [n.message for n in app._notifications]
        assert any("could not be saved" in message for message in told), told


def test_the_key_is_free_everywhere_else() -> None:
    """F9 is bound by the app alone: no screen, widget or dialog takes it for itself."""
    takers = []
    for package in ("screens", "widgets", "dialogs"):
        found = importlib.import_module(f"retro_tui.{package}")
        for info in pkgutil.iter_modules(found.__path__):
            module = importlib.import_module(f"retro_tui.{package}.{info.name}")
            for name, thing in inspect.getmembers(module, inspect.isclass):
                for binding in vars(thing).get("BINDINGS", []):
                    keys = binding.key if hasattr(binding, "key") else binding[0]
                    if "f9" in keys.split(","):
                        takers.append(f"{module.__name__}.{name}")
    assert takers == []
    assert [b.key for b in RetroApp.BINDINGS if b.action == "switch_look"] == ["f9"]


# retro --theme


@pytest.mark.parametrize("theme", THEME_NAMES)
def test_the_theme_option_reaches_the_app_and_is_not_saved(
    store: Store, path: Path, monkeypatch: pytest.MonkeyPatch, theme: str
) -> None:
    ran: list[tuple[object, ...]] = []

    def run_app(store: Store, as_name: str | None, theme: str | None = None) -> int:
        ran.append((store.folder, as_name, theme))
        return 0

    monkeypatch.setattr("retro_tui.app.run_app", run_app)
    result = CliRunner().invoke(cli, ["--theme", theme, "--as", "Ada"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert ran == [(store.folder, "Ada", theme)]
    assert not path.exists()


def test_the_theme_option_rules_over_the_saved_look(store: Store, path: Path) -> None:
    write_settings(Settings(theme="light"))
    assert make_app(store, "Ada", {}, theme="dark").theme == "textual-dark"
    write_settings(Settings(theme="dark"))
    assert make_app(store, "Ada", {}, theme="light").theme == "retro-light"
    assert json.loads(path.read_text()) == {"theme": "dark"}


def test_an_unknown_theme_is_a_usage_error(isolated_env: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "retro_tui", "--theme", "bogus"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "--theme" in done.stderr and "bogus" in done.stderr
    assert done.stdout == ""
