"""`retro health ...`: the principles health check: switch it on, answer, reveal, show."""

import re
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

import click

from retro_tui.cli.common import Context, echo, listing, pass_ctx
from retro_tui.domain.health import (
    SETTINGS,
    answer_health,
    health_check,
    reveal_health,
    set_health_setting,
)
from retro_tui.domain.principles import list_principles
from retro_tui.errors import RetroError


@click.group()
def health() -> None:
    """The principles health check: each member rates how the team lives each principle."""


@health.command("setting")
@click.argument("setting", type=click.Choice(SETTINGS))
@pass_ctx
def health_setting(obj: Context, setting: str) -> None:
    """Whether the team's retrospectives hold a health check: off, anonymous (nobody's name
    is kept with an answer) or named. `meeting new --health` adds one to any meeting."""
    set_health_setting(obj.store, setting)
    echo(f"Health check in the team's retrospectives: {setting}")


def _pairs(given: tuple[str, ...], what: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for entry in given:
        key, equals, value = entry.partition("=")
        if not equals:
            raise RetroError(f"give each {what} as PRINCIPLE=VALUE, not {entry!r}")
        pairs[key.strip()] = value
    return pairs


@health.command("answer")
@click.argument("meeting_id")
@click.option(
    "--rate", "rates", multiple=True, metavar="PRINCIPLE=N", help="1 to 5, for every principle."
)
@click.option("--all", "every", type=int, metavar="N", help="The same rating for every principle.")
@click.option("--note", "notes", multiple=True, metavar="PRINCIPLE=TEXT", help="A short note.")
@pass_ctx
def health_answer(
    obj: Context, meeting_id: str, rates: tuple[str, ...], every: int | None, notes: tuple[str, ...]
) -> None:
    """Answer the health check (once; a named check takes a new answer in place of yours)."""
    ratings: dict[str, int] = (
        {p.key: every for p in list_principles(obj.store)} if every is not None else {}
    )
    for key, value in _pairs(rates, "rating").items():
        if not re.fullmatch(r"[0-9]+", value.strip()):
            raise RetroError(f"rate {key} with a number from 1 to 5, not {value!r}")
        ratings[key] = int(value)
    answer_health(obj.store, meeting_id, obj.required_me(), ratings, _pairs(notes, "note"))
    echo("Answer kept; it stays hidden until the facilitator reveals the health check")


@health.command("reveal")
@click.argument("meeting_id")
@pass_ctx
def health_reveal(obj: Context, meeting_id: str) -> None:
    """Show everyone's answers at once (the facilitator)."""
    revealed = reveal_health(obj.store, meeting_id, obj.me())
    echo(f"Health check revealed: {len(revealed.answers)} answer(s)")


def health_lines(shown: dict[str, Any]) -> Iterator[str]:
    yield f"{shown['mode'].capitalize()}; answered: {', '.join(shown['answered']) or 'nobody yet'}"
    if not shown["revealed"]:
        yield "The answers are hidden until the facilitator reveals them."
    for p in shown["principles"]:
        flag = "  seen very differently" if p["disagreement"] else ""
        counts = " ".join(f"{n}:{c}" for n, c in p["counts"].items())
        mean = "-" if p["mean"] is None else f"{p['mean']:.1f}"
        yield f"{p['name']:<28} mean {mean}  spread {p['spread']}  [{counts}]{flag}"
        for note in p["notes"]:
            yield f"    “{note}”"


@health.command("show")
@click.argument("meeting_id")
@listing(health_lines)
@pass_ctx
def health_show(obj: Context, meeting_id: str) -> dict[str, Any]:
    """Who has answered and, once revealed, every principle's ratings and their spread."""
    check = health_check(obj.store, meeting_id)
    results = check.results(list_principles(obj.store)) if check.revealed else []
    return {
        "mode": check.mode,
        "answered": check.answered,
        "revealed": check.revealed,
        "principles": [
            {
                **asdict(r),
                "mean": r.mean,
                "spread": r.spread,
                "counts": r.counts,
                "disagreement": r.disagreement,
            }
            for r in results
        ],
    }
