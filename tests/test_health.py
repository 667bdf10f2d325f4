"""The principles health check: unseen answers, revealed together, the spread per principle."""

import json

import pytest

from retro_tui.domain.flow import steps_of
from retro_tui.domain.health import (
    answer_health,
    health_check,
    own_answer,
    reveal_health,
    set_health_setting,
)
from retro_tui.domain.meetings import Setup, create_meeting
from retro_tui.domain.principles import list_principles
from retro_tui.domain.team import find_member
from retro_tui.errors import RetroError
from retro_tui.store import Store


def ratings(store: Store, value: int, **overrides: int) -> dict[str, int]:
    return {p.key: overrides.get(p.key.replace("-", "_"), value) for p in list_principles(store)}


def test_the_team_switches_the_check_on_for_its_retrospectives(store: Store) -> None:
    assert create_meeting(store).health is None
    set_health_setting(store, "anonymous")
    retro = create_meeting(store)
    assert retro.health == "anonymous"
    assert steps_of(retro)[:3] == ("checkin", "health", "review")
    assert create_meeting(store, kind="forum").health is None
    assert create_meeting(store, setup=Setup(health=False)).health is None
    set_health_setting(store, "off")
    assert create_meeting(store, kind="sharing", setup=Setup(health=True)).health == "anonymous"
    with pytest.raises(RetroError, match="health check setting"):
        set_health_setting(store, "sometimes")


def test_answers_are_unseen_until_revealed_then_show_the_spread(store: Store) -> None:
    meeting = create_meeting(store, setup=Setup(health=True))
    ada, bo, cy = (find_member(store, n) for n in ("Ada", "Bo", "Cy"))
    answer_health(store, meeting.id, ada, ratings(store, 4, trust=1), {"trust": "I hold back"})
    answer_health(store, meeting.id, bo, ratings(store, 4, trust=4))
    answer_health(store, meeting.id, cy, ratings(store, 5, trust=5))
    before = health_check(store, meeting.id)
    assert before.answered == ["Ada", "Bo", "Cy"] and before.answers == []
    boss = find_member(store, meeting.facilitator)
    revealed = reveal_health(store, meeting.id, boss)
    results = {r.key: r for r in revealed.results(list_principles(store))}
    assert results["trust"].ratings == [1, 4, 5]
    assert results["trust"].spread == 4 and results["trust"].disagreement
    assert results["trust"].notes == ["I hold back"]
    assert results["purpose"].ratings == [4, 4, 5] and not results["purpose"].disagreement
    assert results["purpose"].counts == {1: 0, 2: 0, 3: 0, 4: 2, 5: 1}
    # Nobody learns from the store whose answer is whose.
    raw = (store.folder / f"meeting-{meeting.id}.json").read_text()
    assert all(a.member is None for a in revealed.answers)
    assert json.loads(raw)["state"]["1"]["health_answered"] == ["Ada", "Bo", "Cy"]
    assert "member" not in json.dumps(json.loads(raw)["health"])


def test_a_member_answers_once_but_may_change_their_answer_from_their_session(
    store: Store,
) -> None:
    meeting = create_meeting(store, setup=Setup(health=True))
    ada = find_member(store, "Ada")
    first = answer_health(store, meeting.id, ada, ratings(store, 3))
    with pytest.raises(RetroError, match="Ada has answered the health check already"):
        answer_health(store, meeting.id, ada, ratings(store, 1))
    second = answer_health(store, meeting.id, ada, ratings(store, 2), replaces=first)
    assert own_answer(store, meeting.id, ada, second).ratings["trust"] == 2
    boss = find_member(store, meeting.facilitator)
    assert len(reveal_health(store, meeting.id, boss).answers) == 1
    with pytest.raises(RetroError, match="revealed"):
        answer_health(store, meeting.id, ada, ratings(store, 5), replaces=second)


def test_a_named_check_keeps_who_said_what(store: Store) -> None:
    set_health_setting(store, "named")
    meeting = create_meeting(store)
    ada = find_member(store, "Ada")
    answer_health(store, meeting.id, ada, ratings(store, 3))
    answer_health(store, meeting.id, ada, ratings(store, 4))  # replaces hers
    boss = find_member(store, meeting.facilitator)
    revealed = reveal_health(store, meeting.id, boss)
    assert [(a.member, a.ratings["alive"]) for a in revealed.answers] == [("Ada", 4)]


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"purpose": 3}, "rate every principle"),
        ({"nonsense": 3}, "unknown principle 'nonsense'"),
        ("zero", "from 1 to 5, not 0"),
    ],
)
def test_a_bad_answer_is_refused_and_nothing_is_kept(store: Store, given, message) -> None:
    meeting = create_meeting(store, setup=Setup(health=True))
    values = ratings(store, 0) if given == "zero" else given
    before = (store.folder / f"meeting-{meeting.id}.json").read_bytes()
    with pytest.raises(RetroError, match=message):
        answer_health(store, meeting.id, find_member(store, "Ada"), values)
    assert (store.folder / f"meeting-{meeting.id}.json").read_bytes() == before


def test_only_the_facilitator_reveals_and_only_after_an_answer(store: Store) -> None:
    meeting = create_meeting(store, setup=Setup(health=True))
    boss = find_member(store, meeting.facilitator)
    with pytest.raises(RetroError, match="nobody has answered"):
        reveal_health(store, meeting.id, boss)
    answer_health(store, meeting.id, boss, ratings(store, 3))
    other = find_member(store, meeting.scribe)
    with pytest.raises(RetroError, match="only the facilitator"):
        reveal_health(store, meeting.id, other)


def test_a_meeting_without_a_check_says_so(store: Store) -> None:
    meeting = create_meeting(store)
    with pytest.raises(RetroError, match="holds no health check"):
        answer_health(store, meeting.id, find_member(store, "Ada"), ratings(store, 3))
