"""A typo is not permanent: decisions, actions and cards are corrected or removed while
the meeting is open, in the CLI and the app, and the minutes say what they said before."""

import pytest
from click.testing import Result
from textual.widgets import DataTable, OptionList

from retro_tui.app import make_app
from retro_tui.dialogs.confirm import ConfirmScreen
from retro_tui.dialogs.form import FormScreen
from retro_tui.dialogs.pick import PickScreen
from retro_tui.domain.actions import add_action, list_actions, review_action
from retro_tui.domain.agenda import add_item
from retro_tui.domain.cards import add_card, board, reveal_cards, vote
from retro_tui.domain.corrections import list_corrections
from retro_tui.domain.decisions import add_decision, list_decisions
from retro_tui.domain.flow import discuss_item, go_to_step
from retro_tui.domain.meetings import create_meeting, get_meeting, set_status
from retro_tui.domain.team import Member, find_member
from retro_tui.export import export_meeting
from retro_tui.screens.meeting import MeetingScreen
from retro_tui.store import Store
from tests.conftest import store_bytes, type_text


@pytest.fixture
def meeting_id(store: Store) -> str:
    return create_meeting(store, "retro").id


def roles(store: Store, meeting_id: str) -> tuple[Member, Member, Member]:
    """The facilitator, the scribe and a member with neither role."""
    meeting = get_meeting(store, meeting_id)
    other = next(n for n in meeting.present if n not in (meeting.facilitator, meeting.scribe))
    return (
        find_member(store, meeting.facilitator),
        find_member(store, meeting.scribe or ""),
        find_member(store, other),
    )


def refused(result: Result, words: str) -> None:
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and words in result.stderr, result.stderr
    assert "Traceback" not in result.output


# -- the CLI ---------------------------------------------------------------


def test_a_decision_is_corrected_and_the_minutes_say_what_it_said(
    run, store: Store, meeting_id: str
) -> None:
    add_item(store, meeting_id, "Ticket tool")
    run("decide", meeting_id, "1", "We use Jira", "--knows-most", "ada")
    done = run("--as", "Bo", "decision", "edit", meeting_id, "1", "--text", "We use Trello")
    assert done.exit_code == 0, done.output
    decision = list_decisions(store, meeting_id)[0]
    assert decision.text == "We use Trello"
    assert decision.knows_most == ["Ada"]  # what was not given stays
    minutes = export_meeting(store, meeting_id)
    assert "**Decision:** We use Trello" in minutes
    assert (
        "- Decision edited by Bo at 10:00. It said: We use Jira (consulted: Ada). "
        "Now: We use Trello (consulted: Ada)"
    ) in minutes


def test_a_decision_taken_back_leaves_the_minutes_but_not_the_item(
    run, store: Store, meeting_id: str
) -> None:
    add_item(store, meeting_id, "Ticket tool")
    add_decision(store, meeting_id, 1, "We buy a licence for everyone")
    assert run("--as", "Cy", "decision", "remove", meeting_id, "1").exit_code == 0
    assert list_decisions(store, meeting_id) == []
    minutes = export_meeting(store, meeting_id)
    assert "**Decision:**" not in minutes
    assert "- Decision removed by Cy at 10:00. It said: We buy a licence for everyone" in minutes


def test_an_action_is_corrected_keeping_what_is_not_given(
    run, store: Store, meeting_id: str
) -> None:
    action = add_action(store, meeting_id, "Ask the famlies", "Ada")
    done = run("action", "edit", action.id, "--text", "Ask the families", "--due", "2026-12-01")
    assert done.exit_code == 0, done.output
    (after,) = list_actions(store)
    assert (after.text, after.owner, after.due) == ("Ask the families", "Ada", "2026-12-01")
    assert "It said: Ask the famlies (Ada). Now: Ask the families (Ada, due 2026-12-01)" in (
        export_meeting(store, meeting_id)
    )
    assert run("action", "edit", action.id, "--no-due", "--owner", "bo").exit_code == 0
    (after,) = list_actions(store)
    assert (after.owner, after.due) == ("Bo", None)
    assert run("action", "remove", action.id).exit_code == 0
    assert list_actions(store) == []
    assert "- Action removed by someone at 10:00. It said: Ask the families (Bo)" in (
        export_meeting(store, meeting_id)
    )


def test_an_action_reviewed_later_is_part_of_that_meeting_and_stays(
    run, store: Store, meeting_id: str
) -> None:
    action = add_action(store, meeting_id, "Ask the families", "Ada")
    later = create_meeting(store, "retro", on=None).id
    review_action(store, action.id, later, "done")
    before = store_bytes(store.folder)
    refused(run("action", "edit", action.id, "--text", "x"), f"reviewed in meeting {later}")
    refused(run("action", "remove", action.id), "stays as it was")
    assert store_bytes(store.folder) == before


@pytest.mark.parametrize(
    "command",
    [
        ["decision", "edit", "{m}", "1", "--text", "Changed afterwards"],
        ["decision", "remove", "{m}", "1"],
        ["action", "edit", "{a}", "--text", "Changed afterwards"],
        ["action", "remove", "{a}"],
        ["--as", "{f}", "card", "edit", "{m}", "1", "Changed afterwards"],
        ["--as", "{f}", "card", "remove", "{m}", "1"],
    ],
    ids=lambda c: " ".join(w for w in c if not w.startswith(("{", "Changed"))),
)
def test_a_closed_meeting_cannot_be_corrected(
    run, store: Store, meeting_id: str, command: list[str]
) -> None:
    lead, _, _ = roles(store, meeting_id)
    add_item(store, meeting_id, "Ticket tool")
    add_decision(store, meeting_id, 1, "We use Jira")
    action = add_action(store, meeting_id, "Set it up", "Ada")
    add_card(store, meeting_id, "went-well", "Quick standups", lead)
    set_status(store, meeting_id, "closed")
    before = store_bytes(store.folder)
    args = [w.format(m=meeting_id, a=action.id, f=lead.name) for w in command]
    refused(run(*args), f"meeting {meeting_id} is closed")
    assert store_bytes(store.folder) == before


def test_a_hidden_card_is_its_authors_draft(run, store: Store, meeting_id: str) -> None:
    lead, _, other = roles(store, meeting_id)
    card = add_card(store, meeting_id, "went-well", "Quick stnadups", other)
    refused(run("--as", lead.name, "card", "edit", meeting_id, str(card.id), "x"), "no card")
    refused(run("--as", lead.name, "card", "remove", meeting_id, str(card.id)), "no card")
    refused(run("card", "edit", meeting_id, str(card.id), "x"), "who are you?")
    done = run("--as", other.name, "card", "edit", meeting_id, str(card.id), "Quick standups")
    assert done.exit_code == 0, done.output
    assert board(store, meeting_id).cards[0].text == "Quick standups"
    assert list_corrections(store, meeting_id) == []  # nobody else saw the draft


def test_after_the_reveal_a_card_is_corrected_openly(run, store: Store, meeting_id: str) -> None:
    lead, scribe, other = roles(store, meeting_id)
    card = add_card(store, meeting_id, "went-well", "Quick standups", other)
    double = add_card(store, meeting_id, "went-well", "Short standups", scribe)
    reveal_cards(store, meeting_id, lead)
    vote(store, meeting_id, double.id, other)
    refused(
        run("--as", other.name, "card", "remove", meeting_id, str(double.id)),
        "the facilitator or the scribe",
    )
    moved = run(
        "--as", lead.name, "card", "edit", meeting_id, str(card.id), "Standups", "--column",
        "to-improve",
    )  # fmt: skip
    assert moved.exit_code == 0, moved.output
    assert run("--as", scribe.name, "card", "remove", meeting_id, str(double.id)).exit_code == 0
    current = board(store, meeting_id)
    assert [(c.column, c.text) for c in current.cards] == [("to-improve", "Standups")]
    assert current.votes_left(other.name) == current.vote_budget  # the dot came back
    minutes = export_meeting(store, meeting_id)
    assert (
        f"- Card edited by {lead.name} at 10:00. It said: Went well: Quick standups. "
        "Now: To improve: Standups"
    ) in minutes
    assert f"- Card removed by {scribe.name} at 10:00. It said: Went well: Short standups" in (
        minutes
    )


def test_corrections_are_in_the_json_and_html_minutes(store: Store, meeting_id: str) -> None:
    add_item(store, meeting_id, "<b>Tool</b>")
    add_decision(store, meeting_id, 1, "<script>alert(1)</script>")
    from retro_tui.domain.decisions import edit_decision

    edit_decision(store, meeting_id, 1, "*Trello*", [], [])
    html = export_meeting(store, meeting_id, "html")
    assert "It said: &lt;script&gt;alert(1)&lt;/script&gt; (consulted: nobody)" in html
    assert "<script>" not in html
    assert '"change": "edited"' in export_meeting(store, meeting_id, "json")


# -- the app ---------------------------------------------------------------


async def open_agenda(pilot, meeting_id: str) -> MeetingScreen:
    await pilot.app.push_screen(MeetingScreen(meeting_id))
    await pilot.pause()
    pilot.app.screen.query_one("#items", DataTable).focus()
    return pilot.app.screen


@pytest.fixture
def discussed(store: Store, meeting_id: str) -> Member:
    """An item under discussion with a decision and an action; returns the facilitator."""
    lead, _, _ = roles(store, meeting_id)
    item = add_item(store, meeting_id, "Ticket tool", None, 10)
    go_to_step(store, meeting_id, "agenda", lead)
    discuss_item(store, meeting_id, item.id, item.timebox, lead)
    add_decision(store, meeting_id, item.id, "We use Jria", ["Ada"])
    add_action(store, meeting_id, "Set up the board", "Bo", None, item.id)
    return lead


async def test_in_the_app_a_decision_is_corrected_from_the_agenda(
    store: Store, meeting_id: str, discussed: Member
) -> None:
    app = make_app(store, discussed.name, {}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_agenda(pilot, meeting_id)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        await pilot.press("enter")  # the decision comes first
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        for _ in "Jria":
            await pilot.press("backspace")
        await type_text(pilot, "Jira")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert "We use Jira" in str(app.screen.query_one("#detail").render())
    assert list_decisions(store, meeting_id)[0].text == "We use Jira"
    (correction,) = list_corrections(store, meeting_id)
    assert (correction.was, correction.by) == ("We use Jria (consulted: Ada)", discussed.name)


async def test_in_the_app_an_action_is_removed_after_a_yes(
    store: Store, meeting_id: str, discussed: Member
) -> None:
    app = make_app(store, discussed.name, {}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_agenda(pilot, meeting_id)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("down", "x")  # the action
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert "Set up the board" not in str(app.screen.query_one("#detail").render())
    assert list_actions(store) == []
    assert list_corrections(store, meeting_id)[0].change == "removed"


async def test_in_the_app_a_card_is_corrected_and_removed(store: Store, meeting_id: str) -> None:
    lead, _, _ = roles(store, meeting_id)
    add_card(store, meeting_id, "went-well", "Quick stnadups", lead)
    add_card(store, meeting_id, "went-well", "A double", lead)
    go_to_step(store, meeting_id, "cards", lead)
    app = make_app(store, lead.name, {}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.push_screen(MeetingScreen(meeting_id))
        await pilot.pause()
        column = app.screen.query_one("#col-0", OptionList)
        column.focus()
        column.highlighted = 0
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        for _ in "nadups":  # typing goes on at the end of the text
            await pilot.press("backspace")
        await type_text(pilot, "andups")
        await pilot.press("ctrl+s")
        await pilot.pause()
        column.highlighted = 1
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert column.option_count == 1
    assert [c.text for c in board(store, meeting_id).cards] == ["Quick standups"]


async def test_a_closed_meeting_offers_no_correction(
    store: Store, meeting_id: str, discussed: Member
) -> None:
    set_status(store, meeting_id, "closed")
    app = make_app(store, discussed.name, {}, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_agenda(pilot, meeting_id)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        enabled = {b.binding.id for b in app.screen.active_bindings.values() if b.enabled}
        assert "agenda.correct" not in enabled and "agenda.decide" not in enabled
