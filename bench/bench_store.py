"""Store benchmark: write latency on an empty and a ten-year store against the durable-write
floor, 16 concurrent writers, loading the team view, and exporting one meeting.

    python -m bench.bench_store            # builds the stores in a temp folder (about a minute)
    python -m bench.bench_store --keep DIR # builds them once in DIR and reuses them
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.stores import empty_store, kept_store, ten_year_store
from retro_tui.domain.cards import add_card, board, reveal_cards, set_vote_budget, vote
from retro_tui.domain.meetings import create_meeting, list_meetings
from retro_tui.domain.overview import team_overview
from retro_tui.domain.team import find_member, list_members
from retro_tui.export import export_meeting
from retro_tui.store import Store

ROOT = Path(__file__).resolve().parent.parent
WRITES = 200


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds per call."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def time_ms(action: Callable[..., object], *args: object) -> float:
    """Milliseconds one call takes."""
    start = time.perf_counter()
    action(*args)
    return (time.perf_counter() - start) * 1000


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def durable_write(folder: Path) -> None:
    """The floor under any store write: a 2 KB temp file written and fsynced, renamed into
    place, and the folder fsynced."""
    tmp, target = folder / ".floor.tmp", folder / "floor.bin"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, b"x" * 2048)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, target)
    folder_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(folder_fd)
    finally:
        os.close(folder_fd)


def write_latencies(
    stores: dict[str, Store], floor_folder: Path
) -> tuple[dict[str, tuple[list[float], list[float]]], list[float]]:
    """A card and a vote, each written WRITES times into a new meeting of each store, and
    the durable-write floor measured in the same loop.

    The stores take turns, write by write, so the machine's drift hits them alike.
    """
    floor: list[float] = []
    meetings = {
        name: create_meeting(store, "retro", "Benchmark meeting") for name, store in stores.items()
    }
    members = {name: list_members(store, active_only=True) for name, store in stores.items()}
    cards: dict[str, list[float]] = {name: [] for name in stores}
    for _ in range(WRITES):
        floor.append(time_ms(durable_write, floor_folder))
        for name, store in stores.items():
            author = members[name][0]
            cards[name].append(
                time_ms(add_card, store, meetings[name].id, "went-well", "A card", author)
            )
    card_ids = {}
    for name, store in stores.items():
        meeting = meetings[name]
        reveal_cards(store, meeting.id, find_member(store, meeting.facilitator))
        set_vote_budget(store, meeting.id, 20)
        card_ids[name] = board(store, meeting.id).cards[0].id
    votes: dict[str, list[float]] = {name: [] for name in stores}
    for n in range(min(WRITES, 20 * min(len(m) for m in members.values()))):
        for name, store in stores.items():
            voter = members[name][n % len(members[name])]
            votes[name].append(time_ms(vote, store, meetings[name].id, card_ids[name], voter))
    return {name: (cards[name], votes[name]) for name in stores}, floor


def concurrent_writes(store: Store, processes: int = 16, each: int = 50) -> tuple[float, int]:
    meeting = create_meeting(store, "retro", "Concurrency")
    start = time.perf_counter()
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.writer_process",
                "cards",
                str(store.folder),
                meeting.id,
                f"p{n}",
                str(each),
            ],
            cwd=ROOT,
        )
        for n in range(processes)
    ]
    for writer in writers:
        writer.wait()
    seconds = time.perf_counter() - start
    present = len(board(store, meeting.id).cards)
    return seconds, present


def print_table(rows: list[tuple[str, ...]]) -> None:
    """A Markdown table; the first row is the header."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="Build the stores here once and reuse them.")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="retro-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    built = {}
    for name, build in (("empty", empty_store), ("ten-year", ten_year_store)):
        folder = kept_store(base, name, build)
        work = base / f"{name}-work"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(folder, work)
        built[name] = Store(work)

    rows: list[tuple[str, str, str, str]] = []
    latencies, floor = write_latencies(built, base)
    for label, index in (("write a card", 0), ("write a vote", 1)):
        empty, ten = latencies["empty"][index], latencies["ten-year"][index]
        for q in (50, 95):
            rows.append(
                (
                    f"{label}, p{q} (ms)",
                    f"{p(empty, q):.2f}",
                    f"{p(ten, q):.2f}",
                    f"{p(ten, q) / p(empty, q):.2f}",
                )
            )
    card = p(latencies["ten-year"][0], 50)
    rows.append(
        (
            "durable-write floor, p50 (ms)",
            f"{p(floor, 50):.2f}",
            "card / floor:",
            f"{card / p(floor, 50):.2f}",
        )
    )
    overview = {
        n: statistics.median(timed(lambda s=s: team_overview(s), 20)) for n, s in built.items()
    }
    rows.append(
        (
            "load the team view, median (ms)",
            f"{overview['empty']:.2f}",
            f"{overview['ten-year']:.2f}",
            f"{overview['ten-year'] / overview['empty']:.2f}",
        )
    )
    exports = {}
    for name, store in built.items():
        meeting_id = (
            list_meetings(store)[-3].id if name == "ten-year" else list_meetings(store)[0].id
        )
        exports[name] = statistics.median(
            timed(lambda s=store, m=meeting_id: export_meeting(s, m), 20)
        )
    rows.append(
        (
            "export one meeting, median (ms)",
            f"{exports['empty']:.2f}",
            f"{exports['ten-year']:.2f}",
            f"{exports['ten-year'] / exports['empty']:.2f}",
        )
    )
    concurrency = {name: concurrent_writes(store) for name, store in built.items()}
    rows.append(
        (
            "16 processes x 50 writes (s)",
            f"{concurrency['empty'][0]:.2f}",
            f"{concurrency['ten-year'][0]:.2f}",
            f"{concurrency['ten-year'][0] / concurrency['empty'][0]:.2f}",
        )
    )
    rows.append(
        (
            "  writes per second",
            f"{800 / concurrency['empty'][0]:.0f}",
            f"{800 / concurrency['ten-year'][0]:.0f}",
            "",
        )
    )
    rows.append(
        (
            "  writes present of 800",
            str(concurrency["empty"][1]),
            str(concurrency["ten-year"][1]),
            "",
        )
    )

    header = ("measure", "empty store", "ten-year store", "ratio")
    print_table([header, *rows])
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
