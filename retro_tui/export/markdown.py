"""Minutes as Markdown. People's text is written exactly as they typed it."""

from typing import Any

VERDICT_LABELS = {
    "supports": "supports",
    "tension": "tension",
    "not-relevant": "not relevant",
    "unconsidered": "not yet considered",
}
OUTCOME_LABELS = {"done": "done", "carried": "carried over", "dropped": "dropped"}


def votes(count: int) -> str:
    return f"{count} vote" if count == 1 else f"{count} votes"


def hidden_cards(count: int) -> str:
    """The line that stands for cards nobody else may read yet."""
    if count == 1:
        return "1 card is hidden until the facilitator reveals the cards."
    return f"{count} cards are hidden until the facilitator reveals the cards."


def _names(names: list[str]) -> str:
    return ", ".join(names) if names else "nobody"


def _action_line(action: dict[str, Any]) -> str:
    due = f", due {action['due']}" if action["due"] else ""
    return f"- {action['text']} ({action['owner']}{due})"


def render_markdown(minutes: dict[str, Any]) -> str:
    meeting = minutes["meeting"]
    out: list[str] = [
        f"# {meeting['title']}",
        "",
        f"{minutes['team']} · {meeting['kind_label']} · {meeting['date']}",
        "",
        f"- Facilitator: {meeting['facilitator']}",
        f"- Scribe: {meeting['scribe'] or 'none'}",
        f"- Present: {_names(meeting['present'])}",
        f"- Absent: {_names(meeting['absent'])}",
    ]
    for change in meeting["role_changes"]:
        role = (
            "Roles swapped"
            if change["role"] == "both"
            else f"{change['role'].capitalize()} handed over"
        )
        out.append(
            f"- {role}: {change['from_member']} → {change['to_member']} ({change['reason']})"
        )

    if minutes["checkins"]:
        out += ["", "## Check-in", ""]
        out += [f"- {c['member']}: {c['energy']}/5, {c['word']}" for c in minutes["checkins"]]

    if minutes["reviewed_actions"]:
        out += ["", "## Actions reviewed", ""]
        out += [
            f"{_action_line(a)}: {OUTCOME_LABELS[a['outcome']]}"
            for a in minutes["reviewed_actions"]
        ]

    if minutes["items"]:
        out += ["", "## Agenda"]
    for number, item in enumerate(minutes["items"], start=1):
        details = [f"owner {item['owner']}"] if item["owner"] else []
        if item["timebox"]:
            details.append(f"{item['timebox']} min")
        suffix = f" ({', '.join(details)})" if details else ""
        out += ["", f"### {number}. {item['title']}{suffix}", ""]
        if item["notes"]:
            out += [item["notes"], ""]
        out.append("Principle check:")
        if item["check_skipped"]:
            out.append("- The check was skipped for the principles not yet considered.")
        for check in item["checks"]:
            note = f": {check['note']}" if check["note"] else ""
            out.append(f"- {check['name']}: {VERDICT_LABELS[check['verdict']]}{note}")
        for decision in item["decisions"]:
            out += ["", f"**Decision:** {decision['text']}", ""]
            out.append(f"- Consulted, knows most: {_names(decision['knows_most'])}")
            out.append(f"- Consulted, affected: {_names(decision['affected'])}")
            if decision["nobody_consulted"]:
                out.append("- Flag: nobody was consulted.")
            if decision["rule_words"]:
                out.append("- Flag: proposes a new rule; could a principle do instead?")
        if item["actions"]:
            out += ["", "Actions:"]
            out += [_action_line(a) for a in item["actions"]]

    if minutes["other_actions"]:
        out += ["", "## Other actions", ""]
        out += [_action_line(a) for a in minutes["other_actions"]]

    columns = [c for c in minutes["cards"]["columns"] if c["cards"]]
    hidden = minutes["cards"]["hidden"]
    if columns or hidden:
        out += ["", "## Cards"]
    if hidden:
        out += ["", hidden_cards(hidden)]
    for column in columns:
        out += ["", f"### {column['label']}", ""]
        out += [f"- {card['text']} ({votes(card['votes'])})" for card in column["cards"]]

    if minutes["lessons"]:
        out += ["", "## Lessons"]
    for lesson in minutes["lessons"]:
        out += [
            "",
            f"### {lesson['title']}",
            "",
            f"- Tried: {lesson['tried']}",
            f"- Happened: {lesson['happened']}",
            f"- Learned: {lesson['learned']}",
        ]
        if lesson["next"]:
            out.append(f"- Next: {lesson['next']}")
        if lesson["principles"]:
            out.append(f"- Principles: {', '.join(lesson['principles'])}")

    roles = minutes["next_roles"]
    if roles["facilitator"]:
        out += [
            "",
            "## Next time",
            "",
            f"- Facilitator: {roles['facilitator']}",
            f"- Scribe: {roles['scribe'] or 'none'}",
        ]
    return "\n".join(out) + "\n"
