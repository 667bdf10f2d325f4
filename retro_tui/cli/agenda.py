"""`retro item ...`, `retro decide` and `retro decision ...`: agenda items and decisions."""

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

import click

from retro_tui.cli.common import Context, echo, group_option, listing, pass_ctx
from retro_tui.domain.agenda import (
    STATUS_NAMES,
    add_item,
    close_item,
    list_items,
    set_check,
    set_notes,
)
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
from retro_tui.i18n import N_, _


@click.group(help=N_("Agenda items: add, check against the principles, note, close."))
def item() -> None:
    pass


def hint() -> str:
    """The bureaucracy trap's gentle question, as a line on stderr."""
    return _("Hint: {hint}").format(hint=_(HINT))


@item.command("add", help=N_("Add an agenda item; prints its number."))
@click.argument("meeting_id")
@click.argument("title")
@click.option("--owner", metavar="NAME")
@click.option("--timebox", type=int, metavar="MINUTES")
@pass_ctx
def item_add(
    obj: Context, meeting_id: str, title: str, owner: str | None, timebox: int | None
) -> None:
    added = add_item(obj.store, meeting_id, title, owner, timebox, obj.me())
    echo(added.id)
    if rule_words(added.title):
        echo(hint(), err=True)


def item_status(status: str) -> str:
    """An agenda item's status as a listing shows it."""
    return _(STATUS_NAMES[status]) if status in STATUS_NAMES else status


@item.command("list", help=N_("A meeting's agenda items."))
@click.argument("meeting_id")
@listing(lambda rows: (f"{i['id']:>3} {item_status(i['status']):<7} {i['title']}" for i in rows))
@pass_ctx
def item_list(obj: Context, meeting_id: str) -> list[dict[str, Any]]:
    return [asdict(i) for i in list_items(obj.store, meeting_id)]


@item.command("check", help=N_("Record how an item stands against one principle."))
@click.argument("meeting_id")
@click.argument("item_id", type=int)
@click.argument("principle")
@click.argument("verdict", type=click.Choice(VERDICTS))
@click.option("--note", default="", help=N_("Required for a tension."))
@pass_ctx
def item_check(
    obj: Context, meeting_id: str, item_id: int, principle: str, verdict: str, note: str
) -> None:
    set_check(obj.store, meeting_id, item_id, principle, verdict, note)
    echo(f"{principle}: {verdict}")


@item.command("notes", help=N_("Replace an item's notes."))
@click.argument("meeting_id")
@click.argument("item_id", type=int)
@click.argument("text")
@pass_ctx
def item_notes(obj: Context, meeting_id: str, item_id: int, text: str) -> None:
    set_notes(obj.store, meeting_id, item_id, text)
    echo(_("Notes saved"))


@item.command(
    "close", help=N_("Finish an item (--skip-check if principles are not yet considered).")
)
@click.argument("meeting_id")
@click.argument("item_id", type=int)
@click.option("--skip-check", is_flag=True, help=N_("Close with principles not yet considered."))
@pass_ctx
def item_close(obj: Context, meeting_id: str, item_id: int, skip_check: bool) -> None:
    closed = close_item(obj.store, meeting_id, item_id, skip_check)
    if closed.check_skipped:
        echo(_("Item {item} closed (check skipped)").format(item=closed.id))
    else:
        echo(_("Item {item} closed").format(item=closed.id))


@click.command(
    "decide",
    help=N_("Record a decision on an item, with whom it consulted; prints its register id."),
)
@click.argument("meeting_id")
@click.argument("item_id", type=int)
@click.argument("text")
@click.option(
    "--knows-most",
    multiple=True,
    metavar="NAME",
    help=N_("Someone consulted for their knowledge."),
)
@click.option(
    "--affected",
    multiple=True,
    metavar="NAME",
    help=N_("Someone consulted because it affects them."),
)
@click.option("--review", metavar="YYYY-MM-DD", help=N_("When the group looks at it again."))
@click.option("--revises", metavar="ID", help=N_("The decision in the register it replaces."))
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
    echo(_("Decision {number} recorded as {record}").format(number=made.number, record=made.record))
    if made.nobody_consulted:
        echo(_("Note: nobody was consulted; the minutes will show it."), err=True)
    if rule_words(made.text):
        echo(hint(), err=True)


@click.group(
    help=N_("The decision register: list, review, keep, retire; correct or take back one.")
)
def decision() -> None:
    pass


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
        yield _("No decisions found.")
    for r in rows:
        key = r["status"]
        status = _(STATUSES[key])
        if r["review"] and key == "in-force":
            status = _("{status}, review {date}").format(status=status, date=r["review"])
        yield f"{r['id']:<9} {r['date']}  {r['group']} ({status})"
        yield f"          {r['text']}"


@decision.command("list", help=N_("Every decision of every group, oldest first: the register."))
@click.option("--due", is_flag=True, help=N_("Only those in force whose review date has come."))
@group_option(N_("Only this group's decisions."))
@click.option("--meeting", "meeting_id", help=N_("Only this meeting's decisions."))
@click.option("--search", default="", help=N_("Words that must all occur in the decision."))
@listing(register_lines)
@pass_ctx
def decision_list(
    obj: Context, due: bool, group: str | None, meeting_id: str | None, search: str
) -> list[dict[str, Any]]:
    found = register(obj.store, group, due, search)
    if meeting_id:
        found = [d for d in found if d.meeting == meeting_id.strip()]
    return [decision_row(obj.store, d) for d in found]


@decision.command(
    "review", help=N_("Put a decision's review on the agenda of its group's next meeting.")
)
@click.argument("decision_id", metavar="ID")
@pass_ctx
def decision_review(obj: Context, decision_id: str) -> None:
    meeting, item_number = put_review_on_agenda(obj.store, decision_id, obj.me())
    echo(
        _("Its review is item {item} of meeting {meeting}").format(
            item=item_number, meeting=meeting.id
        )
    )


@decision.command("keep", help=N_("After a review: the decision stays in force."))
@click.argument("decision_id", metavar="ID")
@click.option("--review", metavar="YYYY-MM-DD", help=N_("When to look at it again (else never)."))
@pass_ctx
def decision_keep(obj: Context, decision_id: str, review: str | None) -> None:
    kept = keep_decision(obj.store, decision_id, review)
    if kept.review:
        echo(
            _("Decision {record} stays in force until {date}").format(
                record=kept.record, date=kept.review
            )
        )
    else:
        echo(_("Decision {record} stays in force").format(record=kept.record))


@decision.command("retire", help=N_("The group no longer holds to a decision."))
@click.argument("decision_id", metavar="ID")
@click.option("--reason", required=True, help=N_("Why it no longer holds; the register keeps it."))
@pass_ctx
def decision_retire(obj: Context, decision_id: str, reason: str) -> None:
    retired = retire_decision(obj.store, decision_id, reason, obj.me())
    echo(_("Decision {record} is retired").format(record=retired.record))


@decision.command(
    "edit", help=N_("Correct a decision of a meeting still open; what is not given stays.")
)
@click.argument("meeting_id")
@click.argument("decision_id", type=int)
@click.option("--text", help=N_("The decision as it should read."))
@click.option(
    "--knows-most",
    multiple=True,
    metavar="NAME",
    help=N_("Replaces those consulted for knowledge."),
)
@click.option(
    "--affected", multiple=True, metavar="NAME", help=N_("Replaces those consulted as affected.")
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
    echo(
        _("Decision {number} corrected; the minutes show what it said before").format(
            number=decision_id
        )
    )


@decision.command(
    "remove", help=N_("Take back a decision recorded by mistake (the minutes keep what it said).")
)
@click.argument("meeting_id")
@click.argument("decision_id", type=int)
@pass_ctx
def decision_remove(obj: Context, meeting_id: str, decision_id: int) -> None:
    remove_decision(obj.store, meeting_id, decision_id, obj.me())
    echo(_("Decision {number} removed; the minutes say what it was").format(number=decision_id))
