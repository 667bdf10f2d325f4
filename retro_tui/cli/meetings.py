"""`retro meeting ...`, `retro rota` and `retro checkin`: planning and running meetings."""

from collections.abc import Iterator
from typing import Any

import click

from retro_tui.cli.common import (
    Context,
    echo,
    emit_json,
    group_option,
    listing,
    output_option,
    pass_ctx,
    write_output,
)
from retro_tui.domain import validate
from retro_tui.domain.checkins import check_in
from retro_tui.domain.meetings import (
    CANCELLED,
    CLOSED,
    KINDS,
    PLANNED,
    RUNNING,
    STATUS_NAMES,
    STATUSES,
    Setup,
    coming_turns,
    hand_over,
    list_meetings,
    reopen_meeting,
    set_status,
    swap_roles,
)
from retro_tui.domain.meetings import create_meeting as new_meeting
from retro_tui.domain.rota import ROLES
from retro_tui.export import export_meeting, gather_minutes
from retro_tui.i18n import N_, _, pgettext

# What `meeting status` says, per status.
STATUS_CHANGED = {
    PLANNED: N_("Meeting {meeting} is planned"),
    RUNNING: N_("Meeting {meeting} is running"),
    CLOSED: N_("Meeting {meeting} is closed"),
    CANCELLED: N_("Meeting {meeting} is cancelled"),
}


def meeting_status_name(status: str) -> str:
    """A meeting's status as a listing shows it."""
    return _(STATUS_NAMES[status]) if status in STATUS_NAMES else status


def rota_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    if not rows:
        yield _("No active members yet; add some with `retro member add NAME`.")
    for n, row in enumerate(rows, start=1):
        if row["meeting"]:
            when = _("{meeting} (planned)").format(meeting=row["meeting"])
        else:
            when = pgettext("rota", "next") if n == 1 else pgettext("rota", "then")
        roles = _("facilitator {facilitator} scribe {scribe}").format(
            facilitator=f"{row['facilitator']:<20}", scribe=row["scribe"] or "-"
        )
        yield f"{when:<24} {roles}"


@click.command(
    help=N_("Who facilitates and who takes notes at the next meetings; --ics for your calendar.")
)
@click.option(
    "--count",
    default=4,
    show_default=True,
    type=click.IntRange(1, 52),
    help=N_("How many meetings ahead (1 to 52)."),
)
@group_option(N_("A forum's or community's rota (default: the team's)."))
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON."))
@click.option("--ics", is_flag=True, help=N_("Print the rota as a calendar file (iCalendar)."))
@output_option(
    N_(
        "Write the calendar (with --ics) to FILE "
        "(over SSH: a file name; it goes to the store's exports/)."
    )
)
@pass_ctx
def rota(
    obj: Context, count: int, group: str | None, as_json: bool, ics: bool, output: str | None
) -> None:
    if output is not None and not ics:
        raise click.UsageError(_("--output writes the calendar; add --ics"))
    if ics and as_json:
        raise click.UsageError(_("--ics and --json print different things; choose one"))
    if ics:
        write_calendar(obj, group, count, output)
        return
    rows = [turn.as_json() for turn in coming_turns(obj.store, count, group)]
    if as_json:
        emit_json(rows)
        return
    for line in rota_lines(rows):
        echo(line)


def write_calendar(obj: Context, group: str | None, count: int, output: str | None) -> None:
    """The rota's calendar on stdout or in a file; then what it had to leave out."""
    from retro_tui.export.calendar import rota_calendar  # icalendar only when asked for

    data, notes = rota_calendar(obj.store, group, count)
    write_output(obj, data, output, "ics")
    for note in notes:  # after the calendar is out: an error stays the one line said
        echo(note, err=True)


@click.group(help=N_("Plan, list, show, start and close meetings; swap or hand over roles."))
def meeting() -> None:
    pass


@meeting.command("new", help=N_("Plan a meeting of the team or of a group; prints its id."))
@group_option(N_("A forum's or community's meeting (default: the team's)."))
@click.option(
    "--kind", type=click.Choice(list(KINDS)), help=N_("The team's meetings only (default retro).")
)
@click.option("--title", help=N_("Defaults to the kind's name, or the group's."))
@click.option("--absent", multiple=True, metavar="NAME", help=N_("A member who will not be there."))
@click.option("--date", "on", metavar="YYYY-MM-DD", help=N_("Defaults to today."))
@click.option(
    "--template", metavar="NAME", help=N_("A retrospective's board (see `retro template list`).")
)
@click.option("--anonymous", is_flag=True, help=N_("Keep no name with any card."))
@click.option("--votes", type=int, metavar="N", help=N_("Dots per member (default 3)."))
@click.option(
    "--health/--no-health",
    default=None,
    help=N_("Hold a principles health check (default: the team's setting)."),
)
@pass_ctx
def meeting_new(
    obj: Context,
    group: str | None,
    kind: str | None,
    title: str | None,
    absent: tuple[str, ...],
    on: str | None,
    template: str | None,
    anonymous: bool,
    votes: int | None,
    health: bool | None,
) -> None:
    day = validate.iso_date(on, N_("meeting date")) if on else None
    setup = Setup(template, anonymous, votes, health)
    made = new_meeting(obj.store, kind, title, list(absent), day, obj.me(), group, setup)
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
        "group": m.group,
    }


@meeting.command("list", help=N_("Every meeting: id, kind, status, title and roles."))
@listing(
    lambda rows: (
        f"{r['id']:<13} {r['kind']:<8} {meeting_status_name(r['status']):<9} {r['title']:<30} "
        f"{r['facilitator']} / {r['scribe'] or '-'}"
        for r in rows
    )
)
@pass_ctx
def meeting_list(obj: Context) -> list[dict[str, Any]]:
    return [meeting_row(m) for m in list_meetings(obj.store)]


@meeting.command("show", help=N_("A meeting's minutes (Markdown, or JSON with --json)."))
@click.argument("meeting_id")
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON (the minutes' data)."))
@pass_ctx
def meeting_show(obj: Context, meeting_id: str, as_json: bool) -> None:
    viewer = obj.my_name()
    if as_json:
        emit_json(gather_minutes(obj.store, meeting_id, viewer))
        return
    echo(export_meeting(obj.store, meeting_id, "md", viewer), nl=False)


@meeting.command("status", help=N_("Start (running), close or cancel a meeting."))
@click.argument("meeting_id")
@click.argument("status", type=click.Choice(STATUSES))
@pass_ctx
def meeting_status(obj: Context, meeting_id: str, status: str) -> None:
    changed = set_status(obj.store, meeting_id, status)
    echo(_(STATUS_CHANGED[changed.status]).format(meeting=changed.id))


@meeting.command("reopen", help=N_("Open a closed meeting again (the facilitator, with a reason)."))
@click.argument("meeting_id")
@click.option("--reason", required=True, help=N_("Why; the minutes say it."))
@pass_ctx
def meeting_reopen(obj: Context, meeting_id: str, reason: str) -> None:
    changed = reopen_meeting(obj.store, meeting_id, reason, obj.me())
    echo(_("Meeting {meeting} is open again").format(meeting=changed.id))


@meeting.command("swap", help=N_("The facilitator and the scribe trade places."))
@click.argument("meeting_id")
@click.option("--reason", required=True)
@pass_ctx
def meeting_swap(obj: Context, meeting_id: str, reason: str) -> None:
    changed = swap_roles(obj.store, meeting_id, reason, obj.me())
    echo(
        _("Facilitator {facilitator}, scribe {scribe}").format(
            facilitator=changed.facilitator, scribe=changed.scribe
        )
    )


@meeting.command("handover", help=N_("Give a role to another member."))
@click.argument("meeting_id")
@click.argument("role", type=click.Choice(ROLES))
@click.argument("name")
@click.option("--reason", required=True)
@pass_ctx
def meeting_handover(obj: Context, meeting_id: str, role: str, name: str, reason: str) -> None:
    changed = hand_over(obj.store, meeting_id, role, name, reason, obj.me())
    echo(
        _("Facilitator {facilitator}, scribe {scribe}").format(
            facilitator=changed.facilitator, scribe=changed.scribe or "-"
        )
    )


@click.command("checkin", help=N_("Check in: your energy (1-5) and a word."))
@click.argument("meeting_id")
@click.argument("energy", type=int)
@click.argument("word")
@click.option("--member", "name", help=N_("Defaults to you."))
@pass_ctx
def checkin(obj: Context, meeting_id: str, energy: int, word: str, name: str | None) -> None:
    entry = check_in(obj.store, meeting_id, obj.required_me(name), energy, word)
    echo(
        _("{name} checked in: {energy}/5, {word}").format(
            name=entry.member, energy=entry.energy, word=entry.word
        )
    )
