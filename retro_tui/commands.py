"""The `retro` subcommands. They load only when a subcommand runs, so the app opens fast.

Every command calls the same domain functions as the app.
"""

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from retro_tui.cli import Context
from retro_tui.domain import validate
from retro_tui.domain.actions import (
    add_action,
    edit_action,
    get_action,
    list_actions,
    open_actions,
    remove_action,
    review_action,
)
from retro_tui.domain.agenda import (
    add_decision,
    add_item,
    close_item,
    edit_decision,
    get_decision,
    list_decisions,
    list_items,
    remove_decision,
    set_check,
    set_notes,
)
from retro_tui.domain.bureaucracy import HINT, rule_words
from retro_tui.domain.cards import (
    COLUMNS,
    add_card,
    board,
    edit_card,
    remove_card,
    reveal_cards,
    vote,
)
from retro_tui.domain.checkins import check_in
from retro_tui.domain.lessons import LessonDraft, add_lesson, list_lessons
from retro_tui.domain.meetings import (
    KINDS,
    STATUSES,
    hand_over,
    list_meetings,
    reopen_meeting,
    set_status,
    swap_roles,
    upcoming_meetings,
    upcoming_roles,
)
from retro_tui.domain.meetings import create_meeting as new_meeting
from retro_tui.domain.principles import VERDICTS, list_principles
from retro_tui.domain.rota import ROLES
from retro_tui.domain.team import (
    add_member,
    add_member_key,
    init_team,
    list_members,
    retire_member,
)
from retro_tui.errors import RetroError
from retro_tui.export import FORMATS, export_meeting, gather_minutes
from retro_tui.store import clean_text


def echo(message: object, nl: bool = True, err: bool = False) -> None:
    """Print a line; no control character in it reaches the terminal."""
    click.echo(clean_text(str(message)), nl=nl, err=err)


def emit_json(value: Any) -> None:
    echo(json.dumps(value, ensure_ascii=False, indent=2))


def parse_due(value: str | None):
    return validate.iso_date(value, "due date") if value else None


pass_ctx = click.make_pass_decorator(Context)


@click.command()
@click.argument("team_name")
@click.option("--purpose", default="", help="The sentence that says why the team exists.")
@pass_ctx
def init(obj: Context, team_name: str, purpose: str) -> None:
    """Create the team's store (refuses an existing one)."""
    team = init_team(obj.store, team_name, purpose)
    echo(f"Created the store of {team.name} at {obj.store.folder}")


@click.command()
@pass_ctx
def demo(obj: Context) -> None:
    """Create a store with a sample team and three months of meetings."""
    from retro_tui.domain.demo import create_demo

    team = create_demo(obj.store)
    echo(f"Created the demo team {team.name} at {obj.store.folder}")


# -- members ---------------------------------------------------------------


@click.group()
def member() -> None:
    """Add, list and retire members; register their SSH keys."""


@member.command("add")
@click.argument("name")
@click.option("--handle", help="Their login name ($USER), to know them without --as.")
@pass_ctx
def member_add(obj: Context, name: str, handle: str | None) -> None:
    """Add a member (a handle lets retro know them by their login)."""
    added = add_member(obj.store, name, handle)
    echo(f"Added {added.name}")


@member.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def member_list(obj: Context, as_json: bool) -> None:
    """The members, active and retired."""
    members = list_members(obj.store)
    if as_json:
        emit_json(
            [
                {
                    "name": m.name,
                    "handle": m.handle,
                    "active": m.active,
                    "joined": m.joined,
                    "keys": len(m.keys),
                }
                for m in members
            ]
        )
        return
    for m in members:
        status = "" if m.active else " (retired)"
        handle = f" @{m.handle}" if m.handle else ""
        echo(f"{m.name}{handle}{status}")


@member.command("retire")
@click.argument("name")
@pass_ctx
def member_retire(obj: Context, name: str) -> None:
    """Retire a member; their history stays."""
    retired = retire_member(obj.store, name)
    echo(f"{retired.name} has retired; their history stays")


@member.group("key")
def member_key() -> None:
    """Public keys for `retro serve`."""


@member_key.command("add")
@click.argument("name")
@click.argument("public_key_file", type=click.Path(dir_okay=False, path_type=Path))
@pass_ctx
def member_key_add(obj: Context, name: str, public_key_file: Path) -> None:
    """Register a member's SSH public key for `retro serve`."""
    try:
        text = public_key_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RetroError(f"cannot read the key file {public_key_file}: {error}") from None
    updated = add_member_key(obj.store, name, text)
    echo(f"{updated.name} now has {len(updated.keys)} key(s)")


# -- principles and rota ---------------------------------------------------


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def principles(obj: Context, as_json: bool) -> None:
    """The team's principles."""
    found = list_principles(obj.store)
    if as_json:
        emit_json([asdict(p) for p in found])
        return
    for p in found:
        echo(f"{p.key:<15} {p.name}\n{'':<15} {p.question}")


@click.command()
@click.option("--count", default=4, show_default=True, help="How many meetings ahead.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def rota(obj: Context, count: int, as_json: bool) -> None:
    """Who facilitates and who takes notes at the next meetings."""
    planned = [m for m in upcoming_meetings(obj.store) if m.status == "planned"]
    rows = [
        {"meeting": m.id, "date": m.date, "facilitator": m.facilitator, "scribe": m.scribe}
        for m in planned
    ]
    rows += [
        {"meeting": None, "date": None, "facilitator": r.facilitator, "scribe": r.scribe}
        for r in upcoming_roles(obj.store, max(count - len(rows), 0))
    ]
    if as_json:
        emit_json(rows)
        return
    if not rows:
        echo("No active members yet; add some with `retro member add NAME`.")
    for n, row in enumerate(rows, start=1):
        when = f"{row['meeting']} (planned)" if row["meeting"] else "next" if n == 1 else "then"
        echo(f"{when:<24} facilitator {row['facilitator']:<20} scribe {row['scribe'] or '-'}")


# -- meetings --------------------------------------------------------------


@click.group()
def meeting() -> None:
    """Plan, list, show, start and close meetings; swap or hand over roles."""


@meeting.command("new")
@click.option("--kind", type=click.Choice(list(KINDS)), default="retro", show_default=True)
@click.option("--title", help="Defaults to the kind's name.")
@click.option("--absent", multiple=True, metavar="NAME", help="A member who will not be there.")
@click.option("--date", "on", metavar="YYYY-MM-DD", help="Defaults to today.")
@pass_ctx
def meeting_new(
    obj: Context, kind: str, title: str | None, absent: tuple[str, ...], on: str | None
) -> None:
    """Plan a meeting; prints its id."""
    day = validate.iso_date(on, "meeting date") if on else None
    made = new_meeting(obj.store, kind, title, list(absent), day, obj.me())
    echo(made.id)


def meeting_row(m) -> dict[str, Any]:
    return {
        "id": m.id,
        "kind": m.kind,
        "title": m.title,
        "date": m.date,
        "facilitator": m.facilitator,
        "scribe": m.scribe,
        "status": m.status,
    }


@meeting.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def meeting_list(obj: Context, as_json: bool) -> None:
    """Every meeting: id, kind, status, title and roles."""
    rows = [meeting_row(m) for m in list_meetings(obj.store)]
    if as_json:
        emit_json(rows)
        return
    for r in rows:
        echo(
            f"{r['id']:<13} {r['kind']:<8} {r['status']:<9} {r['title']:<30} "
            f"{r['facilitator']} / {r['scribe'] or '-'}"
        )


@meeting.command("show")
@click.argument("meeting_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the minutes' data).")
@pass_ctx
def meeting_show(obj: Context, meeting_id: str, as_json: bool) -> None:
    """A meeting's minutes (Markdown, or JSON with --json)."""
    viewer = obj.my_name()
    if as_json:
        emit_json(gather_minutes(obj.store, meeting_id, viewer))
        return
    echo(export_meeting(obj.store, meeting_id, "md", viewer), nl=False)


@meeting.command("status")
@click.argument("meeting_id")
@click.argument("status", type=click.Choice(STATUSES))
@pass_ctx
def meeting_status(obj: Context, meeting_id: str, status: str) -> None:
    """Start (running), close or cancel a meeting."""
    changed = set_status(obj.store, meeting_id, status)
    echo(f"Meeting {changed.id} is {changed.status}")


@meeting.command("reopen")
@click.argument("meeting_id")
@click.option("--reason", required=True, help="Why; the minutes say it.")
@pass_ctx
def meeting_reopen(obj: Context, meeting_id: str, reason: str) -> None:
    """Open a closed meeting again (the facilitator, with a reason)."""
    changed = reopen_meeting(obj.store, meeting_id, reason, obj.me())
    echo(f"Meeting {changed.id} is open again")


@meeting.command("swap")
@click.argument("meeting_id")
@click.option("--reason", required=True)
@pass_ctx
def meeting_swap(obj: Context, meeting_id: str, reason: str) -> None:
    """The facilitator and the scribe trade places."""
    changed = swap_roles(obj.store, meeting_id, reason, obj.me())
    echo(f"Facilitator {changed.facilitator}, scribe {changed.scribe}")


@meeting.command("handover")
@click.argument("meeting_id")
@click.argument("role", type=click.Choice(ROLES))
@click.argument("name")
@click.option("--reason", required=True)
@pass_ctx
def meeting_handover(obj: Context, meeting_id: str, role: str, name: str, reason: str) -> None:
    """Give a role to another member."""
    changed = hand_over(obj.store, meeting_id, role, name, reason, obj.me())
    echo(f"Facilitator {changed.facilitator}, scribe {changed.scribe or '-'}")


@click.command("checkin")
@click.argument("meeting_id")
@click.argument("energy", type=int)
@click.argument("word")
@click.option("--member", "name", help="Defaults to you.")
@pass_ctx
def checkin(obj: Context, meeting_id: str, energy: int, word: str, name: str | None) -> None:
    """Check in: your energy (1-5) and a word."""
    entry = check_in(obj.store, meeting_id, obj.required_me(name), energy, word)
    echo(f"{entry.member} checked in: {entry.energy}/5, {entry.word}")


# -- agenda items ----------------------------------------------------------


@click.group()
def item() -> None:
    """Agenda items: add, check against the principles, note, close."""


@item.command("add")
@click.argument("meeting_id")
@click.argument("title")
@click.option("--owner", metavar="NAME")
@click.option("--timebox", type=int, metavar="MINUTES")
@pass_ctx
def item_add(
    obj: Context, meeting_id: str, title: str, owner: str | None, timebox: int | None
) -> None:
    """Add an agenda item; prints its number."""
    added = add_item(obj.store, meeting_id, title, owner, timebox, obj.me())
    echo(added.id)
    if rule_words(added.title):
        echo(f"Hint: {HINT}", err=True)


@item.command("list")
@click.argument("meeting_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def item_list(obj: Context, meeting_id: str, as_json: bool) -> None:
    """A meeting's agenda items."""
    items = list_items(obj.store, meeting_id)
    if as_json:
        emit_json([asdict(i) for i in items])
        return
    for i in items:
        echo(f"{i.id:>3} {i.status:<7} {i.title}")


@item.command("check")
@click.argument("meeting_id")
@click.argument("item_id", type=int)
@click.argument("principle")
@click.argument("verdict", type=click.Choice(VERDICTS))
@click.option("--note", default="", help="Required for a tension.")
@pass_ctx
def item_check(
    obj: Context, meeting_id: str, item_id: int, principle: str, verdict: str, note: str
) -> None:
    """Record how an item stands against one principle."""
    set_check(obj.store, meeting_id, item_id, principle, verdict, note)
    echo(f"{principle}: {verdict}")


@item.command("notes")
@click.argument("meeting_id")
@click.argument("item_id", type=int)
@click.argument("text")
@pass_ctx
def item_notes(obj: Context, meeting_id: str, item_id: int, text: str) -> None:
    """Replace an item's notes."""
    set_notes(obj.store, meeting_id, item_id, text)
    echo("Notes saved")


@item.command("close")
@click.argument("meeting_id")
@click.argument("item_id", type=int)
@click.option("--skip-check", is_flag=True, help="Close with principles not yet considered.")
@pass_ctx
def item_close(obj: Context, meeting_id: str, item_id: int, skip_check: bool) -> None:
    """Finish an item (--skip-check if principles are not yet considered)."""
    closed = close_item(obj.store, meeting_id, item_id, skip_check)
    echo(f"Item {closed.id} closed" + (" (check skipped)" if closed.check_skipped else ""))


@click.command("decide")
@click.argument("meeting_id")
@click.argument("item_id", type=int)
@click.argument("text")
@click.option(
    "--knows-most", multiple=True, metavar="NAME", help="Someone consulted for their knowledge."
)
@click.option(
    "--affected", multiple=True, metavar="NAME", help="Someone consulted because it affects them."
)
@pass_ctx
def decide(
    obj: Context,
    meeting_id: str,
    item_id: int,
    text: str,
    knows_most: tuple[str, ...],
    affected: tuple[str, ...],
) -> None:
    """Record a decision on an item, with whom it consulted."""
    made = add_decision(
        obj.store, meeting_id, item_id, text, list(knows_most), list(affected), obj.me()
    )
    echo(f"Decision {made.id} recorded")
    if made.nobody_consulted:
        echo("Note: nobody was consulted; the minutes will show it.", err=True)
    if rule_words(made.text):
        echo(f"Hint: {HINT}", err=True)


@click.group()
def decision() -> None:
    """Decisions: list them, correct or take back one (the minutes say so)."""


@decision.command("list")
@click.option("--meeting", "meeting_id", help="Only this meeting's decisions.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def decision_list(obj: Context, meeting_id: str | None, as_json: bool) -> None:
    """Decisions with their meeting and number, oldest first."""
    meeting_ids = [meeting_id] if meeting_id else [m.id for m in list_meetings(obj.store)]
    rows = [
        {"meeting": mid, **asdict(d)} for mid in meeting_ids for d in list_decisions(obj.store, mid)
    ]
    if as_json:
        emit_json(rows)
        return
    for r in rows:
        echo(f"{r['meeting']:<13} {r['id']:>3}  {r['text']}")


@decision.command("edit")
@click.argument("meeting_id")
@click.argument("decision_id", type=int)
@click.option("--text", help="The decision as it should read.")
@click.option(
    "--knows-most", multiple=True, metavar="NAME", help="Replaces those consulted for knowledge."
)
@click.option(
    "--affected", multiple=True, metavar="NAME", help="Replaces those consulted as affected."
)
@pass_ctx
def decision_edit(
    obj: Context,
    meeting_id: str,
    decision_id: int,
    text: str | None,
    knows_most: tuple[str, ...],
    affected: tuple[str, ...],
) -> None:
    """Correct a decision of a meeting still open; what is not given stays."""
    before = get_decision(obj.store, meeting_id, decision_id)
    edit_decision(
        obj.store,
        meeting_id,
        decision_id,
        before.text if text is None else text,
        list(knows_most) if knows_most else before.knows_most,
        list(affected) if affected else before.affected,
        obj.me(),
    )
    echo(f"Decision {decision_id} corrected; the minutes show what it said before")


@decision.command("remove")
@click.argument("meeting_id")
@click.argument("decision_id", type=int)
@pass_ctx
def decision_remove(obj: Context, meeting_id: str, decision_id: int) -> None:
    """Take back a decision recorded by mistake (the minutes keep what it said)."""
    remove_decision(obj.store, meeting_id, decision_id, obj.me())
    echo(f"Decision {decision_id} removed; the minutes say what it was")


# -- actions ---------------------------------------------------------------


@click.group()
def action() -> None:
    """Actions: who does what by when."""


@action.command("add")
@click.argument("meeting_id")
@click.argument("text")
@click.option("--owner", required=True, metavar="NAME")
@click.option("--due", metavar="YYYY-MM-DD")
@click.option("--item", "item_id", type=int, help="The agenda item it came from.")
@pass_ctx
def action_add(
    obj: Context, meeting_id: str, text: str, owner: str, due: str | None, item_id: int | None
) -> None:
    """Add an action: what, who and by when; prints its id."""
    added = add_action(obj.store, meeting_id, text, owner, parse_due(due), item_id)
    echo(added.id)


@action.command("list")
@click.option("--open", "only_open", is_flag=True, help="Only open actions.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def action_list(obj: Context, only_open: bool, as_json: bool) -> None:
    """Actions from every meeting (--open for those still open)."""
    found = open_actions(obj.store) if only_open else list_actions(obj.store)
    if as_json:
        emit_json([asdict(a) for a in found])
        return
    for a in found:
        echo(f"{a.id:<9} {a.status:<7} {a.owner:<16} {a.due or '':<10} {a.text}")


@action.command("review")
@click.argument("action_id")
@click.argument("outcome", type=click.Choice(["done", "carried", "dropped"]))
@click.option("--meeting", "meeting_id", required=True, help="The meeting reviewing it.")
@pass_ctx
def action_review(obj: Context, action_id: str, outcome: str, meeting_id: str) -> None:
    """Record in a later meeting what became of an action."""
    reviewed = review_action(obj.store, action_id, meeting_id, outcome)
    echo(f"Action {reviewed.id}: {outcome}")


@action.command("edit")
@click.argument("action_id")
@click.option("--text", help="What will be done.")
@click.option("--owner", metavar="NAME", help="Who does it.")
@click.option("--due", metavar="YYYY-MM-DD", help="By when.")
@click.option("--no-due", is_flag=True, help="Take the due date away.")
@pass_ctx
def action_edit(
    obj: Context,
    action_id: str,
    text: str | None,
    owner: str | None,
    due: str | None,
    no_due: bool,
) -> None:
    """Correct an action of a meeting still open; what is not given stays."""
    if due and no_due:
        raise RetroError("give --due or --no-due, not both")
    before = get_action(obj.store, action_id)
    kept_due = parse_due(before.due)
    edit_action(
        obj.store,
        before.id,
        before.text if text is None else text,
        before.owner if owner is None else owner,
        None if no_due else (parse_due(due) if due else kept_due),
        obj.me(),
    )
    echo(f"Action {before.id} corrected; the minutes show what it said before")


@action.command("remove")
@click.argument("action_id")
@pass_ctx
def action_remove(obj: Context, action_id: str) -> None:
    """Take back an action raised by mistake (the minutes keep what it said)."""
    remove_action(obj.store, action_id, obj.me())
    echo(f"Action {action_id.strip()} removed; the minutes say what it was")


# -- cards -----------------------------------------------------------------


@click.group()
def card() -> None:
    """Retrospective cards: write, reveal, vote."""


@card.command("add")
@click.argument("meeting_id")
@click.argument("column", type=click.Choice(list(COLUMNS)))
@click.argument("text")
@pass_ctx
def card_add(obj: Context, meeting_id: str, column: str, text: str) -> None:
    """Write a card; it stays hidden from others until the reveal."""
    added = add_card(obj.store, meeting_id, column, text, obj.me())
    echo(added.id)


@card.command("edit")
@click.argument("meeting_id")
@click.argument("card_id", type=int)
@click.argument("text")
@click.option("--column", type=click.Choice(list(COLUMNS)), help="Move it to this column.")
@pass_ctx
def card_edit(obj: Context, meeting_id: str, card_id: int, text: str, column: str | None) -> None:
    """Correct your card (after the reveal also the facilitator or scribe)."""
    edit_card(obj.store, meeting_id, card_id, text, obj.required_me(), column)
    echo(f"Card {card_id} corrected")


@card.command("remove")
@click.argument("meeting_id")
@click.argument("card_id", type=int)
@pass_ctx
def card_remove(obj: Context, meeting_id: str, card_id: int) -> None:
    """Take a card away; its dots go back to their voters."""
    remove_card(obj.store, meeting_id, card_id, obj.required_me())
    echo(f"Card {card_id} removed")


@card.command("reveal")
@click.argument("meeting_id")
@pass_ctx
def card_reveal(obj: Context, meeting_id: str) -> None:
    """Show everyone's cards (the facilitator)."""
    reveal_cards(obj.store, meeting_id, obj.me())
    echo("Cards revealed")


@card.command("vote")
@click.argument("meeting_id")
@click.argument("card_id", type=int)
@pass_ctx
def card_vote(obj: Context, meeting_id: str, card_id: int) -> None:
    """Put one of your dots on a card."""
    me = obj.required_me()
    voted = vote(obj.store, meeting_id, card_id, me)
    left = board(obj.store, meeting_id).votes_left(me.name)
    echo(f"Card {voted.id} has {voted.votes} vote(s); {me.name} has {left} left")


@card.command("list")
@click.argument("meeting_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def card_list(obj: Context, meeting_id: str, as_json: bool) -> None:
    """The cards; hidden ones show only their count until revealed."""
    current = board(obj.store, meeting_id)
    shown = current.visible_to(obj.my_name())
    if as_json:
        emit_json(
            {
                "revealed": current.revealed,
                "hidden": len(current.cards) - len(shown),
                "cards": [asdict(c) for c in shown],
            }
        )
        return
    for key, label in COLUMNS.items():
        echo(f"{label}:")
        for c in current.column(key):
            if c in shown:
                echo(f"  {c.id:>3} [{c.votes}] {c.text}")
    if len(shown) < len(current.cards):
        echo(f"{len(current.cards) - len(shown)} card(s) hidden until revealed")


# -- lessons ---------------------------------------------------------------


@click.group()
def lesson() -> None:
    """The blameless lessons log."""


@lesson.command("add")
@click.argument("title")
@click.option("--tried", required=True, help="What we tried.")
@click.option("--happened", required=True, help="What happened.")
@click.option("--learned", required=True, help="What we learned.")
@click.option("--next", "next_", default="", help="What we will try next.")
@click.option("--principle", multiple=True, metavar="KEY", help="A principle it touches.")
@click.option("--meeting", "meeting_id", help="The meeting it came from.")
@pass_ctx
def lesson_add(
    obj: Context,
    title: str,
    tried: str,
    happened: str,
    learned: str,
    next_: str,
    principle: tuple[str, ...],
    meeting_id: str | None,
) -> None:
    """Log a blameless lesson: what we tried, what happened, what we learned."""
    added = add_lesson(
        obj.store, LessonDraft(title, tried, happened, learned, next_, list(principle), meeting_id)
    )
    echo(added.id)


@lesson.command("list")
@click.option("--search", default="", help="Words that must all occur.")
@click.option("--principle", metavar="KEY", help="Only lessons touching this principle.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def lesson_list(obj: Context, search: str, principle: str | None, as_json: bool) -> None:
    """Lessons, newest first; search by words or a principle."""
    found = list_lessons(obj.store, search, principle)
    if as_json:
        emit_json([asdict(lesson) for lesson in found])
        return
    for found_lesson in found:
        tags = f" [{', '.join(found_lesson.principles)}]" if found_lesson.principles else ""
        echo(f"{found_lesson.id:<9} {found_lesson.title}{tags}")


# -- export ----------------------------------------------------------------


@click.command()
@click.argument("meeting_id")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file."
)
@pass_ctx
def export(obj: Context, meeting_id: str, fmt: str, output: Path | None) -> None:
    """A meeting's minutes, on stdout or to a file."""
    text = export_meeting(obj.store, meeting_id, fmt, obj.my_name())
    if output is None:
        echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    echo(f"Wrote {output}", err=True)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=2222, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--max-sessions",
    default=30,
    show_default=True,
    type=click.IntRange(1, 500),
    help="Sessions at once, for the whole team.",
)
@click.option(
    "--max-per-member",
    default=3,
    show_default=True,
    type=click.IntRange(1, 100),
    help="Sessions (and connections) at once for one member.",
)
@click.option(
    "--max-startups",
    default=64,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="Connections still logging in at once; new ones beyond this are dropped at once.",
)
@click.option(
    "--login-grace-time",
    default=30,
    show_default=True,
    type=click.IntRange(1, 600),
    help="Seconds a connection has to log in before it is closed.",
)
@click.option(
    "--host-key",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The server's private host key (made on first start, mode 0600).",
)
@pass_ctx
def serve(
    obj: Context,
    host: str,
    port: int,
    max_sessions: int,
    max_per_member: int,
    max_startups: int,
    login_grace_time: int,
    host_key: Path | None,
) -> None:
    """Serve the app over SSH: members connect with `ssh -p PORT host`, known by their key."""
    from platformdirs import user_data_dir

    from retro_tui.serve import Limits
    from retro_tui.serve import serve as run_server

    key = host_key or Path(user_data_dir("retro", appauthor=False)) / "ssh_host_ed25519_key"
    limits = Limits(
        max_sessions=max_sessions,
        max_per_member=max_per_member,
        max_startups=max_startups,
        login_grace=float(login_grace_time),
    )
    run_server(obj.store, host, port, key, limits)


COMMANDS: dict[str, click.Command] = {
    "init": init,
    "demo": demo,
    "member": member,
    "principles": principles,
    "rota": rota,
    "meeting": meeting,
    "checkin": checkin,
    "item": item,
    "decide": decide,
    "decision": decision,
    "action": action,
    "card": card,
    "lesson": lesson,
    "export": export,
    "serve": serve,
}
