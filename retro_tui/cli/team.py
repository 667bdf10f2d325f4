"""`retro init`, `retro demo`, `retro member ...`, `retro principles` and `retro team plan`:
the team itself."""

from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from retro_tui.cli.common import Context, echo, listing, pass_ctx
from retro_tui.domain.groups import WEEKDAYS, parse_cadence, set_plan
from retro_tui.domain.principles import list_principles
from retro_tui.domain.team import (
    add_member,
    add_member_key,
    init_team,
    list_members,
    retire_member,
)
from retro_tui.errors import RetroError


@click.command()
@click.argument("team_name")
@click.option("--purpose", default="", help="The sentence that says why the team exists.")
@pass_ctx
def init(obj: Context, team_name: str, purpose: str) -> None:
    """Create the team's store (refuses an existing one)."""
    team = init_team(obj.store, team_name, purpose)
    echo(f"Created the store of {team.name} at {obj.store.folder}")


@click.command()
@pass_ctx
def demo(obj: Context) -> None:
    """Create a store with a sample team and three months of meetings."""
    from retro_tui.domain.demo import create_demo

    team = create_demo(obj.store)
    echo(f"Created the demo team {team.name} at {obj.store.folder}")


@click.group()
def member() -> None:
    """Add, list and retire members; register their SSH keys."""


@member.command("add")
@click.argument("name")
@click.option("--handle", help="Their login name ($USER), to know them without --as.")
@pass_ctx
def member_add(obj: Context, name: str, handle: str | None) -> None:
    """Add a member (a handle lets retro know them by their login)."""
    added = add_member(obj.store, name, handle)
    echo(f"Added {added.name}")


def member_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        handle = f" @{row['handle']}" if row["handle"] else ""
        yield f"{row['name']}{handle}{'' if row['active'] else ' (retired)'}"


@member.command("list")
@listing(member_lines)
@pass_ctx
def member_list(obj: Context) -> list[dict[str, Any]]:
    """The members, active and retired."""
    return [
        {
            "name": m.name,
            "handle": m.handle,
            "active": m.active,
            "joined": m.joined,
            "keys": len(m.keys),
        }
        for m in list_members(obj.store)
    ]


@member.command("retire")
@click.argument("name")
@pass_ctx
def member_retire(obj: Context, name: str) -> None:
    """Retire a member; their history stays."""
    retired = retire_member(obj.store, name)
    echo(f"{retired.name} has retired; their history stays")


@member.group("key")
def member_key() -> None:
    """Public keys for `retro serve`."""


@member_key.command("add")
@click.argument("name")
@click.argument("public_key_file", type=click.Path(dir_okay=False, path_type=Path))
@pass_ctx
def member_key_add(obj: Context, name: str, public_key_file: Path) -> None:
    """Register a member's SSH public key for `retro serve`."""
    try:
        text = public_key_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RetroError(f"cannot read the key file {public_key_file}: {error}") from None
    updated = add_member_key(obj.store, name, text)
    echo(f"{updated.name} now has {len(updated.keys)} key(s)")


@click.command()
@listing(lambda rows: (f"{p['key']:<15} {p['name']}\n{'':<15} {p['question']}" for p in rows))
@pass_ctx
def principles(obj: Context) -> list[dict[str, Any]]:
    """The team's principles."""
    return [asdict(p) for p in list_principles(obj.store)]


@click.group("team")
def team() -> None:
    """The team's own settings: when it meets."""


@team.command("plan")
@click.option("--every-weeks", type=int, metavar="N", help="It meets every N weeks (default 1).")
@click.option(
    "--weekday",
    required=True,
    type=click.Choice(WEEKDAYS, case_sensitive=False),
    help="The day it meets.",
)
@pass_ctx
def team_plan(obj: Context, every_weeks: int | None, weekday: str) -> None:
    """When the team meets; the rota's calendar dates its coming turns by it."""
    planned = set_plan(obj.store, None, parse_cadence(every_weeks, weekday))
    meets = planned.cadence.describe() if planned.cadence else "when it plans a meeting"
    echo(f"{planned.name} meets {meets}")
