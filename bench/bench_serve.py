"""`retro serve` under load: 30 members connected at once to the ten-year store with the
real OpenSSH client, each in a pseudo-terminal; reports whether every session rendered,
how long that took, and the memory each session's app takes (PSS: shared pages counted
once, split among the processes that share them).

    python -m bench.bench_serve            # builds the ten-year store; needs ssh, ssh-keygen
    python -m bench.bench_serve --keep DIR # reuses the store kept by the other benchmarks
"""

import argparse
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
from bench.stores import kept_store, ten_year_store
from retro_tui.domain.team import add_member_key, list_members
from retro_tui.store import Store

SESSIONS = 30
SSH_OPTIONS = [
    "-o",
    "StrictHostKeyChecking=no",
    "-o",
    "UserKnownHostsFile=/dev/null",
    "-o",
    "LogLevel=ERROR",
]


def memory_kib(pid: int, field: str) -> int:
    """`Rss` or `Pss` of a running process, from /proc."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def children(pid: int) -> list[int]:
    found = subprocess.run(["ps", "--ppid", str(pid), "-o", "pid="], capture_output=True, text=True)
    return [int(p) for p in found.stdout.split()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--keep", type=Path, help="Folder with stores kept by the other benchmarks."
    )
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="retro-serve-"))
    kept = kept_store(args.keep or base, "ten-year", ten_year_store)
    shutil.copytree(kept, base / "store")
    store = Store(base / "store")
    members = [m.name for m in list_members(store, active_only=True)]
    keys = []
    for n in range(SESSIONS):  # more sessions than members: some members twice
        name = members[n % len(members)]
        key = base / f"key{n}"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
        add_member_key(store, name, key.with_suffix(".pub").read_text())
        keys.append((f"{name} #{n}", key))
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
        pss = [memory_kib(pid, "Pss") / 1024 for pid in apps]
        rss = [memory_kib(pid, "Rss") / 1024 for pid in apps]
        print_table(
            [
                (f"retro serve, {SESSIONS} sessions on the ten-year store", "value"),
                ("sessions rendered", f"{len(rendered)} of {SESSIONS}"),
                ("time until all rendered (s)", f"{all_rendered:.1f}"),
                ("app processes running", str(len(apps))),
                ("memory per session, median (MiB PSS)", f"{statistics.median(pss):.1f}"),
                ("memory per session, max (MiB PSS)", f"{max(pss):.1f}"),
                ("memory per session, median (MiB RSS)", f"{statistics.median(rss):.1f}"),
                ("all sessions together (MiB PSS)", f"{sum(pss):.0f}"),
                ("server process (MiB PSS)", f"{memory_kib(server.pid, 'Pss') / 1024:.1f}"),
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
