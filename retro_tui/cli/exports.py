"""`retro export`: a meeting's minutes."""

from pathlib import Path

import click

from retro_tui.cli.common import Context, echo, pass_ctx
from retro_tui.export import FORMATS, export_meeting


@click.command()
@click.argument("meeting_id")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file."
)
@pass_ctx
def export(obj: Context, meeting_id: str, fmt: str, output: Path | None) -> None:
    """A meeting's minutes, on stdout or to a file."""
    text = export_meeting(obj.store, meeting_id, fmt, obj.my_name())
    if output is None:
        echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    echo(f"Wrote {output}", err=True)
