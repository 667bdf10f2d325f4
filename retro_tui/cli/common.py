"""What the command modules share: the context, printing, and `--json` listings."""

import functools
import json
import os
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

import click

from retro_tui.cli import Context
from retro_tui.domain import validate
from retro_tui.domain.team import is_remote
from retro_tui.errors import RetroError
from retro_tui.i18n import N_, _
from retro_tui.store import clean_text
from retro_tui.store.exports import export_target, write_file

pass_ctx = click.make_pass_decorator(Context)


def echo(message: object, nl: bool = True, err: bool = False) -> None:
    """Print a line; no control character in it reaches the terminal."""
    click.echo(clean_text(str(message)), nl=nl, err=err)


def emit_json(value: Any) -> None:
    echo(json.dumps(value, ensure_ascii=False, indent=2))


def listing(lines: Callable[[Any], Iterable[str]]) -> Callable[[Callable[..., Any]], Any]:
    """A command that shows something (a list of rows, or one object): it takes `--json`
    and returns what it shows as JSON-ready data, printed as JSON with `--json`, else as
    the `lines` made from it."""

    def decorate(command: Callable[..., Any]) -> Any:
        @click.option("--json", "as_json", is_flag=True, help=N_("Print JSON."))
        @functools.wraps(command)
        def show(*args: Any, as_json: bool, **kwargs: Any) -> None:
            shown = command(*args, **kwargs)
            if as_json:
                emit_json(shown)
                return
            for line in lines(shown):
                echo(line)

        return show

    return decorate


def output_path(output: str, extension: str, store_folder: Path) -> Path:
    """Where `--output` goes: over SSH a plain file name in the store's `exports/` folder,
    else the path given."""
    return export_target(output, extension, store_folder, is_remote(dict(os.environ)))


def write_output(obj: Context, data: str | bytes, output: str | None, extension: str) -> None:
    """`data` on stdout without `--output`; else written whole to that file, replacing one
    that is there (as a shell's `>` would), never through a symbolic link."""
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            echo(data, nl=False)
        return
    path = output_path(output, extension, obj.store.folder)
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    write_file(path, raw, overwrite=True, make_folder=is_remote(dict(os.environ)))
    echo(_("Wrote {path}").format(path=path), err=True)


def output_option(description: str) -> Callable[[Callable[..., Any]], Any]:
    """`--output FILE`, the same for every command that writes a file; `description` is
    its help, marked N_() (`Write the minutes to FILE (over SSH: ...)`)."""
    return click.option("--output", metavar="FILE", help=description)


def _named(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise RetroError(_("the group name is empty; name a forum, a community or the team"))
    return value


def group_option(description: str) -> Callable[[Callable[..., Any]], Any]:
    """`--group NAME`, the same for every command that takes one: a blank name is an error,
    never the team or every group by accident. `description` is its help, marked N_()."""
    return click.option("--group", metavar="NAME", callback=_named, help=description)


def parse_due(value: str | None) -> date | None:
    return validate.iso_date(value, N_("due date")) if value else None
