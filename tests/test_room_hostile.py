"""The room's screen as a hostile member and a new user would try it: the presenter view,
the agenda step's item pane, Home's one-line panels and the light/dark switch, with text
that is huge, wide, one long word or markup, and terminals from tiny to a wall.

Each test asserts what a person at the screen would notice: a crash, a part of the view
that is off the screen, text cut where the README says it is not, markup obeyed."""

import os
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, Static

from retro_tui.app import make_app
from retro_tui.domain.actions import add_action
from retro_tui.domain.agenda import add_item, set_check, set_notes
from retro_tui.domain.decisions import add_decision
from retro_tui.domain.flow import discuss_item, go_to_step, update_state
from retro_tui.domain.lessons import LessonDraft, add_lesson
from retro_tui.domain.meetings import create_meeting
from retro_tui.domain.principles import PRINCIPLES, list_principles
from retro_tui.domain.team import add_member, find_member, init_team
from retro_tui.settings import read_settings, settings_path
from retro_tui.store import Store
from retro_tui.widgets.countdown import Countdown
from retro_tui.widgets.plain import clipped
from tests.test_presenter import at_agenda, demo, open_meeting, open_presenter, shown
from tests.test_snapshots import facilitator_of, with_items

__all__ = ["demo"]  # the fixture, used by name

MARKUP = "[@click=app.quit]x[/] [red]red[/red] [b]bold"
# A tension note as people write them: two or three sentences, which wrap.
SENTENCES = (
    "The families were not asked before we changed the visiting hours, and the night "
    "shift heard about it last. We should ask them first next time."
)


def every_tension(note: str = SENTENCES):
    def prepare(store: Store, meeting_id: str) -> None:
        with_items(store, meeting_id)
        for principle in list_principles(store):
            set_check(store, meeting_id, 1, principle.key, "tension", note)

    return prepare


def app_for(store: Store, name: str = "Astrid Holm", **kwargs):
    return make_app(store, name, env=kwargs.pop("env", {}), cursor_blink=False, **kwargs)


def add_principles(store: Store, names: list[str]) -> None:
    """Principles as a team (or a hand-edited store) may hold them: the CLI lists them,
    and the store keeps whatever the team's file says."""
    with store.transaction() as tx:
        table = tx.db("team").table(PRINCIPLES)
        for n, name in enumerate(names):
            table.insert({"key": f"p{n}", "name": name, "question": f"Question {n}?"})


def whole_on_screen(app, selector: str) -> bool:
    return app.screen.region.contains_region(app.screen.query_one(selector).region)


# The presenter: sizes


@pytest.mark.parametrize("size", [(4, 10), (3, 3), (1, 1), (5, 2)])
async def test_the_presenter_survives_a_terminal_a_few_columns_wide(demo: Store, size) -> None:
    """A room's screen is resized by hand (a split tmux pane, a window dragged small):
    at four columns the presenter wraps the title in zero columns and the app stops."""
    from retro_tui.screens.presenter import PresenterScreen

    meeting_id = at_agenda(demo)
    app = app_for(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_presenter(app, pilot, meeting_id)
        await pilot.resize_terminal(*size)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, PresenterScreen)
        assert app.crash is None
    assert app.crash is None


@pytest.mark.parametrize("size", [(20, 5), (40, 10), (300, 100)])
async def test_the_presenter_opens_at_odd_sizes(demo: Store, size) -> None:
    meeting_id = at_agenda(demo)
    app = app_for(demo)
    async with app.run_test(size=size) as pilot:
        await open_presenter(app, pilot, meeting_id)
        assert app.crash is None
        assert "Trial of afternoon visits" in shown(app, "#presenter-item")


async def test_resizing_again_and_again_while_the_presenter_is_open(demo: Store) -> None:
    meeting_id = at_agenda(demo)
    app = app_for(demo)
    sizes = [(80, 24), (300, 100), (20, 5), (120, 36), (40, 10), (200, 60), (81, 25)] * 3
    async with app.run_test(size=(80, 24)) as pilot:
        await open_presenter(app, pilot, meeting_id)
        for size in sizes:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        countdown = app.screen.query_one(Countdown)
        assert app.crash is None
        assert app.screen.region.contains_region(countdown.region)
        assert countdown.scale >= 2  # at 81x25, the large digits again


# The presenter: what runs off the screen


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (200, 60)])
async def test_the_presenter_keeps_the_check_on_screen_when_tension_notes_wrap(
    demo: Store, size
) -> None:
    """Nine tensions, each with a note of two sentences (well under the 4,000 characters a
    note may have): the check's panel and its bottom border must stay on the screen and
    scroll, not run off the bottom of a screen that has no way to scroll it."""
    meeting_id = at_agenda(demo, every_tension())
    app = app_for(demo)
    async with app.run_test(size=size) as pilot:
        await open_presenter(app, pilot, meeting_id)
        for pane in ("#presenter-check-pane", "#presenter-outcome-pane"):
            assert whole_on_screen(app, pane), (pane, app.screen.query_one(pane).region)


async def test_the_presenter_keeps_a_long_decision_and_long_notes_on_screen(demo: Store) -> None:
    def prepare(store: Store, meeting_id: str) -> None:
        with_items(store, meeting_id)
        lead = facilitator_of(store, meeting_id)
        set_notes(store, meeting_id, 1, (SENTENCES + " ") * 20)
        for n in range(6):
            add_decision(store, meeting_id, 1, f"Decision {n}: " + "word " * 20, ["Bo Jensen"],
                         ["the families"], lead)  # fmt: skip
            add_action(store, meeting_id, f"Action {n}: " + "step " * 20, "Bo Jensen", None, 1)

    meeting_id = at_agenda(demo, prepare)
    for size in [(80, 24), (120, 36), (200, 60)]:
        app = app_for(demo)
        async with app.run_test(size=size) as pilot:
            await open_presenter(app, pilot, meeting_id)
            for pane in ("#presenter-check-pane", "#presenter-outcome-pane"):
                assert whole_on_screen(app, pane), (size, pane)


async def test_at_80x24_the_two_column_check_keeps_each_principle_on_one_row(
    demo: Store,
) -> None:
    """The check as a grid: each row holds two principles side by side. With notes that
    make the pane scroll, its scroll bar takes two columns where the width allows for one,
    and "Alliances as pillars" breaks onto the next row, under the wrong column."""
    meeting_id = at_agenda(demo, every_tension())
    app = app_for(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_presenter(app, pilot, meeting_id)
        check = app.screen.query_one("#presenter-check", Static)
        painted = [s.text.rstrip() for s in check.render_lines(check.region.reset_offset)]
        names = [p.name for p in list_principles(demo)]
        grid = painted[: (len(names) + 1) // 2]  # two to a row, the tension notes after
        for name in names:
            assert any(name in row for row in grid), (name, grid)


# The presenter: the countdown


@pytest.mark.parametrize("minutes", [100, 999, 1440])
async def test_a_long_overtime_is_whole_at_80x24(demo: Store, minutes: int) -> None:
    """+100:00 has seven glyphs; a meeting left open overnight has eight."""

    def prepare(store: Store, meeting_id: str) -> None:
        with_items(store, meeting_id)  # a timebox of 15 minutes, started at 10:00
        from datetime import datetime, timedelta

        started = datetime(2026, 11, 22, 10, 0) - timedelta(minutes=15 + minutes)
        update_state(store, meeting_id, timer_started=started.isoformat(timespec="seconds"))

    meeting_id = at_agenda(demo, prepare)
    app = app_for(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_presenter(app, pilot, meeting_id)
        countdown = app.screen.query_one(Countdown)
        assert countdown.value == f"+{minutes}:00"
        assert countdown.scale >= 1
        assert app.screen.region.contains_region(countdown.region)
        assert "OVER TIME" in shown(app, "#presenter-time")


@pytest.mark.parametrize("timebox", [None, 1, 240])
async def test_an_item_with_no_or_the_longest_timebox(demo: Store, timebox) -> None:
    def prepare(store: Store, meeting_id: str) -> None:
        item = add_item(store, meeting_id, "Timebox test", "Bo Jensen", timebox)
        discuss_item(store, meeting_id, item.id, timebox, facilitator_of(store, meeting_id))

    meeting_id = at_agenda(demo, prepare)
    app = app_for(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_presenter(app, pilot, meeting_id)
        countdown = app.screen.query_one(Countdown)
        assert app.screen.region.contains_region(countdown.region)
        assert "OVER TIME" not in shown(app, "#presenter-time")
        if timebox:
            assert countdown.value == f"{timebox:02d}:00"


# The presenter: people's text


async def test_markup_wide_text_and_long_words_stay_plain_in_the_presenter(demo: Store) -> None:
    word = "Supercalifragilistic" * 5  # 100 characters, no space
    wide = "会議の議題 🎉👨‍👩‍👧‍👦 שלום עולם e\u0301\u0301\u0301"

    def prepare(store: Store, meeting_id: str) -> None:
        item = add_item(store, meeting_id, f"{MARKUP} {wide}", "Bo Jensen", 15)
        set_check(store, meeting_id, item.id, "reality", "tension", f"{MARKUP} {word}")
        set_notes(store, meeting_id, item.id, f"{MARKUP}\n{word}")
        lead = facilitator_of(store, meeting_id)
        add_decision(store, meeting_id, item.id, MARKUP, [], [MARKUP[:30]], lead)
        add_action(store, meeting_id, MARKUP, "Bo Jensen", None, item.id)
        discuss_item(store, meeting_id, item.id, 15, lead)

    meeting_id = at_agenda(demo, prepare)
    app = app_for(demo)
    async with app.run_test(size=(200, 60)) as pilot:
        await open_presenter(app, pilot, meeting_id)
        assert app.is_running  # the [@click=app.quit] was not obeyed
        assert MARKUP in shown(app, "#presenter-item").replace("\n", " ")
        assert "[red]" in shown(app, "#presenter-check")
        outcome = shown(app, "#presenter-outcome")
        assert "Decision: [@click=app.quit]x[/]" in outcome
        assert "Action: [@click=app.quit]x[/]" in outcome


# The item pane of the agenda step


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_long_principle_names_leave_the_item_pane_on_screen(demo: Store, size) -> None:
    """A team that rewords a principle as a short sentence (the names are the team's file,
    and nothing limits their length). The check's minimum width comes from the longest
    name: with a 47-character name at 80×24 the check takes nearly the whole width and
    the item pane, with the tensions, decisions and actions, is a sliver or off screen."""
    add_principles(demo, ["Everyone leads, and asks those it affects first"])
    meeting_id = at_agenda(demo)
    app = app_for(demo)
    async with app.run_test(size=size) as pilot:
        await open_meeting(app, pilot, meeting_id)
        detail = app.screen.query_one("#item-detail")
        assert whole_on_screen(app, "#check")
        assert whole_on_screen(app, "#item-detail"), detail.region
        assert detail.region.width >= 20


async def test_twenty_principles_with_long_names_in_the_presenter(demo: Store) -> None:
    names = [f"Principle number {n} with a rather long descriptive name" for n in range(11)]
    add_principles(demo, names)
    meeting_id = at_agenda(demo)
    app = app_for(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_presenter(app, pilot, meeting_id)
        assert app.crash is None
        assert whole_on_screen(app, "#presenter-check-pane")


async def test_a_team_with_no_principles_opens_the_presenter(demo: Store) -> None:
    """A hand-edited team file with an empty principles table: the app says nothing is
    wrong everywhere else; the presenter takes the widest line of an empty check."""
    with demo.transaction() as tx:
        tx.db("team").table(PRINCIPLES).truncate()
    meeting_id = at_agenda(demo, lambda s, m: discuss_item(
        s, m, add_item(s, m, "Anything", None, 5).id, 5, facilitator_of(s, m)))  # fmt: skip
    app = app_for(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_presenter(app, pilot, meeting_id)
        assert app.crash is None
        assert "Anything" in shown(app, "#presenter-item")
    assert app.crash is None


# Plain text cut to fit


@pytest.mark.parametrize("width", [-5, -1, 0, 1, 2, 5])
def test_clipped_never_returns_more_than_its_width(width: int) -> None:
    """Home's open actions ask for the room left after the owner and the due date, which
    is below zero when a long name and a due date fill the line."""
    for value in ("Ask three families first", "Superlongwordwithoutspaces", "会議の議題"):
        assert cell_len(clipped(value, width).plain) <= max(width, 1), (value, width)


def test_clipped_cuts_wide_text_to_its_cells() -> None:
    for value in ("会議の議題についての非常に長いタイトル", "🎉🎉🎉🎉🎉🎉🎉🎉", "e\u0301" * 30):
        for width in range(2, 12):
            assert cell_len(clipped(value, width).plain) <= width, (value, width)


# Store errors while the presenter is open


async def test_a_damaged_meeting_file_then_a_resize_does_not_stop_the_presenter(
    demo: Store,
) -> None:
    """Another process damages the meeting's file; the screen is then resized (or the
    projector's resolution changes). A redraw from the store is guarded; the redraw on a
    resize reads the store unguarded and the app stops with StoreCorrupt."""
    from retro_tui.domain.meetings import content_file

    meeting_id = at_agenda(demo)
    app = app_for(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_presenter(app, pilot, meeting_id)
        demo.path(content_file(meeting_id)).write_text("{not json")
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert app.crash is None
        assert "Trial of afternoon visits" in shown(app, "#presenter-item")  # kept


async def test_opening_the_presenter_on_a_damaged_meeting_file_says_so(demo: Store) -> None:
    from retro_tui.domain.meetings import content_file

    meeting_id = at_agenda(demo)
    app = app_for(demo)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_meeting(app, pilot, meeting_id)
        demo.path(content_file(meeting_id)).write_text("{not json")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.crash is None
    assert app.crash is None


# Names and the one-line bars


async def test_one_word_names_keep_leads_and_notes_in_view(store: Store) -> None:
    """Two members whose names are one word of 40 characters (valid names, and no
    "Freja N." to shorten them to). At 80×24 the presenter's top line must still say who
    leads and who notes, and what step it is; the roles run off the right edge and the
    meeting and step are squeezed to one column."""
    lead, scribe = (
        "Bartholomew-Maximilian-Alexander-Smithso",
        "Maximiliana-Konstantinopoulou-Papadopoul",
    )
    from retro_tui.domain.meetings import hand_over

    for name in (lead, scribe):
        add_member(store, name)
    meeting = create_meeting(store, "retro")
    hand_over(store, meeting.id, "facilitator", lead, "test")
    hand_over(store, meeting.id, "scribe", scribe, "test")
    go_to_step(store, meeting.id, "agenda", find_member(store, lead))
    item = add_item(store, meeting.id, "Item", None, 5)
    discuss_item(store, meeting.id, item.id, 5, find_member(store, lead))
    app = app_for(store, "Ada")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_presenter(app, pilot, meeting.id)
        painted = " ".join(
            part.render_lines(part.region.reset_offset)[0].text
            for part in app.screen.query("#presenter-top Static")
        )
        assert whole_on_screen(app, "#presenter-roles"), app.screen.query_one(
            "#presenter-roles"
        ).region
        assert "leads" in painted and "notes" in painted, painted
        assert "Agenda" in painted, painted


async def test_home_keeps_a_wide_name_beside_its_role(store: Store) -> None:
    """Home shortens a name "that would wrap" by counting characters, not cells: a
    Japanese name of ten characters is nineteen cells and drops onto a line of its own
    under "facilitator"."""
    from retro_tui.domain.meetings import hand_over

    name = "山田花子山田花子 太郎"
    add_member(store, name)
    meeting = create_meeting(store, "retro")
    hand_over(store, meeting.id, "facilitator", name, "test")
    app = app_for(store, "Ada")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rota = app.screen.query_one("#rota")
        rows = [s.text for s in rota.render_lines(rota.region.reset_offset)]
        label = next(row for row in rows if "facilitator" in row)
        assert "山田" in label, rows


@pytest.mark.parametrize("size", [(170, 50), (200, 60)])
async def test_home_open_actions_show_what_to_do_on_a_wall_screen(store: Store, size) -> None:
    """An overdue action of a member with a long (valid, 40-character) name. On a wide
    screen Home writes the owner in full and the date: the room left for the action's
    text goes below zero, and the line shows "! … — Anna-Katharina … overdue" and wraps,
    where 120 columns showed "Ask three families…"."""
    from datetime import date

    owner = "Anna-Katharina Wilhelmine von Hohenstein"
    add_member(store, owner)
    meeting = create_meeting(store, "retro")
    add_action(store, meeting.id, "Ask three families about visiting hours", owner,
               date(2026, 11, 1))  # fmt: skip
    app = app_for(store, "Ada")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        panel = app.screen.query_one("#actions")
        rows = [s.text for s in panel.render_lines(panel.region.reset_offset)]
        filled_rows = [r for r in rows[1:-1] if r.strip("│ ")]
        assert len(filled_rows) == 1, filled_rows  # one line per action
        assert "Ask" in filled_rows[0], filled_rows


async def test_the_item_pane_title_is_whole_when_it_fits(demo: Store) -> None:
    """At 80×24 the pane is 34 columns wide and its border shows "Trial of afternoon…":
    the room for the title subtracts the border and padding from a width that has
    already left them out."""
    meeting_id = at_agenda(demo)
    app = app_for(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(app, pilot, meeting_id)
        pane = app.screen.query_one("#item-detail")
        title = "Trial of afternoon visits"
        assert cell_len(title) <= pane.outer_size.width - 8
        assert str(pane.border_title) == title, (pane.outer_size, str(pane.border_title))


async def test_thirty_members_here_and_markup_in_a_presence_file(store: Store) -> None:
    import json

    names = [f"Member{n:02d} Lastname{n:02d}" for n in range(30)]
    for name in names:
        add_member(store, name)
    meeting = create_meeting(store, "retro")
    folder = store.folder / "presence"
    folder.mkdir()
    for n, name in enumerate([*names, MARKUP[:40]]):
        (folder / f"{meeting.id}--host-{n}.json").write_text(json.dumps({"member": name}))
    for size in [(80, 24), (200, 60)]:
        app = app_for(store, "Ada")
        async with app.run_test(size=size) as pilot:
            await open_meeting(app, pilot, meeting.id)
            roles = app.screen.query_one("#roles")
            assert app.is_running
            assert whole_on_screen(app, "#roles") and roles.region.height == 1
            painted = roles.render_lines(roles.region.reset_offset)[0].text
            assert "Ada leads" in painted and "Bo notes" in painted


# Hostile text from a hand-edited store


async def test_escape_sequences_written_into_the_store_never_reach_the_presenter(
    demo: Store,
) -> None:
    """A member edits the meeting's file by hand: a title with an OSC and a CSI in it."""
    import json

    from retro_tui.domain.meetings import content_file

    meeting_id = at_agenda(demo)
    path = demo.path(content_file(meeting_id))
    data = json.loads(path.read_text())
    items = data["items"]
    first = items[sorted(items)[0]]
    first["title"] = "Evil\x1b]0;pwned\x07 \x1b[31mred\x9b2J title"
    first["notes"] = "\x1b[2Jnotes"
    path.write_text(json.dumps(data))
    app = app_for(demo)
    async with app.run_test(size=(200, 60)) as pilot:
        await open_presenter(app, pilot, meeting_id)
        for selector in ("#presenter-item", "#presenter-outcome"):
            text = shown(app, selector)
            assert not any(ch in text for ch in "\x1b\x07\x9b"), text
        assert "Evil" in shown(app, "#presenter-item")


async def test_lessons_with_markup_titles_stay_plain_on_tall_screens(demo: Store) -> None:
    add_lesson(
        demo,
        LessonDraft(
            title=MARKUP,
            tried="We tried [b]this[/b]",
            happened="It went [red]so[/red]",
            learned=MARKUP + " " + "Supercalifragilistic" * 10,
            principles=["reality"],
        ),
    )
    meeting_id = at_agenda(demo)
    app = app_for(demo)
    async with app.run_test(size=(200, 60)) as pilot:
        await open_meeting(app, pilot, meeting_id)
        assert MARKUP in shown(app, "#detail")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert MARKUP in shown(app, "#presenter-outcome")
        assert app.is_running


# The light and dark looks


async def test_f9_fifty_times_ends_where_it_began_and_leaves_one_file(store: Store) -> None:
    app = app_for(store, "Ada")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await pilot.press("f9")
        await pilot.pause()
        assert app.theme == "textual-dark"
    assert read_settings().theme == "dark"
    assert [p.name for p in settings_path().parent.iterdir()] == ["settings.json"]


async def test_f9_in_the_presenter_keeps_the_countdown_whole(demo: Store) -> None:
    meeting_id = at_agenda(demo)
    app = app_for(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_presenter(app, pilot, meeting_id)
        await pilot.press("f9")
        await pilot.pause()
        assert app.theme == "retro-light"
        countdown = app.screen.query_one(Countdown)
        assert app.screen.region.contains_region(countdown.region) and countdown.scale >= 2


async def test_f9_over_ssh_in_the_presenter_saves_nothing(demo: Store) -> None:
    meeting_id = at_agenda(demo)
    app = app_for(demo, env={"RETRO_REMOTE": "1"})
    async with app.run_test(size=(80, 24)) as pilot:
        await open_presenter(app, pilot, meeting_id)
        for _ in range(5):
            await pilot.press("f9")
        await pilot.pause()
        assert app.theme == "retro-light"
    assert not settings_path().exists()


@pytest.mark.parametrize("kind", ["folder", "fifo", "link", "huge"])
async def test_f9_with_something_odd_at_the_settings_path(
    store: Store, tmp_path: Path, kind: str
) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    target = tmp_path / "target.json"
    target.write_text('{"theme": "light"}')
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "link":
        path.symlink_to(target)
    else:
        path.write_text('{"theme": "light", "x": "' + "a" * 200_000 + '"}')
    app = app_for(store, "Ada")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert app.is_running
    assert target.read_text() == '{"theme": "light"}'  # never written through


async def test_a_settings_folder_that_cannot_be_made(store: Store, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "/proc/self/no-such-folder")
    app = app_for(store, "Ada")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert app.theme == "retro-light"
        assert any("could not be saved" in n.message for n in app._notifications)


async def test_f9_again_and_again_where_it_cannot_save_does_not_pile_up_warnings(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    """Each press adds the same warning: ten presses stack ten toasts, four of them in
    view at once over the right half of the screen."""
    from textual.widgets._toast import Toast

    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocked))
    app = app_for(store, "Ada")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        for _ in range(10):
            await pilot.press("f9")
        await pilot.pause()
        in_view = [t for t in app.screen.query(Toast) if t.region.y >= 0]
        assert len(in_view) <= 1, len(in_view)


# The agenda step and Home at tiny sizes


@pytest.mark.parametrize("size", [(4, 10), (1, 1), (20, 5)])
async def test_the_agenda_step_and_home_survive_tiny_sizes(demo: Store, size) -> None:
    meeting_id = at_agenda(demo)
    app = app_for(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.resize_terminal(*size)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await open_meeting(app, pilot, meeting_id)
        await pilot.resize_terminal(*size)
        await pilot.pause()
        await pilot.resize_terminal(300, 100)
        await pilot.pause()
        assert app.crash is None
        items = app.screen.query_one("#items", DataTable)
        assert items.row_count == 2


@pytest.mark.parametrize(
    "title",
    [
        pytest.param("word " * 2000, id="10000-chars"),
        pytest.param("W" * 10_000, id="one-long-word"),
        pytest.param("会議" * 5000, id="wide"),
        pytest.param("e\u0301" * 5000, id="combining"),
        pytest.param(" " * 50 + "x", id="mostly-spaces"),
    ],
)
async def test_a_huge_title_written_into_the_store_by_hand(demo: Store, title: str) -> None:
    """The store keeps what its file says: a title far over the 120 characters the CLI
    allows. The presenter shows at most four rows of it and the countdown stays whole;
    the agenda step opens."""
    import json

    from retro_tui.domain.meetings import content_file

    meeting_id = at_agenda(demo)
    path = demo.path(content_file(meeting_id))
    data = json.loads(path.read_text())
    items = data["items"]
    items[sorted(items)[0]]["title"] = title
    path.write_text(json.dumps(data))
    for size in [(80, 24), (200, 60)]:
        app = app_for(demo)
        async with app.run_test(size=size) as pilot:
            await open_presenter(app, pilot, meeting_id)
            assert app.screen.query_one("#presenter-item").region.height <= 4
            countdown = app.screen.query_one(Countdown)
            assert app.screen.region.contains_region(countdown.region)
            assert countdown.scale >= 2
            pane = app.screen.query_one("#presenter-check-pane")
            assert whole_on_screen(app, "#presenter-check-pane"), (size, pane.region)
            await pilot.press("escape")
            await pilot.pause()
            assert app.crash is None


async def test_a_principle_named_in_markup_by_hand_shows_as_typed(demo: Store) -> None:
    with demo.transaction() as tx:
        tx.db("team").table(PRINCIPLES).update({"name": MARKUP[:20]}, doc_ids=[1])
    meeting_id = at_agenda(demo)
    app = app_for(demo)
    async with app.run_test(size=(200, 60)) as pilot:
        await open_meeting(app, pilot, meeting_id)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert MARKUP[:20] in shown(app, "#presenter-check")
        assert app.is_running


async def test_a_meeting_with_no_scribe_says_nobody_notes(isolated_env: Path) -> None:
    store = Store(isolated_env)
    init_team(store, "Solo", "One person, still meeting.")
    add_member(store, "Ada Lovelace")
    meeting = create_meeting(store, "retro")
    go_to_step(store, meeting.id, "agenda", find_member(store, "Ada Lovelace"))
    item = add_item(store, meeting.id, "Item", None, 5)
    discuss_item(store, meeting.id, item.id, 5, find_member(store, "Ada Lovelace"))
    for size in [(80, 24), (40, 10)]:
        app = app_for(store, "Ada Lovelace")
        async with app.run_test(size=size) as pilot:
            await open_presenter(app, pilot, meeting.id)
            roles = shown(app, "#presenter-roles")
            assert "leads" in roles and "nobody notes" in roles, roles


async def test_a_direction_override_in_a_title_does_not_reach_the_presenter(demo: Store) -> None:
    """U+202E (right-to-left override) is not a C0/C1 control, so the store keeps it in an
    item title (`retro item add` accepts it). A terminal that does bidi then shows the
    rest of the presenter's line backwards. Labels refuse it ("turn text around"); titles
    do not. Pre-existing for titles everywhere; the presenter puts it on the wall."""

    def prepare(store: Store, meeting_id: str) -> None:
        item = add_item(store, meeting_id, "Budget \u202e0001 ot desaercni", "Bo Jensen", 5)
        discuss_item(store, meeting_id, item.id, 5, facilitator_of(store, meeting_id))

    meeting_id = at_agenda(demo, prepare)
    app = app_for(demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_presenter(app, pilot, meeting_id)
        assert "\u202e" not in shown(app, "#presenter-item")
