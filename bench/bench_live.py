"""Propagation benchmark: how long a write by one process takes to show in other
running apps (real pseudo-terminals), on the demo store and the ten-year store.

First one app, each card waited for; then a room: 1, 5, 20 and 30 apps (`--apps`) on the
cards step while a card arrives every 0.2 s whether or not they keep up, with p50, p95
and max from commit to paint in every app, the paints missed, and the CPU the apps
used per card.

    python -m bench.bench_live            # builds the stores in a temp folder
    python -m bench.bench_live --keep DIR # reuses stores kept by the other benchmarks
"""

import argparse
import os
import select
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from bench.bench_store import print_table
from bench.stores import demo_store, kept_store, ten_year_store
from bench.terminal import Terminal
from retro_tui.domain.cards import add_card, reveal_cards
from retro_tui.domain.flow import go_to_step
from retro_tui.domain.lessons import LessonDraft, add_lesson
from retro_tui.domain.meetings import create_meeting
from retro_tui.domain.team import find_member, list_members
from retro_tui.store import Store

WRITES = 30
BURST_INTERVAL = 0.2  # seconds between cards in the room benchmark
LESSON_INTERVAL = 0.3  # seconds between lessons while the room waits on Home


def propagation_ms(folder: Path, env: dict[str, str]) -> list[float]:
    """Open a revealed card board in one app; write cards from this process; time each."""
    store = Store(folder)
    # Dated yesterday, it is the first row of the home screen's meetings.
    meeting = create_meeting(store, "retro", "Live benchmark", on=date.today() - timedelta(days=1))
    facilitator = find_member(store, meeting.facilitator)
    go_to_step(store, meeting.id, "cards", facilitator)
    reveal_cards(store, meeting.id, facilitator)
    viewer = next(m for m in list_members(store, active_only=True) if m.name != facilitator.name)
    app = Terminal(
        [sys.executable, "-m", "retro_tui", "--store", str(folder), "--as", viewer.name], env
    )
    try:
        app.wait_for(b"you: ")
        app.send(b"\r")  # open today's meeting, the first row
        app.wait_for(b"Write card")
        delays = []
        for n in range(WRITES):
            start = time.perf_counter()
            column = ("went-well", "to-improve", "failed-learned")[n % 3]  # each stays in view
            add_card(store, meeting.id, column, f"card-{n:03d}", facilitator)
            app.wait_for(f"card-{n:03d}".encode())
            delays.append((time.perf_counter() - start) * 1000)
            time.sleep(0.05)
        return delays
    finally:
        app.close()


class Watcher(threading.Thread):
    """Reads one app's output and notes when each card's text is first painted."""

    def __init__(self, app: Terminal, marks: list[bytes]) -> None:
        super().__init__(daemon=True)
        self.app = app
        self.marks = marks
        self.seen: dict[bytes, float] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        tail = b""
        while not self.stop.is_set():
            if not select.select([self.app.leader], [], [], 0.01)[0]:
                continue
            try:
                chunk = os.read(self.app.leader, 65536)
            except OSError:
                return
            now = time.perf_counter()
            window = tail + chunk
            for mark in self.marks:
                if mark not in self.seen and mark in window:
                    self.seen[mark] = now
            tail = window[-32:]


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a running process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def room(
    folder: Path, env: dict[str, str], apps: int, on_home: bool = False
) -> tuple[list[float], int, float]:
    """`apps` apps on a revealed board while cards arrive every BURST_INTERVAL, or, with
    `on_home`, on Home while lessons arrive every LESSON_INTERVAL.

    Returns every commit-to-paint delay (ms), the paints missed, and the apps' CPU time
    per write (ms, all apps together).
    """
    store = Store(folder)
    meeting = create_meeting(store, "retro", "Room benchmark", on=date.today() - timedelta(days=1))
    facilitator = find_member(store, meeting.facilitator)
    go_to_step(store, meeting.id, "cards", facilitator)
    reveal_cards(store, meeting.id, facilitator)
    members = [m.name for m in list_members(store, active_only=True)]
    terminals = []
    try:
        for n in range(apps):
            name = members[n % len(members)]
            app = Terminal(
                [sys.executable, "-m", "retro_tui", "--store", str(folder), "--as", name], env
            )
            terminals.append(app)
            app.wait_for(b"Recent lessons" if on_home else b"you: ")
            if not on_home:
                app.send(b"\r")  # the benchmark's meeting is the first row
                app.wait_for(b"Write card")
        time.sleep(1)  # let every app settle
        marks = [f"room-{n:03d}".encode() for n in range(WRITES)]
        watchers = [Watcher(app, marks) for app in terminals]
        for watcher in watchers:
            watcher.start()
        cpu_before = sum(cpu_seconds(app.proc.pid) for app in terminals)
        committed = {}
        interval = LESSON_INTERVAL if on_home else BURST_INTERVAL
        start = time.perf_counter()
        for n, mark in enumerate(marks):
            if on_home:
                add_lesson(store, LessonDraft(mark.decode(), "tried", "happened", "learned"))
            else:
                column = ("went-well", "to-improve", "failed-learned")[n % 3]
                add_card(store, meeting.id, column, mark.decode(), facilitator)
            committed[mark] = time.perf_counter()
            time.sleep(max(0.0, start + (n + 1) * interval - time.perf_counter()))
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline and any(len(w.seen) < len(marks) for w in watchers):
            time.sleep(0.05)
        cpu = sum(cpu_seconds(app.proc.pid) for app in terminals) - cpu_before
        for watcher in watchers:
            watcher.stop.set()
            watcher.join()
        delays = [(w.seen[m] - committed[m]) * 1000 for w in watchers for m in marks if m in w.seen]
        missed = sum(len(marks) - len(w.seen) for w in watchers)
        return delays, missed, cpu * 1000 / len(marks)
    finally:
        for app in terminals:
            app.close()


def idle(folder: Path, env: dict[str, str], apps: int, seconds: float = 20) -> tuple[float, float]:
    """`apps` apps left alone, half on Home and half in a meeting's cards step: their CPU
    together, as a share of one core (%), on Home and in the meeting."""
    store = Store(folder)
    meeting = create_meeting(store, "retro", "Idle benchmark", on=date.today() - timedelta(days=1))
    members = [m.name for m in list_members(store, active_only=True)]
    go_to_step(store, meeting.id, "cards", find_member(store, meeting.facilitator))
    terminals: dict[str, list[Terminal]] = {"home": [], "meeting": []}
    try:
        for n in range(apps):
            name = members[n % len(members)]
            app = Terminal(
                [sys.executable, "-m", "retro_tui", "--store", str(folder), "--as", name], env
            )
            app.wait_for(b"you: ")
            if n % 2:
                app.send(b"\r")
                app.wait_for(b"Write card")
            terminals["meeting" if n % 2 else "home"].append(app)
        time.sleep(3)  # let every app settle
        before = {app: cpu_seconds(app.proc.pid) for group in terminals.values() for app in group}
        time.sleep(seconds)
        share = {
            where: sum(cpu_seconds(app.proc.pid) - before[app] for app in group) / seconds * 100
            for where, group in terminals.items()
        }
        return share["home"], share["meeting"]
    finally:
        for group in terminals.values():
            for app in group:
                app.close()


def idle_minimal(env: dict[str, str], apps: int, seconds: float = 20) -> float:
    """The floor: `apps` minimal Textual apps left alone, their CPU as % of one core."""
    terminals = [Terminal([sys.executable, "-m", "bench.minimal_app"], env) for _ in range(apps)]
    try:
        for app in terminals:
            app.wait_for(b"Who leads next")
        time.sleep(3)
        before = {app: cpu_seconds(app.proc.pid) for app in terminals}
        time.sleep(seconds)
        return sum(cpu_seconds(app.proc.pid) - before[app] for app in terminals) / seconds * 100
    finally:
        for app in terminals:
            app.close()


def print_idle(base: Path, env: dict[str, str], apps: int) -> None:
    """The CPU of `apps` idle apps against as many minimal Textual apps."""
    work = base / "ten-year-idle"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(base / "ten-year", work)
    floor = idle_minimal(env, apps)
    on_home, in_meeting = idle(work, env, apps)
    shutil.rmtree(work, ignore_errors=True)
    print()
    print_table(
        [
            (f"{apps} idle apps", "CPU, % of one core", "× minimal apps"),
            (f"{apps} minimal Textual apps", f"{floor:.1f}", "1.00"),
            (f"{apps - apps // 2} retro on Home", f"{on_home:.1f}", ""),
            (f"{apps // 2} retro in a meeting (cards step)", f"{in_meeting:.1f}", ""),
            (
                f"all {apps} retro apps, ten-year store",
                f"{on_home + in_meeting:.1f}",
                f"{(on_home + in_meeting) / floor:.2f}",
            ),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--keep", type=Path, help="Folder with stores kept by the other benchmarks."
    )
    parser.add_argument(
        "--apps", default="1,5,20,30", help="How many apps in the room, comma-separated."
    )
    parser.add_argument(
        "--home-apps", default="20", help="Rooms on Home while lessons arrive, comma-separated."
    )
    parser.add_argument("--idle", type=int, default=30, help="How many idle apps to measure.")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="retro-live-"))
    base.mkdir(parents=True, exist_ok=True)
    kept_store(base, "demo", demo_store)
    kept_store(base, "ten-year", ten_year_store)
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "30"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    rows = []
    for name in ("demo", "ten-year"):
        work = base / f"{name}-live"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(base / name, work)
        delays = propagation_ms(work, env)
        quantiles = statistics.quantiles(delays, n=100, method="inclusive")
        rows.append(
            (f"{name} store", f"{quantiles[49]:.0f}", f"{quantiles[94]:.0f}", f"{max(delays):.0f}")
        )
        shutil.rmtree(work, ignore_errors=True)
    print_table(
        [
            ("a card written in one process, shown in another", "p50 (ms)", "p95 (ms)", "max (ms)"),
            *rows,
        ]
    )
    env["LINES"] = "40"  # every card of the room benchmark stays in view
    rows = []
    rooms = [(int(n), False) for n in args.apps.split(",") if n]
    rooms += [(int(n), True) for n in args.home_apps.split(",") if n]
    for apps, on_home in rooms:
        work = base / "ten-year-room"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(base / "ten-year", work)
        os.sync()  # a store at rest: the copy written back before the room starts
        delays, missed, cpu_ms = room(work, env, apps, on_home)
        quantiles = statistics.quantiles(delays, n=100, method="inclusive")
        rows.append(
            (
                f"{apps} on Home, a lesson every {LESSON_INTERVAL:g} s"
                if on_home
                else f"{apps} on the cards step, a card every {BURST_INTERVAL:g} s",
                f"{quantiles[49]:.0f}",
                f"{quantiles[94]:.0f}",
                f"{max(delays):.0f}",
                str(missed),
                f"{cpu_ms:.0f}",
                f"{cpu_ms / apps:.0f}",
            )
        )
        shutil.rmtree(work, ignore_errors=True)
    print()
    print_table(
        [
            (
                "apps on the ten-year store",
                "p50 (ms)",
                "p95 (ms)",
                "max (ms)",
                "missed",
                "CPU per write, all apps (ms)",
                "per app (ms)",
            ),
            *rows,
        ]
    )
    if args.idle:
        print_idle(base, env, args.idle)
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
