"""`retro report`: what the house, or one of its groups, did and learned over a period."""

import sys
from datetime import date

import click

from retro_tui.cli.common import (
    Context,
    group_option,
    output_option,
    output_path,
    pass_ctx,
    write_output,
)
from retro_tui.domain import validate
from retro_tui.domain.report import default_period
from retro_tui.errors import RetroError
from retro_tui.export.report import REPORT_FORMATS, export_report
from retro_tui.i18n import N_, _


def _day(value: str | None, what: str) -> date | None:
    """The day an option gives; `what` names the option's date, marked N_()."""
    return validate.iso_date(value, what) if value is not None else None


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


@click.command(
    help=N_(
        "What the house (or one group) did and learned over a period: meetings and roles, "
        "decisions, how actions ended, principles in tension, lessons and check-in energy. "
        "Markdown, HTML and JSON go to stdout without --output; a PDF goes to stdout only when "
        "that is not a terminal."
    )
)
@click.option(
    "--from",
    "start",
    metavar="YYYY-MM-DD",
    help=N_("The first day (default: 3 months before --to)."),
)
@click.option("--to", "end", metavar="YYYY-MM-DD", help=N_("The last day (default: today)."))
@click.option(
    "--format", "fmt", type=click.Choice(list(REPORT_FORMATS)), default="md", show_default=True
)
@group_option(N_("One forum, community or the team (default: every group)."))
@output_option(
    N_("Write the report to FILE (over SSH: a file name; it goes to the store's exports/).")
)
@pass_ctx
def report(
    obj: Context,
    start: str | None,
    end: str | None,
    fmt: str,
    group: str | None,
    output: str | None,
) -> None:
    first, last = default_period(_day(start, N_("--from date")), _day(end, N_("--to date")))
    binary = REPORT_FORMATS[fmt].binary
    if output is not None:
        output_path(output, fmt, obj.store.folder)  # a bad name is said before the work
    elif binary and stdout_is_terminal():
        raise RetroError(
            _("a {format} is not for a terminal; give --output FILE").format(format=fmt.upper())
        )
    data = export_report(obj.store, first, last, fmt, group)
    write_output(obj, data if binary else data.decode(), output, fmt)
