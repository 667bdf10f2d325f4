"""The app as a hostile member would try it: file paths in the export dialog, a planted
symbolic link, acting as someone else over SSH, a store that refuses a write."""

import errno
import os
from pathlib import Path

import pytest

from retro_tui.app import make_app
from retro_tui.dialogs.confirm import ConfirmScreen
from retro_tui.dialogs.export import ExportScreen
from retro_tui.dialogs.form import FormScreen
from retro_tui.domain.cards import add_card
from retro_tui.domain.flow import go_to_step
from retro_tui.domain.meetings import create_meeting, get_meeting
from retro_tui.domain.presence import Presence, present_now
from retro_tui.domain.team import find_member
from retro_tui.screens.meeting import MeetingScreen
from retro_tui.store import Store
from retro_tui.widgets.fields import Area, Field
from tests.conftest import type_text

REMOTE = {"RETRO_REMOTE": "1"}


@pytest.fixture
def meeting_id(store: Store) -> str:
    return create_meeting(store, "retro").id


async def export_as(pilot, typed: str) -> None:
    """Paste a file name or path into the open export dialog and press enter."""
    pilot.app.screen.query_one("#path", Field).value = typed
    await pilot.press("enter")
    await pilot.pause()


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


async def test_over_ssh_an_export_names_a_file_in_the_exports_folder(
    store: Store, meeting_id: str, tmp_path: Path
) -> None:
    before = files_under(tmp_path)
    app = make_app(store, "Ada", REMOTE, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ExportScreen(meeting_id))
        await pilot.pause()
        for path in (
            "../x.pth",
            str(tmp_path / "x.pth"),
            "~/.bashrc",
            ".hidden",
            "a/b.md",
            "p1\x9b31mRED.md",  # a C1 control that a terminal would obey
            "a\u202egnp.md",  # a direction mark that disguises the name
        ):
            await export_as(pilot, path)
            assert isinstance(app.screen, ExportScreen), f"{path} was accepted"
        assert files_under(tmp_path) == before  # nothing written anywhere

        await export_as(pilot, "minutes")
        assert not isinstance(app.screen, ExportScreen)
    written = store.folder / "exports" / "minutes.md"
    assert written.read_text().startswith("# Retrospective")


async def test_an_export_replaces_a_file_only_after_a_yes(
    store: Store, meeting_id: str, tmp_path: Path
) -> None:
    exports = store.folder / "exports"
    exports.mkdir()
    (exports / "minutes.md").write_text("last week's notes")
    app = make_app(store, "Ada", REMOTE, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ExportScreen(meeting_id))
        await pilot.pause()
        await export_as(pilot, "minutes.md")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert (exports / "minutes.md").read_text() == "last week's notes"
        assert isinstance(app.screen, ExportScreen)

        await export_as(pilot, "minutes.md")
        await pilot.press("y")
        await pilot.pause()
    assert (exports / "minutes.md").read_text().startswith("# Retrospective")


async def test_an_export_never_writes_through_a_planted_link(
    store: Store, meeting_id: str, tmp_path: Path
) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / ".bashrc").write_text("precious")
    exports = store.folder / "exports"
    exports.mkdir()
    (exports / "minutes.md").symlink_to(victim / ".bashrc")
    app = make_app(store, "Ada", REMOTE, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ExportScreen(meeting_id))
        await pilot.pause()
        await export_as(pilot, "minutes.md")
        await pilot.press("y")  # yes, replace what is there
        await pilot.pause()
    assert (victim / ".bashrc").read_text() == "precious"
    assert not (exports / "minutes.md").is_symlink()
    assert (exports / "minutes.md").read_text().startswith("# Retrospective")


async def test_an_exports_folder_that_is_a_link_is_refused(
    store: Store, meeting_id: str, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "site-packages"
    elsewhere.mkdir()
    (store.folder / "exports").symlink_to(elsewhere)
    app = make_app(store, "Ada", REMOTE, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ExportScreen(meeting_id))
        await pilot.pause()
        await export_as(pilot, "x.pth")
        assert isinstance(app.screen, ExportScreen)
    assert list(elsewhere.iterdir()) == []


async def test_at_their_own_terminal_a_person_chooses_any_path(
    store: Store, meeting_id: str, tmp_path: Path
) -> None:
    target = tmp_path / "notes" / "minutes.html"
    target.parent.mkdir()
    app = make_app(store, "Ada", {}, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ExportScreen(meeting_id))
        await pilot.pause()
        await export_as(pilot, str(target))
    assert target.read_text().startswith("# Retrospective")  # the format stays Markdown


async def test_over_ssh_nobody_votes_or_checks_in_as_another(store: Store, meeting_id: str) -> None:
    ada = find_member(store, get_meeting(store, meeting_id).facilitator)
    go_to_step(store, meeting_id, "cards", ada)
    app = make_app(store, ada.name, REMOTE, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(MeetingScreen(meeting_id))
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)  # no "vote as" over SSH
        assert "cards.voter" not in {b.binding.id for b in app.screen.active_bindings.values()}

        go_to_step(store, meeting_id, "checkin", ada)
        app.screen.reload()
        app.screen.focus_step()
        present = get_meeting(store, meeting_id).present
        await pilot.press(*["down"] * present.index(next(n for n in present if n != ada.name)))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)  # no check-in form for someone else
        await pilot.press(*["up"] * len(present), "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)  # but one for themselves


async def test_on_a_shared_screen_vote_as_stays(store: Store, meeting_id: str) -> None:
    ada = find_member(store, get_meeting(store, meeting_id).facilitator)
    go_to_step(store, meeting_id, "cards", ada)
    app = make_app(store, ada.name, {}, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(MeetingScreen(meeting_id))
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)


async def test_a_write_the_disk_refuses_keeps_the_form_and_its_text(
    store: Store, meeting_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada = find_member(store, get_meeting(store, meeting_id).facilitator)
    go_to_step(store, meeting_id, "cards", ada)

    def disk_full(path: Path, data: dict) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    app = make_app(store, ada.name, {}, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(MeetingScreen(meeting_id))
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one(Area).focus()
        await type_text(pilot, "Handover notes got lost")
        monkeypatch.setattr("retro_tui.store.store.write_json_atomic", disk_full)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one(Area).text == "Handover notes got lost"
        assert any("No space left" in n.message for n in app._notifications)
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
    assert [c.text for c in _cards(store, meeting_id)] == ["Handover notes got lost"]


def _cards(store: Store, meeting_id: str):
    from retro_tui.domain.cards import board

    return board(store, meeting_id).cards


def test_presence_never_writes_through_a_planted_link(
    store: Store, meeting_id: str, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    presence = Presence(store, meeting_id, "Ada")
    presence.path.parent.mkdir()
    presence.path.symlink_to(victim)
    presence.join()
    assert victim.read_text() == "precious"
    assert not presence.path.is_symlink()
    assert present_now(store, meeting_id) == ["Ada"]


def test_presence_ignores_planted_links_pipes_and_escape_codes(
    store: Store, meeting_id: str, tmp_path: Path
) -> None:
    folder = store.folder / "presence"
    folder.mkdir()
    outside = tmp_path / "outside.json"
    outside.write_text('{"member": "Read through a link"}')
    (folder / f"{meeting_id}--link.json").symlink_to(outside)
    os.mkfifo(folder / f"{meeting_id}--pipe.json")
    (folder / f"{meeting_id}--odd.json").write_text('{"member": "Mallory\\u001b]0;pwned\\u0007"}')
    assert present_now(store, meeting_id) == ["Mallory]0;pwned"]


def test_a_card_by_one_member_is_hidden_from_another_before_the_reveal(
    store: Store, meeting_id: str
) -> None:
    add_card(store, meeting_id, "to-improve", "Only Ada knows", find_member(store, "Ada"))
    from retro_tui.export import gather_minutes

    assert gather_minutes(store, meeting_id, "Bo")["cards"]["hidden"] == 1
    shown = gather_minutes(store, meeting_id, "Ada")["cards"]["columns"]
    assert [c["text"] for col in shown for c in col["cards"]] == ["Only Ada knows"]


def test_a_presence_folder_planted_as_a_link_is_never_followed(
    store: Store, meeting_id: str, tmp_path: Path
) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    old = victim / f"{meeting_id}--notes.json"
    old.write_text('{"member": "Bob"}')
    os.utime(old, (0, 0))  # old enough to be swept as stale
    (store.folder / "presence").symlink_to(victim)
    presence = Presence(store, meeting_id, "Ada")
    presence.join()
    assert present_now(store, meeting_id) == []
    presence.leave()
    assert old.exists() and sorted(p.name for p in victim.iterdir()) == [old.name]


@pytest.mark.parametrize("typed", ["²", "١", "4\u200b", "04x"])
def test_digits_that_are_not_ascii_are_refused_not_a_crash(typed: str) -> None:
    from retro_tui.domain import validate
    from retro_tui.errors import RetroError

    for check in (validate.energy_text, validate.minutes_text):
        with pytest.raises(RetroError):
            check(typed)


async def test_over_ssh_no_screenshot_is_written_anywhere(
    store: Store, meeting_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Downloads").mkdir()
    before = files_under(tmp_path)
    app = make_app(store, "Ada", REMOTE, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Screenshot" not in [c.title for c in app.get_system_commands(app.screen)]
        app.action_screenshot()
        await pilot.pause()
    assert files_under(tmp_path) == before
