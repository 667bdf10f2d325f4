"""The translated app as a hostile member would try it.

Every sentence became `_("... {name} ...").format(name=...)` (or `filled()` / `styled()`
with pieces), in English, Danish and Swedish. A member's text in one of them must stay
plain (never markup, never a control sequence, never a format template), hidden cards
stay hidden, and the language surfaces (`--lang`, `$RETRO_LANG`, the locale, a client's
LANG over `retro serve`, `retro team language`, a hand-made team.json) give one clear line
or English, never a crash.
"""

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from textual.widgets import DataTable
from textual.widgets._toast import Toast

from retro_tui import i18n
from retro_tui.app import make_app
from retro_tui.cli import cli
from retro_tui.dialogs.form import FormScreen
from retro_tui.domain.actions import add_action
from retro_tui.domain.agenda import add_item
from retro_tui.domain.cards import add_card, reveal_cards
from retro_tui.domain.checkins import check_in
from retro_tui.domain.decisions import add_decision
from retro_tui.domain.flow import discuss_item, go_to_step, steps_of
from retro_tui.domain.groups import add_group
from retro_tui.domain.health import answer_health
from retro_tui.domain.lessons import LessonDraft, add_lesson
from retro_tui.domain.meetings import Setup, create_meeting, get_meeting
from retro_tui.domain.principles import list_principles
from retro_tui.domain.tasks import add_task, agree, check
from retro_tui.domain.team import add_member, find_member, init_team, set_team_language
from retro_tui.domain.templates import add_template
from retro_tui.domain.themes import group_card
from retro_tui.domain.validate import WORD_MAX
from retro_tui.i18n import chosen_language, language_of
from retro_tui.screens.meeting import MeetingScreen
from retro_tui.serve import client_language
from retro_tui.store import Store
from tests.conftest import store_bytes

MARKUP = "[@click=app.quit]x[/]"  # a link that would quit the app of whoever clicks it
CLOSER = "[/]"  # a closing tag with nothing to close: markup that does not parse
TEMPLATE = "{0.__class__}{name}{}"  # a format template, if it were ever used as one
ESC = "\x1b]0;owned\x07\x1b[31m"  # a title change and a colour


@pytest.fixture(autouse=True)
def crash_log_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A crash is logged here, not in the home folder."""
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    return state


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def on_screen(app) -> str:
    return "\n".join(screen_lines(app))


def live_actions(app) -> set[str]:
    """Every action a click on the screen would run through text (`@click` markup)."""
    found = set()
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            if style is not None and style._meta:
                found |= {f"{k}={v}" for k, v in style.meta.items() if str(k) == "@click"}
    return found


def one_clear_line(result: Result | subprocess.CompletedProcess, code: int = 1) -> str:
    """Exit `code` with exactly one line on stderr, no traceback and no control character;
    the line."""
    returncode = result.exit_code if isinstance(result, Result) else result.returncode
    stderr = result.stderr
    assert returncode == code, (returncode, result.stdout, stderr)
    assert stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr and "crash.log" not in stderr, stderr  # not a crash
    assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) < 0xA0 for c in stderr), stderr
    return stderr.strip()


def real_retro(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    base = {"PATH": "/usr/bin:/bin", "RETRO_NOW": "2026-11-22T10:00:00", "HOME": env["HOME"]}
    return subprocess.run(
        [sys.executable, "-m", "retro_tui", *args],
        capture_output=True,
        text=True,
        env={**base, **env},
        timeout=timeout,
        cwd=Path(__file__).resolve().parent.parent,
    )


def edit(path: Path, change: Callable[[dict], None]) -> None:
    """Change a store file as a hand edit would, in place."""
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


# 1. Markup injection: a member's text in a toast, a label, a title, in every language.


async def toast_settles(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


def toast_texts(app) -> list[str]:
    """What each toast on screen says (rendering it as Textual does)."""
    return [toast.render().plain for toast in app.screen.query(Toast)]


async def click_the_links_in_toasts(pilot) -> None:
    """Click wherever a toast's text carries an action, as a curious member would."""
    app = pilot.app
    for toast in list(app.screen.query(Toast)):
        content = toast.render()
        first = content.plain.split("\n")[0]
        lines = screen_lines(app)
        row = next(
            (y for y in range(toast.region.y, toast.region.bottom) if first[:12] in lines[y]), None
        )
        if row is None:
            continue
        x0 = lines[row].index(first[:12])
        for span in content.spans:
            if "@click" in str(span.style) and span.end <= len(first):
                await pilot.click(offset=(x0 + span.start, row))
                await pilot.pause()
                assert app.is_running, f"a click on the toast ran {span.style}"


async def shows_in_a_toast_as_typed(pilot, text: str) -> None:
    """A toast says `text` exactly as typed, and clicking on it runs nothing."""
    app = pilot.app
    await toast_settles(pilot)
    assert app.is_running and app.crash is None
    await click_the_links_in_toasts(pilot)
    assert any(text in said for said in toast_texts(app)), toast_texts(app)


@pytest.mark.parametrize(("name", "code"), [(MARKUP, "en"), (CLOSER, "da")])
async def test_the_tasks_warning_shows_the_pair_as_typed(
    store: Store, name: str, code: str
) -> None:
    """The warning that only the pair answers a task's check names them as typed: a
    member named `[/]` crashes nobody's app, and one named like a link makes no link."""
    i18n.set_language(code)
    add_member(store, name, "sneaky")
    add_task(store, "Shift planning", "Bo", name)
    app = make_app(store, "Ada", {}, cursor_blink=False)
    async with app.run_test(size=(110, 30), notifications=True) as pilot:
        await pilot.press("t")  # Tasks, from Home
        await pilot.pause()
        await pilot.press("c")  # Ada is not one of the pair: a warning names them
        await shows_in_a_toast_as_typed(pilot, name)


@pytest.mark.parametrize(("title", "code"), [(MARKUP, "en"), (CLOSER, "da")])
async def test_the_decision_review_toast_shows_the_meeting_title_as_typed(
    store: Store, title: str, code: str
) -> None:
    """The note that a review is on the agenda shows the meeting's title as typed."""
    i18n.set_language(code)
    meeting = create_meeting(store, "retro", title=title)
    item = add_item(store, meeting.id, "Night shift handover")
    add_decision(store, meeting.id, item.id, "Hand over at the bed", ["Bo"], ["Cy"])
    app = make_app(store, "Ada", {}, cursor_blink=False)
    async with app.run_test(size=(110, 30), notifications=True) as pilot:
        await pilot.press("d")  # the register, from Home
        await pilot.pause()
        await pilot.press("a")  # review it at the next meeting: a toast names the meeting
        await shows_in_a_toast_as_typed(pilot, title)


@pytest.mark.parametrize(("title", "code"), [(MARKUP, "sv"), (CLOSER, "en")])
async def test_the_flag_on_agenda_toast_shows_the_meeting_title_as_typed(
    store: Store, title: str, code: str
) -> None:
    """The note that a task's flag is on the agenda shows the meeting's title as typed."""
    i18n.set_language(code)
    create_meeting(store, "retro", title=title)
    add_task(store, "Onboarding", "Bo", "Ada")
    texts = {
        key: "We agree on it" for key in ("frame", "roles", "results", "resources", "direction")
    }
    agree(store, "Onboarding", texts)
    for member in ("Ada", "Bo"):
        check(store, "Onboarding", find_member(store, member), {key: 1 for key in texts})
    app = make_app(store, "Ada", {}, cursor_blink=False)
    async with app.run_test(size=(110, 30), notifications=True) as pilot:
        await pilot.press("t")  # Tasks
        await pilot.pause()
        await pilot.press("t")  # flag it to the agenda: a form, then a toast naming the meeting
        await pilot.pause()
        await pilot.press("ctrl+s")
        await shows_in_a_toast_as_typed(pilot, title)


@pytest.mark.parametrize("code", ["da", "sv"])
async def test_a_warning_with_markup_off_shows_a_name_as_typed(
    isolated_env: Path, code: str
) -> None:
    """The pattern the tests above guard: over SSH, checking in someone else is refused
    with a toast naming them, `markup=False` (widgets/checkin_step.py)."""
    i18n.set_language(code)
    store = Store(isolated_env)
    init_team(store, "Test team")
    for name, handle in (("Ada", "ada"), (MARKUP, "m1"), ("Bo", "bo")):
        add_member(store, name, handle)
    meeting = create_meeting(store, "retro")
    go_to_step(store, meeting.id, "checkin", find_member(store, "Ada"))
    app = make_app(store, "Ada", {"RETRO_REMOTE": "1"}, cursor_blink=False)
    async with app.run_test(size=(110, 30), notifications=True) as pilot:
        await app.push_screen(MeetingScreen(meeting.id))
        await pilot.pause()
        app.screen.focus_step()
        await pilot.press("down", "enter")  # the second present member: not Ada
        await shows_in_a_toast_as_typed(pilot, MARKUP)


@pytest.mark.parametrize("name", [MARKUP, CLOSER])
async def test_the_tension_question_shows_a_principle_as_typed(store: Store, name: str) -> None:
    """The tension form's question names the principle as the team worded it (team.json,
    which a member of a shared store can edit), never as markup."""
    edit(
        store.folder / "team.json",
        lambda data: data["principles"]["1"].update(name=name),
    )
    meeting = create_meeting(store, "retro")
    lead = find_member(store, get_meeting(store, meeting.id).facilitator)
    item = add_item(store, meeting.id, "Afternoon visits", None, 15)
    go_to_step(store, meeting.id, "agenda", lead)
    discuss_item(store, meeting.id, item.id, item.timebox, lead)
    app = make_app(store, lead.name, {}, cursor_blink=False)
    async with app.run_test(size=(110, 30)) as pilot:
        await app.push_screen(MeetingScreen(meeting.id))
        await pilot.pause()
        app.screen.query_one("#check-table", DataTable).focus()
        await pilot.press("t")  # the first principle is in tension: a form asks why
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.is_running and app.crash is None
        assert not live_actions(app), live_actions(app)
        assert name in on_screen(app), on_screen(app)


def hostile_store(folder: Path, text: str) -> tuple[Store, str]:
    """A team whose every name and text is `text`: the team, its first member (who
    facilitates), a meeting (with a health check) and its item, decision, action, cards,
    theme, check-in, lesson, a forum, a task. The meeting's id."""
    store = Store(folder)
    init_team(store, text, text)
    for name, handle in ((text, "h1"), ("Bo", "bo"), ("Cy", "cy")):
        add_member(store, name, handle)
    me = find_member(store, text)
    add_group(store, "forum", f"{text} forum", text, {"lead": text, "co-lead": "Bo"}, ["Cy"])
    add_task(store, text, "Bo", text)
    meeting = create_meeting(store, "retro", title=text, setup=Setup(health=True))
    assert meeting.facilitator == text
    check_in(store, meeting.id, me, 3, text[:WORD_MAX])
    item = add_item(store, meeting.id, text, text, 10)
    add_decision(store, meeting.id, item.id, text, [text], [text], by=me)
    add_action(store, meeting.id, text, text, date(2026, 12, 1), item.id)
    go_to_step(store, meeting.id, "cards", me)
    card = add_card(store, meeting.id, "failed-learned", text, me)
    add_card(store, meeting.id, "went-well", text, find_member(store, "Bo"))
    reveal_cards(store, meeting.id, me)
    group_card(store, meeting.id, card.id, text, me)
    add_lesson(store, LessonDraft(text, text, text, text, text, ["alive"], meeting.id))
    discuss_item(store, meeting.id, item.id, 10, me)
    return store, meeting.id


async def safe_here(pilot, where: str, text: str, shown: bool = True) -> None:
    """No crash, no live action in the rendered screen, and `text` shown as typed."""
    app = pilot.app
    await pilot.pause()
    await pilot.pause()
    assert app.is_running and app.crash is None, where
    assert not live_actions(app), f"{where}: {live_actions(app)}"
    if shown:
        assert text in on_screen(app), f"{where}: {text} is not on screen:\n{on_screen(app)}"


@pytest.mark.parametrize(
    ("text", "code"),
    [(MARKUP, "da"), (MARKUP, "sv"), (CLOSER, "da"), (CLOSER, "sv"), (TEMPLATE, "sv")],
)
async def test_every_screen_shows_peoples_text_as_typed_in_every_language(
    isolated_env: Path, text: str, code: str
) -> None:
    """Home, each step of a meeting (with its translated sentences built around names),
    the presenter, the start dialog, the lessons, forums, decisions, tasks and trends:
    a member's text is plain in every one of them, in Danish and Swedish."""
    i18n.set_language(code)
    store, meeting_id = hostile_store(isolated_env, text)
    me = find_member(store, text)
    app = make_app(store, text, {}, cursor_blink=False)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await safe_here(pilot, "home", text)
        await pilot.press("n")  # today's meeting is running: the dialog names it
        await safe_here(pilot, "start meeting", text)
        await pilot.press("escape")
        for step in steps_of(get_meeting(store, meeting_id)):
            go_to_step(store, meeting_id, step, me)
            await app.push_screen(MeetingScreen(meeting_id))
            await safe_here(pilot, step, text)
            if step == "agenda":
                for key in ("n", "d"):  # "Notes: {title}", "Decision: {title}"
                    await pilot.press(key)
                    await safe_here(pilot, f"agenda {key}", text)
                    await pilot.press("escape")
            await pilot.press("ctrl+t")  # the presenter: "{title} · {step} · facilitator {name}"
            await safe_here(pilot, f"presenter at {step}", text, shown=step != "checkin")
            await pilot.press("escape")
            app.pop_screen()
        for key, where in (("l", "lessons"), ("f", "forums"), ("d", "decisions"), ("t", "tasks")):
            await pilot.press(key)
            await safe_here(pilot, where, text)
            if where == "decisions":
                await pilot.press("r")  # "{group} keeps it in the register, with the reason."
                await safe_here(pilot, "retire", text)
                await pilot.press("escape")
            if where == "forums":
                await pilot.press("l")  # "Change the leads of {group}"
                await safe_here(pilot, "change leads", text)
                await pilot.press("escape")
            if where == "tasks":
                await pilot.press("g")  # "Agreement: {task}"
                await safe_here(pilot, "agreement", text)
                await pilot.press("escape")
            app.pop_screen()
        await pilot.press("y")
        await safe_here(pilot, "trends", text, shown=False)


# 2 and 3. Control sequences and format templates in people's text, through every
# translated sentence of the command line and of every export.

MD_TEMPLATE = TEMPLATE.replace("_", "\\_")  # as Markdown escapes it


def cli_commands(meeting_id: str, text: str) -> list[tuple[str, ...]]:
    """Every command that shows people's text, in each of its formats."""
    return [
        ("meeting", "list"),
        ("meeting", "list", "--json"),
        ("meeting", "show", meeting_id),
        ("action", "list"),
        ("card", "list", meeting_id),
        ("item", "list", meeting_id),
        ("health", "show", meeting_id),
        ("forum", "list"),
        ("forum", "show", f"{text} forum"),
        ("task", "list"),
        ("task", "show", text),
        ("decision", "list"),
        ("lesson", "list"),
        ("lesson", "list", "--search", text),
        ("rota",),
        ("rota", "--ics"),
        ("export", meeting_id),
        ("export", meeting_id, "--format", "html"),
        ("export", meeting_id, "--format", "json"),
        ("map",),
        ("map", "--format", "html"),
        ("map", "--format", "json"),
        ("report",),
        ("report", "--format", "html"),
        ("report", "--format", "json"),
        ("template", "list"),
        ("member", "list"),
        ("principles",),
        ("team", "language"),
    ]


@pytest.mark.parametrize("code", ["en", "da", "sv"])
def test_a_format_template_in_peoples_text_stays_text_everywhere(
    isolated_env: Path, run, code: str
) -> None:
    """A name, title, card, theme, note, lesson, forum and task reading
    `{0.__class__}{name}{}` goes into every `.format()` as a value, never as the template:
    nothing crashes, nothing leaks, and it prints as typed, in each language."""
    i18n.set_language(code)
    store, meeting_id = hostile_store(isolated_env, TEMPLATE)
    set_team_language(store, code)
    seen = 0
    for args in cli_commands(meeting_id, TEMPLATE):
        result = run("--lang", code, "--as", TEMPLATE, *args)
        assert result.exit_code == 0, (args, result.output)
        assert "<class" not in result.output and "__class__}" not in result.stderr, args
        seen += TEMPLATE in result.stdout or MD_TEMPLATE in result.stdout
    assert seen >= 20


@pytest.mark.parametrize("code", ["da", "sv"])
def test_control_sequences_a_hand_edit_planted_never_reach_the_terminal(
    store: Store, run, code: str
) -> None:
    """A store shared with a hostile member: control sequences written into team.json and
    the meetings by hand are cleaned on the way out of every translated sentence."""
    meeting = create_meeting(store, "retro", title="Plain")
    edit(store.folder / "team.json", lambda data: data["meta"]["1"].update(name=f"Team{ESC}"))
    edit(
        store.folder / "team.json",
        lambda data: data["members"]["1"].update(name=f"Ada{ESC}"),
    )
    year = store.folder / "meetings-2026.json"
    edit(year, lambda data: data["meetings"]["1"].update(title=f"T{ESC}", facilitator=f"Ada{ESC}"))
    set_team_language(store, code)
    shown = ""
    for args in cli_commands(meeting.id, "Plain"):
        result = run("--lang", code, *args)
        for stream in (result.stdout, result.stderr):
            assert "\x1b" not in stream and "\x07" not in stream and "\x9b" not in stream, args
            shown += stream
    assert "owned" in shown  # the planted text was read, and shown without its controls


# 4. The language surfaces.

ODD_VALUES = [
    "",
    " ",
    "klingon",
    "DA_dk.utf-8@euro",
    "../../../../etc/passwd",
    "da/../../tmp/x",
    "/usr/share/locale/da",
    ESC + "da",
    "da" + ESC,
    "da\x00sv",
    "da\udcff",  # a byte that is not UTF-8, as os.environ carries it
    "{0.__class__}",
    "%s%n",
    "x" * 100_000,
]


@pytest.mark.parametrize("value", ODD_VALUES)
def test_an_odd_locale_is_english_or_one_of_ours_never_a_path(value: str) -> None:
    for variable in ("LANG", "LC_ALL", "LC_MESSAGES"):
        chosen = chosen_language(None, {variable: value})
        assert chosen in i18n.LANGUAGES
    assert language_of(value) in (None, *i18n.LANGUAGES)


@pytest.mark.parametrize("value", ODD_VALUES)
def test_a_clients_lang_over_ssh_gives_only_a_language_we_speak(value: str) -> None:
    """`client_language` turns what an SSH client sent into RETRO_LANG for the app: only
    en, da or sv ever comes out, whatever the client sends in LANG and LC_*."""
    for sent in ({"LANG": value}, {"LC_ALL": value, "LANG": "da_DK.UTF-8"}, {"LC_MESSAGES": value}):
        assert client_language(sent) in (None, *i18n.LANGUAGES), sent
    assert client_language({"RETRO_LANG": "../../x", "LANGUAGE": "sv"}) is None


@pytest.mark.parametrize("value", [v for v in ODD_VALUES if v.strip() and language_of(v) is None])
def test_an_odd_lang_option_is_a_usage_error_without_control_characters(value: str) -> None:
    result = CliRunner().invoke(cli, ["--lang", value, "rota"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "\x1b" not in result.output and "\x00" not in result.output


@pytest.mark.parametrize(
    "value", ["klingon", "../../../etc/passwd", "\x1b]0;owned\x07da", "{0.__class__}", "x" * 5000]
)
def test_an_odd_retro_lang_is_one_clear_line(tmp_path: Path, value: str) -> None:
    run = real_retro(
        "rota", env={"HOME": str(tmp_path), "RETRO_STORE": str(tmp_path / "s"), "RETRO_LANG": value}
    )
    line = one_clear_line(run)
    assert line.startswith("retro: RETRO_LANG is ")


@pytest.mark.parametrize(
    "environ",
    [
        {"LANG": "\x1b[31mda/../../x", "LC_ALL": "../../../../etc/passwd"},
        {"LC_ALL": "x" * 50_000},
        {"LANG": "da_DK.UTF-8", "LANGUAGE": "../../../../tmp"},
        {"LC_MESSAGES": "sv_SE.ISO-8859-1@euro", "LANG": "{0.__class__}"},
    ],
)
def test_an_odd_locale_never_stops_the_command_line(tmp_path: Path, environ: dict) -> None:
    run = real_retro("--help", env={"HOME": str(tmp_path), **environ})
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert run.stdout.split()[0] in ("Usage:", "Brug:", "Användning:")


def test_the_lang_option_overrides_a_bad_retro_lang(tmp_path: Path) -> None:
    """`--lang` comes before `$RETRO_LANG`: a bad `$RETRO_LANG` (in a profile, or the
    host's) stops no command that says which language to use."""
    run = real_retro(
        "--lang", "en", "--help",
        env={"HOME": str(tmp_path), "RETRO_STORE": str(tmp_path / "s"), "RETRO_LANG": "fr"},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Usage:")


@pytest.mark.parametrize(
    "value", ["", "DA", "da_DK.UTF-8", "../da", "fr", ESC, "da\x00", "{code}", "x" * 10_000]
)
def test_an_odd_team_language_is_one_clear_line_and_changes_nothing(
    store: Store, run, value: str
) -> None:
    before = store_bytes(store.folder)
    result = run("team", "language", value)
    line = one_clear_line(result)
    assert "da, en, sv" in line
    assert store_bytes(store.folder) == before


@pytest.mark.parametrize("value", ["DA", "../da", "fr", ESC, "{0.__class__}", "x" * 10_000])
def test_init_with_an_odd_language_is_one_clear_line_and_makes_no_store(
    isolated_env: Path, run, value: str
) -> None:
    result = run("init", "Night shift", "--lang", value)
    one_clear_line(result)
    assert not isolated_env.exists() or not any(isolated_env.iterdir())


@pytest.mark.parametrize("value", ["fr", "", "../../etc/passwd", "da\x1b", 5, None, ["da"]])
def test_a_hand_made_team_language_reads_as_english_or_names_the_file(
    store: Store, run, value: object
) -> None:
    """team.json holding a language that is not one of ours: a text reads as English (a
    later version may speak more languages), anything else is a damaged file that every
    command names in one line; nothing crashes and nothing is rewritten."""
    meeting = create_meeting(store, "retro", title="Plain")
    edit(store.folder / "team.json", lambda data: data["meta"]["1"].update(language=value))
    before = store_bytes(store.folder)
    for code in ("en", "da"):
        for args in cli_commands(meeting.id, "Plain"):
            result = run("--lang", code, *args)
            if not isinstance(value, str):
                assert "team.json" in one_clear_line(result), args
            elif result.exit_code != 0:
                assert "unexpected error" not in one_clear_line(result), args
    if isinstance(value, str):
        assert "Facilitator:" in run("--lang", "da", "export", meeting.id).stdout  # English
    assert store_bytes(store.folder) == before


@pytest.mark.parametrize("key", ["n", "l", "f", "d", "t", "y"])
async def test_the_app_survives_a_hand_made_team_language(store: Store, key: str) -> None:
    """A language in team.json that is not one of ours reads as English: every key that
    opens a screen or dialog still works."""
    create_meeting(store, "retro", title="Plain")
    edit(store.folder / "team.json", lambda data: data["meta"]["1"].update(language="fr"))
    app = make_app(store, "Ada", {}, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.is_running and app.crash is None
        await pilot.press(key)
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and app.crash is None


# 5. Stored values the translated code now looks up, where it used to show them.


def hand_made_meeting(store: Store, **fields: object) -> str:
    """A meeting whose record in meetings-YYYY.json a hand edit changed (the store's
    schema takes any text for its status and for a role change's role); its id."""
    meeting = create_meeting(store, "retro", title="Plain")
    edit(store.folder / "meetings-2026.json", lambda data: data["meetings"]["1"].update(fields))
    return meeting.id


async def test_a_meeting_with_a_status_of_its_own_opens(store: Store) -> None:
    """A meeting with a status this version does not know (a later one wrote it) opens,
    its status shown as stored."""
    meeting_id = hand_made_meeting(store, status="postponed")
    app = make_app(store, "Ada", {}, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "postponed" in on_screen(app)  # Home shows it as stored
        await app.push_screen(MeetingScreen(meeting_id))
        await pilot.pause()
        assert app.is_running and app.crash is None
        assert "postponed" in on_screen(app)


def test_reopening_a_meeting_with_a_status_of_its_own_is_one_clear_line(store: Store, run) -> None:
    """Reopening a meeting with a status this version does not know is one clear line."""
    meeting_id = hand_made_meeting(store, status="postponed")
    result = run("--as", "Ada", "meeting", "reopen", meeting_id, "--reason", "Again")
    assert meeting_id in one_clear_line(result)


ROLE_CHANGE = {
    "role": "lead",  # a role the minutes have no sentence for
    "from_member": "Ada",
    "to_member": "Bo",
    "reason": "Ada is away",
    "at": "2026-11-22T10:00:00",
    "by": "Ada",
}


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_minutes_with_a_role_change_of_its_own_export(store: Store, run, fmt: str) -> None:
    """Minutes with a role change this version has no sentence for still export."""
    meeting_id = hand_made_meeting(store, role_changes=[ROLE_CHANGE])
    result = run("export", meeting_id, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "Ada → Bo" in result.stdout


async def test_the_last_step_shows_minutes_with_a_role_change_of_its_own(
    store: Store,
) -> None:
    """The close step shows such minutes too."""
    meeting_id = hand_made_meeting(store, role_changes=[ROLE_CHANGE])
    go_to_step(store, meeting_id, "close", find_member(store, "Ada"))
    app = make_app(store, "Ada", {}, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(MeetingScreen(meeting_id))
        await pilot.pause()
        assert app.is_running and app.crash is None


# 3 (cont.). `_()` applied to people's text: a team's own words must not be "translated".


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_teams_own_board_keeps_its_words_in_translated_minutes(
    store: Store, run, fmt: str
) -> None:
    """A team's own board keeps its words in translated minutes: a board called "Cards"
    with a column "Lessons" is not turned into Danish; only retro's own boards are."""
    own = add_template(store, "Cards", [("Lessons", "What did we learn?"), ("Notes", "Else?")])
    meeting = create_meeting(store, "retro", setup=Setup(template=own.key))
    lead = find_member(store, meeting.facilitator)
    go_to_step(store, meeting.id, "cards", lead)
    add_card(store, meeting.id, "lessons", "Ring the night nurse first", lead)
    reveal_cards(store, meeting.id, lead)
    set_team_language(store, "da")
    written = run("export", meeting.id, "--format", fmt).stdout
    assert "Tavle: Cards" in written, written  # not "Tavle: Kort"
    assert "Lessons" in written and "Læring" not in written, written


# Hidden stays hidden, in every language.


@pytest.mark.parametrize("code", ["da", "sv"])
def test_hidden_cards_and_answers_stay_hidden_in_every_translated_output(
    store: Store, run, code: str
) -> None:
    meeting = create_meeting(store, "retro", setup=Setup(health=True))
    lead = find_member(store, meeting.facilitator)
    bo = find_member(store, "Bo")
    go_to_step(store, meeting.id, "cards", lead)
    add_card(store, meeting.id, "to-improve", "SECRET-CARD", bo)
    principles = [p.key for p in list_principles(store)]
    answer_health(store, meeting.id, bo, dict.fromkeys(principles, 2), {"trust": "SECRET-NOTE"})
    set_team_language(store, code)
    for args in [
        *cli_commands(meeting.id, "Bo"),
        ("card", "list", meeting.id, "--json"),
        ("health", "show", meeting.id, "--json"),
    ]:
        result = run("--lang", code, "--as", "Ada", *args)
        assert "SECRET" not in result.output, args
    assert "SECRET-CARD" in run("--as", "Bo", "card", "list", meeting.id).stdout  # its author


@pytest.mark.parametrize("code", ["da", "sv"])
async def test_a_hidden_card_stays_hidden_on_another_members_screen(
    store: Store, code: str
) -> None:
    i18n.set_language(code)
    meeting = create_meeting(store, "retro")
    lead = find_member(store, meeting.facilitator)
    go_to_step(store, meeting.id, "cards", lead)
    add_card(store, meeting.id, "to-improve", "SECRET-CARD", find_member(store, "Bo"))
    for name, shown in (("Ada", False), ("Bo", True)):
        app = make_app(store, name, {}, cursor_blink=False)
        async with app.run_test(size=(120, 30)) as pilot:
            await app.push_screen(MeetingScreen(meeting.id))
            await pilot.pause()
            assert ("SECRET-CARD" in on_screen(app)) is shown, name
