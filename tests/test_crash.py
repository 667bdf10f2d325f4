"""When something goes wrong: a damaged store file is a notification, a bug is a crash log.

A store file another process damages or removes while a meeting is open must not end the
app: it says which file, once, and catches up when the file is back. An unexpected error
ends the app with the terminal restored, one line on stderr naming the crash log (written
only by its owner, never through a link), and exit status 1.
"""

import os
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import DataTable

from retro_tui.app import RetroApp, make_app
from retro_tui.crash import crash_log_path, record_crash
from retro_tui.domain.agenda import add_item
from retro_tui.domain.demo import create_demo
from retro_tui.domain.flow import go_to_step
from retro_tui.domain.meetings import get_meeting, list_meetings, year_file
from retro_tui.domain.team import find_member
from retro_tui.screens.home import HomeScreen
from retro_tui.screens.meeting import MeetingScreen
from retro_tui.store import Store
from tests.conftest import Tmux, wait_until

FACILITATOR = "Gustav Berg"  # leads the demo team's meeting of today
BOOM = "a test made this fail on purpose"

# What the other process does to the store: damage, remove or restore a file (each by an
# atomic replace, as a real writer would), stir the folder as a writer's temp file does,
# or add an agenda item through the domain.
OTHER_PROCESS = """
import os, sys
from pathlib import Path
what, path = sys.argv[1], Path(sys.argv[2])
def replace(data):
    temp = path.with_name(".other.tmp")
    temp.write_bytes(data)
    os.replace(temp, path)
if what == "corrupt":
    replace(b'{"_default": {"1": {"title": "half a wr')
elif what == "remove":
    path.unlink()
elif what == "stir":  # a writer's temp file comes and goes: the folder changes
    (path / ".other.tmp").write_bytes(b"")
    (path / ".other.tmp").unlink()
elif what == "restore":
    replace(Path(sys.argv[3]).read_bytes())
elif what == "add-item":
    from retro_tui.domain.agenda import add_item
    from retro_tui.store import Store
    add_item(Store(path), sys.argv[3], sys.argv[4])
"""


def other_process(*args: str | Path) -> None:
    subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS, *map(str, args)],
        check=True,
        capture_output=True,
        timeout=60,
    )


@pytest.fixture
def log_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The per-user state folder, inside the test's own folder."""
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    return state


@pytest.fixture
def demo(isolated_env: Path) -> Store:
    store = Store(isolated_env)
    create_demo(store)
    return store


def told(app: RetroApp, text: str) -> list[str]:
    return [n.message for n in app._notifications if text in n.message]


def shows(app: RetroApp, text: str) -> bool:
    """Whether any table on the screen in view has a cell with `text`."""
    for table in app.screen.query(DataTable):
        for row in range(table.row_count):
            if any(text in str(cell) for cell in table.get_row_at(row)):
                return True
    return False


# A damaged or removed file while a meeting is open


@pytest.mark.parametrize(
    ("kind", "how"),
    [
        pytest.param("content", "corrupt", id="meeting-ID.json corrupt"),
        pytest.param("year", "corrupt", id="meetings-YYYY.json corrupt"),
        pytest.param(
            "year",
            "remove",
            id="meetings-YYYY.json removed",
        ),
        pytest.param(
            "content",
            "remove",
            id="meeting-ID.json removed",
        ),
    ],
)
async def test_a_damaged_store_file_is_told_once_and_the_meeting_recovers(
    demo: Store, tmp_path: Path, kind: str, how: str
) -> None:
    meeting_id = list_meetings(demo)[-1].id
    facilitator = find_member(demo, get_meeting(demo, meeting_id).facilitator)
    go_to_step(demo, meeting_id, "agenda", facilitator)
    add_item(demo, meeting_id, "Trial of afternoon visits")
    meeting = get_meeting(demo, meeting_id)
    listed_in = year_file(meeting.date[:4], meeting.group)  # the file of its group and year
    path = demo.path(f"meeting-{meeting_id}" if kind == "content" else listed_in)
    good = tmp_path / "good-copy.json"
    shutil.copyfile(path, good)

    app = make_app(demo, facilitator.name, {}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(MeetingScreen(meeting_id))
        await wait_until(pilot, lambda: shows(app, "Trial of afternoon visits"), "the item")

        other_process(how, path)
        await wait_until(pilot, lambda: told(app, path.name), f"a notification naming {path}")
        assert app.is_running and app.return_code is None

        # More changes while the file is still damaged: no flood of the same news.
        for _ in range(2):
            other_process("stir", demo.folder)
            await pilot.pause(0.3)
        assert len(told(app, path.name)) == 1
        assert app.is_running and isinstance(app.screen, MeetingScreen)

        # The file is back: the screen catches up with everything.
        other_process("restore", path, good)
        other_process("add-item", demo.folder, meeting_id, "Written after the repair")
        await wait_until(pilot, lambda: shows(app, "Written after the repair"), "the repair")
        assert shows(app, "Trial of afternoon visits")
        assert app.store_problem is None
    assert app.crash is None


async def test_the_same_problem_again_after_a_repair_is_told_again(
    demo: Store, tmp_path: Path
) -> None:
    """Once per problem means until it changes: broken, fixed, broken again is news."""
    meeting = list_meetings(demo)[-1]
    meeting_id = meeting.id
    path = demo.path(year_file(meeting.date[:4], meeting.group))
    good = tmp_path / "good-copy.json"
    shutil.copyfile(path, good)
    app = make_app(demo, FACILITATOR, {}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(MeetingScreen(meeting_id))
        await pilot.pause()
        for times in (1, 2):
            other_process("corrupt", path)
            await wait_until(pilot, lambda n=times: len(told(app, path.name)) == n, "news")
            other_process("restore", path, good)
            await wait_until(pilot, lambda: app.store_problem is None, "the repair")
        assert isinstance(app.screen, MeetingScreen)


# An unexpected error


def explode(*args: object) -> None:
    raise RuntimeError(BOOM)


async def test_an_unexpected_error_ends_the_app_with_status_1_and_a_crash_log(
    demo: Store, log_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(HomeScreen, "action_new_meeting", explode)
    app = make_app(demo, FACILITATOR, {}, cursor_blink=False)
    with pytest.raises(RuntimeError, match=BOOM):  # Pilot raises the app's error again
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            await pilot.pause()
    assert app.return_code == 1
    log = crash_log_path()
    assert log.is_relative_to(log_home)
    assert app.crash is not None and app.crash.log == log
    assert app.crash.line == (
        f"retro: stopped by an unexpected error (RuntimeError); the report is in {log}"
    )
    report = log.read_text()
    assert "Traceback (most recent call last):" in report
    assert "in explode" in report  # the frame that raised
    assert f"RuntimeError: {BOOM}" in report
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700


def test_a_second_crash_is_added_to_the_same_log(log_home: Path) -> None:
    first = record_crash(RuntimeError("first"), remote=False)
    second = record_crash(ValueError("second"), remote=False)
    assert first.log == second.log == crash_log_path()
    report = crash_log_path().read_text()
    assert report.index("RuntimeError: first") < report.index("ValueError: second")


def test_the_crash_log_is_never_written_through_a_link(log_home: Path, tmp_path: Path) -> None:
    target = tmp_path / "someone-elses-file"
    target.write_text("keep me\n")
    log = crash_log_path()
    log.parent.mkdir(parents=True)
    log.symlink_to(target)
    crash = record_crash(RuntimeError(BOOM), remote=False)
    assert crash.log is None
    assert target.read_text() == "keep me\n"
    assert crash.line.startswith(
        "retro: stopped by an unexpected error (RuntimeError); its report could not be written"
    )
    assert "\n" not in crash.line


def test_the_crash_log_is_never_a_pipe(log_home: Path) -> None:
    log = crash_log_path()
    log.parent.mkdir(parents=True)
    os.mkfifo(log)
    crash = record_crash(RuntimeError(BOOM), remote=False)  # does not block on the pipe
    assert crash.log is None


def test_over_ssh_the_line_does_not_show_the_hosts_folders(log_home: Path) -> None:
    crash = record_crash(RuntimeError(BOOM), remote=True)
    assert crash.log == crash_log_path()
    assert crash.line == (
        "retro: stopped by an unexpected error (RuntimeError); the report is in the host's "
        "crash log"
    )


# The real program in a real terminal

CRASHING_RETRO = f"""
from retro_tui.screens.home import HomeScreen
def explode(self):
    raise RuntimeError({BOOM!r})
HomeScreen.action_new_meeting = explode
from retro_tui.cli import main
main()
"""


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (.ci/run installs it)")
def test_a_crash_in_a_real_terminal_restores_it_and_prints_one_line(
    tmux: Tmux, demo: Store, log_home: Path
) -> None:
    log = crash_log_path()
    command = (
        f"cd {shlex.quote(str(Path.cwd()))} && "
        f"{sys.executable} -c {shlex.quote(CRASHING_RETRO)} --as gustav; "
        "echo retro-exited-$?; sleep 60"
    )
    tmux.start(command, (100, 30), RETRO_STORE=str(demo.folder), XDG_STATE_HOME=str(log_home))
    tmux.wait_until(lambda s: "you: Gustav Berg" in s, "the home screen")
    tmux("send-keys", "-t", "retro", "n")
    tmux.wait_until(lambda s: "retro-exited-" in s, "retro to exit")
    shown = tmux("capture-pane", "-p", "-J", "-t", "retro")
    lines = [line for line in shown.splitlines() if line.strip()]
    assert lines == [
        f"retro: stopped by an unexpected error (RuntimeError); the report is in {log}",
        "retro-exited-1",
    ]
    assert tmux("display-message", "-p", "-t", "retro", "#{alternate_on}").strip() == "0"
    report = log.read_text()
    assert f"RuntimeError: {BOOM}" in report and "explode" in report


def test_a_defect_in_a_command_is_one_line_and_a_crash_log_never_a_traceback(
    store: Store, log_home: Path
) -> None:
    """A command that meets an unexpected error (here: the rota breaks) says so in one line,
    exits with status 1, and leaves the full report in the crash log."""
    env = {**os.environ, "RETRO_STORE": str(store.folder), "XDG_STATE_HOME": str(log_home)}
    code = (
        "import retro_tui.domain.meetings as meetings\n"
        f"def explode(*args, **kwargs):\n    raise RuntimeError({BOOM!r})\n"
        "meetings.upcoming_roles = explode\n"
        "from retro_tui.cli import main\n"
        "import sys; sys.argv = ['retro', 'rota']\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        "retro: stopped by an unexpected error (RuntimeError); the report is in "
        f"{crash_log_path()}\n"
    )
    assert "Traceback" not in done.stderr and BOOM in crash_log_path().read_text()
