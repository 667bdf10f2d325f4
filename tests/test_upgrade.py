"""A store written by the previous release (schema 1, `tests/fixtures/release-1`, made with
`retro demo` and a meeting's worth of commands) opens in this one with everything kept:
each meeting's minutes hold all they held before."""

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from retro_tui.domain.decisions import register
from retro_tui.domain.groups import list_groups
from retro_tui.domain.meetings import list_meetings
from retro_tui.export import export_meeting, gather_minutes
from retro_tui.store import SCHEMA_VERSION, Store

RELEASE_1 = Path(__file__).parent / "fixtures" / "release-1"


def holds(before: Any, after: Any, where: str = "minutes") -> None:
    """Everything `before` says, `after` says too (it may say more: new fields)."""
    if isinstance(before, dict):
        assert isinstance(after, dict), where
        for key, value in before.items():
            assert key in after, f"{where}.{key} is gone"
            holds(value, after[key], f"{where}.{key}")
    elif isinstance(before, list):
        assert isinstance(after, list) and len(after) == len(before), f"{where}: {after!r}"
        for n, (old, new) in enumerate(zip(before, after, strict=True)):
            holds(old, new, f"{where}[{n}]")
    else:
        assert after == before, f"{where}: {before!r} became {after!r}"


def opened(release: Path, now: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """A copy of the store of an earlier release, opened on its clock."""
    folder = tmp_path / release.name
    shutil.copytree(release / "store", folder)
    monkeypatch.setenv("RETRO_NOW", now)
    return Store(folder)


@pytest.fixture
def upgraded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    return opened(RELEASE_1, "2026-11-20T11:00:00", tmp_path, monkeypatch)


def test_every_meeting_keeps_its_minutes(upgraded: Store) -> None:
    exports = sorted((RELEASE_1 / "exports").glob("*.json"))
    assert len(exports) == 13
    for export in exports:
        before = json.loads(export.read_text())
        after = gather_minutes(upgraded, export.stem, None)
        holds(before, after, export.stem)
    decided = sum(
        len(item["decisions"])
        for export in exports
        for item in json.loads(export.read_text())["items"]
    )
    assert decided >= 5  # the fixture has decisions to keep, corrected and removed ones too


def test_the_decisions_move_to_the_register_once(upgraded: Store) -> None:
    decisions = register(upgraded)
    folder = upgraded.folder
    assert json.loads((folder / "team.json").read_text())["meta"]["1"]["schema"] == SCHEMA_VERSION
    assert [(d.meeting, d.number, d.group, d.status) for d in decisions][-1] == (
        "2026-11-20",
        1,
        "team",
        "in-force",
    )
    assert decisions[-1].text == "Weekend visits always go in pairs"  # as corrected
    for path in folder.glob("meeting-*.json"):
        assert "decisions" not in json.loads(path.read_text()), path.name
    written = {p.name: p.read_bytes() for p in folder.glob("*.json")}
    assert register(Store(folder)) == decisions
    assert {p.name: p.read_bytes() for p in folder.glob("*.json")} == written


def test_a_decision_added_after_the_upgrade_gets_the_next_number(upgraded: Store) -> None:
    from retro_tui.domain.decisions import add_decision

    made = add_decision(upgraded, "2026-11-20", 1, "Pairs swap every month")
    assert made.number == 3  # 1 stays, 2 was removed: its number is not given again
    assert made.record == f"2026-{len(register(upgraded))}"


def test_the_upgrade_sums_the_rota_up_again_per_group(store: Store) -> None:
    """The previous release kept one rota tally for the whole store; after the upgrade
    the index holds one per group again, so the rota reads only this year's meetings."""
    from datetime import date

    from retro_tui.domain.meetings import create_meeting

    for year in (2024, 2025, 2026):
        create_meeting(store, on=date(year, 3, 1))
    folder = store.folder
    index = json.loads((folder / "index.json").read_text())
    entry = next(iter(index["running"].values()))
    entry["value"] = entry["value"]["team"]  # as the previous release kept it: one tally
    (folder / "index.json").write_text(json.dumps(index))
    team = json.loads((folder / "team.json").read_text())
    team["meta"]["1"]["schema"] = 1
    (folder / "team.json").write_text(json.dumps(team))
    upgraded = Store(folder)
    names = upgraded.names("meetings")
    value, covered = upgraded.running("meetings", names[:-1])
    assert covered == 2 and set(value) == {"team"}


RELEASE_2 = Path(__file__).parent / "fixtures" / "release-2"
# The groups of the release-2 fixture (`retro demo` of that release, then a forum meeting
# that reviews two actions, corrects a new one and revises a decision).
FORUMS = ("care-forum", "rota-forum", "safety-forum", "dementia-circle")
_MOVED_ID = re.compile(rf"(?:{'|'.join(FORUMS)})-(\d{{4}}-\d+)")


def without_group_keys(value: Any) -> Any:
    """`value` with the group key taken off every record id (`care-forum-2026-3` -> `2026-3`)."""
    if isinstance(value, dict):
        return {key: without_group_keys(v) for key, v in value.items()}
    if isinstance(value, list):
        return [without_group_keys(v) for v in value]
    if isinstance(value, str) and (moved := _MOVED_ID.fullmatch(value)):
        return moved.group(1)
    return value


@pytest.fixture
def upgraded_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    return opened(RELEASE_2, "2026-11-24T12:00:00", tmp_path, monkeypatch)


def test_each_group_gets_its_own_files_and_every_minute_stays(upgraded_2: Store) -> None:
    exports = sorted((RELEASE_2 / "exports").glob("2026-*.json"))
    assert len(exports) == 14
    for export in exports:
        before = json.loads(export.read_text())
        after = gather_minutes(upgraded_2, export.stem, None)
        holds(before, without_group_keys(after), export.stem)
        markdown = (RELEASE_2 / "exports" / f"{export.stem}.md").read_text()
        assert export_meeting(upgraded_2, export.stem, "md").rstrip() == markdown.rstrip()
    folder = upgraded_2.folder
    team_year = json.loads((folder / "meetings-2026.json").read_text())["meetings"]
    assert {m["group"] for m in team_year.values()} == {"team"}
    care = json.loads((folder / "meetings-care-forum-2026.json").read_text())["meetings"]
    assert [m["id"] for m in care.values()] == [
        "2026-09-04",
        "2026-10-02",
        "2026-10-23",
        "2026-11-24",
    ]


def test_moved_records_keep_their_numbers_and_what_named_them(upgraded_2: Store) -> None:
    """A forum's action or decision keeps its number and gains the group's key in its id;
    the reviews, corrections and revisions that named it follow."""
    from retro_tui.domain.actions import actions_reviewed_in, get_action, list_actions

    reviewed = actions_reviewed_in(upgraded_2, "2026-11-24")
    assert [(a.id, r.outcome) for a, r in reviewed] == [
        ("care-forum-2026-14", "carried"),
        ("care-forum-2026-15", "done"),
    ]
    assert (
        get_action(upgraded_2, "care-forum-2026-21").text == "Print and laminate the handover cards"
    )
    minutes = gather_minutes(upgraded_2, "2026-11-24", None)
    assert [c["ref"] for c in minutes["corrections"]] == ["care-forum-2026-21"]
    decisions = {d.record: d for d in register(upgraded_2)}
    assert decisions["care-forum-2026-7"].revises == "care-forum-2026-1"
    assert decisions["care-forum-2026-1"].revised_by == "care-forum-2026-7"
    assert decisions["care-forum-2026-1"].status == "revised"
    before = json.loads((RELEASE_2 / "exports" / "actions.json").read_text())
    assert [without_group_keys(a.id) for a in list_actions(upgraded_2)] == [a["id"] for a in before]


def test_the_rota_and_register_read_the_same_after_the_upgrade(
    upgraded_2: Store, run: Callable[..., Result]
) -> None:
    store = ("--store", str(upgraded_2.folder))
    for group in ("team", *FORUMS):
        result = run(*store, "rota", "--group", group, "--json")
        assert result.exit_code == 0, result.stderr
        expected = (RELEASE_2 / "exports" / f"rota-{group}.json").read_text()
        assert json.loads(result.stdout) == json.loads(expected), group
    result = run(*store, "decision", "list", "--json")
    before = json.loads((RELEASE_2 / "exports" / "decisions.json").read_text())
    assert without_group_keys(json.loads(result.stdout)) == before


def test_long_keys_are_cut_apart_from_every_other_key(tmp_path: Path) -> None:
    """A key cut to 40 characters may meet another group's key: it is numbered apart."""
    folder = tmp_path / "long-keys"
    shutil.copytree(RELEASE_2 / "store", folder)
    for index in folder.glob("index*.json"):
        index.unlink()
    long_key = "quality-and-safety-in-home-care-visits-for-older-people"
    for path in folder.glob("*.json"):
        text = path.read_text()
        text = text.replace('"care-forum"', f'"{long_key}"')
        path.write_text(text.replace('"rota-forum"', '"quality-and-safety-in-home-care-visits"'))
    upgraded = Store(folder)
    keys = {g.name: g.key for g in list_groups(upgraded)}
    assert keys["Care forum"] == "quality-and-safety-in-home-care-visits-2"
    assert keys["Rota forum"] == "quality-and-safety-in-home-care-visits"
    care = [m.id for m in list_meetings(upgraded) if m.group == keys["Care forum"]]
    assert care == ["2026-09-04", "2026-10-02", "2026-10-23", "2026-11-24"]


def test_an_old_id_says_where_its_record_went_and_is_never_given_again(
    upgraded_2: Store, run: Callable[..., Result]
) -> None:
    from retro_tui.domain.actions import add_action
    from retro_tui.domain.agenda import add_item
    from retro_tui.domain.decisions import add_decision
    from retro_tui.domain.meetings import create_meeting

    store = ("--store", str(upgraded_2.folder))
    moved = run(*store, "decision", "review", "2026-1")
    assert moved.exit_code == 1
    assert moved.stderr == "retro: decision 2026-1 is care-forum-2026-1 now\n"
    meeting = create_meeting(upgraded_2)
    item = add_item(upgraded_2, meeting.id, "Team question")
    assert add_decision(upgraded_2, meeting.id, item.id, "The team decides").record == "2026-8"
    assert add_action(upgraded_2, meeting.id, "The team acts", "Bo Jensen").id == "2026-22"


def test_the_upgrade_run_again_from_an_old_team_file_moves_nothing(upgraded_2: Store) -> None:
    """team.json put back from before the upgrade (its last good copy) runs the upgrade
    again: the records of the groups have moved already, and the team's stay as they are."""
    from retro_tui.domain.agenda import add_item
    from retro_tui.domain.decisions import add_decision
    from retro_tui.domain.meetings import create_meeting

    meeting = create_meeting(upgraded_2)
    item = add_item(upgraded_2, meeting.id, "Team question")
    first = add_decision(upgraded_2, meeting.id, item.id, "The team decides")
    add_decision(upgraded_2, meeting.id, item.id, "The team decides again", revises=first.record)
    before = {d.record: d for d in register(upgraded_2)}
    folder = upgraded_2.folder
    team = json.loads((folder / "team.json").read_text())
    team["meta"]["1"]["schema"] = 2
    (folder / "team.json").write_text(json.dumps(team))
    assert {d.record: d for d in register(Store(folder))} == before
