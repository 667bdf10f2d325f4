"""Export a meeting's minutes to a file: Markdown by default, or HTML or JSON."""

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select

from retro_tui.export import export_meeting
from retro_tui.widgets.fields import Field

FORMAT_NAMES = {"md": "Markdown", "html": "HTML (printable)", "json": "JSON"}


class ExportScreen(ModalScreen[Path | None]):
    """Choose a format and a file; dismisses with the path written, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        Binding("ctrl+s", "save", "Write file", id="export.save"),
    ]

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = f"Export the minutes of {self.meeting_id}"
            yield Label("Format")
            yield Select(
                [(name, key) for key, name in FORMAT_NAMES.items()],
                value="md",
                allow_blank=False,
                id="format",
                compact=True,
            )
            yield Label("File")
            yield Field(f"minutes-{self.meeting_id}.md", id="path")
            with Horizontal(classes="buttons"):
                yield Button("Write file", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    @on(Select.Changed, "#format")
    def follow_format(self, event: Select.Changed) -> None:
        path = self.query_one("#path", Field)
        stem = path.value.rsplit(".", 1)[0] if "." in path.value else path.value
        path.value = f"{stem}.{event.value}"

    @on(Button.Pressed, "#save")
    @on(Field.Submitted, "#path")
    def action_save(self) -> None:
        fmt = str(self.query_one("#format", Select).value)
        path = Path(self.query_one("#path", Field).value.strip()).expanduser()
        text = self.app.attempt(export_meeting, self.app.store, self.meeting_id, fmt)
        if text is None:
            return
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            self.notify(f"Could not write {path}: {error.strerror}", severity="error", markup=False)
            return
        self.notify(f"Wrote {path}", markup=False)
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
