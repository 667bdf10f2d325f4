"""The store contract: atomic writes, a last good copy, refusals that touch nothing."""

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tinydb import TinyDB

from retro_tui.domain.lessons import LessonDraft, add_lesson, list_lessons
from retro_tui.domain.meetings import create_meeting
from retro_tui.domain.team import add_member, list_members
from retro_tui.errors import RetroError
from retro_tui.store import SCHEMA_VERSION, Store, StoreCorrupt
from retro_tui.store import schema as schema_module
from tests.conftest import store_bytes


def test_every_file_opens_with_plain_tinydb(store: Store) -> None:
    create_meeting(store, "forum")
    add_lesson(store, LessonDraft("t", "tried", "happened", "learned"))
    for path in store.folder.glob("*.json"):
        with TinyDB(path) as db:
            assert db.tables(), path
    with TinyDB(store.path("team")) as db:
        assert db.table("meta").get(doc_id=1)["schema"] == SCHEMA_VERSION
        assert [m["name"] for m in db.table("members").all()] == ["Ada", "Bo", "Cy", "Di"]


def test_control_characters_are_removed_but_newlines_and_tabs_kept(store: Store) -> None:
    add_lesson(store, LessonDraft("bell\x07 and \x1b[31mred", "a\tb\nc\x00", "h", "l"))
    lesson = list_lessons(store)[0]
    assert lesson.title == "bell and [31mred"
    assert lesson.tried == "a\tb\nc"


def test_a_write_keeps_an_earlier_version_as_last_good_copy_renewed_once_a_minute(
    store: Store,
) -> None:
    bak = store.folder / "team.json.bak"
    kept = bak.read_bytes()
    add_member(store, "Eve")  # the copy is of a version written moments ago: it stays
    assert bak.read_bytes() == kept
    before = store.path("team").read_bytes()
    an_hour_ago = time.time() - 3600
    os.utime(store.path("team"), (an_hour_ago, an_hour_ago))
    os.utime(bak, (an_hour_ago, an_hour_ago), follow_symlinks=False)
    add_member(store, "Fay")
    assert bak.read_bytes() == before
    assert "Fay" in store.path("team").read_text()
    assert json.loads(bak.read_bytes())  # a whole file, as it was


def test_files_and_folder_are_group_writable(store: Store) -> None:
    assert stat.S_IMODE(store.folder.stat().st_mode) & 0o070 == 0o070
    for path in store.folder.glob("*.json"):
        assert stat.S_IMODE(path.stat().st_mode) & 0o060 == 0o060, path


def test_corrupt_file_is_refused_and_left_untouched(store: Store) -> None:
    team = store.path("team")
    team.write_bytes(b'{"members": {"1": {"name": "Ada"')
    before = store_bytes(store.folder)
    fresh = Store(store.folder)
    with pytest.raises(StoreCorrupt) as error:
        add_member(fresh, "Eve")
    message = str(error.value)
    assert str(team) in message and "team.json.bak" in message and "\n" not in message
    assert store_bytes(store.folder) == before


def test_newer_schema_is_refused_and_left_untouched(store: Store) -> None:
    data = json.loads(store.path("team").read_text())
    data["meta"]["1"]["schema"] = SCHEMA_VERSION + 1
    store.path("team").write_text(json.dumps(data))
    before = store_bytes(store.folder)
    with pytest.raises(RetroError, match="newer than this retro"):
        list_members(Store(store.folder))
    with pytest.raises(RetroError, match="newer than this retro"):
        add_member(Store(store.folder), "Eve")
    assert store_bytes(store.folder) == before


def test_older_schema_is_upgraded_once_under_the_lock(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def add_colour(tx) -> None:
        calls.append(1)
        team = tx.db("team").table("members")
        for doc in team.all():
            team.update({"colour": "blue"}, doc_ids=[doc.doc_id])

    current = schema_module.SCHEMA_VERSION
    monkeypatch.setattr(schema_module, "SCHEMA_VERSION", current + 1)
    monkeypatch.setattr("retro_tui.store.store.SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(schema_module.MIGRATIONS, current, add_colour)
    upgraded = Store(store.folder)
    upgraded.read("team")
    upgraded.read("team")
    data = json.loads(store.path("team").read_text())
    assert data["meta"]["1"]["schema"] == current + 1
    assert all(m["colour"] == "blue" for m in data["members"].values())
    assert calls == [1]


def test_missing_store_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(RetroError, match="retro init"):
        list_members(Store(tmp_path / "nowhere"))


def test_init_refuses_an_existing_store(store: Store) -> None:
    from retro_tui.domain.team import init_team

    before = store_bytes(store.folder)
    with pytest.raises(RetroError, match="already exists"):
        init_team(Store(store.folder), "Other team")
    assert store_bytes(store.folder) == before


def test_lock_wait_times_out_with_a_clear_error(store: Store) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time; f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX);"
            " print('held', flush=True); time.sleep(60)",
            str(store.folder / ".lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        impatient = Store(store.folder, lock_timeout=0.2)
        with pytest.raises(RetroError, match="locked by another retro process"):
            add_member(impatient, "Eve")
    finally:
        holder.kill()
        holder.wait()
    assert [m.name for m in list_members(store)] == ["Ada", "Bo", "Cy", "Di"]


def test_a_failed_transaction_writes_nothing(store: Store) -> None:
    before = store_bytes(store.folder)
    with pytest.raises(RetroError), store.transaction():
        add_member(store, "Eve")
        add_member(store, "Ada")  # taken: the whole transaction is dropped
    assert store_bytes(store.folder) == before


def test_write_cost_stays_in_small_files(store: Store) -> None:
    """A card touches only its own meeting's file, whatever the history."""
    from retro_tui.domain.cards import add_card

    for _ in range(3):
        meeting = create_meeting(store, "retro")
    before = store_bytes(store.folder)
    add_card(store, meeting.id, "went-well", "Nice", None)
    after = store_bytes(store.folder)
    changed = {name for name in after if before.get(name) != after[name]}
    assert {name for name in changed if not name.endswith(".bak")} == {f"meeting-{meeting.id}.json"}


def test_text_that_skipped_the_domain_is_still_cleaned_on_its_way_to_disk(store: Store) -> None:
    with store.transaction():
        store.read("team").table("members").insert({"name": "E\x1b]0;x\x07ve", "handle": "\x9be"})
    raw = store.path("team").read_text()
    assert "\x1b" not in raw and "\x07" not in raw and "\x9b" not in raw and "\\u" not in raw
    assert '"name":"E]0;xve"' in raw
