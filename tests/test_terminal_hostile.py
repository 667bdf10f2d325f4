"""Escape sequences planted in a store file, seen through a real terminal (tmux): neither
the app nor the command line lets them set the window title or write the clipboard."""

import sys
from pathlib import Path

from retro_tui.domain.lessons import LessonDraft, add_lesson
from retro_tui.store import Store
from tests.conftest import Tmux
from tests.test_cli_hostile import ESCAPES, plant
from tests.test_terminal import pytestmark  # noqa: F401  (skipped without tmux)


def start(tmux: Tmux, window: str, store: Store, command: str) -> None:
    shell = f"cd {Path.cwd()} && {sys.executable} -m retro_tui {command}; sleep 60"
    tmux("new-window", "-d", "-n", window, "-e", f"RETRO_STORE={store.folder}", shell)


def test_a_planted_title_neither_renames_the_terminal_nor_fills_the_clipboard(
    tmux: Tmux, store: Store
) -> None:
    lesson = add_lesson(store, LessonDraft("Call first", "visits", "nobody home", "call first"))
    plant(store, f"lessons-{lesson.id.split('-')[0]}", "lessons", "title", f"Call{ESCAPES} first")
    tmux("new-session", "-d", "-s", "retro", "-x", "100", "-y", "30", "sleep 120")
    tmux("set-option", "-g", "set-clipboard", "on")
    tmux("set-option", "-g", "allow-rename", "on")
    start(tmux, "app", store, "--as ada")
    start(tmux, "cli", store, "lesson list")

    def pane(window: str, what: str) -> str:
        return tmux("display-message", "-p", "-t", f"retro:{window}", what).strip()

    def wait_for(window: str, text: str) -> str:
        return tmux.wait_until(
            lambda _: text in tmux("capture-pane", "-p", "-t", f"retro:{window}"),
            f"{text!r} in the {window} window",
        )

    wait_for("cli", "Call]0;pwned")
    wait_for("app", "Call]0;pwned")
    tmux("send-keys", "-t", "retro:app", "F2")
    wait_for("app", "Search words")
    for window in ("app", "cli"):
        assert "pwned" not in pane(window, "#{pane_title}")
        assert "pwned" not in pane(window, "#{window_name}")
    assert tmux("list-buffers") == ""  # no OSC 52 reached tmux's clipboard
