"""`retro card ...` and `retro template ...`: a retrospective's board: cards written hidden,
revealed, grouped into themes and dot-voted; and the templates boards are made from."""

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

import click

from retro_tui.cli.common import Context, echo, listing, pass_ctx
from retro_tui.domain.cards import (
    Dot,
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
from retro_tui.i18n import N_, _, ngettext


@click.group(help=N_("Retrospective cards: write, reveal, group into themes, vote."))
def card() -> None:
    pass


def dot_said(dot: Dot, member: str, left: int) -> str:
    """Where a dot went and how many the member has left."""
    if dot.theme is not None:
        said = ngettext(
            "The theme “{theme}” has {count} vote; {name} has {left} left",
            "The theme “{theme}” has {count} votes; {name} has {left} left",
            dot.votes,
        )
    else:
        said = ngettext(
            "The card {card} has {count} vote; {name} has {left} left",
            "The card {card} has {count} votes; {name} has {left} left",
            dot.votes,
        )
    return said.format(theme=dot.theme, card=dot.card, count=dot.votes, name=member, left=left)


@card.command(
    "add",
    help=N_(
        "Write a card in COLUMN (a column's key, as `card list` shows them); it stays hidden "
        "from others until the reveal. In an anonymous meeting no name is kept with it."
    ),
)
@click.argument("meeting_id")
@click.argument("column")
@click.argument("text")
@pass_ctx
def card_add(obj: Context, meeting_id: str, column: str, text: str) -> None:
    added = add_card(obj.store, meeting_id, column, text, obj.me())
    echo(added.id)


@card.command(
    "edit", help=N_("Correct your card (after the reveal also the facilitator or scribe).")
)
@click.argument("meeting_id")
@click.argument("card_id", type=int)
@click.argument("text")
@click.option("--column", metavar="KEY", help=N_("Move it to this column."))
@pass_ctx
def card_edit(obj: Context, meeting_id: str, card_id: int, text: str, column: str | None) -> None:
    edit_card(obj.store, meeting_id, card_id, text, obj.required_me(), column)
    echo(_("Card {card} corrected").format(card=card_id))


@card.command("remove", help=N_("Take a card away; its dots go back to their voters."))
@click.argument("meeting_id")
@click.argument("card_id", type=int)
@pass_ctx
def card_remove(obj: Context, meeting_id: str, card_id: int) -> None:
    remove_card(obj.store, meeting_id, card_id, obj.required_me())
    echo(_("Card {card} removed").format(card=card_id))


@card.command("reveal", help=N_("Show everyone's cards (the facilitator)."))
@click.argument("meeting_id")
@pass_ctx
def card_reveal(obj: Context, meeting_id: str) -> None:
    reveal_cards(obj.store, meeting_id, obj.me())
    echo(_("Cards revealed"))


@card.command("budget", help=N_("Set how many dots each member has in this meeting (1 to 20)."))
@click.argument("meeting_id")
@click.argument("dots", type=int)
@pass_ctx
def card_budget(obj: Context, meeting_id: str, dots: int) -> None:
    set_vote_budget(obj.store, meeting_id, dots, obj.me())
    echo(
        ngettext("Each member has {count} dot", "Each member has {count} dots", dots).format(
            count=dots
        )
    )


@card.command(
    "vote",
    help=N_("Put one of your dots on a card; on a card in a theme, the dot goes to the theme."),
)
@click.argument("meeting_id")
@click.argument("card_id", type=int)
@pass_ctx
def card_vote(obj: Context, meeting_id: str, card_id: int) -> None:
    me = obj.required_me()
    dot = vote(obj.store, meeting_id, card_id, me)
    left = board(obj.store, meeting_id).votes_left(me.name)
    echo(dot_said(dot, me.name, left))


@card.command("unvote", help=N_("Take back one of your dots from a card (or from its theme)."))
@click.argument("meeting_id")
@click.argument("card_id", type=int)
@pass_ctx
def card_unvote(obj: Context, meeting_id: str, card_id: int) -> None:
    unvote(obj.store, meeting_id, card_id, obj.required_me())
    echo(_("Took a dot back from card {card}").format(card=card_id))


@card.command(
    "group",
    help=N_(
        "Put a card into THEME (a theme's number or name; a new name makes a new theme). "
        "The facilitator groups, after the reveal and before the first dot."
    ),
)
@click.argument("meeting_id")
@click.argument("card_id", type=int)
@click.argument("theme")
@pass_ctx
def card_group(obj: Context, meeting_id: str, card_id: int, theme: str) -> None:
    try:
        ref: str | int = find_theme(obj.store, meeting_id, theme).id
    except RetroError:
        ref = theme
    grouped = group_card(obj.store, meeting_id, card_id, ref, obj.me())
    if grouped:
        echo(
            _("Card {card} is in theme {theme}, {name}").format(
                card=card_id, theme=grouped.id, name=grouped.name
            )
        )
    else:
        echo("")


@card.command("ungroup", help=N_("Take a card out of its theme."))
@click.argument("meeting_id")
@click.argument("card_id", type=int)
@pass_ctx
def card_ungroup(obj: Context, meeting_id: str, card_id: int) -> None:
    group_card(obj.store, meeting_id, card_id, None, obj.me())
    echo(_("Card {card} is in no theme").format(card=card_id))


@card.group("theme", help=N_("Themes: rename, merge, vote, undo the last change."))
def theme() -> None:
    pass


@theme.command("rename", help=N_("Give a theme a new name."))
@click.argument("meeting_id")
@click.argument("theme_ref", metavar="THEME")
@click.argument("name")
@pass_ctx
def theme_rename(obj: Context, meeting_id: str, theme_ref: str, name: str) -> None:
    found = find_theme(obj.store, meeting_id, theme_ref)
    renamed = rename_theme(obj.store, meeting_id, found.id, name, obj.me())
    echo(_("Theme {theme} is called {name}").format(theme=renamed.id, name=renamed.name))


@theme.command("merge", help=N_("Move every card of THEME into INTO; THEME goes."))
@click.argument("meeting_id")
@click.argument("theme_ref", metavar="THEME")
@click.argument("into")
@pass_ctx
def theme_merge(obj: Context, meeting_id: str, theme_ref: str, into: str) -> None:
    source = find_theme(obj.store, meeting_id, theme_ref)
    target = find_theme(obj.store, meeting_id, into)
    merged = merge_themes(obj.store, meeting_id, source.id, target.id, obj.me())
    echo(_("{theme} is merged into {into}").format(theme=source.name, into=merged.name))


@theme.command("vote", help=N_("Put one of your dots on a theme."))
@click.argument("meeting_id")
@click.argument("theme_ref", metavar="THEME")
@pass_ctx
def theme_vote(obj: Context, meeting_id: str, theme_ref: str) -> None:
    me = obj.required_me()
    found = find_theme(obj.store, meeting_id, theme_ref)
    dot = vote_theme(obj.store, meeting_id, found.id, me)
    left = board(obj.store, meeting_id).votes_left(me.name)
    echo(dot_said(dot, me.name, left))


@theme.command("unvote", help=N_("Take back one of your dots from a theme."))
@click.argument("meeting_id")
@click.argument("theme_ref", metavar="THEME")
@pass_ctx
def theme_unvote(obj: Context, meeting_id: str, theme_ref: str) -> None:
    found = find_theme(obj.store, meeting_id, theme_ref)
    unvote(obj.store, meeting_id, found.id, obj.required_me(), theme=True)
    echo(_("Took a dot back from theme {theme}").format(theme=found.name))


@theme.command("undo", help=N_("Put the themes back as they were before the last change."))
@click.argument("meeting_id")
@pass_ctx
def theme_undo(obj: Context, meeting_id: str) -> None:
    undo_grouping(obj.store, meeting_id, obj.me())
    echo(_("The last change to the themes is undone"))


def board_lines(shown: dict[str, Any]) -> Iterator[str]:
    """Each column with its cards, most voted first once revealed (as the board shows
    them), then the themes and cards in the order they will be discussed."""
    if shown["anonymous"]:
        yield _("{template} (anonymous)").format(template=shown["template"])
    else:
        yield shown["template"]
    themes = {t["id"]: t["name"] for t in shown["themes"]}
    for column in shown["columns"]:
        yield f"{column['name']} ({column['key']}):"
        cards = [c for c in shown["cards"] if c["column"] == column["key"]]
        for c in sorted(cards, key=lambda c: -c["votes"]) if shown["revealed"] else cards:
            where = f" <{themes[c['theme']]}>" if c["theme"] in themes else ""
            yield f"  {c['id']:>3} [{c['votes']}] {c['text']}{where}"
    if shown["hidden"]:
        yield ngettext(
            "{count} card hidden until revealed",
            "{count} cards hidden until revealed",
            shown["hidden"],
        ).format(count=shown["hidden"])
    if shown["themes"]:
        yield _("In the order discussed:")
        for n, topic in enumerate(shown["topics"], start=1):
            if topic["theme"]:
                what = _("theme {theme}").format(theme=topic["theme"])
            else:
                what = _("card {card}").format(card=topic["cards"][0])
            yield f"  {n:>2}. [{topic['votes']}] {topic['title']} ({what})"


@card.command(
    "list",
    help=N_(
        "The board: columns, cards, themes; hidden cards show only their count until revealed."
    ),
)
@click.argument("meeting_id")
@listing(board_lines)
@pass_ctx
def card_list(obj: Context, meeting_id: str) -> dict[str, Any]:
    current = board(obj.store, meeting_id)
    shown = current.visible_to(obj.my_name())
    return {
        "template": current.template.worded().name,
        "anonymous": current.anonymous,
        "vote_budget": current.vote_budget,
        "revealed": current.revealed,
        "hidden": len(current.cards) - len(shown),
        "columns": [asdict(c) for c in current.template.worded().columns],
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


@click.group(help=N_("Board templates: the ones that come with retro and the team's own."))
def template() -> None:
    pass


def template_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        name = row["name"]  # one that comes with retro is shown in the language in use
        name = _("{name} (the team's own)").format(name=name) if row["own"] else _(name)
        yield f"{row['key']:<22} {name}"
        for column in row["columns"]:
            column_name, prompt = column["name"], column["prompt"]
            if not row["own"]:
                column_name, prompt = _(column_name), _(prompt)
            lesson = "  " + _("[lessons]") if column["failure"] else ""
            yield f"    {column_name:<14} {prompt}{lesson}"


@template.command(
    "list",
    help=N_("Every template with its columns; [lessons] marks the columns offered as lessons."),
)
@listing(template_lines)
@pass_ctx
def template_list(obj: Context) -> list[dict[str, Any]]:
    return [asdict(t) for t in list_templates(obj.store)]


@template.command("add", help=N_("Save the team's own template."))
@click.argument("name")
@click.option(
    "--column",
    "columns",
    multiple=True,
    required=True,
    metavar="NAME: PROMPT",
    help=N_("A column and its one-line prompt, in order (1 to 6)."),
)
@click.option(
    "--failure", multiple=True, metavar="NAME", help=N_("A column whose cards become lessons.")
)
@pass_ctx
def template_add(
    obj: Context, name: str, columns: tuple[str, ...], failure: tuple[str, ...]
) -> None:
    made = add_template(obj.store, name, parse_columns(list(columns)), list(failure), obj.me())
    count = len(made.columns)
    echo(
        ngettext(
            "Template {template} saved with {count} column",
            "Template {template} saved with {count} columns",
            count,
        ).format(template=made.key, count=count)
    )
