"""`retro serve` under load: 20 members connected at once with the real OpenSSH client,
each in a pseudo-terminal; reports whether every session rendered and the memory each
session's app takes.

    python -m bench.bench_serve            # needs ssh and ssh-keygen
"""

import os
import pty
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_store import print_table
from retro_tui.domain.team import add_member, add_member_key, init_team
from retro_tui.store import Store

SESSIONS = 20
SSH_OPTIONS = [
    "-o",
    "StrictHostKeyChecking=no",
    "-o",
    "UserKnownHostsFile=/dev/null",
    "-o",
    "LogLevel=ERROR",
]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def children(pid: int) -> list[int]:
    found = subprocess.run(["ps", "--ppid", str(pid), "-o", "pid="], capture_output=True, text=True)
    return [int(p) for p in found.stdout.split()]


def main() -> None:
    base = Path(tempfile.mkdtemp(prefix="retro-serve-"))
    store = Store(base / "store")
    init_team(store, "Serve bench", "Many of us at once.")
    keys = []
    for n in range(SESSIONS):
        name = f"Member {n:02d}"
        add_member(store, name)
        key = base / f"key{n}"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
        add_member_key(store, name, key.with_suffix(".pub").read_text())
        keys.append((name, key))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
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
            str(base / "host_key"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(2)
    clients = []
    start = time.perf_counter()
    try:
        for name, key in keys:
            leader, follower = pty.openpty()
            os.set_blocking(leader, False)
            proc = subprocess.Popen(
                ["ssh", *SSH_OPTIONS, "-p", str(port), "-i", str(key), "127.0.0.1"],
                stdin=follower,
                stdout=follower,
                stderr=follower,
                start_new_session=True,
            )
            os.close(follower)
            clients.append((name, leader, proc, bytearray()))
        rendered: set[str] = set()
        while len(rendered) < SESSIONS and time.perf_counter() - start < 120:
            for name, leader, _, seen in clients:
                if name in rendered:
                    continue
                if select.select([leader], [], [], 0)[0]:
                    seen += os.read(leader, 65536)
                    if b"you: " in seen:  # the top bar, painted with the team's data
                        rendered.add(name)
            time.sleep(0.02)
        all_rendered = time.perf_counter() - start
        time.sleep(1)
        apps = children(server.pid)
        memory = [rss_kib(pid) / 1024 for pid in apps]
        server_mib = rss_kib(server.pid) / 1024
        print_table(
            [
                ("retro serve, 20 sessions at once", "value"),
                ("sessions rendered", f"{len(rendered)} of {SESSIONS}"),
                ("time until all rendered (s)", f"{all_rendered:.1f}"),
                ("app processes running", str(len(apps))),
                (
                    "memory per session, median (MiB RSS)",
                    f"{statistics.median(memory):.1f}" if memory else "-",
                ),
                ("memory per session, max (MiB RSS)", f"{max(memory):.1f}" if memory else "-"),
                ("server process (MiB RSS)", f"{server_mib:.1f}"),
            ]
        )
    finally:
        for _, leader, proc, _ in clients:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait()
            os.close(leader)
        server.terminate()
        server.wait()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
