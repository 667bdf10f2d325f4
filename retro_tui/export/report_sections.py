"""The sections of the period report, in order, each one entry of `SECTIONS`: its heading,
its data for JSON, its Markdown and its HTML (with its chart).

Every format shows the sections in this order, so a new section (say, a principles health
check) is one more `Section` here and the data it needs in `PeriodReport`. People's text
goes through `escape_markdown` in Markdown and through the minutes' `_e` in HTML.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from retro_tui.domain.decisions import STATUSES, Decision
from retro_tui.domain.groups import TEAM_GROUP
from retro_tui.domain.health import DISAGREEMENT
from retro_tui.domain.meetings import CLOSED, Meeting
from retro_tui.domain.report import PeriodReport
from retro_tui.domain.trends import (
    DROPPED_OUTCOME,
    LATE,
    ON_TIME,
    OPEN_OUTCOME,
    OUTCOME_LABELS,
    OVERDUE,
    ActionOutcome,
    Bar,
    PrincipleHealthTrend,
    QuarterHealth,
)
from retro_tui.export.charts import BarSpec, bar_chart, line_chart
from retro_tui.export.html import html_list, html_names, html_text
from retro_tui.export.markdown import escape_markdown, md_inline, md_names

OUTCOME_COLOURS = {
    ON_TIME: "#2e7d32",
    LATE: "#a86a00",
    DROPPED_OUTCOME: "#767676",
    OPEN_OUTCOME: "#2f5f8f",
    OVERDUE: "#b3261e",
}
TENSION_COLOUR = "#9a4a00"  # as the minutes colour a tension
LESSON_COLOUR = "#5b4a8a"
HEALTH_COLOUR = "#2f7f6f"


@dataclass(frozen=True)
class Section:
    """One part of the report: `key` names it in JSON and in the HTML's ids; `markdown`
    and `html` render its body (the page adds the heading); `data` is what JSON holds."""

    key: str
    heading: str
    data: Callable[[PeriodReport], Any]
    markdown: Callable[[PeriodReport], list[str]]
    html: Callable[[PeriodReport], list[str]]


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


# Meetings


def _group_note(report: PeriodReport, meeting: Meeting) -> str | None:
    """Whose meeting it was, where the report covers every group and the title does not say."""
    if report.group is not None or meeting.group == TEAM_GROUP:
        return None
    name = report.group_name(meeting.group)
    return None if name == meeting.title else name


def _meetings_data(report: PeriodReport) -> list[dict[str, Any]]:
    return [
        {
            "id": m.id,
            "date": m.date,
            "kind": m.kind,
            "kind_label": m.kind_label,
            "title": m.title,
            "status": m.status,
            "group": m.group,
            "group_name": report.group_name(m.group),
            "facilitator": m.facilitator,
            "scribe": m.scribe,
        }
        for m in report.meetings
    ]


def _meetings_md(report: PeriodReport) -> list[str]:
    if not report.meetings:
        return ["No meetings in this period."]
    lines = [f"{_plural(len(report.meetings), 'meeting')}.", ""]
    for m in report.meetings:
        group = _group_note(report, m)
        title = md_inline(m.title) + (f" ({md_inline(group)})" if group else "")
        status = "" if m.status == CLOSED else f" ({m.status})"
        lines.append(
            f"- {m.date} · {m.kind_label} · {title} · facilitator {md_inline(m.facilitator)}, "
            f"scribe {md_inline(m.scribe or 'none')}{status}"
        )
    return lines


def _meetings_html(report: PeriodReport) -> list[str]:
    if not report.meetings:
        return ["<p>No meetings in this period.</p>"]
    rows = []
    for m in report.meetings:
        group = _group_note(report, m)
        title = html_text(m.title) + (f" ({html_text(group)})" if group else "")
        status = "" if m.status == CLOSED else f" <span class=muted>({html_text(m.status)})</span>"
        rows.append(
            f"<tr><td class=day>{m.date}</td><td>{html_text(m.kind_label)}</td>"
            f"<td>{title}{status}</td><td>{html_text(m.facilitator)}</td>"
            f"<td>{html_text(m.scribe)}</td></tr>"
        )
    head = "<tr><th>Date</th><th>Kind</th><th>Title</th><th>Facilitator</th><th>Scribe</th></tr>"
    return [
        f"<p>{_plural(len(report.meetings), 'meeting')}.</p>",
        f"<table class=grid><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>",
    ]


# Facilitators and scribes


def _roles_data(report: PeriodReport) -> list[dict[str, Any]]:
    return [
        {"member": r.member, "facilitated": r.facilitated, "scribed": r.scribed}
        for r in report.roles
    ]


def _roles_md(report: PeriodReport) -> list[str]:
    if not report.roles:
        return ["Nobody held a role in this period."]
    return [
        f"- {escape_markdown(r.member)}: facilitated {r.facilitated}, took notes {r.scribed}"
        for r in report.roles
    ]


def _roles_html(report: PeriodReport) -> list[str]:
    if not report.roles:
        return ["<p>Nobody held a role in this period.</p>"]
    rows = "".join(
        f"<tr><td>{html_text(r.member)}</td><td class=num>{r.facilitated}</td>"
        f"<td class=num>{r.scribed}</td></tr>"
        for r in report.roles
    )
    head = "<tr><th>Member</th><th>Facilitated</th><th>Took notes</th></tr>"
    return [f"<table class=grid><thead>{head}</thead><tbody>{rows}</tbody></table>"]


# Decisions


def _review(report: PeriodReport, decision: Decision) -> str:
    """When the decision is to be reviewed, and whether that day has come."""
    if not decision.review:
        return "none"
    return decision.review + (" (due now)" if decision.due(report.made) else "")


def _decisions_data(report: PeriodReport) -> list[dict[str, Any]]:
    return [
        {
            "id": d.record,
            "date": d.date,
            "meeting": d.meeting,
            "group": d.group,
            "group_name": report.group_name(d.group),
            "text": d.text,
            "knows_most": d.knows_most,
            "affected": d.affected,
            "nobody_consulted": d.nobody_consulted,
            "review": d.review,
            "review_due": d.due(report.made),
            "status": d.status,
        }
        for d in report.decisions
    ]


def _decisions_md(report: PeriodReport) -> list[str]:
    if not report.decisions:
        return ["No decisions in this period."]
    lines: list[str] = []
    for d in report.decisions:
        lines += ["", f"**{d.date}:** {md_inline(d.text)}", ""]
        if report.group is None:
            lines.append(f"- Group: {md_inline(report.group_name(d.group))}")
        lines += [
            f"- Consulted, knows most: {md_names(d.knows_most)}",
            f"- Consulted, affected: {md_names(d.affected)}",
            f"- Review: {_review(report, d)}",
            f"- Status: {STATUSES[d.status]}",
        ]
        if d.nobody_consulted:
            lines.append("- Flag: nobody was consulted.")
    return lines[1:]


def _decisions_html(report: PeriodReport) -> list[str]:
    if not report.decisions:
        return ["<p>No decisions in this period.</p>"]
    body = []
    for d in report.decisions:
        details = (
            [f"Group: {html_text(report.group_name(d.group))}"] if report.group is None else []
        )
        details += [
            f"Consulted, knows most: {html_names(d.knows_most)}",
            f"Consulted, affected: {html_names(d.affected)}",
            f"Review: {html_text(_review(report, d))}",
            f"Status: {STATUSES[d.status]}",
        ]
        if d.nobody_consulted:
            details.append("<span class=flag>Nobody was consulted.</span>")
        body += [f"<p><strong>{d.date}:</strong> {html_text(d.text)}</p>", html_list(details)]
    return body


# Actions


def _ended(action: ActionOutcome, text: Callable[[str], str], day: Callable[[str], str]) -> str:
    """The action's owner (as `text` writes people's text), its due day, and when it was
    raised and ended (as `day` writes a day)."""
    parts = [text(action.action.owner)]
    if action.action.due:
        parts.append(f"due {day(action.action.due)}")
    parts.append(f"raised {day(action.raised)}")
    if action.ended:
        verb = "dropped" if action.outcome == DROPPED_OUTCOME else "done"
        parts.append(f"{verb} {day(action.ended)}")
    return ", ".join(parts)


def _html_day(day: str) -> str:
    """A day that a line never breaks at its hyphens."""
    return f"<span class=day>{html_text(day)}</span>"


def _counts_line(report: PeriodReport) -> str:
    counts = "; ".join(f"{bar.label}: {bar.count}" for bar in report.outcomes)
    return f"{_plural(len(report.actions), 'action')} raised ({counts}), as of {report.made}."


def _actions_data(report: PeriodReport) -> dict[str, Any]:
    return {
        "as_of": report.made.isoformat(),
        "counts": {bar.key: bar.count for bar in report.outcomes},
        "actions": [
            {
                "id": a.action.id,
                "text": a.action.text,
                "owner": a.action.owner,
                "due": a.action.due,
                "meeting": a.action.meeting,
                "raised": a.raised,
                "group": a.group,
                "outcome": a.outcome,
                "ended": a.ended,
            }
            for a in report.actions
        ],
    }


def _by_outcome(report: PeriodReport) -> list[tuple[str, list[ActionOutcome]]]:
    """The outcomes that some action had, each with its actions."""
    grouped = [
        (label, [a for a in report.actions if a.outcome == key])
        for key, label in OUTCOME_LABELS.items()
    ]
    return [(label, actions) for label, actions in grouped if actions]


def _actions_md(report: PeriodReport) -> list[str]:
    if not report.actions:
        return ["No actions were raised in this period."]
    lines = [_counts_line(report)]
    for label, actions in _by_outcome(report):
        lines += ["", f"### {label.capitalize()}", ""]
        lines += [
            f"- {escape_markdown(a.action.text)} ({_ended(a, md_inline, str)})" for a in actions
        ]
    return lines


def _actions_html(report: PeriodReport) -> list[str]:
    if not report.actions:
        return ["<p>No actions were raised in this period.</p>"]
    bars = [BarSpec(b.label, b.count, OUTCOME_COLOURS[b.key]) for b in report.outcomes]
    body = [
        f"<p>{html_text(_counts_line(report))}</p>",
        _figure(
            lambda title: bar_chart(bars, title), "Actions raised in the period, by how they ended"
        ),
    ]
    for label, actions in _by_outcome(report):
        body += [
            f"<h3>{html_text(label.capitalize())}</h3>",
            html_list(
                [f"{html_text(a.action.text)} ({_ended(a, html_text, _html_day)})" for a in actions]
            ),
        ]
    return body


# Principles in tension


def _in_tension(report: PeriodReport) -> list[Bar]:
    return [bar for bar in report.tension_ranking if bar.count]


def _tensions_data(report: PeriodReport) -> dict[str, Any]:
    return {
        "ranking": [
            {"principle": b.key, "name": b.label, "count": b.count} for b in _in_tension(report)
        ],
        "tensions": [
            {
                "principle": t.principle,
                "meeting": t.meeting,
                "date": t.date,
                "group": t.group,
                "item": t.item,
                "note": t.note,
            }
            for t in report.tensions
        ],
    }


def _tensions_md(report: PeriodReport) -> list[str]:
    ranking = _in_tension(report)
    if not ranking:
        return ["No principle was in tension in this period."]
    lines: list[str] = []
    for bar in ranking:
        lines += ["", f"### {md_inline(bar.label)}: {_plural(bar.count, 'time')}", ""]
        lines += [
            f"- {t.date} · {md_inline(t.item)}: {md_inline(t.note)}"
            for t in report.tensions
            if t.principle == bar.key
        ]
    return lines[1:]


def _tensions_html(report: PeriodReport) -> list[str]:
    ranking = _in_tension(report)
    if not ranking:
        return ["<p>No principle was in tension in this period.</p>"]
    bars = [BarSpec(b.label, b.count, TENSION_COLOUR) for b in report.tension_ranking]
    body = [_figure(lambda title: bar_chart(bars, title), "Times each principle was in tension")]
    for bar in ranking:
        notes = [
            f"{t.date} · {html_text(t.item)}: {html_text(t.note)}"
            for t in report.tensions
            if t.principle == bar.key
        ]
        body += [f"<h3>{html_text(bar.label)}: {_plural(bar.count, 'time')}</h3>", html_list(notes)]
    return body


# Lessons


def _lessons_data(report: PeriodReport) -> dict[str, Any]:
    return {
        "per_principle": [
            {"principle": b.key, "name": b.label, "count": b.count}
            for b in report.lesson_principles
            if b.count
        ],
        "lessons": [
            {
                "id": lesson.id,
                "title": lesson.title,
                "written": lesson.created[:10],
                "meeting": lesson.meeting,
                "principles": lesson.principles,
                "principle_names": [report.principle_name(k) for k in lesson.principles],
                "learned": lesson.learned,
                "next": lesson.next,
            }
            for lesson in report.lessons
        ],
    }


def _sentence(text: str) -> str:
    """`text` ending as a sentence does, so that another can follow it."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?…" else f"{text}."


def _lessons_md(report: PeriodReport) -> list[str]:
    if not report.lessons:
        return ["No lessons were written in this period."]
    touched = [b for b in report.lesson_principles if b.count]
    lines = [f"{_plural(len(report.lessons), 'lesson')}."]
    if touched:
        lines += ["", "Principles they touch:", ""]
        lines += [f"- {escape_markdown(b.label)}: {b.count}" for b in touched]
    lines += ["", "Each lesson, with what it taught and what comes next:", ""]
    for lesson in report.lessons:
        names = [report.principle_name(k) for k in lesson.principles]
        line = f"- **{md_inline(lesson.title)}** ({lesson.created[:10]}; {md_names(names)}): "
        line += md_inline(_sentence(lesson.learned))
        lines.append(line + (f" Next: {md_inline(lesson.next)}" if lesson.next else ""))
    return lines


def _lessons_html(report: PeriodReport) -> list[str]:
    if not report.lessons:
        return ["<p>No lessons were written in this period.</p>"]
    body = [f"<p>{_plural(len(report.lessons), 'lesson')}.</p>"]
    if any(b.count for b in report.lesson_principles):
        bars = [BarSpec(b.label, b.count, LESSON_COLOUR) for b in report.lesson_principles]
        body.append(
            _figure(lambda title: bar_chart(bars, title), "Lessons that touch each principle")
        )
    lines = []
    for lesson in report.lessons:
        names = [report.principle_name(k) for k in lesson.principles]
        line = f"<b>{html_text(lesson.title)}</b> ({html_text(lesson.created[:10])}; "
        line += f"{html_names(names)}): {html_text(_sentence(lesson.learned))}"
        lines.append(line + (f" Next: {html_text(lesson.next)}" if lesson.next else ""))
    return [*body, html_list(lines)]


# Check-in energy


def _energy_summary(report: PeriodReport) -> str:
    points = report.energy
    checkins = sum(p.checkins for p in points)
    average = sum(p.average * p.checkins for p in points) / checkins
    low = min(points, key=lambda p: p.average)
    high = max(points, key=lambda p: p.average)
    return (
        f"Average {average:.1f} of 5 over {_plural(checkins, 'check-in')} in "
        f"{_plural(len(points), 'meeting')}; lowest {low.average:.1f} on {low.date}, "
        f"highest {high.average:.1f} on {high.date}."
    )


def _energy_data(report: PeriodReport) -> dict[str, Any]:
    checkins = sum(p.checkins for p in report.energy)
    total = sum(p.average * p.checkins for p in report.energy)
    return {
        "average": round(total / checkins, 2) if checkins else None,
        "meetings": [
            {
                "meeting": p.meeting,
                "date": p.date,
                "group": p.group,
                "average": round(p.average, 2),
                "checkins": p.checkins,
            }
            for p in report.energy
        ],
    }


def _energy_md(report: PeriodReport) -> list[str]:
    if not report.energy:
        return ["No check-ins in this period."]
    lines = [_energy_summary(report), ""]
    lines += [
        f"- {p.date}: {p.average:.1f} ({_plural(p.checkins, 'check-in')})" for p in report.energy
    ]
    return lines


def _energy_html(report: PeriodReport) -> list[str]:
    if not report.energy:
        return ["<p>No check-ins in this period.</p>"]
    points = [(date.fromisoformat(p.date), p.average) for p in report.energy]
    caption = "Average check-in energy of each meeting, from 1 to 5"
    chart = _figure(lambda title: line_chart(points, report.start, report.end, title), caption)
    return [f"<p>{_energy_summary(report)}</p>", chart]


# The principles health check


def _latest(trend: PrincipleHealthTrend) -> QuarterHealth | None:
    """The last quarter of the period in which the principle was rated."""
    rated = [q for q in trend.quarters if q.ratings]
    return rated[-1] if rated else None


def _health_line(trend: PrincipleHealthTrend) -> str:
    """How one principle's ratings moved, and how far apart the last ones were."""
    latest = _latest(trend)
    assert latest is not None and latest.mean is not None
    moved = trend.moved()
    line = f"{moved[0]:.1f} to {moved[1]:.1f}" if moved else f"{latest.mean:.1f}"
    line += f"; in {latest.quarter} from {latest.ratings[0]} to {latest.ratings[-1]}"
    if latest.ratings[-1] - latest.ratings[0] >= DISAGREEMENT:
        line += ", seen very differently"
    return line


def _health_data(report: PeriodReport) -> dict[str, Any]:
    return {
        "checks": report.health_checks,
        "principles": [
            {
                "principle": t.key,
                "name": t.name,
                "quarters": [
                    {
                        "quarter": q.quarter,
                        "mean": round(q.mean, 2) if q.mean is not None else None,
                        "ratings": q.ratings,
                    }
                    for q in t.quarters
                ],
            }
            for t in report.health
        ],
    }


def _health_md(report: PeriodReport) -> list[str]:
    rated = [t for t in report.health if _latest(t)]
    if not report.health_checks or not rated:
        return ["No health check was revealed in this period."]
    lines = [
        f"{_plural(report.health_checks, 'health check')}. The mean rating of each principle "
        "from the first quarter it was rated to the last, and the range of the last:",
        "",
    ]
    return lines + [f"- {md_inline(t.name)}: {_health_line(t)}" for t in rated]


def _health_html(report: PeriodReport) -> list[str]:
    rated = [t for t in report.health if _latest(t)]
    if not report.health_checks or not rated:
        return ["<p>No health check was revealed in this period.</p>"]
    bars = [BarSpec(t.name, round(_latest(t).mean or 0, 1), HEALTH_COLOUR) for t in rated]
    caption = "The mean rating of each principle in the last quarter it was rated (1 to 5)"
    return [
        f"<p>{_plural(report.health_checks, 'health check')}.</p>",
        _figure(lambda title: bar_chart(bars, title), caption),
        html_list([f"{html_text(t.name)}: {html_text(_health_line(t))}" for t in rated]),
    ]


def _figure(chart: Callable[[str], str], caption: str) -> str:
    """A chart with its caption, which is also its title for a screen reader."""
    return f"<figure>{chart(caption)}<figcaption>{html_text(caption)}</figcaption></figure>"


SECTIONS: tuple[Section, ...] = (
    Section("meetings", "Meetings", _meetings_data, _meetings_md, _meetings_html),
    Section("roles", "Facilitators and scribes", _roles_data, _roles_md, _roles_html),
    Section("decisions", "Decisions", _decisions_data, _decisions_md, _decisions_html),
    Section("actions", "Actions and how they ended", _actions_data, _actions_md, _actions_html),
    Section("tensions", "Principles in tension", _tensions_data, _tensions_md, _tensions_html),
    Section("lessons", "Lessons", _lessons_data, _lessons_md, _lessons_html),
    Section("energy", "Check-in energy", _energy_data, _energy_md, _energy_html),
    Section("health", "Principles health check", _health_data, _health_md, _health_html),
)
