"""Propagation benchmark: how long a write by one process takes to show in another
running app (a real pseudo-terminal), on the demo store and the ten-year store.

    python -m bench.bench_live            # builds the stores in a temp folder
    python -m bench.bench_live --keep DIR # reuses stores kept by the other benchmarks
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench.bench_store import print_table
from bench.stores import ten_year_store
from bench.terminal import Terminal
from retro_tui.domain.cards import add_card, reveal_cards
from retro_tui.domain.demo import create_demo
from retro_tui.domain.flow import go_to_step
from retro_tui.domain.meetings import create_meeting
from retro_tui.domain.team import find_member, list_members
from retro_tui.store import Store

WRITES = 30


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--keep", type=Path, help="Folder with stores kept by the other benchmarks."
    )
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="retro-live-"))
    base.mkdir(parents=True, exist_ok=True)
    if not (base / "demo" / "team.json").exists():
        create_demo(Store(base / "demo"))
    if not (base / "ten-year" / "team.json").exists():
        ten_year_store(base / "ten-year")
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
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
