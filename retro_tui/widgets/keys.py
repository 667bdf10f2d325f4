"""Key descriptions in the language in use, wherever the footer or the palette shows them.

Bindings are declared once per class with their English description marked `N_()`;
Textual shows a screen's `active_bindings`, so a screen that mixes `TranslatedKeys` in
gives them translated.
"""

from dataclasses import replace
from functools import cache

from textual.binding import ActiveBinding, Binding

from retro_tui.i18n import _, language


@cache
def _translated(binding: Binding, tooltip: str, code: str) -> tuple[Binding, str]:
    described = replace(binding, description=_(binding.description), tooltip=_(binding.tooltip))
    return described, _(tooltip)


class TranslatedKeys:
    """Mixed into a Screen before it: its active keys described in the language in use."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        shown = super().active_bindings  # type: ignore[misc]
        code = language()
        return {
            key: active._replace(
                binding=(found := _translated(active.binding, active.tooltip, code))[0],
                tooltip=found[1],
            )
            for key, active in shown.items()
        }
