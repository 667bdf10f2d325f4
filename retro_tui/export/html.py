"""Minutes as one standalone, printable HTML page. All people's text is escaped with
`html_text`, which the period report uses too."""

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
    column_label,
    correction_line,
    group_line,
    hidden_cards,
    outcome_label,
    owner_due,
    role_change_label,
    verdict_label,
)
from retro_tui.i18n import N_, _, language

STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; color: #222; }
h1 { margin-bottom: 0; } .sub { color: #555; margin-top: 0; }
h2 { border-bottom: 1px solid #ccc; margin-top: 2rem; }
.tension { color: #9a4a00; } .flag { color: #9a4a00; font-weight: 600; }
table { border-collapse: collapse; } td { padding: 0 1rem 0 0; vertical-align: top; }
/* People's multi-line text keeps its lines. */
p, li { white-space: pre-line; }
@media print { body { margin: 0; font-size: 12pt; } }
"""  # i18n: not shown


def html_text(value: Any) -> str:
    """People's text (or None) as HTML text: `<`, `>`, `&` and quotes escaped."""
    return escape(str(value)) if value is not None else _("none")


def html_names(names: list[str]) -> str:
    return html_text(", ".join(names)) if names else _("nobody")


def tag(name: str, text: str) -> str:
    """`text` (HTML already) in an element `name`, such as a heading or a paragraph."""
    return f"<{name}>{text}</{name}>"


def html_list(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>"


def _action(action: dict[str, Any]) -> str:
    due = html_text(action["due"]) if action["due"] else None
    return f"{html_text(action['text'])} ({owner_due(html_text(action['owner']), due)})"


def html_flag(text: str) -> str:
    """Our own words that ask for attention."""
    return f"<span class=flag>{text}</span>"  # i18n: not shown


def _verdict(check: dict[str, Any]) -> str:
    """A principle's verdict on an item, coloured by the verdict, with its note."""
    note = f": {html_text(check['note'])}" if check["note"] else ""
    text = f"{html_text(check['name'])}: {verdict_label(check['verdict'])}{note}"
    return f'<span class="{html_text(check["verdict"])}">{text}</span>'  # i18n: not shown


def _header(minutes: dict[str, Any]) -> list[str]:
    meeting = minutes["meeting"]
    return [
        f"<h1>{html_text(meeting['title'])}</h1>",
        f"<p class=sub>{html_text(minutes['team'])} · {html_text(meeting['kind_label'])} · {html_text(meeting['date'])}</p>",
        html_list(
            [
                *[
                    _("Group: {group}").format(group=line)
                    for line in [group_line(minutes["group"], html_text)]
                    if line
                ],
                _("Facilitator: {name}").format(name=html_text(meeting["facilitator"])),
                _("Scribe: {name}").format(name=html_text(meeting["scribe"] or None)),
                _("Present: {names}").format(names=html_names(meeting["present"])),
                _("Absent: {names}").format(names=html_names(meeting["absent"])),
                *[
                    f"{role_change_label(c['role'])}: {html_text(c['from_member'])} → {html_text(c['to_member'])} ({html_text(c['reason'])})"
                    for c in meeting["role_changes"]
                ],
                *[
                    _("Reopened by {name} on {day}: {reason}").format(
                        name=html_text(r["by"]),
                        day=html_text(r["at"][:10]),
                        reason=html_text(r["reason"]),
                    )
                    for r in meeting["reopenings"]
                ],
            ]
        ),
    ]


def _checkins(minutes: dict[str, Any]) -> list[str]:
    if not minutes["checkins"]:
        return []
    lines = [
        f"{html_text(c['member'])}: {c['energy']}/5, {html_text(c['word'])}"
        for c in minutes["checkins"]
    ]
    return [tag("h2", _("Check-in")), html_list(lines)]


def _reviewed_actions(minutes: dict[str, Any]) -> list[str]:
    if not minutes["reviewed_actions"]:
        return []
    lines = [f"{_action(a)}: {outcome_label(a['outcome'])}" for a in minutes["reviewed_actions"]]
    return [tag("h2", _("Actions reviewed")), html_list(lines)]


def _agenda(minutes: dict[str, Any]) -> list[str]:
    body = [tag("h2", _("Agenda"))] if minutes["items"] else []
    for number, item in enumerate(minutes["items"], start=1):
        body.append(f"<h3>{number}. {html_text(item['title'])}</h3>")
        details = [_("Owner {name}").format(name=html_text(item["owner"]))] if item["owner"] else []
        if item["timebox"]:
            details.append(_("timebox {minutes} min").format(minutes=html_text(item["timebox"])))
        if details:
            body.append(f"<p>{'; '.join(details)}</p>")
        if item["notes"]:
            body.append(f"<p style='white-space: pre-wrap'>{html_text(item['notes'])}</p>")
        checks = [_verdict(c) for c in item["checks"]]
        if item["check_skipped"]:
            checks.insert(
                0, html_flag(_("The check was skipped for the principles not yet considered."))
            )
        body += [tag("p", _("Principle check:")), html_list(checks)]
        for d in item["decisions"]:
            flags = []
            if d["nobody_consulted"]:
                flags.append(html_flag(_("Nobody was consulted.")))
            if d["rule_words"]:
                flags.append(html_flag(_("Proposes a new rule; could a principle do instead?")))
            body += [
                tag("p", tag("strong", _("Decision:")) + " " + html_text(d["text"])),
                html_list(
                    [
                        _("Took part: {names}").format(names=html_names(d["took_part"])),
                        *(
                            [_("Recorded by: {name}").format(name=html_text(d["by"]))]
                            if d["by"]
                            else []
                        ),
                        _("Consulted, knows most: {names}").format(
                            names=html_names(d["knows_most"])
                        ),
                        _("Consulted, affected: {names}").format(names=html_names(d["affected"])),
                        *(
                            [_("Review: {day}").format(day=html_text(d["review"]))]
                            if d.get("review")
                            else []
                        ),
                        *flags,
                    ]
                ),
            ]
        if item["actions"]:
            body += [tag("p", _("Actions:")), html_list([_action(a) for a in item["actions"]])]
    return body


def _other_actions(minutes: dict[str, Any]) -> list[str]:
    if not minutes["other_actions"]:
        return []
    return [
        tag("h2", _("Other actions")),
        html_list([_action(a) for a in minutes["other_actions"]]),
    ]


def _health(minutes: dict[str, Any]) -> list[str]:
    health = minutes["health"]
    if health is None:
        return []
    body = [tag("h2", _("Health check")), f"<p>{html_text(health_head(health))}</p>"]
    if health["principles"]:
        lines = [
            f"{html_text(p['name'])}: {html_text(health_line(p))}" for p in health["principles"]
        ]
        body.append(html_list(lines))
    notes = [
        f"{html_text(p['name'])}: {html_text(n)}" for p in health["principles"] for n in p["notes"]
    ]
    if notes:
        body += [tag("p", _("Notes:")), html_list(notes)]
    return body


def _cards(minutes: dict[str, Any]) -> list[str]:
    cards = minutes["cards"]
    columns = [c for c in cards["columns"] if c["cards"]]
    if not (columns or cards["hidden"]):
        return []
    body = [tag("h2", _("Cards"))]
    if line := board_line(cards):
        body.append(f"<p>{html_text(line)}</p>")
    if cards["hidden"]:
        body.append(f"<p>{html_text(hidden_cards(cards['hidden']))}</p>")
    for column in columns:
        body += [
            f"<h3>{html_text(column_label(column))}</h3>",
            html_list(
                [f"{html_text(c['text'])} ({html_text(card_note(c))})" for c in column["cards"]]
            ),
        ]
    if any(topic["theme"] for topic in cards["topics"]):
        body.append(tag("h3", _("Themes and cards, in the order discussed")))
        items = []
        for topic in cards["topics"]:
            line = f"{html_text(topic['theme'] or topic['cards'][0])} ({votes(topic['votes'])})"
            if topic["theme"]:
                line += html_list([html_text(text) for text in topic["cards"]])
            items.append(f"<li>{line}</li>")
        body.append("<ol>" + "".join(items) + "</ol>")
    return body


def _lessons(minutes: dict[str, Any]) -> list[str]:
    body = [tag("h2", _("Lessons"))] if minutes["lessons"] else []
    for lesson in minutes["lessons"]:
        body += [
            f"<h3>{html_text(lesson['title'])}</h3>",
            html_list(
                [
                    _("Tried: {text}").format(text=html_text(lesson["tried"])),
                    _("Happened: {text}").format(text=html_text(lesson["happened"])),
                    _("Learned: {text}").format(text=html_text(lesson["learned"])),
                    *(
                        [_("Next: {text}").format(text=html_text(lesson["next"]))]
                        if lesson["next"]
                        else []
                    ),
                    *(
                        [
                            _("Principles: {names}").format(
                                names=html_names(lesson["principle_names"])
                            )
                        ]
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
    lines = [correction_line(c, day, html_text) for c in minutes["corrections"]]
    return [tag("h2", _("Corrections")), html_list(lines)]


def _next_roles(minutes: dict[str, Any]) -> list[str]:
    roles = minutes["next_roles"]
    if not roles["facilitator"]:
        return []
    lines = [
        _("Facilitator: {name}").format(name=html_text(roles["facilitator"])),
        _("Scribe: {name}").format(name=html_text(roles["scribe"])),
    ]
    return [tag("h2", _("Next time")), html_list(lines)]


def _page(minutes: dict[str, Any], sections: list[list[str]]) -> str:
    meeting = minutes["meeting"]
    title = f"{html_text(meeting['title'])} · {html_text(meeting['date'])}"
    body = [chunk for section in sections for chunk in section]
    return (
        f"<!doctype html>\n<html lang={language()}><head><meta charset=utf-8>"  # i18n: not shown
        f"<title>{title}</title><style>{STYLE}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


# A standalone page; every text people typed goes through `html_text`.
HTML = Format(
    "html",
    N_("HTML (printable)"),
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
