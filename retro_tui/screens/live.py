"""The base of the screens that follow other processes' changes to the store."""

from functools import partial

from textual.screen import Screen

from retro_tui.widgets.keys import TranslatedKeys


class LiveScreen(TranslatedKeys, Screen[None]):
    """A screen that redraws, while it is in view, when a file it shows changes.

    The app publishes the names of the changed files (`RetroApp.store_changed`); a screen
    says which files it shows (`shows`) and redraws what they hold (`follow_store`),
    through the app's one guarded path for redraws from the store.
    """

    def on_mount(self) -> None:
        self.app.store_changed.subscribe(self, self.store_changed)

    def shows(self, name: str) -> bool:
        """Whether this screen shows what the store file `name` (without .json) holds."""
        return True

    def store_changed(self, changed: frozenset[str]) -> None:
        if self.app.in_view(self) and any(map(self.shows, changed)):
            self.app.redraw_from_store(partial(self.follow_store, changed))

    def follow_store(self, changed: frozenset[str]) -> None:
        """Redraw what the `changed` files hold."""
