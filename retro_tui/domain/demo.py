"""`retro demo`: a sample house with a year of history, made through the domain API: the
team's retrospectives on boards of every kind with themes and health checks, three decision
forums with a lead and a co-lead, a knowledge community, decisions with review dates."""

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from retro_tui.domain import clock
from retro_tui.domain.actions import add_action, open_actions, review_action
from retro_tui.domain.agenda import add_item, close_item, set_check, set_notes
from retro_tui.domain.cards import add_card, board, reveal_cards, vote, vote_theme
from retro_tui.domain.checkins import check_in
from retro_tui.domain.decisions import add_decision
from retro_tui.domain.groups import Cadence, add_group, change_roles, set_plan
from retro_tui.domain.health import answer_health, reveal_health, set_health_setting
from retro_tui.domain.lessons import LessonDraft, add_lesson
from retro_tui.domain.meetings import CLOSED, Meeting, Setup, create_meeting, set_status
from retro_tui.domain.principles import NOT_RELEVANT, SUPPORTS, TENSION, list_principles
from retro_tui.domain.tasks import add_task, agree, check
from retro_tui.domain.team import Team, add_member, find_member, init_team, retire_member
from retro_tui.domain.themes import group_card
from retro_tui.i18n import N_, _
from retro_tui.store import Store

TEAM_NAME = N_("Nordlys Home Care")
PURPOSE = N_(
    "We help older people in our district live safely and well in their own homes, "
    "and we get a little better at it every week."
)
MEMBERS = [
    ("Astrid Holm", "astrid"),  # i18n: not shown
    ("Bo Jensen", "bo"),  # i18n: not shown
    ("Camille Dubois", "camille"),  # i18n: not shown
    ("Dev Patel", "dev"),  # i18n: not shown
    ("Emil Lund", "emil"),  # i18n: not shown
    ("Freja Nielsen", "freja"),  # i18n: not shown
    ("Gustav Berg", "gustav"),  # i18n: not shown
    ("Henrik Sørensen", "henrik"),  # i18n: not shown
]
WORDS = [
    N_("rested"),
    N_("busy"),
    N_("curious"),
    N_("tired"),
    N_("hopeful"),
    N_("scattered"),
    N_("calm"),
    N_("proud"),
    N_("stretched"),
    N_("focused"),
    N_("grateful"),
    N_("restless"),
]

# (title, notes, timebox, tensions {principle: note}, decision or None, consulted?, action)
ITEMS = [
    (
        N_("Evening visits run late on Thursdays"),
        N_(
            "Three of the last four Thursdays ended after 22:00. "
            "The long visits are the two clients who need help to bed."
        ),
        15,
        {"reality": N_("We planned from the roster, not from what the visits really take")},
        N_("Move two Thursday visits to the afternoon round for a month and compare"),
        True,
        N_("Ask the two families whether an afternoon visit works for them"),
    ),
    (
        N_("Onboarding the two new carers"),
        N_("Both start on Monday. Last time new colleagues said they did not know whom to ask."),
        20,
        {},
        N_("Each new carer gets a buddy for their first ten shifts"),
        True,
        N_("Pair Emil and Freja with the new carers and tell the rota planner"),
    ),
    (
        N_("Medication lists differ between the GP and our records"),
        N_("Night shift found four mismatches this month. None caused harm, but one was close."),
        20,
        {
            "alliances": N_("The GP practice is not part of this yet"),
            "openness": N_("Only the night shift knew how often it happens"),
        },
        N_("Invite the GP practice's nurse to our next forum"),
        True,
        N_("Send the nurse a short note with three recent examples"),
    ),
    (
        N_("A written procedure for key boxes?"),
        N_(
            "A key was missing for a day last week. "
            "Some want a sign-out sheet; others think a habit is enough."
        ),
        10,
        {"trust": N_("A new procedure could feel like distrust after one mistake")},
        N_("No new procedure: whoever collects a key says so in the shift chat"),
        False,
        N_("Write the key-box agreement into the handbook in two sentences"),
    ),
    (
        N_("Trying video check-ins for two clients"),
        N_("Two clients asked for a short video call on the days without a visit."),
        15,
        {"expertise": N_("The occupational therapist should lead the choice of tablet")},
        N_("Run a six-week trial with two clients who asked for it"),
        True,
        N_("Book the occupational therapist for the set-up visit"),
    ),
    (
        N_("Who plans the summer rota?"),
        N_("Last year one person planned it alone and it was late. Two volunteers this time."),
        15,
        {},
        N_("Dev and Camille plan the summer rota together and share a draft in week 20"),
        True,
        N_("Share the first draft of the summer rota in the team channel"),
    ),
    (
        N_("Falls at home: what does the new research say?"),
        N_("Freja read the new national guideline; strength training at home is the big change."),
        25,
        {"ahead": N_("Our fall-risk checklist is from 2019")},
        None,
        False,
        N_("Summarise the new guideline on fall prevention in one page"),
    ),
    (
        N_("Handover notes are too long to read"),
        N_("Most notes are over a page. People skim, and things get missed."),
        15,
        {"openness": N_("Important things get lost in long notes")},
        N_("Try a three-line handover: what changed, what to watch, what to do"),
        True,
        N_("Make a handover card template and put it by the door"),
    ),
]

# The boards the team's retrospectives take in turn: for each column, cards as
# (text, the theme the facilitator groups it under, or None).
BOARDS = {
    "classic": {
        "went-well": [
            (N_("The buddy system made the first week calm"), N_("Onboarding")),
            (N_("Quick help from the GP nurse"), N_("Working with the GP")),
            (N_("Mrs. Olsen's family thanked the whole team"), None),
            (N_("Short handovers saved time"), N_("Handovers")),
        ],
        "to-improve": [
            (N_("Thursday evenings are still rushed"), N_("Evening rounds")),
            (N_("Too many messages in the shift chat"), N_("Handovers")),
            (N_("We forget to update the key-box list"), None),
        ],
        "failed-learned": [
            (N_("The video call failed when the Wi-Fi dropped; we now test the line first"), None),
            (N_("We planned the summer rota without asking the part-timers"), N_("The rota")),
        ],
    },
    "start-stop-continue": {
        "start": [
            (N_("Ask families before we move a visit"), N_("Families")),
            (N_("A short weekly note to the GP practice"), N_("Working with the GP")),
            (N_("A buddy for new carers on night shifts too"), N_("Onboarding")),
        ],
        "stop": [
            (N_("Planning the rota alone and in a hurry"), N_("The rota")),
            (N_("Handover notes nobody has time to read"), N_("Handovers")),
            (N_("Moving visits without telling the client"), N_("Families")),
        ],
        "continue": [
            (N_("Three-line handover cards"), N_("Handovers")),
            (N_("The Friday check of medication lists"), None),
        ],
    },
    "mad-sad-glad": {
        "mad": [
            (N_("The car broke down twice on the evening round"), N_("Evening rounds")),
            (N_("Shift swaps announced at the last minute"), N_("The rota")),
        ],
        "sad": [
            (N_("Mr. Berg moved to a care home; we miss him"), None),
            (N_("Two colleagues left the night shift"), N_("The rota")),
        ],
        "glad": [
            (N_("The fall-prevention training was excellent"), None),
            (N_("The GP nurse came to our forum"), N_("Working with the GP")),
            (N_("New carers say they feel welcome"), N_("Onboarding")),
        ],
    },
    "4ls": {
        "liked": [
            (N_("Calm Monday mornings"), None),
            (N_("Learning from the occupational therapist"), N_("Working with the GP")),
        ],
        "learned": [
            (N_("Strength exercises at home prevent falls"), None),
            (N_("A draft shared early saves a week of rework"), N_("The rota")),
        ],
        "lacked": [
            (N_("Time to read the handover before the round"), N_("Handovers")),
            (N_("A spare car on Thursdays"), N_("Evening rounds")),
        ],
        "longed-for": [
            (N_("A shared calendar with the GP practice"), N_("Working with the GP")),
            (N_("Fewer visits after nine in the evening"), N_("Evening rounds")),
        ],
    },
    "sailboat": {
        "wind": [
            (N_("Colleagues who step in for each other"), None),
            (N_("Families who trust us"), N_("Families")),
        ],
        "anchors": [
            (N_("The old rota tool"), N_("The rota")),
            (N_("Paper lists in the key box"), None),
        ],
        "rocks": [
            (N_("Flu season with too few carers"), N_("The rota")),
            (N_("New medication rules from the region"), N_("Working with the GP")),
        ],
        "island": [
            (N_("Each client sees the same carer most days"), N_("Families")),
            (N_("No evening round ends after ten"), N_("Evening rounds")),
        ],
    },
}
BOARD_ORDER = list(BOARDS)

# How the team lives each principle in the health checks: (at the start of the year, at
# its end), and how far apart its members' views are.
HEALTH = {
    "purpose": (3.8, 4.2, 0.4),
    "reality": (3.1, 3.9, 0.5),
    "openness": (2.9, 3.8, 0.6),
    "everyone-leads": (2.8, 3.5, 1.4),  # some feel they lead, others do not
    "trust": (3.4, 4.3, 0.5),
    "alive": (3.3, 3.5, 0.6),
    "ahead": (2.6, 3.4, 0.5),
    "alliances": (2.2, 3.4, 0.6),
    "expertise": (3.6, 3.9, 0.4),
}

# The items each group takes up (numbers in ITEMS), as its area or topic has them.
AGENDAS = {
    "care-forum": [0, 4, 7],
    "rota-forum": [1, 5],
    "safety-forum": [2, 3, 6],
    "dementia-circle": [6, 4],
}

# What a retrospective agrees to try, from the cards it voted up.
RETRO_ACTIONS = [
    N_("Keep the shift chat for handovers only; other talk moves to a second channel"),
    N_("Update the key-box list at the end of every shift"),
    N_("Leave the last Thursday visit to whoever has the shortest round"),
    N_("Ask the part-timers for their summer weeks before the next forum"),
]

LESSONS = [
    (
        N_("Say the real length of a visit out loud"),
        N_("Planning the Thursday round from the roster's standard times"),
        N_("Three evenings in a row ran past ten"),
        N_("The roster's times were set years ago for clients who needed less help"),
        N_("Ask the carers who do the round to time it for two weeks"),
        ["reality"],
    ),
    (
        N_("Test the client's internet before a video visit"),
        N_("Video check-ins with two clients who asked for them"),
        N_("The first call dropped after two minutes and the client felt let down"),
        N_("The Wi-Fi in the bedroom was too weak; nobody had checked it"),
        N_("Test the connection from the room the call happens in during the set-up visit"),
        ["alive", "reality"],
    ),
    (
        N_("Ask the part-timers before planning shifts"),
        N_("Planning the summer rota in a small group to save time"),
        N_("Three part-timers could not work the weeks we gave them"),
        N_("A quick draft shared early saves a week of rework"),
        N_("Share the first draft within two days and ask for objections"),
        ["openness", "everyone-leads"],
    ),
    (
        N_("A rule was not what we needed for the key boxes"),
        N_("Discussing a written procedure after a key went missing"),
        N_("The discussion took forty minutes and made the colleague feel blamed"),
        N_("A shared habit in the chat solved it, and nobody was singled out"),
        N_("Ask which principle applies before writing a rule"),
        ["trust"],
    ),
    (
        N_("Bring the GP practice in early"),
        N_("Fixing medication lists on our own"),
        N_("We corrected our records, but the GP's list was still wrong a week later"),
        N_("Problems that cross two organisations need both at the table"),
        N_("Invite partners to the forum when an item touches their work"),
        ["alliances", "reality"],
    ),
    (
        N_("A buddy needs time set aside, not good will"),
        N_("Giving each new carer a buddy on top of a full round"),
        N_("Two buddies had no time left for questions in a busy week"),
        N_("Onboarding works when the buddy's round is shorter"),
        N_("Take one visit off a buddy's round on the new carer's first shifts"),
        ["everyone-leads", "trust"],
    ),
    (
        N_("Read the new guideline before the old checklist"),
        N_("Checking fall risk with our 2019 checklist"),
        N_("A client fell who had scored as low risk"),
        N_("The national guideline had changed what counts; we were behind"),
        N_("Whoever reads new research brings a one-page summary to the dementia circle"),
        ["ahead", "expertise"],
    ),
    (
        N_("Ask the quiet ones first"),
        N_("Deciding the winter plan in a forum where two people did most of the talking"),
        N_("The night shift's concerns came up only after the plan was out"),
        N_("Those who say least often know what the plan misses"),
        N_("Go round the table before a decision, starting with whoever has spoken least"),
        ["everyone-leads", "openness"],
    ),
    (
        N_("A broken car is a rota problem too"),
        N_("Sharing two cars between three evening rounds"),
        N_("When one car broke down, a round ended after eleven"),
        N_("The rota assumed every car was always there"),
        N_("Keep a taxi account for the evening round and say in the rota who may use it"),
        ["reality", "alive"],
    ),
    (
        N_("Try it small before we try it everywhere"),
        N_("Introducing handover cards on every round at once"),
        N_("Half the rounds never got the cards, and nobody knew which"),
        N_("A trial on two rounds would have shown what was missing"),
        N_("Trial a new habit on two rounds for two weeks, then decide"),
        ["alive", "openness"],
    ),
]

# (the demo's own key for the group, name, kind, area or topic, {role: holder}, members,
# cadence, facilitation). The group's key in the store is made from its name, in the
# language in use; the demo's key finds it (History.groups).
GROUPS = [
    (
        "care-forum",
        N_("Care forum"),
        "forum",
        N_("How we plan and carry out visits"),
        {"lead": "Astrid Holm", "co-lead": "Bo Jensen"},  # i18n: not shown
        ["Camille Dubois", "Dev Patel", "Emil Lund"],  # i18n: not shown
        Cadence(2, 3),
        "rota",
    ),
    (
        "rota-forum",
        N_("Rota forum"),
        "forum",
        N_("Shifts, the rota and staffing"),
        {"lead": "Dev Patel", "co-lead": "Camille Dubois"},  # i18n: not shown
        ["Gustav Berg", "Freja Nielsen"],  # i18n: not shown
        Cadence(4, 1),
        "leads",
    ),
    (
        "safety-forum",
        N_("Safety forum"),
        "forum",
        N_("Medication, falls and safety at home"),
        {"lead": "Freja Nielsen", "co-lead": "Gustav Berg"},  # i18n: not shown
        ["Astrid Holm", "Henrik Sørensen"],  # i18n: not shown
        Cadence(4, 2),
        "rota",
    ),
    (
        "dementia-circle",
        N_("Dementia circle"),
        "community",
        N_("Dementia care and what the research says"),
        {"host": "Freja Nielsen"},  # i18n: not shown
        ["Camille Dubois", "Emil Lund", "Bo Jensen"],  # i18n: not shown
        None,
        "rota",
    ),
]
# Which group meets each week, in turn: None is the team's retrospective.
TURNS = [None, "care-forum", "dementia-circle", "safety-forum", None, "care-forum", "rota-forum"]


@dataclass
class History:
    """What the weeks of the demo share as it writes them one after another."""

    rng: random.Random
    weeks: int
    principles: list[str]
    decided: set[str] = field(default_factory=set)  # a question is decided once
    retros: int = 0  # retrospectives so far: each takes the next board
    lessons: list[tuple] = field(default_factory=lambda: list(LESSONS))
    groups: dict[str, str] = field(default_factory=dict)  # the demo's key: the store's


def create_demo(store: Store, weeks: int = 52, seed: int = 7) -> Team:
    """A realistic house with a year of history: members, its groups, weekly meetings with
    their content (boards of every kind, themes, health checks), lessons, leadership
    tasks. Each week is written as of its own day, through the same functions people use."""
    start = clock.today() - timedelta(weeks=weeks)
    with clock.as_of(datetime.combine(start - timedelta(days=3), time(9))):
        team = init_team(store, _(TEAM_NAME), _(PURPOSE))
        for name, handle in MEMBERS:
            add_member(store, name, handle)
        groups = {"team": "team"}
        for key, name, kind, focus, roles, members, cadence, facilitation in GROUPS:
            made = add_group(store, kind, _(name), _(focus), roles, members, cadence, facilitation)
            groups[key] = made.key
        set_plan(store, None, Cadence(1, start.weekday()))
        set_health_setting(store, "anonymous")
    with store.transaction():
        principles = [p.key for p in list_principles(store)]
        history = History(random.Random(seed), weeks, principles, groups=groups)
        for week in range(weeks):
            day = start + timedelta(weeks=week)
            with clock.as_of(datetime.combine(day, time(10))):
                _week(store, history, week, day)
        create_meeting(store, "retro", _("Weekly retrospective"), on=clock.today())
        create_meeting(store, group=groups["care-forum"], on=clock.today() + timedelta(days=4))
        _leadership_tasks(store, start, groups)
    return team


# (task, handed by, held by, group, agreement, check-in after weeks, both answers)
TASKS = [
    (
        N_("Planning the rota"),
        "Astrid Holm",  # i18n: not shown
        "Dev Patel",  # i18n: not shown
        "rota-forum",
        {
            "direction": N_("A rota that is fair, calm and out in good time"),
            "frame": N_("Within the hours budget; Dev decides swaps, Astrid signs off holidays"),
            "results": N_("The rota is out three weeks ahead; no double shifts"),
            "resources": N_("Two hours a week, and Camille as back-up"),
            "roles": N_("Dev plans and publishes; Astrid steps in only when asked"),
        },
        16,
        (
            {"direction": 5, "frame": 4, "results": 4, "resources": 4, "roles": 5},
            {"direction": 5, "frame": 4, "results": 5, "resources": 3, "roles": 4},
        ),
    ),
    (
        N_("Onboarding new carers"),
        "Astrid Holm",  # i18n: not shown
        "Emil Lund",  # i18n: not shown
        "team",
        {
            "direction": N_("New colleagues feel safe and know whom to ask from day one"),
            "frame": N_("Emil chooses the buddies; the contract and pay stay with Astrid"),
            "results": N_("After ten shifts each new carer works a round alone"),
            "resources": N_("Time for the buddy on the first shifts"),
            "roles": N_("Emil leads onboarding; buddies show the work; Astrid does the paperwork"),
        },
        4,
        (
            {"direction": 5, "frame": 4, "results": 4, "resources": 5, "roles": 4},
            {"direction": 4, "frame": 4, "results": 4, "resources": 2, "roles": 4},
        ),
    ),
]


def _leadership_tasks(store: Store, start: date, groups: dict[str, str]) -> None:
    """Two tasks handed over early on: one aligned, one where resources are not."""
    for n, (task, handed_by, holder, group, texts, weeks, answers) in enumerate(TASKS):
        name = _(task)
        agreement = {dimension: _(text) for dimension, text in texts.items()}
        with clock.as_of(datetime.combine(start + timedelta(days=2 + n), time(14))):
            add_task(store, name, holder, handed_by, groups[group])
            agree(store, name, agreement, start + timedelta(weeks=weeks))
        with clock.as_of(datetime.combine(start + timedelta(weeks=3, days=n), time(15))):
            for member, scores in zip((handed_by, holder), answers, strict=True):
                check(store, name, find_member(store, member), scores)


def _week(store: Store, history: History, week: int, day: date) -> None:
    """One week of the house's history: a meeting, and halfway a member leaves and the
    Care forum's leads change."""
    _past_meeting(store, history, week, day)
    if week == history.weeks // 2:
        retire_member(store, "Henrik Sørensen")  # i18n: not shown
        change_roles(
            store,
            history.groups["care-forum"],
            {"lead": "Bo Jensen", "co-lead": "Emil Lund"},  # i18n: not shown
            _("Astrid is on parental leave until spring; Bo and Emil lead meanwhile"),
        )


def _energy(rng: random.Random, progress: float) -> int:
    """A check-in: lower in the dark months, a little higher as the year's changes settle."""
    season = 0.4 * math.cos(2 * math.pi * (progress - 0.55))
    return min(5, max(1, round(rng.gauss(3.2 + 0.5 * progress + season, 0.8))))


def _past_meeting(store: Store, history: History, week: int, day: date) -> None:
    rng = history.rng
    turn = TURNS[week % len(TURNS)]
    group = None if turn is None else history.groups[turn]
    members = [name for name, __ in MEMBERS[:7]] if group is None else _members_of(store, group)
    absent = [name for name in members if rng.random() < 0.12][:2]
    title = _("Weekly retrospective") if group is None else None
    setup = Setup()
    if group is None:
        board = BOARD_ORDER[history.retros % len(BOARD_ORDER)]
        setup = Setup(board, anonymous=history.retros % 3 == 2, vote_budget=rng.choice([3, 3, 5]))
        history.retros += 1
    meeting = create_meeting(store, None, title, absent, on=day, group=group, setup=setup)
    set_status(store, meeting.id, "running")
    progress = week / history.weeks
    for name in meeting.present:
        energy = _energy(rng, progress)
        check_in(store, meeting.id, find_member(store, name), energy, _(rng.choice(WORDS)))
    if meeting.health:
        _health_check(store, history, meeting, progress)
    for action in open_actions(store, before=meeting.id, group=meeting.group):
        review_action(
            store, action.id, meeting.id, rng.choice(["done", "done", "carried", "dropped"])
        )
    if meeting.kind == "retro":
        _retrospective(store, history, meeting, week, day)
    else:
        _agenda(store, history, meeting, turn, week, day)
    if meeting.kind in ("retro", "sharing") and history.lessons and rng.random() < 0.6:
        *texts, keys = history.lessons.pop(0)
        title, tried, happened, learned, next_ = (_(text) for text in texts)
        add_lesson(store, LessonDraft(title, tried, happened, learned, next_, keys, meeting.id))
    set_status(store, meeting.id, CLOSED)


def _health_check(store: Store, history: History, meeting: Meeting, progress: float) -> None:
    """Everyone present rates every principle, around where the team stands that month."""
    rng = history.rng
    for name in meeting.present:
        bias = rng.gauss(0, 0.3)
        ratings = {}
        for key in history.principles:
            begin, end, spread = HEALTH.get(key, (3.5, 3.5, 0.5))
            level = begin + (end - begin) * progress + bias + rng.gauss(0, spread)
            ratings[key] = min(5, max(1, round(level)))
        answer_health(store, meeting.id, find_member(store, name), ratings)
    reveal_health(store, meeting.id, find_member(store, meeting.facilitator))


def _retrospective(store: Store, history: History, meeting: Meeting, week: int, day: date) -> None:
    """Cards on the meeting's board, grouped into themes where two share one, dots, and
    the action the team agrees on."""
    rng = history.rng
    lead = find_member(store, meeting.facilitator)
    themes: dict[int, str | None] = {}
    board_key = board(store, meeting.id).template.key
    for column, cards in BOARDS[board_key].items():
        for text, theme in rng.sample(cards, min(2, len(cards))):
            author = find_member(store, rng.choice(meeting.present))
            card = add_card(store, meeting.id, column, _(text), author)
            themes[card.id] = _(theme) if theme else None
    reveal_cards(store, meeting.id, lead)
    shared = [t for t in set(themes.values()) if t and list(themes.values()).count(t) > 1]
    for card_id, theme in themes.items():
        if theme in shared:
            group_card(store, meeting.id, card_id, theme, lead)
    current = board(store, meeting.id)
    topics = current.topics()
    for name in meeting.present:
        voter = find_member(store, name)
        for topic in rng.choices(topics, k=current.vote_budget):
            if topic.theme is not None:
                vote_theme(store, meeting.id, topic.theme.id, voter)
            else:
                vote(store, meeting.id, topic.cards[0].id, voter)
    text = _(RETRO_ACTIONS[week // 3 % len(RETRO_ACTIONS)])
    add_action(store, meeting.id, text, rng.choice(meeting.present), _due(rng, week, day))


def _due(rng: random.Random, week: int, day: date) -> date:
    """When an action falls due: mostly by the group's next meeting, where it is reviewed;
    now and then a week before it, so that some are done late."""
    group = TURNS[week % len(TURNS)]
    ahead = next(n for n in range(1, len(TURNS) + 1) if TURNS[(week + n) % len(TURNS)] == group)
    return day + timedelta(weeks=ahead, days=-rng.choice([0, 0, 0, 7]))


def _agenda(
    store: Store, history: History, meeting: Meeting, turn: str, week: int, day: date
) -> None:
    """Two of the group's items (`turn` is the demo's key for the group), each checked
    against every principle, with a decision where a forum takes one and an action."""
    rng = history.rng
    topics = [ITEMS[n] for n in AGENDAS[turn]]
    for title, notes, timebox, tensions, decision, consulted, action in rng.sample(topics, 2):
        item = add_item(store, meeting.id, _(title), rng.choice(meeting.present), timebox)
        for key in history.principles:
            if key in tensions:
                set_check(store, meeting.id, item.id, key, TENSION, _(tensions[key]))
            elif rng.random() < 0.97:
                set_check(store, meeting.id, item.id, key, rng.choice([SUPPORTS, NOT_RELEVANT]))
        set_notes(store, meeting.id, item.id, _(notes))
        if decision and meeting.kind == "forum" and decision not in history.decided:
            history.decided.add(decision)
            others = [n for n in meeting.present if n != meeting.facilitator]
            knows = rng.sample(others, 1) if consulted else []
            affected = [*rng.sample(others, 1), _("the families")] if consulted else []
            review = day + timedelta(weeks=rng.choice([4, 8, 12, 26])) if consulted else None
            made = _(decision)
            add_decision(store, meeting.id, item.id, made, knows, affected, review=review)
        add_action(
            store, meeting.id, _(action), rng.choice(meeting.present), _due(rng, week, day), item.id
        )
        close_item(store, meeting.id, item.id, skip_check=True)


def _members_of(store: Store, key: str) -> list[str]:
    from retro_tui.domain.groups import active_members_of, get_group

    return active_members_of(store, get_group(store, key))
