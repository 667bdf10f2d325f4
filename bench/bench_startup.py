"""Start-up benchmark: time from launch to the first painted home screen, in a real
pseudo-terminal, for the demo store and the ten-year store, against a minimal Textual app;
then the Lessons screen on the forty-year store: how long it takes to open, against
Home's start-up on that store, and to answer a keystroke in its search.

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
from bench.stores import demo_store, forty_year_store, kept_store, ten_year_store
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


def lessons_ms(command: list[str], env: dict[str, str], newest: bytes) -> tuple[float, float]:
    """Milliseconds from pressing l on Home until the newest lesson is painted, and from
    the last key of a search until its first hit is painted."""
    app = Terminal(command, env)
    try:
        app.wait_for(FILLED)
        app.drain()  # Home shows the newest lessons too: only the Lessons screen may count
        app.send(b"l")
        opened = app.wait_for(newest)
        time.sleep(3)  # the worker reads every lesson for search
        app.send(b"/")
        time.sleep(0.3)  # as a person would; keys sent at once race the search field's focus
        app.send(b"199")
        app.wait_for(b"week 1999")  # the newest of the lessons of weeks 199 and 1990-1999
        app.send(b"5")
        answered = app.wait_for(b"week 1995")  # the one week matching 1995, not in view before
        return opened * 1000, answered * 1000
    finally:
        app.close()


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

    forty_year = kept_store(base, "forty-year", forty_year_store)
    forty_app = [*retro, "--store", str(forty_year), "--as", "Member 00"]
    home = medians_ms({"home": (forty_app, FILLED)}, env)["home"]
    opened, answered = [], []
    for _ in range(7):
        open_ms, key_ms = lessons_ms(forty_app, env, b"Lesson 5 of week 2079")
        opened.append(open_ms)
        answered.append(key_ms)
    print()
    print_table(
        [
            ("the forty-year store", "median (ms)", "× Home's start-up"),
            ("Home: start-up until the data is shown", f"{home:.0f}", "1.00"),
            (
                "Lessons: l pressed until the newest is shown",
                f"{statistics.median(opened):.0f}",
                f"{statistics.median(opened) / home:.2f}",
            ),
            (
                "Lessons: a key typed in search until it is answered",
                f"{statistics.median(answered):.0f}",
                "",
            ),
        ]
    )
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
