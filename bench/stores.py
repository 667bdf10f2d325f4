"""Benchmark stores, built through the same domain API a team's commands use.

`years_store` is a team of 25 that met every week: notes on every item, about 20 cards
per retrospective, some actions left open, lessons. `ten_year_store` is 520 meetings and
about 3,000 lessons; `forty_year_store` four times that.
"""

import os
import random
import shutil
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from retro_tui.domain.actions import add_action, open_actions, review_action
from retro_tui.domain.agenda import add_item, close_item, set_check, set_notes
from retro_tui.domain.cards import add_card, board, reveal_cards, vote
from retro_tui.domain.checkins import check_in
from retro_tui.domain.decisions import add_decision, takes_decisions
from retro_tui.domain.demo import create_demo
from retro_tui.domain.health import answer_health, reveal_health
from retro_tui.domain.lessons import LessonDraft, add_lesson
from retro_tui.domain.meetings import CLOSED, Setup, create_meeting, set_status
from retro_tui.domain.principles import NOT_RELEVANT, SUPPORTS, TENSION, list_principles
from retro_tui.domain.team import add_member, find_member, init_team
from retro_tui.domain.templates import BUILTIN
from retro_tui.store import Store

KINDS = ("retro", "forum", "sharing")
BOARDS = list(BUILTIN.values())  # the retrospectives take the boards in turn
SENTENCE = "We tried a smaller change first and watched what happened on the floor for a week. "


def kept_store(base: Path, name: str, build: Callable[[Path], object]) -> Path:
    """The store `name` in `base`, built by `build` unless a whole one is there already.

    It is built in a folder beside and renamed into place only when the build finished,
    so a build that was stopped or failed is never taken for a store.
    """
    folder = base / name
    if folder.exists():
        return folder
    building = base / f".{name}-building"
    shutil.rmtree(building, ignore_errors=True)
    start = time.perf_counter()
    build(building)
    building.rename(folder)
    print(f"built the {name} store in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return folder


def empty_store(folder: Path) -> Store:
    """A new team of five with one meeting and nothing else."""
    store = Store(folder)
    init_team(store, "Bench team", "We measure so that teams need not wait.")
    for n in range(5):
        add_member(store, f"Member {n:02d}")
    return store


def demo_store(folder: Path) -> Store:
    store = Store(folder)
    create_demo(store)
    return store


def years_store(folder: Path, years: int, members: int = 25, seed: int = 1) -> Store:
    rng = random.Random(seed)
    store = Store(folder)
    weeks = 52 * years
    start = date.today() - timedelta(weeks=weeks)
    _at(start)
    init_team(store, f"A team of {years} years", f"We have met every week for {years} years.")
    names = [f"Member {n:02d}" for n in range(members)]
    with store.transaction():
        for name in names:
            add_member(store, name)
        keys = [p.key for p in list_principles(store)]
    for week in range(weeks):
        day = start + timedelta(weeks=week)
        _at(day)
        # One transaction per week: the same writes, committed together to build faster.
        with store.transaction():
            _week(store, rng, day, week, names, keys)
    os.environ.pop("RETRO_NOW", None)
    return store


def one_year_store(folder: Path) -> Store:
    return years_store(folder, 1)


def ten_year_store(folder: Path) -> Store:
    return years_store(folder, 10)


def forty_year_store(folder: Path) -> Store:
    return years_store(folder, 40)


def _at(day: date) -> None:
    os.environ["RETRO_NOW"] = datetime(day.year, day.month, day.day, 10).isoformat()


def _week(
    store: Store, rng: random.Random, day: date, week: int, names: list[str], keys: list[str]
) -> None:
    absent = rng.sample(names, rng.randint(0, 4))
    kind = KINDS[week % 3]
    # Every other retrospective holds a health check: about eight a year.
    setup = (
        Setup(BOARDS[week // 3 % len(BOARDS)].key, health=week % 6 == 0)
        if kind == "retro"
        else Setup()
    )
    meeting = create_meeting(store, kind, None, absent, on=day, setup=setup)
    set_status(store, meeting.id, "running")
    for name in meeting.present[:10]:
        check_in(store, meeting.id, find_member(store, name), rng.randint(1, 5), "steady")
    if meeting.health:
        for name in meeting.present[:10]:
            ratings = {key: rng.randint(1, 5) for key in keys}
            answer_health(store, meeting.id, find_member(store, name), ratings)
        reveal_health(store, meeting.id, find_member(store, meeting.facilitator))
    # Most open actions are reviewed at the next meeting; some wait a few weeks.
    weeks_ago = (day - timedelta(weeks=6)).isoformat()
    for action in open_actions(store, before=meeting.id):
        if action.meeting < weeks_ago or rng.random() < 0.7:
            outcome = rng.choice(["done", "done", "carried", "dropped"])
            review_action(store, action.id, meeting.id, outcome)
    for n in range(3):
        item = add_item(
            store, meeting.id, f"Topic {n} of week {week}", rng.choice(meeting.present), 15
        )
        for key in keys:
            verdict = rng.choice([SUPPORTS, NOT_RELEVANT, NOT_RELEVANT, TENSION])
            set_check(
                store,
                meeting.id,
                item.id,
                key,
                verdict,
                "A short note" if verdict == TENSION else "",
            )
        if takes_decisions(store, meeting):  # a knowledge-sharing meeting decides nothing
            add_decision(
                store,
                meeting.id,
                item.id,
                "We try it for a month",
                [meeting.present[0]],
                ["Clients"],
            )
        add_action(
            store,
            meeting.id,
            f"Follow up topic {n}",
            rng.choice(meeting.present),
            day + timedelta(days=14),
            item.id,
        )
        set_notes(store, meeting.id, item.id, SENTENCE * rng.randint(2, 5))
        close_item(store, meeting.id, item.id)
    columns = [c.key for c in board(store, meeting.id).template.columns]
    for n in range(20 if meeting.kind == "retro" else 0):
        column = columns[n % len(columns)]
        add_card(
            store,
            meeting.id,
            column,
            f"Card {n}: {SENTENCE}",
            find_member(store, rng.choice(meeting.present)),
        )
    reveal_cards(store, meeting.id, find_member(store, meeting.facilitator))
    cards = [c.id for c in board(store, meeting.id).cards]
    for name in meeting.present[:10] if cards else []:
        vote(store, meeting.id, rng.choice(cards), find_member(store, name))
    for n in range(6 if week % 13 else 2):
        add_lesson(
            store,
            LessonDraft(
                f"Lesson {n} of week {week}",
                SENTENCE * 2,
                SENTENCE,
                SENTENCE * 2,
                SENTENCE,
                rng.sample(keys, 2),
                meeting.id,
            ),
        )
    set_status(store, meeting.id, CLOSED)
