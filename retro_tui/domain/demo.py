"""`retro demo`: a sample house with three months of history, made through the domain API:
the team's retrospectives, three decision forums with a lead and a co-lead, a knowledge
community, decisions with review dates."""

import random
from datetime import date, datetime, time, timedelta

from retro_tui.domain import clock
from retro_tui.domain.actions import add_action, open_actions, review_action
from retro_tui.domain.agenda import add_item, close_item, set_check, set_notes
from retro_tui.domain.cards import add_card, board, reveal_cards, vote
from retro_tui.domain.checkins import check_in
from retro_tui.domain.decisions import add_decision
from retro_tui.domain.groups import Cadence, add_group, change_roles
from retro_tui.domain.lessons import LessonDraft, add_lesson
from retro_tui.domain.meetings import CLOSED, create_meeting, set_status
from retro_tui.domain.principles import NOT_RELEVANT, SUPPORTS, TENSION, list_principles
from retro_tui.domain.tasks import add_task, agree, check
from retro_tui.domain.team import Team, add_member, find_member, init_team, retire_member
from retro_tui.store import Store

TEAM_NAME = "Nordlys Home Care"
PURPOSE = (
    "We help older people in our district live safely and well in their own homes, "
    "and we get a little better at it every week."
)
MEMBERS = [
    ("Astrid Holm", "astrid"),
    ("Bo Jensen", "bo"),
    ("Camille Dubois", "camille"),
    ("Dev Patel", "dev"),
    ("Emil Lund", "emil"),
    ("Freja Nielsen", "freja"),
    ("Gustav Berg", "gustav"),
    ("Henrik Sørensen", "henrik"),
]
WORDS = [
    "rested",
    "busy",
    "curious",
    "tired",
    "hopeful",
    "scattered",
    "calm",
    "proud",
    "stretched",
    "focused",
    "grateful",
    "restless",
]

# (title, notes, timebox, tensions {principle: note}, decision or None, consulted?, action)
ITEMS = [
    (
        "Evening visits run late on Thursdays",
        "Three of the last four Thursdays ended after 22:00. The long visits are the two clients who need help to bed.",
        15,
        {"reality": "We planned from the roster, not from what the visits really take"},
        "Move two Thursday visits to the afternoon round for a month and compare",
        True,
        "Ask the two families whether an afternoon visit works for them",
    ),
    (
        "Onboarding the two new carers",
        "Both start on Monday. Last time new colleagues said they did not know whom to ask.",
        20,
        {},
        "Each new carer gets a buddy for their first ten shifts",
        True,
        "Pair Emil and Freja with the new carers and tell the rota planner",
    ),
    (
        "Medication lists differ between the GP and our records",
        "Night shift found four mismatches this month. None caused harm, but one was close.",
        20,
        {
            "alliances": "The GP practice is not part of this yet",
            "openness": "Only the night shift knew how often it happens",
        },
        "Invite the GP practice's nurse to our next forum",
        True,
        "Send the nurse a short note with three recent examples",
    ),
    (
        "A written procedure for key boxes?",
        "A key was missing for a day last week. Some want a sign-out sheet; others think a habit is enough.",
        10,
        {"trust": "A new procedure could feel like distrust after one mistake"},
        "No new procedure: whoever collects a key says so in the shift chat",
        False,
        "Write the key-box agreement into the handbook in two sentences",
    ),
    (
        "Trying video check-ins for two clients",
        "Two clients asked for a short video call on the days without a visit.",
        15,
        {"expertise": "The occupational therapist should lead the choice of tablet"},
        "Run a six-week trial with two clients who asked for it",
        True,
        "Book the occupational therapist for the set-up visit",
    ),
    (
        "Who plans the summer rota?",
        "Last year one person planned it alone and it was late. Two volunteers this time.",
        15,
        {},
        "Dev and Camille plan the summer rota together and share a draft in week 20",
        True,
        "Share the first draft of the summer rota in the team channel",
    ),
    (
        "Falls at home: what does the new research say?",
        "Freja read the new national guideline; strength training at home is the big change.",
        25,
        {"ahead": "Our fall-risk checklist is from 2019"},
        None,
        False,
        "Summarise the new guideline on fall prevention in one page",
    ),
    (
        "Handover notes are too long to read",
        "Most notes are over a page. People skim, and things get missed.",
        15,
        {"openness": "Important things get lost in long notes"},
        "Try a three-line handover: what changed, what to watch, what to do",
        True,
        "Make a handover card template and put it by the door",
    ),
]

CARDS = {
    "went-well": [
        "The buddy system made the first week calm",
        "Quick help from the GP nurse",
        "Mrs. Olsen's family thanked the whole team",
        "Short handovers saved time",
    ],
    "to-improve": [
        "Thursday evenings are still rushed",
        "Too many messages in the shift chat",
        "We forget to update the key-box list",
    ],
    "failed-learned": [
        "The video call failed when the Wi-Fi dropped; we now test the line first",
        "We planned the summer rota without asking the part-timers",
    ],
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
    "Keep the shift chat for handovers only; other talk moves to a second channel",
    "Update the key-box list at the end of every shift",
    "Leave the last Thursday visit to whoever has the shortest round",
    "Ask the part-timers for their summer weeks before the next forum",
]

LESSONS = [
    (
        "Test the client's internet before a video visit",
        "Video check-ins with two clients who asked for them",
        "The first call dropped after two minutes and the client felt let down",
        "The Wi-Fi in the bedroom was too weak; nobody had checked it",
        "Test the connection from the room the call happens in during the set-up visit",
        ["alive", "reality"],
    ),
    (
        "Ask the part-timers before planning shifts",
        "Planning the summer rota in a small group to save time",
        "Three part-timers could not work the weeks we gave them",
        "A quick draft shared early saves a week of rework",
        "Share the first draft within two days and ask for objections",
        ["openness", "everyone-leads"],
    ),
    (
        "A rule was not what we needed for the key boxes",
        "Discussing a written procedure after a key went missing",
        "The discussion took forty minutes and made the colleague feel blamed",
        "A shared habit in the chat solved it, and nobody was singled out",
        "Ask which principle applies before writing a rule",
        ["trust"],
    ),
    (
        "Bring the GP practice in early",
        "Fixing medication lists on our own",
        "We corrected our records, but the GP's list was still wrong a week later",
        "Problems that cross two organisations need both at the table",
        "Invite partners to the forum when an item touches their work",
        ["alliances", "reality"],
    ),
]

# (name, kind, area or topic, {role: holder}, members, cadence, facilitation)
GROUPS = [
    (
        "Care forum",
        "forum",
        "How we plan and carry out visits",
        {"lead": "Astrid Holm", "co-lead": "Bo Jensen"},
        ["Camille Dubois", "Dev Patel", "Emil Lund"],
        Cadence(2, 3),
        "rota",
    ),
    (
        "Rota forum",
        "forum",
        "Shifts, the rota and staffing",
        {"lead": "Dev Patel", "co-lead": "Camille Dubois"},
        ["Gustav Berg", "Freja Nielsen"],
        Cadence(4, 1),
        "leads",
    ),
    (
        "Safety forum",
        "forum",
        "Medication, falls and safety at home",
        {"lead": "Freja Nielsen", "co-lead": "Gustav Berg"},
        ["Astrid Holm", "Henrik Sørensen"],
        Cadence(4, 2),
        "rota",
    ),
    (
        "Dementia circle",
        "community",
        "Dementia care and what the research says",
        {"host": "Freja Nielsen"},
        ["Camille Dubois", "Emil Lund", "Bo Jensen"],
        None,
        "rota",
    ),
]
# Which group meets each week, in turn: None is the team's retrospective.
TURNS = [None, "care-forum", "dementia-circle", "safety-forum", None, "care-forum", "rota-forum"]


def create_demo(store: Store, meetings: int = 12, seed: int = 7) -> Team:
    """A realistic house: members, its groups, weekly meetings with their content, lessons.
    Each week is written as of its own day."""
    rng = random.Random(seed)
    start = clock.today() - timedelta(weeks=meetings)
    with clock.as_of(datetime.combine(start - timedelta(days=3), time(9))):
        team = init_team(store, TEAM_NAME, PURPOSE)
        for name, handle in MEMBERS:
            add_member(store, name, handle)
        for name, kind, focus, roles, members, cadence, facilitation in GROUPS:
            add_group(store, kind, name, focus, roles, members, cadence, facilitation)
    with store.transaction():
        principles = [p.key for p in list_principles(store)]
        decided: set[str] = set()  # a question decided once is not decided again
        for week in range(meetings):
            day = start + timedelta(weeks=week)
            with clock.as_of(datetime.combine(day, time(10))):
                _week(store, rng, week, day, principles, decided, week == meetings // 2)
        create_meeting(store, "retro", "Weekly retrospective", on=clock.today())
        create_meeting(store, group="care-forum", on=clock.today() + timedelta(days=4))
        _leadership_tasks(store, start)
    return team


# (task, handed by, held by, group, agreement, check-in after weeks, both answers)
TASKS = [
    (
        "Planning the rota",
        "Astrid Holm",
        "Dev Patel",
        "rota-forum",
        {
            "direction": "A rota that is fair, calm and out in good time",
            "frame": "Within the hours budget; Dev decides swaps, Astrid signs off holidays",
            "results": "The rota is out three weeks ahead; no double shifts",
            "resources": "Two hours a week, and Camille as back-up",
            "roles": "Dev plans and publishes; Astrid steps in only when asked",
        },
        16,
        (
            {"direction": 5, "frame": 4, "results": 4, "resources": 4, "roles": 5},
            {"direction": 5, "frame": 4, "results": 5, "resources": 3, "roles": 4},
        ),
    ),
    (
        "Onboarding new carers",
        "Astrid Holm",
        "Emil Lund",
        "team",
        {
            "direction": "New colleagues feel safe and know whom to ask from day one",
            "frame": "Emil chooses the buddies; the contract and pay stay with Astrid",
            "results": "After ten shifts each new carer works a round alone",
            "resources": "Time for the buddy on the first shifts",
            "roles": "Emil leads onboarding; buddies show the work; Astrid does the paperwork",
        },
        4,
        (
            {"direction": 5, "frame": 4, "results": 4, "resources": 5, "roles": 4},
            {"direction": 4, "frame": 4, "results": 4, "resources": 2, "roles": 4},
        ),
    ),
]


def _leadership_tasks(store: Store, start: date) -> None:
    """Two tasks handed over early on: one aligned, one where resources are not."""
    for n, (name, handed_by, holder, group, texts, weeks, answers) in enumerate(TASKS):
        with clock.as_of(datetime.combine(start + timedelta(days=2 + n), time(14))):
            add_task(store, name, holder, handed_by, group)
            agree(store, name, texts, start + timedelta(weeks=weeks))
        with clock.as_of(datetime.combine(start + timedelta(weeks=3, days=n), time(15))):
            for member, scores in zip((handed_by, holder), answers, strict=True):
                check(store, name, find_member(store, member), scores)


def _week(
    store: Store,
    rng: random.Random,
    week: int,
    day: date,
    principles: list[str],
    decided: set[str],
    halfway: bool,
) -> None:
    """One week of the house's history: a meeting, and halfway a member leaves and the
    Care forum's leads change."""
    _past_meeting(store, rng, week, day, principles, decided)
    if halfway:
        retire_member(store, "Henrik Sørensen")
        change_roles(
            store,
            "Care forum",
            {"lead": "Bo Jensen", "co-lead": "Emil Lund"},
            "Astrid is on parental leave until spring; Bo and Emil lead meanwhile",
        )


def _past_meeting(
    store: Store, rng: random.Random, week: int, day, principles: list[str], decided: set[str]
) -> None:
    group = TURNS[week % len(TURNS)]
    members = [name for name, _ in MEMBERS[:7]] if group is None else _members_of(store, group)
    absent = [name for name in members if rng.random() < 0.12][:2]
    title = "Weekly retrospective" if group is None else None
    meeting = create_meeting(store, None, title, absent, on=day, group=group)
    kind = meeting.kind
    set_status(store, meeting.id, "running")
    for name in meeting.present:
        check_in(store, meeting.id, find_member(store, name), rng.randint(2, 5), rng.choice(WORDS))
    for action in open_actions(store, before=meeting.id, group=meeting.group):
        review_action(
            store, action.id, meeting.id, rng.choice(["done", "done", "carried", "dropped"])
        )

    if kind != "retro":
        topics = [ITEMS[n] for n in AGENDAS[meeting.group]]
        for title, notes, timebox, tensions, decision, consulted, action in rng.sample(topics, 2):
            item = add_item(store, meeting.id, title, rng.choice(meeting.present), timebox)
            for key in principles:
                if key in tensions:
                    set_check(store, meeting.id, item.id, key, TENSION, tensions[key])
                elif rng.random() < 0.97:
                    set_check(store, meeting.id, item.id, key, rng.choice([SUPPORTS, NOT_RELEVANT]))
            set_notes(store, meeting.id, item.id, notes)
            if decision and kind == "forum" and decision not in decided:
                decided.add(decision)
                others = [n for n in meeting.present if n != meeting.facilitator]
                knows = rng.sample(others, 1) if consulted else []
                affected = [*rng.sample(others, 1), "the families"] if consulted else []
                review = day + timedelta(weeks=rng.choice([4, 8, 12, 26])) if consulted else None
                add_decision(store, meeting.id, item.id, decision, knows, affected, review=review)
            due = day + timedelta(days=rng.choice([7, 14, 21]))
            add_action(store, meeting.id, action, rng.choice(meeting.present), due, item.id)
            close_item(store, meeting.id, item.id, skip_check=True)
    else:
        for column, texts in CARDS.items():
            for text in rng.sample(texts, 2):
                add_card(
                    store, meeting.id, column, text, find_member(store, rng.choice(meeting.present))
                )
        reveal_cards(store, meeting.id, find_member(store, meeting.facilitator))
        card_ids = [c.id for c in board(store, meeting.id).cards]
        for name in meeting.present:
            for card_id in rng.sample(card_ids, 3):
                vote(store, meeting.id, card_id, find_member(store, name))
        text = RETRO_ACTIONS[
            week // 3 % len(RETRO_ACTIONS)
        ]  # the team meets every third week or so
        due = day + timedelta(days=rng.choice([7, 14]))
        add_action(store, meeting.id, text, rng.choice(meeting.present), due)
    if kind in ("retro", "sharing") and week // 2 < len(LESSONS):
        title, tried, happened, learned, next_, keys = LESSONS[week // 2]
        add_lesson(store, LessonDraft(title, tried, happened, learned, next_, keys, meeting.id))
    set_status(store, meeting.id, CLOSED)


def _members_of(store: Store, key: str) -> list[str]:
    from retro_tui.domain.groups import active_members_of, get_group

    return active_members_of(store, get_group(store, key))
