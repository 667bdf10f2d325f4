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
from retro_tui.i18n import N_, _, ngettext

# What `health setting` says, per setting.
SETTING_SAID = {
    "off": N_("Health check in the team's retrospectives: off"),
    "anonymous": N_("Health check in the team's retrospectives: anonymous"),
    "named": N_("Health check in the team's retrospectives: named"),
}
# The first line of `health show`, per mode.
MODE_LINES = {
    "anonymous": N_("Anonymous; answered: {names}"),
    "named": N_("Named; answered: {names}"),
}
# A malformed PRINCIPLE=VALUE, per option.
NOT_A_PAIR = {
    "rating": N_("give each rating as PRINCIPLE=VALUE, not {entry}"),
    "note": N_("give each note as PRINCIPLE=VALUE, not {entry}"),
}


@click.group(
    help=N_("The principles health check: each member rates how the team lives each principle.")
)
def health() -> None:
    pass


@health.command(
    "setting",
    help=N_(
        "Whether the team's retrospectives hold a health check: off, anonymous (nobody's name "
        "is kept with an answer) or named. `meeting new --health` adds one to any meeting."
    ),
)
@click.argument("setting", type=click.Choice(SETTINGS))
@pass_ctx
def health_setting(obj: Context, setting: str) -> None:
    set_health_setting(obj.store, setting)
    echo(_(SETTING_SAID[setting]))


def _pairs(given: tuple[str, ...], what: str) -> dict[str, str]:
    """`PRINCIPLE=VALUE` entries of the option `what` (a key of NOT_A_PAIR), by principle."""
    pairs: dict[str, str] = {}
    for entry in given:
        key, equals, value = entry.partition("=")
        if not equals:
            raise RetroError(_(NOT_A_PAIR[what]).format(entry=repr(entry)))
        pairs[key.strip()] = value
    return pairs


@health.command(
    "answer",
    help=N_("Answer the health check (once; a named check takes a new answer in place of yours)."),
)
@click.argument("meeting_id")
@click.option(
    "--rate",
    "rates",
    multiple=True,
    metavar="PRINCIPLE=N",
    help=N_("1 to 5, for every principle."),
)
@click.option(
    "--all", "every", type=int, metavar="N", help=N_("The same rating for every principle.")
)
@click.option("--note", "notes", multiple=True, metavar="PRINCIPLE=TEXT", help=N_("A short note."))
@pass_ctx
def health_answer(
    obj: Context, meeting_id: str, rates: tuple[str, ...], every: int | None, notes: tuple[str, ...]
) -> None:
    ratings: dict[str, int] = (
        {p.key: every for p in list_principles(obj.store)} if every is not None else {}
    )
    for key, value in _pairs(rates, "rating").items():
        if not re.fullmatch(r"[0-9]+", value.strip()):
            raise RetroError(
                _("rate {principle} with a number from 1 to 5, not {value}").format(
                    principle=key, value=repr(value)
                )
            )
        ratings[key] = int(value)
    answer_health(obj.store, meeting_id, obj.required_me(), ratings, _pairs(notes, "note"))
    echo(_("Answer kept; it stays hidden until the facilitator reveals the health check"))


@health.command("reveal", help=N_("Show everyone's answers at once (the facilitator)."))
@click.argument("meeting_id")
@pass_ctx
def health_reveal(obj: Context, meeting_id: str) -> None:
    revealed = reveal_health(obj.store, meeting_id, obj.me())
    count = len(revealed.answers)
    echo(
        ngettext(
            "Health check revealed: {count} answer", "Health check revealed: {count} answers", count
        ).format(count=count)
    )


def health_lines(shown: dict[str, Any]) -> Iterator[str]:
    names = ", ".join(shown["answered"]) or _("nobody yet")
    mode = MODE_LINES[shown["mode"]]  # the store holds no other mode
    yield _(mode).format(names=names)
    if not shown["revealed"]:
        yield _("The answers are hidden until the facilitator reveals them.")
    for p in shown["principles"]:
        flag = "  " + _("seen very differently") if p["disagreement"] else ""
        counts = " ".join(f"{n}:{c}" for n, c in p["counts"].items())
        mean = "-" if p["mean"] is None else f"{p['mean']:.1f}"
        figures = _("mean {mean}  spread {spread}").format(mean=mean, spread=p["spread"])
        yield f"{p['name']:<28} {figures}  [{counts}]{flag}"
        for note in p["notes"]:
            yield f"    “{note}”"


@health.command(
    "show",
    help=N_("Who has answered and, once revealed, every principle's ratings and their spread."),
)
@click.argument("meeting_id")
@listing(health_lines)
@pass_ctx
def health_show(obj: Context, meeting_id: str) -> dict[str, Any]:
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
