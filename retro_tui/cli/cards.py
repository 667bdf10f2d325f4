"""`retro card ...` and `retro template ...`: a retrospective's board: cards written hidden,
revealed, grouped into themes and dot-voted; and the templates boards are made from."""

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

import click

from retro_tui.cli.common import Context, echo, listing, pass_ctx
from retro_tui.domain.cards import (
    add_card,
    board,
    edit_card,
    remove_card,
    reveal_cards,
    set_vote_budget,
    unvote,
    vote,
    vote_theme,
)
from retro_tui.domain.templates import add_template, list_templates, parse_columns
from retro_tui.domain.themes import (
    find_theme,
    group_card,
    merge_themes,
    rename_theme,
    undo_grouping,
)
from retro_tui.errors import RetroError


@click.group()
def card() -> None:
    """Retrospective cards: write, reveal, group into themes, vote."""


@card.command("add")
@click.argument("meeting_id")
@click.argument("column")
@click.argument("text")
@pass_ctx
def card_add(obj: Context, meeting_id: str, column: str, text: str) -> None:
    """Write a card in COLUMN (a column's key, as `card list` shows them); it stays hidden
    from others until the reveal. In an anonymous meeting no name is kept with it."""
    added = add_card(obj.store, meeting_id, column, text, obj.me())
    echo(added.id)


@card.command("edit")
@click.argument("meeting_id")
@click.argument("card_id", type=int)
@click.argument("text")
@click.option("--column", metavar="KEY", help="Move it to this column.")
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


@card.command("budget")
@click.argument("meeting_id")
@click.argument("dots", type=int)
@pass_ctx
def card_budget(obj: Context, meeting_id: str, dots: int) -> None:
    """Set how many dots each member has in this meeting (1 to 20)."""
    set_vote_budget(obj.store, meeting_id, dots, obj.me())
    echo(f"Each member has {dots} dots")


@card.command("vote")
@click.argument("meeting_id")
@click.argument("card_id", type=int)
@pass_ctx
def card_vote(obj: Context, meeting_id: str, card_id: int) -> None:
    """Put one of your dots on a card; on a card in a theme, the dot goes to the theme."""
    me = obj.required_me()
    dot = vote(obj.store, meeting_id, card_id, me)
    left = board(obj.store, meeting_id).votes_left(me.name)
    echo(f"The {dot.target} has {dot.votes} vote(s); {me.name} has {left} left")


@card.command("unvote")
@click.argument("meeting_id")
@click.argument("card_id", type=int)
@pass_ctx
def card_unvote(obj: Context, meeting_id: str, card_id: int) -> None:
    """Take back one of your dots from a card (or from its theme)."""
    unvote(obj.store, meeting_id, card_id, obj.required_me())
    echo(f"Took a dot back from card {card_id}")


@card.command("group")
@click.argument("meeting_id")
@click.argument("card_id", type=int)
@click.argument("theme")
@pass_ctx
def card_group(obj: Context, meeting_id: str, card_id: int, theme: str) -> None:
    """Put a card into THEME (a theme's number or name; a new name makes a new theme).
    The facilitator groups, after the reveal and before the first dot."""
    try:
        ref: str | int = find_theme(obj.store, meeting_id, theme).id
    except RetroError:
        ref = theme
    grouped = group_card(obj.store, meeting_id, card_id, ref, obj.me())
    echo(f"Card {card_id} is in theme {grouped.id}, {grouped.name}" if grouped else "")


@card.command("ungroup")
@click.argument("meeting_id")
@click.argument("card_id", type=int)
@pass_ctx
def card_ungroup(obj: Context, meeting_id: str, card_id: int) -> None:
    """Take a card out of its theme."""
    group_card(obj.store, meeting_id, card_id, None, obj.me())
    echo(f"Card {card_id} is in no theme")


@card.group("theme")
def theme() -> None:
    """Themes: rename, merge, vote, undo the last change."""


@theme.command("rename")
@click.argument("meeting_id")
@click.argument("theme_ref", metavar="THEME")
@click.argument("name")
@pass_ctx
def theme_rename(obj: Context, meeting_id: str, theme_ref: str, name: str) -> None:
    """Give a theme a new name."""
    found = find_theme(obj.store, meeting_id, theme_ref)
    renamed = rename_theme(obj.store, meeting_id, found.id, name, obj.me())
    echo(f"Theme {renamed.id} is called {renamed.name}")


@theme.command("merge")
@click.argument("meeting_id")
@click.argument("theme_ref", metavar="THEME")
@click.argument("into")
@pass_ctx
def theme_merge(obj: Context, meeting_id: str, theme_ref: str, into: str) -> None:
    """Move every card of THEME into INTO; THEME goes."""
    source = find_theme(obj.store, meeting_id, theme_ref)
    target = find_theme(obj.store, meeting_id, into)
    merged = merge_themes(obj.store, meeting_id, source.id, target.id, obj.me())
    echo(f"{source.name} is merged into {merged.name}")


@theme.command("vote")
@click.argument("meeting_id")
@click.argument("theme_ref", metavar="THEME")
@pass_ctx
def theme_vote(obj: Context, meeting_id: str, theme_ref: str) -> None:
    """Put one of your dots on a theme."""
    me = obj.required_me()
    found = find_theme(obj.store, meeting_id, theme_ref)
    dot = vote_theme(obj.store, meeting_id, found.id, me)
    left = board(obj.store, meeting_id).votes_left(me.name)
    echo(f"The {dot.target} has {dot.votes} vote(s); {me.name} has {left} left")


@theme.command("unvote")
@click.argument("meeting_id")
@click.argument("theme_ref", metavar="THEME")
@pass_ctx
def theme_unvote(obj: Context, meeting_id: str, theme_ref: str) -> None:
    """Take back one of your dots from a theme."""
    found = find_theme(obj.store, meeting_id, theme_ref)
    unvote(obj.store, meeting_id, found.id, obj.required_me(), theme=True)
    echo(f"Took a dot back from theme {found.name}")


@theme.command("undo")
@click.argument("meeting_id")
@pass_ctx
def theme_undo(obj: Context, meeting_id: str) -> None:
    """Put the themes back as they were before the last change."""
    undo_grouping(obj.store, meeting_id, obj.me())
    echo("The last change to the themes is undone")


def board_lines(shown: dict[str, Any]) -> Iterator[str]:
    """Each column with its cards, most voted first once revealed (as the board shows
    them), then the themes and cards in the order they will be discussed."""
    yield f"{shown['template']}{' (anonymous)' if shown['anonymous'] else ''}"
    themes = {t["id"]: t["name"] for t in shown["themes"]}
    for column in shown["columns"]:
        yield f"{column['name']} ({column['key']}):"
        cards = [c for c in shown["cards"] if c["column"] == column["key"]]
        for c in sorted(cards, key=lambda c: -c["votes"]) if shown["revealed"] else cards:
            where = f" <{themes[c['theme']]}>" if c["theme"] in themes else ""
            yield f"  {c['id']:>3} [{c['votes']}] {c['text']}{where}"
    if shown["hidden"]:
        yield f"{shown['hidden']} card(s) hidden until revealed"
    if shown["themes"]:
        yield "In the order discussed:"
        for n, topic in enumerate(shown["topics"], start=1):
            what = f"theme {topic['theme']}" if topic["theme"] else f"card {topic['cards'][0]}"
            yield f"  {n:>2}. [{topic['votes']}] {topic['title']} ({what})"


@card.command("list")
@click.argument("meeting_id")
@listing(board_lines)
@pass_ctx
def card_list(obj: Context, meeting_id: str) -> dict[str, Any]:
    """The board: columns, cards, themes; hidden cards show only their count until revealed."""
    current = board(obj.store, meeting_id)
    shown = current.visible_to(obj.my_name())
    return {
        "template": current.template.name,
        "anonymous": current.anonymous,
        "vote_budget": current.vote_budget,
        "revealed": current.revealed,
        "hidden": len(current.cards) - len(shown),
        "columns": [asdict(c) for c in current.template.columns],
        "cards": [asdict(c) for c in shown],
        "themes": [asdict(t) for t in current.themes],
        "topics": [
            {
                "theme": t.theme.id if t.theme else None,
                "title": t.title,
                "votes": t.votes,
                "cards": [c.id for c in t.cards],
            }
            for t in (current.topics() if current.revealed else [])
        ],
    }


@click.group()
def template() -> None:
    """Board templates: the ones that come with retro and the team's own."""


def template_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        mine = " (the team's own)" if row["own"] else ""
        yield f"{row['key']:<22} {row['name']}{mine}"
        for column in row["columns"]:
            lesson = "  [lessons]" if column["failure"] else ""
            yield f"    {column['name']:<14} {column['prompt']}{lesson}"


@template.command("list")
@listing(template_lines)
@pass_ctx
def template_list(obj: Context) -> list[dict[str, Any]]:
    """Every template with its columns; [lessons] marks the columns offered as lessons."""
    return [asdict(t) for t in list_templates(obj.store)]


@template.command("add")
@click.argument("name")
@click.option(
    "--column",
    "columns",
    multiple=True,
    required=True,
    metavar="NAME: PROMPT",
    help="A column and its one-line prompt, in order (1 to 6).",
)
@click.option(
    "--failure", multiple=True, metavar="NAME", help="A column whose cards become lessons."
)
@pass_ctx
def template_add(
    obj: Context, name: str, columns: tuple[str, ...], failure: tuple[str, ...]
) -> None:
    """Save the team's own template."""
    made = add_template(obj.store, name, parse_columns(list(columns)), list(failure), obj.me())
    echo(f"Template {made.key} saved with {len(made.columns)} columns")
