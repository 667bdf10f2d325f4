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
from retro_tui.i18n import _, decimal, ngettext

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
        raise ValueError(
            f"a format renders the sections {SECTIONS}, not {tuple(sections)}"
        )  # i18n: not shown
    return lambda minutes: page(minutes, [sections[key](minutes) for key in SECTIONS])


def board_line(cards: Minutes) -> str | None:
    """The board's template, whether it was anonymous, and the dots each member had; None
    for the board retro always had (so earlier minutes read as they did)."""
    template, budget = cards["template"], cards["vote_budget"]
    parts = [
        _("Board: {template}").format(template=template),
        ngettext("{count} dot each", "{count} dots each", budget).format(count=budget),
    ]
    if cards["anonymous"]:
        parts.insert(1, _("anonymous (nobody's name is kept with a card)"))
    if (cards["template_key"], cards["anonymous"], cards["vote_budget"]) == DEFAULT_BOARD:
        return None
    return " · ".join(parts)


def card_note(card: Minutes) -> str:
    """What follows a card in its column: its theme once it has one, else its dots."""
    return (
        _("in theme {theme}").format(theme=card["theme"]) if card["theme"] else votes(card["votes"])
    )


def votes(count: int) -> str:
    return ngettext("{count} vote", "{count} votes", count).format(count=count)


def health_head(health: Minutes) -> str:
    """Who answered the health check, and how it was held."""
    anonymous = health["mode"] == "anonymous"
    if not health["answered"]:
        line = (
            _("Held anonymously; answered: nobody yet.")
            if anonymous
            else _("Held with names; answered: nobody yet.")
        )
    else:
        line = (
            _("Held anonymously; answered: {names}.")
            if anonymous
            else _("Held with names; answered: {names}.")
        ).format(names=", ".join(health["answered"]))
    if not health["revealed"]:
        line += " " + _("The answers are hidden until the facilitator reveals them.")
    return line


def health_line(principle: Minutes) -> str:
    """One principle's ratings, mean and spread."""
    if not principle["ratings"]:
        return _("no ratings")
    line = (
        _("{ratings} (mean {mean}, spread {spread}); seen very differently")
        if principle["disagreement"]
        else _("{ratings} (mean {mean}, spread {spread})")
    )
    return line.format(
        ratings=", ".join(map(str, principle["ratings"])),
        mean=decimal(principle["mean"]),
        spread=principle["spread"],
    )


FORMATS: dict[str, Format] = {}


def register(format_: Format) -> None:
    FORMATS[format_.key] = format_
