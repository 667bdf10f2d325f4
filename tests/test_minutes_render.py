"""Minutes as a CommonMark renderer shows them: people's text comes out literally, never as
HTML, emphasis, code, a heading, a list or a link. The HTML minutes escape it too."""

import html
import json
import re
import shlex
from collections.abc import Callable, Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from retro_tui.domain.actions import add_action, review_action
from retro_tui.domain.agenda import add_item, set_check, set_notes
from retro_tui.domain.cards import add_card, reveal_cards, vote
from retro_tui.domain.checkins import check_in
from retro_tui.domain.decisions import add_decision
from retro_tui.domain.lessons import LessonDraft, add_lesson
from retro_tui.domain.meetings import create_meeting, get_meeting, hand_over, swap_roles
from retro_tui.domain.team import add_member, find_member, init_team
from retro_tui.export import export_meeting, gather_minutes
from retro_tui.store import Store

README = Path(__file__).resolve().parent.parent / "README.md"

# One-line text people type: each starts, holds or ends something CommonMark interprets.
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "*x* and **y**",
    "_x_ and __y__ but snake_case",
    "`code` and ``more``",
    "# Heading",
    "###### Six",
    "> quote",
    "- dash item",
    "+ plus item",
    "* star item",
    "1. ordered",
    "2) ordered",
    "| a | b |",
    "[x](javascript:alert(1))",
    "![img](http://x/y.png)",
    "[ref]: javascript:alert(1)",
    "[ref]",
    "<http://x>",
    "<a@b.c>",
    "&amp; &#60; &#x3C; &copy;",
    "back\\slash \\* and \\",
    "---",
    "===",
    "***",
    "___",
    "- - -",
    "```",
    "~~~",
    "<!-- comment -->",
    "Ends with ##",
    "~~struck~~",
]
# Free text over several lines: hard-break tricks, a blank line, block starts on every line.
MULTILINE = "\n".join(
    [
        "first *line*  ",
        "second \\",
        "# third",
        "---",
        "",
        "- fourth",
        "===",
        "    indented `code`",
        "1. five",
        "> six",
        "<div>seven</div>",
        "[ref]: http://evil.example",
        "~~~",
        "| a | b |",
        "|---|---|",
        "eight &amp; <b>nine</b>",
    ]
)
MEMBERS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "*Bo* _Cy_ `Di` **Eve**",
    "# Fay",
    "[Gus](javascript:alert(1))",
    "1. Hal | Ivy",
    "> Jo &amp; <http://x>",
    "- Kim \\ Lu\\",
    "+ Mo ---",
]
WORDS = ["<b>bold</b>", "*tired*", "`ok`", "# up", "&lt;3", "~~meh~~", "a\\", "_so_"]
TEAM = "# <img src=x onerror=alert(1)> *Night* _shift_ [t](javascript:alert(1)) ##"
TITLE = "<script>alert('t')</script> *T* `c` [x](javascript:alert(1)) &amp; |a|b| ##"

# Everything our own Markdown makes: headings 1-3, paragraphs, lists, "Decision:" in bold and
# the hard line breaks that keep people's lines apart.
OUR_MARKDOWN_TAGS = {"h1", "h2", "h3", "p", "ul", "li", "strong", "br"}
OUR_HTML_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p"}
OUR_HTML_TAGS |= {"ul", "li", "span", "strong"}
# The keys of the minutes that hold what people typed (or a principle's name).
PEOPLE_TEXT = {
    "team",
    "title",
    "facilitator",
    "scribe",
    "present",
    "absent",
    "from_member",
    "to_member",
    "reason",
    "member",
    "word",
    "owner",
    "notes",
    "name",
    "note",
    "text",
    "knows_most",
    "affected",
    "tried",
    "happened",
    "learned",
    "next",
    "principle_names",
}


def commonmark(markdown: str) -> str:
    return MarkdownIt("commonmark").render(markdown)


def plain_text(rendered: str) -> str:
    """What a reader of the rendered page sees: tags stripped, entities unescaped."""
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


def lines_of(text: str) -> str:
    """`text` with each line trimmed: CommonMark drops spaces at the start and end of a line
    (a browser collapses them anyway), and so do the minutes."""
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def people_texts(minutes: Any, key: str = "") -> Iterator[str]:
    """Every text people typed, wherever it sits in the minutes."""
    if isinstance(minutes, dict):
        for name, value in minutes.items():
            yield from people_texts(value, name)
    elif isinstance(minutes, list):
        for value in minutes:
            yield from people_texts(value, key)
    elif isinstance(minutes, str) and key in PEOPLE_TEXT and minutes:
        yield minutes


def assert_rendered_literally(
    markdown: str, texts: list[str], bold: frozenset[str] = frozenset({"Decision:"})
) -> str:
    """Render `markdown` with CommonMark: only our own structure becomes HTML (the only
    bold text is one of our `bold` labels), and each of `texts` reads exactly as typed.
    Returns the rendered HTML."""
    rendered = commonmark(markdown)
    for made_from_user_text in ("<script", "<img", "<em>", "<code>", "<a ", "<pre", "<hr"):
        assert made_from_user_text not in rendered
    for level in range(4, 7):
        assert f"<h{level}>" not in rendered
    tags = set(re.findall(r"<([a-z0-9]+)", rendered))
    assert tags <= OUR_MARKDOWN_TAGS, tags - OUR_MARKDOWN_TAGS
    assert set(re.findall(r"<strong>(.*?)</strong>", rendered)) <= bold
    assert rendered.count("<h1>") == 1
    seen = lines_of(plain_text(rendered))
    for text in texts:
        assert lines_of(text) in seen, f"{text!r} is not shown literally"
    return rendered


@pytest.fixture
def hostile_meeting(isolated_env: Path) -> tuple[Store, str]:
    """A meeting in which every field people type holds something CommonMark interprets."""
    store = Store(isolated_env)
    init_team(store, TEAM)
    for handle, name in enumerate(MEMBERS):
        add_member(store, name, f"m{handle}")
    earlier = create_meeting(store, "retro", on=date(2026, 11, 15))
    reviewed = add_action(store, earlier.id, HOSTILE[0], owner=MEMBERS[1])

    meeting = create_meeting(store, "retro", title=TITLE, absent=[MEMBERS[-1]])
    mid = meeting.id
    swap_roles(store, mid, MULTILINE)
    meeting = get_meeting(store, mid)
    other = next(m for m in meeting.present if m not in (meeting.facilitator, meeting.scribe))
    hand_over(store, mid, "scribe", other, HOSTILE[5])
    meeting = get_meeting(store, mid)
    for name, word in zip(meeting.present, WORDS, strict=False):
        check_in(store, mid, find_member(store, name), 3, word)
    review_action(store, reviewed.id, mid, "done")

    item = add_item(store, mid, TITLE, owner=MEMBERS[2], timebox=15)
    set_notes(store, mid, item.id, MULTILINE)
    set_check(store, mid, item.id, "trust", "tension", note=MULTILINE)
    set_check(store, mid, item.id, "reality", "supports", note=HOSTILE[14])
    add_decision(
        store,
        mid,
        item.id,
        MULTILINE,
        knows_most=[MEMBERS[3], "<b>outsider</b> *x*"],
        affected=["[the families](javascript:alert(1))", "# everyone"],
    )
    add_decision(store, mid, item.id, HOSTILE[2])
    add_action(store, mid, TITLE, owner=MEMBERS[4], due=date(2026, 12, 1), item=item.id)
    add_action(store, mid, HOSTILE[15], owner=MEMBERS[6])

    columns = ["went-well", "to-improve", "failed-learned"]
    for number, text in enumerate([*HOSTILE, MULTILINE]):
        add_card(store, mid, columns[number % 3], text, find_member(store, MEMBERS[0]))
    reveal_cards(store, mid, find_member(store, meeting.facilitator))
    vote(store, mid, 1, find_member(store, meeting.facilitator))

    for title, principles in ((TITLE, ["alive", "trust"]), (HOSTILE[30], [])):
        add_lesson(
            store,
            LessonDraft(title, MULTILINE, HOSTILE[1], HOSTILE[3], MULTILINE, principles, mid),
        )
    return store, mid


def test_hostile_text_in_markdown_minutes_renders_literally(
    hostile_meeting: tuple[Store, str],
) -> None:
    store, mid = hostile_meeting
    minutes = gather_minutes(store, mid)
    texts = list(people_texts(minutes))
    for text in [*HOSTILE, MULTILINE, *MEMBERS, *WORDS, TEAM, TITLE]:
        assert lines_of(text) in map(lines_of, texts), f"the meeting misses {text!r}"

    markdown = export_meeting(store, mid, "md")
    rendered = assert_rendered_literally(markdown, texts)
    # Our own structure is still there.
    assert "<h2>Agenda</h2>" in rendered and "<h2>Lessons</h2>" in rendered
    assert rendered.count("<strong>Decision:</strong>") == 2
    # People's lines stay lines: every line break of MULTILINE is a hard break.
    assert lines_of(MULTILINE) in lines_of(plain_text(rendered))
    assert "<br />" in rendered


def test_hostile_text_in_html_minutes_is_escaped(hostile_meeting: tuple[Store, str]) -> None:
    store, mid = hostile_meeting
    page = export_meeting(store, mid, "html")
    for unescaped in ("<script", "<img", "<a ", "<b>", "<div", "<!--", "<http", "<a@"):
        assert unescaped not in page

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.tags: set[str] = set()
            self.attributes: set[str] = set()
            self.text: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.add(tag)
            self.attributes |= {name for name, _ in attrs}

        def handle_data(self, data: str) -> None:
            self.text.append(data)

    reader = Reader()
    reader.feed(page)
    assert reader.tags <= OUR_HTML_TAGS, reader.tags - OUR_HTML_TAGS
    assert reader.attributes <= {"lang", "charset", "class", "style"}
    shown = "".join(reader.text)
    for text in people_texts(gather_minutes(store, mid)):
        assert text in shown, f"{text!r} is not shown literally"


def readme_commands(heading: str = "## The command line") -> list[str]:
    """The shell lines of the README's first example under `heading`, joined where a line
    ends in a backslash."""
    section = README.read_text(encoding="utf-8").split(heading, 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, f"the README's section {heading} has no ```sh block"
    return [line for line in block.group(1).replace("\\\n", " ").splitlines() if line.strip()]


def run_readme_example(
    run: Callable[..., Result], heading: str = "## The command line"
) -> dict[str, str]:
    """Run each `retro ...` line of a README example; returns the shell variables it set."""
    variables: dict[str, str] = {}
    for line in readme_commands(heading):
        assigned = re.fullmatch(r"\s*(\w+)=\$\((.*)\)\s*(#.*)?", line)
        command = assigned.group(2) if assigned else line
        args = [
            re.sub(r"\$(\w+)", lambda found: variables[found.group(1)], arg)
            for arg in shlex.split(command, comments=True)
        ]
        assert args[0] == "retro", f"the README runs something other than retro: {line}"
        done = run(*args[1:])
        assert done.exit_code == 0, f"{line}\n{done.stderr}"
        if assigned:
            variables[assigned.group(1)] = done.stdout.strip()
    return variables


def test_the_readme_example_minutes_render_literally(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where the example's `--output minutes.md` lands
    meeting_id = run_readme_example(run)["id"]
    markdown = run("export", meeting_id, "--format", "md").stdout
    for written in tmp_path.glob("*.md"):
        assert written.read_text(encoding="utf-8") == markdown
    minutes = json.loads(run("export", meeting_id, "--format", "json").stdout)
    texts = list(people_texts(minutes))
    assert len(texts) >= 10 and "Try it for a month" in texts
    assert_rendered_literally(markdown, texts)

    # Lessons name their principles by name, not by key.
    names = {p["key"]: p["name"] for p in json.loads(run("principles", "--json").stdout)}
    keys = [key for lesson in minutes["lessons"] for key in lesson["principles"]]
    assert keys
    shown = plain_text(commonmark(markdown))
    for key in keys:
        assert f"Principles: {names[key]}" in shown


def test_the_readme_house_example_runs_and_flags_what_it_says(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's example of forums, decisions and tasks, run after the first one."""
    monkeypatch.chdir(tmp_path)
    run_readme_example(run)
    run_readme_example(run, "### The house: forums, communities, decisions, leadership tasks")
    shown = json.loads(run("task", "show", "Shift planning", "--json").stdout)
    assert [d["aligned"] for d in shown["dimensions"]] == [True, True, True, False, True]
    [decision] = json.loads(run("decision", "list", "--group", "Care forum", "--json").stdout)
    assert (decision["id"], decision["review"]) == ("care-forum-2026-1", "2027-06-01")
    page = (tmp_path / "house.html").read_text(encoding="utf-8")
    assert "<h2>Care forum</h2>" in page and "Lead: Cy Dahl" in page


def test_lessons_name_their_principles_and_decisions_their_consulted_people(
    store: Store,
) -> None:
    meeting = create_meeting(store, "forum")
    item = add_item(store, meeting.id, "Trial of afternoon visits")
    add_decision(
        store, meeting.id, item.id, "Try it", knows_most=["Ada"], affected=["the families"]
    )
    add_lesson(store, LessonDraft("Test first", "a", "b", "c", "", ["alive", "trust"], meeting.id))
    for fmt in ("md", "html"):
        text = plain_text(export_meeting(store, meeting.id, fmt))
        assert "Principles: Wildly alive, Safety and trust" in text
        assert "alive, trust" not in text
        assert "Consulted, knows most: Ada" in text
        assert "Consulted, affected: the families" in text


@pytest.mark.parametrize(
    "sentence",
    [
        "Try it for a month",
        "check the Wi-Fi in the room",
        "Ada's 3rd idea: call at 10.30 (maybe), 50% of us!",
        "snake_case_name and C# and Tom & Jerry",
        "C:\\Users\\ada",
        "when a < b, then b > a",
        "2026-12-01",
    ],
)
def test_ordinary_text_stays_as_typed(sentence: str) -> None:
    from retro_tui.export.markdown import escape_markdown

    assert escape_markdown(sentence) == sentence


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("<script>alert(1)</script>", "\\<script>alert(1)\\</script>"),
        ("# Heading", "\\# Heading"),
        ("1. five", "1\\. five"),
        ("*x* [x](javascript:alert(1))", "\\*x\\* [x\\](javascript:alert(1))"),
        ("one\n\n- two", "one  \n\\\n\\- two"),
    ],
)
def test_what_needs_escaping_gets_a_backslash(typed: str, written: str) -> None:
    from retro_tui.export.markdown import escape_markdown

    assert escape_markdown(typed) == written


# How the minutes place people's text: as a paragraph, at the start of a list item, after
# one of our labels, as a heading; True where the text may start a line.
PLACES: list[tuple[str, bool]] = [
    ("{}\n", True),
    ("intro\n{}\n", True),
    ("- {}: supports\n", True),
    ("### 1. {}\n", False),
    ("**Decision:** {}\n\n- Consulted\n", False),
    ("- Tried: {}\n- Happened: x\n", False),
]
PUNCTUATION = "".join(chr(c) for c in range(33, 127) if not chr(c).isalnum())


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.text(alphabet=PUNCTUATION + "ab1é \t\n\u00a0", max_size=40),
    st.sampled_from(PLACES),
)
def test_any_text_in_any_place_renders_literally(text: str, place: tuple[str, bool]) -> None:
    from retro_tui.export.markdown import escape_markdown

    template, line_start = place
    rendered = commonmark(template.format(escape_markdown(text, line_start=line_start)))
    tags = set(re.findall(r"<([a-z0-9]+)", rendered))
    assert tags <= OUR_MARKDOWN_TAGS - {"h1", "h2"}, rendered
    assert lines_of(text) in lines_of(plain_text(rendered)), rendered


def test_markdown_and_html_tell_the_minutes_in_the_one_order(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retro_tui.export.formats import SECTIONS, sectioned

    monkeypatch.chdir(tmp_path)
    meeting_id = run_readme_example(run)["id"]
    markdown = run("export", meeting_id, "--format", "md").stdout
    html = run("export", meeting_id, "--format", "html").stdout
    in_markdown = re.findall(r"^## (.+)$", markdown, re.MULTILINE)
    in_html = re.findall(r"<h2>(.+?)</h2>", html)
    assert len(in_markdown) >= 4 and in_markdown == in_html
    with pytest.raises(ValueError, match="sections"):  # a format leaves none out
        sectioned({key: lambda minutes: [] for key in SECTIONS[:-1]}, lambda m, parts: "")
