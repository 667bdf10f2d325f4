"""The base of each meeting step shown in the meeting screen."""

from textual.containers import Vertical

from retro_tui.domain.flow import MeetingState
from retro_tui.domain.meetings import Meeting


class Step(Vertical):
    """One step of a meeting; `show` redraws it from the store."""

    def __init__(self, meeting_id: str, step: str) -> None:
        super().__init__(id=step, classes="step")
        self.meeting_id = meeting_id

    def show(self, meeting: Meeting, state: MeetingState) -> None:
        """Redraw from the meeting and its shared state."""
