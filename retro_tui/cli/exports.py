"""`retro export` and `retro map`: a meeting's minutes, and the house's page."""

import click

from retro_tui.cli.common import Context, output_option, pass_ctx, write_output
from retro_tui.export import FORMATS, HOUSE_FORMATS, export_house, export_meeting
from retro_tui.i18n import N_


@click.command(help=N_("A meeting's minutes, on stdout or to a file."))
@click.argument("meeting_id")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="md", show_default=True)
@output_option(
    N_("Write the minutes to FILE (over SSH: a file name; it goes to the store's exports/).")
)
@pass_ctx
def export(obj: Context, meeting_id: str, fmt: str, output: str | None) -> None:
    write_output(obj, export_meeting(obj.store, meeting_id, fmt, obj.my_name()), output, fmt)


@click.command(
    "map", help=N_("The house on one page: forums, communities, leads, decisions in force, tasks.")
)
@click.option("--format", "fmt", type=click.Choice(HOUSE_FORMATS), default="md", show_default=True)
@output_option(
    N_("Write the page to FILE (over SSH: a file name; it goes to the store's exports/).")
)
@pass_ctx
def map(obj: Context, fmt: str, output: str | None) -> None:
    write_output(obj, export_house(obj.store, fmt), output, fmt)
