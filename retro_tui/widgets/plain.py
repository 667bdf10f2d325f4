"""People's text on screen: always plain, never read as markup, never a control sequence."""

import re
from collections.abc import Iterable
from typing import TypeVar

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from retro_tui.store import clean_text

T = TypeVar("T")


def plain(value: str | None, style: str = "") -> Text:
    """`value` exactly as typed (a card reading `[b]x[/]` shows those characters), less any
    control characters, so that no text can reach the terminal as an escape sequence."""
    return Text(clean_text(value or ""), style=style, no_wrap=False, end="")


def choices(options: Iterable[tuple[str, T]]) -> list[tuple[Text, T]]:
    """The options of a dropdown or tick-list, each label plain: a Select or SelectionList
    reads a str label as markup."""
    return [(plain(label), value) for label, value in options]


def lines(*parts: Text | str) -> Text:
    """Join pieces into one text, one per line; str pieces are our own labels."""
    return Text("\n", end="").join(p if isinstance(p, Text) else Text(p) for p in parts)


def cell(value: str | None, style: str = "") -> Text:
    """A table cell of people's text; never empty, which wrapping rows cannot draw."""
    return Text(clean_text(value or "") or " ", style=style, end="")


def clipped(value: str | None, width: int, style: str = "") -> Text:
    """A one-line cell of people's text that fits `width` columns: a longer one is cut
    after its last whole word that fits, and ends with an ellipsis. Only a first word
    longer than the whole width is cut inside it."""
    text = " ".join(clean_text(value or "").split()) or " "
    if cell_len(text) <= width:
        return Text(text, style=style, end="")
    if width < 2:  # room for the ellipsis alone, or for nothing
        return Text("…" * max(width, 0), style=style, end="")
    words = text.split(" ")
    kept = ""
    for word in words:
        longer = f"{kept} {word}" if kept else word
        if cell_len(longer) > width - 1:
            break
        kept = longer
    cut = kept.rstrip(",.;:-") if kept else set_cell_size(words[0], width - 1).rstrip()
    return Text(cut + "…", style=style, end="")


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def filled(template: str, style: str = "", **values: Text | str | int) -> Text:
    """A translated sentence whose `{name}` placeholders hold pieces styled on their own
    (people's text plain, a name in bold); the sentence's own words take `style`."""
    text = Text(end="")
    for n, part in enumerate(_PLACEHOLDER.split(template)):
        if n % 2 == 0:
            text.append(part, style=style)
        else:
            value = values[part]
            text.append(value if isinstance(value, Text) else plain(str(value)))
    return text
