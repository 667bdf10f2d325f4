"""Text inputs whose cursor blinks only when the app allows it (tests keep it steady)."""

from typing import Any

from textual.widgets import Input, TextArea


class Field(Input):
    """A one-line input, compact unless asked otherwise."""

    def __init__(self, *args: Any, compact: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, compact=compact, **kwargs)

    def on_mount(self) -> None:
        self.cursor_blink = getattr(self.app, "cursor_blink", True)


class Area(TextArea):
    """A several-line input for longer texts; typing goes on after the text it holds."""

    def on_mount(self) -> None:
        self.cursor_blink = getattr(self.app, "cursor_blink", True)
        self.move_cursor(self.document.end)
