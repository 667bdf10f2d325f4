"""The footer of every screen: the keys that work here, made again only when they change,
each shown whole or not at all."""

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


def _width(key: Widget) -> int:
    """The columns a compact footer key takes: key, space, description, margin."""
    if not isinstance(key, FooterKey):
        return 0
    described = 1 + cell_len(key.description) if key.description else 0
    return cell_len(key.key_display) + described + 1


class KeysFooter(Footer):
    """Textual's footer makes all its keys again whenever the focus or the bindings may
    have changed: three times as Home opens, each as long as painting the screen. This
    one waits for the changes of one moment to settle, and makes the keys again only
    when what it would show is not what it shows."""

    _settling = False
    _shown: tuple[object, ...] | None = None
    _composed_width = 0

    def compose(self) -> ComposeResult:
        """The keys that fit beside the palette key, in their order; a key that would be
        cut is left out whole (the palette lists it), in any language and at any width."""
        made = list(super().compose())
        width = self.size.width
        self._composed_width = width if made else 0
        if not width:
            yield from made
            return
        room = width - sum(_width(k) for k in made if k.has_class("-command-palette"))
        for key in made:
            if not key.has_class("-command-palette"):
                room -= _width(key)
                if room < 0:
                    continue
            yield key

    def on_resize(self, event: events.Resize) -> None:
        if self._composed_width and event.size.width != self._composed_width:
            self.call_after_refresh(self.recompose)

    def bindings_changed(self, screen: Screen) -> None:
        if not self._settling:
            self._settling = True
            self.call_after_refresh(self._settle, screen)

    def _settle(self, screen: Screen) -> None:
        self._settling = False
        if not (screen.app.app_focus and self.is_attached and screen is self.screen):
            super().bindings_changed(screen)  # which then makes nothing again
            return
        shown = self._keys(screen)
        if shown != self._shown:
            self._shown = shown
            super().bindings_changed(screen)

    def _keys(self, screen: Screen) -> tuple[object, ...]:
        """What the footer would show: each binding as the keymap has it, and its state."""
        display = self.app.get_key_display
        return tuple(
            (binding, display(binding), enabled, tooltip)
            for __, binding, enabled, tooltip in screen.active_bindings.values()
        )
