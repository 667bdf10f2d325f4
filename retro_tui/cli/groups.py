"""`retro forum ...` and `retro community ...`: the house's decision forums and knowledge
communities, who leads them and who is in them."""

from collections.abc import Iterator
from typing import Any

import click

from retro_tui.cli.common import Context, echo, listing, pass_ctx
from retro_tui.domain.groups import (
    CO_LEAD,
    FACILITATIONS,
    HOST,
    LEAD,
    WEEKDAYS,
    add_group,
    change_roles,
    get_group,
    parse_cadence,
)
from retro_tui.domain.house import house_map
from retro_tui.domain.meetings import coming_turns


def plan_options(command: Any) -> Any:
    """`--every-weeks N --weekday DAY`: when a group meets."""
    command = click.option(
        "--weekday", type=click.Choice(WEEKDAYS, case_sensitive=False), help="The day it meets."
    )(command)
    return click.option(
        "--every-weeks", type=int, metavar="N", help="It meets every N weeks (default 1)."
    )(command)


@click.group()
def forum() -> None:
    """Decision forums: their area, lead and co-lead, members; the map of every group."""


@forum.command("add")
@click.argument("name")
@click.option("--area", required=True, help="What the forum decides about.")
@click.option("--lead", required=True, metavar="MEMBER")
@click.option("--co-lead", "co_lead", required=True, metavar="MEMBER")
@click.option("--member", "members", multiple=True, metavar="MEMBER", help="One more member.")
@click.option(
    "--facilitation",
    type=click.Choice(list(FACILITATIONS)),
    default="rota",
    show_default=True,
    help="Who facilitates its meetings: the rota, or the lead and co-lead in turn.",
)
@plan_options
@pass_ctx
def forum_add(
    obj: Context,
    name: str,
    area: str,
    lead: str,
    co_lead: str,
    members: tuple[str, ...],
    facilitation: str,
    every_weeks: int | None,
    weekday: str | None,
) -> None:
    """Make a decision forum with its area, lead, co-lead and members."""
    made = add_group(
        obj.store,
        "forum",
        name,
        area,
        {LEAD.key: lead, CO_LEAD.key: co_lead},
        list(members),
        parse_cadence(every_weeks, weekday),
        facilitation,
        obj.me(),
    )
    echo(f"Made the forum {made.name}: {made.lead} leads, {made.co_lead} is co-lead")


@forum.command("lead")
@click.argument("name")
@click.option("--lead", metavar="MEMBER", help="The new lead.")
@click.option("--co-lead", "co_lead", metavar="MEMBER", help="The new co-lead.")
@click.option("--reason", required=True, help="Why; the forum's history keeps it.")
@pass_ctx
def forum_lead(obj: Context, name: str, lead: str | None, co_lead: str | None, reason: str) -> None:
    """Hand the lead or co-lead of a forum to someone else, with a reason."""
    wanted = {key: who for key, who in ((LEAD.key, lead), (CO_LEAD.key, co_lead)) if who}
    changed = change_roles(obj.store, name, wanted, reason, obj.me())
    echo(f"{changed.name}: {changed.lead} leads, {changed.co_lead} is co-lead")


def map_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    if not rows:
        yield "No forums or communities yet; make one with `retro forum add`."
    for row in rows:
        leads = (
            f"{row['lead']} leads, {row['co_lead']} co-lead"
            if row["kind"] == "forum"
            else f"hosted by {row['host']}"
            if row["host"]
            else "no host"
        )
        yield f"{row['name']} ({row['kind']}): {row['area'] or row['topic']}"
        yield f"  {leads}; {len(row['members'])} members; next meeting {row['next_meeting'] or '-'}"


@forum.command("list")
@listing(map_lines)
@pass_ctx
def forum_list(obj: Context) -> list[dict[str, Any]]:
    """Every forum and community: what it is for, who leads, who is in it, when it meets."""
    return [view.as_json() for view in house_map(obj.store)]


def group_lines(shown: dict[str, Any]) -> Iterator[str]:
    yield f"{shown['name']} ({shown['kind']})"
    if shown["area"] or shown["topic"]:
        yield f"  {'area' if shown['area'] else 'topic'}: {shown['area'] or shown['topic']}"
    for role in ("lead", "co_lead", "host"):
        if shown[role]:
            yield f"  {role.replace('_', '-')}: {shown[role]}"
    yield f"  members: {', '.join(shown['members'])}"
    yield f"  meets: {shown['meets'] or 'when it plans a meeting'}"
    yield f"  next meeting: {shown['next_meeting'] or '-'}"
    for turn in shown["rota"]:
        when = f"{turn['date']} (planned)" if turn["meeting"] else "then"
        yield f"  {when}: {turn['facilitator']} facilitates, {turn['scribe'] or 'nobody'} notes"
    for change in shown["role_changes"]:
        yield (
            f"  {change['at'][:10]}: {change['role']} {change['from_member'] or '-'} -> "
            f"{change['to_member'] or '-'} ({change['reason']})"
        )


@forum.command("show")
@click.argument("name")
@listing(group_lines)
@pass_ctx
def forum_show(obj: Context, name: str) -> dict[str, Any]:
    """One forum or community: who leads since when, members, plan, rota, history."""
    group = get_group(obj.store, name)
    view = next(v for v in house_map(obj.store, with_team=True) if v.group.key == group.key)
    return {
        **view.as_json(),
        "since": group.since,
        "rota": [turn.as_json() for turn in coming_turns(obj.store, 4, group.key)],
        "role_changes": [change.__dict__ for change in group.role_changes],
    }


@click.group()
def community() -> None:
    """Knowledge communities: a topic and members; they share knowledge and decide nothing."""


@community.command("add")
@click.argument("name")
@click.option("--topic", required=True, help="What the community shares knowledge about.")
@click.option("--host", metavar="MEMBER", help="Who hosts its meetings.")
@click.option("--member", "members", multiple=True, metavar="MEMBER", help="One more member.")
@plan_options
@pass_ctx
def community_add(
    obj: Context,
    name: str,
    topic: str,
    host: str | None,
    members: tuple[str, ...],
    every_weeks: int | None,
    weekday: str | None,
) -> None:
    """Make a knowledge community with its topic and members."""
    made = add_group(
        obj.store,
        "community",
        name,
        topic,
        {HOST.key: host},
        list(members),
        parse_cadence(every_weeks, weekday),
        by=obj.me(),
    )
    echo(f"Made the community {made.name} with {len(made.members)} members")
