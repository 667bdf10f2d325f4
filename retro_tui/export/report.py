"""The period report in Markdown, HTML (standalone and printable, with its charts inline),
JSON (the data, no charts) or PDF (the HTML, laid out by WeasyPrint).

A format is one entry of `REPORT_FORMATS`; each puts the sections of `SECTIONS` on a page
in their order. WeasyPrint is imported only when a PDF is made, so nothing else pays for
it, and it fetches nothing: the page refers to nothing outside itself, and its URL
fetcher refuses every URL all the same.
"""

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from types import ModuleType
from typing import Any

from retro_tui.domain.report import PeriodReport, gather_report
from retro_tui.domain.team import team_language
from retro_tui.errors import RetroError
from retro_tui.export.html import STYLE, html_text
from retro_tui.export.markdown import escape_markdown, md_inline
from retro_tui.export.report_sections import SECTIONS
from retro_tui.i18n import N_, _, language, ngettext, using
from retro_tui.store import Store, clean_text

PANGO_MISSING = N_(
    "making a PDF needs the Pango library: apt-get install libpango-1.0-0 libpangoft2-1.0-0"
)
WEASYPRINT_MISSING = N_("making a PDF needs WeasyPrint: python -m pip install 'weasyprint>=62'")
# Whose report it is, for one forum's or community's.
SCOPES = {"forum": N_("decision forum of {team}"), "community": N_("knowledge community of {team}")}

REPORT_STYLE = """
@page { size: A4; margin: 16mm 18mm;
  @bottom-right { content: counter(page) " / " counter(pages);
    font: 9pt system-ui, sans-serif; color: #555; } }
table.grid { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 0.92em; }
table.grid th, table.grid td { text-align: left; vertical-align: top;
  padding: 0.15rem 0.75rem 0.15rem 0; border-bottom: 1px solid #ddd; }
table.grid td.num { text-align: right; width: 6rem; } .day { white-space: nowrap; }
.muted { color: #555; }
figure { margin: 0.75rem 0 1rem; break-inside: avoid; }
figcaption { font-size: 0.85em; color: #555; }
svg.chart { display: block; max-width: 100%; height: auto; }
h2, h3 { break-after: avoid; } tr, li { break-inside: avoid; }
@media print { h2 { margin-top: 1.5rem; } }
"""  # i18n: not shown


@dataclass(frozen=True)
class ReportFormat:
    """One way to write the report: `key` as `--format` takes it and as the file's
    extension, `name` as people read it, `render` the bytes of the file. A `binary` one is
    never written to a terminal."""

    key: str
    name: str
    render: Callable[[PeriodReport], bytes]
    binary: bool = False


def _scope(report: PeriodReport) -> str:
    """Whose report it is, below its title."""
    if report.group is None:
        return _("every group of the house") if len(report.group_names) > 1 else _("the team")
    if report.group.kind == "team":
        return _("the team's own meetings")
    return _(SCOPES[report.group.kind]).format(team=report.team)


def _summary(report: PeriodReport) -> str:
    meetings, decisions = len(report.meetings), len(report.decisions)
    actions, lessons = len(report.actions), len(report.lessons)
    counts = [
        ngettext("{count} meeting", "{count} meetings", meetings).format(count=meetings),
        ngettext("{count} decision", "{count} decisions", decisions).format(count=decisions),
        ngettext("{count} action", "{count} actions", actions).format(count=actions),
        ngettext("{count} lesson", "{count} lessons", lessons).format(count=lessons),
    ]
    return ", ".join(counts) + "."


def _subtitle(report: PeriodReport) -> str:
    return _("{start} to {end} · {scope} · made {made}").format(
        start=report.start, end=report.end, scope=_scope(report), made=report.made
    )


def render_markdown(report: PeriodReport) -> str:
    """The report as Markdown in the style of the minutes."""
    lines = [
        "# " + _("{subject}: period report").format(subject=md_inline(report.subject)),
        "",
        escape_markdown(_subtitle(report)),
        "",
        _summary(report),
    ]
    for section in SECTIONS:
        lines += ["", f"## {_(section.heading)}", "", *section.markdown(report)]
    return "\n".join(lines) + "\n"


def render_html(report: PeriodReport) -> str:
    """The report as one standalone, printable HTML page with its charts as inline SVG."""
    subject = html_text(report.subject)
    title = _("{subject}: period report").format(subject=subject)
    page_title = _("{subject}: period report {start} to {end}").format(
        subject=subject, start=report.start, end=report.end
    )
    body = [
        f"<h1>{title}</h1>",
        f"<p class=sub>{html_text(_subtitle(report))}</p>",
        f"<p>{_summary(report)}</p>",
    ]
    for section in SECTIONS:
        body.append(f'<section id="{section.key}">')  # i18n: not shown
        body.append(f"<h2>{html_text(_(section.heading))}</h2>")
        body += [*section.html(report), "</section>"]
    return (
        f"<!doctype html>\n<html lang={language()}><head><meta charset=utf-8>"
        f"<title>{page_title}</title>"
        f"<style>{STYLE}{REPORT_STYLE}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )  # i18n: not shown


def report_data(report: PeriodReport) -> dict[str, Any]:
    """What the report holds as JSON-ready data: the period and each section's data."""
    group = report.group
    return {
        "team": report.team,
        "group": {"key": group.key, "name": group.name, "kind": group.kind} if group else None,
        "from": report.start.isoformat(),
        "to": report.end.isoformat(),
        "made": report.made.isoformat(),
        **{section.key: section.data(report) for section in SECTIONS},
    }


def render_json(report: PeriodReport) -> str:
    return json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n"


def _weasyprint() -> ModuleType:
    """WeasyPrint, imported now; a missing library is one clear line, not a traceback."""
    try:
        return importlib.import_module("weasyprint")
    except OSError:  # it loads Pango through ctypes when imported
        raise RetroError(_(PANGO_MISSING)) from None
    except ImportError:
        raise RetroError(_(WEASYPRINT_MISSING)) from None


def refuse_url(url: str, *args: Any, **kwargs: Any) -> Any:
    """A URL fetcher that fetches nothing: the report needs nothing from outside."""
    raise ValueError(f"the report fetches nothing, not {url[:80]}")  # i18n: not shown


def _refusing_fetcher(weasyprint: ModuleType) -> Any:
    """`refuse_url` in the form this WeasyPrint takes: a plain function, or (from version
    66) a `URLFetcher` whose every fetch is refused."""
    base = getattr(weasyprint.urls, "URLFetcher", None)
    if base is None:
        return refuse_url

    class RefusingFetcher(base):  # type: ignore[misc, valid-type]
        def fetch(self, url: str, headers: Any = None) -> Any:
            return refuse_url(url)

    return RefusingFetcher()


def html_to_pdf(html: str) -> bytes:
    """The PDF WeasyPrint lays out from `html`, fetching nothing."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=html, url_fetcher=_refusing_fetcher(weasyprint))
    return document.write_pdf()


def _text(render: Callable[[PeriodReport], str]) -> Callable[[PeriodReport], bytes]:
    """A text format's bytes: UTF-8, and whatever a store file holds, no control
    sequence reaches a terminal through it."""
    return lambda report: clean_text(render(report)).encode()


REPORT_FORMATS: dict[str, ReportFormat] = {
    f.key: f
    for f in (
        ReportFormat("md", N_("Markdown"), _text(render_markdown)),
        ReportFormat("html", N_("HTML (printable, with charts)"), _text(render_html)),
        ReportFormat("json", N_("JSON (the data)"), _text(render_json)),
        ReportFormat(
            "pdf",
            N_("PDF"),
            lambda report: html_to_pdf(clean_text(render_html(report))),
            binary=True,
        ),
    )
}


def export_report(
    store: Store, start: date, end: date, fmt: str = "md", group: str | None = None
) -> bytes:
    """The report of the period for `group` (None: the whole house) as the bytes of `fmt`."""
    if fmt not in REPORT_FORMATS:
        raise RetroError(
            _("unknown format {format}; choose {choices}").format(
                format=repr(fmt), choices=", ".join(REPORT_FORMATS)
            )
        )
    with using(team_language(store)):  # the team's language, whoever asks for it
        return REPORT_FORMATS[fmt].render(gather_report(store, start, end, group))
