"""Trends and reports benchmark on the ten-year store, each against Home's start-up measured
in the same run: how long the trends screen takes to open and to change what it shows, in a
real pseudo-terminal, and how long a year's period report takes to make in each format, as
the command a person runs.

    python -m bench.bench_trends            # builds the ten-year store in a temp folder
    python -m bench.bench_trends --keep DIR # reuses the store bench_store built there
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench.bench_startup import FILLED, first_paint
from bench.bench_store import print_table
from bench.stores import kept_store, ten_year_store
from bench.terminal import Terminal

RUNS = 9
ENERGY = b"meetings with a check-in"  # the trends screen's first chart is drawn
STEPS = {  # a key on the trends screen, and what it paints once it has done its work
    "Trends: 2, the health check": (b"2", b"latest mean"),
    "Trends: p, 8 quarters": (b"p", b"(8 quarters)"),
    "Trends: p, 20 quarters": (b"p", b"(20 quarters)"),
    "Trends: g, the team alone": (b"g", b"A team of 10 years"),
}


def trends_ms(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Milliseconds from pressing y on Home until the first chart is drawn, then for each
    of `STEPS` from its key until the screen shows the result."""
    app = Terminal(command, env)
    try:
        app.wait_for(FILLED)
        app.drain()
        app.send(b"y")
        times = {"Trends: y pressed until the first chart is drawn": app.wait_for(ENERGY) * 1000}
        for name, (key, shown) in STEPS.items():
            app.drain()
            time.sleep(0.2)
            app.send(key)
            times[name] = app.wait_for(shown) * 1000
        return times
    finally:
        app.close()


def report_ms(folder: Path, fmt: str, env: dict[str, str], output: Path) -> float:
    """Milliseconds for `retro report` on the last year, from launch until it exits."""
    start = (date.today() - timedelta(days=365)).isoformat()
    command = [sys.executable, "-m", "retro_tui", "--store", str(folder), "report"]
    command += ["--from", start, "--format", fmt, "--output", str(output / f"year.{fmt}")]
    began = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return (time.perf_counter() - began) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="Folder with stores kept by bench_store --keep.")
    parser.add_argument("--runs", type=int, default=RUNS, help="Repeats of each measure.")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="retro-trends-"))
    base.mkdir(parents=True, exist_ok=True)
    ten_year = kept_store(base, "ten-year", ten_year_store)
    output = Path(tempfile.mkdtemp(prefix="retro-reports-"))

    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    app = [sys.executable, "-m", "retro_tui", "--store", str(ten_year), "--as", "Member 00"]
    formats = ("md", "html", "json", "pdf")
    times: dict[str, list[float]] = {}
    first_paint(app, env, FILLED)  # warm the file and bytecode caches
    for fmt in formats:
        report_ms(ten_year, fmt, env, output)
    for _ in range(args.runs):  # interleaved, so machine noise hits all alike
        times.setdefault("Home: start-up until the data is shown", []).append(
            first_paint(app, env, FILLED) * 1000
        )
        for name, ms in trends_ms(app, env).items():
            times.setdefault(name, []).append(ms)
        for fmt in formats:
            name = f"retro report, the last year, {fmt}: launch to exit"
            times.setdefault(name, []).append(report_ms(ten_year, fmt, env, output))
    home = statistics.median(times["Home: start-up until the data is shown"])
    rows = [
        (
            name,
            f"{statistics.median(values):.0f}",
            f"{max(values):.0f}",
            f"{statistics.median(values) / home:.2f}",
        )
        for name, values in times.items()
    ]
    print_table([("the ten-year store", "median (ms)", "max (ms)", "× Home's start-up"), *rows])
    shutil.rmtree(output, ignore_errors=True)
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
