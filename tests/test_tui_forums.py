"""Forums in the app: made on the forum map, meeting, deciding with a review date; the
decision in the register, and on Home once its review is due. A community decides nothing.
A leadership task's alignment check, answered unseen, flags what is not shared."""

from pathlib import Path

import pytest
from textual.widgets import DataTable, Select, SelectionList

from retro_tui.app import make_app
from retro_tui.dialogs.form import FormScreen
from retro_tui.domain.agenda import add_item
from retro_tui.domain.decisions import add_decision, register
from retro_tui.domain.groups import add_group, list_groups
from retro_tui.domain.meetings import create_meeting, list_meetings
from retro_tui.domain.tasks import KEYS
from retro_tui.errors import RetroError
from retro_tui.screens.decisions import DecisionsScreen
from retro_tui.screens.forums import ForumsScreen
from retro_tui.screens.home import HomeScreen
from retro_tui.screens.meeting import MeetingScreen
from retro_tui.screens.tasks import TasksScreen
from retro_tui.store import Store
from tests.conftest import type_text, wait_until


async def test_a_forum_from_the_map_to_a_decision_due_for_review(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(store, as_name="Ada", cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, ForumsScreen), "the forum map")
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), "the forum form")
        await type_text(pilot, "Care forum")
        await pilot.press("tab")
        await type_text(pilot, "How we plan visits")
        form = app.screen
        form.query_one("#lead", Select).value = "Ada"  # dropdowns: chosen as a click would
        form.query_one("#co_lead", Select).value = "Bo"
        form.query_one("#members", SelectionList).select("Cy")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ForumsScreen), "the map again")
        forum = list_groups(store)[1]
        assert (forum.name, forum.lead, forum.co_lead, forum.members) == (
            "Care forum",
            "Ada",
            "Bo",
            ["Ada", "Bo", "Cy"],
        )
        table = app.screen.query_one("#forum-table", DataTable)
        assert table.row_count == 1
        assert "Lead: Ada" in str(app.screen.query_one("#forum-text").render())

        await pilot.press("n")  # the forum's meeting, planned today and opened
        await wait_until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting")
        meeting = list_meetings(store)[-1]
        assert (meeting.group, meeting.kind, meeting.facilitator) == ("care-forum", "forum", "Ada")
        assert "Di" not in meeting.present
        await pilot.press("pagedown", "pagedown")  # check-in, review, then the agenda
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Weekend visits")
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        await pilot.press("enter")  # discuss it
        await pilot.pause()
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), "the decision form")
        await type_text(pilot, "Weekend visits go in pairs")
        await pilot.press("tab")
        await type_text(pilot, "Cy")
        await pilot.press("tab")
        await type_text(pilot, "the families")
        await pilot.press("tab")
        await type_text(pilot, "2026-12-01")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the agenda")
        [decision] = register(store)
        assert (decision.group, decision.review, decision.knows_most) == (
            "care-forum",
            "2026-12-01",
            ["Cy"],
        )

        await pilot.press("f1")  # Home: not due yet, so no review panel
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "Home")
        assert not app.screen.query_one("#reviews").display
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DecisionsScreen), "the register")
        rows = app.screen.query_one("#decision-table", DataTable)
        assert rows.row_count == 1
        assert "Weekend visits go in pairs" in str(rows.get_row_at(0)[0])
        assert "Care forum" in str(rows.get_row_at(0)[1])

        monkeypatch.setenv("RETRO_NOW", "2026-12-02T09:00:00")  # a week and a bit later
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen.query_one("#reviews").display, "the review")
        assert "Weekend visits go in pairs" in str(app.screen.query_one("#reviews").render())


async def test_a_community_meeting_offers_no_decision_and_refuses_one(store: Store) -> None:
    add_group(
        store, "forum", "Care forum", "How we plan visits", {"lead": "Ada", "co-lead": "Bo"}, []
    )
    add_group(store, "community", "Dementia circle", "Dementia care", {"host": "Cy"}, ["Di"])
    meeting = create_meeting(store, group="Dementia circle")
    item = add_item(store, meeting.id, "New research on sleep")
    with pytest.raises(RetroError) as refused:
        add_decision(store, meeting.id, item.id, "Everyone reads the paper")
    assert str(refused.value) == (
        "Dementia circle shares knowledge and decides nothing; take it to a forum that owns "
        "the area: Care forum (How we plan visits)"
    )
    app = make_app(store, as_name="Cy", cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        meetings = app.screen.query_one("#meetings", DataTable)
        await wait_until(pilot, lambda: meetings.row_count, "Home's meetings")
        await pilot.press("enter")  # the first row is today's meeting
        await wait_until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting")
        await pilot.press("pagedown")  # a community meets for check-in, then the agenda
        await pilot.pause()
        keys = {b.binding.action for b in app.screen.active_bindings.values() if b.enabled}
        assert "add_item" in keys and "decide" not in keys


async def test_an_alignment_check_flags_a_dimension_three_apart(store: Store) -> None:
    from retro_tui.domain.tasks import add_task, agree, check, get_task
    from retro_tui.domain.team import find_member
    from retro_tui.screens.tasks import TasksScreen

    add_task(store, "Shift planning", "Bo", "Ada")
    agree(
        store,
        "Shift planning",
        {
            "direction": "Fair, calm rotas",
            "frame": "Within the budget; Bo decides swaps",
            "results": "The rota is out three weeks ahead",
            "resources": "Two hours a week",
            "roles": "Ada signs off holidays",
        },
    )
    check(store, "Shift planning", find_member(store, "Ada"), dict.fromkeys(KEYS, 5))
    app = make_app(store, as_name="Bo", cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, TasksScreen), "the tasks")
        detail = app.screen.query_one("#task-text")
        assert "Waiting for Bo" in str(detail.render())
        assert "Ada 5/5" not in str(detail.render())  # unseen until Bo has answered
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), "the check form")
        form = app.screen
        for key in KEYS:  # dropdowns: chosen as a click would
            form.query_one(f"#{key}", Select).value = "2" if key == "resources" else "4"
        await type_text(pilot, "More hours in December")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, TasksScreen), "the tasks again")
        task = get_task(store, "Shift planning")
        assert task.flags() == ["resources"]  # 5 against 2: three apart
        shown = str(app.screen.query_one("#task-text").render())
        assert "Not aligned on resources" in shown and "Ada 5/5  ·  Bo 2/5" in shown
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "Home")
        await wait_until(pilot, lambda: app.screen.query_one("#reviews").display, "the flag")
        # One line, shortened after a whole word to the panel's width.
        assert "Shift planning: not aligned" in str(app.screen.query_one("#reviews").render())


async def test_group_task_and_decision_texts_show_as_typed_never_as_markup(store: Store) -> None:
    from retro_tui.domain.tasks import add_task

    markup = "[@click=app.quit]x[/]"
    add_group(store, "forum", f"Forum {markup}", markup, {"lead": "Ada", "co-lead": "Bo"}, [])
    meeting = create_meeting(store, group=f"Forum {markup}")
    item = add_item(store, meeting.id, markup)
    add_decision(store, meeting.id, item.id, f"[b]{markup}", review="2026-11-23")
    add_task(store, f"Task {markup}", "Bo", "Ada")
    app = make_app(store, as_name="Ada", cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        for key, screen, text_id in (
            ("f", ForumsScreen, "#forum-text"),
            ("d", DecisionsScreen, "#decision-detail"),
        ):
            await pilot.press(key)
            await wait_until(pilot, lambda screen=screen: isinstance(app.screen, screen), key)
            assert markup in str(app.screen.query_one(text_id).render())
            await pilot.click(text_id)  # a click on it runs nothing
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, TasksScreen), "the tasks")
        title = app.screen.query_one("#task-detail")._border_title  # as drawn
        assert title is not None and title.plain == f"Task {markup}"
        await pilot.click("#task-detail")
        assert app.is_running


async def test_a_forums_review_step_lists_its_open_actions(isolated_env: Path) -> None:
    """A forum's actions have ids that name the forum (`care-forum-2026-25`); its review
    step lists them in order instead of ending the app."""
    from retro_tui.domain.demo import create_demo
    from retro_tui.domain.flow import go_to_step
    from retro_tui.domain.team import find_member

    store = Store(isolated_env)
    create_demo(store)
    forum = next(
        m for m in list_meetings(store) if m.group == "care-forum" and m.status == "planned"
    )
    go_to_step(store, forum.id, "review", find_member(store, forum.facilitator))
    app = make_app(store, as_name=forum.facilitator, env={}, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(MeetingScreen(forum.id))
        await pilot.pause()
        table = app.screen.query_one("#review-table", DataTable)
        assert table.row_count == 2
        assert app.is_running
