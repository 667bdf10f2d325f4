"""Export a meeting's minutes (or the house's map of groups) to a file: Markdown by
default, or HTML or JSON.

At their own terminal a person may write anywhere their account can. A member who came
in over SSH names a file only; it goes to the store's `exports/` folder. Either way an
existing file is replaced only after a yes, and never through a symbolic link.
"""

from datetime import date
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
from retro_tui.i18n import N_, _
from retro_tui.store.exports import ExportExists, export_target, write_file
from retro_tui.widgets.fields import Field
from retro_tui.widgets.keys import TranslatedKeys

CALENDAR_TURNS = 12  # meetings ahead in a calendar file


class ExportScreen(TranslatedKeys, ModalScreen[Path | None]):
    """Choose a format and a file; dismisses with the path written, or None."""

    AUTO_FOCUS = "#path"  # focused as the dialog opens, so no typed key is lost
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="export.cancel"),
        Binding("ctrl+s", "save", N_("Write file"), id="export.save"),
    ]

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id

    def heading(self) -> str:
        return _("Export the minutes of {meeting}").format(meeting=self.meeting_id)

    def formats(self) -> list[tuple[str, str]]:
        """(name, key) of each format it writes; the first is chosen as it opens."""
        return [(_(f.name), key) for key, f in FORMATS.items()]

    def file_stem(self) -> str:
        return f"minutes-{self.meeting_id}"

    def export_data(self, fmt: str) -> bytes:
        return export_meeting(self.app.store, self.meeting_id, fmt, self.app.my_name).encode()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = Text(self.heading())  # people's text in it is never markup
            yield Label(_("Format"))
            formats = self.formats()
            yield Select(formats, value=formats[0][1], allow_blank=False, id="format", compact=True)
            if self.app.remote:
                yield Label(_("File name (saved in the team's exports folder)"))
            else:
                yield Label(_("File"))
            yield Field(f"{self.file_stem()}.{formats[0][1]}", id="path")
            with Horizontal(classes="buttons"):
                yield Button(_("Write file"), variant="primary", id="save", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)

    @on(Select.Changed, "#format")
    def follow_format(self, event: Select.Changed) -> None:
        path = self.query_one("#path", Field)
        stem = path.value.rsplit(".", 1)[0] if "." in path.value else path.value
        path.value = f"{stem}.{event.value}"

    @on(Button.Pressed, "#save")
    @on(Field.Submitted, "#path")
    def action_save(self) -> None:
        self.write(overwrite=False)

    def write(self, overwrite: bool) -> None:
        fmt = str(self.query_one("#format", Select).value)
        typed = self.query_one("#path", Field).value
        app = self.app
        path = app.attempt(export_target, typed, fmt, app.store.folder, app.remote)
        if path is None:
            return
        data = app.attempt(self.export_data, fmt)
        if data is None:
            return
        try:
            write_file(path, data, overwrite=overwrite, make_folder=app.remote)
        except ExportExists:
            question = _("{path} exists already. Replace it?").format(path=path)
            app.push_screen(
                ConfirmScreen(_("Replace the file?"), question, _("Replace")),
                lambda yes: self.write(overwrite=True) if yes else None,
            )
            return
        except (RetroError, OSError) as error:
            why = error.strerror if isinstance(error, OSError) else str(error)
            told = _("Could not write {path}: {reason}").format(path=path, reason=why)
            self.notify(told, severity="error", markup=False)
            return
        self.notify(_("Wrote {path}").format(path=path), markup=False)
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
        return _("Export the map of the house")

    def file_stem(self) -> str:
        return "house"

    def formats(self) -> list[tuple[str, str]]:
        return [(_(FORMATS[key].name), key) for key in HOUSE_FORMATS]

    def export_data(self, fmt: str) -> bytes:
        return export_house(self.app.store, fmt).encode()


class ReportExportScreen(ExportScreen):
    """The period report of what the trends screen shows: its quarters and its group."""

    def __init__(self, start: date, end: date, group: str | None) -> None:
        super().__init__("")
        self.start, self.end, self.group = start, end, group

    def heading(self) -> str:
        return _("Report on {start} to {end}").format(start=self.start, end=self.end)

    def file_stem(self) -> str:
        return f"report-{self.start}-to-{self.end}"

    def formats(self) -> list[tuple[str, str]]:
        from retro_tui.export.report import REPORT_FORMATS  # only where a report is made

        return [(_(f.name), key) for key, f in REPORT_FORMATS.items()]

    def export_data(self, fmt: str) -> bytes:
        from retro_tui.export.report import export_report

        return export_report(self.app.store, self.start, self.end, fmt, self.group)


class CalendarExportScreen(ExportScreen):
    """The coming meetings with their facilitator and scribe, for people's calendars."""

    def __init__(self, group: str | None = None) -> None:
        super().__init__("")
        self.group = group

    def heading(self) -> str:
        return _("The rota as a calendar file")

    def file_stem(self) -> str:
        return "rota"

    def formats(self) -> list[tuple[str, str]]:
        return [("iCalendar", "ics")]

    def export_data(self, fmt: str) -> bytes:
        from retro_tui.export.calendar import rota_calendar  # icalendar only when asked for

        data, notes = rota_calendar(self.app.store, self.group, CALENDAR_TURNS)
        for note in notes:
            self.notify(note, markup=False)
        return data
