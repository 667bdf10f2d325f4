"""The base of each meeting step shown in the meeting screen."""

from typing import ClassVar

from textual.containers import Vertical
from textual.message import Message

from retro_tui.domain.flow import MeetingState
from retro_tui.domain.meetings import Meeting


class Step(Vertical):
    """One step of a meeting; `show` redraws it from the store.

    A closed meeting's minutes stay as they are: its steps offer only what reads them.
    """

    READ_ONLY_ACTIONS: ClassVar[set[str]] = set()

    class Changed(Message):
        """The step changed the store, or what it shows: the meeting screen redraws."""

    def __init__(self, meeting_id: str, step: str) -> None:
        super().__init__(id=step, classes="step")
        self.meeting_id = meeting_id
        self.read_only = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not self.read_only or action in self.READ_ONLY_ACTIONS

    def show(self, meeting: Meeting, state: MeetingState) -> None:
        """Redraw from the meeting and its shared state."""

    def changed(self, saved: object = True) -> None:
        """Ask the screen to redraw; as a dialog's callback, not when it was cancelled."""
        if saved is not None:
            self.post_message(self.Changed())
