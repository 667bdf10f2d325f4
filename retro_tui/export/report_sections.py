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
from retro_tui.domain.meetings import CLOSED, STATUS_NAMES, Meeting
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
from retro_tui.export.html import html_flag, html_list, html_names, html_text, tag
from retro_tui.export.markdown import escape_markdown, md_inline, md_names
from retro_tui.i18n import N_, _, decimal, ngettext

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
# The heading over the actions that ended each way, in the order of `OUTCOME_LABELS`.
OUTCOME_HEADINGS = {
    ON_TIME: N_("Done on time"),
    LATE: N_("Done late"),
    DROPPED_OUTCOME: N_("Dropped"),
    OPEN_OUTCOME: N_("Still open"),
    OVERDUE: N_("Open and overdue"),
}


@dataclass(frozen=True)
class Section:
    """One part of the report: `key` names it in JSON and in the HTML's ids; `heading` is
    as people read it (translated where shown); `markdown` and `html` render its body (the
    page adds the heading); `data` is what JSON holds."""

    key: str
    heading: str
    data: Callable[[PeriodReport], Any]
    markdown: Callable[[PeriodReport], list[str]]
    html: Callable[[PeriodReport], list[str]]


def _meetings_count(count: int) -> str:
    return ngettext("{count} meeting", "{count} meetings", count).format(count=count)


def _checkins_count(count: int) -> str:
    return ngettext("{count} check-in", "{count} check-ins", count).format(count=count)


def _lessons_count(count: int) -> str:
    return ngettext("{count} lesson.", "{count} lessons.", count).format(count=count)


def _table(head: tuple[str, ...], rows: str) -> str:
    """A table with a row of column headings over `rows` (each a `<tr>` already)."""
    cells = "".join(f"<th>{label}</th>" for label in head)
    return f"<table class=grid><thead><tr>{cells}</tr></thead><tbody>{rows}</tbody></table>"  # i18n: not shown


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


def _status(meeting: Meeting) -> str:
    """A meeting's status as people read it."""
    return _(STATUS_NAMES[meeting.status]) if meeting.status in STATUS_NAMES else meeting.status


def _meetings_md(report: PeriodReport) -> list[str]:
    if not report.meetings:
        return [_("No meetings in this period.")]
    lines = [f"{_meetings_count(len(report.meetings))}.", ""]
    for m in report.meetings:
        group = _group_note(report, m)
        title = md_inline(m.title) + (f" ({md_inline(group)})" if group else "")
        status = "" if m.status == CLOSED else f" ({_status(m)})"
        line = _("{date} · {kind} · {title} · facilitator {facilitator}, scribe {scribe}").format(
            date=m.date,
            kind=m.kind_label,
            title=title,
            facilitator=md_inline(m.facilitator),
            scribe=md_inline(m.scribe or _("none")),
        )
        lines.append(f"- {line}{status}")
    return lines


def _meetings_html(report: PeriodReport) -> list[str]:
    if not report.meetings:
        return [tag("p", _("No meetings in this period."))]
    rows = []
    for m in report.meetings:
        group = _group_note(report, m)
        title = html_text(m.title) + (f" ({html_text(group)})" if group else "")
        status = (
            "" if m.status == CLOSED else f" <span class=muted>({html_text(_status(m))})</span>"
        )  # i18n: not shown
        rows.append(
            f"<tr><td class=day>{m.date}</td><td>{html_text(m.kind_label)}</td>"
            f"<td>{title}{status}</td><td>{html_text(m.facilitator)}</td>"
            f"<td>{html_text(m.scribe)}</td></tr>"
        )  # i18n: not shown
    head = (_("Date"), _("Kind"), _("Title"), _("Facilitator"), _("Scribe"))
    return [f"<p>{_meetings_count(len(report.meetings))}.</p>", _table(head, "".join(rows))]


# Facilitators and scribes


def _roles_data(report: PeriodReport) -> list[dict[str, Any]]:
    return [
        {"member": r.member, "facilitated": r.facilitated, "scribed": r.scribed}
        for r in report.roles
    ]


def _roles_md(report: PeriodReport) -> list[str]:
    if not report.roles:
        return [_("Nobody held a role in this period.")]
    return [
        "- "
        + _("{member}: facilitated {facilitated}, took notes {scribed}").format(
            member=escape_markdown(r.member), facilitated=r.facilitated, scribed=r.scribed
        )
        for r in report.roles
    ]


def _roles_html(report: PeriodReport) -> list[str]:
    if not report.roles:
        return [tag("p", _("Nobody held a role in this period."))]
    rows = "".join(
        f"<tr><td>{html_text(r.member)}</td><td class=num>{r.facilitated}</td>"
        f"<td class=num>{r.scribed}</td></tr>"
        for r in report.roles
    )  # i18n: not shown
    return [_table((_("Member"), _("Facilitated"), _("Took notes")), rows)]


# Decisions


def _review(report: PeriodReport, decision: Decision) -> str:
    """When the decision is to be reviewed, and whether that day has come."""
    if not decision.review:
        return _("none")
    if decision.due(report.made):
        return _("{day} (due now)").format(day=decision.review)
    return decision.review


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
        return [_("No decisions in this period.")]
    lines: list[str] = []
    for d in report.decisions:
        lines += ["", f"**{d.date}:** {md_inline(d.text)}", ""]
        if report.group is None:
            lines.append(
                "- " + _("Group: {group}").format(group=md_inline(report.group_name(d.group)))
            )
        lines += [
            "- " + _("Consulted, knows most: {names}").format(names=md_names(d.knows_most)),
            "- " + _("Consulted, affected: {names}").format(names=md_names(d.affected)),
            "- " + _("Review: {day}").format(day=_review(report, d)),
            "- " + _("Status: {status}").format(status=_(STATUSES[d.status])),
        ]
        if d.nobody_consulted:
            lines.append("- " + _("Flag: nobody was consulted."))
    return lines[1:]


def _decisions_html(report: PeriodReport) -> list[str]:
    if not report.decisions:
        return [tag("p", _("No decisions in this period."))]
    body = []
    for d in report.decisions:
        details = (
            [_("Group: {group}").format(group=html_text(report.group_name(d.group)))]
            if report.group is None
            else []
        )
        details += [
            _("Consulted, knows most: {names}").format(names=html_names(d.knows_most)),
            _("Consulted, affected: {names}").format(names=html_names(d.affected)),
            _("Review: {day}").format(day=html_text(_review(report, d))),
            _("Status: {status}").format(status=_(STATUSES[d.status])),
        ]
        if d.nobody_consulted:
            details.append(html_flag(_("Nobody was consulted.")))
        body += [f"<p><strong>{d.date}:</strong> {html_text(d.text)}</p>", html_list(details)]
    return body


# Actions


def _ended(action: ActionOutcome, text: Callable[[str], str], day: Callable[[str], str]) -> str:
    """The action's owner (as `text` writes people's text), its due day, and when it was
    raised and ended (as `day` writes a day)."""
    parts = [text(action.action.owner)]
    if action.action.due:
        parts.append(_("due {day}").format(day=day(action.action.due)))
    parts.append(_("raised {day}").format(day=day(action.raised)))
    if action.ended:
        ended = _("dropped {day}") if action.outcome == DROPPED_OUTCOME else _("done {day}")
        parts.append(ended.format(day=day(action.ended)))
    return ", ".join(parts)


def _html_day(day: str) -> str:
    """A day that a line never breaks at its hyphens."""
    return f"<span class=day>{html_text(day)}</span>"  # i18n: not shown


def _counts_line(report: PeriodReport) -> str:
    counts = "; ".join(f"{bar.label}: {bar.count}" for bar in report.outcomes)
    return ngettext(
        "{count} action raised ({counts}), as of {day}.",
        "{count} actions raised ({counts}), as of {day}.",
        len(report.actions),
    ).format(count=len(report.actions), counts=counts, day=report.made)


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
    """The outcomes that some action had, each with its heading and its actions."""
    grouped = [
        (_(OUTCOME_HEADINGS[key]), [a for a in report.actions if a.outcome == key])
        for key in OUTCOME_LABELS
    ]
    return [(heading, actions) for heading, actions in grouped if actions]


def _actions_md(report: PeriodReport) -> list[str]:
    if not report.actions:
        return [_("No actions were raised in this period.")]
    lines = [_counts_line(report)]
    for heading, actions in _by_outcome(report):
        lines += ["", f"### {heading}", ""]
        lines += [
            f"- {escape_markdown(a.action.text)} ({_ended(a, md_inline, str)})" for a in actions
        ]
    return lines


def _actions_html(report: PeriodReport) -> list[str]:
    if not report.actions:
        return [tag("p", _("No actions were raised in this period."))]
    bars = [BarSpec(b.label, b.count, OUTCOME_COLOURS[b.key]) for b in report.outcomes]
    body = [
        f"<p>{html_text(_counts_line(report))}</p>",
        _figure(
            lambda title: bar_chart(bars, title),
            _("Actions raised in the period, by how they ended"),
        ),
    ]
    for heading, actions in _by_outcome(report):
        body += [
            f"<h3>{html_text(heading)}</h3>",
            html_list(
                [f"{html_text(a.action.text)} ({_ended(a, html_text, _html_day)})" for a in actions]
            ),
        ]
    return body


# Principles in tension


def _in_tension(report: PeriodReport) -> list[Bar]:
    return [bar for bar in report.tension_ranking if bar.count]


def _times(count: int) -> str:
    return ngettext("{count} time", "{count} times", count).format(count=count)


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
        return [_("No principle was in tension in this period.")]
    lines: list[str] = []
    for bar in ranking:
        lines += ["", f"### {md_inline(bar.label)}: {_times(bar.count)}", ""]
        lines += [
            f"- {t.date} · {md_inline(t.item)}: {md_inline(t.note)}"
            for t in report.tensions
            if t.principle == bar.key
        ]
    return lines[1:]


def _tensions_html(report: PeriodReport) -> list[str]:
    ranking = _in_tension(report)
    if not ranking:
        return [tag("p", _("No principle was in tension in this period."))]
    bars = [BarSpec(b.label, b.count, TENSION_COLOUR) for b in report.tension_ranking]
    body = [_figure(lambda title: bar_chart(bars, title), _("Times each principle was in tension"))]
    for bar in ranking:
        notes = [
            f"{t.date} · {html_text(t.item)}: {html_text(t.note)}"
            for t in report.tensions
            if t.principle == bar.key
        ]
        body += [f"<h3>{html_text(bar.label)}: {_times(bar.count)}</h3>", html_list(notes)]
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
        return [_("No lessons were written in this period.")]
    touched = [b for b in report.lesson_principles if b.count]
    lines = [_lessons_count(len(report.lessons))]
    if touched:
        lines += ["", _("Principles they touch:"), ""]
        lines += [f"- {escape_markdown(b.label)}: {b.count}" for b in touched]
    lines += ["", _("Each lesson, with what it taught and what comes next:"), ""]
    for lesson in report.lessons:
        names = [report.principle_name(k) for k in lesson.principles]
        line = f"- **{md_inline(lesson.title)}** ({lesson.created[:10]}; {md_names(names)}): "
        line += md_inline(_sentence(lesson.learned))
        if lesson.next:
            line += " " + _("Next: {text}").format(text=md_inline(lesson.next))
        lines.append(line)
    return lines


def _lessons_html(report: PeriodReport) -> list[str]:
    if not report.lessons:
        return [tag("p", _("No lessons were written in this period."))]
    body = [f"<p>{_lessons_count(len(report.lessons))}</p>"]
    if any(b.count for b in report.lesson_principles):
        bars = [BarSpec(b.label, b.count, LESSON_COLOUR) for b in report.lesson_principles]
        body.append(
            _figure(lambda title: bar_chart(bars, title), _("Lessons that touch each principle"))
        )
    lines = []
    for lesson in report.lessons:
        names = [report.principle_name(k) for k in lesson.principles]
        line = f"<b>{html_text(lesson.title)}</b> ({html_text(lesson.created[:10])}; "
        line += f"{html_names(names)}): {html_text(_sentence(lesson.learned))}"
        if lesson.next:
            line += " " + _("Next: {text}").format(text=html_text(lesson.next))
        lines.append(line)
    return [*body, html_list(lines)]


# Check-in energy


def _energy_summary(report: PeriodReport) -> str:
    points = report.energy
    checkins = sum(p.checkins for p in points)
    average = sum(p.average * p.checkins for p in points) / checkins
    low = min(points, key=lambda p: p.average)
    high = max(points, key=lambda p: p.average)
    return _(
        "Average {average} of 5 over {checkins} in {meetings}; lowest {lowest} on {low_day}, "
        "highest {highest} on {high_day}."
    ).format(
        average=decimal(average),
        checkins=_checkins_count(checkins),
        meetings=_meetings_count(len(points)),
        lowest=decimal(low.average),
        low_day=low.date,
        highest=decimal(high.average),
        high_day=high.date,
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
        return [_("No check-ins in this period.")]
    lines = [_energy_summary(report), ""]
    lines += [
        f"- {p.date}: {decimal(p.average)} ({_checkins_count(p.checkins)})" for p in report.energy
    ]
    return lines


def _energy_html(report: PeriodReport) -> list[str]:
    if not report.energy:
        return [tag("p", _("No check-ins in this period."))]
    points = [(date.fromisoformat(p.date), p.average) for p in report.energy]
    caption = _("Average check-in energy of each meeting, from 1 to 5")
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
    apart = latest.ratings[-1] - latest.ratings[0] >= DISAGREEMENT
    if moved:
        line = (
            _("{first} to {last}; in {quarter} from {lowest} to {highest}, seen very differently")
            if apart
            else _("{first} to {last}; in {quarter} from {lowest} to {highest}")
        )
    else:
        line = (
            _("{mean}; in {quarter} from {lowest} to {highest}, seen very differently")
            if apart
            else _("{mean}; in {quarter} from {lowest} to {highest}")
        )
    return line.format(
        first=decimal(moved[0]) if moved else "",
        last=decimal(moved[1]) if moved else "",
        mean=decimal(latest.mean),
        quarter=latest.quarter,
        lowest=latest.ratings[0],
        highest=latest.ratings[-1],
    )


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
        return [_("No health check was revealed in this period.")]
    checks = report.health_checks
    lines = [
        ngettext(
            "{count} health check. The mean rating of each principle from the first quarter it "
            "was rated to the last, and the range of the last:",
            "{count} health checks. The mean rating of each principle from the first quarter it "
            "was rated to the last, and the range of the last:",
            checks,
        ).format(count=checks),
        "",
    ]
    return lines + [f"- {md_inline(t.name)}: {_health_line(t)}" for t in rated]


def _health_html(report: PeriodReport) -> list[str]:
    rated = [t for t in report.health if _latest(t)]
    if not report.health_checks or not rated:
        return [tag("p", _("No health check was revealed in this period."))]
    bars = [BarSpec(t.name, round(_latest(t).mean or 0, 1), HEALTH_COLOUR) for t in rated]
    caption = _("The mean rating of each principle in the last quarter it was rated (1 to 5)")
    checks = report.health_checks
    return [
        "<p>"
        + ngettext("{count} health check.", "{count} health checks.", checks).format(count=checks)
        + "</p>",
        _figure(lambda title: bar_chart(bars, title), caption),
        html_list([f"{html_text(t.name)}: {html_text(_health_line(t))}" for t in rated]),
    ]


def _figure(chart: Callable[[str], str], caption: str) -> str:
    """A chart with its caption, which is also its title for a screen reader."""
    return f"<figure>{chart(caption)}<figcaption>{html_text(caption)}</figcaption></figure>"


SECTIONS: tuple[Section, ...] = (
    Section("meetings", N_("Meetings"), _meetings_data, _meetings_md, _meetings_html),
    Section("roles", N_("Facilitators and scribes"), _roles_data, _roles_md, _roles_html),
    Section("decisions", N_("Decisions"), _decisions_data, _decisions_md, _decisions_html),
    Section("actions", N_("Actions and how they ended"), _actions_data, _actions_md, _actions_html),
    Section("tensions", N_("Principles in tension"), _tensions_data, _tensions_md, _tensions_html),
    Section("lessons", N_("Lessons"), _lessons_data, _lessons_md, _lessons_html),
    Section("energy", N_("Check-in energy"), _energy_data, _energy_md, _energy_html),
    Section("health", N_("Principles health check"), _health_data, _health_md, _health_html),
)
