"""A small modal form: a few labelled fields, saved through a domain call.

The form stays open when saving fails (the error shows as a notification), so nothing
typed is lost; it dismisses with what the save returned.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select, SelectionList, Static

from retro_tui.domain.team import Member, find_member, list_members
from retro_tui.i18n import N_, _
from retro_tui.store import Store
from retro_tui.widgets.fields import Area, Field
from retro_tui.widgets.keys import TranslatedKeys
from retro_tui.widgets.plain import choices

T = TypeVar("T")


@dataclass(frozen=True)
class FormField:
    id: str
    label: str
    value: str | list[str] = ""
    kind: Literal["text", "area", "choice", "many"] = "text"
    options: Sequence[tuple[str, str]] = ()  # (label, value) for choice and many


class FormScreen(TranslatedKeys, ModalScreen[T | None], Generic[T]):
    AUTO_FOCUS = ""  # on_mount chooses the field
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="form.cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="form.save"),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[FormField],
        save: Callable[[dict[str, Any]], T],
        hint: str = "",
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        typed = [f for f in self.fields if f.kind in ("text", "area")]
        self.first_field = (typed or self.fields)[0].id
        self.save = save
        self.hint = hint

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog") as dialog:
            dialog.border_title = Text(self.form_title)  # people's text in it is never markup
            if self.hint:
                yield Static(self.hint, classes="hint", markup=False)
            for field in self.fields:
                yield Label(field.label, markup=False)  # it may name a principle
                yield self._input(field)
            with Horizontal(classes="buttons"):
                yield Button(_("Save  ctrl+s"), variant="primary", id="save", compact=True)
                yield Button(_("Cancel  esc"), id="cancel", compact=True)

    def on_mount(self) -> None:
        """Open on the first text field, so typing goes there from the first key (a space
        in a dropdown would open it and lose the text), with the form shown from its top."""
        self.set_focus(self.query_one(f"#{self.first_field}"), scroll_visible=False)

    def _input(self, field: FormField):
        if field.kind == "area":
            return Area(str(field.value), id=field.id, soft_wrap=True, show_line_numbers=False)
        if field.kind == "choice":
            return Select(
                choices(field.options),
                value=field.value or Select.NULL,
                id=field.id,
                allow_blank=not field.value,
                compact=True,
            )
        if field.kind == "many":
            chosen = set(field.value)
            return SelectionList[str](
                *[(label, value, value in chosen) for label, value in choices(field.options)],
                id=field.id,
            )
        return Field(str(field.value), id=field.id)

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for field in self.fields:
            widget = self.query_one(f"#{field.id}")
            if isinstance(widget, Area):
                found[field.id] = widget.text
            elif isinstance(widget, Select):
                found[field.id] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, SelectionList):
                found[field.id] = list(widget.selected)
            else:
                assert isinstance(widget, Field)
                found[field.id] = widget.value
        return found

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        saved = self.app.attempt(self.save, self.values())
        if saved is not None:
            self.dismiss(saved)

    @on(Field.Submitted)
    def submitted(self) -> None:
        """Enter in a one-line field moves on; in the last field it saves."""
        if self.focused is self.query(Field).last():
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def member_choices(store: Store) -> list[tuple[str, str]]:
    """The active members, as the options of a choice."""
    return [(m.name, m.name) for m in list_members(store, active_only=True)]


def present_member_form(
    title: str, question: str, present: list[str], current: str | None, store: Store
) -> "FormScreen[Member]":
    """On a shared keyboard: choose which of those present acts next (votes, answers)."""
    choice = FormField("name", question, current or "", "choice", [(n, n) for n in present])
    return FormScreen(title, [choice], lambda v: find_member(store, v["name"] or ""))


def reason_form(title: str, question: str, save: Callable[[str], T]) -> FormScreen[T]:
    """A form that asks only why, for a change the minutes record with its reason."""
    return FormScreen(title, [FormField("reason", question)], lambda v: save(v["reason"]))
