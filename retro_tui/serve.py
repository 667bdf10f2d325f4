"""`retro serve`: an SSH server of its own. Each connection runs the app, in a
pseudo-terminal subprocess of its own, as the member whose public key it used.

Public-key authentication only; unknown keys are refused; no shell, no commands, no
SFTP, no forwarding; a session without a terminal is refused with a message.

Nobody who has not logged in is trusted, and a member is not trusted towards another
member, so everything a connection can take is bounded:

- connections still logging in: at most `max_startups` at once (new ones beyond that are
  dropped at once), each with `login_grace` seconds to log in, and a few keys to try;
- sessions: at most `max_sessions` in all and `max_per_member` for one member (and as
  many connections per member);
- the terminal: its type is checked and its size capped at MAX_COLUMNS x MAX_ROWS;
- an app whose member has gone is ended: SIGHUP, then SIGTERM, then SIGKILL;
- the log: one line per event, never a client's raw text, and at most a few lines a
  minute about strangers (the rest are counted and summed up in one line).
"""

import asyncio
import contextlib
import errno
import fcntl
import logging
import os
import pty
import re
import resource
import signal
import socket
import struct
import sys
import termios
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import asyncssh

from retro_tui.domain.team import Member, member_for_key
from retro_tui.errors import RetroError
from retro_tui.i18n import ENGLISH, LOCALE_VARIABLES, _, language_of, ngettext
from retro_tui.store import Store

log = logging.getLogger("retro.serve")

DEFAULT_MAX_SESSIONS = 30
DEFAULT_MAX_PER_MEMBER = 3
DEFAULT_MAX_STARTUPS = 64  # enough for a whole team arriving at once
DEFAULT_LOGIN_GRACE = 30.0
MAX_KEYS_TRIED = 10  # distinct public keys one connection may offer
KEEPALIVE_INTERVAL = 30.0  # a silent client is asked every 30 s; after 3 misses it is gone
KEEPALIVE_COUNT_MAX = 3
LISTEN_BACKLOG = 512
ACCEPT_PAUSE = 0.5  # seconds to wait before accepting again when out of descriptors
FDS_PER_SESSION = 4  # the connection, the pseudo-terminal, and room for the app's start

MAX_COLUMNS = 500
MAX_ROWS = 200
DEFAULT_COLUMNS = 80
DEFAULT_ROWS = 24
DEFAULT_TERM = "xterm-256color"
MAX_TERM_LENGTH = 64
USABLE_TERM = re.compile(rf"[A-Za-z0-9._+-]{{1,{MAX_TERM_LENGTH}}}")

END_GRACE = 1.5  # seconds an app gets after SIGHUP, and again after SIGTERM
REAP_TIMEOUT = 10.0  # seconds to wait for an app after SIGKILL

LOG_WINDOW = 60.0  # seconds over which lines about strangers are counted

KEEP_ENV = ("PATH", "LANG", "LC_ALL", "HOME", "PYTHONPATH", "VIRTUAL_ENV", "RETRO_LANG")


def client_language(sent: Mapping[str, str]) -> str | None:
    """The language of a member's own locale, from what their SSH client sent (OpenSSH
    sends `LANG` and `LC_*`); None when it sent none. Only a language retro speaks comes
    out of it, never the text sent."""
    for variable in LOCALE_VARIABLES:
        if sent.get(variable):
            return language_of(sent[variable]) or ENGLISH
    return None


@dataclass(frozen=True)
class Limits:
    """How much the server gives: sessions, and connections that are still logging in."""

    max_sessions: int = DEFAULT_MAX_SESSIONS
    max_per_member: int = DEFAULT_MAX_PER_MEMBER
    max_startups: int = DEFAULT_MAX_STARTUPS
    login_grace: float = DEFAULT_LOGIN_GRACE


# -- terminals -------------------------------------------------------------------------


def clamp_size(columns: int, rows: int) -> tuple[int, int]:
    """A terminal size the app can live with: unknown (0) is 80x24, and neither side is
    ever beyond MAX_COLUMNS x MAX_ROWS."""
    columns = DEFAULT_COLUMNS if columns <= 0 else min(columns, MAX_COLUMNS)
    rows = DEFAULT_ROWS if rows <= 0 else min(rows, MAX_ROWS)
    return columns, rows


def usable_terminal_type(requested: str | None) -> str | None:
    """The client's terminal type if it is a plain name (letters, digits, `._+-`, at most
    MAX_TERM_LENGTH characters), else None."""
    if requested is not None and USABLE_TERM.fullmatch(requested):
        return requested
    return None


def set_window_size(fd: int, columns: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


def prepare_app_process() -> None:
    """In the app's process, before it starts: make its pseudo-terminal the controlling one,
    so that it gets SIGWINCH when the client's window changes size, and let a hangup end it
    even when the server itself runs with SIGHUP ignored (under nohup)."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def has_exited(pid: int) -> bool:
    """Whether a child has exited, without reaping it (asyncio does that)."""
    try:
        return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    except ChildProcessError:  # reaped already
        return True


async def end_process_group(
    app: asyncio.subprocess.Process, grace: float = END_GRACE
) -> signal.Signals | None:
    """End an app and everything in its process group: SIGHUP, then SIGTERM, then SIGKILL,
    each after `grace` seconds, and reap it. Returns the signal that ended it, or None if it
    had ended already (or could not be reaped even after SIGKILL)."""
    if app.returncode is not None:
        return None
    for sig in (signal.SIGHUP, signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(app.pid, sig)
        timeout = REAP_TIMEOUT if sig == signal.SIGKILL else grace
        try:
            await asyncio.wait_for(app.wait(), timeout)
        except TimeoutError:
            if not has_exited(app.pid):
                continue
            try:  # it has ended, only its reaping is late
                await asyncio.wait_for(app.wait(), REAP_TIMEOUT)
            except TimeoutError:
                return None
        return sig
    return None


async def wait_ready(fd: int, writable: bool = False) -> None:
    """Wait until a non-blocking descriptor can be read (or written) without blocking."""
    loop = asyncio.get_running_loop()
    ready = loop.create_future()

    def wake() -> None:
        if not ready.done():
            ready.set_result(None)

    (loop.add_writer if writable else loop.add_reader)(fd, wake)
    try:
        await ready
    finally:
        (loop.remove_writer if writable else loop.remove_reader)(fd)


async def write_all(fd: int, data: bytes) -> None:
    """Write to a non-blocking descriptor, waiting (not blocking the server) while it is full."""
    view = memoryview(data)
    while view:
        try:
            written = os.write(fd, view)
        except BlockingIOError:
            await wait_ready(fd, writable=True)
            continue
        view = view[written:]


# -- the log ---------------------------------------------------------------------------

# Control characters (C0, DEL, C1) and Unicode line breaks, escaped so that nothing can
# start a new line in the log or reach the admin's terminal as a control sequence.
_ESCAPES = {
    code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)] if code != 0x09
} | {0x2028: "\\u2028", 0x2029: "\\u2029"}


def one_line(text: str) -> str:
    return text.translate(_ESCAPES)


def describe(error: BaseException) -> str:
    """An error in one line: its type, its message and where it was raised."""
    where = ""
    trace = error.__traceback__
    if trace is not None:
        while trace.tb_next is not None:
            trace = trace.tb_next
        where = f" at {Path(trace.tb_frame.f_code.co_filename).name}:{trace.tb_lineno}"
    return f"{type(error).__name__}: {error}{where}"


class OneLineFormatter(logging.Formatter):
    """Every record on one line: control characters escaped, an error as `describe` says."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            message = f"{message} ({describe(record.exc_info[1])})"
        stamp = self.formatTime(record, self.datefmt)
        return one_line(f"{stamp} retro serve: {message}")  # i18n: not shown


class LogBudget:
    """Lines that strangers can cause: at most `burst` of each kind per LOG_WINDOW; the
    rest are counted and summed up in one line when the window is over."""

    def __init__(self, window: float = LOG_WINDOW) -> None:
        self.window = window
        self.started = time.monotonic()
        self.seen: Counter[str] = Counter()
        self.bursts: dict[str, int] = {}

    def log(self, kind: str, burst: int, level: int, message: str, *args: object) -> None:
        self.roll()
        self.seen[kind] += 1
        self.bursts[kind] = burst
        if self.seen[kind] <= burst:
            log.log(level, message, *args)

    def roll(self) -> None:
        now = time.monotonic()
        if now - self.started < self.window:
            return
        for kind, count in sorted(self.seen.items()):
            if count > self.bursts[kind]:
                log.info(
                    "%d more %s in the last %.0f s, not logged one by one",  # i18n: not shown
                    count - self.bursts[kind],
                    kind,
                    now - self.started,
                )
        self.seen.clear()
        self.started = now


# -- the server ------------------------------------------------------------------------


def load_host_key(path: Path) -> asyncssh.SSHKey:
    """The server's persistent host key; made on first start, readable by its owner only."""
    if path.exists():
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
        return asyncssh.read_private_key(str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    key = asyncssh.generate_private_key("ssh-ed25519")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(key.export_private_key())
    return key


class MemberServer(asyncssh.SSHServer):
    """One SSH connection: who it is, known only by a member's public key."""

    def __init__(self, service: "RetroService", peer: str) -> None:
        self.service = service
        self.store = service.store
        self.peer = peer
        self.member: Member | None = None
        self.logged_in = False
        self.conn: asyncssh.SSHServerConnection | None = None
        self.keys_tried: set[str] = set()
        self.since = time.monotonic()
        self.sessions = 0  # sessions this connection opened

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn

    def connection_lost(self, exc: Exception | None) -> None:
        if self.logged_in and self.member is not None:
            self.service.connection_ended(self.member)
            if not self.sessions:
                log.info(
                    "%s's connection from %s closed after %.0f s without opening a session",  # i18n: not shown
                    self.member.name,
                    self.peer,
                    time.monotonic() - self.since,
                )
        elif not self.logged_in:
            self.service.budget.log(
                "connections closed without logging in",  # i18n: not shown
                10,
                logging.INFO,
                "connection from %s closed without logging in after %.0f s",  # i18n: not shown
                self.peer,
                time.monotonic() - self.since,
            )

    def auth_completed(self) -> None:
        assert self.member is not None and self.conn is not None
        self.logged_in = True
        refusal = self.service.connection_started(self.member)
        if refusal is not None:
            log.info(
                "%s connected from %s again, %s; refused",  # i18n: not shown
                self.member.name,
                self.peer,
                refusal,
            )
            most = self.service.limits.max_per_member
            told = ngettext(
                "retro serve: you already have {count} connection open here; close one first.",
                "retro serve: you already have {count} connections open here; close one first.",
                most,
            )
            self.conn.disconnect(asyncssh.DISC_TOO_MANY_CONNECTIONS, told.format(count=most))

    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return False

    def kbdint_auth_supported(self) -> bool:
        return False

    def public_key_auth_supported(self) -> bool:
        return True

    # No forwarding of any kind: the connection exists to run the app, nothing else.
    def connection_requested(self, *args: object) -> bool:
        return self.refuse_forwarding("a connection to another address")  # i18n: not shown

    def server_requested(self, *args: object) -> bool:
        return self.refuse_forwarding("a port forwarded to it")  # i18n: not shown

    def unix_connection_requested(self, *args: object) -> bool:
        return self.refuse_forwarding("a connection to a socket")  # i18n: not shown

    def unix_server_requested(self, *args: object) -> bool:
        return self.refuse_forwarding("a socket forwarded to it")  # i18n: not shown

    def refuse_forwarding(self, what: str) -> bool:
        self.service.budget.log(
            "forwarding refused",  # i18n: not shown
            10,
            logging.INFO,
            "%s asked for %s from %s; refused",  # i18n: not shown
            self.member.name if self.member else "?",
            what,
            self.peer,
        )
        return False

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        blob = key.export_public_key("openssh").split()[1].decode()
        self.keys_tried.add(blob)
        if len(self.keys_tried) > MAX_KEYS_TRIED:
            self.service.budget.log(
                "connections that tried too many keys",  # i18n: not shown
                10,
                logging.INFO,
                "connection from %s tried more than %d keys; closed",  # i18n: not shown
                self.peer,
                MAX_KEYS_TRIED,
            )
            assert self.conn is not None
            self.conn.disconnect(
                asyncssh.DISC_NO_MORE_AUTH_METHODS_AVAILABLE, _("retro serve: too many keys tried.")
            )
            return False
        try:
            self.member = member_for_key(self.store, blob)
        except RetroError as error:
            log.error("cannot read the store: %s", error)  # i18n: not shown
            return False
        if self.member is None:
            self.service.budget.log(
                "unknown keys refused",  # i18n: not shown
                10,
                logging.INFO,
                "refused an unknown key from %s",  # i18n: not shown
                self.peer,
            )
        return self.member is not None


class RetroService:
    """Accepts connections and runs one app per session, within `Limits`, logging each
    arrival and departure."""

    def __init__(self, store: Store, limits: Limits, host_key: asyncssh.SSHKey) -> None:
        self.store = store
        self.limits = limits
        self.budget = LogBudget()
        self.logging_in = 0
        self.sessions = 0
        self.member_sessions: Counter[str] = Counter()
        self.member_connections: Counter[str] = Counter()
        self.options = asyncssh.SSHServerConnectionOptions(
            server_host_keys=[host_key],
            process_factory=self.handle,
            encoding=None,
            line_editor=False,
            sftp_factory=None,
            allow_scp=False,
            agent_forwarding=False,
            x11_forwarding=False,
            login_timeout=limits.login_grace,
            keepalive_interval=KEEPALIVE_INTERVAL,
            keepalive_count_max=KEEPALIVE_COUNT_MAX,
        )

    # -- connections ---------------------------------------------------------------

    async def accept(self, listener: socket.socket) -> None:
        """Take connections from `listener` for ever. Beyond `max_startups` connections
        still logging in, a new one is closed at once; out of descriptors, accepting
        pauses (connections wait in the queue) instead of failing in a loop."""
        loop = asyncio.get_running_loop()
        logins: set[asyncio.Task[None]] = set()
        while True:
            try:
                sock, address = await loop.sock_accept(listener)
            except OSError as error:
                if error.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
                    self.budget.log(
                        "pauses for lack of descriptors",  # i18n: not shown
                        1,
                        logging.WARNING,
                        "out of file descriptors (limit %d); new connections wait",  # i18n: not shown
                        resource.getrlimit(resource.RLIMIT_NOFILE)[0],
                    )
                elif error.errno == errno.ECONNABORTED:  # gone before it was taken
                    continue
                else:
                    self.budget.log(
                        "errors accepting connections",  # i18n: not shown
                        1,
                        logging.WARNING,
                        "cannot accept a connection: %s",  # i18n: not shown
                        error.strerror,
                    )
                await asyncio.sleep(ACCEPT_PAUSE)
                continue
            host, port = address[:2]
            peer = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
            if self.logging_in >= self.limits.max_startups:
                sock.close()
                self.budget.log(
                    "connections dropped",  # i18n: not shown
                    5,
                    logging.INFO,
                    "dropped a connection from %s: %d connections are logging in already",  # i18n: not shown
                    peer,
                    self.logging_in,
                )
                continue
            self.logging_in += 1
            login = asyncio.create_task(self.login(sock, peer))
            logins.add(login)
            login.add_done_callback(logins.discard)

    async def login(self, sock: socket.socket, peer: str) -> None:
        """SSH on one accepted connection, until it has logged in or failed to."""
        try:
            await asyncssh.run_server(
                sock, options=self.options, server_factory=lambda: MemberServer(self, peer)
            )
        except (asyncssh.Error, OSError, TimeoutError):
            pass  # the connection has closed; MemberServer.connection_lost logged it
        except Exception as error:  # a client's garbage can cause this: it counts as theirs
            self.budget.log(
                "connections that failed",  # i18n: not shown
                5,
                logging.WARNING,
                "connection from %s failed: %s",  # i18n: not shown
                peer,
                describe(error),
            )
        finally:
            self.logging_in -= 1

    def connection_started(self, member: Member) -> str | None:
        """Count a member's logged-in connection; why it is one too many, or None."""
        self.member_connections[member.name] += 1
        if self.member_connections[member.name] > self.limits.max_per_member:
            return f"already have {self.limits.max_per_member} connections open here"  # i18n: not shown
        return None

    def connection_ended(self, member: Member) -> None:
        self.member_connections[member.name] -= 1
        if self.member_connections[member.name] <= 0:
            del self.member_connections[member.name]

    # -- sessions ------------------------------------------------------------------

    def refusal(self, process: asyncssh.SSHServerProcess, member: Member) -> tuple[str, str] | None:
        """Why this session cannot have the app (for the log, for the member), or None."""
        if process.command is not None or process.subsystem is not None:
            return (
                "asked to run a command",  # i18n: not shown
                _("retro serve runs only the retro app; no commands."),
            )
        if process.get_terminal_type() is None:
            return (
                "connected without a terminal",  # i18n: not shown
                _("retro needs a terminal: connect with a plain `ssh -p PORT host`."),
            )
        most = self.limits.max_per_member
        if self.member_sessions[member.name] >= most:
            return (
                f"came with {most} sessions open already",  # i18n: not shown
                ngettext(
                    "you already have {count} retro session open here; close one first.",
                    "you already have {count} retro sessions open here; close one first.",
                    most,
                ).format(count=most),
            )
        if self.sessions >= self.limits.max_sessions:
            return (
                f"came when all {self.limits.max_sessions} sessions were in use",  # i18n: not shown
                _("retro serve is full right now; try again in a moment."),
            )
        return None

    async def handle(self, process: asyncssh.SSHServerProcess) -> None:
        server: MemberServer = process.get_extra_info("connection").get_owner()
        member = server.member
        assert member is not None
        server.sessions += 1
        refusal = self.refusal(process, member)
        if refusal is not None:
            why, message = refusal
            log.info("%s %s; refused", member.name, why)  # i18n: not shown
            with contextlib.suppress(asyncssh.Error, OSError):
                process.stderr.write(f"{message}\r\n".encode())
                process.exit(1)
            return
        term = usable_terminal_type(process.get_terminal_type())
        if term is None:
            term = DEFAULT_TERM
            log.info(
                "%s asked for an unusable terminal type (%d characters); using %s",  # i18n: not shown
                member.name,
                len(process.get_terminal_type() or ""),
                term,
            )
        asked = process.get_terminal_size()[:2]
        columns, rows = clamp_size(*asked)
        capped = ""
        if (columns, rows) != asked:
            capped = f", capped from {asked[0]}x{asked[1]}"  # i18n: not shown
        self.sessions += 1
        self.member_sessions[member.name] += 1
        started = time.monotonic()
        log.info(
            "%s connected from %s (%s %dx%d%s, %d session(s))",  # i18n: not shown
            member.name,
            server.peer,
            term,
            columns,
            rows,
            capped,
            self.sessions,
        )
        code = 1
        ended: list[signal.Signals] = []
        try:
            code = await self.run_app(process, member, term, columns, rows, ended)
        except Exception as error:
            log.error(
                "%s: the app could not run: %s",  # i18n: not shown
                member.name,
                describe(error),
            )
            told = _("retro could not start here; the server's log says why.")
            with contextlib.suppress(asyncssh.Error, OSError):
                process.stderr.write(f"{told}\r\n".encode())
        finally:
            self.sessions -= 1
            self.member_sessions[member.name] -= 1
            if self.member_sessions[member.name] <= 0:
                del self.member_sessions[member.name]
            how = f", its app ended with {ended[0].name}" if ended else ""  # i18n: not shown
            log.info(
                "%s disconnected after %.0f s%s (%d session(s))",  # i18n: not shown
                member.name,
                time.monotonic() - started,
                how,
                self.sessions,
            )
        with contextlib.suppress(asyncssh.Error, OSError):
            process.exit(code)

    async def run_app(
        self,
        process: asyncssh.SSHServerProcess,
        member: Member,
        term: str,
        columns: int,
        rows: int,
        ended: list[signal.Signals],
    ) -> int:
        """The app as `member` in a pseudo-terminal of its own, wired to the SSH channel.

        Both ends of the pseudo-terminal are closed however this ends; an app still running
        at the end (its member went away) is ended and reaped; the signal that took is
        appended to `ended`.
        """
        leader, follower = pty.openpty()
        app: asyncio.subprocess.Process | None = None
        try:
            set_window_size(follower, columns, rows)
            os.set_blocking(leader, False)
            env = {k: os.environ[k] for k in KEEP_ENV if k in os.environ}
            env["TERM"] = term
            env["RETRO_REMOTE"] = "1"
            if spoken := client_language(process.env):
                env["RETRO_LANG"] = spoken
            app = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "retro_tui",
                "--store",
                str(self.store.folder),
                "--as",
                member.name,
                stdin=follower,
                stdout=follower,
                stderr=follower,
                env=env,
                start_new_session=True,
                preexec_fn=prepare_app_process,
            )
            os.close(follower)
            follower = -1
            typing = asyncio.create_task(self.forward_input(process, leader))
            output = asyncio.create_task(self.forward_output(process, leader))
            exited = asyncio.create_task(app.wait())
            # The channel closing ends the session too, even while the keys wait for an app
            # that does not read them.
            gone = asyncio.create_task(process.channel.wait_closed())
            tasks = (typing, output, exited, gone)
            try:
                await asyncio.wait({typing, exited, gone}, return_when=asyncio.FIRST_COMPLETED)
                if exited.done():  # the app quit: let its last frame (terminal restore) through
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(asyncio.shield(output), timeout=1)
            finally:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
        finally:
            if app is not None and app.returncode is None:  # the member went away: end its app
                signalled = await end_process_group(app)
                if signalled is not None:
                    ended.append(signalled)
                elif app.returncode is None:
                    log.error(
                        "%s: the app (pid %d) did not end even on SIGKILL",  # i18n: not shown
                        member.name,
                        app.pid,
                    )
            if follower >= 0:
                os.close(follower)
            os.close(leader)
        return app.returncode or 0

    async def forward_input(self, process: asyncssh.SSHServerProcess, leader: int) -> None:
        """Keys from the SSH client into the app; resizes follow the client's terminal,
        within MAX_COLUMNS x MAX_ROWS.

        Returns when the client has gone.
        """
        while True:
            try:
                data = await process.stdin.read(4096)
            except asyncssh.TerminalSizeChanged as change:
                with contextlib.suppress(OSError):
                    set_window_size(leader, *clamp_size(change.width, change.height))
                continue
            except asyncssh.BreakReceived:
                continue
            except (asyncssh.Error, OSError):
                return
            if not data:
                return
            try:
                await write_all(leader, data)
            except OSError:
                return

    async def forward_output(self, process: asyncssh.SSHServerProcess, leader: int) -> None:
        """The app's screen to the SSH client, no faster than the client takes it.

        Returns when the app has closed its terminal or the client has gone.
        """
        while True:
            await wait_ready(leader)
            try:
                data = os.read(leader, 65536)
            except BlockingIOError:
                continue
            except OSError:  # EIO: nothing holds the app's end of the terminal any more
                return
            if not data:
                return
            try:
                process.stdout.write(data)
                await process.stdout.drain()
            except (asyncssh.Error, OSError):
                return


# -- listening -------------------------------------------------------------------------


def open_listeners(host: str, port: int) -> list[socket.socket]:
    """Listening sockets for every address `host` names (all of them for "")."""
    listeners: list[socket.socket] = []
    infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    try:
        for family, kind, proto, __, address in dict.fromkeys(infos):
            sock = socket.socket(family, kind, proto)
            listeners.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            sock.bind(address)
            sock.listen(LISTEN_BACKLOG)
            sock.setblocking(False)
    except OSError:
        for sock in listeners:
            sock.close()
        raise
    return listeners


class RunningServer:
    """A started server: its listening sockets and the tasks that accept on them."""

    def __init__(self, service: RetroService, listeners: list[socket.socket]) -> None:
        self.service = service
        self.listeners = listeners
        self.tasks = [asyncio.create_task(service.accept(sock)) for sock in listeners]

    @property
    def port(self) -> int:
        return self.listeners[0].getsockname()[1]

    def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        for sock in self.listeners:
            sock.close()


async def start_server(
    store: Store, host: str, port: int, host_key: Path, limits: Limits | None = None
) -> RunningServer:
    service = RetroService(store, limits or Limits(), load_host_key(host_key))
    return RunningServer(service, open_listeners(host, port))


def log_loop_error(budget: LogBudget) -> Callable[[asyncio.AbstractEventLoop, dict], None]:
    """An event loop error handler that writes one line, a few times a minute at most."""

    def handle(loop: asyncio.AbstractEventLoop, context: dict) -> None:
        error = context.get("exception")
        budget.log(
            "unexpected errors",  # i18n: not shown
            5,
            logging.ERROR,
            "unexpected error: %s%s",  # i18n: not shown
            context.get("message", "?"),
            f" ({describe(error)})" if isinstance(error, BaseException) else "",
        )

    return handle


def warn_if_few_descriptors(limits: Limits) -> None:
    needed = limits.max_startups + limits.max_sessions * FDS_PER_SESSION + 64
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    if soft < needed:
        log.warning(
            "only %d file descriptors (ulimit -n); these limits may need %d",  # i18n: not shown
            soft,
            needed,
        )


def serve(store: Store, host: str, port: int, host_key: Path, limits: Limits | None = None) -> None:
    """Run the server until interrupted."""
    limits = limits or Limits()
    handler = logging.StreamHandler()
    handler.setFormatter(OneLineFormatter(datefmt="%Y-%m-%d %H:%M:%S"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    logging.getLogger("asyncssh").setLevel(logging.WARNING)
    if not store.exists():
        raise RetroError(
            _("no team store at {folder}; create one with `retro init` first").format(
                folder=store.folder
            )
        )

    async def main() -> None:
        server = await start_server(store, host, port, host_key, limits)
        asyncio.get_running_loop().set_exception_handler(log_loop_error(server.service.budget))
        log.info(
            "listening on %s port %d for the team at %s (%d sessions, %d per member)",  # i18n: not shown
            host,
            port,
            store.folder,
            limits.max_sessions,
            limits.max_per_member,
        )
        warn_if_few_descriptors(limits)
        while True:  # sums up the lines about strangers that were not logged one by one
            await asyncio.sleep(LOG_WINDOW)
            server.service.budget.roll()

    try:
        asyncio.run(main())
    except OSError as error:
        reason = error.strerror or str(error)
        raise RetroError(
            _("cannot listen on {host} port {port}: {reason}").format(
                host=host, port=port, reason=reason
            )
        ) from None
    except KeyboardInterrupt:
        log.info("stopped")
