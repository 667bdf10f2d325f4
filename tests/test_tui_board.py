"""A retrospective on another board, anonymous, grouped into themes and voted, by keys."""

import json

from textual.widgets import OptionList

from retro_tui.app import make_app
from retro_tui.domain.cards import add_card, board
from retro_tui.domain.meetings import list_meetings
from retro_tui.domain.team import find_member
from retro_tui.domain.templates import get_template
from retro_tui.store import Store
from tests.conftest import type_text, wait_until


async def test_an_anonymous_start_stop_continue_with_themes_and_five_dots(store: Store) -> None:
    app = make_app(store, as_name="Ada", cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        # Plan it: Start / Stop / Continue, five dots each, anonymous.
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("tab", "enter", "down", "enter")  # the board
        await pilot.press("tab", "enter", "down", "down", "enter")  # dots: 3 -> 5
        await pilot.press("tab", "space")  # anonymous
        await pilot.press("ctrl+s")
        await pilot.pause()
        meeting_id = list_meetings(store)[-1].id
        current = board(store, meeting_id)
        assert (current.template.key, current.anonymous, current.vote_budget) == (
            "start-stop-continue",
            True,
            5,
        )
        assert list_meetings(store)[-1].facilitator == "Ada"  # the rota's first pick

        # Cards: Ada writes two, Bo and Cy write theirs from their own apps.
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        status = str(app.screen.query_one("#cards-status").render())
        assert "Anonymous: no name is kept with any card" in status
        await pilot.press("a")  # in Start, the column under the cursor
        await type_text(pilot, "Pair on hard visits")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("tab", "a")  # in Stop
        await type_text(pilot, "Long stand-ups")
        await pilot.press("ctrl+s")
        await pilot.pause()
        others = Store(store.folder)  # another writer: its writes are news to the app
        add_card(others, meeting_id, "stop", "Meetings without an agenda", find_member(store, "Bo"))
        add_card(others, meeting_id, "start", "Shadow a colleague", find_member(store, "Cy"))
        stop = app.screen.query_one("#col-1", OptionList)
        await wait_until(pilot, lambda: stop.option_count == 2, "Bo's card")
        # Ada sees her own card, not Bo's, though the store knows neither's author.
        assert "(only you see this) Long stand-ups" in str(stop.get_option_at_index(0).prompt)
        assert "hidden card" in str(stop.get_option_at_index(1).prompt)

        await pilot.press("r")
        await pilot.pause()
        # Group: both Stop cards under "Meetings", both Start cards under "Learning".
        await pilot.press("g")
        await type_text(pilot, "Meetings")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("down", "g")
        await type_text(pilot, "meetings")  # the same theme, whatever the case
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("shift+tab", "g")
        await type_text(pilot, "Learning")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("down", "g")
        await type_text(pilot, "Learning")
        await pilot.press("ctrl+s")
        await pilot.pause()
        current = board(store, meeting_id)
        assert sorted(t.name for t in current.themes) == ["Learning", "Meetings"]
        assert all(c.theme is not None for c in current.cards)

        # Vote on the themes in the discussion list: three dots and two, then none left.
        # Learning comes first: no dots yet, and it holds the first card written.
        topics = app.screen.query_one("#topics", OptionList)
        topics.focus()
        await pilot.pause()
        await pilot.press("v", "v", "v", "down", "v", "v")
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        current = board(store, meeting_id)
        assert current.votes_left("Ada") == 0
        assert sorted((t.name, t.votes) for t in current.themes) == [
            ("Learning", 3),
            ("Meetings", 2),
        ]
        first = str(topics.get_option_at_index(0).prompt)
        assert first.startswith("●●● 3  Learning")  # the discussion follows the dots
        assert any("used all 5 dots" in str(n.message) for n in app._notifications)

    # Nothing in the store says who wrote which card.
    content = json.loads((store.folder / f"meeting-{meeting_id}.json").read_text())
    assert [card["author"] for card in content["cards"].values()] == [None] * 4
    assert not any(name in json.dumps(content["cards"]) for name in ("Ada", "Bo", "Cy", "Di"))


async def test_the_team_saves_a_board_of_its_own_from_the_palette(store: Store) -> None:
    app = make_app(store, as_name="Ada", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "new board template")
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "Hot air balloon")
        await pilot.press("tab")
        await type_text(pilot, "Hot air: What lifts us?")
        await pilot.press("enter")
        await type_text(pilot, "Sandbags what holds us down")  # no colon: said, nothing lost
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("Name: its question" in str(n.message) for n in app._notifications)
        area = app.screen.query_one("#columns")
        assert area.text.endswith("Sandbags what holds us down")
        area.text = "Hot air: What lifts us?\nSandbags: What holds us down?"
        await pilot.press("tab")
        await type_text(pilot, "sandbags")
        await pilot.press("ctrl+s")
        await pilot.pause()
    made = get_template(store, "Hot air balloon")
    assert [(c.name, c.failure) for c in made.columns] == [("Hot air", False), ("Sandbags", True)]
