"""The command-line contract: output, --json, exit codes, and errors that touch nothing."""

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from retro_tui.cli import COMMANDS, command
from retro_tui.domain.lessons import LessonDraft, add_lesson
from retro_tui.store import Store
from tests.conftest import store_bytes

MARKUP = "[@click=app.quit]x[/]"


def test_init_member_and_principles(run, isolated_env: Path) -> None:
    result = run("init", "Night shift", "--purpose", "Calm nights for everyone")
    assert result.exit_code == 0, result.stderr
    assert run("member", "add", "Ada", "--handle", "ada").exit_code == 0
    assert run("member", "add", "Bo").exit_code == 0
    members = json.loads(run("member", "list", "--json").stdout)
    assert [(m["name"], m["handle"], m["active"]) for m in members] == [
        ("Ada", "ada", True),
        ("Bo", "", True),
    ]
    assert run("member", "retire", "Bo").exit_code == 0
    assert "Bo (retired)" in run("member", "list").stdout
    principles = json.loads(run("principles", "--json").stdout)
    assert [p["key"] for p in principles] == [
        "purpose",
        "reality",
        "openness",
        "everyone-leads",
        "trust",
        "alive",
        "ahead",
        "alliances",
        "expertise",
    ]


def test_a_meeting_from_planning_to_minutes(run, store: Store) -> None:
    meeting_id = run(
        "meeting", "new", "--kind", "forum", "--title", "Forum", "--absent", "Di"
    ).stdout.strip()
    assert meeting_id == "2026-11-22"
    listed = json.loads(run("meeting", "list", "--json").stdout)
    assert listed == [
        {
            "id": meeting_id,
            "kind": "forum",
            "title": "Forum",
            "date": "2026-11-22",
            "facilitator": "Ada",
            "scribe": "Bo",
            "status": "planned",
            "group": "team",
        }
    ]
    assert run("--as", "Cy", "checkin", meeting_id, "4", "curious").exit_code == 0
    item = run(
        "item", "add", meeting_id, "New rota tool", "--owner", "Bo", "--timebox", "10"
    ).stdout.strip()
    assert (
        run(
            "item", "check", meeting_id, item, "trust", "tension", "--note", "Some feel watched"
        ).exit_code
        == 0
    )
    refused = run("item", "close", meeting_id, item)
    assert refused.exit_code == 1 and "not yet checked against 8" in refused.stderr
    assert run("item", "close", meeting_id, item, "--skip-check").exit_code == 0
    decided = run("decide", meeting_id, item, "Try it for a month")
    assert decided.exit_code == 0 and "nobody was consulted" in decided.stderr
    rule = run("decide", meeting_id, item, "A new approval procedure for swaps", "--affected", "Di")
    assert "principle" in rule.stderr
    assert (
        run(
            "action",
            "add",
            meeting_id,
            "Set it up",
            "--owner",
            "Cy",
            "--due",
            "2026-12-01",
            "--item",
            item,
        ).exit_code
        == 0
    )
    minutes = run("export", meeting_id).stdout
    for expected in (
        "# Forum",
        "- Absent: Di",
        "- Cy: 4/5, curious",
        "### 1. New rota tool",
        "Safety and trust: tension: Some feel watched",
        "check was skipped",
        "Flag: nobody was consulted",
        "Flag: proposes a new rule",
        "- Set it up (Cy, due 2026-12-01)",
        "## Next time",
    ):
        assert expected in minutes, expected
    shown = json.loads(run("meeting", "show", meeting_id, "--json").stdout)
    assert shown["items"][0]["decisions"][1]["affected"] == ["Di"]


def test_cards_are_hidden_until_revealed_then_voted(run, store: Store) -> None:
    meeting_id = run("meeting", "new").stdout.strip()
    card = run(
        "--as", "Ada", "card", "add", meeting_id, "went-well", "Short handovers"
    ).stdout.strip()
    hidden = json.loads(run("--as", "Bo", "card", "list", meeting_id, "--json").stdout)
    assert hidden["hidden"] == 1 and hidden["cards"] == []
    early = run("--as", "Bo", "card", "vote", meeting_id, card)
    assert early.exit_code == 1 and "still hidden" in early.stderr
    not_facilitator = run("--as", "Bo", "card", "reveal", meeting_id)
    assert not_facilitator.exit_code == 1 and "only the facilitator (Ada)" in not_facilitator.stderr
    assert run("--as", "Ada", "card", "reveal", meeting_id).exit_code == 0
    for _ in range(3):
        assert run("--as", "Bo", "card", "vote", meeting_id, card).exit_code == 0
    spent = run("--as", "Bo", "card", "vote", meeting_id, card)
    assert spent.exit_code == 1 and "used all 3 dots" in spent.stderr
    assert "- Short handovers (3 votes)" in run("export", meeting_id).stdout


def test_actions_are_reviewed_in_a_later_meeting(run, store: Store) -> None:
    first = run("meeting", "new", "--date", "2026-11-15").stdout.strip()
    action = run("action", "add", first, "Call the GP", "--owner", "Di").stdout.strip()
    second = run("meeting", "new").stdout.strip()
    assert json.loads(run("action", "list", "--open", "--json").stdout)[0]["id"] == action
    assert run("action", "review", action, "done", "--meeting", second).exit_code == 0
    assert json.loads(run("action", "list", "--open", "--json").stdout) == []
    assert "- Call the GP (Di): done" in run("export", second).stdout


def test_rota_shows_the_next_meetings(run, store: Store) -> None:
    rows = json.loads(run("rota", "--json").stdout)
    assert [(r["facilitator"], r["scribe"]) for r in rows] == [
        ("Ada", "Bo"),
        ("Bo", "Ada"),
        ("Cy", "Di"),
        ("Di", "Cy"),
    ]
    run("meeting", "new")
    rows = json.loads(run("rota", "--json").stdout)
    assert rows[0]["meeting"] == "2026-11-22" and rows[1]["facilitator"] == "Bo"
    assert "facilitator Ada" in run("rota").stdout


def test_swap_and_hand_over_are_recorded_with_a_reason(run, store: Store) -> None:
    meeting_id = run("meeting", "new").stdout.strip()
    assert run("meeting", "swap", meeting_id, "--reason", "Ada has a sore throat").exit_code == 0
    assert (
        run(
            "meeting", "handover", meeting_id, "scribe", "Di", "--reason", "Bo leaves early"
        ).exit_code
        == 0
    )
    shown = json.loads(run("meeting", "show", meeting_id, "--json").stdout)["meeting"]
    assert (shown["facilitator"], shown["scribe"]) == ("Bo", "Di")
    assert [c["reason"] for c in shown["role_changes"]] == [
        "Ada has a sore throat",
        "Bo leaves early",
    ]


def test_markup_in_a_lesson_comes_back_byte_for_byte(run, store: Store) -> None:
    meeting_id = run("meeting", "new").stdout.strip()
    added = run(
        "lesson",
        "add",
        MARKUP,
        "--tried",
        MARKUP,
        "--happened",
        "h",
        "--learned",
        "l",
        "--principle",
        "alive",
        "--meeting",
        meeting_id,
    )
    assert added.exit_code == 0, added.stderr
    listed = json.loads(run("lesson", "list", "--json").stdout)
    assert listed[0]["title"] == MARKUP and listed[0]["tried"] == MARKUP
    assert f"### {MARKUP}\n" in run("export", meeting_id).stdout
    assert "[@click=app.quit]x[/]" in run("export", meeting_id, "--format", "json").stdout
    html = run("export", meeting_id, "--format", "html").stdout
    assert "<h3>[@click=app.quit]x[/]</h3>" in html


def test_lesson_search_and_principle_filter(run, store: Store) -> None:
    run(
        "lesson",
        "add",
        "Wi-Fi first",
        "--tried",
        "video calls",
        "--happened",
        "it dropped",
        "--learned",
        "test the line",
        "--principle",
        "alive",
    )
    run(
        "lesson",
        "add",
        "Ask early",
        "--tried",
        "planning alone",
        "--happened",
        "rework",
        "--learned",
        "share drafts",
        "--principle",
        "openness",
    )
    titles = lambda *a: [x["title"] for x in json.loads(run("lesson", "list", "--json", *a).stdout)]  # noqa: E731
    assert titles() == ["Ask early", "Wi-Fi first"]
    assert titles("--search", "video LINE") == ["Wi-Fi first"]
    assert titles("--principle", "openness") == ["Ask early"]


def test_export_to_a_file(run, store: Store, tmp_path: Path) -> None:
    meeting_id = run("meeting", "new").stdout.strip()
    out = tmp_path / "minutes.html"
    assert run("export", meeting_id, "--format", "html", "--output", str(out)).exit_code == 0
    assert out.read_text().startswith("<!doctype html>")


BAD_INPUT = [
    (["member", "add", ""], "the name is empty"),
    (["member", "add", "x" * 41], "at most 40"),
    (["member", "add", "ada"], "already uses that name"),
    (["member", "retire", "Zed"], "unknown member 'Zed'"),
    (["--as", "Zed", "meeting", "new"], "unknown member 'Zed'"),
    (["meeting", "new", "--absent", "Zed"], "unknown member 'Zed'"),
    (["meeting", "new", "--date", "2026-02-30"], "no such day"),
    (["meeting", "new", "--date", "next week"], "YYYY-MM-DD"),
    (["meeting", "new", "--title", "t" * 121], "at most 120"),
    (["meeting", "show", "2020-01-01"], "unknown meeting '2020-01-01'"),
    (["meeting", "show", "yesterday"], "unknown meeting 'yesterday'"),
    (["item", "add", "1999-01-01", "Topic"], "unknown meeting"),
    (
        [
            "lesson",
            "add",
            "T",
            "--tried",
            "a",
            "--happened",
            "b",
            "--learned",
            "c",
            "--principle",
            "speed",
        ],
        "unknown principle 'speed'",
    ),
    (["lesson", "list", "--principle", "speed"], "unknown principle 'speed'"),
    (["lesson", "add", "T", "--tried", " ", "--happened", "b", "--learned", "c"], "is empty"),
    (["card", "vote", "2026-11-22", "1"], "who are you"),
    # Dates a meeting file could not be named after.
    (["meeting", "new", "--date", "0999-05-01"], "the year must be 1970 to 9999"),
    # Names that would look like a member who exists already.
    (["member", "add", "ＡＤＡ"], "Ada already uses that name"),
    (["member", "add", "A\u200bda"], "invisible characters"),
    (["member", "add", "Ad\u202ea"], "invisible characters"),
    (["member", "add", "\u0391da"], "mixes letters of different alphabets"),
    (["member", "add", "B\u043e"], "mixes letters of different alphabets"),
    (["member", "add", "Eve", "--handle", "\u0430da"], "mixes letters of different alphabets"),
    (["member", "add", "Ada\u034f"], "invisible characters"),  # a combining joiner
    (["member", "add", "Ada\ufe0f"], "invisible characters"),  # a variation selector
    (["member", "add", "Ada\u3164"], "invisible characters"),  # a Hangul filler
    (["member", "add", "Ada\u2800"], "invisible characters"),  # a blank braille cell
    (["member", "add", "\u0412\u043e"], "Bo already uses that name"),  # all Cyrillic
    (["member", "add", "Ad\u0251"], "Ada already uses that name"),  # Latin alpha
    (["member", "add", "\u13aada"], "mixes letters of different alphabets"),  # Cherokee A
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUT)
def test_bad_input_gives_one_line_exit_1_and_writes_nothing(
    run, store: Store, args, message
) -> None:
    before = store_bytes(store.folder)
    result = run(*args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("retro: ")
    assert result.stdout == ""
    assert store_bytes(store.folder) == before


def test_wrong_usage_is_exit_2(run, store: Store) -> None:
    assert run("meeting", "new", "--kind", "party").exit_code == 2
    assert run("item", "add").exit_code == 2


def real_retro(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "retro_tui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_real_process_errors_have_no_traceback(store: Store) -> None:
    missing = real_retro("--store", str(store.folder / "nope"), "member", "list")
    assert missing.returncode == 1
    assert (
        missing.stderr.startswith("retro: no team store at") and "Traceback" not in missing.stderr
    )
    store.path("team").write_text("{ not json")
    before = store_bytes(store.folder)
    corrupt = real_retro("member", "add", "Eve")
    assert corrupt.returncode == 1 and corrupt.stderr.count("\n") == 1
    assert str(store.path("team")) in corrupt.stderr and "Traceback" not in corrupt.stderr
    assert store_bytes(store.folder) == before


def test_real_process_newer_store_is_refused(store: Store) -> None:
    data = json.loads(store.path("team").read_text())
    data["meta"]["1"]["schema"] = 99
    store.path("team").write_text(json.dumps(data))
    before = store_bytes(store.folder)
    result = real_retro("meeting", "list")
    assert result.returncode == 1 and "schema version 99" in result.stderr
    assert str(store.path("team")) in result.stderr and result.stderr.count("\n") == 1
    assert store_bytes(store.folder) == before


def test_real_process_version_and_identity_from_user(store: Store) -> None:
    assert real_retro("--version").stdout.startswith("retro, version")
    made = real_retro("meeting", "new", env={"USER": "cy"})
    assert made.returncode == 0
    shown = json.loads(real_retro("meeting", "show", made.stdout.strip(), "--json").stdout)
    assert shown["meeting"]["id"] == made.stdout.strip()


def test_demo_builds_a_realistic_team_and_refuses_to_overwrite(run, isolated_env: Path) -> None:
    assert run("demo").exit_code == 0
    members = json.loads(run("member", "list", "--json").stdout)
    assert 6 <= sum(m["active"] for m in members) <= 8
    meetings = json.loads(run("meeting", "list", "--json").stdout)
    assert {m["kind"] for m in meetings} == {"retro", "forum", "sharing"}
    assert sum(m["status"] == "closed" for m in meetings) == 52  # a year of weekly meetings
    assert len(json.loads(run("lesson", "list", "--json").stdout)) >= 4
    forum = next(m["id"] for m in meetings if m["kind"] == "forum")
    minutes = json.loads(run("meeting", "show", forum, "--json").stdout)
    assert minutes["items"] and minutes["checkins"] and minutes["items"][0]["decisions"]
    before = store_bytes(isolated_env)
    again = run("demo")
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert store_bytes(isolated_env) == before


def test_a_reader_that_stops_early_gets_a_quiet_exit(store: Store) -> None:
    """`retro lesson list | head -1`: no "Broken pipe" on stderr, no failure."""
    with store.transaction():  # one write for all: more lines than a pipe holds
        for n in range(1000):
            add_lesson(store, LessonDraft(f"Lesson {n:04} " + "x" * 100, "a", "b", "c"))
    reader = subprocess.Popen(
        [sys.executable, "-m", "retro_tui", "lesson", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.readline()
    reader.stdout.close()  # as head does once it has its line
    assert reader.wait(timeout=60) == 0
    assert reader.stderr.read() == b""


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_says_what_it_does(name: str) -> None:
    def commands(command: click.Command) -> list[click.Command]:
        if isinstance(command, click.Group):
            return [command, *(c for sub in command.commands.values() for c in commands(sub))]
        return [command]

    for each in commands(command(name)):
        assert each.get_short_help_str().strip(), f"{each.name} has no help line"


def test_a_knowledge_sharing_meeting_decides_nothing(run, store: Store) -> None:
    meeting = run("meeting", "new", "--kind", "sharing").stdout.strip()
    item = run("item", "add", meeting, "What we learned at the conference").stdout.strip()
    before = store_bytes(store.folder)
    refused = run("decide", meeting, item, "Use the new scale")
    assert refused.exit_code == 1 and "decides nothing" in refused.stderr
    assert store_bytes(store.folder) == before


@pytest.mark.parametrize(
    ("text", "hinted"),
    [
        ("A sign-out procedure for key boxes", True),
        ("We need a new rule for visits", True),
        ("Skal vi have en regel om nøgler?", True),
        ("No approval rule; we trust each other", False),
        ("Ingen ny regel, vi stoler på hinanden", False),
        ("Prova utan godkännande i en månad", False),
    ],
)
def test_the_rule_hint_comes_for_a_new_rule_not_for_turning_one_down(
    run, store: Store, text: str, hinted: bool
) -> None:
    meeting = run("meeting", "new").stdout.strip()
    added = run("item", "add", meeting, text)
    assert ("Hint:" in added.stderr) == hinted
