"""Languages: the gettext catalogues, the language in use, and what depends on it.

Texts are marked in the code with `_()` (translated where they are shown), `N_()` (kept
as written in a table and translated with `_()` where shown) and `ngettext()` (a count).
Babel extracts them into `locale/retro.pot`; each language's `.po` holds its
translations, and the compiled `.mo` beside it is what the app reads.

The language of the app and the command line is chosen once per process (`--lang`, else
`$RETRO_LANG`, else the locale, else English); minutes and reports are written in the
team's language inside `using(...)`, whoever makes them. Dates, numbers, sorting and
search follow the language too.
"""

import gettext as _gettext
import re
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache
from pathlib import Path

ENGLISH = "en"
# Each language, named in itself, as a language list offers it.
LANGUAGES = {"en": "English", "da": "Dansk", "sv": "Svenska"}  # i18n: not shown
DOMAIN = "retro"
LOCALE_DIR = Path(__file__).parent / "locale"
# Where the locale is read from, in gettext's order, after `$RETRO_LANG`.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_process_language = ENGLISH
_within: ContextVar[str | None] = ContextVar("retro_language", default=None)


def language() -> str:
    """The language texts are given in now."""
    return _within.get() or _process_language


def set_language(code: str) -> None:
    """The language of this process from now on: one of LANGUAGES."""
    global _process_language
    _process_language = code if code in LANGUAGES else ENGLISH


@contextmanager
def using(code: str) -> Iterator[None]:
    """Texts in `code` within the block (the team's language for its minutes)."""
    token = _within.set(code if code in LANGUAGES else ENGLISH)
    try:
        yield
    finally:
        _within.reset(token)


def language_of(value: str | None) -> str | None:
    """The language a locale name or language code means (`da_DK.UTF-8` is Danish), or
    None when it is none of ours. Only the letters before `_`, `.` or `@` count, so no
    value reaches a file path."""
    if not value:
        return None
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else None


def chosen_language(option: str | None, environ: Mapping[str, str]) -> str:
    """`--lang`, else `$RETRO_LANG`, else the first locale variable that is set, else
    English. A locale of another language means English; an option or `$RETRO_LANG`
    that is none of ours is an error the caller reports."""
    for given in (option, environ.get("RETRO_LANG")):
        if given:
            code = language_of(given)
            if code is None:
                raise ValueError(given)
            return code
    for variable in LOCALE_VARIABLES:
        if environ.get(variable):
            return language_of(environ[variable]) or ENGLISH
    return ENGLISH


@cache
def _catalogue(code: str) -> _gettext.NullTranslations:
    if code == ENGLISH:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, LOCALE_DIR, [code])


def _(message: str) -> str:
    """`message` in the language in use."""
    return _catalogue(language()).gettext(message) if message else message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a text for `count`, in the language in use."""
    return _catalogue(language()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` as meant in `context`, where one English word has several meanings."""
    return _catalogue(language()).pgettext(context, message)


def N_(message: str) -> str:
    """Marks a text for translation where it is written; `_()` translates it where shown."""
    return message


# Dates and numbers, through Babel's data for each language.


def short_month(month: int) -> str:
    """`Nov`: a month's short name, in the language in use."""
    names = (
        pgettext("short month", "Jan"),
        pgettext("short month", "Feb"),
        pgettext("short month", "Mar"),
        pgettext("short month", "Apr"),
        pgettext("short month", "May"),
        pgettext("short month", "Jun"),
        pgettext("short month", "Jul"),
        pgettext("short month", "Aug"),
        pgettext("short month", "Sep"),
        pgettext("short month", "Oct"),
        pgettext("short month", "Nov"),
        pgettext("short month", "Dec"),
    )
    return names[month - 1]


def day_and_month(day: date, this_year: int) -> str:
    """`05 Nov`; a day of another year as `Nov 2026`: in the language in use. (Through
    the catalogue, not Babel, whose first date costs Home's start-up 18 ms.)"""
    month = short_month(day.month)
    if day.year == this_year:
        return _("{day:02d} {month}").format(day=day.day, month=month)
    return _("{month} {year}").format(month=month, year=day.year)


def decimal(value: float, digits: int = 1) -> str:
    """`3.0` or `3,0`: `value` to `digits` decimals, written as the language writes it."""
    from babel.numbers import get_decimal_symbol

    return f"{value:.{digits}f}".replace(".", get_decimal_symbol(language()))


def number(value: float) -> str:
    """`268,435,457` or `268.435.457`: a number with the language's grouping."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=language())


# Sorting and searching. Danish puts æ, ø, å after z; Swedish å, ä, ö; English keeps
# them with the letters they are made from. A search ignores all of that: "sorensen"
# finds "Sørensen", "angstrom" finds "Ångström".

_AFTER_Z = {
    "da": {"æ": 1, "ä": 1, "ø": 2, "ö": 2, "å": 3},
    "sv": {"å": 1, "ä": 2, "æ": 2, "ö": 3, "ø": 3},
}
_NORDIC = {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "þ": "th", "ð": "d"}
# The combining marks that Unicode's decomposition splits off letters (é into e and a mark).
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _without_marks(text: str) -> str:
    return _MARKS.sub("", unicodedata.normalize("NFKD", text))


# Every lower-case Latin letter with a mark, folded once here.
_SEARCH_LETTERS = {
    chr(code): _NORDIC.get(chr(code)) or _without_marks(chr(code))
    for code in range(0xC0, 0x250)
    if chr(code).islower()
}
_NOT_ASCII = re.compile("[^\x00-\x7f]")


def _search_letter(found: re.Match[str]) -> str:
    letter = found.group()
    return _SEARCH_LETTERS.get(letter) or _without_marks(letter)


def sort_key(text: str) -> tuple[str, str]:
    """Sorts texts as the language in use orders its alphabet, ignoring case."""
    after_z = _AFTER_Z.get(language(), {})
    folded = unicodedata.normalize("NFC", text.casefold())
    primary = "".join(
        chr(0x7B + after_z[c] - 1) if c in after_z else _NOT_ASCII.sub(_search_letter, c)
        for c in folded
    )
    return primary, folded


def search_fold(text: str) -> str:
    """`text` as a search compares it: case, accents and the Nordic letters folded away."""
    folded = text.casefold()
    return folded if folded.isascii() else _NOT_ASCII.sub(_search_letter, folded)
