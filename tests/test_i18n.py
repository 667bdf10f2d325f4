"""Languages: every text marked and translated, the language chosen as documented, the
team's language in its minutes, and sorting and search as each language expects."""

import gettext
import json
import re
import subprocess
import sys

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from retro_tui import i18n
from retro_tui.cli import cli
from retro_tui.domain.principles import list_principles
from retro_tui.domain.team import get_team, init_team, set_team_language
from retro_tui.i18n import LOCALE_DIR, chosen_language, search_fold, sort_key, using
from tests.unmarked import PACKAGE, unmarked_in_package

TRANSLATED = tuple(sorted(set(i18n.LANGUAGES) - {i18n.ENGLISH}))
# A placeholder's name: `{day:02d}` and `{day}` are the same one.
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def _key(message_id: str | tuple[str, ...], context: str | bytes | None) -> tuple:
    if isinstance(context, bytes):  # as Babel reads it from a .mo
        context = context.decode("utf-8")
    return context, message_id if isinstance(message_id, str) else tuple(message_id)


def _strings(string: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (string,) if isinstance(string, str) else tuple(string)


def _catalogue(code: str):
    with open(LOCALE_DIR / code / "LC_MESSAGES" / "retro.po", "rb") as po:
        return read_po(po, locale=code)


def test_every_text_people_read_is_marked_for_translation():
    left = unmarked_in_package()
    assert left == [], "not marked for translation:\n" + "\n".join(left)


def test_the_template_holds_exactly_the_marked_texts():
    extracted = {
        _key(message, context)
        for _file, _line, message, _comments, context in extract_from_dir(
            PACKAGE, method_map=[("**.py", "python")]
        )
    }
    with open(LOCALE_DIR / "retro.pot", "rb") as pot:
        template = {_key(m.id, m.context) for m in read_po(pot) if m.id}
    assert extracted - template == set(), "run scripts/catalogues extract"
    assert template - extracted == set(), "run scripts/catalogues extract"


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_language_translates_every_text_without_guesses(code):
    with open(LOCALE_DIR / "retro.pot", "rb") as pot:
        template = {_key(m.id, m.context) for m in read_po(pot) if m.id}
    catalogue = _catalogue(code)
    translated = {_key(m.id, m.context): m for m in catalogue if m.id}
    assert set(translated) == template, "run scripts/catalogues update"
    for key, message in translated.items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{code}: no translation of {key}"
        assert "fuzzy" not in message.flags, f"{code}: a fuzzy translation of {key}"
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for form, string in enumerate(strings):
            # The first form answers the singular, the others the plural; a form may leave
            # the count out ("one card"), and nothing else.
            wanted = set(PLACEHOLDER.findall(ids[min(form, len(ids) - 1)]))
            found = set(PLACEHOLDER.findall(string))
            assert found <= wanted | set(PLACEHOLDER.findall(ids[-1])), f"{code}: {string!r}"
            assert found >= wanted - {"count"}, f"{code}: {string!r} drops a placeholder"


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_catalogue_is_the_translations(code):
    with open(LOCALE_DIR / code / "LC_MESSAGES" / "retro.mo", "rb") as mo:
        compiled = {_key(m.id, m.context): _strings(m.string) for m in read_mo(mo) if m.id}
    written = {_key(m.id, m.context): _strings(m.string) for m in _catalogue(code) if m.id}
    assert compiled == written, "run scripts/catalogues compile"
    assert gettext.translation(i18n.DOMAIN, LOCALE_DIR, [code]).gettext("Safety and trust")


# Which language.


@pytest.mark.parametrize(
    ("option", "environ", "chosen"),
    [
        (None, {}, "en"),
        (None, {"LANG": "da_DK.UTF-8"}, "da"),
        (None, {"LANG": "da_DK.UTF-8", "LC_MESSAGES": "sv_SE.UTF-8"}, "sv"),
        (None, {"LC_ALL": "en_GB.UTF-8", "LANG": "da_DK.UTF-8"}, "en"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),  # a language retro does not speak
        (None, {"LANG": "C"}, "en"),
        (None, {"RETRO_LANG": "sv", "LANG": "da_DK.UTF-8"}, "sv"),
        ("da", {"RETRO_LANG": "sv", "LANG": "en_US.UTF-8"}, "da"),
        (None, {"LANG": "../../../../tmp/evil"}, "en"),  # never a path
    ],
)
def test_the_language_is_the_option_then_retro_lang_then_the_locale(option, environ, chosen):
    assert chosen_language(option, environ) == chosen


def test_an_unknown_language_in_retro_lang_is_one_line_and_exit_1(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "retro_tui", "--store", str(tmp_path / "s"), "rota"],
        capture_output=True,
        text=True,
        env={"RETRO_LANG": "klingon", "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [
        "retro: RETRO_LANG is 'klingon'; retro speaks da, en, sv"
    ]


def test_an_unknown_lang_option_is_a_usage_error():
    result = CliRunner().invoke(cli, ["--lang", "xx", "rota"])
    assert result.exit_code == 2
    assert "retro speaks da, en, sv, not 'xx'" in result.output


def test_help_is_in_the_chosen_language(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "retro_tui", "--lang", "da", "--help"],
        capture_output=True,
        text=True,
    )
    assert "Hold et selvorganiserende teams møder." in run.stdout
    run = subprocess.run(
        [sys.executable, "-m", "retro_tui", "member", "--help"],
        capture_output=True,
        text=True,
        env={"LANG": "sv_SE.UTF-8", "PATH": "/usr/bin:/bin"},
    )
    assert "Lägg till och visa medlemmar" in run.stdout


# The team's language.


def test_a_team_gets_the_default_principles_in_its_language(tmp_path):
    from retro_tui.store import Store

    store = Store(tmp_path / "s")
    init_team(store, "Hold A", language="da")
    names = [p.name for p in list_principles(store)]
    assert names[0] == "Virksomhedsforståelse"
    assert "Tryghed og tillid" in names
    assert get_team(store).language == "da"


def test_changing_the_language_rewords_only_the_principles_nobody_reworded(tmp_path):
    from retro_tui.store import Store

    store = Store(tmp_path / "s")
    init_team(store, "Lag B", language="en")
    with store.transaction() as tx:
        tx.db("team").table("principles").update({"name": "Our own words"}, doc_ids=[2])
    changed = set_team_language(store, "sv")
    principles = {p.key: p for p in list_principles(store)}
    assert principles["trust"].name == "Trygghet och tillit"
    assert principles["reality"].name == "Our own words"  # the team's wording stays
    assert "reality" not in changed and "trust" in changed
    assert get_team(store).language == "sv"


def test_retro_team_language_shows_and_sets_it(store):
    runner = CliRunner()
    shown = runner.invoke(cli, ["--store", str(store.folder), "team", "language"])
    assert shown.output == "en (English)\n"
    set_ = runner.invoke(cli, ["--store", str(store.folder), "team", "language", "da"])
    assert set_.exit_code == 0, set_.output
    assert "The team's language is now Dansk." in set_.output
    refused = runner.invoke(cli, ["--store", str(store.folder), "team", "language", "fr"])
    assert refused.exit_code == 1
    assert refused.output == "retro: retro does not speak 'fr'; choose one of da, en, sv\n"
    assert get_team(store).language == "da"


# Sorting and search.


def test_danish_and_swedish_put_their_own_letters_after_z():
    names = ["Åse", "Zenia", "Ærø", "Øster", "Anna", "ådal", "Ölund", "Ärla", "Ebbe"]
    with using("da"):
        assert sorted(names, key=sort_key) == [
            "Anna", "Ebbe", "Zenia", "Ärla", "Ærø", "Ölund", "Øster", "ådal", "Åse"
        ]  # fmt: skip
    with using("sv"):
        assert sorted(names, key=sort_key) == [
            "Anna", "Ebbe", "Zenia", "ådal", "Åse", "Ärla", "Ærø", "Ölund", "Øster"
        ]  # fmt: skip
    with using("en"):
        assert sorted(names, key=sort_key)[:3] == ["ådal", "Ærø", "Anna"]


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("sorensen", "Mette Sørensen"),
        ("SØRENSEN", "Mette Sørensen"),
        ("angstrom", "Ångström"),
        ("aero", "Ærø"),
        ("muller", "Müller"),
    ],
)
def test_a_search_finds_a_name_typed_without_its_letters(typed, text):
    assert search_fold(typed) in search_fold(text)


# The team's language in what it writes.


def test_the_readme_example_in_danish_exports_danish_minutes(run, tmp_path, monkeypatch):
    """The README's command-line example, each command run with `--lang da`: the team is
    made in Danish, and its minutes render as CommonMark in Danish with every text people
    typed shown as typed."""
    from tests.test_minutes_render import (
        assert_rendered_literally,
        people_texts,
        plain_text,
        run_readme_example,
    )

    monkeypatch.chdir(tmp_path)
    meeting_id = run_readme_example(lambda *args: run("--lang", "da", *args))["id"]
    i18n.set_language("en")  # whoever exports, the minutes are in the team's language
    markdown = run("export", meeting_id).stdout
    minutes = json.loads(run("export", meeting_id, "--format", "json").stdout)
    typed = list(people_texts(minutes))
    shown = plain_text(assert_rendered_literally(markdown, typed, frozenset({"Beslutning:"})))
    for danish in (
        "Dagsorden",
        "Principtjek:",
        "Virkeligheden først: understøtter",
        "Alliancer som grundpiller: spænding: The GP is not part of it yet",
        "Beslutning: Try it for a month",
        "Spurgt, berørte: the families",
        "Ask the families (Bo Berg, frist 2026-12-01)",
        "Principper: Vanvittigt levende",
        "Næste gang",
    ):
        assert danish in shown, danish
    assert "Agenda" not in shown and "Decision" not in shown


def test_minutes_follow_the_team_not_the_person_exporting(store):
    from retro_tui.domain.meetings import create_meeting
    from retro_tui.export import export_meeting

    meeting = create_meeting(store, "retro")
    with using("sv"):
        swedish_person = export_meeting(store, meeting.id)
    assert "Facilitator:" in swedish_person and "Mötesledare" not in swedish_person
    set_team_language(store, "sv")
    assert "Mötesledare:" in export_meeting(store, meeting.id)


def test_a_meeting_planned_without_a_title_is_named_in_the_teams_language(store):
    from retro_tui.domain.meetings import create_meeting

    set_team_language(store, "da")
    assert create_meeting(store, "forum").title == "Beslutningsforum"


def test_a_lesson_search_finds_names_typed_without_their_letters(run, store):
    done = run(
        "lesson", "add", "Ring til Sørensen først", "--tried", "a", "--happened", "b",
        "--learned", "Ærlighed virker",
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    for search in ("sorensen", "SØRENSEN", "aerlighed"):
        found = json.loads(run("lesson", "list", "--search", search, "--json").stdout)
        assert [lesson["title"] for lesson in found] == ["Ring til Sørensen først"], search


def test_clicks_own_messages_speak_the_language_too():
    run = subprocess.run(
        [sys.executable, "-m", "retro_tui", "--lang", "sv", "meeting", "--hlp"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2
    assert "Användning: retro meeting" in run.stderr
    assert "Fel: Ingen flagga heter '--hlp'. Menade du '--help'?" in run.stderr
