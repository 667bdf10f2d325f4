"""Store benchmark: how reads and writes grow with a team's history (1, 10 and 40 years),
a card write against the durable-write floor, and 16 writers at once.

    python -m bench.bench_store            # builds the stores in a temp folder (minutes)
    python -m bench.bench_store --keep DIR # builds them once in DIR and reuses them

Every read is measured cold, as a new `retro` process makes it: the process's caches of
parsed files are emptied first. The stores take turns call by call, so the machine's
drift hits them alike; each row is a median (reads) or p50 (writes) of `--repeat` calls.
"""

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import retro_tui.domain  # noqa: F401  (registers the index's summaries)
from bench.stores import forty_year_store, kept_store, one_year_store, ten_year_store
from retro_tui.domain import lessons as lessons_module
from retro_tui.domain.actions import actions_raised_in, add_action
from retro_tui.domain.agenda import list_items
from retro_tui.domain.cards import add_card, board, reveal_cards, set_vote_budget, vote
from retro_tui.domain.decisions import list_decisions
from retro_tui.domain.lessons import (
    LessonDraft,
    add_lesson,
    list_lessons,
    newest_lessons,
    recent_lessons_on,
)
from retro_tui.domain.meetings import (
    create_meeting,
    list_meetings,
    proposed_roles,
    set_status,
    upcoming_meetings,
    upcoming_roles,
)
from retro_tui.domain.overview import team_overview
from retro_tui.domain.principles import list_principles
from retro_tui.domain.team import find_member, list_members
from retro_tui.export import export_meeting
from retro_tui.store import Store, files, index

ROOT = Path(__file__).resolve().parent.parent
STORES = (  # label, folder name, builder
    ("1 year", "one-year", one_year_store),
    ("10 years", "ten-year", ten_year_store),
    ("40 years", "forty-year", forty_year_store),
)


def cold() -> None:
    """Forget what this process has read, as a new process starts."""
    files._SHARED.clear()
    files._CHECKED.clear()
    index._VERSIONS.clear()
    index._CHECKED.clear()
    lessons_module._YEARS.clear()


def time_ms(action: Callable[..., object], *args: object) -> float:
    start = time.perf_counter()
    action(*args)
    return (time.perf_counter() - start) * 1000


def p50(values: list[float]) -> float:
    return statistics.median(values)


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


def presenter_view(store: Store, meeting_id: str) -> object:
    """What the presenter reads on each change: the items, the meeting's decisions and
    actions, and the lessons lately written on the principles (all nine in tension)."""
    keys = {p.key for p in list_principles(store)}
    return (
        list_items(store, meeting_id),
        list_decisions(store, meeting_id),
        actions_raised_in(store, meeting_id),
        recent_lessons_on(store, keys, 3),
    )


def reads(folder: Path) -> dict[str, Callable[[], object]]:
    """Each read path, on a fresh Store as a new process has it."""
    store = Store(folder)
    weeks = len(list_meetings(store))
    shown = list_meetings(store)[-3].id

    def fresh() -> Store:
        cold()
        return Store(folder)

    return {
        "Home (the team view)": lambda: team_overview(fresh()),
        "rota (retro rota)": lambda: (
            upcoming_meetings(s := fresh()),
            upcoming_roles(s, 4),
        ),
        "a new meeting's roles": lambda: proposed_roles(fresh(), []),
        "export one meeting": lambda: export_meeting(fresh(), shown),
        "presenter view's item": lambda: presenter_view(fresh(), shown),
        "search, few hits": lambda: list_lessons(fresh(), f"week {weeks - 1}"),
        "Lessons screen, first page": lambda: newest_lessons(fresh(), 60),
        "every lesson (lesson list)*": lambda: list_lessons(fresh()),
        "every meeting (meeting list)*": lambda: list_meetings(fresh()),
    }


def writes(folder: Path) -> dict[str, Callable[[], object]]:
    """Each kind of write, into a meeting opened for the benchmark."""
    store = Store(folder)
    members = list_members(store, active_only=True)
    meeting = create_meeting(store, "retro", "Benchmark meeting")
    set_status(store, meeting.id, "running")
    reveal_target = create_meeting(store, "retro", "Votes")
    set_status(store, reveal_target.id, "running")
    card = add_card(store, reveal_target.id, "went-well", "A card to vote on", members[0])
    reveal_cards(store, reveal_target.id, find_member(store, reveal_target.facilitator))
    set_vote_budget(store, reveal_target.id, 20, find_member(store, reveal_target.facilitator))
    turn = itertools.count()
    return {
        "write a card": lambda: add_card(store, meeting.id, "went-well", "A card", members[0]),
        "write a vote": lambda: vote(
            store, reveal_target.id, card.id, members[next(turn) % len(members)]
        ),
        "write an action": lambda: add_action(
            store, meeting.id, "Follow up", members[0].name, date.today()
        ),
        "write a lesson": lambda: add_lesson(
            store, LessonDraft("Bench lesson", "tried", "happened", "learned", meeting=meeting.id)
        ),
        "plan a meeting": lambda: create_meeting(store, "retro", "Another"),
    }


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
    return seconds, len(board(store, meeting.id).cards)


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
    parser.add_argument("--repeat", type=int, default=21, help="Calls per row and store.")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="retro-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    work = {}
    for label, name, build in STORES:
        kept = kept_store(base, name, build)
        work[label] = base / f"{name}-work"
        shutil.rmtree(work[label], ignore_errors=True)
        shutil.copytree(kept, work[label])  # times kept, so the index stays current
    # Measure a store at rest: the copies' own writing-back would slow the first writes.
    os.sync()

    labels = [label for label, _, _ in STORES]
    rows: list[tuple[str, ...]] = []
    read_paths = {label: reads(work[label]) for label in labels}
    for row in read_paths[labels[0]]:
        times: dict[str, list[float]] = {label: [] for label in labels}
        for _ in range(args.repeat):
            for label in labels:
                times[label].append(time_ms(read_paths[label][row]))
        medians = [p50(times[label]) for label in labels]
        rows.append((row, *(f"{m:.2f}" for m in medians), f"{medians[-1] / medians[0]:.2f}"))

    write_paths = {label: writes(work[label]) for label in labels}
    floor: list[float] = []
    card_p50 = {}
    for row in write_paths[labels[0]]:
        times = {label: [] for label in labels}
        for _ in range(args.repeat * 3):
            floor.append(time_ms(durable_write, base))
            for label in labels:
                times[label].append(time_ms(write_paths[label][row]))
        medians = [p50(times[label]) for label in labels]
        if row == "write a card":
            card_p50 = dict(zip(labels, medians, strict=True))
        rows.append((row, *(f"{m:.2f}" for m in medians), f"{medians[-1] / medians[0]:.2f}"))
    floor_p50 = p50(floor)
    rows.append(
        ("durable-write floor, same loop", f"{floor_p50:.2f}", "", "", ""),
    )
    rows.append(
        (
            "a card / the floor",
            *(f"{card_p50[label] / floor_p50:.2f}" for label in labels),
            "",
        )
    )
    print("Milliseconds; the ratio is 40 years against 1. Rows with * print what they read,")
    print("so they grow with history by design.\n")
    print_table([("measure (ms)", *labels, "40 y / 1 y"), *rows])

    seconds, present = concurrent_writes(Store(work["10 years"]))
    print(
        f"\n16 processes x 50 card writes on the 10-year store: {seconds:.2f} s, "
        f"{800 / seconds:.0f} writes a second, {present} of 800 present"
    )
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
