"""Start-up benchmark: time from launch to the first painted home screen, in a real
pseudo-terminal, for the demo store and the ten-year store, against a minimal Textual app.

    python -m bench.bench_startup            # builds the stores in a temp folder
    python -m bench.bench_startup --keep DIR # reuses the stores bench_store built there
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_store import print_table
from bench.stores import demo_store, kept_store, ten_year_store
from bench.terminal import Terminal

FIRST_FRAME = b"Who leads next"  # a panel title: the home screen's frame is painted
FILLED = b"you: "  # the top bar, written when the team's data is on screen
RUNS = 21


def first_paint(command: list[str], env: dict[str, str], marker: bytes = FIRST_FRAME) -> float:
    """Seconds from launch until `marker` is painted on the terminal."""
    app = Terminal(command, env)
    try:
        app.wait_for(marker)
        return time.perf_counter() - app.started
    finally:
        app.close()


def medians_ms(
    commands: dict[str, tuple[list[str], bytes]], env: dict[str, str]
) -> dict[str, float]:
    """Median start-up per command; runs are interleaved so machine noise hits all alike."""
    for command, marker in commands.values():
        first_paint(command, env, marker)  # warm the file and bytecode caches
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(RUNS):
        for name, (command, marker) in commands.items():
            times[name].append(first_paint(command, env, marker) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="Folder with stores kept by bench_store --keep.")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="retro-startup-"))
    base.mkdir(parents=True, exist_ok=True)
    demo = kept_store(base, "demo", demo_store)
    ten_year = kept_store(base, "ten-year", ten_year_store)

    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    # Measure as installed: with cached bytecode, not recompiling every module each launch.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    retro = [sys.executable, "-m", "retro_tui"]
    demo_app = [*retro, "--store", str(demo), "--as", "astrid"]
    ten_year_app = [*retro, "--store", str(ten_year), "--as", "Member 00"]
    results = medians_ms(
        {
            "minimal Textual app": ([sys.executable, "-m", "bench.minimal_app"], FIRST_FRAME),
            "retro, demo store: first frame": (demo_app, FIRST_FRAME),
            "retro, demo store: data shown": (demo_app, FILLED),
            "retro, ten-year store: first frame": (ten_year_app, FIRST_FRAME),
            "retro, ten-year store: data shown": (ten_year_app, FILLED),
        },
        env,
    )
    baseline = results["minimal Textual app"]
    rows = [(name, f"{ms:.0f}", f"{ms / baseline:.2f}") for name, ms in results.items()]
    print_table([("start-up of the home screen", "median (ms)", "× minimal app"), *rows])
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
