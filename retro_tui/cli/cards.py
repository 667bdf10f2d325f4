"""`retro card ...`: retrospective cards, written hidden, revealed, dot-voted."""

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

import click

from retro_tui.cli.common import Context, echo, listing, pass_ctx
from retro_tui.domain.cards import (
    COLUMNS,
    add_card,
    board,
    edit_card,
    remove_card,
    reveal_cards,
    vote,
)


@click.group()
def card() -> None:
    """Retrospective cards: write, reveal, vote."""


@card.command("add")
@click.argument("meeting_id")
@click.argument("column", type=click.Choice(list(COLUMNS)))
@click.argument("text")
@pass_ctx
def card_add(obj: Context, meeting_id: str, column: str, text: str) -> None:
    """Write a card; it stays hidden from others until the reveal."""
    added = add_card(obj.store, meeting_id, column, text, obj.me())
    echo(added.id)


@card.command("edit")
@click.argument("meeting_id")
@click.argument("card_id", type=int)
@click.argument("text")
@click.option("--column", type=click.Choice(list(COLUMNS)), help="Move it to this column.")
@pass_ctx
def card_edit(obj: Context, meeting_id: str, card_id: int, text: str, column: str | None) -> None:
    """Correct your card (after the reveal also the facilitator or scribe)."""
    edit_card(obj.store, meeting_id, card_id, text, obj.required_me(), column)
    echo(f"Card {card_id} corrected")


@card.command("remove")
@click.argument("meeting_id")
@click.argument("card_id", type=int)
@pass_ctx
def card_remove(obj: Context, meeting_id: str, card_id: int) -> None:
    """Take a card away; its dots go back to their voters."""
    remove_card(obj.store, meeting_id, card_id, obj.required_me())
    echo(f"Card {card_id} removed")


@card.command("reveal")
@click.argument("meeting_id")
@pass_ctx
def card_reveal(obj: Context, meeting_id: str) -> None:
    """Show everyone's cards (the facilitator)."""
    reveal_cards(obj.store, meeting_id, obj.me())
    echo("Cards revealed")


@card.command("vote")
@click.argument("meeting_id")
@click.argument("card_id", type=int)
@pass_ctx
def card_vote(obj: Context, meeting_id: str, card_id: int) -> None:
    """Put one of your dots on a card."""
    me = obj.required_me()
    voted = vote(obj.store, meeting_id, card_id, me)
    left = board(obj.store, meeting_id).votes_left(me.name)
    echo(f"Card {voted.id} has {voted.votes} vote(s); {me.name} has {left} left")


def board_lines(shown: dict[str, Any]) -> Iterator[str]:
    """Each column with its cards, most voted first once revealed (as the board shows them)."""
    for key, label in COLUMNS.items():
        yield f"{label}:"
        cards = [c for c in shown["cards"] if c["column"] == key]
        for c in sorted(cards, key=lambda c: -c["votes"]) if shown["revealed"] else cards:
            yield f"  {c['id']:>3} [{c['votes']}] {c['text']}"
    if shown["hidden"]:
        yield f"{shown['hidden']} card(s) hidden until revealed"


@card.command("list")
@click.argument("meeting_id")
@listing(board_lines)
@pass_ctx
def card_list(obj: Context, meeting_id: str) -> dict[str, Any]:
    """The cards; hidden ones show only their count until revealed."""
    current = board(obj.store, meeting_id)
    shown = current.visible_to(obj.my_name())
    return {
        "revealed": current.revealed,
        "hidden": len(current.cards) - len(shown),
        "cards": [asdict(c) for c in shown],
    }
