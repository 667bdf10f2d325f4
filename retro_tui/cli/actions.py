"""`retro action ...`: who does what by when."""

from dataclasses import asdict
from typing import Any

import click

from retro_tui.cli.common import Context, echo, listing, parse_due, pass_ctx
from retro_tui.domain.actions import (
    STATUS_NAMES,
    add_action,
    edit_action,
    get_action,
    list_actions,
    open_actions,
    remove_action,
    review_action,
)
from retro_tui.errors import RetroError
from retro_tui.i18n import N_, _

# What `action review` says, per outcome.
REVIEWED = {
    "done": N_("Action {action}: done"),
    "carried": N_("Action {action}: carried"),
    "dropped": N_("Action {action}: dropped"),
}


@click.group(help=N_("Actions: who does what by when."))
def action() -> None:
    pass


def status_name(status: str) -> str:
    """An action's status as a listing shows it."""
    return _(STATUS_NAMES[status]) if status in STATUS_NAMES else status


@action.command("add", help=N_("Add an action: what, who and by when; prints its id."))
@click.argument("meeting_id")
@click.argument("text")
@click.option("--owner", required=True, metavar="NAME")
@click.option("--due", metavar="YYYY-MM-DD")
@click.option("--item", "item_id", type=int, help=N_("The agenda item it came from."))
@pass_ctx
def action_add(
    obj: Context, meeting_id: str, text: str, owner: str, due: str | None, item_id: int | None
) -> None:
    added = add_action(obj.store, meeting_id, text, owner, parse_due(due), item_id)
    echo(added.id)


@action.command("list", help=N_("Actions from every meeting (--open for those still open)."))
@click.option("--open", "only_open", is_flag=True, help=N_("Only open actions."))
@listing(
    lambda rows: (
        f"{a['id']:<9} {status_name(a['status']):<7} {a['owner']:<16} {a['due'] or '':<10} "
        f"{a['text']}"
        for a in rows
    )
)
@pass_ctx
def action_list(obj: Context, only_open: bool) -> list[dict[str, Any]]:
    found = open_actions(obj.store) if only_open else list_actions(obj.store)
    return [asdict(a) for a in found]


@action.command("review", help=N_("Record in a later meeting what became of an action."))
@click.argument("action_id")
@click.argument("outcome", type=click.Choice(["done", "carried", "dropped"]))
@click.option("--meeting", "meeting_id", required=True, help=N_("The meeting reviewing it."))
@pass_ctx
def action_review(obj: Context, action_id: str, outcome: str, meeting_id: str) -> None:
    reviewed = review_action(obj.store, action_id, meeting_id, outcome)
    echo(_(REVIEWED[outcome]).format(action=reviewed.id))


@action.command(
    "edit", help=N_("Correct an action of a meeting still open; what is not given stays.")
)
@click.argument("action_id")
@click.option("--text", help=N_("What will be done."))
@click.option("--owner", metavar="NAME", help=N_("Who does it."))
@click.option("--due", metavar="YYYY-MM-DD", help=N_("By when."))
@click.option("--no-due", is_flag=True, help=N_("Take the due date away."))
@pass_ctx
def action_edit(
    obj: Context,
    action_id: str,
    text: str | None,
    owner: str | None,
    due: str | None,
    no_due: bool,
) -> None:
    if due and no_due:
        raise RetroError(_("give --due or --no-due, not both"))
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
    echo(
        _("Action {action} corrected; the minutes show what it said before").format(
            action=before.id
        )
    )


@action.command(
    "remove", help=N_("Take back an action raised by mistake (the minutes keep what it said).")
)
@click.argument("action_id")
@pass_ctx
def action_remove(obj: Context, action_id: str) -> None:
    remove_action(obj.store, action_id, obj.me())
    echo(_("Action {action} removed; the minutes say what it was").format(action=action_id.strip()))
