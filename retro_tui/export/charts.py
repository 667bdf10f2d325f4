"""Small charts as inline SVG, written here by hand: a line over time and horizontal bars.

They are made for a printed page: 640 units wide (the text width of an A4 page), dark
text of 13 units, labels that never overlap (a long label is shortened with an ellipsis),
each with a title that a screen reader says. Every text is escaped; an SVG holds no
script, no link and no reference to anything outside it.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

WIDTH = 640
FONT = 13  # the size of every label, in SVG units (CSS pixels)
CHAR = 7.8  # about how wide a character of the label font is at that size (DejaVu Sans)
LABEL_MAX = 30  # characters of a bar's label before it is shortened
BAR_HEIGHT = 18
BAR_GAP = 8
TICKS_MAX = 6  # dates on a time axis at most, so that they never touch
# How many months apart the dates on a time axis may be.
MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120, 240)
DOTS_MAX = 60  # with more points than this, a line has no dots, which would blot it
INK, GRID, LINE = "#222", "#d4d4d4", "#2f5f8f"


@dataclass(frozen=True)
class BarSpec:
    """One bar: its label, its value and its colour."""

    label: str
    value: float
    colour: str = LINE


def _text(x: float, y: float, text: str, anchor: str = "start", **attrs: str) -> str:
    extra = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in attrs.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{FONT}"'
        f' fill="{INK}"{extra}>{escape(text)}</text>'
    )


def _svg(height: float, title: str, body: list[str]) -> str:
    return (
        f'<svg class="chart" role="img" width="{WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" font-family="DejaVu Sans, Verdana, sans-serif">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )  # i18n: not shown


def shorten(label: str, most: int = LABEL_MAX) -> str:
    """`label` on one line, cut to `most` characters with an ellipsis."""
    flat = " ".join(label.split())
    return flat if len(flat) <= most else flat[: most - 1].rstrip() + "…"


def bar_chart(bars: Sequence[BarSpec], title: str) -> str:
    """Horizontal bars, one per row, labelled on the left and valued at their end."""
    labels = [shorten(bar.label) for bar in bars]
    label_width = max((len(label) for label in labels), default=0) * CHAR + 12
    value_width = max((len(f"{bar.value:g}") for bar in bars), default=1) * CHAR + 10
    left, room = label_width, WIDTH - label_width - value_width
    top = BAR_GAP
    most = max((bar.value for bar in bars), default=0) or 1
    body = []
    for n, (bar, label) in enumerate(zip(bars, labels, strict=True)):
        y = top + n * (BAR_HEIGHT + BAR_GAP)
        middle = y + BAR_HEIGHT / 2 + FONT * 0.35
        length = room * bar.value / most
        body.append(_text(left - 8, middle, label, "end"))
        if bar.value:
            body.append(
                f'<rect x="{left:.1f}" y="{y:.1f}" width="{length:.1f}" '
                f'height="{BAR_HEIGHT}" fill="{bar.colour}"/>'
            )
        body.append(_text(left + length + 5, middle, f"{bar.value:g}"))
    body.append(
        f'<line x1="{left:.1f}" y1="{top - 3}" x2="{left:.1f}" '
        f'y2="{top + len(bars) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP + 3}" stroke="{INK}"/>'
    )
    return _svg(top + len(bars) * (BAR_HEIGHT + BAR_GAP), title, body)


def _month_starts(start: date, end: date) -> Iterator[date]:
    """The first day of each month from `start` to `end`."""
    day = date(start.year, start.month, 1)
    while day <= end:
        if day >= start:
            yield day
        day = (day + timedelta(days=32)).replace(day=1)


def time_ticks(start: date, end: date) -> list[tuple[date, str]]:
    """The days to mark on a time axis from `start` to `end`, with their labels: the first
    of every month, or of every few months, or of every year or few years, whichever gives
    at most `TICKS_MAX`; the two ends when no two months start between them."""
    for step in MONTH_STEPS:
        firsts = [d for d in _month_starts(start, end) if (d.year * 12 + d.month - 1) % step == 0]
        if len(firsts) <= TICKS_MAX:
            break
    if len(firsts) < 2:
        return [(day, day.isoformat()) for day in dict.fromkeys((start, end))]
    shown = "%Y" if step >= 12 else "%Y-%m"
    return [(day, day.strftime(shown)) for day in firsts]


def line_chart(
    points: Sequence[tuple[date, float]],
    start: date,
    end: date,
    title: str,
    low: int = 1,
    high: int = 5,
) -> str:
    """Values from `low` to `high` over the days from `start` to `end`: a line through a
    dot for each point, a grid line for each whole value, dates along the bottom."""
    left, right, top, bottom = 34, 16, 14, 30
    height = 200
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    span = max((end - start).days, 1)

    def x_of(day: date) -> float:
        return left + plot_w * (day - start).days / span

    def y_of(value: float) -> float:
        return top + plot_h * (high - value) / (high - low)

    body = []
    for value in range(low, high + 1):
        y = y_of(value)
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        body.append(_text(left - 8, y + FONT * 0.35, str(value), "end"))
    base = top + plot_h
    for tick, label in time_ticks(start, end):
        x = x_of(tick)
        half = len(label) * CHAR / 2 + 2  # a label under its tick, kept inside the chart
        body.append(f'<line x1="{x:.1f}" y1="{base}" x2="{x:.1f}" y2="{base + 4}" stroke="{INK}"/>')
        body.append(_text(min(max(x, half), WIDTH - half), base + 18, label, "middle"))
    body.append(f'<line x1="{left}" y1="{base}" x2="{WIDTH - right}" y2="{base}" stroke="{INK}"/>')
    coordinates = [(x_of(day), y_of(value)) for day, value in points]
    crowded = len(coordinates) > DOTS_MAX
    if len(coordinates) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
        body.append(
            f'<polyline points="{path}" fill="none" stroke="{LINE}" '
            f'stroke-width="{1.2 if crowded else 2}"/>'
        )  # i18n: not shown
    if not crowded:
        body += [
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{LINE}"/>' for x, y in coordinates
        ]  # i18n: not shown
    return _svg(height, title, body)
