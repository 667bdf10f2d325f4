"""Checks on what people type. Each failure is a RetroError with one clear line.

`what` names the field a message is about, as a noun in its base form ("purpose",
"theme's name"): callers pass it translated (`_("purpose")`) or marked (`N_("purpose")`);
it is translated here either way, and put whole into a whole message.
"""

import re
import unicodedata
from collections.abc import Iterable
from datetime import date

from retro_tui.errors import RetroError
from retro_tui.i18n import N_, _
from retro_tui.store import clean_text
from retro_tui.store.text import TURNING

NAME_MAX = 40
TITLE_MAX = 120
WORD_MAX = 30
TEXT_MAX = 4000
TIMEBOX_MAX = 240
VOTE_BUDGET_MAX = 20
FIRST_YEAR, LAST_YEAR = 1970, 9999


_NOT_UTF8 = re.compile(r"[\ud800-\udfff]")


def _typed(value: str, what: str) -> str:
    """`value` cleaned of control characters; an error if it holds bytes that are not UTF-8
    (the terminal hands those in as lone surrogates)."""
    if _NOT_UTF8.search(value):
        raise RetroError(
            _("the {field} holds bytes that are not valid UTF-8; retype it").format(field=_(what))
        )
    return clean_text(value)


def _one_line(value: str, what: str, most: int) -> str:
    """`value` cleaned, on one line with single spaces, 1 to `most` characters."""
    cleaned = " ".join(_typed(value, what).split())
    if not cleaned:
        raise RetroError(_("the {field} is empty").format(field=_(what)))
    if len(cleaned) > most:
        raise _too_long(what, len(cleaned), most)
    return cleaned


def _too_long(what: str, length: int, most: int) -> RetroError:
    return RetroError(
        _("the {field} is {length} characters long; at most {limit}").format(
            field=_(what), length=length, limit=most
        )
    )


def _invisible(what: str) -> RetroError:
    return RetroError(
        _("the {field} holds invisible characters; type it again without them").format(
            field=_(what)
        )
    )


def name(value: str, what: str = N_("name")) -> str:
    """A person's name or handle: one line, 1-40 characters, nothing that could make two
    people look alike (invisible, combining or filler characters, mixed alphabets)."""
    if TURNING & set(value):  # refused rather than cleaned away unseen
        raise _invisible(what)
    cleaned = unicodedata.normalize("NFC", _one_line(value, what, NAME_MAX))
    if any(_unseen(char) for char in cleaned):
        raise _invisible(what)
    scripts = {_script(char) for char in cleaned if char.isalpha()}
    if len(scripts) > 1 and not scripts <= _WRITTEN_TOGETHER:
        raise RetroError(
            _(
                "the {field} mixes letters of different alphabets ({scripts}), "
                "which can make two names look alike"
            ).format(
                field=_(what),
                scripts=", ".join(sorted(s.capitalize() for s in scripts)),  # Unicode's names
            )
        )
    return cleaned


# Characters that show as nothing, or as a blank, in a name.
_FILLERS = {"\u115f", "\u1160", "\u2800", "\u3164", "\uffa0", "\u180e"}
_UNSEEN = {"Cf", "Mn", "Me", "Co", "Cn"}  # i18n: not shown
# Scripts that a name in Japanese writes together.
_WRITTEN_TOGETHER = {"CJK", "HIRAGANA", "KATAKANA"}


def _unseen(char: str) -> bool:
    return char in _FILLERS or unicodedata.category(char) in _UNSEEN


def _script(char: str) -> str:
    """The script a letter belongs to, as the first word of its Unicode name says."""
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


# Letters of other scripts, and Latin letters, that look like a plain Latin letter.
# fmt: off
_LOOK_ALIKE = str.maketrans(
    "аеорсухіјѕԁһԛԝвкмнтАВЕЗКМНОРСТХІЈЅ"  # Cyrillic
    "αβεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ"  # Greek
    "ɑɡɩɪʏᎪᏴᏟᎠᎬᏀᎻᏆᎫᏦᏞᎷᏃᎾᏢᏒᏚᎢᏙᏔ",  # Latin IPA and Cherokee
    "aeopcyxijsdhqwbkmhtABE3KMHOPCTXIJS"
    "aBeikvoptuxABEZHIKMNOPTYX"
    "agiiyABCDEGHIJKLMZOPRSTVW",
)
# fmt: on


def name_key(value: str) -> str:
    """What two names must differ in: compatibility forms, case, spacing, and letters that
    only look alike are ignored."""
    folded = unicodedata.normalize("NFKC", value).translate(_LOOK_ALIKE)
    return " ".join(folded.casefold().split())


def title(value: str, what: str = N_("title")) -> str:
    """A one-line title: 1-120 characters."""
    return _one_line(value, what, TITLE_MAX)


def label(value: str, what: str, most: int = TITLE_MAX) -> str:
    """A name people give a thing (a board, a column, a theme): one line, something that
    shows, and nothing invisible that could make two look alike or turn text around."""
    if TURNING & set(value):  # refused rather than cleaned away unseen
        raise _invisible(what)
    cleaned = _one_line(value, what, most)
    if any(_unseen(char) for char in cleaned) or not _shows(cleaned):
        raise _invisible(what)
    return cleaned


def _shows(value: str) -> bool:
    """Whether `value` has a character that shows on screen."""
    return any(not char.isspace() and not _unseen(char) for char in value)


def word(value: str, what: str = N_("check-in word")) -> str:
    """A short word or two: 1-30 characters, one line."""
    return _one_line(value, what, WORD_MAX)


def text(value: str, what: str, required: bool = True) -> str:
    """Free text (newlines kept): at most 4,000 characters; empty only if not required."""
    cleaned = _typed(value, what).strip()
    if required and not _shows(cleaned):
        raise RetroError(_("the {field} is empty").format(field=_(what)))
    if len(cleaned) > TEXT_MAX:
        raise _too_long(what, len(cleaned), TEXT_MAX)
    return cleaned


def iso_date(value: str, what: str = N_("date")) -> date:
    """A date written YYYY-MM-DD."""
    field, typed = _(what), repr(value)
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
        raise RetroError(
            _("invalid {field} {value}: write it as YYYY-MM-DD").format(field=field, value=typed)
        )
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise RetroError(
            _("invalid {field} {value}: no such day").format(field=field, value=typed)
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise RetroError(
            _("invalid {field} {value}: the year must be {first} to {last}").format(
                field=field, value=typed, first=FIRST_YEAR, last=LAST_YEAR
            )
        )
    return day


def energy(value: int) -> int:
    if not 1 <= value <= 5:
        raise RetroError(_("energy must be 1 to 5, not {value}").format(value=value))
    return value


def energy_text(value: str) -> int:
    """Energy typed as text."""
    if not re.fullmatch(r"[0-9]{1,3}", value.strip()):  # "²" is a digit to Python, not to int
        raise RetroError(_("energy must be 1 to 5, not {value}").format(value=repr(value.strip())))
    return energy(int(value))


def timebox(value: int | None) -> int | None:
    """Minutes for an agenda item, or None for no timebox."""
    if value is None:
        return None
    if not 1 <= value <= TIMEBOX_MAX:
        raise RetroError(
            _("a timebox must be 1 to {most} minutes, not {value}").format(
                most=TIMEBOX_MAX, value=value
            )
        )
    return value


def minutes_text(value: str) -> int | None:
    """A timebox typed as text: empty for none, else whole minutes."""
    value = value.strip()
    if not value:
        return None
    if not re.fullmatch(r"[0-9]{1,4}", value):
        raise RetroError(
            _("a timebox is a whole number of minutes, not {value}").format(value=repr(value))
        )
    return timebox(int(value))


def vote_budget(value: int) -> int:
    """How many dots each member may spend: 1 to 20."""
    if not 1 <= value <= VOTE_BUDGET_MAX:
        raise RetroError(
            _("a vote budget must be 1 to {most} dots, not {value}").format(
                most=VOTE_BUDGET_MAX, value=value
            )
        )
    return value


def choice(value: str, allowed: Iterable[str], what: str) -> str:
    options = list(allowed)
    if value not in options:
        raise RetroError(
            _("unknown {field} {value}; choose one of: {options}").format(
                field=_(what), value=repr(value), options=", ".join(options)
            )
        )
    return value
