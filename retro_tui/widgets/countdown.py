"""A countdown everyone can read from across the room; it turns red when over time."""

from textual.widgets import Digits

from retro_tui.domain import clock
from retro_tui.domain.flow import MeetingState


def format_seconds(seconds: int) -> str:
    sign = "+" if seconds < 0 else ""
    minutes, rest = divmod(abs(seconds), 60)
    return f"{sign}{minutes:02d}:{rest:02d}"


class Countdown(Digits):
    """Time left of the current item's timebox, from the meeting's shared state."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__("--:--", id=id)
        self.state: MeetingState | None = None

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
        shown = "--:--" if left is None else format_seconds(left)
        if shown != self.value:  # an update lays the screen out again
            self.update(shown)
        self.set_class(left is not None and left < 0, "over")
