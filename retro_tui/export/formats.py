"""The formats minutes are exported in, and the one order of their sections.

A format either renders the minutes whole (JSON) or renders each section of `SECTIONS`
in turn and puts them on a page (Markdown, HTML), so that every format tells a meeting
in the same order. A new format is one more `Format`, registered with `register`: the
CLI, the app's export dialog and `retro export` offer whatever is registered.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from retro_tui.domain.flow import DEFAULT_VOTE_BUDGET
from retro_tui.domain.templates import DEFAULT_TEMPLATE

# What the minutes tell, in this order, in every format that has sections.
SECTIONS = (
    "header",  # the meeting, its group, roles, who was there
    "checkins",
    "health",  # the principles health check, once revealed
    "reviewed_actions",
    "agenda",  # items with their principle check, decisions and actions
    "other_actions",
    "cards",
    "lessons",
    "corrections",
    "next_roles",
)

Minutes = dict[str, Any]
DEFAULT_BOARD = (DEFAULT_TEMPLATE, False, DEFAULT_VOTE_BUDGET)  # the board retro always had


@dataclass(frozen=True)
class Format:
    key: str  # as `--format` takes it, and the file's extension
    name: str  # as the export dialog shows it
    render: Callable[[Minutes], str]


def sectioned(
    sections: Mapping[str, Callable[[Minutes], Any]],
    page: Callable[[Minutes, list[Any]], str],
) -> Callable[[Minutes], str]:
    """A format's renderer from one renderer per section (each of `SECTIONS`, none else)
    and `page`, which puts the rendered sections, in order, on the page."""
    if set(sections) != set(SECTIONS):
        raise ValueError(f"a format renders the sections {SECTIONS}, not {tuple(sections)}")
    return lambda minutes: page(minutes, [sections[key](minutes) for key in SECTIONS])


def board_line(cards: Minutes) -> str | None:
    """The board's template, whether it was anonymous, and the dots each member had; None
    for the board retro always had (so earlier minutes read as they did)."""
    parts = [f"Board: {cards['template']}", f"{cards['vote_budget']} dots each"]
    if cards["anonymous"]:
        parts.insert(1, "anonymous (nobody's name is kept with a card)")
    if (cards["template_key"], cards["anonymous"], cards["vote_budget"]) == DEFAULT_BOARD:
        return None
    return " · ".join(parts)


def card_note(card: Minutes) -> str:
    """What follows a card in its column: its theme once it has one, else its dots."""
    return f"in theme {card['theme']}" if card["theme"] else votes(card["votes"])


def votes(count: int) -> str:
    return f"{count} vote" if count == 1 else f"{count} votes"


def health_head(health: Minutes) -> str:
    """Who answered the health check, and how it was held."""
    how = "anonymously" if health["mode"] == "anonymous" else "with names"
    who = ", ".join(health["answered"]) or "nobody yet"
    line = f"Held {how}; answered: {who}."
    if not health["revealed"]:
        line += " The answers are hidden until the facilitator reveals them."
    return line


def health_line(principle: Minutes) -> str:
    """One principle's ratings, mean and spread."""
    if not principle["ratings"]:
        return "no ratings"
    ratings = ", ".join(map(str, principle["ratings"]))
    line = f"{ratings} (mean {principle['mean']:.1f}, spread {principle['spread']})"
    if principle["disagreement"]:
        line += "; seen very differently"
    return line


FORMATS: dict[str, Format] = {}


def register(format_: Format) -> None:
    FORMATS[format_.key] = format_
