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
from retro_tui.i18n import N_, _, ngettext

# A group's heading in `forum list` and `forum show`, per kind.
KIND_HEADINGS = {
    "team": N_("{name} (team)"),
    "forum": N_("{name} (forum)"),
    "community": N_("{name} (community)"),
}
KIND_FOCUS = {
    "forum": N_("{name} (forum): {focus}"),
    "community": N_("{name} (community): {focus}"),
}
# The standing roles, by their field in a group's JSON.
SHOWN_ROLES = {"lead": LEAD, "co_lead": CO_LEAD, "host": HOST}
ROLE_KINDS = {role.key: role for role in (LEAD, CO_LEAD, HOST)}


def plan_options(command: Any) -> Any:
    """`--every-weeks N --weekday DAY`: when a group meets."""
    command = click.option(
        "--weekday",
        type=click.Choice(WEEKDAYS, case_sensitive=False),
        help=N_("The day it meets."),
    )(command)
    return click.option(
        "--every-weeks", type=int, metavar="N", help=N_("It meets every N weeks (default 1).")
    )(command)


@click.group(
    help=N_("Decision forums: their area, lead and co-lead, members; the map of every group.")
)
def forum() -> None:
    pass


@forum.command("add", help=N_("Make a decision forum with its area, lead, co-lead and members."))
@click.argument("name")
@click.option("--area", required=True, help=N_("What the forum decides about."))
@click.option("--lead", required=True, metavar="MEMBER")
@click.option("--co-lead", "co_lead", required=True, metavar="MEMBER")
@click.option("--member", "members", multiple=True, metavar="MEMBER", help=N_("One more member."))
@click.option(
    "--facilitation",
    type=click.Choice(list(FACILITATIONS)),
    default="rota",
    show_default=True,
    help=N_("Who facilitates its meetings: the rota, or the lead and co-lead in turn."),
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
    echo(
        _("Made the forum {name}: {lead} leads, {co_lead} is co-lead").format(
            name=made.name, lead=made.lead, co_lead=made.co_lead
        )
    )


@forum.command(
    "lead", help=N_("Hand the lead or co-lead of a forum to someone else, with a reason.")
)
@click.argument("name")
@click.option("--lead", metavar="MEMBER", help=N_("The new lead."))
@click.option("--co-lead", "co_lead", metavar="MEMBER", help=N_("The new co-lead."))
@click.option("--reason", required=True, help=N_("Why; the forum's history keeps it."))
@pass_ctx
def forum_lead(obj: Context, name: str, lead: str | None, co_lead: str | None, reason: str) -> None:
    wanted = {key: who for key, who in ((LEAD.key, lead), (CO_LEAD.key, co_lead)) if who}
    changed = change_roles(obj.store, name, wanted, reason, obj.me())
    echo(
        _("{name}: {lead} leads, {co_lead} is co-lead").format(
            name=changed.name, lead=changed.lead, co_lead=changed.co_lead
        )
    )


def map_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    if not rows:
        yield _("No forums or communities yet; make one with `retro forum add`.")
    for row in rows:
        focus = row["area"] or row["topic"]
        heading = KIND_FOCUS.get(row["kind"])
        if heading is None:
            yield f"{row['name']} ({row['kind']}): {focus}"
        else:
            yield _(heading).format(name=row["name"], focus=focus)
        count, next_meeting = len(row["members"]), row["next_meeting"] or "-"
        if row["kind"] == "forum":
            leads = ngettext(
                "{lead} leads, {co_lead} co-lead; {count} member; next meeting {date}",
                "{lead} leads, {co_lead} co-lead; {count} members; next meeting {date}",
                count,
            )
        elif row["host"]:
            leads = ngettext(
                "hosted by {host}; {count} member; next meeting {date}",
                "hosted by {host}; {count} members; next meeting {date}",
                count,
            )
        else:
            leads = ngettext(
                "no host; {count} member; next meeting {date}",
                "no host; {count} members; next meeting {date}",
                count,
            )
        said = leads.format(
            lead=row["lead"],
            co_lead=row["co_lead"],
            host=row["host"],
            count=count,
            date=next_meeting,
        )
        yield f"  {said}"


@forum.command(
    "list",
    help=N_("Every forum and community: what it is for, who leads, who is in it, when it meets."),
)
@listing(map_lines)
@pass_ctx
def forum_list(obj: Context) -> list[dict[str, Any]]:
    return [view.as_json() for view in house_map(obj.store)]


def group_lines(shown: dict[str, Any]) -> Iterator[str]:
    heading = KIND_HEADINGS.get(shown["kind"])
    if heading is None:
        yield f"{shown['name']} ({shown['kind']})"
    else:
        yield _(heading).format(name=shown["name"])
    if shown["area"]:
        yield "  " + _("area: {area}").format(area=shown["area"])
    elif shown["topic"]:
        yield "  " + _("topic: {topic}").format(topic=shown["topic"])
    for field, role in SHOWN_ROLES.items():
        if shown[field]:
            yield f"  {_(role.name)}: {shown[field]}"
    yield "  " + _("members: {names}").format(names=", ".join(shown["members"]))
    if shown["meets"]:
        yield "  " + _("meets: {when}").format(when=shown["meets"])
    else:
        yield "  " + _("meets: when it plans a meeting")
    yield "  " + _("next meeting: {date}").format(date=shown["next_meeting"] or "-")
    for turn in shown["rota"]:
        yield "  " + _turn_line(turn)
    for change in shown["role_changes"]:
        role = ROLE_KINDS.get(change["role"])
        yield (
            f"  {change['at'][:10]}: {_(role.name) if role else change['role']} "
            f"{change['from_member'] or '-'} -> {change['to_member'] or '-'} ({change['reason']})"
        )


def _turn_line(turn: dict[str, Any]) -> str:
    """One coming turn of a group's rota: who facilitates and who takes notes."""
    if turn["meeting"]:
        if turn["scribe"]:
            said = _("{date} (planned): {facilitator} facilitates, {scribe} notes")
        else:
            said = _("{date} (planned): {facilitator} facilitates, nobody notes")
    elif turn["scribe"]:
        said = _("then: {facilitator} facilitates, {scribe} notes")
    else:
        said = _("then: {facilitator} facilitates, nobody notes")
    return said.format(date=turn["date"], facilitator=turn["facilitator"], scribe=turn["scribe"])


@forum.command(
    "show",
    help=N_("One forum or community: who leads since when, members, plan, rota, history."),
)
@click.argument("name")
@listing(group_lines)
@pass_ctx
def forum_show(obj: Context, name: str) -> dict[str, Any]:
    group = get_group(obj.store, name)
    view = next(v for v in house_map(obj.store, with_team=True) if v.group.key == group.key)
    return {
        **view.as_json(),
        "since": group.since,
        "rota": [turn.as_json() for turn in coming_turns(obj.store, 4, group.key)],
        "role_changes": [change.__dict__ for change in group.role_changes],
    }


@click.group(
    help=N_("Knowledge communities: a topic and members; they share knowledge and decide nothing.")
)
def community() -> None:
    pass


@community.command("add", help=N_("Make a knowledge community with its topic and members."))
@click.argument("name")
@click.option("--topic", required=True, help=N_("What the community shares knowledge about."))
@click.option("--host", metavar="MEMBER", help=N_("Who hosts its meetings."))
@click.option("--member", "members", multiple=True, metavar="MEMBER", help=N_("One more member."))
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
    count = len(made.members)
    echo(
        ngettext(
            "Made the community {name} with {count} member",
            "Made the community {name} with {count} members",
            count,
        ).format(name=made.name, count=count)
    )
