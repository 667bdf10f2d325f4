"""`retro serve` with the real OpenSSH client: two members, an unknown key, a command."""

import os
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from retro_tui.domain.cards import reveal_cards
from retro_tui.domain.flow import go_to_step
from retro_tui.domain.meetings import create_meeting
from retro_tui.domain.team import add_member_key, find_member
from retro_tui.store import Store
from tests.test_live import screen, wait_for, write_card
from tests.test_terminal import Tmux

pytestmark = pytest.mark.skipif(
    subprocess.run(["which", "ssh", "ssh-keygen", "tmux"], capture_output=True).returncode != 0,
    reason="needs OpenSSH's client and tmux (.ci/run installs them)",
)
SSH_OPTIONS = [
    "-o",
    "StrictHostKeyChecking=no",
    "-o",
    "UserKnownHostsFile=/dev/null",
    "-o",
    "LogLevel=ERROR",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_key(folder: Path, name: str) -> Path:
    path = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)
    return path


@pytest.fixture
def server(store: Store, tmp_path: Path) -> Iterator[tuple[int, Path]]:
    port = free_port()
    host_key = tmp_path / "host_key"
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
            str(host_key),
            "--max-sessions",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline and proc.poll() is None, "retro serve did not start"
            time.sleep(0.1)
    yield port, host_key
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    tmux = Tmux(f"retro-serve-{os.getpid()}-{tmp_path.name}")
    yield tmux
    tmux("kill-server")


def test_two_members_share_a_meeting_over_ssh(
    store: Store, server, tmux: Tmux, tmp_path: Path
) -> None:
    port, host_key = server
    assert stat.S_IMODE(host_key.stat().st_mode) == 0o600
    meeting = create_meeting(store, "retro")
    ada = find_member(store, "Ada")
    go_to_step(store, meeting.id, "cards", ada)
    reveal_cards(store, meeting.id, ada)
    for name in ("Ada", "Bo"):
        key = make_key(tmp_path, name)
        add_member_key(store, name, (tmp_path / f"{name}.pub").read_text())
        command = " ".join(["ssh", *SSH_OPTIONS, "-p", str(port), "-i", str(key), "127.0.0.1"])
        tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "30", f"{command}; sleep 60")
        wait_for(tmux, name, f"you: {name}", timeout=20)
        tmux("send-keys", "-t", name, "Enter")
        wait_for(tmux, name, "Write card")
    wait_for(tmux, "Bo", "2 here: Ada, Bo")

    write_card(tmux, "Ada", "Said over SSH")
    wait_for(tmux, "Bo", "Said over SSH")
    assert "you: Bo" in screen(tmux, "Bo") and "you: Ada" in screen(tmux, "Ada")


def ssh_once(
    port: int, key: Path, *command: str, options: tuple[str, ...] = ()
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            "ssh",
            *SSH_OPTIONS,
            *options,
            "-o",
            "BatchMode=yes",
            "-p",
            str(port),
            "-i",
            str(key),
            "127.0.0.1",
            *command,
        ],
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )


def test_unknown_keys_commands_and_no_terminal_are_refused(
    store: Store, server, tmp_path: Path
) -> None:
    port, _ = server
    stranger = make_key(tmp_path, "stranger")
    refused = ssh_once(port, stranger)
    assert refused.returncode == 255 and "Permission denied (publickey)" in refused.stderr

    ada = make_key(tmp_path, "ada")
    add_member_key(store, "Ada", (tmp_path / "ada.pub").read_text())
    target = tmp_path / "pwned"
    command = ssh_once(port, ada, "touch", str(target))
    assert command.returncode == 1 and "no commands" in command.stderr
    assert not target.exists()
    no_terminal = ssh_once(port, ada)
    assert no_terminal.returncode == 1 and "needs a terminal" in no_terminal.stderr


def test_port_forwarding_is_refused(store: Store, server, tmp_path: Path) -> None:
    port, _ = server
    ada = make_key(tmp_path, "ada")
    add_member_key(store, "Ada", (tmp_path / "ada.pub").read_text())
    forward = ssh_once(
        port, ada, options=("-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:9")
    )
    assert forward.returncode == 255 and "forwarding failed" in forward.stderr


def test_sessions_beyond_the_limit_are_turned_away(
    store: Store, server, tmux: Tmux, tmp_path: Path
) -> None:
    port, _ = server  # this server allows two sessions
    for name in ("Ada", "Bo", "Cy"):
        make_key(tmp_path, name)
        add_member_key(store, name, (tmp_path / f"{name}.pub").read_text())
    for name in ("Ada", "Bo"):
        command = " ".join(
            ["ssh", *SSH_OPTIONS, "-p", str(port), "-i", str(tmp_path / name), "127.0.0.1"]
        )
        tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "30", f"{command}; sleep 60")
        wait_for(tmux, name, f"you: {name}", timeout=20)
    third = ssh_once(port, tmp_path / "Cy", options=("-tt",))
    assert third.returncode == 1 and "full right now" in third.stdout + third.stderr


def test_over_ssh_an_export_goes_to_the_exports_folder_only(
    store: Store, server, tmux: Tmux, tmp_path: Path
) -> None:
    port, _ = server
    meeting = create_meeting(store, "retro")
    key = make_key(tmp_path, "ada")
    add_member_key(store, "Ada", (tmp_path / "ada.pub").read_text())
    command = " ".join(["ssh", *SSH_OPTIONS, "-p", str(port), "-i", str(key), "127.0.0.1"])
    tmux("new-session", "-d", "-s", "ada", "-x", "100", "-y", "30", f"{command}; sleep 60")
    wait_for(tmux, "ada", "you: Ada", timeout=20)
    tmux("send-keys", "-t", "ada", "x")
    wait_for(tmux, "ada", "saved in the team's exports folder")

    def field_text() -> str:
        lines = screen(tmux, "ada").splitlines()
        label = next((n for n, line in enumerate(lines) if "File name (saved" in line), None)
        assert label is not None, "\n".join(lines)
        return lines[label + 1].split("▌")[0].strip(" │▏▕")  # not a notice over it

    def export_as(typed: str, then: str) -> None:
        tmux("send-keys", "-t", "ada", "C-u")
        deadline = time.monotonic() + 10
        while field_text() and time.monotonic() < deadline:  # cleared before typing on
            time.sleep(0.05)
        tmux("send-keys", "-t", "ada", "-l", typed)
        wait_for(tmux, "ada", typed[-20:])  # a long path scrolls in its field
        tmux("send-keys", "-t", "ada", "Enter")
        wait_for(tmux, "ada", then)

    planted = tmp_path / "pwned.pth"
    export_as(str(planted), "Not done")
    export_as("../../pwned.pth", "Not done")
    export_as("week-47", "Wrote")
    assert not planted.exists() and not (Path.cwd() / "pwned.pth").exists()
    assert not (store.folder.parent / "pwned.pth").exists()
    written = store.folder / "exports" / "week-47.md"
    assert written.read_text().startswith(
        f"# Retrospective\n\nTest team · Retrospective · {meeting.id}"
    )


def test_each_member_gets_the_language_their_own_client_sends(
    store: Store, server, tmux: Tmux, tmp_path: Path
) -> None:
    """OpenSSH sends the member's LANG; the app speaks it, whatever the server's locale.
    A LANG that names no language of ours, or tries to, gets English."""
    port, _ = server  # its locale is C.UTF-8
    sent = {"Ada": "da_DK.UTF-8", "Bo": "sv_SE.UTF-8"}
    for name, lang in sent.items():
        key = make_key(tmp_path, name)
        add_member_key(store, name, (tmp_path / f"{name}.pub").read_text())
        command = " ".join(
            ["ssh", *SSH_OPTIONS, "-o", "SendEnv=LANG", "-p", str(port), "-i", str(key)]
        )
        tmux(
            "new-session", "-d", "-s", name, "-x", "100", "-y", "30",
            f"LANG={lang} {command} 127.0.0.1; sleep 60",
        )  # fmt: skip
    wait_for(tmux, "Ada", "du: Ada", timeout=20)
    wait_for(tmux, "Ada", "Nyt møde")
    wait_for(tmux, "Bo", "du: Bo", timeout=20)
    wait_for(tmux, "Bo", "Nytt möte")

    tmux("kill-session", "-t", "Ada")
    key = tmp_path / "Ada"
    command = " ".join(["ssh", *SSH_OPTIONS, "-o", "SendEnv=LANG", "-p", str(port), "-i", str(key)])
    hostile = "'../../../etc/da_DK.UTF-8/../x'"
    tmux(
        "new-session", "-d", "-s", "Ada", "-x", "100", "-y", "30",
        f"LANG={hostile} {command} 127.0.0.1; sleep 60",
    )  # fmt: skip
    wait_for(tmux, "Ada", "you: Ada", timeout=30)
    wait_for(tmux, "Ada", "New meeting")


@pytest.mark.parametrize(
    ("sent", "language"),
    [
        ({}, None),
        ({"LANG": "da_DK.UTF-8"}, "da"),
        ({"LC_ALL": "sv_SE.UTF-8", "LANG": "da_DK.UTF-8"}, "sv"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "../../../../etc/passwd"}, "en"),
        ({"LANG": "da\x1b[2J\x07"}, "en"),
        ({"LANG": "x" * 10_000}, "en"),
        ({"RETRO_LANG": "da"}, None),  # only the locale is taken from a client
    ],
)
def test_a_client_sends_a_locale_never_a_path(sent: dict[str, str], language: str | None):
    from retro_tui.serve import client_language

    assert client_language(sent) == language
