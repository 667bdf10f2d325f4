"""`retro item ...`, `retro decide` and `retro decision ...`: agenda items and decisions."""

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

import click

from retro_tui.cli.common import Context, echo, group_option, listing, pass_ctx
from retro_tui.domain.agenda import add_item, close_item, list_items, set_check, set_notes
from retro_tui.domain.bureaucracy import HINT, rule_words
from retro_tui.domain.decisions import (
    STATUSES,
    Decision,
    add_decision,
    edit_decision,
    get_decision,
    keep_decision,
    put_review_on_agenda,
    register,
    remove_decision,
    retire_decision,
)
from retro_tui.domain.groups import get_group
from retro_tui.domain.principles import VERDICTS


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
@listing(lambda rows: (f"{i['id']:>3} {i['status']:<7} {i['title']}" for i in rows))
@pass_ctx
def item_list(obj: Context, meeting_id: str) -> list[dict[str, Any]]:
    """A meeting's agenda items."""
    return [asdict(i) for i in list_items(obj.store, meeting_id)]


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
@click.option("--review", metavar="YYYY-MM-DD", help="When the group looks at it again.")
@click.option("--revises", metavar="ID", help="The decision in the register it replaces.")
@pass_ctx
def decide(
    obj: Context,
    meeting_id: str,
    item_id: int,
    text: str,
    knows_most: tuple[str, ...],
    affected: tuple[str, ...],
    review: str | None,
    revises: str | None,
) -> None:
    """Record a decision on an item, with whom it consulted; prints its register id."""
    made = add_decision(
        obj.store,
        meeting_id,
        item_id,
        text,
        list(knows_most),
        list(affected),
        obj.me(),
        review,
        revises,
    )
    echo(f"Decision {made.number} recorded as {made.record}")
    if made.nobody_consulted:
        echo("Note: nobody was consulted; the minutes will show it.", err=True)
    if rule_words(made.text):
        echo(f"Hint: {HINT}", err=True)


@click.group()
def decision() -> None:
    """The decision register: list, review, keep, retire; correct or take back one."""


def decision_row(store, d: Decision) -> dict[str, Any]:
    return {
        "id": d.record,
        "group": get_group(store, d.group).name,
        "meeting": d.meeting,
        "number": d.number,
        "date": d.date,
        "text": d.text,
        "knows_most": d.knows_most,
        "affected": d.affected,
        "by": d.by,
        "review": d.review,
        "status": d.status,
        "revises": d.revises,
        "revised_by": d.revised_by,
        "retired": d.retired.__dict__ if d.retired else None,
    }


def register_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    if not rows:
        yield "No decisions found."
    for r in rows:
        review = f", review {r['review']}" if r["review"] and r["status"] == "in-force" else ""
        yield f"{r['id']:<9} {r['date']}  {r['group']} ({STATUSES[r['status']]}{review})"
        yield f"          {r['text']}"


@decision.command("list")
@click.option("--due", is_flag=True, help="Only those in force whose review date has come.")
@group_option("Only this group's decisions.")
@click.option("--meeting", "meeting_id", help="Only this meeting's decisions.")
@click.option("--search", default="", help="Words that must all occur in the decision.")
@listing(register_lines)
@pass_ctx
def decision_list(
    obj: Context, due: bool, group: str | None, meeting_id: str | None, search: str
) -> list[dict[str, Any]]:
    """Every decision of every group, oldest first: the register."""
    found = register(obj.store, group, due, search)
    if meeting_id:
        found = [d for d in found if d.meeting == meeting_id.strip()]
    return [decision_row(obj.store, d) for d in found]


@decision.command("review")
@click.argument("decision_id", metavar="ID")
@pass_ctx
def decision_review(obj: Context, decision_id: str) -> None:
    """Put a decision's review on the agenda of its group's next meeting."""
    meeting, item_number = put_review_on_agenda(obj.store, decision_id, obj.me())
    echo(f"Its review is item {item_number} of meeting {meeting.id}")


@decision.command("keep")
@click.argument("decision_id", metavar="ID")
@click.option("--review", metavar="YYYY-MM-DD", help="When to look at it again (else never).")
@pass_ctx
def decision_keep(obj: Context, decision_id: str, review: str | None) -> None:
    """After a review: the decision stays in force."""
    kept = keep_decision(obj.store, decision_id, review)
    echo(
        f"Decision {kept.record} stays in force" + (f" until {kept.review}" if kept.review else "")
    )


@decision.command("retire")
@click.argument("decision_id", metavar="ID")
@click.option("--reason", required=True, help="Why it no longer holds; the register keeps it.")
@pass_ctx
def decision_retire(obj: Context, decision_id: str, reason: str) -> None:
    """The group no longer holds to a decision."""
    retired = retire_decision(obj.store, decision_id, reason, obj.me())
    echo(f"Decision {retired.record} is retired")


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
