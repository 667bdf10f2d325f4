"""The store's index of yearly files: reads through it give what reading every file gives,
whatever happened to it (stale, damaged, missing, a planted link)."""

import json
import os
import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from tinydb import TinyDB

from retro_tui.domain import rota
from retro_tui.domain.actions import OPEN, add_action, list_actions, open_actions, review_action
from retro_tui.domain.agenda import add_item
from retro_tui.domain.decisions import add_decision, due_for_review, register
from retro_tui.domain.groups import add_group
from retro_tui.domain.lessons import (
    LessonDraft,
    add_lesson,
    lesson_index,
    list_lessons,
    newest_lessons,
)
from retro_tui.domain.meetings import (
    CLOSED,
    list_meetings,
    proposed_roles,
    reopen_meeting,
    rota_history,
    set_status,
    upcoming_meetings,
    upcoming_roles,
)
from retro_tui.domain.meetings import create_meeting as plan
from retro_tui.domain.team import find_member, list_members
from retro_tui.store import Store
from retro_tui.store.index import FILES
from tests.conftest import FIXED_NOW, TEAM


def years_of_meetings(store: Store, seed: int) -> None:
    """Three years of meetings with changing attendance, actions and lessons; a few of
    them left planned."""
    rng = random.Random(seed)
    add_group(store, "forum", "Care", "visits", {"lead": "Ada", "co-lead": "Bo"}, ["Cy"])
    for year in (2024, 2025, 2026):
        for month in (2, 6, 10):
            forum_absent = rng.sample(["Ada", "Bo", "Cy"], rng.randint(0, 1))
            plan(store, None, None, forum_absent, on=date(year, month, 20), group="Care")
        for month in range(1, 12, 2):
            os.environ["RETRO_NOW"] = f"{year}-{month:02d}-03T10:00:00"  # the test restores it
            absent = rng.sample(TEAM, rng.randint(0, 2))
            meeting = plan(store, "retro", None, absent, on=date(year, month, 3))
            action = add_action(store, meeting.id, f"Do {month}", meeting.facilitator)
            item = add_item(store, meeting.id, f"Item {month}")
            later = date(year, month, 3) + timedelta(days=rng.randint(1, 900))
            review = later if rng.random() < 0.7 else None
            add_decision(store, meeting.id, item.id, f"Decided {year}-{month}", review=review)
            if rng.random() < 0.6:
                later = plan(store, "retro", None, [], on=date(year, month + 1, 3))
                review_action(store, action.id, later.id, rng.choice(["done", "dropped"]))
                set_status(store, later.id, CLOSED)
            add_lesson(
                store,
                LessonDraft(
                    f"Lesson {year}-{month}",
                    "t",
                    rng.choice(["Deploys broke", "Rotas held", "Naïve ÉTAGE plans"]),
                    "l",
                    meeting=meeting.id,
                ),
            )
            if rng.random() < 0.8:
                set_status(store, meeting.id, CLOSED)
    os.environ["RETRO_NOW"] = FIXED_NOW


def everything(store: Store) -> dict[str, object]:
    """What the reads through the index return."""
    return {
        "rota": upcoming_roles(store, 4),
        "forum rota": upcoming_roles(store, 4, "Care"),
        "proposed": proposed_roles(store, ["Bo"], date(2025, 6, 30)),
        "upcoming": upcoming_meetings(store),
        "open actions": open_actions(store),
        "due decisions": due_for_review(store, date(2027, 6, 30)),
        "newest lessons": newest_lessons(store, 5),
        "searches": [list_lessons(store, words) for words in SEARCHES],
    }


SEARCHES = ["2025-3", "lesson 2024", "ploy", "étage naïve", "held 2026", "t", "nowhere", ""]


def from_every_file(store: Store) -> dict[str, object]:
    """The same, worked out from every meeting, action and lesson."""
    team = [m.name for m in list_members(store, active_only=True)]
    every = list_meetings(store)
    meetings = [m for m in every if m.group == "team"]
    forum = [m for m in every if m.group == "care"]
    until = [m for m in meetings if m.date <= "2025-06-30"]
    present = [name for name in team if name != "Bo"]
    return {
        "rota": rota.preview(rota_history(meetings), team, team, 4),
        "forum rota": rota.preview(
            rota_history(forum), ["Ada", "Bo", "Cy"], ["Ada", "Bo", "Cy"], 4
        ),
        "proposed": (present, ["Bo"], rota.choose_roles(rota_history(until), present, team)),
        "upcoming": [m for m in every if m.status not in ("closed", "cancelled")],
        "open actions": [a for a in list_actions(store) if a.status == OPEN],
        "due decisions": sorted(
            (d for d in register(store) if d.due(date(2027, 6, 30))),
            key=lambda d: (d.review, d.record),
        ),
        "newest lessons": list_lessons(store)[:5],
        "searches": [lesson_index(store).search(words) for words in SEARCHES],
    }


@pytest.mark.parametrize("seed", range(4))
def test_reads_through_the_index_equal_reads_of_every_file(store: Store, seed: int) -> None:
    years_of_meetings(store, seed)
    assert (store.folder / "index.json").exists()
    assert everything(store) == from_every_file(store)


def test_the_index_is_a_plain_tinydb_file(store: Store) -> None:
    years_of_meetings(store, 0)
    tables = {
        "index": {"meetings", "running"},
        "index-actions": {"actions"},
        "index-decisions": {"decisions"},
        "index-lessons": {"lessons"},
        "index-search": {"lessons"},
    }
    for file in FILES:
        with TinyDB(store.folder / f"{file}.json") as db:
            assert db.tables() == tables[file]
            for table in db.tables():
                assert db.table(table).all()
    with TinyDB(store.folder / "index-search.json") as db:
        assert [entry["name"] for entry in db.table("lessons")] == [
            "lessons-2024",
            "lessons-2025",
            "lessons-2026",
        ]


def test_a_search_opens_only_the_years_that_hold_every_word(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    years_of_meetings(store, 0)
    opened: list[str] = []
    read = Store.read

    def noting(self: Store, name: str):  # type: ignore[no-untyped-def]
        opened.append(name)
        return read(self, name)

    monkeypatch.setattr(Store, "read", noting)
    found = list_lessons(Store(store.folder), "lesson 2025-7")
    assert [lesson.title for lesson in found] == ["Lesson 2025-7"]
    assert [name for name in opened if name.startswith("lessons-")] == ["lessons-2025"]


def test_a_year_changed_behind_the_index_is_read_again(store: Store) -> None:
    years_of_meetings(store, 1)
    path = store.folder / "meetings-2024.json"
    data = json.loads(path.read_text())
    for doc in data["meetings"].values():  # another program gives 2024's turns to Ada
        doc["facilitator"], doc["scribe"] = "Ada", "Bo"
        doc["present"] = TEAM
    path.write_text(json.dumps(data))
    lessons = store.folder / "lessons-2025.json"
    data = json.loads(lessons.read_text())
    for doc in data["lessons"].values():  # and rewrites what 2025 learned
        doc["learned"] = "Nowhere else"
    lessons.write_text(json.dumps(data))
    assert everything(Store(store.folder)) == from_every_file(Store(store.folder))
    assert len(list_lessons(Store(store.folder), "nowhere")) == 6


def test_a_store_without_an_index_reads_the_same_and_the_next_write_makes_it(
    store: Store,
) -> None:
    years_of_meetings(store, 2)
    before = everything(store)
    for file in FILES:
        (store.folder / f"{file}.json").unlink()
    assert everything(Store(store.folder)) == before
    plan(store, "retro", None, [], on=date(2026, 11, 22))
    assert json.loads((store.folder / "index.json").read_text())["running"]
    add_lesson(store, LessonDraft("Back", "t", "h", "l"))
    for file in ("index-lessons", "index-search"):
        assert json.loads((store.folder / f"{file}.json").read_text())["lessons"]


@pytest.mark.parametrize(
    "damage",
    [
        b"{not json",
        b'{"meetings": {"1": {"name": "meetings-2024", "version": "x", "summary": 3}}}',
        b'{"running": {"1": {"kind": "meetings", "through": [], "value": {"count": "many"}}}}',
        b'{"actions": {"1": {"name": "actions-2026", "version": [0, 0], "summary": {"open": {"1": {"text": 5}}}}}}',
        b'{"decisions": {"1": {"name": "decisions-2026", "version": [0, 0], "summary": {"review": {"1": {"text": 5, "review": "2026-01-01"}}}}}}',
        b'{"meetings": []}',
        b'{"meetings": {"1": {"name": "meetings-2024", "summary": '
        + b"[" * 900
        + b"]" * 900
        + b"}}}",
        b'{"lessons": {"1": {"name": "lessons-2024\x07", "summary": {}}}}',
    ],
    ids=[
        "not json",
        "wrong types",
        "bad tally",
        "bad action",
        "bad decision",
        "table not an object",
        "nested deep",
        "control character",
    ],
)
def test_a_damaged_index_is_never_trusted_and_the_next_write_mends_it(
    store: Store, damage: bytes
) -> None:
    years_of_meetings(store, 3)
    expected = from_every_file(store)
    for file in FILES:
        (store.folder / f"{file}.json").write_bytes(damage)
    (store.folder / "index-lessons.json").write_bytes(damage.replace(b"meetings", b"lessons"))
    assert everything(Store(store.folder)) == expected
    meeting = plan(store, "retro", None, [], on=date(2026, 11, 22))
    add_action(store, meeting.id, "Mend", "Ada")
    add_decision(store, meeting.id, add_item(store, meeting.id, "Mend").id, "Mend it")
    add_lesson(store, LessonDraft("Mend", "t", "h", "l"))
    mended = {file: json.loads((store.folder / f"{file}.json").read_text()) for file in FILES}
    assert {"meetings", "running"} <= set(mended["index"])
    assert "actions" in mended["index-actions"]
    assert "decisions" in mended["index-decisions"]
    assert "lessons" in mended["index-lessons"] and "lessons" in mended["index-search"]
    assert everything(Store(store.folder)) == from_every_file(store)


def test_a_link_planted_as_the_index_is_replaced_never_followed(
    store: Store, tmp_path: Path
) -> None:
    years_of_meetings(store, 0)
    victim = tmp_path / "victim.json"
    victim.write_text('{"meetings": {}}')
    index = store.folder / "index.json"
    index.unlink()
    os.symlink(victim, index)
    assert everything(Store(store.folder)) == from_every_file(store)
    plan(store, "retro", None, [], on=date(2026, 11, 22))
    assert not index.is_symlink()
    assert victim.read_text() == '{"meetings": {}}'


def test_a_year_file_the_index_does_not_know_is_still_read(store: Store) -> None:
    years_of_meetings(store, 0)
    path = store.folder / "index-lessons.json"
    index = json.loads(path.read_text())
    index["lessons"] = {n: e for n, e in index["lessons"].items() if e["name"] != "lessons-2026"}
    path.write_text(json.dumps(index))
    fresh = Store(store.folder)
    assert newest_lessons(fresh, 3) == list_lessons(fresh)[:3]
    assert newest_lessons(fresh, 3)[0].id.startswith("2026-")


def test_a_lesson_written_late_for_an_old_meeting_is_among_the_newest(store: Store) -> None:
    years_of_meetings(store, 0)
    old = list_meetings(store)[0]
    if old.status == CLOSED:
        reopen_meeting(store, old.id, "a lesson came late", find_member(store, old.facilitator))
    late = add_lesson(store, LessonDraft("Written late", "t", "h", "l", meeting=old.id))
    assert late.id.startswith(old.id[:4])
    assert newest_lessons(Store(store.folder), 1)[0] == late
