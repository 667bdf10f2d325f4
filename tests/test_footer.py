"""The footer makes its keys once as a screen opens, and again only when they change."""

from pathlib import Path

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from retro_tui.app import make_app
from retro_tui.domain.demo import create_demo
from retro_tui.store import Store


@pytest.fixture
def demo(isolated_env: Path) -> Store:
    store = Store(isolated_env)
    create_demo(store)
    return store


def keys_shown(app) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey) if key.description]


async def test_home_makes_its_keys_once_and_a_dialog_changes_them(
    demo: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    recompose = Footer.recompose

    async def counted(footer: Footer) -> None:
        made.append(type(footer.screen).__name__)
        await recompose(footer)

    monkeypatch.setattr(Footer, "recompose", counted)
    app = make_app(demo, as_name="Astrid Holm", env={}, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.3)
        assert made == ["HomeScreen"]  # Textual's own footer makes them three times
        assert "Lessons" in keys_shown(app) and "Forums" in keys_shown(app)
        await pilot.press("l")
        await pilot.pause(0.3)
        assert made[-1] == "LessonsScreen"
        assert "Lessons" not in keys_shown(app)
        await pilot.press("escape")
        await pilot.pause(0.3)
        assert "Lessons" in keys_shown(app)
