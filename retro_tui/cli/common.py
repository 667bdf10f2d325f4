"""What the command modules share: the context, printing, and `--json` listings."""

import functools
import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import click

from retro_tui.cli import Context
from retro_tui.domain import validate
from retro_tui.store import clean_text

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
        @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
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


def parse_due(value: str | None) -> date | None:
    return validate.iso_date(value, "due date") if value else None
