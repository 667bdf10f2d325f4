"""`retro item ...`, `retro decide` and `retro decision ...`: agenda items and decisions."""

from dataclasses import asdict
from typing import Any

import click

from retro_tui.cli.common import Context, echo, listing, pass_ctx
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
from retro_tui.domain.meetings import (
    list_meetings,
)
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
@listing(lambda rows: (f"{r['meeting']:<13} {r['id']:>3}  {r['text']}" for r in rows))
@pass_ctx
def decision_list(obj: Context, meeting_id: str | None) -> list[dict[str, Any]]:
    """Decisions with their meeting and number, oldest first."""
    meeting_ids = [meeting_id] if meeting_id else [m.id for m in list_meetings(obj.store)]
    return [
        {"meeting": mid, **asdict(d)} for mid in meeting_ids for d in list_decisions(obj.store, mid)
    ]


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
