"""`retro export` and `retro map`: a meeting's minutes, and the house's page."""

from pathlib import Path

import click

from retro_tui.cli.common import Context, echo, pass_ctx
from retro_tui.export import FORMATS, HOUSE_FORMATS, export_house, export_meeting


@click.command()
@click.argument("meeting_id")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="md", show_default=True)
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file."
)
@pass_ctx
def export(obj: Context, meeting_id: str, fmt: str, output: Path | None) -> None:
    """A meeting's minutes, on stdout or to a file."""
    write(export_meeting(obj.store, meeting_id, fmt, obj.my_name()), output)


def write(text: str, output: Path | None) -> None:
    if output is None:
        echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    echo(f"Wrote {output}", err=True)


@click.command("map")
@click.option("--format", "fmt", type=click.Choice(HOUSE_FORMATS), default="md", show_default=True)
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file."
)
@pass_ctx
def map(obj: Context, fmt: str, output: Path | None) -> None:
    """The house on one page: forums, communities, leads, decisions in force, tasks."""
    write(export_house(obj.store, fmt), output)
