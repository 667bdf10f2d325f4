"""The footer of every screen: the keys that work here, made again only when they change."""

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's footer makes all its keys again whenever the focus or the bindings may
    have changed: three times as Home opens, each as long as painting the screen. This
    one waits for the changes of one moment to settle, and makes the keys again only
    when what it would show is not what it shows."""

    _settling = False
    _shown: tuple[object, ...] | None = None

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
