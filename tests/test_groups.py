"""Decision forums and knowledge communities: made, led, listed, meeting with a rota of
their own, from the CLI and the domain."""

import json
import tempfile
from collections import Counter
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from retro_tui.domain.groups import add_group, change_roles, parse_cadence
from retro_tui.domain.meetings import create_meeting, list_meetings
from retro_tui.domain.team import add_member, init_team
from retro_tui.store import Store
from tests.conftest import store_bytes


def make_forum(run, *extra: str) -> None:
    result = run(
        "forum",
        "add",
        "Care forum",
        "--area",
        "How we plan visits",
        "--lead",
        "Ada",
        "--co-lead",
        "Bo",
        "--member",
        "Cy",
        *extra,
    )
    assert result.exit_code == 0, result.stderr


def test_a_forum_and_a_community_on_the_map(run, store: Store) -> None:
    make_forum(run, "--every-weeks", "2", "--weekday", "tuesday")
    made = run("community", "add", "Dementia circle", "--topic", "Dementia care", "--host", "Di")
    assert made.exit_code == 0, made.stderr
    rows = json.loads(run("forum", "list", "--json").stdout)
    assert [(r["name"], r["kind"], r["area"], r["topic"]) for r in rows] == [
        ("Care forum", "forum", "How we plan visits", None),
        ("Dementia circle", "community", None, "Dementia care"),
    ]
    assert (rows[0]["lead"], rows[0]["co_lead"], rows[0]["members"]) == (
        "Ada",
        "Bo",
        ["Ada", "Bo", "Cy"],
    )
    assert rows[0]["meets"] == "every second Tuesday"
    assert rows[0]["next_meeting"] == "2026-11-24"  # the clock says Sunday 22 November
    assert (rows[1]["host"], rows[1]["members"], rows[1]["next_meeting"]) == ("Di", ["Di"], None)
    text = run("forum", "list").stdout
    assert "Care forum (forum): How we plan visits" in text
    assert "Ada leads, Bo co-lead; 3 members; next meeting 2026-11-24" in text


def test_a_forum_meets_with_its_own_members_and_rota(run, store: Store) -> None:
    make_forum(run)
    forum_meeting = run("meeting", "new", "--group", "care forum").stdout.strip()
    team_meeting = run("meeting", "new").stdout.strip()
    meetings = {m["id"]: m for m in json.loads(run("meeting", "list", "--json").stdout)}
    assert meetings[forum_meeting]["group"] == "care-forum"
    assert meetings[forum_meeting]["kind"] == "forum"
    assert meetings[forum_meeting]["title"] == "Care forum"
    assert meetings[team_meeting]["group"] == "team"
    shown = json.loads(run("meeting", "show", forum_meeting, "--json").stdout)
    assert sorted(shown["meeting"]["present"]) == ["Ada", "Bo", "Cy"]
    assert shown["group"] == {
        "key": "care-forum",
        "name": "Care forum",
        "kind": "forum",
        "lead": "Ada",
        "co_lead": "Bo",
    }
    rota = json.loads(run("rota", "--group", "Care forum", "--json").stdout)
    assert rota[0]["meeting"] == forum_meeting
    assert {r["facilitator"] for r in rota} | {r["scribe"] for r in rota} <= {"Ada", "Bo", "Cy"}
    assert "Di" not in json.dumps(rota)


def test_a_forums_meeting_writes_only_its_own_files(run, store: Store) -> None:
    """Each group keeps its meetings, actions and decisions in files of its own, so a
    forum's meeting never rewrites the team's (nor another forum's) yearly files."""
    make_forum(run)
    team_meeting = run("meeting", "new").stdout.strip()
    item = run("item", "add", team_meeting, "The team's question").stdout.strip()
    assert run("decide", team_meeting, item, "The team decides").exit_code == 0
    assert run("action", "add", team_meeting, "The team acts", "--owner", "Ada").exit_code == 0
    before = store_bytes(store.folder)
    forum = run("meeting", "new", "--group", "Care forum").stdout.strip()
    topic = run("item", "add", forum, "Weekend visits").stdout.strip()
    decided = run("decide", forum, topic, "Visits go in pairs", "--review", "2027-01-15")
    assert decided.stdout.strip().endswith("recorded as care-forum-2026-1")
    action = run("action", "add", forum, "Tell the families", "--owner", "Bo").stdout.strip()
    assert action == "care-forum-2026-1"
    after = store_bytes(store.folder)
    for name in ("meetings-2026.json", "decisions-2026.json", "actions-2026.json"):
        assert after[name] == before[name], f"{name} changed"
    assert {"meetings-care-forum-2026.json", "decisions-care-forum-2026.json"} <= set(after)
    listed = json.loads(run("decision", "list", "--json").stdout)
    assert [d["id"] for d in listed] == ["2026-1", "care-forum-2026-1"]
    assert run("action", "review", action, "done", "--meeting", forum).exit_code == 1
    later = run("meeting", "new", "--group", "Care forum").stdout.strip()
    assert run("action", "review", action, "done", "--meeting", later).exit_code == 0
    shown = json.loads(run("action", "list", "--json").stdout)
    assert [(a["id"], a["status"]) for a in shown] == [("2026-1", "open"), (action, "done")]


def test_a_very_long_group_name_gets_a_short_key_for_its_files(run, store: Store) -> None:
    """A group's key names its files; a name of 120 wide letters still makes files a
    file system takes."""
    name = "议" * 60 + " " + "会" * 59
    made = run("forum", "add", name, "--area", "Everything", "--lead", "Ada", "--co-lead", "Bo")
    assert made.exit_code == 0, made.stderr
    [forum] = [g for g in json.loads(run("forum", "list", "--json").stdout) if g["name"] == name]
    assert len(forum["key"]) <= 40 and forum["key"] == "议" * 40
    meeting = run("meeting", "new", "--group", name).stdout.strip()
    item = run("item", "add", meeting, "A question").stdout.strip()
    decided = run("decide", meeting, item, "An answer")
    assert decided.exit_code == 0, decided.stderr
    assert (store.folder / f"decisions-{'议' * 40}-2026.json").is_file()


def test_the_lead_changes_with_a_reason_and_the_history_keeps_it(run, store: Store) -> None:
    make_forum(run)
    changed = run("forum", "lead", "Care forum", "--lead", "Di", "--reason", "Ada is on leave")
    assert changed.exit_code == 0, changed.stderr
    shown = json.loads(run("forum", "show", "care forum", "--json").stdout)
    assert (shown["lead"], shown["co_lead"]) == ("Di", "Bo")
    assert shown["members"] == ["Ada", "Bo", "Cy", "Di"]  # the new lead joined; Ada stays
    assert shown["since"] == {"lead": "2026-11-22", "co-lead": "2026-11-22"}
    assert [
        (c["role"], c["from_member"], c["to_member"], c["reason"]) for c in shown["role_changes"]
    ] == [("lead", "Ada", "Di", "Ada is on leave")]
    assert "lead Ada -> Di (Ada is on leave)" in run("forum", "show", "Care forum").stdout


def test_bad_group_input_is_one_clear_line_and_changes_nothing(run, store: Store) -> None:
    make_forum(run)
    before = store_bytes(store.folder)
    refused = {
        "same lead twice": (
            ["forum", "add", "X", "--area", "a", "--lead", "Ada", "--co-lead", "Ada"],
            "Ada cannot hold two roles of one group",
        ),
        "a name taken": (
            ["forum", "add", "care FORUM", "--area", "a", "--lead", "Cy", "--co-lead", "Di"],
            "there is already a group called Care forum",
        ),
        "unknown member": (
            ["community", "add", "C", "--topic", "t", "--member", "Zed"],
            "unknown member 'Zed'",
        ),
        "no such group": (["meeting", "new", "--group", "Nope"], "unknown group 'Nope'"),
        "wrong kind": (
            ["meeting", "new", "--group", "Care forum", "--kind", "retro"],
            "its meetings are of kind forum",
        ),
        "absent stranger": (
            ["meeting", "new", "--group", "Care forum", "--absent", "Di"],
            "Di is not a member of Care forum",
        ),
        "nothing changes": (
            ["forum", "lead", "Care forum", "--lead", "Ada", "--reason", "r"],
            "Care forum already has those roles",
        ),
        "plan without a day": (
            [
                "forum",
                "add",
                "Y",
                "--area",
                "a",
                "--lead",
                "Cy",
                "--co-lead",
                "Di",
                "--every-weeks",
                "2",
            ],
            "a meeting plan needs a weekday",
        ),
        "plan too sparse": (
            [
                "forum",
                "add",
                "Y",
                "--area",
                "a",
                "--lead",
                "Cy",
                "--co-lead",
                "Di",
                "--every-weeks",
                "13",
                "--weekday",
                "monday",
            ],
            "every 1 to 12 weeks",
        ),
    }
    for case, (args, message) in refused.items():
        result = run(*args)
        assert result.exit_code == 1, case
        assert message in result.stderr, (case, result.stderr)
        assert result.stderr.count("\n") == 1, case
        assert store_bytes(store.folder) == before, case


def test_a_forum_led_in_turn_is_facilitated_by_its_lead_and_co_lead(run, store: Store) -> None:
    make_forum(run, "--member", "Di", "--facilitation", "leads")
    rota = json.loads(run("rota", "--group", "Care forum", "--count", "6", "--json").stdout)
    assert [r["facilitator"] for r in rota] == ["Ada", "Bo"] * 3
    assert all(r["scribe"] not in ("Ada", "Bo") or r["scribe"] != r["facilitator"] for r in rota)
    lead_absent = run(
        "meeting", "new", "--group", "Care forum", "--absent", "Ada", "--absent", "Bo"
    )
    assert lead_absent.exit_code == 0  # with neither there, the rota picks among those who are
    meeting = [m for m in json.loads(run("meeting", "list", "--json").stdout)][-1]
    assert meeting["facilitator"] in ("Cy", "Di")


# -- the rota of each group, over random meetings --------------------------------------

HOUSE = [f"m{i}" for i in range(7)]


def a_house(folder: str, forum_members: list[str]) -> Store:
    store = Store(folder)
    init_team(store, "House")
    for name in HOUSE:
        add_member(store, name)
    add_group(
        store,
        "forum",
        "Forum",
        "an area",
        {"lead": forum_members[0], "co-lead": forum_members[1]},
        forum_members[2:],
    )
    return store


@settings(max_examples=15, deadline=None)
@given(
    st.integers(min_value=2, max_value=6),
    st.lists(st.booleans(), min_size=1, max_size=24),
)
def test_each_groups_rota_is_fair_among_its_members_and_apart_from_the_others(
    size: int, forum_turns: list[bool]
) -> None:
    """Forum meetings (True) and team meetings (False) in any order: among the forum's
    members, everyone facilitates floor(N/M) or ceil(N/M) of the N forum meetings; and
    the forum's roles are exactly those of a house that held no team meetings at all."""
    forum_members = HOUSE[:size]
    day = date(2026, 1, 5)
    with (
        tempfile.TemporaryDirectory() as mixed_folder,
        tempfile.TemporaryDirectory() as alone_folder,
    ):
        mixed, alone = a_house(mixed_folder, forum_members), a_house(alone_folder, forum_members)
        for n, is_forum in enumerate(forum_turns):
            on = day + timedelta(days=n)
            create_meeting(mixed, on=on, group="forum" if is_forum else None)
            if is_forum:
                create_meeting(alone, on=on, group="forum")
        in_mixed = [(m.facilitator, m.scribe) for m in list_meetings(mixed) if m.group == "forum"]
        in_alone = [(m.facilitator, m.scribe) for m in list_meetings(alone)]
        team_roles = {
            r for m in list_meetings(mixed) if m.group == "team" for r in (m.facilitator, m.scribe)
        }
    assert in_mixed == in_alone
    turns = Counter(facilitator for facilitator, _ in in_mixed)
    held = len(in_mixed)
    assert set(turns) <= set(forum_members)
    for member in forum_members:
        assert held // size <= turns[member] <= -(-held // size)
    assert team_roles <= set(HOUSE)


def test_a_role_change_in_the_domain_keeps_earlier_holders_as_members(store: Store) -> None:
    made = add_group(
        store, "forum", "F", "area", {"lead": "Ada", "co-lead": "Bo"}, [], parse_cadence(1, "fri")
    )
    assert made.cadence is not None and made.cadence.describe() == "every Friday"
    changed = change_roles(store, "F", {"co-lead": "Cy"}, "Bo moved to nights")
    assert (changed.lead, changed.co_lead, changed.members) == ("Ada", "Cy", ["Ada", "Bo", "Cy"])


def test_the_minutes_name_the_group_and_its_leads_of_that_day(run, store: Store) -> None:
    make_forum(run)
    meeting = run("meeting", "new", "--group", "Care forum", "--date", "2026-11-20").stdout.strip()
    run("forum", "lead", "Care forum", "--lead", "Cy", "--reason", "Ada moves on")
    minutes = run("export", meeting).stdout
    assert "- Group: Care forum, a decision forum: lead Ada, co-lead Bo" in minutes
    html = run("export", meeting, "--format", "html").stdout
    assert "Group: Care forum, a decision forum: lead Ada, co-lead Bo" in html
    later = run("meeting", "new", "--group", "Care forum").stdout.strip()
    assert "lead Cy, co-lead Bo" in run("export", later).stdout


def test_the_house_on_one_page(run, store: Store) -> None:
    make_forum(run, "--every-weeks", "2", "--weekday", "tuesday")
    run("community", "add", "Circle <b>*one*</b>", "--topic", "# Dementia & care", "--host", "Di")
    meeting = run("meeting", "new", "--group", "Care forum").stdout.strip()
    item = run("item", "add", meeting, "Weekends").stdout.strip()
    run("decide", meeting, item, "Visits go in pairs", "--review", "2027-01-10")
    run("task", "add", "Shift planning", "--holder", "Bo", "--from", "Ada")
    house = json.loads(run("map", "--format", "json").stdout)
    assert [g["name"] for g in house["groups"]] == ["Care forum", "Circle <b>*one*</b>"]
    assert house["groups"][0]["decisions_in_force"][0]["text"] == "Visits go in pairs"
    assert house["tasks"][0]["attention"] == "no agreement written yet"
    markdown = run("map").stdout
    assert "## Circle <b>*one*</b>" not in markdown  # people's text never becomes markup
    assert "## Circle \\<b>\\*one\\*\\</b>" in markdown
    assert "- Visits go in pairs (2026-11-22, review 2027-01-10)" in markdown
    html = run("map", "--format", "html").stdout
    assert "<h2>Circle &lt;b&gt;*one*&lt;/b&gt;</h2>" in html
    assert "Knowledge community: # Dementia &amp; care" in html


def test_an_index_from_before_a_group_had_files_hides_nothing(run, store: Store) -> None:
    """The index is never the truth: put back from before a forum met, it neither hides
    the forum's meetings nor lets a new meeting take an id that is taken."""
    make_forum(run)
    assert run("meeting", "new").stdout.strip() == "2026-11-22"
    forum = run("meeting", "new", "--group", "Care forum").stdout.strip()
    assert forum == "2026-11-22-2"
    index = store.folder / "index.json"
    index.write_bytes((store.folder / "index.json.bak").read_bytes())
    assert "meetings-care-forum" not in index.read_text()
    listed = [m["id"] for m in json.loads(run("meeting", "list", "--json").stdout)]
    assert listed == ["2026-11-22", "2026-11-22-2"]
    assert run("meeting", "new").stdout.strip() == "2026-11-22-3"
    rota = json.loads(run("rota", "--group", "Care forum", "--json").stdout)
    assert rota[0]["meeting"] == forum


def test_a_name_means_its_own_group_before_another_groups_key(run, store: Store) -> None:
    make_forum(run)
    refused = run("forum", "add", "Care-forum", "--area", "A", "--lead", "Ada", "--co-lead", "Bo")
    assert refused.exit_code == 1 and "choose another name" in refused.stderr
    refused = run("forum", "add", "Team", "--area", "A", "--lead", "Ada", "--co-lead", "Bo")
    assert refused.exit_code == 1 and "choose another name" in refused.stderr
    made = run("forum", "add", "Care", "--area", "Aa", "--lead", "Cy", "--co-lead", "Di")
    assert made.exit_code == 0, made.stderr
    shown = json.loads(run("forum", "show", "care", "--json").stdout)
    assert shown["name"] == "Care"
    assert json.loads(run("forum", "show", "care-forum", "--json").stdout)["name"] == "Care forum"


def test_keys_stay_within_forty_characters_however_many_share_a_start(run, store: Store) -> None:
    for n in range(1, 4):
        name = "a" * 40 + "b" * n
        made = run("forum", "add", name, "--area", "A", "--lead", "Ada", "--co-lead", "Bo")
        assert made.exit_code == 0, made.stderr
    keys = [g["key"] for g in json.loads(run("forum", "list", "--json").stdout)]
    assert keys == ["a" * 40, "a" * 38 + "-2", "a" * 38 + "-3"]


def test_a_group_revises_and_reviews_only_its_own(run, store: Store) -> None:
    make_forum(run)
    made = run("forum", "add", "Rota forum", "--area", "Rotas", "--lead", "Cy", "--co-lead", "Di")
    assert made.exit_code == 0, made.stderr
    care = run("meeting", "new", "--group", "Care forum").stdout.strip()
    rota = run("meeting", "new", "--group", "Rota forum").stdout.strip()
    item = run("item", "add", care, "Visits").stdout.strip()
    assert run("decide", care, item, "Visits go in pairs").exit_code == 0
    action = run("action", "add", care, "Tell the families", "--owner", "Bo").stdout.strip()
    topic = run("item", "add", rota, "Weekends").stdout.strip()
    before = store_bytes(store.folder)
    revised = run("decide", rota, topic, "Visits alone", "--revises", "care-forum-2026-1")
    assert revised.exit_code == 1
    assert (
        revised.stderr
        == "retro: decision care-forum-2026-1 is Care forum's; only Care forum revises it\n"
    )
    reviewed = run("action", "review", action, "done", "--meeting", rota)
    assert reviewed.exit_code == 1 and "another group" in reviewed.stderr
    assert store_bytes(store.folder) == before


def test_a_record_in_a_groups_file_must_be_that_groups(run, store: Store) -> None:
    make_forum(run)
    forum = run("meeting", "new", "--group", "Care forum").stdout.strip()
    path = store.folder / "meetings-care-forum-2026.json"
    data = json.loads(path.read_text())
    data["meetings"]["1"]["group"] = "rota-forum"
    path.write_text(json.dumps(data))
    result = run("item", "add", forum, "A question")
    assert result.exit_code == 1
    assert "meetings-care-forum-2026.json" in result.stderr and "'rota-forum'" in result.stderr
    assert result.stderr.count("\n") == 1
