"""Minutes as one standalone, printable HTML page. All people's text is escaped with `_e`."""

from html import escape
from typing import Any

from retro_tui.export.formats import (
    Format,
    board_line,
    card_note,
    health_head,
    health_line,
    sectioned,
    votes,
)
from retro_tui.export.markdown import (
    OUTCOME_LABELS,
    VERDICT_LABELS,
    correction_line,
    group_line,
    hidden_cards,
    role_change_label,
)

STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; color: #222; }
h1 { margin-bottom: 0; } .sub { color: #555; margin-top: 0; }
h2 { border-bottom: 1px solid #ccc; margin-top: 2rem; }
.tension { color: #9a4a00; } .flag { color: #9a4a00; font-weight: 600; }
table { border-collapse: collapse; } td { padding: 0 1rem 0 0; vertical-align: top; }
/* People's multi-line text keeps its lines. */
p, li { white-space: pre-line; }
@media print { body { margin: 0; font-size: 12pt; } }
"""


def _e(value: Any) -> str:
    """People's text (or None) as HTML text: `<`, `>`, `&` and quotes escaped."""
    return escape(str(value)) if value is not None else "none"


def _names(names: list[str]) -> str:
    return _e(", ".join(names)) if names else "nobody"


def _list(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>"


def _action(action: dict[str, Any]) -> str:
    due = f", due {_e(action['due'])}" if action["due"] else ""
    return f"{_e(action['text'])} ({_e(action['owner'])}{due})"


def _header(minutes: dict[str, Any]) -> list[str]:
    meeting = minutes["meeting"]
    return [
        f"<h1>{_e(meeting['title'])}</h1>",
        f"<p class=sub>{_e(minutes['team'])} · {_e(meeting['kind_label'])} · {_e(meeting['date'])}</p>",
        _list(
            [
                *[f"Group: {line}" for line in [group_line(minutes["group"], _e)] if line],
                f"Facilitator: {_e(meeting['facilitator'])}",
                f"Scribe: {_e(meeting['scribe'] or None)}",
                f"Present: {_names(meeting['present'])}",
                f"Absent: {_names(meeting['absent'])}",
                *[
                    f"{role_change_label(c['role'])}: {_e(c['from_member'])} → {_e(c['to_member'])} ({_e(c['reason'])})"
                    for c in meeting["role_changes"]
                ],
                *[
                    f"Reopened by {_e(r['by'])} on {_e(r['at'][:10])}: {_e(r['reason'])}"
                    for r in meeting["reopenings"]
                ],
            ]
        ),
    ]


def _checkins(minutes: dict[str, Any]) -> list[str]:
    if not minutes["checkins"]:
        return []
    lines = [f"{_e(c['member'])}: {c['energy']}/5, {_e(c['word'])}" for c in minutes["checkins"]]
    return ["<h2>Check-in</h2>", _list(lines)]


def _reviewed_actions(minutes: dict[str, Any]) -> list[str]:
    if not minutes["reviewed_actions"]:
        return []
    lines = [f"{_action(a)}: {OUTCOME_LABELS[a['outcome']]}" for a in minutes["reviewed_actions"]]
    return ["<h2>Actions reviewed</h2>", _list(lines)]


def _agenda(minutes: dict[str, Any]) -> list[str]:
    body = ["<h2>Agenda</h2>"] if minutes["items"] else []
    for number, item in enumerate(minutes["items"], start=1):
        body.append(f"<h3>{number}. {_e(item['title'])}</h3>")
        details = [f"Owner {_e(item['owner'])}"] if item["owner"] else []
        if item["timebox"]:
            details.append(f"timebox {_e(item['timebox'])} min")
        if details:
            body.append(f"<p>{'; '.join(details)}</p>")
        if item["notes"]:
            body.append(f"<p style='white-space: pre-wrap'>{_e(item['notes'])}</p>")
        checks = [
            f'<span class="{_e(c["verdict"])}">{_e(c["name"])}: {VERDICT_LABELS[c["verdict"]]}'
            f"{': ' + _e(c['note']) if c['note'] else ''}</span>"
            for c in item["checks"]
        ]
        if item["check_skipped"]:
            checks.insert(
                0,
                "<span class=flag>The check was skipped for the principles not yet considered.</span>",
            )
        body += ["<p>Principle check:</p>", _list(checks)]
        for d in item["decisions"]:
            flags = []
            if d["nobody_consulted"]:
                flags.append("<span class=flag>Nobody was consulted.</span>")
            if d["rule_words"]:
                flags.append(
                    "<span class=flag>Proposes a new rule; could a principle do instead?</span>"
                )
            body += [
                f"<p><strong>Decision:</strong> {_e(d['text'])}</p>",
                _list(
                    [
                        f"Took part: {_names(d['took_part'])}",
                        *([f"Recorded by: {_e(d['by'])}"] if d["by"] else []),
                        f"Consulted, knows most: {_names(d['knows_most'])}",
                        f"Consulted, affected: {_names(d['affected'])}",
                        *([f"Review: {_e(d['review'])}"] if d.get("review") else []),
                        *flags,
                    ]
                ),
            ]
        if item["actions"]:
            body += ["<p>Actions:</p>", _list([_action(a) for a in item["actions"]])]
    return body


def _other_actions(minutes: dict[str, Any]) -> list[str]:
    if not minutes["other_actions"]:
        return []
    return ["<h2>Other actions</h2>", _list([_action(a) for a in minutes["other_actions"]])]


def _health(minutes: dict[str, Any]) -> list[str]:
    health = minutes["health"]
    if health is None:
        return []
    body = ["<h2>Health check</h2>", f"<p>{_e(health_head(health))}</p>"]
    if health["principles"]:
        lines = [f"{_e(p['name'])}: {_e(health_line(p))}" for p in health["principles"]]
        body.append(_list(lines))
    notes = [f"{_e(p['name'])}: {_e(n)}" for p in health["principles"] for n in p["notes"]]
    if notes:
        body += ["<p>Notes:</p>", _list(notes)]
    return body


def _cards(minutes: dict[str, Any]) -> list[str]:
    cards = minutes["cards"]
    columns = [c for c in cards["columns"] if c["cards"]]
    if not (columns or cards["hidden"]):
        return []
    body = ["<h2>Cards</h2>"]
    if line := board_line(cards):
        body.append(f"<p>{_e(line)}</p>")
    if cards["hidden"]:
        body.append(f"<p>{_e(hidden_cards(cards['hidden']))}</p>")
    for column in columns:
        body += [
            f"<h3>{_e(column['label'])}</h3>",
            _list([f"{_e(c['text'])} ({_e(card_note(c))})" for c in column["cards"]]),
        ]
    if any(topic["theme"] for topic in cards["topics"]):
        body.append("<h3>Themes and cards, in the order discussed</h3>")
        items = []
        for topic in cards["topics"]:
            line = f"{_e(topic['theme'] or topic['cards'][0])} ({votes(topic['votes'])})"
            if topic["theme"]:
                line += _list([_e(text) for text in topic["cards"]])
            items.append(f"<li>{line}</li>")
        body.append("<ol>" + "".join(items) + "</ol>")
    return body


def _lessons(minutes: dict[str, Any]) -> list[str]:
    body = ["<h2>Lessons</h2>"] if minutes["lessons"] else []
    for lesson in minutes["lessons"]:
        body += [
            f"<h3>{_e(lesson['title'])}</h3>",
            _list(
                [
                    f"Tried: {_e(lesson['tried'])}",
                    f"Happened: {_e(lesson['happened'])}",
                    f"Learned: {_e(lesson['learned'])}",
                    *([f"Next: {_e(lesson['next'])}"] if lesson["next"] else []),
                    *(
                        [f"Principles: {_names(lesson['principle_names'])}"]
                        if lesson["principle_names"]
                        else []
                    ),
                ]
            ),
        ]
    return body


def _corrections(minutes: dict[str, Any]) -> list[str]:
    if not minutes["corrections"]:
        return []
    day = minutes["meeting"]["date"]
    lines = [correction_line(c, day, _e) for c in minutes["corrections"]]
    return ["<h2>Corrections</h2>", _list(lines)]


def _next_roles(minutes: dict[str, Any]) -> list[str]:
    roles = minutes["next_roles"]
    if not roles["facilitator"]:
        return []
    lines = [f"Facilitator: {_e(roles['facilitator'])}", f"Scribe: {_e(roles['scribe'])}"]
    return ["<h2>Next time</h2>", _list(lines)]


def _page(minutes: dict[str, Any], sections: list[list[str]]) -> str:
    meeting = minutes["meeting"]
    title = f"{_e(meeting['title'])} · {_e(meeting['date'])}"
    body = [chunk for section in sections for chunk in section]
    return (
        "<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
        f"<title>{title}</title><style>{STYLE}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


# A standalone page; every text people typed goes through `_e`.
HTML = Format(
    "html",
    "HTML (printable)",
    sectioned(
        {
            "header": _header,
            "checkins": _checkins,
            "health": _health,
            "reviewed_actions": _reviewed_actions,
            "agenda": _agenda,
            "other_actions": _other_actions,
            "cards": _cards,
            "lessons": _lessons,
            "corrections": _corrections,
            "next_roles": _next_roles,
        },
        _page,
    ),
)
