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
    get_team,
    init_team,
    list_members,
    retire_member,
    set_team_language,
)
from retro_tui.errors import RetroError
from retro_tui.i18n import LANGUAGES, N_, _, ngettext


@click.command(help=N_("Create the team's store (refuses an existing one)."))
@click.argument("team_name")
@click.option("--purpose", default="", help=N_("The sentence that says why the team exists."))
@click.option(
    "--lang",
    "language",
    metavar="da|en|sv",
    help=N_("The team's language: of its minutes, reports and principles (default: the app's)."),
)
@pass_ctx
def init(obj: Context, team_name: str, purpose: str, language: str | None) -> None:
    team = init_team(obj.store, team_name, purpose, language=language)
    echo(
        _("Created the store of {team} at {folder}").format(team=team.name, folder=obj.store.folder)
    )


@click.command(help=N_("Create a store with a sample team and a year of meetings."))
@pass_ctx
def demo(obj: Context) -> None:
    from retro_tui.domain.demo import create_demo

    team = create_demo(obj.store)
    echo(
        _("Created the demo team {team} at {folder}").format(
            team=team.name, folder=obj.store.folder
        )
    )


@click.group(help=N_("Add, list and retire members; register their SSH keys."))
def member() -> None:
    pass


@member.command("add", help=N_("Add a member (a handle lets retro know them by their login)."))
@click.argument("name")
@click.option("--handle", help=N_("Their login name ($USER), to know them without --as."))
@pass_ctx
def member_add(obj: Context, name: str, handle: str | None) -> None:
    added = add_member(obj.store, name, handle)
    echo(_("Added {name}").format(name=added.name))


def member_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        handle = f" @{row['handle']}" if row["handle"] else ""
        retired = "" if row["active"] else " " + _("(retired)")
        yield f"{row['name']}{handle}{retired}"


@member.command("list", help=N_("The members, active and retired."))
@listing(member_lines)
@pass_ctx
def member_list(obj: Context) -> list[dict[str, Any]]:

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


@member.command("retire", help=N_("Retire a member; their history stays."))
@click.argument("name")
@pass_ctx
def member_retire(obj: Context, name: str) -> None:
    retired = retire_member(obj.store, name)
    echo(_("{name} has retired; their history stays").format(name=retired.name))


@member.group("key", help=N_("Public keys for `retro serve`."))
def member_key() -> None:
    pass


@member_key.command("add", help=N_("Register a member's SSH public key for `retro serve`."))
@click.argument("name")
@click.argument("public_key_file", type=click.Path(dir_okay=False, path_type=Path))
@pass_ctx
def member_key_add(obj: Context, name: str, public_key_file: Path) -> None:
    try:
        text = public_key_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RetroError(
            _("cannot read the key file {path}: {error}").format(path=public_key_file, error=error)
        ) from None
    updated = add_member_key(obj.store, name, text)
    count = len(updated.keys)
    echo(
        ngettext("{name} now has {count} key", "{name} now has {count} keys", count).format(
            name=updated.name, count=count
        )
    )


@click.command(help=N_("The team's principles."))
@listing(lambda rows: (f"{p['key']:<15} {p['name']}\n{'':<15} {p['question']}" for p in rows))
@pass_ctx
def principles(obj: Context) -> list[dict[str, Any]]:
    return [asdict(p) for p in list_principles(obj.store)]


@click.group("team", help=N_("The team's own settings: when it meets, its language."))
def team() -> None:
    pass


@team.command(
    "plan", help=N_("When the team meets; the rota's calendar dates its coming turns by it.")
)
@click.option(
    "--every-weeks", type=int, metavar="N", help=N_("It meets every N weeks (default 1).")
)
@click.option(
    "--weekday",
    required=True,
    type=click.Choice(WEEKDAYS, case_sensitive=False),
    help=N_("The day it meets."),
)
@pass_ctx
def team_plan(obj: Context, every_weeks: int | None, weekday: str) -> None:
    planned = set_plan(obj.store, None, parse_cadence(every_weeks, weekday))
    if planned.cadence:
        echo(_("{name} meets {when}").format(name=planned.name, when=planned.cadence.describe()))
    else:
        echo(_("{name} meets when it plans a meeting").format(name=planned.name))


@team.command(
    "language",
    help=N_(
        "Show the team's language, or set it: its minutes and reports are written in it, "
        "and principles still in their default wording take its wording."
    ),
)
@click.argument("code", required=False, metavar="[da|en|sv]")
@pass_ctx
def team_language(obj: Context, code: str | None) -> None:
    if code is None:
        current = get_team(obj.store).language
        echo(f"{current} ({LANGUAGES[current]})")
        return
    reworded = set_team_language(obj.store, code)
    echo(_("The team's language is now {language}.").format(language=LANGUAGES[code]))
    if reworded:
        echo(
            ngettext(
                "{count} principle now has its default wording in that language.",
                "{count} principles now have their default wording in that language.",
                len(reworded),
            ).format(count=len(reworded))
        )
