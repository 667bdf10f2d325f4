"""`retro serve`: an SSH server of its own. Each connection runs the app, in a
pseudo-terminal subprocess of its own, as the member whose public key it used.

Public-key authentication only; unknown keys are refused; no shell, no commands, no
SFTP, no forwarding; a session without a terminal is refused with a message.
"""

import asyncio
import contextlib
import fcntl
import logging
import os
import pty
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import asyncssh

from retro_tui.domain.team import Member, member_for_key
from retro_tui.errors import RetroError
from retro_tui.store import Store

log = logging.getLogger("retro.serve")
DEFAULT_MAX_SESSIONS = 30
KEEP_ENV = ("PATH", "LANG", "LC_ALL", "HOME", "PYTHONPATH", "VIRTUAL_ENV")


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


def set_window_size(fd: int, columns: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


def take_terminal() -> None:
    """In the app's process: make its pseudo-terminal the controlling one, so that it
    gets SIGWINCH when the client's window changes size."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class MemberServer(asyncssh.SSHServer):
    """One SSH connection: who it is, known only by a member's public key."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.member: Member | None = None
        self.peer = "?"

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        host, port = conn.get_extra_info("peername")[:2]
        self.peer = f"{host}:{port}"

    def connection_lost(self, exc: Exception | None) -> None:
        if self.member is None:
            log.info("connection from %s closed without a known key", self.peer)

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
        return False

    def server_requested(self, *args: object) -> bool:
        return False

    def unix_connection_requested(self, *args: object) -> bool:
        return False

    def unix_server_requested(self, *args: object) -> bool:
        return False

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        blob = key.export_public_key("openssh").split()[1].decode()
        try:
            self.member = member_for_key(self.store, blob)
        except RetroError as error:
            log.error("cannot read the store: %s", error)
            return False
        if self.member is None:
            log.info("refused an unknown key from %s", self.peer)
        return self.member is not None


class RetroService:
    """Runs one app per session, up to a limit, and logs each arrival and departure."""

    def __init__(self, store: Store, max_sessions: int) -> None:
        self.store = store
        self.max_sessions = max_sessions
        self.sessions = 0

    def refusal(self, process: asyncssh.SSHServerProcess) -> tuple[str, str] | None:
        """Why this session cannot have the app (for the log, for the member), or None."""
        if process.command is not None or process.subsystem is not None:
            return "asked to run a command", "retro serve runs only the retro app; no commands."
        if process.get_terminal_type() is None:
            return (
                "connected without a terminal",
                "retro needs a terminal: connect with a plain `ssh -p PORT host`.",
            )
        if self.sessions >= self.max_sessions:
            return (
                f"came when all {self.max_sessions} sessions were in use",
                "retro serve is full right now; try again in a moment.",
            )
        return None

    async def handle(self, process: asyncssh.SSHServerProcess) -> None:
        server: MemberServer = process.get_extra_info("connection").get_owner()
        member = server.member
        assert member is not None
        refusal = self.refusal(process)
        if refusal is not None:
            why, message = refusal
            log.info("%s %s; refused", member.name, why)
            process.stderr.write(f"{message}\r\n".encode())
            process.exit(1)
            return
        self.sessions += 1
        started = time.monotonic()
        columns, rows = process.get_terminal_size()[:2]
        log.info(
            "%s connected from %s (%s %dx%d, %d session(s))",
            member.name,
            server.peer,
            process.get_terminal_type(),
            columns,
            rows,
            self.sessions,
        )
        try:
            code = await self.run_app(process, member)
        finally:
            self.sessions -= 1
            log.info(
                "%s disconnected after %.0f s (%d session(s))",
                member.name,
                time.monotonic() - started,
                self.sessions,
            )
        process.exit(code)

    async def run_app(self, process: asyncssh.SSHServerProcess, member: Member) -> int:
        """The app as `member` in a pseudo-terminal of its own, wired to the SSH channel."""
        leader, follower = pty.openpty()
        columns, rows = process.get_terminal_size()[:2]
        set_window_size(follower, columns or 80, rows or 24)
        env = {k: os.environ[k] for k in KEEP_ENV if k in os.environ}
        env["TERM"] = process.get_terminal_type() or "xterm-256color"
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
            preexec_fn=take_terminal,
        )
        os.close(follower)
        loop = asyncio.get_running_loop()
        output_done = asyncio.Event()

        def app_output() -> None:
            try:
                data = os.read(leader, 65536)
            except OSError:
                data = b""
            if data:
                process.stdout.write(data)
            else:
                loop.remove_reader(leader)
                output_done.set()

        loop.add_reader(leader, app_output)
        typing = asyncio.create_task(self.forward_input(process, leader))
        exited = asyncio.create_task(app.wait())
        try:
            await asyncio.wait({typing, exited}, return_when=asyncio.FIRST_COMPLETED)
            if exited.done():  # the app quit: let its last frame (terminal restore) through
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(output_done.wait(), timeout=1)
        finally:
            typing.cancel()
            loop.remove_reader(leader)
            if app.returncode is None:  # the client went away: end its app
                os.killpg(app.pid, signal.SIGHUP)
                await app.wait()
            os.close(leader)
        return app.returncode or 0

    async def forward_input(self, process: asyncssh.SSHServerProcess, leader: int) -> None:
        """Keys from the SSH client into the app; resizes follow the client's terminal.

        Returns when the client has gone.
        """
        while True:
            try:
                data = await process.stdin.read(4096)
            except asyncssh.TerminalSizeChanged as change:
                set_window_size(leader, change.width, change.height)
                continue
            except asyncssh.BreakReceived:
                continue
            except (asyncssh.Error, OSError):
                return
            if not data:
                return
            os.write(leader, data)


async def start_server(
    store: Store, host: str, port: int, host_key: Path, max_sessions: int = DEFAULT_MAX_SESSIONS
) -> asyncssh.SSHAcceptor:
    service = RetroService(store, max_sessions)
    return await asyncssh.create_server(
        lambda: MemberServer(store),
        host,
        port,
        server_host_keys=[load_host_key(host_key)],
        process_factory=service.handle,
        encoding=None,
        line_editor=False,
        sftp_factory=None,
        allow_scp=False,
        agent_forwarding=False,
        x11_forwarding=False,
    )


def serve(store: Store, host: str, port: int, host_key: Path, max_sessions: int) -> None:
    """Run the server until interrupted."""
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s retro serve: %(message)s",
        datefmt="%Y-%m-%d %H:%M:%S",
    )
    logging.getLogger("asyncssh").setLevel(logging.WARNING)
    if not store.exists():
        raise RetroError(f"no team store at {store.folder}; create one with `retro init` first")

    async def main() -> None:
        await start_server(store, host, port, host_key, max_sessions)
        log.info("listening on %s port %d for the team at %s", host, port, store.folder)
        await asyncio.Event().wait()

    try:
        asyncio.run(main())
    except OSError as error:
        raise RetroError(f"cannot listen on {host} port {port}: {error.strerror}") from None
    except KeyboardInterrupt:
        log.info("stopped")
