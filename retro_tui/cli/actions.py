"""`retro action ...`: who does what by when."""

from dataclasses import asdict
from typing import Any

import click

from retro_tui.cli.common import Context, echo, listing, parse_due, pass_ctx
from retro_tui.domain.actions import (
    add_action,
    edit_action,
    get_action,
    list_actions,
    open_actions,
    remove_action,
    review_action,
)
from retro_tui.errors import RetroError


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
@listing(
    lambda rows: (
        f"{a['id']:<9} {a['status']:<7} {a['owner']:<16} {a['due'] or '':<10} {a['text']}"
        for a in rows
    )
)
@pass_ctx
def action_list(obj: Context, only_open: bool) -> list[dict[str, Any]]:
    """Actions from every meeting (--open for those still open)."""
    found = open_actions(obj.store) if only_open else list_actions(obj.store)
    return [asdict(a) for a in found]


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
