"""The monkey: long random key sequences through the real app on the demo team.

Hypothesis drives the app with Pilot, a few hundred steps per example: every key bound on
any of the app's screens and widgets, the keys bound on the screen in view at that moment,
the command palette's commands, Escape, Enter, Tab, arrows, pages, letters, digits and
short texts, and now and then Ctrl+Q (the app is started again on the same store). After
each run the store must still open through the domain, and every JSON file in it must
parse as plain JSON and as TinyDB. A member who came in over SSH must not make the app
write anything outside the store folder.

The default run is the small budget CI can afford. A larger one on demand:

    pytest -m monkey                              # 40 examples of 300 steps each
    RETRO_MONKEY_EXAMPLES=200 RETRO_MONKEY_STEPS=400 RETRO_MONKEY_SEED=3 pytest -m monkey

A failure names the shrunk steps (with the screen each was taken on) and the error.
"""

import asyncio
import contextlib
import importlib
import inspect
import json
import os
import pkgutil
import string
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from unittest.mock import patch

import pytest
import textual._wait
from hypothesis import HealthCheck, given, note, seed, settings
from hypothesis import strategies as st
from textual.binding import Binding
from textual.command import CommandInput, CommandList, CommandPalette
from textual.dom import DOMNode
from textual.pilot import Pilot
from textual.widgets import DataTable
from tinydb import TinyDB

import retro_tui
from retro_tui import i18n
from retro_tui.app import RetroApp, make_app
from retro_tui.domain.actions import list_actions
from retro_tui.domain.agenda import list_items
from retro_tui.domain.cards import board
from retro_tui.domain.checkins import list_checkins
from retro_tui.domain.decisions import list_decisions, register
from retro_tui.domain.demo import create_demo
from retro_tui.domain.flow import meeting_state
from retro_tui.domain.lessons import list_lessons
from retro_tui.domain.meetings import get_meeting, list_meetings, today_meeting
from retro_tui.domain.overview import team_overview
from retro_tui.domain.tasks import list_tasks
from retro_tui.domain.team import list_members
from retro_tui.export import export_house
from retro_tui.store import Store

pytestmark = pytest.mark.monkey

SEED = int(os.environ.get("RETRO_MONKEY_SEED", "8"))
FACILITATOR = "Freja Nielsen"  # leads the demo team's meeting of today
MEMBER = "Astrid Holm"
REMOTE = {"RETRO_REMOTE": "1"}
NEVER_PRESSED = {"ctrl+q", "ctrl+p"}  # quitting and the palette are steps of their own
PLAIN_KEYS = [
    "escape",
    "enter",
    "tab",
    "shift+tab",
    "up",
    "down",
    "left",
    "right",
    "home",
    "end",
    "pageup",
    "pagedown",
    "space",
    "backspace",
    "delete",
    "ctrl+c",
    *string.ascii_lowercase,
    *string.digits,
]
TEXT = string.ascii_letters + string.digits + " .,-/'[]@=*#|`<>éøå"
SLEEP_GRANULARITY = 0.005  # Pilot's idle check, finer than Textual's 20 ms: same order, faster
STUCK_SECONDS = 60.0  # a step takes well under a second; a hang becomes a failure that says where


def bound_keys() -> list[str]:
    """Every key bound by the app or by any screen or widget of retro, in a stable order."""
    for module in pkgutil.walk_packages(retro_tui.__path__, "retro_tui."):
        if module.name not in ("retro_tui.__main__", "retro_tui.serve"):
            importlib.import_module(module.name)
    keys: set[str] = set()
    pending: list[type] = [DOMNode]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls is RetroApp or cls.__module__.startswith("retro_tui."):
            for binding in inspect.getattr_static(cls, "BINDINGS", []):
                if isinstance(binding, Binding):
                    keys.update(key.strip() for key in binding.key.split(","))
                else:
                    keys.update(key.strip() for key in binding[0].split(","))
    return sorted(keys - NEVER_PRESSED)


KEYS = sorted({*bound_keys(), *PLAIN_KEYS})


@dataclass(frozen=True)
class Step:
    """One thing the monkey does: a key, a key bound right now, a text, a palette command,
    opening today's meeting from Home, quitting, or nothing (what failing examples shrink towards; Hypothesis's first example
    is all nothing, which costs only a start-up)."""

    kind: str
    key: str = ""
    index: int = 0

    def __str__(self) -> str:
        if self.kind in ("key", "type"):
            return repr(self.key)
        if self.kind in ("bound", "palette"):
            return f"{self.kind}#{self.index}"
        return self.kind


NOTHING = Step("nothing")


def step_of(choice: tuple[int, str, int]) -> Step:
    """Out of 100: 1 nothing, 1 quit, 3 palette, 5 back into the meeting, 6 text, 50 a key
    bound right now, 34 any key."""
    roll, key, index = choice
    if roll == 0:
        return NOTHING
    if roll == 1:
        return Step("quit")
    if roll < 5:
        return Step("palette", index=index)
    if roll < 10:
        return Step("meeting")
    if roll < 16:
        return Step("type", key=key)
    if roll < 66:
        return Step("bound", index=index)
    return Step("key", key=KEYS[index % len(KEYS)])


steps_strategy = st.tuples(
    st.integers(0, 99), st.text(TEXT, min_size=1, max_size=8), st.integers(0, 255)
).map(step_of)


@dataclass
class Run:
    """One example: who, where, and what has happened so far."""

    folder: Path
    as_name: str | None
    env: dict[str, str]
    size: tuple[int, int]
    start: str  # "meeting": every start of the app opens today's meeting from Home
    trail: list[str] = field(default_factory=list)
    stuck: str = ""  # where everything waited, when a step never finished

    def took(self, step: Step, app: RetroApp, what: str = "") -> None:
        screen = type(app.screen).__name__ if app.screen_stack else "-"
        self.trail.append(f"{step}{' ' + what if what else ''} on {screen}")


async def take(pilot: Pilot, run: Run, step: Step) -> bool:
    """Take one step; True when it asked the app to quit."""
    app = pilot.app
    assert isinstance(app, RetroApp)
    if step.kind == "quit":
        run.took(step, app)
        await pilot.press("ctrl+q")
        return True
    elif step.kind == "key":
        run.took(step, app)
        await pilot.press(step.key)
    elif step.kind == "type":
        run.took(step, app)
        await pilot.press(*step.key)
    elif step.kind == "bound":
        keys = sorted(set(app.screen.active_bindings) - NEVER_PRESSED)
        if keys:
            key = keys[step.index % len(keys)]
            run.took(step, app, repr(key))
            await pilot.press(key)
    elif step.kind == "palette":
        return await run_command(pilot, run, step)
    elif step.kind == "meeting":
        await open_todays_meeting(pilot, run, step)
    return False


async def open_todays_meeting(pilot: Pilot, run: Run, step: Step) -> None:
    """On Home, open the first meeting in the table: the demo team's meeting of today."""
    app = pilot.app
    assert isinstance(app, RetroApp)
    if type(app.screen).__name__ != "HomeScreen":
        return
    table = app.screen.query_one(DataTable)
    for _ in range(40):  # Home loads its data just after its first frame
        if table.row_count:
            break
        await pilot.pause(0.025)
    run.took(step, app)
    await pilot.press("ctrl+home", "enter")


async def run_command(pilot: Pilot, run: Run, step: Step) -> bool:
    """Open the command palette, look up one of its commands by name and run it."""
    app = pilot.app
    titles = [command.title for command in app.get_system_commands(app.screen)]
    if not titles:
        return False
    title = titles[step.index % len(titles)]
    run.took(step, app, repr(title))
    await pilot.press("ctrl+p")
    if not isinstance(app.screen, CommandPalette):
        return False
    app.screen.query_one(CommandInput).value = title
    hits = app.screen.query_one(CommandList)
    for _ in range(60):  # the palette searches in the background
        await pilot.pause(0.05)
        if hits.option_count and hits.highlighted is not None:
            break
    await pilot.press("enter" if hits.option_count else "escape")
    # Textual's screenshot looks at the screen 0.1 s later: the app must still be there.
    await pilot.pause(0.15 if title == i18n._("Screenshot") else None)
    if app.return_code is None and isinstance(app.screen, CommandPalette):
        await pilot.press("escape")  # a command that opens a palette of its own (Theme)
    return title == i18n._("Quit")  # as the palette names it in the language in use


async def drive(run: Run, steps: list[Step]) -> None:
    """Run the steps; after a quit the app starts again on the same store."""
    watchdog = Watchdog(run)
    done = 0
    while done < len(steps):
        app = make_app(Store(run.folder), run.as_name, dict(run.env), cursor_blink=False)
        quitting = False
        async with app.run_test(size=run.size) as pilot:
            if run.start == "meeting":
                await open_todays_meeting(pilot, run, Step("meeting"))
            while done < len(steps) and app.return_code is None:
                watchdog.rearm()
                quitting = await take(pilot, run, steps[done])
                done += 1
                if app.return_code is not None:
                    break
            watchdog.rearm()  # the app's shutdown, too, must end
        # Pilot has raised any error of the app by now; what is left is a clean exit.
        if app.return_code is not None:
            assert quitting and app.return_code == 0, (
                f"the app ended by itself with status {app.return_code}"
            )
    watchdog.stop()


class Watchdog:
    """Cancels the run when a step (or the app's shutdown) has not finished in
    STUCK_SECONDS, after noting where every task was waiting."""

    def __init__(self, run: Run) -> None:
        self.run = run
        self.task = asyncio.current_task()
        self.timer: asyncio.TimerHandle | None = None

    def rearm(self) -> None:
        self.stop()
        self.timer = asyncio.get_running_loop().call_later(STUCK_SECONDS, self.give_up)

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.cancel()

    def give_up(self) -> None:
        if not self.run.stuck:
            busy = [waits(task) for task in asyncio.all_tasks()]
            self.run.stuck = f"no step finished for {STUCK_SECONDS:g} s; tasks waiting:\n" + (
                "\n".join(sorted(w for w in busy if "_get_message" not in w))  # not idle pumps
            )
        assert self.task is not None
        self.task.cancel()
        self.rearm()  # should the shutdown hang as well, cancel that too


def waits(task: asyncio.Task) -> str:
    """A task's chain of awaits, outermost first, as file:line function."""
    chain = []
    awaiting: object = task.get_coro()
    while awaiting is not None:
        frame = getattr(awaiting, "cr_frame", None) or getattr(awaiting, "gi_frame", None)
        if frame is not None:
            name = Path(frame.f_code.co_filename).name
            chain.append(f"{name}:{frame.f_lineno} {frame.f_code.co_name}")
        awaiting = getattr(awaiting, "cr_await", None) or getattr(awaiting, "gi_yieldfrom", None)
    return f"  {task.get_name()}: " + " > ".join(chain)


def check_store(folder: Path) -> None:
    """The store opens and reads through the domain; every JSON file in it parses."""
    store = Store(folder)
    assert list_members(store)
    team_overview(store)
    for meeting in list_meetings(store):
        get_meeting(store, meeting.id)
        meeting_state(store, meeting.id)
        list_items(store, meeting.id)
        list_decisions(store, meeting.id)
        list_checkins(store, meeting.id)
        board(store, meeting.id)
    list_actions(store)
    list_lessons(store)
    register(store)
    list_tasks(store)
    export_house(store, "json")  # every group, decision and task reads
    for path in sorted(folder.rglob("*.json")):
        json.loads(path.read_bytes())
        if path.parent == folder:
            with TinyDB(path) as db:
                for table in db.tables():
                    db.table(table).all()


def files_outside(root: Path, store: Path) -> set[str]:
    """Every path under `root` but outside the store folder."""
    return {
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path != store and store not in path.parents
    }


@contextlib.contextmanager
def sandbox() -> Iterator[Path]:
    """A folder of its own per example: the store, a home, a working folder."""
    with tempfile.TemporaryDirectory(prefix="retro-monkey-") as tmp:
        root = Path(tmp)
        home, cwd = root / "home", root / "cwd"
        home.mkdir()
        cwd.mkdir()
        env = {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local/share"),
            "XDG_STATE_HOME": str(home / ".local/state"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "RETRO_STORE": str(root / "store"),
        }
        here = Path.cwd()
        with (
            patch.dict(os.environ, env),
            patch.object(textual._wait, "SLEEP_GRANULARITY", SLEEP_GRANULARITY),
            patch.object(textual._wait, "SLEEP_IDLE", SLEEP_GRANULARITY / 20),
        ):
            os.chdir(cwd)
            try:
                yield root
            finally:
                os.chdir(here)


def monkey(
    as_name: str | None,
    env: dict[str, str],
    size: tuple[int, int],
    start: str,
    steps: list[Step],
    language: str = i18n.ENGLISH,
) -> None:
    """One example, checked: no error, a store that still reads, nothing written elsewhere.
    The app, and the demo team it starts on, speak `language`."""
    i18n.set_language(language)
    with sandbox() as root:
        folder = root / "store"
        create_demo(Store(folder))
        todays = today_meeting(Store(folder))
        assert todays is not None and todays.facilitator == FACILITATOR
        before = files_outside(root, folder)
        run = Run(folder, as_name, env, size, start)
        try:
            try:
                asyncio.run(drive(run, steps))
            except asyncio.CancelledError:
                raise AssertionError(run.stuck or "the run was cancelled") from None
            check_store(folder)
            if env.get("RETRO_REMOTE") == "1":
                assert files_outside(root, folder) == before, "a file was written outside the store"
        except BaseException:
            over = " over SSH" if env else ""
            note(f"as {as_name!r}{over} at {size[0]}x{size[1]} in {language}, starting on {start}")
            note("steps taken (pauses left out):\n  " + "\n  ".join(run.trail))
            raise


@dataclass(frozen=True)
class Budget:
    examples: int
    steps: int


def budget(config: pytest.Config, examples: int) -> Budget:
    """The small budget for every run; a larger one for `pytest -m monkey`; the
    environment overrides both."""
    on_demand = (config.getoption("markexpr") or "").strip() == "monkey"
    return Budget(
        int(os.environ.get("RETRO_MONKEY_EXAMPLES", 40 if on_demand else examples)),
        int(os.environ.get("RETRO_MONKEY_STEPS", 300 if on_demand else 200)),
    )


def explore(
    who: st.SearchStrategy, size: tuple[int, int], spend: Budget, language: str = i18n.ENGLISH
) -> None:
    """Run the monkey for a budget, as the members `who` draws, at one terminal size, in
    one language."""

    @seed(SEED)
    @settings(
        max_examples=spend.examples,
        deadline=None,
        database=None,
        print_blob=False,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        who=who,
        start=st.sampled_from(["meeting", "home"]),
        steps=st.lists(steps_strategy, min_size=spend.steps, max_size=spend.steps),
    )
    def examples(who: tuple[str | None, dict[str, str]], start: str, steps: list[Step]) -> None:
        monkey(who[0], who[1], size, start, steps, language)

    examples()


# Hypothesis tries the all-"nothing" example first (the app starts and closes), so each
# budget below counts one example more than it explores.


def test_monkey_at_80x24(request: pytest.FixtureRequest) -> None:
    who = st.sampled_from([(FACILITATOR, {}), (MEMBER, {}), (None, {})])
    explore(who, (80, 24), budget(request.config, 3))


def test_monkey_over_ssh(request: pytest.FixtureRequest) -> None:
    who = st.sampled_from([(FACILITATOR, REMOTE), (MEMBER, REMOTE)])
    explore(who, (80, 24), budget(request.config, 2))


def test_monkey_at_120x36(request: pytest.FixtureRequest) -> None:
    explore(st.just((FACILITATOR, {})), (120, 36), budget(request.config, 2))


@pytest.mark.parametrize("language", ["da", "sv"])
def test_monkey_in_danish_and_swedish(request: pytest.FixtureRequest, language: str) -> None:
    """Longer words, other plurals: the same keys, in a team made in that language."""
    who = st.sampled_from([(FACILITATOR, {}), (MEMBER, {})])
    explore(who, (80, 24), budget(request.config, 2), language)
