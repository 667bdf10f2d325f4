"""House benchmark: the ten-year store grown into a house of the team, 20 decision forums
and 3 knowledge communities (two years of monthly forum meetings with decisions under
review, and leadership tasks), against a new store with the same members.

Writes are timed call by call, the two stores taking turns, and compared by p95; Home's
start-up on the house is timed against a minimal Textual app in the same run.

    python -m bench.bench_house             # builds the stores in a temp folder (minutes)
    python -m bench.bench_house --keep DIR  # builds them once in DIR and reuses them
"""

import argparse
import itertools
import os
import random
import shutil
import statistics
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

import retro_tui.domain  # noqa: F401  (registers the index's summaries)
from bench.bench_startup import FILLED, FIRST_FRAME, medians_ms
from bench.bench_store import print_table, time_ms
from bench.stores import _at, kept_store, ten_year_store
from retro_tui.domain.actions import add_action, open_actions, review_action
from retro_tui.domain.agenda import add_item
from retro_tui.domain.cards import add_card, reveal_cards, set_vote_budget, vote
from retro_tui.domain.decisions import add_decision, due_for_review, keep_decision
from retro_tui.domain.groups import add_group, list_groups
from retro_tui.domain.meetings import CLOSED, create_meeting, set_status
from retro_tui.domain.tasks import KEYS, add_task, agree, check, list_tasks
from retro_tui.domain.team import add_member, find_member, init_team, list_members
from retro_tui.store import Store

FORUMS, COMMUNITIES, TASKS = 20, 3, 10


def house_store(folder: Path, ten_year: Path, years: int = 2) -> Store:
    """The ten-year store, grown into a house."""
    shutil.copytree(ten_year, folder)
    store = Store(folder)
    rng = random.Random(3)
    names = [m.name for m in list_members(store, active_only=True)]
    start = date.today() - timedelta(weeks=52 * years)
    _at(start)
    for n in range(FORUMS):
        lead, co_lead, *members = rng.sample(names, rng.randint(5, 9))
        add_group(
            store,
            "forum",
            f"Forum {n:02d}",
            f"Area {n} of the house",
            {"lead": lead, "co-lead": co_lead},
            members,
        )
    for n in range(COMMUNITIES):
        add_group(store, "community", f"Community {n}", f"Topic {n}", {}, rng.sample(names, 8))
    forums = [g for g in list_groups(store) if g.kind == "forum"]
    for month in range(13 * years):  # every four weeks, up to the last four
        day = start + timedelta(weeks=4 * month)
        _at(day)
        with store.transaction():
            for n, forum in enumerate(forums):
                on = day + timedelta(days=n % 5)  # the forums meet on different days
                meeting = create_meeting(store, on=on, group=forum.key)
                set_status(store, meeting.id, "running")
                # As a forum does: it reviews its own open actions and the decisions due.
                for action in open_actions(store, before=meeting.id, group=forum.key):
                    outcome = rng.choice(["done", "done", "done", "carried", "dropped"])
                    review_action(store, action.id, meeting.id, outcome)
                for decision in due_for_review(store, on):
                    if decision.group == forum.key:
                        keep_decision(store, decision.record, on + timedelta(weeks=52))
                for n in range(2):
                    item = add_item(store, meeting.id, f"Question {n} of {forum.name}")
                    review = day + timedelta(weeks=rng.choice([8, 26, 52, 104]))
                    add_decision(
                        store,
                        meeting.id,
                        item.id,
                        f"We try answer {n} for a while",
                        [meeting.present[0]],
                        ["Clients"],
                        review=review,
                    )
                    add_action(
                        store,
                        meeting.id,
                        f"Follow up question {n}",
                        meeting.present[-1],
                        day + timedelta(days=21),
                        item.id,
                    )
                set_status(store, meeting.id, CLOSED)
    _at(date.today())
    for n in range(TASKS):
        giver, holder = rng.sample(names, 2)
        name = f"Task {n}"
        add_task(store, name, holder, giver)
        agree(store, name, dict.fromkeys(KEYS, "What we agreed"), date.today() + timedelta(weeks=8))
        for member in (giver, holder):
            check(store, name, find_member(store, member), {k: rng.randint(2, 5) for k in KEYS})
    os.environ.pop("RETRO_NOW", None)
    return store


def new_store(folder: Path, ten_year: Path) -> Store:
    """A new store with the ten-year store's members, one forum and one task: the baseline."""
    store = Store(folder)
    init_team(store, "A new house", "We start today.")
    for member in list_members(Store(ten_year), active_only=True):
        add_member(store, member.name)
    names = [m.name for m in list_members(store)]
    add_group(
        store, "forum", "Forum 00", "Area 0", {"lead": names[0], "co-lead": names[1]}, names[2:8]
    )
    add_task(store, "Task 0", names[1], names[0])
    agree(store, "Task 0", dict.fromkeys(KEYS, "What we agreed"))
    return store


def writes(folder: Path) -> dict[str, object]:
    """Each kind of write a meeting of a forum makes, in one opened for the benchmark."""
    store = Store(folder)
    forum = next(g for g in list_groups(store) if g.kind == "forum")
    meeting = create_meeting(store, group=forum.key)
    set_status(store, meeting.id, "running")
    item = add_item(store, meeting.id, "Benchmark question")
    retro = create_meeting(store, "retro", "Benchmark retro")
    set_status(store, retro.id, "running")
    lead = find_member(store, retro.facilitator)
    card = add_card(store, retro.id, "went-well", "A card to vote on", lead)
    reveal_cards(store, retro.id, lead)
    set_vote_budget(store, retro.id, 20, lead)
    voters = itertools.cycle([find_member(store, name) for name in retro.present])
    task = list_tasks(store)[0]
    holder = find_member(store, task.holder)
    review = date.today() + timedelta(weeks=8)
    return {
        "write a card": lambda: add_card(store, retro.id, "went-well", "A card", lead),
        "write a vote": lambda: vote(store, retro.id, card.id, next(voters)),
        "decide, with a review date": lambda: add_decision(
            store, meeting.id, item.id, "We try it", [lead.name], ["Clients"], review=review
        ),
        "write an action": lambda: add_action(store, meeting.id, "Follow up", lead.name, review),
        "plan a forum meeting": lambda: create_meeting(store, group=forum.key),
        "answer an alignment check": lambda: check(
            store, task.name, holder, dict.fromkeys(KEYS, 4)
        ),
    }


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="Build the stores here once and reuse them.")
    parser.add_argument("--repeat", type=int, default=60, help="Writes per row and store.")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="retro-house-"))
    base.mkdir(parents=True, exist_ok=True)
    ten_year = kept_store(base, "ten-year", ten_year_store)
    house = kept_store(base, "house", lambda folder: house_store(folder, ten_year))
    work = {}
    for label, kept in (("new store", None), ("house", house)):
        work[label] = base / f"{label.replace(' ', '-')}-work"
        shutil.rmtree(work[label], ignore_errors=True)
        if kept is None:
            new_store(work[label], ten_year)
        else:
            shutil.copytree(kept, work[label])
    os.sync()
    paths = {label: writes(folder) for label, folder in work.items()}
    rows = []
    for row in paths["new store"]:
        times: dict[str, list[float]] = {label: [] for label in paths}
        for _ in range(args.repeat):
            for label in paths:
                times[label].append(time_ms(paths[label][row]))
        new, grown = p95(times["new store"]), p95(times["house"])
        rows.append((row, f"{new:.2f}", f"{grown:.2f}", f"{grown / new:.2f}"))
    print(f"The house: 1 team, {FORUMS} forums, {COMMUNITIES} communities, {TASKS} tasks.\n")
    print_table([("write, p95 (ms)", "new store", "house", "house / new"), *rows])

    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    # The house as built: the writes above planned meetings that Home would list.
    def app(store: Path) -> list[str]:
        return [sys.executable, "-m", "retro_tui", "--store", str(store), "--as", "Member 00"]

    started = medians_ms(
        {
            "minimal Textual app": ([sys.executable, "-m", "bench.minimal_app"], FIRST_FRAME),
            "ten-year store: first frame": (app(ten_year), FIRST_FRAME),
            "ten-year store: data shown": (app(ten_year), FILLED),
            "house: first frame": (app(house), FIRST_FRAME),
            "house: data shown": (app(house), FILLED),
        },
        env,
    )
    baseline = started["minimal Textual app"]
    print()
    print_table(
        [
            ("start-up of Home", "median (ms)", "× minimal app"),
            *((name, f"{ms:.0f}", f"{ms / baseline:.2f}") for name, ms in started.items()),
        ]
    )
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
