"""First run: the welcome screen creates the team, or opens the demo team."""

from pathlib import Path

from retro_tui.app import make_app
from retro_tui.dialogs.form import FormScreen
from retro_tui.domain.groups import list_groups
from retro_tui.domain.meetings import list_meetings
from retro_tui.domain.team import get_team, list_members
from retro_tui.screens.home import HomeScreen
from retro_tui.store import Store
from tests.conftest import type_text


async def test_welcome_creates_the_team(isolated_env: Path) -> None:
    store = Store(isolated_env)
    async with make_app(store, env={}, cursor_blink=False).run_test(size=(80, 24)) as pilot:
        await pilot.press("tab")  # from the page to the first field
        await type_text(pilot, "Night shift")
        await pilot.press("tab")
        await type_text(pilot, "Calm nights")
        await pilot.press("tab")
        await type_text(pilot, "Ada, Bo, Cy")
        await pilot.press("enter")
        await pilot.pause()
        # Nobody is known yet: the app asks who is at the keyboard.
        assert isinstance(pilot.app.screen, FormScreen)
        await pilot.press("enter", "down", "enter", "ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
        assert pilot.app.me is not None and pilot.app.me.name == "Ada"
        assert "home.who" not in {b.binding.id for b in pilot.app.screen.active_bindings.values()}
    assert get_team(store).name == "Night shift" and get_team(store).purpose == "Calm nights"
    assert [m.name for m in list_members(store)] == ["Ada", "Bo", "Cy"]


async def test_a_bad_member_name_creates_nothing(isolated_env: Path) -> None:
    store = Store(isolated_env)
    async with make_app(store, env={}, cursor_blink=False).run_test(size=(80, 24)) as pilot:
        await pilot.press("tab")
        await type_text(pilot, "Night shift")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Ada, " + "x" * 41)
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen.id == "welcome"  # still there, with what was typed
    assert not store.exists()


async def test_welcome_opens_the_demo_team(isolated_env: Path) -> None:
    store = Store(isolated_env)
    async with make_app(store, env={}, cursor_blink=False).run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+d")
        await pilot.pause()
        await pilot.press("escape")  # not now; w on Home asks again
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen) and pilot.app.me is None
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(pilot.app.screen, FormScreen)
    # Twelve weeks of meetings, today's retrospective and the Care forum's next meeting.
    assert len(list_meetings(store)) == 54  # a year of weekly meetings, and two planned
    assert len(list_groups(store)) == 5  # the team, three forums and a community


async def test_over_ssh_nobody_chooses_who_they_are(store: Store) -> None:
    """The key decides: an app over SSH with nobody known never offers the choice."""
    async with make_app(store, env={"RETRO_REMOTE": "1"}, cursor_blink=False).run_test(
        size=(80, 24)
    ) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen) and pilot.app.me is None
