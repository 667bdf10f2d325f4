"""The command line as a hostile member would try it: reading cards before the reveal,
escape sequences planted in a store file, bytes that are not UTF-8, a folder without access."""

import json
import os
import subprocess
import sys

import pytest

from retro_tui.domain.cards import add_card, reveal_cards
from retro_tui.domain.lessons import LessonDraft, add_lesson
from retro_tui.domain.meetings import create_meeting, get_meeting
from retro_tui.domain.team import find_member
from retro_tui.store import Store
from tests.conftest import store_bytes

SECRET = "The rota spreadsheet is wrong again"
ESCAPES = "\x1b]0;pwned\x07\x1b]52;c;ZWNobyBvd25lZA==\x07\x9b31m"


@pytest.fixture
def hidden_card(store: Store) -> str:
    meeting = create_meeting(store, "retro")
    add_card(store, meeting.id, "to-improve", SECRET, find_member(store, "Ada"))
    return meeting.id


@pytest.mark.parametrize(
    "args",
    [
        ["meeting", "show", "ID"],
        ["meeting", "show", "ID", "--json"],
        ["export", "ID", "--format", "md"],
        ["export", "ID", "--format", "html"],
        ["export", "ID", "--format", "json"],
        ["card", "list", "ID", "--json"],
    ],
)
def test_a_hidden_card_is_read_only_by_its_author(
    run, store: Store, hidden_card: str, args: list[str]
) -> None:
    full = [hidden_card if arg == "ID" else arg for arg in args]
    as_bo = run("--as", "Bo", *full)
    assert as_bo.exit_code == 0 and SECRET not in as_bo.stdout
    assert "hidden" in as_bo.stdout
    nobody = run(*full)
    assert nobody.exit_code == 0 and SECRET not in nobody.stdout
    assert SECRET in run("--as", "Ada", *full).stdout

    reveal(store, hidden_card)
    assert SECRET in run("--as", "Bo", *full).stdout


def reveal(store: Store, meeting_id: str) -> None:
    reveal_cards(store, meeting_id, find_member(store, get_meeting(store, meeting_id).facilitator))


def plant(store: Store, name: str, table: str, field: str, value: str) -> None:
    """Edit a store file by hand, as another tool or a member with a text editor could."""
    path = store.path(name)
    data = json.loads(path.read_text())
    for doc in data[table].values():
        doc[field] = value
    path.write_text(json.dumps(data, ensure_ascii=False))


def test_escape_sequences_in_a_store_file_never_reach_the_terminal(
    run, store: Store, hidden_card: str
) -> None:
    lesson = add_lesson(store, LessonDraft("Call first", "visits", "nobody home", "call first"))
    plant(store, f"lessons-{lesson.id.split('-')[0]}", "lessons", "title", f"Call{ESCAPES} first")
    reveal(store, hidden_card)
    plant(store, f"meeting-{hidden_card}", "cards", "text", f"Rota{ESCAPES}")
    for args in (
        ["lesson", "list"],
        ["lesson", "list", "--json"],
        ["meeting", "show", hidden_card],
        ["meeting", "show", hidden_card, "--json"],
        ["card", "list", hidden_card],
        ["export", hidden_card, "--format", "html"],
        ["export", hidden_card, "--format", "json"],
    ):
        shown = run(*args)
        assert shown.exit_code == 0, shown.stderr
        for char in "\x1b\x07\x9b":
            assert char not in shown.stdout, f"{args} printed {char!r}"
        assert "Call]0;pwned" in shown.stdout or "Rota]0;pwned" in shown.stdout


def test_bytes_that_are_not_utf8_are_one_clear_line(store: Store) -> None:
    before = store_bytes(store.folder)
    env = {**os.environ, "RETRO_STORE": str(store.folder)}
    for args in (
        [b"member", b"add", b"Bo\xff"],
        [b"lesson", b"add", b"T\xfe", b"--tried", b"a", b"--happened", b"b", b"--learned", b"c"],
        [b"--as", b"Ad\xffa", b"meeting", b"new"],
    ):
        done = subprocess.run(
            [sys.executable.encode(), b"-m", b"retro_tui", *args],
            capture_output=True,
            env=env,
            timeout=60,
        )
        assert done.returncode == 1, done.stderr
        assert done.stderr.count(b"\n") == 1 and b"Traceback" not in done.stderr
    assert store_bytes(store.folder) == before
