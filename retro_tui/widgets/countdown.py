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
        self.set_interval(1, self.tick)

    def follow(self, state: MeetingState) -> None:
        self.state = state
        self.tick()

    def tick(self) -> None:
        left = self.state.seconds_left(clock.now()) if self.state else None
        self.update("--:--" if left is None else format_seconds(left))
        self.set_class(left is not None and left < 0, "over")
