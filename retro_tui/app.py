"""The retro app: its screens, global keys, the command palette and error reporting.

Two kinds of error are handled here. A store that cannot be read while the screens follow
another process's write (a damaged or missing file) becomes one notification, and the app
keeps running. Anything unexpected ends the app: Textual restores the terminal, the full
report goes to the crash log in the per-user log folder, and `run_app` prints one line
naming it and returns exit status 1.
"""

import asyncio
import io
import os
import sys
from collections.abc import Callable, Iterable
from functools import partial
from typing import TypeVar

from rich.console import Console
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.reactive import Reactive
from textual.screen import ModalScreen, Screen
from textual.signal import Signal

from retro_tui.crash import Crash, record_crash
from retro_tui.domain.team import Member, current_member, is_remote
from retro_tui.errors import RetroError
from retro_tui.i18n import N_, _
from retro_tui.looks import LIGHT_ANSI, OWN_THEMES, THEMES, look_of
from retro_tui.settings import Settings, read_settings, write_settings
from retro_tui.store import Store
from retro_tui.store.events import FolderEvents, folder_events
from retro_tui.store.watch import StoreWatcher

T = TypeVar("T")
WATCH_SECONDS = 0.1  # how often the store folder is checked, where the kernel cannot tell
CHECK_SECONDS = 2.0  # with the kernel's word, a look now and then all the same

# Textual's own palette commands (quit, keys, minimize, maximize, screenshot), as Textual
# words them: marked here so that the palette shows them in the language in use.
TEXTUAL_COMMANDS = (
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
SCREENSHOT = "Screenshot"  # Textual's command, as it names it  # i18n: not shown
# Textual's theme picker, as it names it: its twenty themes are not tuned for retro, so the
# palette offers our light and dark looks instead.
THEME_PICKER = "Theme"  # i18n: not shown


class RetroApp(App[None]):
    """One team's meetings on one screen."""

    CSS_PATH = "retro.tcss"
    TITLE = "retro"
    # How "yellow", "green" and the other ANSI colours of Rich text show in the light look.
    ansi_theme_light = Reactive(LIGHT_ANSI, init=False)
    BINDINGS = [
        # Quitting is in the palette; the footer keeps its room for the keys of the moment.
        Binding("ctrl+q", "quit", N_("Quit"), id="quit", priority=True, show=False),
        Binding("f1", "go_home", N_("Home"), id="home", show=False),
        Binding("f2", "lessons", N_("Lessons"), id="lessons", show=False),
        Binding("f3", "forums", N_("Forums"), id="forums", show=False),
        Binding("f4", "decisions", N_("Decisions"), id="decisions", show=False),
        Binding("f5", "tasks", N_("Tasks"), id="tasks", show=False),
        Binding("f6", "trends", N_("Trends"), id="trends", show=False),
        Binding("f9", "switch_look", N_("Light/dark"), id="look", show=False),
        # Textual's own palette key, which it adds only when the app has none: the same,
        # with its words marked, so that the footer shows them in the language in use.
        Binding(
            App.COMMAND_PALETTE_BINDING,
            "command_palette",
            N_("palette"),
            show=False,
            key_display=App.COMMAND_PALETTE_DISPLAY,
            priority=True,
            tooltip=N_("Open the command palette"),
        ),
    ]

    def __init__(
        self,
        store: Store,
        as_name: str | None = None,
        env: dict[str, str] | None = None,
        cursor_blink: bool = True,
        theme: str | None = None,
    ) -> None:
        super().__init__()
        for own in OWN_THEMES:
            self.register_theme(own)
        # This run's look (`--theme`), else the one saved on this machine.
        self.theme = THEMES[theme or read_settings().theme]
        self.store = store
        self.as_name = as_name
        self.env = dict(os.environ) if env is None else env
        self.cursor_blink = cursor_blink
        self.me: Member | None = None
        self.remote = is_remote(self.env)
        # Cards this session wrote in anonymous meetings, by meeting: the store does not
        # know whose they are, so only here can their author still see and change them.
        self.own_cards: dict[str, set[int]] = {}
        # Likewise the health-check answer each member handed in here: (meeting, member) -> id.
        self.own_answers: dict[tuple[str, str], int] = {}
        self.watcher = StoreWatcher(store)
        self.folder_events: FolderEvents | None = None  # the kernel's word, where it gives it
        # Names of the store files (without .json) another process has just changed.
        self.store_changed: Signal[frozenset[str]] = Signal(self, "store_changed")
        self.store_problem: str | None = None  # what the last redraw from the store ran into
        self.settings_problem: str | None = None  # why the theme last could not be saved
        self.crash: Crash | None = None  # the first unexpected error, once it has happened

    @property
    def look(self) -> str:
        """The look in use, by our name for it: "dark" or "light"."""
        return look_of(self.theme)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """`$retro-border`, for the panels' borders, where a theme does not set it (the
        light one sets a stronger one): the theme's primary colour at 40%."""
        return {"retro-border": f"{self.current_theme.primary} 40%"}

    def action_switch_look(self) -> None:
        """From dark to light or back; saved for the next start, but not over SSH."""
        self.use_look("light" if self.look == "dark" else "dark")

    def use_look(self, look: str) -> None:
        """Show the app in `look` ("dark" or "light") and save the choice on this machine.

        A member who came in over SSH changes their own session only: the settings file
        belongs to the host's account, and one member does not choose for another.
        """
        self.theme = THEMES[look]
        if self.remote:
            return
        try:
            write_settings(Settings(theme=look))
        except OSError as error:
            reason = error.strerror or str(error)
            if reason != self.settings_problem:  # told once, not at every press
                self.settings_problem = reason
                self.notify(
                    _("The theme is changed for now but could not be saved: {reason}").format(
                        reason=reason
                    ),
                    severity="warning",
                    markup=False,
                )
            return
        self.settings_problem = None

    @property
    def my_name(self) -> str | None:
        return self.me.name if self.me else None

    def on_mount(self) -> None:
        """Hear of other processes' writes: from the kernel where it can tell (with a
        look now and then all the same), else by looking ten times a second."""
        self.folder_events = folder_events(self.store.folder, self.env)
        if self.folder_events is None:
            self.set_interval(WATCH_SECONDS, self.watch_store)
            return
        asyncio.get_running_loop().add_reader(self.folder_events.fd, self.kernel_says_changed)
        self.set_interval(CHECK_SECONDS, self.watch_store)

    def on_unmount(self) -> None:
        if self.folder_events is not None:
            asyncio.get_running_loop().remove_reader(self.folder_events.fd)
            self.folder_events.close()

    def kernel_says_changed(self) -> None:
        assert self.folder_events is not None
        self.watch_store(self.folder_events.drain())

    def watch_store(self, told: set[str] | None = None) -> None:
        """Tell the screens which files other processes changed (`store_changed`).

        One stat of the store folder when nothing happened; a process's own writes are
        not news. `told`: the files the kernel named, the only ones then looked at.
        """
        changed = self.watcher.changes(told)
        if changed:
            self.store_changed.publish(changed)

    @property
    def _background_screens(self) -> list[Screen]:
        """The screens painted beneath the top one: none unless it is see-through.

        Textual keeps the screen just beneath the top one painting even when the top
        one covers it; the two then repaint each other whole at every change on top (a
        card arriving costs every app a full repaint). Only a dialog lets its screen
        show through.
        """
        if self.screen.styles.background.a == 1:
            return []
        return super()._background_screens

    def in_view(self, screen: Screen) -> bool:
        """Whether `screen` is seen: on top, or just beneath the dialog on top. Screens
        further down redraw when they come back into view."""
        stack = self.screen_stack
        return stack[-1] is screen or (
            isinstance(stack[-1], ModalScreen) and len(stack) > 1 and stack[-2] is screen
        )

    def redraw_from_store(self, redraw: Callable[[], object]) -> bool:
        """Run a screen's redraw from the store; the one guarded path for every redraw.

        A file another process damaged, removed or locked away is not a crash: the screen
        keeps what it shows, and the problem is told once, until it changes. The screen
        catches up on the next change to the store. False when the redraw failed.
        """
        try:
            redraw()
        except (RetroError, OSError) as error:
            problem = store_problem_text(error)
            if problem != self.store_problem:
                self.store_problem = problem
                self.notify(problem, title=_("Could not refresh"), severity="error", markup=False)
            return False
        self.store_problem = None
        return True

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
        except (RetroError, OSError) as error:
            message = store_problem_text(error)
        self.notify(message, title=_("Not done"), severity="error", markup=False)
        return None

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Screenshots are for a person at their own terminal, never over SSH."""
        if self.remote:
            self.notify(_("Screenshots are not taken over SSH."), severity="warning")
            return None
        return super().deliver_screenshot(filename, path, time_format)

    def _handle_exception(self, error: Exception) -> None:
        """Textual's one hook for an error nothing else caught; it always ends the app.

        The full report goes to the crash log first. Textual then closes the app as usual
        (terminal restored, exit status 1, and under Pilot the error raised again for the
        test), but its own traceback on stderr gives way to the one line `run_app` prints.
        """
        crash = record_crash(error, self.remote)
        if self.crash is None:
            self.crash = crash
        if crash.log is not None:
            self.error_console = Console(file=io.StringIO())
        super()._handle_exception(error)

    def action_go_home(self) -> None:
        from retro_tui.screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def action_lessons(self) -> None:
        from retro_tui.screens.lessons import LessonsScreen

        if self.store.exists() and not isinstance(self.screen, LessonsScreen):
            self.push_screen(LessonsScreen())

    def action_forums(self) -> None:
        from retro_tui.screens.forums import ForumsScreen

        if self.store.exists() and not isinstance(self.screen, ForumsScreen):
            self.push_screen(ForumsScreen())

    def action_decisions(self) -> None:
        from retro_tui.screens.decisions import DecisionsScreen

        if self.store.exists() and not isinstance(self.screen, DecisionsScreen):
            self.push_screen(DecisionsScreen())

    def action_tasks(self) -> None:
        from retro_tui.screens.tasks import TasksScreen

        if self.store.exists() and not isinstance(self.screen, TasksScreen):
            self.push_screen(TasksScreen())

    def action_trends(self) -> None:
        from retro_tui.screens.trends import TrendsScreen

        if self.store.exists() and not isinstance(self.screen, TrendsScreen):
            self.push_screen(TrendsScreen())

    def action_new_template(self) -> None:
        """The team's own board: a name, its columns with their questions, and which of
        them are offered as lessons."""
        from retro_tui.dialogs.form import FormField, FormScreen
        from retro_tui.domain.templates import add_template, parse_columns

        fields = [
            FormField("name", _("Name of the board")),
            FormField(
                "columns", _("Columns, one per line: Name: the question it asks"), kind="area"
            ),
            FormField("failure", _("Columns whose cards become lessons (names, with commas)")),
        ]

        def save(values: dict) -> object:
            columns = parse_columns(values["columns"].splitlines())
            failure = [f for f in values["failure"].split(",") if f.strip()]
            return add_template(self.store, values["name"], columns, failure, self.me)

        if self.store.exists():
            self.push_screen(FormScreen(_("A board of the team's own"), fields, save))

    def action_rota_calendar(self) -> None:
        from retro_tui.dialogs.export import CalendarExportScreen

        if self.store.exists():
            self.push_screen(CalendarExportScreen())

    def action_command_palette(self) -> None:
        """Textual's command palette, its search field's hint in the language in use."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            palette = CommandPalette(placeholder=_("Search for commands…"), id="--command-palette")
            self.push_screen(palette)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The app's own commands first (what the footer offers on this screen, then Home
        and Lessons), each once, then Textual's (theme, keys, screenshot, quit), every
        title and help in the language in use."""
        ours: list[SystemCommand] = []
        for active in screen.active_bindings.values():
            binding = active.binding
            # Our keys all have an id; a table's cursor keys and Textual's own do not.
            # A screen's active keys are described in the language in use already.
            if active.node is self or binding.id is None or not active.enabled:
                continue
            key = self.get_key_display(binding)
            ours.append(
                SystemCommand(
                    binding.description,
                    binding.tooltip or _("Key: {key}").format(key=key),
                    partial(active.node.run_action, binding.action),
                )
            )
        ours.extend(getattr(screen, "palette_commands", list)())
        if self.store.exists():
            ours.append(
                SystemCommand(_("Home"), _("The team's overview (F1)"), self.action_go_home)
            )
            ours.append(
                SystemCommand(
                    _("Lessons"), _("Browse, search and add lessons (F2)"), self.action_lessons
                )
            )
            ours.append(
                SystemCommand(
                    _("Forums"),
                    _("Every forum and community, who leads them (F3)"),
                    self.action_forums,
                )
            )
            ours.append(
                SystemCommand(
                    _("Decisions"),
                    _("The register of every group's decisions (F4)"),
                    self.action_decisions,
                )
            )
            ours.append(
                SystemCommand(
                    _("Tasks"),
                    _("Leadership tasks and how aligned they are (F5)"),
                    self.action_tasks,
                )
            )
            ours.append(
                SystemCommand(
                    _("Trends"),
                    _("Energy, health check, tensions, actions and lessons over months (F6)"),
                    self.action_trends,
                )
            )
            ours.append(
                SystemCommand(
                    _("New board template"),
                    _("A retrospective board of the team's own: its columns and their questions"),
                    self.action_new_template,
                )
            )
            ours.append(
                SystemCommand(
                    _("Rota calendar"),
                    _("The coming meetings and their roles as a calendar file"),
                    self.action_rota_calendar,
                )
            )
        # The look to switch to: one of the two at a time.
        if self.look == "dark":
            ours.append(
                SystemCommand(
                    _("Light theme, for projectors"),
                    _("Dark text on white in strong colours, readable on a projector (F9)"),
                    partial(self.use_look, "light"),
                )
            )
        else:
            ours.append(
                SystemCommand(
                    _("Dark theme"),
                    _("Light text on a dark background (F9)"),
                    partial(self.use_look, "dark"),
                )
            )
        # Textual's own, in the words of TEXTUAL_COMMANDS, but for its theme picker (the
        # looks above take its place). Over SSH a screenshot would be a file the member
        # chooses nothing about, written outside exports/ as the server's account: it is
        # not offered.
        theirs = [
            command._replace(title=_(command.title), help=_(command.help))
            for command in super().get_system_commands(screen)
            if command.title != THEME_PICKER and not (self.remote and command.title == SCREENSHOT)
        ]
        seen: set[str] = set()
        for command in [*ours, *theirs]:
            if command.title not in seen:
                seen.add(command.title)
                yield command


def make_app(
    store: Store,
    as_name: str | None = None,
    env: dict[str, str] | None = None,
    cursor_blink: bool = True,
    theme: str | None = None,
) -> RetroApp:
    """The app for a store, as the CLI and the tests build it. `theme`: "dark" or
    "light" for this run, else the look saved on this machine."""
    return RetroApp(store, as_name, env, cursor_blink, theme)


def run_app(store: Store, as_name: str | None, theme: str | None = None) -> int:
    """Run the app in this terminal; the exit status to leave with.

    0 when the member quits. After an unexpected error: 1, with the terminal restored and
    one line on stderr naming the crash log.
    """
    app = make_app(store, as_name, theme=theme)
    try:
        app.run()
    except Exception as error:  # an error outside Textual's own handling (start-up, shutdown)
        app.crash = app.crash or record_crash(error, app.remote)
    if app.crash is not None:
        print(app.crash.line, file=sys.stderr)
        return 1
    return app.return_code or 0


def store_problem_text(error: RetroError | OSError) -> str:
    """One line for a store that cannot be read or written, naming the file."""
    if isinstance(error, RetroError):
        return str(error)
    reason = error.strerror or str(error)
    if error.filename:
        return _("could not read or write the store: {reason} ({file})").format(
            reason=reason, file=error.filename
        )
    return _("could not read or write the store: {reason}").format(reason=reason)
