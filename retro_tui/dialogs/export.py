"""Export a meeting's minutes (or the house's map of groups) to a file: Markdown by
default, or HTML or JSON.

At their own terminal a person may write anywhere their account can. A member who came
in over SSH names a file only; it goes to the store's `exports/` folder. Either way an
existing file is replaced only after a yes, and never through a symbolic link.
"""

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select

from retro_tui.dialogs.confirm import ConfirmScreen
from retro_tui.errors import RetroError
from retro_tui.export import FORMATS, HOUSE_FORMATS, export_house, export_meeting
from retro_tui.store.exports import ExportExists, export_file_name, exports_folder, write_file
from retro_tui.widgets.fields import Field


class ExportScreen(ModalScreen[Path | None]):
    """Choose a format and a file; dismisses with the path written, or None."""

    AUTO_FOCUS = "#path"  # focused as the dialog opens, so no typed key is lost
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        Binding("ctrl+s", "save", "Write file", id="export.save"),
    ]

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id

    def heading(self) -> str:
        return f"Export the minutes of {self.meeting_id}"

    def formats(self) -> list[str]:
        return list(FORMATS)

    def file_stem(self) -> str:
        return f"minutes-{self.meeting_id}"

    def export_text(self, fmt: str) -> str:
        return export_meeting(self.app.store, self.meeting_id, fmt, self.app.my_name)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = Text(self.heading())  # people's text in it is never markup
            yield Label("Format")
            yield Select(
                [(FORMATS[key].name, key) for key in self.formats()],
                value="md",
                allow_blank=False,
                id="format",
                compact=True,
            )
            if self.app.remote:
                yield Label("File name (saved in the team's exports folder)")
            else:
                yield Label("File")
            yield Field(f"{self.file_stem()}.md", id="path")
            with Horizontal(classes="buttons"):
                yield Button("Write file", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    @on(Select.Changed, "#format")
    def follow_format(self, event: Select.Changed) -> None:
        path = self.query_one("#path", Field)
        stem = path.value.rsplit(".", 1)[0] if "." in path.value else path.value
        path.value = f"{stem}.{event.value}"

    def target(self, typed: str, fmt: str) -> Path:
        """Where the file goes: a name in `exports/` over SSH, else the path typed."""
        if self.app.remote:
            return exports_folder(self.app.store.folder) / export_file_name(typed, fmt)
        if not typed.strip():
            raise RetroError("the file name is empty")
        return Path(typed.strip()).expanduser()

    @on(Button.Pressed, "#save")
    @on(Field.Submitted, "#path")
    def action_save(self) -> None:
        self.write(overwrite=False)

    def write(self, overwrite: bool) -> None:
        fmt = str(self.query_one("#format", Select).value)
        typed = self.query_one("#path", Field).value
        app = self.app
        path = app.attempt(self.target, typed, fmt)
        if path is None:
            return
        text = app.attempt(self.export_text, fmt)
        if text is None:
            return
        try:
            write_file(path, text.encode(), overwrite=overwrite, make_folder=app.remote)
        except ExportExists:
            question = f"{path} exists already. Replace it with these minutes?"
            app.push_screen(
                ConfirmScreen("Replace the file?", question, "Replace"),
                lambda yes: self.write(overwrite=True) if yes else None,
            )
            return
        except (RetroError, OSError) as error:
            why = error.strerror if isinstance(error, OSError) else str(error)
            self.notify(f"Could not write {path}: {why}", severity="error", markup=False)
            return
        self.notify(f"Wrote {path}", markup=False)
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class HouseExportScreen(ExportScreen):
    """The house's map of groups, their leads, decisions in force and leadership tasks:
    the page a house puts on its intranet."""

    def __init__(self) -> None:
        super().__init__("")

    def heading(self) -> str:
        return "Export the map of the house"

    def file_stem(self) -> str:
        return "house"

    def formats(self) -> list[str]:
        return list(HOUSE_FORMATS)

    def export_text(self, fmt: str) -> str:
        return export_house(self.app.store, fmt)
