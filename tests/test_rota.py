"""The rota's rules, proven over random attendance with hypothesis."""

import itertools
import json
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from retro_tui.domain.rota import Roles, Tally, Turn, choose_roles, preview, tally

NAMES = [f"m{i}" for i in range(8)]


def run_meetings(attendance: list[list[str]], order: list[str]) -> list[Turn]:
    history: list[Turn] = []
    for present in attendance:
        roles = choose_roles(history, present, order)
        history.append(Turn(tuple(present), roles.facilitator, roles.scribe))
    return history


team_sizes = st.integers(min_value=2, max_value=8)


@st.composite
def attendance_runs(draw) -> tuple[list[str], list[list[str]]]:
    team = NAMES[: draw(team_sizes)]
    meetings = draw(st.integers(min_value=1, max_value=40))
    runs = [
        [m for m in team if draw(st.booleans())] or [draw(st.sampled_from(team))]
        for _ in range(meetings)
    ]
    return team, runs


@settings(max_examples=300, deadline=None)
@given(team_sizes, st.integers(min_value=1, max_value=60))
def test_everyone_present_facilitates_floor_or_ceil_of_n_over_m(size: int, meetings: int) -> None:
    team = NAMES[:size]
    history = run_meetings([team] * meetings, team)
    turns = Counter(t.facilitator for t in history)
    low, high = meetings // size, -(-meetings // size)
    assert all(low <= turns.get(name, 0) <= high for name in team), turns


@settings(max_examples=300, deadline=None)
@given(attendance_runs())
def test_roles_go_to_present_people_never_both_to_one(run) -> None:
    team, attendance = run
    for turn in run_meetings(attendance, team):
        assert turn.facilitator in turn.present
        assert turn.facilitator != turn.scribe
        if len(turn.present) > 1:
            assert turn.scribe in turn.present
        else:
            assert turn.scribe is None


@settings(max_examples=300, deadline=None)
@given(attendance_runs())
def test_nobody_facilitates_twice_in_a_row_while_another_could(run) -> None:
    team, attendance = run
    history = run_meetings(attendance, team)
    for before, after in itertools.pairwise(history):
        if after.facilitator == before.facilitator:
            assert after.present == (after.facilitator,)


@settings(max_examples=200, deadline=None)
@given(team_sizes, st.integers(min_value=1, max_value=20), st.integers(min_value=1, max_value=30))
def test_an_absence_builds_no_debt(size: int, before: int, away: int) -> None:
    """Back from an absence, a member takes no more than their share of the next rounds."""
    team = NAMES[:size]
    returning = team[0]
    attendance = [team] * before + [team[1:]] * away + [team] * (size * 3)
    history = run_meetings(attendance, team)
    after_return = history[before + away :]
    turns = Counter(t.facilitator for t in after_return)
    assert turns[returning] <= 3 + 1  # a fair share of 3 rounds, plus at most one
    assert all(turns[name] >= 2 for name in team)


def test_stable_order_breaks_ties_then_longest_wait_goes_next() -> None:
    team = ["Ada", "Bo", "Cy"]
    history = run_meetings([team] * 4, team)
    assert [t.facilitator for t in history] == ["Ada", "Bo", "Cy", "Ada"]
    assert [t.scribe for t in history] == ["Bo", "Ada", "Bo", "Cy"]


def test_preview_continues_the_rotation() -> None:
    team = ["Ada", "Bo", "Cy"]
    history = run_meetings([team] * 2, team)
    assert [r.facilitator for r in preview(history, team, team, 4)] == ["Cy", "Ada", "Bo", "Cy"]


def test_a_single_member_facilitates_without_a_scribe() -> None:
    assert choose_roles([], ["Ada"], ["Ada"]) == Roles("Ada", None)


@settings(max_examples=300, deadline=None)
@given(attendance_runs(), st.data())
def test_a_tally_of_earlier_meetings_picks_as_those_meetings_would(run, data) -> None:
    """The store's index keeps past years as tallies; the rota must not notice."""
    team, attendance = run
    history = run_meetings(attendance, team)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(history)), max_size=3)))
    tallies, start = [], 0
    for cut in cuts:  # years folded one after another, as the index folds them
        tallies = [tally(history[start:cut], tallies)]
        start = cut
    present = data.draw(st.lists(st.sampled_from(team), min_size=1, unique=True))
    assert choose_roles(history[start:], present, team, tallies) == choose_roles(
        history, present, team
    )
    assert preview(history[start:], team, team, 3, tallies) == preview(history, team, team, 3)
    for folded in tallies:  # as the index keeps it
        assert Tally.from_json(json.loads(json.dumps(folded.as_json()))) == folded
