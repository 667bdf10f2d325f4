"""A countdown everyone can read from across the room. It draws its digits as large as its
space allows (three rows where that is all it has) and, over time, shows a plus sign and
takes the class `over`."""

from dataclasses import dataclass

from rich.text import Text
from textual.app import RenderResult
from textual.css.scalar import Unit
from textual.geometry import Size
from textual.message import Message
from textual.renderables.digits import Digits
from textual.widget import Widget

from retro_tui.domain import clock
from retro_tui.domain.flow import MeetingState
from retro_tui.widgets.big_font import big_lines, big_width, largest_scale

NO_TIMER = "--:--"  # i18n: not shown


def format_seconds(seconds: int) -> str:
    sign = "+" if seconds < 0 else ""
    minutes, rest = divmod(abs(seconds), 60)
    return f"{sign}{minutes:02d}:{rest:02d}"


class Countdown(Widget):
    """Time left of the current item's timebox, from the meeting's shared state."""

    DEFAULT_CSS = """
    Countdown { width: auto; height: auto; }
    """

    @dataclass
    class Overtime(Message):
        """The countdown crossed its timebox, one way or the other."""

        over: bool

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.state: MeetingState | None = None
        self.value = NO_TIMER
        self.scale = 0  # of the large digits last drawn; 0 for the three-row ones

    @property
    def over(self) -> bool:
        return self.value.startswith("+")

    def on_mount(self) -> None:
        self.ticking = self.set_interval(1, self.tick, pause=True)

    def follow(self, state: MeetingState) -> None:
        """Show the state's countdown; it ticks only while a timebox runs."""
        self.state = state
        self.tick()
        if state.timer_started is None:
            self.ticking.pause()
        else:
            self.ticking.resume()

    def tick(self) -> None:
        left = self.state.seconds_left(clock.now()) if self.state else None
        shown = NO_TIMER if left is None else format_seconds(left)
        if shown != self.value:
            resized = len(shown) != len(self.value)
            self.value = shown
            self.refresh(layout=resized)  # a new width lays the screen out again
        if self.over != self.has_class("over"):
            self.set_class(self.over, "over")
            self.post_message(self.Overtime(self.over))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as the digits are at the height the styles give (three rows unset)."""
        height = self.styles.height
        rows = int(height.value) if height is not None and height.unit == Unit.CELLS else 3
        scale = largest_scale(self.value, viewport.width, rows)
        return big_width(self.value, scale) if scale else Digits.get_width(self.value)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 3

    def render(self) -> RenderResult:
        width, height = self.content_size
        self.scale = largest_scale(self.value, width, height)
        if not self.scale:
            return Digits(self.value, self.rich_style)
        # Centred here as one block: aligned line by line, a row's trailing blanks would not
        # count and the glyphs would shear.
        rows = big_lines(self.value, self.scale)
        left = " " * ((width - len(rows[0])) // 2)
        top = [""] * ((height - len(rows)) // 2)
        return Text("\n".join(top + [left + row for row in rows]), end="", no_wrap=True)
