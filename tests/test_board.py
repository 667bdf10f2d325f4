"""A retrospective's board: templates, anonymous cards, the vote budget and themes."""

import json

import pytest

from retro_tui.domain.cards import (
    add_card,
    board,
    edit_card,
    remove_card,
    reveal_cards,
    unvote,
    vote,
    vote_theme,
)
from retro_tui.domain.meetings import Setup, create_meeting
from retro_tui.domain.team import find_member
from retro_tui.domain.templates import BUILTIN, add_template, get_template, list_templates
from retro_tui.domain.themes import group_card, merge_themes, rename_theme, undo_grouping
from retro_tui.errors import RetroError
from retro_tui.store import Store


def members(store: Store) -> tuple:
    return tuple(find_member(store, n) for n in ("Ada", "Bo", "Cy", "Di"))


def test_every_builtin_template_has_columns_and_a_failure_column() -> None:
    assert set(BUILTIN) == {"classic", "start-stop-continue", "mad-sad-glad", "4ls", "sailboat"}
    for template in BUILTIN.values():
        assert 3 <= len(template.columns) <= 4
        assert template.failure_keys, template.key
        assert all(c.prompt.endswith("?") for c in template.columns)


def test_a_meeting_keeps_its_templates_columns(store: Store) -> None:
    meeting = create_meeting(store, setup=Setup(template="Start / Stop / Continue"))
    ada = members(store)[0]
    add_card(store, meeting.id, "stop", "Long stand-ups", ada)
    with pytest.raises(RetroError, match=r"no column 'went-well'.*start, stop, continue"):
        add_card(store, meeting.id, "went-well", "Lunch", ada)
    current = board(store, meeting.id)
    assert current.template.key == "start-stop-continue"
    assert current.template.failure_keys == ("stop",)


def test_a_meeting_planned_before_templates_has_the_classic_board(store: Store) -> None:
    meeting = create_meeting(store)
    assert board(store, meeting.id).template.key == "classic"


def test_the_team_saves_its_own_template_and_a_meeting_keeps_a_copy(store: Store) -> None:
    made = add_template(
        store,
        "Hot air balloon",
        [("Hot air", "What lifts us?"), ("Sandbags", "What weighs us down?")],
        failure=["sandbags"],
    )
    assert [t.key for t in list_templates(store)][-1] == "hot-air-balloon"
    assert get_template(store, "hot AIR balloon") == made
    assert made.failure_keys == ("sandbags",)
    meeting = create_meeting(store, setup=Setup(template="hot-air-balloon"))
    assert [c.name for c in board(store, meeting.id).template.columns] == ["Hot air", "Sandbags"]


@pytest.mark.parametrize(
    ("columns", "failure", "message"),
    [
        ([], [], "1 to 6 columns"),
        ([("A", "a?")] * 2, [], "two columns are both called 'A'"),
        ([("A", "a?")], ["B"], "no column is called 'b'"),
        ([("A" * 31, "a?")], [], "at most 30"),
        ([("A", "")], [], "prompt is empty"),
    ],
)
def test_a_bad_template_is_refused_and_nothing_is_saved(
    store: Store, columns: list, failure: list, message: str
) -> None:
    with pytest.raises(RetroError, match=message):
        add_template(store, "Mine", columns, failure)
    assert len(list_templates(store)) == len(BUILTIN)


def test_a_template_name_is_taken_once(store: Store) -> None:
    with pytest.raises(RetroError, match="already a template called 'Sailboat'"):
        add_template(store, "Sailboat", [("A", "a?")])


def test_an_anonymous_meeting_stores_no_author_anywhere(store: Store) -> None:
    ada, bo, *_ = members(store)
    meeting = create_meeting(store, setup=Setup(anonymous=True))
    written = add_card(store, meeting.id, "to-improve", "Nobody reads the wiki", ada)
    assert written.author is None
    raw = (store.folder / f"meeting-{meeting.id}.json").read_text()
    assert "Ada" not in raw
    # Before the reveal only the session that wrote it sees it, and may change it.
    current = board(store, meeting.id)
    assert current.visible_to("Ada") == []
    assert current.visible_to("Ada", own={written.id}) == [written]
    edit_card(store, meeting.id, written.id, "Nobody reads our wiki", ada, own={written.id})
    with pytest.raises(RetroError, match="only the app that wrote it"):
        edit_card(store, meeting.id, written.id, "mine now", bo)
    assert "Ada" not in (store.folder / f"meeting-{meeting.id}.json").read_text()


def test_the_vote_budget_is_set_per_meeting(store: Store) -> None:
    ada, *_ = members(store)
    meeting = create_meeting(store, setup=Setup(vote_budget=5))
    card = add_card(store, meeting.id, "went-well", "Pairing", ada)
    reveal_cards(store, meeting.id, find_member(store, meeting.facilitator))
    for _ in range(5):
        vote(store, meeting.id, card.id, ada)
    with pytest.raises(RetroError, match="used all 5 dots"):
        vote(store, meeting.id, card.id, ada)
    with pytest.raises(RetroError, match="1 to 20 dots"):
        create_meeting(store, setup=Setup(vote_budget=0))


def test_a_forum_meeting_has_no_board_to_set_up(store: Store) -> None:
    with pytest.raises(RetroError, match="has no cards"):
        create_meeting(store, kind="forum", setup=Setup(template="sailboat"))


def revealed_board(store: Store) -> tuple:
    meeting = create_meeting(store)
    ada = members(store)[0]
    cards = [
        add_card(store, meeting.id, column, text, ada)
        for column, text in [
            ("went-well", "New colleagues got a buddy"),
            ("to-improve", "Onboarding took weeks"),
            ("to-improve", "Rota was unclear"),
            ("failed-learned", "Handover notes lost"),
        ]
    ]
    facilitator = find_member(store, meeting.facilitator)
    reveal_cards(store, meeting.id, facilitator)
    return meeting, cards, facilitator


def test_themes_group_merge_rename_and_undo(store: Store) -> None:
    meeting, cards, boss = revealed_board(store)
    onboarding = group_card(store, meeting.id, cards[0].id, "Onboarding", boss)
    assert group_card(store, meeting.id, cards[1].id, "onboarding", boss) == onboarding
    handover = group_card(store, meeting.id, cards[3].id, "Handovers", boss)
    assert [t.name for t in board(store, meeting.id).themes] == ["Onboarding", "Handovers"]
    merge_themes(store, meeting.id, handover.id, onboarding.id, boss)
    rename_theme(store, meeting.id, onboarding.id, "Joining and leaving", boss)
    current = board(store, meeting.id)
    assert [t.name for t in current.themes] == ["Joining and leaving"]
    assert [c.theme for c in current.cards] == [onboarding.id, onboarding.id, None, onboarding.id]
    undo_grouping(store, meeting.id, boss)  # the rename
    undo_grouping(store, meeting.id, boss)  # the merge
    current = board(store, meeting.id)
    assert [t.name for t in current.themes] == ["Onboarding", "Handovers"]
    assert current.cards[3].theme == handover.id
    undo_grouping(store, meeting.id, boss)
    undo_grouping(store, meeting.id, boss)
    undo_grouping(store, meeting.id, boss)
    assert board(store, meeting.id).themes == []
    with pytest.raises(RetroError, match="no change to the themes to undo"):
        undo_grouping(store, meeting.id, boss)


def test_a_theme_left_without_cards_goes(store: Store) -> None:
    meeting, cards, boss = revealed_board(store)
    group_card(store, meeting.id, cards[0].id, "Solo", boss)
    group_card(store, meeting.id, cards[0].id, None, boss)
    assert board(store, meeting.id).themes == []


def test_only_the_facilitator_groups_and_only_between_reveal_and_first_dot(store: Store) -> None:
    meeting = create_meeting(store)
    ada, bo, cy, di = members(store)
    card = add_card(store, meeting.id, "went-well", "x", ada)
    boss = find_member(store, meeting.facilitator)
    with pytest.raises(RetroError, match="once they are revealed"):
        group_card(store, meeting.id, card.id, "T", boss)
    reveal_cards(store, meeting.id, boss)
    other = next(m for m in (ada, bo, cy, di) if m.name != boss.name)
    with pytest.raises(RetroError, match="only the facilitator"):
        group_card(store, meeting.id, card.id, "T", other)
    vote(store, meeting.id, card.id, other)
    with pytest.raises(RetroError, match="voting has begun"):
        group_card(store, meeting.id, card.id, "T", boss)
    unvote(store, meeting.id, card.id, other)
    group_card(store, meeting.id, card.id, "T", boss)


def test_dots_go_to_themes_and_the_discussion_follows_them(store: Store) -> None:
    meeting, cards, boss = revealed_board(store)
    ada, bo, cy, di = members(store)
    theme = group_card(store, meeting.id, cards[1].id, "Onboarding", boss)
    group_card(store, meeting.id, cards[0].id, theme.id, boss)
    assert theme is not None
    vote_theme(store, meeting.id, theme.id, ada)
    dot = vote(store, meeting.id, cards[0].id, bo)  # a card in a theme: the dot goes to it
    assert dot.target == "theme “Onboarding”" and dot.votes == 2
    vote(store, meeting.id, cards[2].id, cy)
    vote(store, meeting.id, cards[2].id, cy)
    vote(store, meeting.id, cards[2].id, di)
    topics = board(store, meeting.id).topics()
    assert [(t.title, t.votes) for t in topics] == [
        ("Rota was unclear", 3),
        ("Onboarding", 2),
        ("Handover notes lost", 0),
    ]
    assert [c.text for c in topics[1].cards] == [
        "New colleagues got a buddy",
        "Onboarding took weeks",
    ]
    unvote(store, meeting.id, cards[1].id, bo)  # from the card's theme
    assert board(store, meeting.id).votes_left("Bo") == 3


def test_removing_a_themes_last_card_returns_its_dots(store: Store) -> None:
    meeting, cards, boss = revealed_board(store)
    ada = members(store)[0]
    theme = group_card(store, meeting.id, cards[3].id, "Handovers", boss)
    assert theme is not None
    vote_theme(store, meeting.id, theme.id, ada)
    remove_card(store, meeting.id, cards[3].id, boss)
    current = board(store, meeting.id)
    assert current.themes == [] and current.votes_left("Ada") == 3
    doc = json.loads((store.folder / f"meeting-{meeting.id}.json").read_text())
    assert doc["votes"] == {}
