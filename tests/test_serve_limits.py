"""`retro serve` against hostile clients: floods of idle connections, forged terminal
types, huge terminals, apps that outlive their member, and members who take too much.

Each test runs the real server as a subprocess and talks to it with asyncssh's client.
"""

import asyncio
import contextlib
import fcntl
import logging
import os
import resource
import select
import signal
import socket
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import asyncssh
import pytest

from retro_tui.domain.team import add_member_key
from retro_tui.serve import (
    MAX_COLUMNS,
    MAX_KEYS_TRIED,
    MAX_ROWS,
    LogBudget,
    OneLineFormatter,
    clamp_size,
    end_process_group,
    usable_terminal_type,
)
from retro_tui.store import Store
from tests.test_serve import free_port

DEADLINE = 30.0  # seconds; generous for a busy machine, and only reached on failure


@dataclass
class Served:
    """A running `retro serve` subprocess and the file its log goes to."""

    proc: subprocess.Popen
    port: int
    log: Path

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def count(self, fragment: str) -> int:
        return self.text().count(fragment)

    def fds(self) -> int:
        return len(os.listdir(f"/proc/{self.proc.pid}/fd"))


def children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (zombies included: they have not been reaped)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def wait_until(condition: Callable[[], bool], what: str, timeout: float = DEADLINE) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.fixture
def serve(store: Store, tmp_path: Path) -> Iterator[Callable[..., Served]]:
    """Start `retro serve` with extra options, optionally under a descriptor limit or
    with SIGHUP ignored (as under nohup); everything it started is ended afterwards."""
    started: list[Served] = []

    def start(*options: str, nofile: int | None = None, ignore_hangup: bool = False) -> Served:
        port = free_port()
        log = tmp_path / f"serve-{port}.log"

        def prepare() -> None:
            if nofile is not None:
                resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))
            if ignore_hangup:
                signal.signal(signal.SIGHUP, signal.SIG_IGN)

        with log.open("w") as out:
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "retro_tui",
                    "--store",
                    str(store.folder),
                    "serve",
                    "--port",
                    str(port),
                    "--host-key",
                    str(tmp_path / "host_key"),
                    *options,
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                preexec_fn=prepare,
            )
        served = Served(proc, port, log)
        started.append(served)
        wait_until(lambda: "listening on" in served.text() or proc.poll() is not None, "the server")
        assert proc.poll() is None, served.text()
        return served

    yield start
    for served in started:
        apps = children(served.proc.pid)
        served.proc.terminate()
        try:
            served.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            served.proc.kill()
            served.proc.wait()
        for pid in apps:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)


def member_key(store: Store, name: str) -> asyncssh.SSHKey:
    key = asyncssh.generate_private_key("ssh-ed25519")
    add_member_key(store, name, key.export_public_key("openssh").decode())
    return key


async def connect(port: int, *keys: asyncssh.SSHKey) -> asyncssh.SSHClientConnection:
    return await asyncssh.connect(
        "127.0.0.1",
        port,
        username="member",
        client_keys=list(keys),
        known_hosts=None,
        agent_path=None,
        config=None,
    )


async def open_app(
    conn: asyncssh.SSHClientConnection,
    term: str = "xterm-256color",
    size: tuple[int, int] = (80, 24),
) -> asyncssh.SSHClientProcess:
    return await conn.create_process(term_type=term, term_size=size, encoding=None)


async def first_screen(process: asyncssh.SSHClientProcess) -> bytes:
    """The app's first output: proof that it runs."""
    output = await asyncio.wait_for(process.stdout.read(4096), DEADLINE)
    assert output, "the app sent nothing"
    return output


def pty_size(pid: int) -> tuple[int, int]:
    """Columns and rows of the terminal a process has on its stdin."""
    fd = os.open(f"/proc/{pid}/fd/0", os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK)
    try:
        rows, columns, _, _ = struct.unpack("HHHH", fcntl.ioctl(fd, termios.TIOCGWINSZ, b"\0" * 8))
    finally:
        os.close(fd)
    return columns, rows


def app_of(served: Served) -> int:
    wait_until(lambda: len(children(served.proc.pid)) == 1, "the app process")
    return children(served.proc.pid)[0]


# -- 1. connections that never log in ------------------------------------------------


def open_idle_connections(port: int, count: int) -> list[socket.socket]:
    """`count` TCP connections that never say a word, connected as far as the server lets."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < count + 200:
        if hard != resource.RLIM_INFINITY and hard < count + 200:
            pytest.skip("needs more file descriptors than this machine allows")
        resource.setrlimit(resource.RLIMIT_NOFILE, (count + 200, hard))
    sockets = []
    for _ in range(count):
        sock = socket.socket()
        sock.setblocking(False)
        sock.connect_ex(("127.0.0.1", port))
        sockets.append(sock)
    pending = list(sockets)
    deadline = time.monotonic() + 10
    while pending and time.monotonic() < deadline:
        poller = select.poll()
        for sock in pending:
            poller.register(sock, select.POLLOUT)
        ready = {fd for fd, _ in poller.poll(200)}
        pending = [sock for sock in pending if sock.fileno() not in ready]
    return sockets


async def log_in_until_deadline(port: int, key: asyncssh.SSHKey) -> bytes:
    """Keep trying, as a member would, until the app's first screen arrives."""

    async def session() -> bytes:
        async with await connect(port, key) as conn:
            return await first_screen(await open_app(conn))

    deadline = time.monotonic() + DEADLINE
    while True:
        try:
            return await asyncio.wait_for(session(), 10)
        except (OSError, asyncssh.Error, TimeoutError):
            assert time.monotonic() < deadline, "the member never got in"
            await asyncio.sleep(0.2)


@pytest.mark.parametrize(
    ("nofile", "options"),
    [(256, ()), (64, ("--max-startups", "500"))],
    ids=["beyond-max-startups", "out-of-descriptors"],
)
def test_a_flood_of_idle_connections_neither_locks_members_out_nor_floods_the_log(
    serve, store: Store, nofile: int, options: tuple[str, ...]
) -> None:
    served = serve("--login-grace-time", "3", *options, nofile=nofile)
    key = member_key(store, "Ada")
    flood = open_idle_connections(served.port, nofile + 50)
    try:
        if options:  # no bound on logins: the server runs out of descriptors and says so once
            wait_until(lambda: "out of file descriptors" in served.text(), "the server to run out")
            time.sleep(0.5)  # the flood keeps knocking while descriptors are short
            for sock in flood:
                sock.close()
        screen = asyncio.run(log_in_until_deadline(served.port, key))
    finally:
        for sock in flood:
            sock.close()
    assert screen
    log = served.text()
    assert "Ada connected from" in log
    assert "Traceback" not in log and len(log) < 8000, log
    assert log.count("out of file descriptors") == (1 if options else 0), log


# -- 2. forged terminal types and widths ----------------------------------------------

FORGED = "xterm\n2026-11-22 10:00:00 retro serve: Mallory connected from 10.6.6.6"
HOSTILE_TERMINALS = [
    (FORGED, (80, 24)),
    ("xterm\x00-256color", (80, 24)),
    ("x" * 65, (80, 24)),
    ("xterm-256color", (70000, 24)),
    ("xterm-256color", (80, 70000)),
]


async def visit(served: Served, key: asyncssh.SSHKey, term: str, size: tuple[int, int]) -> None:
    """Open a session, stay until the server has taken it in, then leave."""
    before = served.count("Ada connected from")
    async with await connect(served.port, key) as conn:
        await open_app(conn, term, size)
        deadline = time.monotonic() + DEADLINE
        while served.count("Ada connected from") == before:
            assert time.monotonic() < deadline, served.text()
            await asyncio.sleep(0.02)


def test_hostile_terminal_types_and_sizes_neither_forge_log_lines_nor_leak_descriptors(
    serve, store: Store
) -> None:
    served = serve("--max-per-member", "30")
    key = member_key(store, "Ada")
    asyncio.run(visit(served, key, "xterm-256color", (80, 24)))
    wait_until(lambda: served.count("Ada disconnected") == 1, "the first visit to end")
    wait_until(lambda: not children(served.proc.pid), "the first app to end")
    baseline = served.fds()

    visits = HOSTILE_TERMINALS * 4
    for term, size in visits:
        asyncio.run(visit(served, key, term, size))
    wait_until(lambda: served.count("Ada disconnected") == 1 + len(visits), "every visit to end")
    wait_until(lambda: not children(served.proc.pid), "every app to end")
    wait_until(lambda: served.fds() <= baseline + 2, f"descriptors back near {baseline}")

    log = served.text()
    assert "Mallory" not in log and "\x00" not in log and "Traceback" not in log, log
    assert all(line.startswith("20") for line in log.splitlines()), log
    assert log.count("asked for an unusable terminal type") == 3 * 4, log
    assert log.count("capped from 70000x24") == 4 and log.count("capped from 80x70000") == 4


def test_terminal_types_are_plain_names() -> None:
    assert usable_terminal_type("xterm-256color") == "xterm-256color"
    assert usable_terminal_type("screen.xterm+new_1") == "screen.xterm+new_1"
    assert usable_terminal_type("x" * 64) == "x" * 64
    for bad in (None, "", "x" * 65, "xterm\n", "xterm\x00", "xterm 256", "xtérm", "$(id)"):
        assert usable_terminal_type(bad) is None


def test_log_lines_stay_one_line() -> None:
    record = logging.LogRecord(
        "retro.serve", logging.INFO, __file__, 1, "got %s", ("a\nb\x1b[31m\u2028c",), None
    )
    try:
        raise ValueError("bad\nthing")
    except ValueError:
        record.exc_info = sys.exc_info()
    line = OneLineFormatter().format(record)
    assert "\n" not in line and "\x1b" not in line and "\u2028" not in line
    assert "got a\\x0ab\\x1b[31m\\u2028c (ValueError: bad\\x0athing at " in line


def test_lines_about_strangers_are_few_and_summed_up(caplog: pytest.LogCaptureFixture) -> None:
    budget = LogBudget(window=3600)
    with caplog.at_level(logging.INFO, logger="retro.serve"):
        for n in range(25):
            budget.log("connections dropped", 10, logging.INFO, "dropped connection %d", n)
        assert [r.getMessage() for r in caplog.records] == [
            f"dropped connection {n}" for n in range(10)
        ]
        budget.started -= 3600  # the window is over
        budget.roll()
    assert (
        caplog.records[-1].getMessage().startswith("15 more connections dropped in the last 3600 s")
    )


# -- 3. apps that outlive their member -------------------------------------------------


def test_apps_end_when_their_members_leave_even_with_hangups_ignored(serve, store: Store) -> None:
    served = serve("--max-sessions", "2", ignore_hangup=True)
    keys = {name: member_key(store, name) for name in ("Ada", "Bo", "Cy")}

    async def come_and_go() -> None:
        for name in ("Ada", "Bo"):
            async with await connect(served.port, keys[name]) as conn:
                await first_screen(await open_app(conn))

    asyncio.run(come_and_go())
    wait_until(lambda: served.count("disconnected after") == 2, "both departures in the log")
    wait_until(lambda: not children(served.proc.pid), "the apps to end and be reaped")

    async def third() -> bytes:
        async with await connect(served.port, keys["Cy"]) as conn:
            return await first_screen(await open_app(conn))

    assert asyncio.run(third())
    assert "full right now" not in served.text()


STUBBORN = """
import signal, sys, time
for name in sys.argv[1:]:
    signal.signal(getattr(signal, name), signal.SIG_IGN)
print("ready", flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize(
    ("ignored", "ends_with"),
    [
        ((), signal.SIGHUP),
        (("SIGHUP",), signal.SIGTERM),
        (("SIGHUP", "SIGTERM"), signal.SIGKILL),
    ],
)
def test_an_app_is_ended_by_escalating_signals_and_reaped(
    ignored: tuple[str, ...], ends_with: signal.Signals
) -> None:
    async def run() -> tuple[signal.Signals | None, int | None]:
        app = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            STUBBORN,
            *ignored,
            stdout=asyncio.subprocess.PIPE,
            start_new_session=True,
        )
        assert await asyncio.wait_for(app.stdout.readline(), DEADLINE) == b"ready\n"
        ended = await end_process_group(app, grace=1.0)
        return ended, app.returncode

    assert asyncio.run(run()) == (ends_with, -ends_with)


# -- 4. terminal sizes ---------------------------------------------------------------------


def test_terminal_sizes_are_capped() -> None:
    assert (MAX_COLUMNS, MAX_ROWS) == (500, 200)
    assert clamp_size(10000, 10000) == (500, 200)
    assert clamp_size(70000, 30) == (500, 30)
    assert clamp_size(120, 40) == (120, 40)
    assert clamp_size(0, 0) == (80, 24)
    assert clamp_size(1, 1) == (1, 1)


def test_a_huge_terminal_is_capped_at_start_and_on_resize_for_a_remote_app(
    serve, store: Store
) -> None:
    served = serve()
    key = member_key(store, "Ada")

    async def session() -> None:
        async with await connect(served.port, key) as conn:
            process = await open_app(conn, size=(10000, 10000))
            await first_screen(process)
            app = app_of(served)
            assert pty_size(app) == (500, 200)
            environ = Path(f"/proc/{app}/environ").read_bytes().split(b"\0")
            assert b"RETRO_REMOTE=1" in environ
            for asked, capped in (((100, 30), (100, 30)), ((70000, 70000), (500, 200))):
                process.change_terminal_size(*asked)
                deadline = time.monotonic() + DEADLINE
                while pty_size(app) != capped:
                    assert time.monotonic() < deadline, f"the terminal never became {capped}"
                    await asyncio.sleep(0.05)

    asyncio.run(session())
    assert "(xterm-256color 500x200, capped from 10000x10000, 1 session(s))" in served.text()


# -- members who take too much -----------------------------------------------------------


def test_one_member_cannot_take_every_session(serve, store: Store) -> None:
    served = serve("--max-per-member", "2")
    ada, bo = member_key(store, "Ada"), member_key(store, "Bo")

    async def greedy() -> None:
        async with await connect(served.port, ada) as first:
            for _ in range(2):
                await open_app(first)
            wait_until(lambda: served.count("Ada connected from") == 2, "two sessions")
            third = await open_app(first)
            refusal = await asyncio.wait_for(third.stderr.read(), DEADLINE)
            assert b"already have 2 retro sessions" in refusal
            async with await connect(served.port, ada):  # a second connection is allowed
                with pytest.raises((asyncssh.Error, OSError)):
                    async with await connect(served.port, ada) as third_connection:
                        await open_app(third_connection)
            async with await connect(served.port, bo) as other:
                await first_screen(await open_app(other))

    asyncio.run(greedy())
    log = served.text()
    assert "Ada came with 2 sessions open already; refused" in log
    assert "Ada connected from" in log and "again, already have 2 connections" in log
    assert "Bo connected from" in log


def test_a_connection_may_try_only_a_few_keys(serve, store: Store) -> None:
    served = serve()
    ada = member_key(store, "Ada")
    strangers = [asyncssh.generate_private_key("ssh-ed25519") for _ in range(MAX_KEYS_TRIED)]

    async def many_keys() -> None:
        with pytest.raises((asyncssh.Error, OSError)):
            async with await connect(served.port, *strangers, ada) as conn:
                await open_app(conn)

    asyncio.run(many_keys())
    assert f"tried more than {MAX_KEYS_TRIED} keys; closed" in served.text()
