"""Minutes as Markdown that reads well in a terminal and renders safely.

People's text is escaped with `escape_markdown`, so that a CommonMark renderer shows it
exactly as typed: never as HTML, emphasis, code, a heading, a list, a quote or a link.
Our own labels stay plain, readable Markdown.
"""

import re
import string
from collections.abc import Callable
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
from retro_tui.i18n import N_, _, ngettext

# As people read them; translated where shown: `_(VERDICT_LABELS[verdict])`.
VERDICT_LABELS = {
    "supports": N_("supports"),
    "tension": N_("tension"),
    "not-relevant": N_("not relevant"),
    "unconsidered": N_("not yet considered"),
}
OUTCOME_LABELS = {"done": N_("done"), "carried": N_("carried over"), "dropped": N_("dropped")}
# A correction as the minutes tell it, by what was corrected and how.
CORRECTIONS = {
    ("decision", "edited"): N_("Decision edited by {name} at {time}. It said: {was}. Now: {now}"),
    ("action", "edited"): N_("Action edited by {name} at {time}. It said: {was}. Now: {now}"),
    ("card", "edited"): N_("Card edited by {name} at {time}. It said: {was}. Now: {now}"),
    ("decision", "removed"): N_("Decision removed by {name} at {time}. It said: {was}"),
    ("action", "removed"): N_("Action removed by {name} at {time}. It said: {was}"),
    ("card", "removed"): N_("Card removed by {name} at {time}. It said: {was}"),
}
ROLE_CHANGES = {
    "both": N_("Roles swapped"),
    "facilitator": N_("Facilitator handed over"),
    "scribe": N_("Scribe handed over"),
}
# A group's standing roles, each with its holder's name.
GROUP_ROLES = (
    ("lead", N_("lead {name}")),
    ("co_lead", N_("co-lead {name}")),
    ("host", N_("host {name}")),
)

_PUNCTUATION = frozenset(string.punctuation)
# Escaped wherever they stand: code spans, emphasis, GFM table cells and strikethrough.
# `_` is handled apart: inside a word it cannot emphasise.
_ALWAYS = frozenset("`*|~")
# Only an entity or numeric character reference turns `&` into another character.
_ENTITY = re.compile(r"&(?=[A-Za-z][A-Za-z0-9]*;|#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};)")
# What can open a block at the start of a line; the group marks the character to escape.
_BLOCK_STARTS = (
    re.compile(r"(#)#{0,5}(?:[ \t]|$)"),  # ATX heading
    re.compile(r"(>)"),  # block quote
    # A link reference definition, `[label]: target`; the label may go on past the line's
    # end, and our own `:` may follow a `]` that ends people's text.
    re.compile(r"(\[)[^\]]*(?:\](?::|$)|$)"),
    re.compile(r"([-+])(?:[ \t]|$)"),  # bullet list item
    re.compile(r"(-)[-\t ]*$"),  # setext underline or thematic break (--, ---, - - -)
    re.compile(r"(=)=*[ \t]*$"),  # setext underline
    re.compile(r"[0-9]{1,9}([.)])(?:[ \t]|$)"),  # ordered list item
)
# A run of `#` closing a line is an ATX heading's closing sequence: it would vanish.
_CLOSING_HASHES = re.compile(r"(?:^|[ \t])(#)#*[ \t]*$")


def escape_markdown(value: Any, *, line_start: bool = True) -> str:
    """`value` (people's text) as Markdown that CommonMark renders as exactly that text.

    Escapes only what needs it, with a backslash: "Try it for a month" stays as it is.
    Each line of a multi-line text stays a line of its own (a hard line break: two trailing
    spaces, or a lone `\\` for an empty line), without leading or trailing spaces, which
    CommonMark drops anyway; no line can start a block. `line_start=False` where our own
    words come first on the line (`### `, `- Tried: `): the first line then starts nothing
    and needs no block escapes. None becomes "none".
    """
    if value is None:
        return _("none")
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip(" \t\n")
    if not text:
        return ""
    pieces: list[str] = []
    for number, line in enumerate(line.strip(" \t") for line in text.split("\n")):
        if number:  # a hard line break: a lone backslash ends a line by itself
            pieces.append("\n" if pieces[-1] == "\\" else "  \n")
        pieces.append(_escape_line(line, line_start or number > 0) if line else "\\")
    return "".join(pieces)


def _escape_line(line: str, block_start: bool) -> str:
    """One line of people's text, trimmed, with what CommonMark would interpret escaped."""
    out = list(line)
    for i, char in enumerate(line):
        after = line[i + 1] if i + 1 < len(line) else ""
        if char in _ALWAYS:
            out[i] = "\\" + char
        elif char == "\\":
            # A backslash escapes only punctuation; at the end it would break the line.
            if not after or after in _PUNCTUATION:
                out[i] = "\\\\"
        elif char == "_":
            # Emphasis needs a `_` run that is not inside a word.
            start, end = i, i
            while start > 0 and line[start - 1] == "_":
                start -= 1
            while end + 1 < len(line) and line[end + 1] == "_":
                end += 1
            if not (
                start > 0
                and line[start - 1].isalnum()
                and end + 1 < len(line)
                and line[end + 1].isalnum()
            ):
                out[i] = "\\_"
        elif char == "<" and after not in (" ", "\t"):
            out[i] = "\\<"  # raw HTML, or an autolink such as <http://x> or <a@b.c>
        elif char == "]" and after in ("(", "["):
            out[i] = "\\]"  # the end of a link's text: [text](target), [text][label]
        elif char == "&" and _ENTITY.match(line, i):
            out[i] = "\\&"
    starts = _BLOCK_STARTS if block_start else ()
    for pattern in (*starts, _CLOSING_HASHES):
        found = pattern.match(line) if pattern is not _CLOSING_HASHES else pattern.search(line)
        if found:
            out[found.start(1)] = "\\" + line[found.start(1)]
    return "".join(out)


def hidden_cards(count: int) -> str:
    """The line that stands for cards nobody else may read yet."""
    return ngettext(
        "{count} card is hidden until the facilitator reveals the cards.",
        "{count} cards are hidden until the facilitator reveals the cards.",
        count,
    ).format(count=count)


def correction_line(correction: dict[str, Any], day: str, escape: Callable[[Any], str]) -> str:
    """One correction as the minutes tell it; `escape` makes people's text safe."""
    at = correction["at"]
    when = at[11:16] if at[:10] == day else f"{at[:10]} {at[11:16]}"
    what, change = correction["what"], correction["change"]
    return _(CORRECTIONS[what, change]).format(
        name=escape(correction["by"] or _("someone")),
        time=when,
        was=escape(correction["was"]),
        now=escape(correction["now"]),
    )


def verdict_label(verdict: str) -> str:
    """A principle check's verdict as people read it."""
    return _(VERDICT_LABELS[verdict])


def outcome_label(outcome: str) -> str:
    """How a reviewed action ended, as people read it."""
    return _(OUTCOME_LABELS[outcome])


def column_label(column: dict[str, Any]) -> str:
    """A board column's name, as the minutes hold it (see `Template.worded`)."""
    return column["label"]


def role_change_label(role: str) -> str:
    """What happened to the roles: a swap, or one role handed to someone else (a role
    this version does not know, from a later one, by its stored name)."""
    return (
        _(ROLE_CHANGES[role]) if role in ROLE_CHANGES else _("{role} handed over").format(role=role)
    )


def md_inline(value: Any) -> str:
    """People's text after our own words on a line."""
    return escape_markdown(value, line_start=False)


def md_names(names: list[str]) -> str:
    return ", ".join(md_inline(name) for name in names) if names else _("nobody")


def owner_due(owner: str, due: str | None) -> str:
    """An action's owner, and its due day if it has one (both made safe already)."""
    return _("{owner}, due {due}").format(owner=owner, due=due) if due else owner


def _action_line(action: dict[str, Any]) -> str:
    due = md_inline(action["due"]) if action["due"] else None
    return f"- {escape_markdown(action['text'])} ({owner_due(md_inline(action['owner']), due)})"


def group_line(group: dict[str, Any], escape: Callable[[Any], str]) -> str | None:
    """Whose meeting it was, for a forum's or a community's: the group and its leads."""
    if group["kind"] == "team":
        return None
    roles = [
        _(label).format(name=escape(group[key])) for key, label in GROUP_ROLES if group.get(key)
    ]
    forum = group["kind"] == "forum"
    if roles:
        line = (
            _("{name}, a decision forum: {roles}")
            if forum
            else _("{name}, a knowledge community: {roles}")
        )
    else:
        line = _("{name}, a decision forum") if forum else _("{name}, a knowledge community")
    return line.format(name=escape(group["name"]), roles=", ".join(roles))


def _item(text: str) -> str:
    """A list item of our own words."""
    return f"- {text}"


def _header(minutes: dict[str, Any]) -> list[str]:
    meeting = minutes["meeting"]
    out = [
        f"# {md_inline(meeting['title'])}",
        "",
        f"{escape_markdown(minutes['team'])} · {meeting['kind_label']} · {md_inline(meeting['date'])}",
        "",
        *[
            _item(_("Group: {group}").format(group=line))
            for line in [group_line(minutes["group"], md_inline)]
            if line
        ],
        _item(_("Facilitator: {name}").format(name=md_inline(meeting["facilitator"]))),
        _item(_("Scribe: {name}").format(name=md_inline(meeting["scribe"] or _("none")))),
        _item(_("Present: {names}").format(names=md_names(meeting["present"]))),
        _item(_("Absent: {names}").format(names=md_names(meeting["absent"]))),
    ]
    for change in meeting["role_changes"]:
        out.append(
            f"- {role_change_label(change['role'])}: {md_inline(change['from_member'])} → "
            f"{md_inline(change['to_member'])} ({md_inline(change['reason'])})"
        )
    for reopening in meeting["reopenings"]:
        out.append(
            _item(
                _("Reopened by {name} on {day}: {reason}").format(
                    name=md_inline(reopening["by"]),
                    day=reopening["at"][:10],
                    reason=md_inline(reopening["reason"]),
                )
            )
        )
    return out


def _checkins(minutes: dict[str, Any]) -> list[str]:
    if not minutes["checkins"]:
        return []
    return [
        "",
        "## " + _("Check-in"),
        "",
        *(
            f"- {escape_markdown(c['member'])}: {c['energy']}/5, {md_inline(c['word'])}"
            for c in minutes["checkins"]
        ),
    ]


def _reviewed_actions(minutes: dict[str, Any]) -> list[str]:
    if not minutes["reviewed_actions"]:
        return []
    return [
        "",
        "## " + _("Actions reviewed"),
        "",
        *(f"{_action_line(a)}: {outcome_label(a['outcome'])}" for a in minutes["reviewed_actions"]),
    ]


def _agenda(minutes: dict[str, Any]) -> list[str]:
    out = ["", "## " + _("Agenda")] if minutes["items"] else []
    for number, item in enumerate(minutes["items"], start=1):
        details = [_("owner {name}").format(name=md_inline(item["owner"]))] if item["owner"] else []
        if item["timebox"]:
            details.append(_("{minutes} min").format(minutes=item["timebox"]))
        suffix = f" ({', '.join(details)})" if details else ""
        out += ["", f"### {number}. {md_inline(item['title'])}{suffix}", ""]
        if item["notes"]:
            out += [escape_markdown(item["notes"]), ""]
        out.append(_("Principle check:"))
        if item["check_skipped"]:
            out.append(_item(_("The check was skipped for the principles not yet considered.")))
        for check in item["checks"]:
            note = f": {md_inline(check['note'])}" if check["note"] else ""
            out.append(
                f"- {escape_markdown(check['name'])}: {verdict_label(check['verdict'])}{note}"
            )
        for decision in item["decisions"]:
            out += ["", "**" + _("Decision:") + "** " + md_inline(decision["text"]), ""]
            out.append(_item(_("Took part: {names}").format(names=md_names(decision["took_part"]))))
            if decision["by"]:
                out.append(_item(_("Recorded by: {name}").format(name=md_inline(decision["by"]))))
            out.append(
                _item(
                    _("Consulted, knows most: {names}").format(
                        names=md_names(decision["knows_most"])
                    )
                )
            )
            out.append(
                _item(
                    _("Consulted, affected: {names}").format(names=md_names(decision["affected"]))
                )
            )
            if decision.get("review"):
                out.append(_item(_("Review: {day}").format(day=decision["review"])))
            if decision["nobody_consulted"]:
                out.append(_item(_("Flag: nobody was consulted.")))
            if decision["rule_words"]:
                out.append(_item(_("Flag: proposes a new rule; could a principle do instead?")))
        if item["actions"]:
            out += ["", _("Actions:")]
            out += [_action_line(a) for a in item["actions"]]
    return out


def _other_actions(minutes: dict[str, Any]) -> list[str]:
    if not minutes["other_actions"]:
        return []
    return [
        "",
        "## " + _("Other actions"),
        "",
        *(_action_line(a) for a in minutes["other_actions"]),
    ]


def _health(minutes: dict[str, Any]) -> list[str]:
    health = minutes["health"]
    if health is None:
        return []
    out = ["", "## " + _("Health check"), "", md_inline(health_head(health))]
    if health["principles"]:
        out.append("")
        out += [f"- {md_inline(p['name'])}: {health_line(p)}" for p in health["principles"]]
    notes = [(p["name"], note) for p in health["principles"] for note in p["notes"]]
    if notes:
        out += ["", _("Notes:"), ""]
        out += [f"- {md_inline(name)}: {md_inline(note)}" for name, note in notes]
    return out


def _cards(minutes: dict[str, Any]) -> list[str]:
    cards = minutes["cards"]
    columns = [c for c in cards["columns"] if c["cards"]]
    if not (columns or cards["hidden"]):
        return []
    out = ["", "## " + _("Cards")]
    if line := board_line(cards):
        out += ["", md_inline(line)]
    if cards["hidden"]:
        out += ["", hidden_cards(cards["hidden"])]
    for column in columns:
        out += ["", f"### {md_inline(column_label(column))}", ""]
        out += [
            f"- {escape_markdown(card['text'])} ({md_inline(card_note(card))})"
            for card in column["cards"]
        ]
    if any(topic["theme"] for topic in cards["topics"]):
        out += ["", "### " + _("Themes and cards, in the order discussed"), ""]
        for n, topic in enumerate(cards["topics"], start=1):
            title = topic["theme"] or topic["cards"][0]
            out.append(f"{n}. {md_inline(title)} ({votes(topic['votes'])})")
            if topic["theme"]:
                out += [f"   - {escape_markdown(text)}" for text in topic["cards"]]
    return out


def _lessons(minutes: dict[str, Any]) -> list[str]:
    out = ["", "## " + _("Lessons")] if minutes["lessons"] else []
    for lesson in minutes["lessons"]:
        out += [
            "",
            f"### {md_inline(lesson['title'])}",
            "",
            _item(_("Tried: {text}").format(text=md_inline(lesson["tried"]))),
            _item(_("Happened: {text}").format(text=md_inline(lesson["happened"]))),
            _item(_("Learned: {text}").format(text=md_inline(lesson["learned"]))),
        ]
        if lesson["next"]:
            out.append(_item(_("Next: {text}").format(text=md_inline(lesson["next"]))))
        if lesson["principle_names"]:
            out.append(
                _item(_("Principles: {names}").format(names=md_names(lesson["principle_names"])))
            )
    return out


def _corrections(minutes: dict[str, Any]) -> list[str]:
    if not minutes["corrections"]:
        return []
    day = minutes["meeting"]["date"]
    return [
        "",
        "## " + _("Corrections"),
        "",
        *(f"- {correction_line(c, day, md_inline)}" for c in minutes["corrections"]),
    ]


def _next_roles(minutes: dict[str, Any]) -> list[str]:
    roles = minutes["next_roles"]
    if not roles["facilitator"]:
        return []
    return [
        "",
        "## " + _("Next time"),
        "",
        _item(_("Facilitator: {name}").format(name=md_inline(roles["facilitator"]))),
        _item(_("Scribe: {name}").format(name=md_inline(roles["scribe"] or _("none")))),
    ]


def _page(minutes: dict[str, Any], sections: list[list[str]]) -> str:
    return "\n".join(line for section in sections for line in section) + "\n"


# Every text people typed goes through `escape_markdown`.
MARKDOWN = Format(
    "md",
    N_("Markdown"),
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
