"""Checks on what people type. Each failure is a RetroError with one clear line."""

import re
from collections.abc import Iterable
from datetime import date

from retro_tui.errors import RetroError
from retro_tui.store import clean_text

NAME_MAX = 40
TITLE_MAX = 120
WORD_MAX = 30
TEXT_MAX = 4000
TIMEBOX_MAX = 240


def _one_line(value: str, what: str, most: int) -> str:
    """`value` cleaned, on one line with single spaces, 1 to `most` characters."""
    cleaned = " ".join(clean_text(value).split())
    if not cleaned:
        raise RetroError(f"the {what} is empty")
    if len(cleaned) > most:
        raise RetroError(f"the {what} is {len(cleaned)} characters long; at most {most}")
    return cleaned


def name(value: str, what: str = "name") -> str:
    """A person's name or handle: one line, 1-40 characters."""
    return _one_line(value, what, NAME_MAX)


def title(value: str, what: str = "title") -> str:
    """A one-line title: 1-120 characters."""
    return _one_line(value, what, TITLE_MAX)


def word(value: str, what: str = "check-in word") -> str:
    """A short word or two: 1-30 characters, one line."""
    return _one_line(value, what, WORD_MAX)


def text(value: str, what: str, required: bool = True) -> str:
    """Free text (newlines kept): at most 4,000 characters; empty only if not required."""
    cleaned = clean_text(value).strip()
    if required and not cleaned:
        raise RetroError(f"the {what} is empty")
    if len(cleaned) > TEXT_MAX:
        raise RetroError(f"the {what} is {len(cleaned)} characters long; at most {TEXT_MAX}")
    return cleaned


def iso_date(value: str, what: str = "date") -> date:
    """A date written YYYY-MM-DD."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise RetroError(f"invalid {what} {value!r}: write it as YYYY-MM-DD")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise RetroError(f"invalid {what} {value!r}: no such day") from None


def energy(value: int) -> int:
    if not 1 <= value <= 5:
        raise RetroError(f"energy must be 1 to 5, not {value}")
    return value


def energy_text(value: str) -> int:
    """Energy typed as text."""
    if not value.strip().isdigit():
        raise RetroError(f"energy must be 1 to 5, not {value.strip()!r}")
    return energy(int(value))


def timebox(value: int | None) -> int | None:
    """Minutes for an agenda item, or None for no timebox."""
    if value is None:
        return None
    if not 1 <= value <= TIMEBOX_MAX:
        raise RetroError(f"a timebox must be 1 to {TIMEBOX_MAX} minutes, not {value}")
    return value


def minutes_text(value: str) -> int | None:
    """A timebox typed as text: empty for none, else whole minutes."""
    value = value.strip()
    if not value:
        return None
    if not value.isdigit():
        raise RetroError(f"a timebox is a whole number of minutes, not {value!r}")
    return timebox(int(value))


def choice(value: str, allowed: Iterable[str], what: str) -> str:
    options = list(allowed)
    if value not in options:
        raise RetroError(f"unknown {what} {value!r}; choose one of: {', '.join(options)}")
    return value
