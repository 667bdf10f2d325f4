"""Apps follow other processes' writes file by file: what changed is told by name, a
process's own writes are not news, and a screen keeps its place while it follows."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import DataTable

from retro_tui.app import make_app
from retro_tui.domain.demo import create_demo
from retro_tui.domain.lessons import LessonDraft, add_lesson
from retro_tui.domain.meetings import list_meetings
from retro_tui.store import Store
from retro_tui.store.watch import StoreWatcher
from tests.conftest import wait_until


def other_process(folder: Path, *args: str) -> None:
    """A real `retro` command run by another process on the same store."""
    subprocess.run(
        [sys.executable, "-m", "retro_tui", "--store", str(folder), *args],
        check=True,
        capture_output=True,
    )


def test_the_watcher_names_the_files_others_changed_and_not_its_own(store: Store) -> None:
    watcher = StoreWatcher(store)
    assert watcher.changes() == frozenset()
    add_lesson(store, LessonDraft("Ours", "t", "h", "l"))
    assert watcher.changes() == frozenset()  # this process wrote it
    other_process(store.folder, "lesson", "add", "Theirs", "--tried", "t", "--happened", "h",
                  "--learned", "l")  # fmt: skip
    assert watcher.changes() == {"lessons-2026"}
    other_process(store.folder, "meeting", "new")
    changed = watcher.changes()
    assert "meetings-2026" in changed and any(n.startswith("meeting-2026") for n in changed)
    assert watcher.changes() == frozenset()


@pytest.mark.parametrize("watch", ["kernel", "poll"])
async def test_home_keeps_its_place_while_another_process_writes(
    isolated_env: Path, watch: str
) -> None:
    """Heard from the kernel (inotify), or by looking ten times a second where it cannot
    tell, as on a network file system."""
    store = Store(isolated_env)
    create_demo(store)
    chosen = list_meetings(store)[-4].id
    app = make_app(store, "Astrid Holm", {"RETRO_WATCH": watch}, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        assert (app.folder_events is not None) == (watch == "kernel")
        table = app.screen.query_one("#meetings", DataTable)
        await wait_until(pilot, lambda: table.row_count > 3, "the meetings")
        keys = [row.key.value for row in table.ordered_rows]
        table.move_cursor(row=keys.index(chosen))
        other_process(store.folder, "lesson", "add", "Ask the night shift first", "--tried",
                      "t", "--happened", "h", "--learned", "l")  # fmt: skip
        lessons = app.screen.query_one("#lessons")
        await wait_until(
            pilot, lambda: "Ask the night shift first" in str(lessons.render()), "the lesson"
        )
        other_process(store.folder, "meeting", "new", "--title", "Extra forum", "--kind", "forum")
        # The list holds as many meetings as fit: the new one comes in, the oldest goes.
        await wait_until(
            pilot,
            lambda: any("Extra forum" in str(table.get_row(row.key)) for row in table.ordered_rows),
            "the new meeting",
        )
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == chosen


def test_the_kernel_names_the_file_another_process_replaced(store: Store) -> None:
    from retro_tui.store.events import folder_events

    events = folder_events(store.folder, {})
    assert events is not None, "inotify on a local file system"
    try:
        watcher = StoreWatcher(store)
        other_process(store.folder, "lesson", "add", "Theirs", "--tried", "t", "--happened",
                      "h", "--learned", "l")  # fmt: skip
        told = events.drain()
        assert told is not None and "lessons-2026.json" in told
        assert watcher.changes(told) == {"lessons-2026"}
        assert events.drain() == set()
    finally:
        events.close()


@pytest.mark.parametrize("watch", ["kernel", "poll"])
async def test_every_card_written_elsewhere_shows_one_after_another(
    store: Store, watch: str
) -> None:
    """Each write is seen, however soon after the last one it comes: a writer's temp file
    and its rename can fall in the same tick of the folder's clock."""
    from retro_tui.domain.cards import reveal_cards
    from retro_tui.domain.flow import go_to_step
    from retro_tui.domain.meetings import create_meeting
    from retro_tui.domain.team import find_member
    from retro_tui.screens.meeting import MeetingScreen

    meeting = create_meeting(store, "retro")
    lead = find_member(store, meeting.facilitator)
    go_to_step(store, meeting.id, "cards", lead)
    reveal_cards(store, meeting.id, lead)
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.writer_process", "cue", str(store.folder), meeting.id, "c"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert writer.stdin is not None and writer.stdout is not None
    app = make_app(store, lead.name, {"RETRO_WATCH": watch}, cursor_blink=False)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await app.push_screen(MeetingScreen(meeting.id))
            await pilot.pause()
            column = app.screen.query_one("#col-0")
            for n in range(25):
                writer.stdin.write("\n")
                writer.stdin.flush()
                assert writer.stdout.readline().strip() == "ok"
                await wait_until(pilot, lambda n=n: column.option_count == n + 1, f"card {n}", 5)
    finally:
        writer.kill()
        writer.wait()


@pytest.mark.parametrize("watch", ["kernel", "poll"])
def test_a_write_whose_rename_keeps_the_folders_time_is_still_seen(
    store: Store, watch: str
) -> None:
    """The folder's clock ticks coarsely: a writer's temp file and the rename that follows
    can leave it at one time, so a look between the two must not hide the rename."""
    watcher = StoreWatcher(store)
    other = Store(store.folder)  # another writer: its writes are news to `watcher`
    temp = store.folder / ".lessons-2026.json.abc.tmp"
    temp.write_text("{}")
    in_flight = os.stat(store.folder).st_mtime_ns
    assert watcher.changes({temp.name} if watch == "kernel" else None) == frozenset()
    temp.unlink()
    add_lesson(other, LessonDraft("Theirs", "t", "h", "l"))
    os.utime(store.folder, ns=(in_flight, in_flight))  # the same tick as the temp file
    told = {"lessons-2026.json"} if watch == "kernel" else None
    assert watcher.changes(told) == {"lessons-2026"}


def test_the_overview_read_again_in_part_equals_the_whole(isolated_env: Path) -> None:
    """Home reads again only what the changed files hold, and shows what a whole read
    would: after a lesson, an action, a new meeting, a reopened meeting and a check."""
    from retro_tui.domain.actions import add_action
    from retro_tui.domain.agenda import list_items, set_check
    from retro_tui.domain.decisions import add_decision
    from retro_tui.domain.meetings import create_meeting, get_meeting, reopen_meeting
    from retro_tui.domain.overview import team_overview
    from retro_tui.domain.tasks import add_task
    from retro_tui.domain.team import find_member

    store = Store(isolated_env)
    create_demo(store)
    watcher = StoreWatcher(store)
    other = Store(isolated_env)
    shown = team_overview(store)
    closed = next(
        m
        for m in reversed(list_meetings(store))
        if m.status == "closed" and m.kind == "forum" and list_items(store, m.id)
    )
    lead = find_member(other, get_meeting(other, closed.id).facilitator)
    for write in (
        lambda: add_lesson(other, LessonDraft("Ask first", "t", "h", "l")),
        lambda: add_action(other, list_meetings(other)[-1].id, "Call the GP", "Bo Jensen"),
        lambda: create_meeting(other, "forum", "Extra forum"),
        lambda: reopen_meeting(other, closed.id, "a check was missing", lead),
        lambda: set_check(
            other, closed.id, list_items(other, closed.id)[0].id, "trust", "tension", "x"
        ),
        lambda: add_decision(
            other, closed.id, list_items(other, closed.id)[0].id, "Due now", review="2026-11-21"
        ),
        lambda: add_task(other, "Planning visits", "Bo Jensen", "Astrid Holm"),
    ):
        write()
        changed = watcher.changes()
        assert changed
        shown = team_overview(store, shown, changed)
        assert shown == team_overview(store)
