"""The retro app: its screens, global keys, the command palette and error reporting."""

import os
from collections.abc import Callable, Iterable
from functools import partial
from typing import TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from retro_tui.domain.team import Member, current_member
from retro_tui.errors import RetroError
from retro_tui.store import Store

T = TypeVar("T")
WATCH_SECONDS = 0.1  # how often the store folder is checked for other processes' writes


class RetroApp(App[None]):
    """One team's meetings on one screen."""

    CSS_PATH = "retro.tcss"
    TITLE = "retro"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("f1", "go_home", "Home", id="home", show=False),
        Binding("f2", "lessons", "Lessons", id="lessons", show=False),
    ]

    def __init__(
        self,
        store: Store,
        as_name: str | None = None,
        env: dict[str, str] | None = None,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.store = store
        self.as_name = as_name
        self.env = dict(os.environ) if env is None else env
        self.cursor_blink = cursor_blink
        self.me: Member | None = None
        self.remote = is_remote(self.env)
        self.seen_stamp = store.stamp()

    @property
    def my_name(self) -> str | None:
        return self.me.name if self.me else None

    def on_mount(self) -> None:
        self.set_interval(WATCH_SECONDS, self.watch_store)

    def watch_store(self) -> None:
        """Follow other processes' writes: the screens in view redraw from the store.

        One stat of the store folder per tick; a process's own writes are not news. The
        screen in view follows, with the one beneath while a dialog is open; screens
        further down redraw when they come back into view.
        """
        stamp = self.store.stamp()
        if stamp == self.seen_stamp:
            return
        self.seen_stamp = stamp
        if stamp == self.store.written_stamp:
            return
        for screen in reversed(self.screen_stack):
            follow = getattr(screen, "follow_store", None)
            if follow is not None and screen.is_mounted:
                follow()
            if not isinstance(screen, ModalScreen):
                break

    def get_default_screen(self) -> Screen:
        """Home, at the bottom of the screen stack; the welcome screen while there is no team."""
        if self.store.exists():
            from retro_tui.screens.home import HomeScreen

            self.me = self.attempt(current_member, self.store, self.as_name, self.env)
            return HomeScreen()
        from retro_tui.screens.welcome import WelcomeScreen

        return WelcomeScreen()

    def open_home(self) -> None:
        """Show home over the welcome screen once the team exists."""
        from retro_tui.screens.home import HomeScreen

        self.me = self.attempt(current_member, self.store, self.as_name, self.env)
        self.push_screen(HomeScreen())

    def attempt(self, action: Callable[..., T], *args: object, **kwargs: object) -> T | None:
        """Run a domain call; a user error or a failed write (read-only store, no
        permission, disk full) becomes a notification instead of a crash."""
        try:
            return action(*args, **kwargs)
        except RetroError as error:
            message = str(error)
        except OSError as error:
            where = f" ({error.filename})" if error.filename else ""
            message = f"could not read or write the store: {error.strerror or error}{where}"
        self.notify(message, title="Not done", severity="error", markup=False)
        return None

    def action_go_home(self) -> None:
        from retro_tui.screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def action_lessons(self) -> None:
        from retro_tui.screens.lessons import LessonsScreen

        if self.store.exists() and not isinstance(self.screen, LessonsScreen):
            self.push_screen(LessonsScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The app's own commands first (what the footer offers on this screen, then Home
        and Lessons), each once, then Textual's (theme, keys, screenshot, quit)."""
        ours: list[SystemCommand] = []
        for active in screen.active_bindings.values():
            binding = active.binding
            # Our keys all have an id; a table's cursor keys and Textual's own do not.
            if active.node is self or binding.id is None or not active.enabled:
                continue
            ours.append(
                SystemCommand(
                    binding.description,
                    binding.tooltip or f"Key: {self.get_key_display(binding)}",
                    partial(active.node.run_action, binding.action),
                )
            )
        ours.extend(getattr(screen, "palette_commands", list)())
        if self.store.exists():
            ours.append(SystemCommand("Home", "The team's overview (F1)", self.action_go_home))
            ours.append(
                SystemCommand("Lessons", "Browse, search and add lessons (F2)", self.action_lessons)
            )
        seen: set[str] = set()
        for command in [*ours, *super().get_system_commands(screen)]:
            if command.title not in seen:
                seen.add(command.title)
                yield command


def is_remote(env: dict[str, str]) -> bool:
    """Whether a member reached the app over SSH (`retro serve`, or OpenSSH's `command=`).

    Then the member's key decides who they are, and they name files, never paths.
    """
    return env.get("RETRO_REMOTE") == "1" or "SSH_CONNECTION" in env


def make_app(
    store: Store,
    as_name: str | None = None,
    env: dict[str, str] | None = None,
    cursor_blink: bool = True,
) -> RetroApp:
    """The app for a store, as the CLI and the tests build it."""
    return RetroApp(store, as_name, env, cursor_blink)


def run_app(store: Store, as_name: str | None) -> None:
    make_app(store, as_name).run()
