"""`retro report`: the period report in Markdown, HTML, JSON and PDF, built on a store with
a few months of history made through the domain functions, as a team would make it."""

import json
import shutil
import struct
import subprocess
import sys
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from retro_tui.domain import clock, trends
from retro_tui.domain.actions import add_action, review_action
from retro_tui.domain.agenda import add_item, set_check
from retro_tui.domain.checkins import check_in
from retro_tui.domain.decisions import add_decision
from retro_tui.domain.groups import add_group
from retro_tui.domain.lessons import LessonDraft, add_lesson
from retro_tui.domain.meetings import CLOSED, Meeting, create_meeting, set_status
from retro_tui.domain.report import gather_report, months_before
from retro_tui.domain.team import find_member
from retro_tui.export.charts import time_ticks
from retro_tui.export.report import PANGO_MISSING, html_to_pdf, render_html
from retro_tui.store import Store
from tests.conftest import store_bytes

PERIOD = ("--from", "2026-09-01", "--to", "2026-11-22")
START, END = date(2026, 9, 1), date(2026, 11, 22)
HOSTILE_ITEM = "<script>alert('x')</script> [b]x[/b]"
HOSTILE_DECISION = "No new procedure for <b>key boxes</b> [@click=app.quit]hi[/]"
HOSTILE_LESSON = "Bring the GP in early <script>x</script>"


@contextmanager
def on(day: str) -> Iterator[None]:
    """Everything inside happens at ten in the morning of `day`."""
    with clock.as_of(datetime.fromisoformat(f"{day}T10:00:00")):
        yield


@dataclass
class History:
    store: Store
    meetings: list[Meeting]  # in the period, not cancelled: the report's meetings
    forum_meeting: Meeting


def _meeting(store: Store, day: str, title: str | None = None, group: str | None = None):
    with on(day):
        return create_meeting(store, None if group else "retro", title, on=None, group=group)


def _item(store: Store, meeting: Meeting, title: str, tensions: dict[str, str]) -> int:
    with on(meeting.date):
        item = add_item(store, meeting.id, title)
        for key, note in tensions.items():
            set_check(store, meeting.id, item.id, key, "tension", note)
        set_check(store, meeting.id, item.id, "purpose", "supports")
    return item.id


def _checkins(store: Store, meeting: Meeting, energies: dict[str, int]) -> None:
    with on(meeting.date):
        for name, energy in energies.items():
            check_in(store, meeting.id, find_member(store, name), energy, "fine")


def _lesson(
    title: str, keys: list[str], meeting: Meeting | None = None, learned: str = "ask first"
) -> LessonDraft:
    return LessonDraft(
        title, "we tried", "it happened", learned, "", keys, meeting.id if meeting else None
    )


@pytest.fixture
def history(store: Store) -> History:
    """Last year's meeting, one in May, five from September to November (one of them the
    Care forum's) and a cancelled one; tensions, decisions, actions that ended every way,
    lessons and check-ins."""
    with on("2025-11-20"):
        old = create_meeting(store, "retro", "Last year's retrospective")
        add_action(store, old.id, "Something from last year", "Ada", date(2025, 12, 1))
        add_lesson(store, _lesson("Last year's lesson", [], old))
    with on("2026-03-01"):
        add_group(store, "forum", "Care forum", "How we plan visits", {"lead": "Ada", "co-lead": "Bo"}, ["Cy"])  # fmt: skip
    may = _meeting(store, "2026-05-07", "May retrospective")
    with on(may.date):
        add_action(store, may.id, "Raised before the period", "Bo", date(2026, 9, 20))
        add_lesson(store, _lesson("Before the period", ["trust"], may))

    m1 = _meeting(store, "2026-09-03", "Weekly retrospective <i>one</i>")
    m2 = _meeting(store, "2026-09-10")
    m3 = _meeting(store, "2026-09-17")
    forum = _meeting(store, "2026-10-01", group="Care forum")
    cancelled = _meeting(store, "2026-10-08", "Cancelled one")
    m6 = _meeting(store, "2026-11-19")

    i1 = _item(store, m1, "Evening visits", {"reality": "Planned from the roster", "alliances": "The GP is not part of it"})  # fmt: skip
    i2 = _item(store, m2, "Key boxes", {"reality": "A key went missing", "trust": "A rule could feel like distrust"})  # fmt: skip
    _item(store, m3, HOSTILE_ITEM, {"reality": "[@click=app.quit]hi[/]"})
    i4 = _item(store, forum, "Weekend visits", {"alliances": "The GP practice again"})
    _item(store, cancelled, "Never discussed", {"reality": "cancelled, so it does not count"})

    with on(m1.date):
        add_decision(store, m1.id, i1, "Try afternoon visits for a month", ["Ada"], ["the families"], review="2026-12-01")  # fmt: skip
        a1 = add_action(store, m1.id, "Ask the families", "Bo", date(2026, 9, 10), i1)
        a2 = add_action(store, m1.id, "Call the GP", "Cy", date(2026, 9, 5))
        a3 = add_action(store, m1.id, "Write a key-box rule", "Di", date(2026, 9, 30))
        add_lesson(store, _lesson("Test the line first", ["alive", "reality"], m1, "check the Wi-Fi"))  # fmt: skip
    with on(m2.date):
        add_decision(store, m2.id, i2, HOSTILE_DECISION)
        a4 = add_action(store, m2.id, "Share the rota draft", "Ada", date(2026, 12, 1))
        add_action(store, m2.id, "Update the key list", "Bo", date(2026, 10, 1))
        review_action(store, a1.id, m2.id, "done")
        review_action(store, a3.id, m2.id, "dropped")
    with on(m3.date):
        a6 = add_action(store, m3.id, "Tidy the handbook", "Cy")
        review_action(store, a2.id, m3.id, "done")
        review_action(store, a4.id, m3.id, "carried")
    with on(forum.date):
        add_decision(store, forum.id, i4, "Visits go in pairs", ["Cy"], review="2026-11-01")
        add_action(store, forum.id, "Tell the GP practice", "Cy", date(2026, 10, 15))
        add_lesson(store, _lesson(HOSTILE_LESSON, ["alliances"], forum))  # fmt: skip
    with on(m6.date):
        review_action(store, a6.id, m6.id, "done")
        add_lesson(store, _lesson("[b]Ask early[/b]", ["openness"]))  # fmt: skip

    _checkins(store, m1, {"Ada": 4, "Bo": 2})
    _checkins(store, m2, {"Ada": 5, "Cy": 3})
    _checkins(store, forum, {"Ada": 2})
    _checkins(store, m6, {"Bo": 5, "Di": 4})
    set_status(store, cancelled.id, "cancelled")
    for meeting in (old, may, m1, m2, m3, forum, m6):
        set_status(store, meeting.id, CLOSED)
    return History(store, [m1, m2, m3, forum, m6], forum)


def _report(run, *args: str):
    result = run("report", *PERIOD, *args)
    assert result.exit_code == 0, result.stderr
    return result


# What the domain counts


def test_trends_count_outcomes_tensions_lessons_and_energy(history: History) -> None:
    store = history.store
    outcomes = {bar.key: bar.count for bar in trends.actions_by_outcome(store, START, END)}
    assert outcomes == {"done-on-time": 2, "done-late": 1, "dropped": 1, "open": 1, "overdue": 2}
    ranked = [(b.key, b.count) for b in trends.tensions_per_principle(store, START, END) if b.count]
    assert ranked == [("reality", 3), ("alliances", 2), ("trust", 1)]
    lessons = {b.key: b.count for b in trends.lessons_per_principle(store, START, END) if b.count}
    assert lessons == {"alive": 1, "reality": 1, "alliances": 1, "openness": 1}
    energy = trends.energy_per_meeting(store, START, END)
    assert [(p.date, p.average) for p in energy] == [
        ("2026-09-03", 3.0),
        ("2026-09-10", 4.0),
        ("2026-10-01", 2.0),
        ("2026-11-19", 4.5),
    ]


def test_per_quarter_keeps_every_quarter_and_key_in_order(history: History) -> None:
    quarters = trends.tensions_per_quarter(history.store, date(2026, 7, 1), END)
    assert [q.quarter for q in quarters] == ["2026-Q3", "2026-Q4"]
    assert [b.key for b in quarters[0].bars] == [b.key for b in quarters[1].bars]
    q3 = {b.key: b.count for b in quarters[0].bars}
    q4 = {b.key: b.count for b in quarters[1].bars}
    assert (q3["reality"], q3["alliances"], q3["trust"]) == (3, 1, 1)
    assert (q4["reality"], q4["alliances"]) == (0, 1)
    by_outcome = trends.actions_by_outcome_per_quarter(history.store, START, END)
    assert [sum(b.count for b in q.bars) for q in by_outcome] == [6, 1]
    lessons = trends.lessons_per_principle_per_quarter(history.store, date(2026, 1, 1), END)
    assert [q.quarter for q in lessons] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert {b.key: b.count for b in lessons[1].bars}["trust"] == 1  # May's lesson


def test_a_report_reads_only_the_years_its_period_touches(
    history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    for method in ("read", "view"):
        original = getattr(Store, method)

        def spy(self: Store, name: str, _original=original) -> object:
            opened.append(name)
            return _original(self, name)

        monkeypatch.setattr(Store, method, spy)
    gather_report(history.store, START, END)
    assert opened and not [name for name in opened if "2025" in name]
    # A meeting's own file is opened only for meetings of the period.
    contents = {name for name in opened if name.startswith("meeting-")}
    assert contents <= {f"meeting-{m.id}" for m in history.meetings}


def test_months_before_keeps_the_day_or_the_months_last() -> None:
    assert months_before(date(2026, 11, 22), 3) == date(2026, 8, 22)
    assert months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert months_before(date(2026, 2, 10), 3) == date(2025, 11, 10)


# Markdown


def test_markdown_tells_meetings_roles_decisions_actions_tensions_lessons(
    history: History, run
) -> None:
    text = _report(run).stdout
    assert text.startswith("# Test team: period report\n")
    assert "2026-09-01 to 2026-11-22 · every group of the house" in text
    for meeting in history.meetings:
        assert f"- {meeting.date} · {meeting.kind_label} · " in text
    assert "Cancelled one" not in text and "May retrospective" not in text
    facilitated = Counter(m.facilitator for m in history.meetings)
    scribed = Counter(m.scribe for m in history.meetings)
    for name in {*facilitated, *scribed}:
        assert f"- {name}: facilitated {facilitated[name]}, took notes {scribed[name]}" in text
    assert "**2026-09-03:** Try afternoon visits for a month" in text
    assert "- Review: 2026-12-01\n" in text
    assert "- Review: 2026-11-01 (due now)" in text
    assert "- Flag: nobody was consulted." in text
    assert (
        "7 actions raised (done on time: 2; done late: 1; dropped: 1; still open: 1; "
        "open and overdue: 2), as of 2026-11-22." in text
    )
    assert "- Call the GP (Cy, due 2026-09-05, raised 2026-09-03, done 2026-09-17)" in text
    assert "Raised before the period" not in text and "last year" not in text
    tensions = text.split("## Principles in tension")[1].split("## Lessons")[0]
    headings = [line for line in tensions.splitlines() if line.startswith("### ")]
    assert headings == [
        "### Reality first: 3 times",
        "### Alliances as pillars: 2 times",
        "### Safety and trust: 1 time",
    ]
    assert (
        "- **Test the line first** (2026-09-03; Wildly alive, Reality first): check the Wi-Fi."
        in text
    )
    assert "Before the period" not in text
    assert "Average 3.6 of 5 over 7 check-ins in 4 meetings" in text


def test_markdown_shows_peoples_markup_as_typed(history: History, run) -> None:
    rendered = MarkdownIt("commonmark").render(_report(run).stdout)
    assert "<script" not in rendered and "<b>" not in rendered and "<i>" not in rendered
    assert "&lt;script&gt;alert('x')&lt;/script&gt; [b]x[/b]" in rendered
    assert "&lt;b&gt;key boxes&lt;/b&gt; [@click=app.quit]hi[/]" in rendered
    assert "[b]Ask early[/b]" in rendered


# JSON


def test_json_holds_the_data_and_no_chart(history: History, run) -> None:
    data = json.loads(_report(run, "--format", "json").stdout)
    assert (data["team"], data["group"], data["from"], data["to"]) == (
        "Test team",
        None,
        "2026-09-01",
        "2026-11-22",
    )
    assert [m["id"] for m in data["meetings"]] == [m.id for m in history.meetings]
    assert data["actions"]["counts"] == {
        "done-on-time": 2,
        "done-late": 1,
        "dropped": 1,
        "open": 1,
        "overdue": 2,
    }
    assert [r["principle"] for r in data["tensions"]["ranking"]] == [
        "reality",
        "alliances",
        "trust",
    ]
    decision = data["decisions"][0]
    assert decision["text"] == "Try afternoon visits for a month"
    assert (decision["knows_most"], decision["affected"]) == (["Ada"], ["the families"])
    assert data["decisions"][1]["text"] == HOSTILE_DECISION  # data, as typed
    assert [lesson["title"] for lesson in data["lessons"]["lessons"]] == [
        "Test the line first",
        HOSTILE_LESSON,
        "[b]Ask early[/b]",
    ]
    assert data["energy"]["average"] == pytest.approx(25 / 7, abs=0.01)
    assert "<svg" not in json.dumps(data)


def test_group_limits_the_report_to_its_meetings(history: History, run) -> None:
    data = json.loads(_report(run, "--format", "json", "--group", "Care forum").stdout)
    assert data["group"] == {"key": "care-forum", "name": "Care forum", "kind": "forum"}
    assert [m["id"] for m in data["meetings"]] == [history.forum_meeting.id]
    assert [d["text"] for d in data["decisions"]] == ["Visits go in pairs"]
    assert [a["text"] for a in data["actions"]["actions"]] == ["Tell the GP practice"]
    assert data["tensions"]["ranking"] == [
        {"principle": "alliances", "name": "Alliances as pillars", "count": 1}
    ]
    assert [lesson["title"] for lesson in data["lessons"]["lessons"]] == [HOSTILE_LESSON]
    team = json.loads(_report(run, "--format", "json", "--group", "team").stdout)
    assert history.forum_meeting.id not in [m["id"] for m in team["meetings"]]
    assert [lesson["title"] for lesson in team["lessons"]["lessons"]] == [
        "Test the line first",
        "[b]Ask early[/b]",
    ]
    markdown = _report(run, "--group", "Care forum").stdout
    assert markdown.startswith("# Care forum: period report\n")
    assert "decision forum of Test team" in markdown


# HTML and PDF


def test_html_is_one_file_with_inline_charts_and_nothing_from_outside(
    history: History, run
) -> None:
    html = _report(run, "--format", "html").stdout
    assert html.startswith("<!doctype html>") and html.count("<html") == 1
    assert html.count("<svg") == 4  # energy, tensions, actions, lessons
    for reference in ("http:", "https:", "src=", "href=", "url(", "@import", "<script"):
        assert reference not in html.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; [b]x[/b]" in html
    assert "&lt;b&gt;key boxes&lt;/b&gt;" in html
    assert "Weekly retrospective &lt;i&gt;one&lt;/i&gt;" in html


def test_a_chart_label_is_escaped_and_shortened(history: History) -> None:
    report = gather_report(history.store, START, END)
    renamed = {**report.principles, "reality": "<b>A principle & a very long name indeed</b>"}
    ranking = trends.tension_bars(report.tensions, renamed)
    page = render_html(replace(report, principles=renamed, tension_ranking=ranking))
    chart = page.split('<section id="tensions">')[1].split("</svg>")[0]
    assert "<b>" not in chart
    assert ">&lt;b&gt;A principle &amp; a very long…</text>" in chart


pdf_tools = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)"
)


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pdf_tools
def test_pdf_reads_back_the_team_a_decision_and_a_lesson(
    history: History, run, tmp_path: Path
) -> None:
    pytest.importorskip("weasyprint")
    result = _report(run, "--format", "pdf", "--output", "report.pdf")
    assert result.stderr == "Wrote report.pdf\n"
    pdf = tmp_path / "report.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = _pdf_text(pdf)
    assert "Test team: period report" in text
    assert "Try afternoon visits for a month" in text
    assert "Test the line first" in text
    assert "<script>alert('x')</script> [b]x[/b]" in text  # shown as typed, not run


@pdf_tools
def test_pdf_goes_to_stdout_when_it_is_not_a_terminal(history: History, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    out = tmp_path / "piped.pdf"
    with out.open("wb") as stdout:
        done = subprocess.run(
            [sys.executable, "-m", "retro_tui", "report", *PERIOD, "--format", "pdf"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=False,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr
    assert "Test the line first" in _pdf_text(out)


def _png() -> bytes:
    """A red picture of 4 × 4 pixels, which WeasyPrint would embed if it fetched it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pdf_tools
def test_making_a_pdf_fetches_nothing(tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    picture = tmp_path / "dot.png"
    picture.write_bytes(_png())
    css = tmp_path / "style.css"
    css.write_text("body { color: red }")
    html = (
        f'<html><head><link rel=stylesheet href="file://{css}"></head>'
        f'<body><p>Only text</p><img src="file://{picture}">'
        '<img src="http://127.0.0.1:9/x.png"></body></html>'
    )
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(html_to_pdf(html))
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    assert len(images.stdout.splitlines()) <= 2  # the header only: no picture came in
    assert "Only text" in _pdf_text(pdf)


def test_a_missing_pango_is_one_clear_line(
    history: History, run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A WeasyPrint that fails to load Pango as it is imported, as it does without it.
    fake = tmp_path / "fake" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0': no such file\")\n"
    )
    monkeypatch.syspath_prepend(str(fake.parent))
    for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)
    before = store_bytes(history.store.folder)
    result = run("report", *PERIOD, "--format", "pdf", "--output", "r.pdf")
    assert result.exit_code == 1
    assert result.stderr == f"retro: {PANGO_MISSING}\n"
    assert not Path("r.pdf").exists()
    assert store_bytes(history.store.folder) == before


def test_a_pdf_is_not_written_to_a_terminal(
    history: History, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("retro_tui.cli.report.stdout_is_terminal", lambda: True)
    result = run("report", "--format", "pdf")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == "retro: a PDF is not for a terminal; give --output FILE\n"


# The command line's errors and files


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2026-02-30"), "invalid --from date '2026-02-30': no such day"),
        (("--to", "22.11.2026"), "invalid --to date '22.11.2026': write it as YYYY-MM-DD"),
        (
            ("--from", "2026-10-01", "--to", "2026-09-01"),
            "--to 2026-09-01 comes before --from 2026-10-01",
        ),
        (("--group", "Nope"), "unknown group 'Nope'; see `retro forum list`"),
    ],
)
def test_errors_are_one_line_and_touch_nothing(history: History, run, args, message) -> None:
    before = store_bytes(history.store.folder)
    result = run("report", *args)
    assert result.exit_code == 1
    assert result.stderr == f"retro: {message}\n"
    assert result.stdout == ""
    assert store_bytes(history.store.folder) == before


def test_defaults_to_the_last_three_months(history: History, run) -> None:
    data = json.loads(run("report", "--format", "json").stdout)
    assert (data["from"], data["to"]) == ("2026-08-22", "2026-11-22")
    data = json.loads(run("report", "--format", "json", "--to", "2026-10-31").stdout)
    assert (data["from"], data["to"]) == ("2026-07-31", "2026-10-31")


def test_an_existing_file_is_replaced_but_never_through_a_link(
    history: History, run, tmp_path: Path
) -> None:
    target = tmp_path / "report.md"
    target.write_text("last quarter's")
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not yours")
    link = tmp_path / "link.md"
    link.symlink_to(elsewhere)
    assert run("report", *PERIOD, "--output", str(target)).exit_code == 0
    assert target.read_text().startswith("# Test team: period report")
    assert run("report", *PERIOD, "--output", str(link)).exit_code == 0
    assert elsewhere.read_text() == "not yours" and not link.is_symlink()


def test_over_ssh_a_file_name_goes_to_exports(
    history: History, run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")
    folder = history.store.folder
    before = store_bytes(folder)
    for path in ("../escape.md", str(tmp_path / "abs.md"), ".hidden"):
        result = run("report", *PERIOD, "--output", path)
        assert result.exit_code == 1 and result.stderr.count("\n") == 1
        assert "is not a plain file name" in result.stderr
    assert not (tmp_path / "abs.md").exists() and store_bytes(folder) == before
    assert run("report", *PERIOD, "--format", "html", "--output", "autumn").exit_code == 0
    written = folder / "exports" / "autumn.html"
    assert written.read_text().startswith("<!doctype html>")
    again = run("report", *PERIOD, "--format", "md", "--output", "autumn.html")
    assert again.exit_code == 0 and written.read_text().startswith("# Test team")


def test_only_a_pdf_loads_weasyprint(history: History) -> None:
    script = (
        "import sys\n"
        "from retro_tui.cli import cli\n"
        "import retro_tui.app\n"
        "cli(['report', '--format', 'html'], standalone_mode=False)\n"
        "sys.stderr.write(str('weasyprint' in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and done.stderr == "False", done.stderr
    assert done.stdout.startswith("<!doctype html>")


def test_a_meeting_still_to_come_is_not_in_the_report(history: History, run) -> None:
    coming = _meeting(history.store, "2026-11-26", "Next week's retrospective")
    data = json.loads(run("report", "--to", "2026-11-30", "--format", "json").stdout)
    assert coming.id not in [m["id"] for m in data["meetings"]]
    assert history.meetings[-1].id in [m["id"] for m in data["meetings"]]


def test_time_axes_have_few_dates_that_never_crowd() -> None:
    ten_years = [label for _, label in time_ticks(date(2016, 1, 1), date(2025, 12, 31))]
    assert ten_years == ["2016", "2018", "2020", "2022", "2024"]
    quarter = [label for _, label in time_ticks(START, END)]
    assert quarter == ["2026-09", "2026-10", "2026-11"]
    fortnight = [label for _, label in time_ticks(date(2026, 11, 10), END)]
    assert fortnight == ["2026-11-10", "2026-11-22"]


def _health_checks(store: Store) -> None:
    """Two revealed health checks, in two quarters: trust moves from 2.0 to 4.0, and in the
    second the team disagrees on everyone-leads."""
    from retro_tui.domain.health import answer_health, reveal_health
    from retro_tui.domain.meetings import Setup
    from retro_tui.domain.principles import list_principles

    keys = [p.key for p in list_principles(store)]
    for day, answers in (
        ("2026-09-24", {"Ada": {"trust": 2}, "Bo": {"trust": 2}}),
        ("2026-10-15", {"Ada": {"trust": 4, "everyone-leads": 1}, "Bo": {"trust": 4, "everyone-leads": 5}}),
    ):  # fmt: skip
        with on(day):
            meeting = create_meeting(store, "retro", "Health", setup=Setup(health=True))
            for name, given in answers.items():
                answer_health(
                    store, meeting.id, find_member(store, name), {k: given.get(k, 3) for k in keys}
                )
            reveal_health(store, meeting.id, find_member(store, meeting.facilitator))


def test_the_report_tells_how_the_health_check_moved(history: History, run) -> None:
    _health_checks(history.store)
    markdown = _report(run).stdout
    section = markdown.split("## Principles health check", 1)[1]
    assert "2 health checks." in section
    assert "- Safety and trust: 2.0 to 4.0; in 2026-Q4 from 4 to 4" in section
    assert "- Everyone leads: 3.0 to 3.0; in 2026-Q4 from 1 to 5, seen very differently" in section
    data = json.loads(_report(run, "--format", "json").stdout)
    trust = next(p for p in data["health"]["principles"] if p["principle"] == "trust")
    assert [q["ratings"] for q in trust["quarters"]] == [[2, 2], [4, 4]]
    html = _report(run, "--format", "html").stdout
    assert "<h2>Principles health check</h2>" in html and html.count("<svg") == 5


@pdf_tools
def test_the_pdf_holds_the_health_check(history: History, run, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    _health_checks(history.store)
    assert _report(run, "--format", "pdf", "--output", "health.pdf").exit_code == 0
    text = _pdf_text(tmp_path / "health.pdf")
    assert "Principles health check" in text
    assert "Safety and trust: 2.0 to 4.0" in text
