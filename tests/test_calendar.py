"""The rota as a calendar file: `retro rota --ics [--output FILE]`, read back as a calendar
program would read it, with the team's and a forum's meeting plans, stable UIDs, files
written over SSH, and names that try to break out of their line."""

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar, Event

from retro_tui.cli import COMMANDS
from retro_tui.domain.groups import parse_cadence, set_plan
from retro_tui.export.calendar import rota_calendar
from retro_tui.store import Store
from tests.conftest import FIXED_NOW, store_bytes

THURSDAY = "thursday"  # FIXED_NOW, 2026-11-22, is a Sunday
SSH = {"SSH_CONNECTION": "203.0.113.5 50000 192.0.2.1 22"}


@pytest.fixture(autouse=True)
def team_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """`retro team plan`, whether or not the command table lists it yet."""
    monkeypatch.setitem(COMMANDS, "team", "team")


def events(data: bytes) -> list[Event]:
    """The events of a calendar file, soonest first, read as a calendar program reads them."""
    found = Calendar.from_ical(data).walk("VEVENT")
    return sorted(found, key=lambda e: e["DTSTART"].dt)


def days_and_summaries(data: bytes) -> list[tuple[date, str]]:
    return [(e["DTSTART"].dt, str(e["SUMMARY"])) for e in events(data)]


def expected_summaries(rows: list[dict], title: str) -> list[str]:
    """What each event should say, from `retro rota --json`."""
    return [f"{title} — facilitator {r['facilitator']}, scribe {r['scribe']}" for r in rows]


def test_planned_meetings_then_the_forecast_on_the_teams_plan(run, store: Store) -> None:
    assert run("team", "plan", "--weekday", THURSDAY).stdout == "Test team meets every Thursday\n"
    planned = run("meeting", "new", "--date", "2026-11-26").stdout.strip()
    rows = json.loads(run("rota", "--json").stdout)

    shown = run("rota", "--ics")
    assert shown.exit_code == 0 and shown.stderr == ""
    calendar = Calendar.from_ical(shown.stdout_bytes)
    assert str(calendar["X-WR-CALNAME"]) == "Test team — rota"
    assert "retro" in str(calendar["PRODID"])
    assert days_and_summaries(shown.stdout_bytes) == list(
        zip(
            [date(2026, 11, 26), date(2026, 12, 3), date(2026, 12, 10), date(2026, 12, 17)],
            expected_summaries(rows, "Retrospective"),
            strict=True,
        )
    )
    first, *forecast = events(shown.stdout_bytes)
    assert str(first["STATUS"]) == "CONFIRMED"
    assert f"Planned: meeting {planned}" in str(first["DESCRIPTION"])
    for event in forecast:
        assert str(event["STATUS"]) == "TENTATIVE"
        assert "forecast" in str(event["DESCRIPTION"])
    for event, row in zip([first, *forecast], rows, strict=True):
        assert f"Facilitator: {row['facilitator']}\nScribe: {row['scribe']}" in str(
            event["DESCRIPTION"]
        )
        assert type(event["DTSTART"].dt) is date  # all day: the store knows no hour
        assert event["DTSTAMP"].dt == datetime.fromisoformat(FIXED_NOW).astimezone(UTC)


def test_a_forums_forecast_follows_its_plan_after_its_last_meeting(run, store: Store) -> None:
    run(
        "forum", "add", "Care forum", "--area", "Visits", "--lead", "Ada", "--co-lead", "Bo",
        "--member", "Cy", "--every-weeks", "2", "--weekday", THURSDAY,
    )  # fmt: skip
    forum = json.loads(run("forum", "list", "--json").stdout)[0]
    assert forum["next_meeting"] == "2026-11-26"
    held = run("meeting", "new", "--group", "Care forum", "--date", "2026-11-26").stdout.strip()
    assert run("meeting", "status", held, "closed").exit_code == 0
    rows = json.loads(run("rota", "--group", "Care forum", "--count", "3", "--json").stdout)

    shown = run("rota", "--group", "Care forum", "--count", "3", "--ics")
    assert shown.exit_code == 0 and shown.stderr == ""
    assert str(Calendar.from_ical(shown.stdout_bytes)["X-WR-CALNAME"]) == "Care forum — rota"
    # Every second Thursday, counted as `forum list` counts them, after the one held.
    assert days_and_summaries(shown.stdout_bytes) == list(
        zip(
            [date(2026, 12, 10), date(2026, 12, 24), date(2027, 1, 7)],
            expected_summaries(rows, "Care forum"),
            strict=True,
        )
    )
    assert "(every second Thursday)" in str(events(shown.stdout_bytes)[0]["DESCRIPTION"])


def test_without_a_plan_the_forecast_is_left_out_and_stderr_says_so(run, store: Store) -> None:
    run("meeting", "new", "--date", "2026-11-26")
    shown = run("rota", "--ics")
    assert shown.exit_code == 0
    assert [day for day, _ in days_and_summaries(shown.stdout_bytes)] == [date(2026, 11, 26)]
    assert shown.stderr.count("\n") == 1
    assert shown.stderr.startswith("3 forecast turns left out: the team has no meeting plan")
    assert "retro team plan" in shown.stderr

    run("team", "plan", "--weekday", THURSDAY)
    assert len(events(run("rota", "--ics").stdout_bytes)) == 4


def test_the_function_for_the_app_gives_the_file_and_the_notes(store: Store) -> None:
    data, notes = rota_calendar(store, None, 2)
    assert events(data) == [] and notes[0].startswith("2 forecast turns left out")
    set_plan(store, None, parse_cadence(2, THURSDAY))
    data, notes = rota_calendar(store, None, 2)
    assert notes == []
    assert [e["DTSTART"].dt for e in events(data)] == [date(2026, 11, 26), date(2026, 12, 10)]


def test_uids_stay_when_the_file_is_made_again_and_when_a_forecast_is_planned(
    run, store: Store, tmp_path: Path
) -> None:
    run("team", "plan", "--weekday", THURSDAY)
    first = run("rota", "--ics").stdout_bytes
    assert run("rota", "--ics").stdout_bytes == first
    uids = {e["DTSTART"].dt: str(e["UID"]) for e in events(first)}
    assert len(set(uids.values())) == 4

    # The forecast's first turn becomes a planned meeting on its day: the same event.
    run("meeting", "new", "--date", "2026-11-26")
    planned = {e["DTSTART"].dt: e for e in events(run("rota", "--ics").stdout_bytes)}
    assert str(planned[date(2026, 11, 26)]["UID"]) == uids[date(2026, 11, 26)]
    assert str(planned[date(2026, 11, 26)]["STATUS"]) == "CONFIRMED"

    # A copy of the store somewhere else makes the same events.
    copy = tmp_path / "copy"
    shutil.copytree(store.folder, copy)
    again = run("--store", str(copy), "rota", "--ics").stdout_bytes
    assert {str(e["UID"]) for e in events(again)} == {str(e["UID"]) for e in planned.values()}


def test_output_writes_the_file_and_replaces_it_never_through_a_link(
    run, store: Store, tmp_path: Path
) -> None:
    run("team", "plan", "--weekday", THURSDAY)
    written = run("rota", "--ics", "--output", "rota.ics")
    assert written.exit_code == 0 and written.stdout == ""
    assert written.stderr == "Wrote rota.ics\n"
    assert len(events((tmp_path / "rota.ics").read_bytes())) == 4

    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    (tmp_path / "rota.ics").unlink()
    (tmp_path / "rota.ics").symlink_to(precious)
    run("meeting", "new", "--date", "2026-11-26", "--title", "Kick-off")
    assert run("rota", "--ics", "--output", "rota.ics").exit_code == 0
    assert precious.read_text() == "keep me"
    assert not (tmp_path / "rota.ics").is_symlink()
    assert "Kick-off" in str(events((tmp_path / "rota.ics").read_bytes())[0]["SUMMARY"])


def test_over_ssh_output_is_a_file_name_in_the_exports_folder(
    run, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in SSH.items():
        monkeypatch.setenv(name, value)
    before = {p for p in tmp_path.rglob("*") if p.is_file()}
    for path in ("../rota.ics", str(tmp_path / "rota.ics"), "~/rota.ics", ".rota", "a/b.ics"):
        refused = run("rota", "--ics", "--output", path)
        assert refused.exit_code == 1, path
        assert refused.stderr.startswith("retro: ") and refused.stderr.count("\n") == 1
        assert "not a plain file name" in refused.stderr and refused.stdout == ""
    assert {p for p in tmp_path.rglob("*") if p.is_file()} == before  # nothing written

    written = run("rota", "--ics", "--output", "rota")
    assert written.exit_code == 0
    target = store.folder / "exports" / "rota.ics"
    assert str(target) in written.stderr
    assert Calendar.from_ical(target.read_bytes())["X-WR-CALNAME"] == "Test team — rota"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["rota", "--ics", "--group", "Nobody's forum"], "unknown group"),
        (["rota", "--ics", "--output", "no/such/folder/rota.ics"], "cannot write into"),
        (["team", "plan", "--weekday", THURSDAY, "--every-weeks", "13"], "every 1 to 12 weeks"),
    ],
)
def test_bad_input_is_one_line_exit_1_and_writes_nothing(
    run, store: Store, tmp_path: Path, args: list[str], message: str
) -> None:
    before = store_bytes(store.folder)
    result = run(*args)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("retro: ") and result.stderr.count("\n") == 1
    assert message in result.stderr
    assert store_bytes(store.folder) == before
    assert not list(tmp_path.glob("*.ics"))


def test_output_and_json_go_with_the_right_options(run, store: Store) -> None:
    assert run("rota", "--output", "rota.ics").exit_code == 2
    assert run("rota", "--ics", "--json").exit_code == 2
    assert "facilitator Ada" in run("rota").stdout  # the listing as before
    assert json.loads(run("rota", "--json").stdout)[0]["facilitator"] == "Ada"


def test_a_plan_out_of_range_in_the_store_is_one_clear_line(run, store: Store) -> None:
    data = json.loads(store.path("team").read_text())
    data["meta"]["1"]["cadence"] = {"weeks": 0, "weekday": 3}
    store.path("team").write_text(json.dumps(data))
    result = run("rota", "--ics")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert str(store.path("team")) in result.stderr and "1 to 12" in result.stderr


def plant(store: Store, name: str, table: str, change: dict) -> None:
    """Edit a record of a store file by hand, as a member with a text editor could."""
    path = store.path(name)
    data = json.loads(path.read_text())
    data[table]["1"].update(change)
    path.write_text(json.dumps(data, ensure_ascii=False))


def test_a_name_or_title_with_line_breaks_cannot_add_lines_to_the_calendar(
    run, store: Store
) -> None:
    run("team", "plan", "--weekday", THURSDAY)
    meeting = run("meeting", "new", "--date", "2026-11-26").stdout.strip()
    plant(store, "meetings-2026", "meetings", {"title": "Retro\r\nBEGIN:VALARM\nTRIGGER:-PT5M"})
    plant(store, "team", "meta", {"name": "Test team\nX-EVIL:1"})
    plant(store, "team", "members", {"name": "Ada\nATTENDEE:mailto:evil@example.com"})

    data = run("rota", "--ics").stdout_bytes
    allowed = {
        "BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "NAME", "X-WR-CALNAME", "UID",
        "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "STATUS", "TRANSP",
    }  # fmt: skip
    # Unfolded, and broken at any line end a lenient reader would take for one.
    lines = re.sub(r"\r?\n[ \t]", "", data.decode()).splitlines()
    assert {line.split(":")[0].split(";")[0] for line in lines} <= allowed
    assert [line for line in lines if line.startswith("BEGIN")] == [
        "BEGIN:VCALENDAR", *["BEGIN:VEVENT"] * 4,
    ]  # fmt: skip

    calendar = Calendar.from_ical(data)
    assert str(calendar["X-WR-CALNAME"]) == "Test team X-EVIL:1 — rota"
    first, *forecast = events(data)
    assert str(first["UID"]).startswith(f"{meeting}.team.")
    assert str(first["SUMMARY"]).startswith("Retro BEGIN:VALARM TRIGGER:-PT5M — facilitator")
    hostile = "Ada ATTENDEE:mailto:evil@example.com"
    assert any(hostile in str(e["SUMMARY"]) for e in forecast)
    assert all("ATTENDEE" not in e for e in events(data))


def test_text_with_commas_semicolons_and_backslashes_comes_back_as_typed(run, store: Store) -> None:
    title = r"Plan; review, then \n rest"
    run("meeting", "new", "--date", "2026-11-26", "--title", title)
    event = events(run("rota", "--ics").stdout_bytes)[0]
    assert str(event["SUMMARY"]) == f"{title} — facilitator Ada, scribe Bo"


def test_the_real_retro_command_prints_and_writes_the_calendar(
    store: Store, tmp_path: Path
) -> None:
    set_plan(store, None, parse_cadence(1, THURSDAY))
    retro = Path(sys.executable).with_name("retro")
    assert retro.exists(), "install the project: pip install -e '.[test]'"
    env = {**os.environ, "RETRO_STORE": str(store.folder)}

    printed = subprocess.run(
        [retro, "rota", "--ics"], capture_output=True, env=env, timeout=60, check=False
    )
    assert printed.returncode == 0 and printed.stderr == b""
    assert printed.stdout.startswith(b"BEGIN:VCALENDAR\r\n")
    assert printed.stdout.endswith(b"END:VCALENDAR\r\n")
    assert len(events(printed.stdout)) == 4

    written = subprocess.run(
        [retro, "rota", "--ics", "--output", "rota.ics"],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert written.returncode == 0 and written.stdout == b""
    assert (tmp_path / "rota.ics").read_bytes() == printed.stdout

    unknown = subprocess.run(
        [retro, "rota", "--ics", "--group", "Nobody"],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert unknown.returncode == 1 and unknown.stdout == b""
    assert unknown.stderr.count(b"\n") == 1 and b"Traceback" not in unknown.stderr
