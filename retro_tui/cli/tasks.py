"""`retro task ...`: leadership tasks handed to a colleague, their written agreement on
five dimensions, and the alignment check between the two."""

from collections.abc import Iterator
from typing import Any

import click

from retro_tui.cli.common import Context, echo, group_option, listing, pass_ctx
from retro_tui.domain import clock
from retro_tui.domain.groups import get_group
from retro_tui.domain.tasks import (
    DIMENSIONS,
    KEYS,
    Task,
    add_task,
    agree,
    check,
    flag_on_agenda,
    get_task,
    list_tasks,
    visible_answers,
)
from retro_tui.i18n import N_, _


@click.group(help=N_("Leadership tasks: who holds them, their agreement, how aligned the two are."))
def task() -> None:
    pass


@task.command("add", help=N_("Register a leadership task handed from one member to another."))
@click.argument("name")
@click.option("--holder", required=True, metavar="MEMBER", help=N_("Who takes the task on."))
@click.option("--from", "handed_by", required=True, metavar="MEMBER", help=N_("Who hands it over."))
@group_option(N_("The group it serves (default: the team)."))
@pass_ctx
def task_add(obj: Context, name: str, holder: str, handed_by: str, group: str | None) -> None:
    made = add_task(obj.store, name, holder, handed_by, group)
    echo(
        _("{by} hands {task} to {holder}").format(
            by=made.handed_by, task=made.name, holder=made.holder
        )
    )


def dimension_options(command: Any) -> Any:
    """`--direction TEXT` and the rest: each dimension's question (marked N_()) is its help."""
    for dimension in reversed(DIMENSIONS):
        command = click.option(
            f"--{dimension.key}", required=True, metavar="TEXT", help=dimension.question
        )(command)
    return command


@task.command(
    "agree",
    help=N_("Write down the agreement on direction, frame, results, resources and roles."),
)
@click.argument("name")
@dimension_options
@click.option("--check-in", metavar="YYYY-MM-DD", help=N_("When the two look at it again."))
@pass_ctx
def task_agree(obj: Context, name: str, check_in: str | None, **texts: str) -> None:
    agreed = agree(obj.store, name, texts, check_in, obj.me())
    echo(
        _("Agreement {number} of {task} written").format(
            number=len(agreed.agreements), task=agreed.name
        )
    )


@task.command(
    "check",
    help=N_("Answer the alignment check: how clear and shared each dimension is, 1 to 5."),
)
@click.argument("name")
@click.option("--direction", type=click.IntRange(1, 5), required=True, metavar="N")
@click.option("--frame", type=click.IntRange(1, 5), required=True, metavar="N")
@click.option("--results", type=click.IntRange(1, 5), required=True, metavar="N")
@click.option("--resources", type=click.IntRange(1, 5), required=True, metavar="N")
@click.option("--roles", type=click.IntRange(1, 5), required=True, metavar="N")
@click.option("--note", default="", help=N_("What you would like the other to know."))
@pass_ctx
def task_check(obj: Context, name: str, note: str, **scores: int) -> None:
    me = obj.required_me()
    checked = check(obj.store, name, me, scores, note)
    if checked.open_check is not None:
        other = next(m for m in checked.pair if m != me.name)
        echo(
            _("Answer saved; {name} has not answered yet, so neither sees the other's").format(
                name=other
            )
        )
        return
    flags = checked.flags()
    if flags:
        nouns = ", ".join(_(d.noun) for d in DIMENSIONS if d.key in flags)
        echo(_("Both have answered. Not aligned: {dimensions}").format(dimensions=nouns))
    else:
        echo(_("Both have answered: aligned"))


def task_row(task: Task, viewer: str | None) -> dict[str, Any]:
    """A task as `viewer` may see it: the last check's answers once both are in."""
    agreement = task.agreement
    last = task.checks[-1] if task.checks else None
    shown = visible_answers(task, last, viewer) if last else []
    both = last is not None and task.revealed(last)
    flags = task.flags(last) if both else []
    return {
        "name": task.name,
        "holder": task.holder,
        "from": task.handed_by,
        "group": task.group,
        "agreement": agreement.texts if agreement else None,
        "check_in": agreement.check_in if agreement else None,
        "checked": both,
        "waiting_for": [m for m in task.pair if last and not last.answer_of(m)]
        if last and not both
        else [],
        "dimensions": [
            {
                "key": dimension.key,
                "name": dimension.name,
                "agreed": agreement.texts[dimension.key] if agreement else None,
                "answers": {a.member: a.scores[dimension.key] for a in shown},
                "aligned": (dimension.key not in flags) if both else None,
            }
            for dimension in DIMENSIONS
        ],
        "notes": {a.member: a.note for a in shown if a.note},
        "attention": task.needs_attention(clock.today()),
    }


def task_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    if not rows:
        yield _("No leadership tasks yet; add one with `retro task add`.")
    for row in rows:
        yield f"{row['name']}: {row['from']} -> {row['holder']}"
        yield "  " + (row["attention"] or _("aligned"))


@task.command(
    "list", help=N_("Every leadership task, who holds it and whether the two are aligned.")
)
@listing(task_lines)
@pass_ctx
def task_list(obj: Context) -> list[dict[str, Any]]:
    viewer = obj.my_name()
    return [task_row(t, viewer) for t in list_tasks(obj.store)]


def detail_lines(row: dict[str, Any]) -> Iterator[str]:
    yield _("{task}: handed by {by} to {holder}").format(
        task=row["name"], by=row["from"], holder=row["holder"]
    )
    if row["agreement"] is None:
        yield "  " + _("no agreement written yet")
    if row["check_in"]:
        yield "  " + _("check-in: {date}").format(date=row["check_in"])
    for dimension in row["dimensions"]:
        answers = ", ".join(f"{who} {score}" for who, score in dimension["answers"].items())
        state = {True: _("aligned"), False: _("NOT aligned"), None: ""}[dimension["aligned"]]
        name = dimension["name"]
        yield f"  {_(name)}: {dimension['agreed'] or '-'}"
        if answers:
            yield f"    {answers} {state}".rstrip()
    for who, note in row["notes"].items():
        yield "  " + _("{name} notes: {note}").format(name=who, note=note)
    if row["waiting_for"]:
        yield "  " + _("waiting for {names} to answer the check").format(
            names=", ".join(row["waiting_for"])
        )


@task.command(
    "show",
    help=N_("One task: its agreement and, once both have answered, the alignment per dimension."),
)
@click.argument("name")
@listing(detail_lines)
@pass_ctx
def task_show(obj: Context, name: str) -> dict[str, Any]:
    return task_row(get_task(obj.store, name), obj.my_name())


@task.command(
    "agenda",
    help=N_("Put a dimension that is not aligned on the agenda of the group's next meeting."),
)
@click.argument("name")
@click.argument("dimension", type=click.Choice(KEYS))
@pass_ctx
def task_agenda(obj: Context, name: str, dimension: str) -> None:
    meeting, item = flag_on_agenda(obj.store, name, dimension, obj.me())
    group = get_group(obj.store, meeting.group).name
    echo(
        _("Item {item} of {group}'s meeting {meeting}").format(
            item=item, group=group, meeting=meeting.id
        )
    )
