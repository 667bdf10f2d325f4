"""A store folder shared with someone who means harm: links planted where a member's
process writes, hand-made or malformed records, control sequences in stored text, and a
member's stricter umask. Nothing follows a link, nothing crashes, nothing is rewritten.
"""

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from retro_tui.domain.lessons import LessonDraft, add_lesson
from retro_tui.domain.meetings import create_meeting
from retro_tui.domain.overview import team_overview
from retro_tui.domain.team import add_member, list_members
from retro_tui.errors import RetroError
from retro_tui.store import Store, StoreCorrupt, clean_text
from retro_tui.store import records as records_module
from retro_tui.store.files import read_json
from retro_tui.store.text import needs_cleaning
from tests.conftest import store_bytes

ROOT = Path(__file__).resolve().parent.parent
LESSONS = "lessons-2026"  # the year of the tests' fixed clock
TEAM_GID, VICTIM_UID, ATTACKER_UID = 4100, 4101, 4102
Run = Callable[..., Result]


def add_a_lesson(store: Store, title: str = "Small steps") -> None:
    add_lesson(store, LessonDraft(title, "tried", "happened", "learned"))


def edit(path: Path, change: Callable[[dict], None]) -> None:
    """Change a store file as another tool or a hand edit would, in place."""
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def refused(result: Result, *named: str) -> None:
    """Exit 1 with one line on stderr that names what it must; never a traceback."""
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    for text in named:
        assert text in result.stderr, result.stderr


def real_retro(
    store: Store, *args: str, timeout: float = 60, **kwargs
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "retro_tui", "--store", str(store.folder), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        **kwargs,
    )


# -- links and odd files planted in the folder, by the same account -------------------


def test_a_planted_link_at_the_lock_file_is_refused_and_its_target_untouched(
    store: Store, tmp_path: Path
) -> None:
    outside = tmp_path / "notes.txt"
    outside.write_text("my own notes\n")
    lock = store.folder / ".lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(outside)
    with pytest.raises(RetroError, match=r"lock file .*\.lock is a symbolic link.*remove the link"):
        add_member(Store(store.folder), "Eve")
    assert outside.read_text() == "my own notes\n"
    assert [m.name for m in list_members(store)] == ["Ada", "Bo", "Cy", "Di"]


def test_a_planted_link_at_the_last_good_copy_is_replaced_not_written_through(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a hard link (another member's file under fs.protected_hardlinks, or a file
    system without them) the last good copy is a real copy: it must not follow a link."""
    add_a_lesson(store)
    outside = tmp_path / "bashrc"
    outside.write_text("alias ls='ls -F'\n")
    bak = store.folder / f"{LESSONS}.json.bak"
    bak.unlink(missing_ok=True)
    bak.symlink_to(outside)
    before = store.path(LESSONS).read_bytes()

    def no_hard_links(*args: object, **kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_hard_links)
    add_a_lesson(Store(store.folder), "Second")
    assert outside.read_text() == "alias ls='ls -F'\n"
    assert not bak.is_symlink() and bak.read_bytes() == before
    assert stat.S_IMODE(bak.stat().st_mode) & 0o060 == 0o060


def test_a_symlinked_store_file_is_refused_never_shown_nor_copied(
    run: Run, store: Store, tmp_path: Path
) -> None:
    add_a_lesson(store)
    outside = tmp_path / "secret.json"
    secret = {"lessons": {"1": json.loads(store.path(LESSONS).read_text())["lessons"]["1"]}}
    secret["lessons"]["1"]["title"] = "the victim's secret"
    outside.write_text(json.dumps(secret))
    store.path(LESSONS).unlink()
    store.path(LESSONS).symlink_to(outside)
    before = store_bytes(store.folder)
    listed = run("lesson", "list")
    refused(listed, f"{LESSONS}.json", "symbolic link")
    assert "secret" not in listed.stdout + listed.stderr
    refused(run("lesson", "add", "New", "--tried", "t", "--happened", "h", "--learned", "l"))
    assert outside.read_text() == json.dumps(secret)
    assert store_bytes(store.folder) == before
    copies = [p for p in store.folder.iterdir() if p.is_file() and not p.is_symlink()]
    assert not any(b"secret" in p.read_bytes() for p in copies)


@pytest.mark.parametrize("name", [f"{LESSONS}.json", ".lock"])
def test_a_fifo_planted_in_the_folder_is_refused_without_hanging(store: Store, name: str) -> None:
    add_a_lesson(store)
    path = store.folder / name
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    result = real_retro(
        store, "lesson", "add", "T", "--tried", "t", "--happened", "h", "--learned", "l", timeout=30
    )
    assert result.returncode == 1 and "not a regular file" in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


# -- two members, two Unix accounts ---------------------------------------------------


def _as(uid: int) -> list[str]:
    return ["setpriv", f"--reuid={uid}", f"--regid={TEAM_GID}", "--clear-groups"]


class TwoMembers:
    """A group-shared store folder and a victim's home, and commands run as either account."""

    def __init__(self, base: Path, python: str, env: dict[str, str]) -> None:
        self.base, self.python, self.env = base, python, env
        self.team = base / "store"
        self.team.mkdir()
        os.chown(self.team, 0, TEAM_GID)
        os.chmod(self.team, 0o2775)
        self.home = base / "victim"
        self.home.mkdir(mode=0o700)
        os.chown(self.home, VICTIM_UID, VICTIM_UID)

    def retro(self, uid: int, *args: str) -> subprocess.CompletedProcess:
        """`retro --store TEAM ARGS...` as `uid`."""
        return self._run(uid, [self.python, "-m", "retro_tui", "--store", str(self.team), *args])

    def shell(self, uid: int, script: str) -> subprocess.CompletedProcess:
        return self._run(uid, ["sh", "-c", script])

    def victims_file(self, name: str, text: str) -> Path:
        path = self.home / name
        path.write_text(text)
        os.chown(path, VICTIM_UID, VICTIM_UID)
        os.chmod(path, 0o644)
        return path

    def _run(self, uid: int, command: list[str]) -> subprocess.CompletedProcess:
        home = self.home if uid == VICTIM_UID else self.base
        return subprocess.run(
            [*_as(uid), *command],
            env={**self.env, "HOME": str(home)},
            cwd=self.base,
            capture_output=True,
            text=True,
            timeout=120,
        )


def _python_for_others(base: Path, env: dict[str, str]) -> str | None:
    """A Python that another account can run with the app and its libraries importable."""
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    for python in (sys.executable, f"/usr/bin/python{version}"):
        if not os.path.exists(python):
            continue
        probe = subprocess.run(
            [*_as(VICTIM_UID), python, "-c", "import retro_tui.cli, tinydb, click"],
            env=env,
            cwd=base,
            capture_output=True,
            timeout=60,
        )
        if probe.returncode == 0:
            return python
    return None


@pytest.fixture
def two_members() -> Iterator[TwoMembers]:
    """Two Unix accounts in one group: the victim (4101) and the attacker (4102)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to act as two Unix accounts")
    base = Path(tempfile.mkdtemp(prefix="retro-two-members-", dir="/tmp"))
    try:
        site = base / "site"  # the app's libraries, where other accounts can read them
        for package in ("click", "tinydb", "platformdirs"):
            module = __import__(package)
            shutil.copytree(Path(module.__file__).parent, site / package)
        for folder, _, files in os.walk(base):
            os.chmod(folder, 0o755)
            for name in files:
                os.chmod(Path(folder) / name, 0o644)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": f"{ROOT}{os.pathsep}{site}",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONNOUSERSITE": "1",
            "RETRO_NOW": os.environ["RETRO_NOW"],
            "LANG": "C.UTF-8",
        }
        python = _python_for_others(base, env)
        if python is None:
            pytest.skip("no Python that another account can run with the app's libraries")
        yield TwoMembers(base, python, env)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _team_with_a_lesson(two: TwoMembers) -> Path:
    """The attacker makes the store, so the lessons file is theirs."""
    for args in (
        ("init", "Shared team"),
        ("member", "add", "Vic"),
        ("member", "add", "Mal"),
        ("lesson", "add", "First", "--tried", "t", "--happened", "h", "--learned", "l"),
    ):
        made = two.retro(ATTACKER_UID, *args)
        assert made.returncode == 0, made.stderr
    assert os.stat(two.team / f"{LESSONS}.json").st_uid == ATTACKER_UID
    return two.team


VICTIM_WRITES = (
    *("--as", "Vic", "lesson", "add", "Second"),
    *("--tried", "t", "--happened", "h", "--learned", "l"),
)


def test_another_member_cannot_make_my_write_land_in_my_own_files(
    two_members: TwoMembers,
) -> None:
    """The attacker owns the lessons file, takes group write off it (so fs.protected_hardlinks
    refuses the victim a hard link to it) and points its last good copy at the victim's
    .bashrc. The victim's next write must replace that link, not write through it."""
    team = _team_with_a_lesson(two_members)
    bashrc = two_members.victims_file(".bashrc", "# my shell, my rules\n")
    lessons, bak = team / f"{LESSONS}.json", team / f"{LESSONS}.json.bak"
    planted = two_members.shell(
        ATTACKER_UID, f"chmod 644 {lessons} && rm -f {bak} && ln -s {bashrc} {bak}"
    )
    assert planted.returncode == 0, planted.stderr
    before = lessons.read_bytes()
    wrote = two_members.retro(VICTIM_UID, *VICTIM_WRITES)
    assert wrote.returncode == 0, wrote.stderr
    assert bashrc.read_text() == "# my shell, my rules\n"
    assert not bak.is_symlink() and bak.read_bytes() == before
    assert b"Second" in lessons.read_bytes() and os.stat(lessons).st_uid == VICTIM_UID


def test_another_members_link_at_the_lock_file_cannot_truncate_my_files(
    two_members: TwoMembers,
) -> None:
    team = _team_with_a_lesson(two_members)
    notes = two_members.victims_file("notes.txt", "remember the milk\n")
    lock = team / ".lock"
    planted = two_members.shell(ATTACKER_UID, f"rm -f {lock} && ln -s {notes} {lock}")
    assert planted.returncode == 0, planted.stderr
    before = (team / f"{LESSONS}.json").read_bytes()
    wrote = two_members.retro(VICTIM_UID, *VICTIM_WRITES)
    assert wrote.returncode == 1 and wrote.stderr.count("\n") == 1, wrote.stderr
    assert ".lock" in wrote.stderr and "remove the link" in wrote.stderr
    assert notes.read_text() == "remember the milk\n"
    assert (team / f"{LESSONS}.json").read_bytes() == before


# -- malformed records ----------------------------------------------------------------


def _first(table: str) -> Callable[[dict], dict]:
    return lambda data: data[table][next(iter(data[table]))]


MALFORMED = {
    "a missing field": (LESSONS, lambda d: _first("lessons")(d).pop("title"), "field 'title'"),
    "a field of the wrong type": (
        LESSONS,
        lambda d: _first("lessons")(d).update(title=5),
        "field 'title'",
    ),
    "a list of the wrong things": (
        LESSONS,
        lambda d: _first("lessons")(d).update(principles=[1, 2]),
        "field 'principles'",
    ),
    "a record that is not an object": (
        LESSONS,
        lambda d: d["lessons"].update({"1": ["not", "a", "record"]}),
        "record 1 of table lessons",
    ),
    "a record id that is not a number": (
        LESSONS,
        lambda d: d["lessons"].update({"one": d["lessons"].pop("1")}),
        "record id 'one'",
    ),
    "a member without a name": ("team", lambda d: _first("members")(d).pop("name"), "members"),
    "a member whose key is not a key line": (
        "team",
        lambda d: _first("members")(d).update(keys=["nonsense"]),
        "field 'keys'",
    ),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_a_malformed_record_gives_one_line_naming_it_and_is_never_rewritten(
    run: Run, store: Store, case: str
) -> None:
    add_a_lesson(store)
    name, change, named = MALFORMED[case]
    edit(store.path(name), change)
    before = store_bytes(store.folder)
    refused(run("lesson", "list"), f"{name}.json", named, "left untouched")
    refused(run("lesson", "add", "New", "--tried", "t", "--happened", "h", "--learned", "l"))
    assert store_bytes(store.folder) == before
    with pytest.raises(StoreCorrupt, match=named):
        team_overview(Store(store.folder))  # what the app's home screen loads


async def test_the_app_says_what_is_wrong_with_a_malformed_store_and_keeps_running(
    store: Store,
) -> None:
    from retro_tui.app import make_app

    add_a_lesson(store)
    edit(store.path(LESSONS), lambda d: _first("lessons")(d).update(tried=["not", "text"]))
    before = store_bytes(store.folder)
    app = make_app(Store(store.folder), env={}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        assert any(f"{LESSONS}.json is corrupt" in m and "'tried'" in m for m in shown), shown
        assert app.is_running
    assert store_bytes(store.folder) == before


MALFORMED_MEETING = {
    "a meeting whose attendance is text": ("meetings-2026", "meetings", "present", "Ada"),
    "a meeting of an unknown kind": ("meetings-2026", "meetings", "kind", "party"),
    "a meeting whose id is not an id": ("meetings-2026", "meetings", "id", "tomorrow"),
    "a card without text": ("meeting-2026-11-22", "cards", "text", None),
    "a check-in with words for energy": ("meeting-2026-11-22", "checkins", "energy", "high"),
    "an item whose checks are a list": ("meeting-2026-11-22", "items", "checks", []),
}


@pytest.mark.parametrize("case", MALFORMED_MEETING, ids=list(MALFORMED_MEETING))
def test_malformed_meeting_records_are_refused_on_read_and_write(
    run: Run, store: Store, case: str
) -> None:
    from retro_tui.domain.agenda import add_item
    from retro_tui.domain.cards import add_card
    from retro_tui.domain.checkins import check_in
    from retro_tui.domain.team import find_member

    meeting = create_meeting(store, "retro")
    add_card(store, meeting.id, "went-well", "Nice", None)
    check_in(store, meeting.id, find_member(store, "Ada"), 4, "steady")
    add_item(store, meeting.id, "Topic", "Ada", 10)
    name, table, field, value = MALFORMED_MEETING[case]
    edit(store.path(name), lambda d: _first(table)(d).update({field: value}))
    before = store_bytes(store.folder)
    refused(run("meeting", "show", meeting.id), f"{name}.json", f"table {table}", f"'{field}'")
    refused(run("card", "add", meeting.id, "to-improve", "More"), f"{name}.json")
    assert store_bytes(store.folder) == before


def test_role_changes_and_reviews_inside_records_are_checked_too(run: Run, store: Store) -> None:
    create_meeting(store, "retro")
    edit(
        store.path("meetings-2026"),
        lambda d: _first("meetings")(d).update(role_changes=[{"role": "both"}]),
    )
    before = store_bytes(store.folder)
    refused(run("meeting", "list"), "meetings-2026.json", "role_changes", "'from_member'")
    assert store_bytes(store.folder) == before


@pytest.mark.parametrize("version", [0, -1, "1", True, 1.0])
def test_a_schema_version_that_is_not_a_positive_whole_number_is_refused(
    run: Run, store: Store, version: object
) -> None:
    edit(store.path("team"), lambda d: d["meta"]["1"].update(schema=version))
    before = store_bytes(store.folder)
    refused(run("member", "list"), "team.json", "schema")
    refused(run("member", "add", "Eve"), "team.json", "schema")
    assert store_bytes(store.folder) == before


@pytest.mark.parametrize("depth", [100_000, 500])
def test_deeply_nested_json_is_refused_as_corrupt(run: Run, store: Store, depth: int) -> None:
    add_a_lesson(store)
    nested = "[" * depth + "]" * depth
    text = store.path(LESSONS).read_text()
    store.path(LESSONS).write_text(text[:-1] + ',"extra":{"1":' + nested + "}}")
    before = store_bytes(store.folder)
    refused(run("lesson", "list"), f"{LESSONS}.json", "nested")
    refused(run("lesson", "add", "New", "--tried", "t", "--happened", "h", "--learned", "l"))
    assert store_bytes(store.folder) == before


def test_unknown_fields_and_tables_are_tolerated_and_left_alone_by_readers(
    run: Run, store: Store
) -> None:
    add_a_lesson(store)
    edit(store.path("team"), lambda d: _first("members")(d).update(colour="blue"))
    edit(store.path(LESSONS), lambda d: d.update(notes={"1": {"any": [1, {"thing": None}]}}))
    before = store_bytes(store.folder)
    assert run("member", "list").exit_code == 0
    assert json.loads(run("lesson", "list", "--json").stdout)[0]["title"] == "Small steps"
    assert store_bytes(store.folder) == before


def test_a_file_changed_in_place_after_a_good_read_is_checked_again(store: Store) -> None:
    add_a_lesson(store)
    path = store.path(LESSONS)
    assert read_json(path) is not None
    edit(path, lambda d: _first("lessons")(d).update(title=None))
    with pytest.raises(StoreCorrupt, match="field 'title'"):
        read_json(path)


def test_the_store_knows_the_meeting_kinds_and_steps_of_the_domain() -> None:
    from retro_tui.domain.flow import KIND_STEPS, STEP_NAMES
    from retro_tui.domain.meetings import KINDS

    assert set(records_module.MEETING_KINDS) == set(KINDS)
    assert set(records_module.MEETING_STEPS) == set(STEP_NAMES)
    from retro_tui.domain.principles import VERDICTS

    assert set(records_module.VERDICTS) == set(VERDICTS)
    assert all(set(steps) <= set(STEP_NAMES) for steps in KIND_STEPS.values())
    from retro_tui.domain.corrections import CHANGES, CORRECTED

    assert records_module.CORRECTED == CORRECTED
    assert records_module.CORRECTION_CHANGES == CHANGES


def test_a_stray_file_beside_the_yearly_files_is_not_taken_for_one(run: Run, store: Store) -> None:
    add_a_lesson(store)
    (store.folder / "lessons-copy.json").write_text('{"lessons": {"1": {"title": 1}}}')
    assert [row["title"] for row in json.loads(run("lesson", "list", "--json").stdout)] == [
        "Small steps"
    ]


@pytest.mark.parametrize("year", ["٢٠٢٦", "２０２６"], ids=["arabic-indic", "full-width"])
def test_a_year_written_in_other_digits_is_not_a_yearly_file(
    run: Run, store: Store, year: str
) -> None:
    """Python reads `٢٠٢٦` as 2026; a file named so must not pass for the year's file."""
    add_a_lesson(store)
    planted = (
        '{"lessons": {"1": {"title": "Planted", "tried": "t", "happened": "h", "learned": "l"}}}'
    )
    (store.folder / f"lessons-{year}.json").write_text(planted)
    (store.folder / f"lessons-team-{year}.json").write_text(planted)
    for index in store.folder.glob("index*.json"):  # so that the folder itself is listed
        index.unlink()
    assert [row["title"] for row in json.loads(run("lesson", "list", "--json").stdout)] == [
        "Small steps"
    ]
    refused(run("decision", "review", f"{year}-1"), "unknown decision")


# -- control sequences written by another tool ----------------------------------------

OSC_TITLE = "\x1b]0;pwned\x07Release \x9b31mnotes"


@pytest.mark.parametrize("raw_c1", [False, True], ids=["escaped", "raw-utf8"])
def test_control_sequences_in_a_stored_title_are_removed_on_read(
    run: Run, store: Store, raw_c1: bool
) -> None:
    add_a_lesson(store)
    edit(store.path(LESSONS), lambda d: _first("lessons")(d).update(title=OSC_TITLE))
    if raw_c1:  # json.dumps escapes; another tool may write the C1 byte raw
        path = store.path(LESSONS)
        path.write_bytes(path.read_bytes().replace(b"\\u009b", "\u009b".encode()))
        assert b"\xc2\x9b" in path.read_bytes()
    before = store_bytes(store.folder)
    listed = run("lesson", "list")
    assert listed.exit_code == 0, listed.stderr
    assert "]0;pwned" in listed.stdout and "Release 31mnotes" in listed.stdout
    assert not any(c in listed.stdout for c in "\x1b\x07\x9b")
    shown = json.loads(run("lesson", "list", "--json").stdout)
    assert shown[0]["title"] == "]0;pwnedRelease 31mnotes"
    assert store_bytes(store.folder) == before


ESCAPES = ["\\u001b", "\\u001B", "\\u0007", "\\u007f", "\\u007F", "\\u009b", "\\u009B"]
ESCAPES += ["\\b", "\\f", "\\r", "\\u2028", "\\u2029", "\\ud800", "\\uDC00", "\\u0000"]


@pytest.mark.parametrize("escape", ESCAPES)
def test_every_kind_of_escaped_control_is_noticed_and_cleaned(escape: str) -> None:
    raw = ('{"t": {"1": {"k": "a' + escape + 'b"}}}').encode()
    assert needs_cleaning(raw)
    assert clean_text(json.loads(raw)["t"]["1"]["k"]) == "ab"


def test_clean_text_drops_lone_surrogates_so_text_always_encodes() -> None:
    typed = b"caf\xe9 ok".decode("utf-8", "surrogateescape")  # as click hands it in
    assert clean_text(typed) == "caf ok"
    clean_text(typed).encode("utf-8")
    assert clean_text("emoji 😀 stays") == "emoji 😀 stays"


def test_plain_text_needs_no_cleaning_pass() -> None:
    text = "Søren’s notes — “fine” ½ °C\nnext line\ttab \\ backslash"
    assert not needs_cleaning(json.dumps({"t": text}, ensure_ascii=False).encode())
    assert clean_text(text) == text


# -- a member's stricter umask --------------------------------------------------------


@pytest.mark.parametrize(
    ("umask", "file_mode", "folder_mode"), [(0o077, 0o660, 0o2770), (0o022, 0o664, 0o2775)]
)
def test_modes_keep_group_access_and_follow_the_umask_for_others(
    tmp_path: Path, umask: int, file_mode: int, folder_mode: int
) -> None:
    folder = Store(tmp_path / "shared")

    def retro(*args: str) -> None:
        done = real_retro(folder, *args, preexec_fn=lambda: os.umask(umask))
        assert done.returncode == 0, done.stderr

    retro("init", "Strict team")
    retro("member", "add", "Ada")
    assert stat.S_IMODE(folder.folder.stat().st_mode) == folder_mode
    for path in folder.folder.iterdir():
        assert stat.S_IMODE(path.lstat().st_mode) == file_mode, path
    assert {p.name for p in folder.folder.iterdir()} >= {"team.json", "team.json.bak", ".lock"}


def test_a_store_folder_without_access_is_a_user_error(two_members: TwoMembers) -> None:
    """Exit 1 with one line, as for any store problem, not click's usage error (exit 2)."""
    made = two_members.retro(ATTACKER_UID, "init", "Their own team")
    assert made.returncode == 0, made.stderr
    os.chmod(two_members.team, 0o700)  # the folder's owner (root here) shuts the others out
    for args in (["member", "list"], ["lesson", "list", "--json"]):
        done = two_members.retro(VICTIM_UID, *args)
        assert done.returncode == 1, done.stderr
        assert done.stderr.startswith("retro: ") and done.stderr.count("\n") == 1
        assert "Permission denied" in done.stderr and "Traceback" not in done.stderr


def _meeting_with_everything(store: Store) -> str:
    from retro_tui.domain.agenda import add_item, set_check
    from retro_tui.domain.checkins import check_in
    from retro_tui.domain.flow import discuss_item
    from retro_tui.domain.team import find_member

    meeting = create_meeting(store, "retro")
    ada = find_member(store, "Ada")
    check_in(store, meeting.id, ada, 4, "curious")
    item = add_item(store, meeting.id, "Visits", None, 10)
    set_check(store, meeting.id, item.id, "purpose", "supports")
    discuss_item(store, meeting.id, item.id, 10, find_member(store, meeting.facilitator))
    return meeting.id


def _edit(path: Path, change: Callable[[dict], None]) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


PLAUSIBLE_BUT_WRONG = {
    "energy out of range": ("meeting", lambda d: d["checkins"]["1"].update(energy=7)),
    "unknown verdict": (
        "meeting",
        lambda d: d["items"]["1"]["checks"]["purpose"].update(verdict="maybe"),
    ),
    "time with a zone": (
        "meeting",
        lambda d: d["state"]["1"].update(timer_started="2026-11-22T10:00:00+05:00"),
    ),
    "id with a leading zero": (
        "meeting",
        lambda d: d["checkins"].update({"01": {**d["checkins"]["1"]}}),
    ),
    "a 5000-digit id": (
        "meeting",
        lambda d: d["checkins"].update({"9" * 5000: d["checkins"]["1"]}),
    ),
    "two meetings with one id": (
        "meetings",
        lambda d: d["meetings"].update({"2": {**d["meetings"]["1"]}}),
    ),
    # A group's key names its files: one with a path in it would lead readers and writers
    # out of the folder (`actions-../../elsewhere-2026.json`).
    "a meeting's group that climbs out": (
        "meetings",
        lambda d: d["meetings"]["1"].update(group="../../elsewhere"),
    ),
    "a meeting's file naming a group that climbs out": (
        "meeting",
        lambda d: d["state"]["1"].update(group="../elsewhere"),
    ),
    "two principles with one key": (
        "team",
        lambda d: d["principles"].update({"99": {**d["principles"]["1"]}}),
    ),
}


@pytest.mark.parametrize("case", sorted(PLAUSIBLE_BUT_WRONG))
def test_plausible_but_wrong_values_are_refused_on_read(run: Run, store: Store, case: str) -> None:
    meeting_id = _meeting_with_everything(store)
    kind, change = PLAUSIBLE_BUT_WRONG[case]
    name = {"meeting": f"meeting-{meeting_id}", "meetings": "meetings-2026", "team": "team"}[kind]
    _edit(store.path(name), change)
    before = store_bytes(store.folder)
    for args in (["meeting", "show", meeting_id], ["card", "add", meeting_id, "went-well", "x"]):
        result = run(*args)
        assert result.exit_code == 1, (case, result.stdout)
        assert result.stderr.count("\n") == 1 and f"{name}.json" in result.stderr
    assert store_bytes(store.folder) == before


def test_a_store_file_in_another_encoding_is_refused(run: Run, store: Store) -> None:
    """JSON may come as UTF-16; retro writes and reads UTF-8 only, so nothing slips past
    the check for control characters."""
    path = store.path("team")
    data = json.loads(path.read_text())
    data["meta"]["1"]["name"] = "Team\x1b]0;OWNED\x07"
    path.write_bytes(json.dumps(data).encode("utf-16-le"))
    result = run("member", "list")
    assert result.exit_code == 1 and "team.json" in result.stderr and "\x1b" not in result.stderr


def test_a_hard_link_planted_at_the_lock_file_keeps_its_mode(store: Store, tmp_path: Path) -> None:
    """A link at .lock to someone's own file must not change that file's permissions."""
    private = tmp_path / "id_ed25519"
    private.write_text("secret")
    os.chmod(private, 0o600)
    lock = store.folder / ".lock"
    lock.unlink(missing_ok=True)
    os.link(private, lock)
    add_a_lesson(store)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600 and private.read_text() == "secret"
    from retro_tui.domain.groups import FACILITATIONS, GROUP_KINDS, TEAM_GROUP

    assert set(records_module.GROUP_KINDS) == set(GROUP_KINDS) - {TEAM_GROUP}
    assert set(records_module.FACILITATIONS) == set(FACILITATIONS)


def test_a_group_key_too_long_for_a_file_name_is_only_ever_an_error(run: Run, store: Store) -> None:
    """A key names files, and a file system takes names of 255 bytes at most: a typed id
    or a meeting file naming a longer one gives one line, and the meeting stays usable."""
    meeting = create_meeting(store)
    path = store.path(f"meeting-{meeting.id}")
    _edit(path, lambda d: d["state"]["1"].update(group="a" * 300))
    assert run("item", "add", meeting.id, "Still works").exit_code == 0
    assert run("export", meeting.id, "--format", "json").exit_code == 0
    refused(run("decision", "review", "a" * 300 + "-2026-1"), "unknown decision")
    refused(run("action", "review", "ø" * 100 + "-2026-1", "done", "--meeting", meeting.id))
