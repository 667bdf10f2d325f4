"""`retro lesson ...`: the blameless lessons log."""

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

import click

from retro_tui.cli.common import Context, echo, listing, pass_ctx
from retro_tui.domain.lessons import LessonDraft, add_lesson, list_lessons


@click.group()
def lesson() -> None:
    """The blameless lessons log."""


@lesson.command("add")
@click.argument("title")
@click.option("--tried", required=True, help="What we tried.")
@click.option("--happened", required=True, help="What happened.")
@click.option("--learned", required=True, help="What we learned.")
@click.option("--next", "next_", default="", help="What we will try next.")
@click.option("--principle", multiple=True, metavar="KEY", help="A principle it touches.")
@click.option("--meeting", "meeting_id", help="The meeting it came from.")
@pass_ctx
def lesson_add(
    obj: Context,
    title: str,
    tried: str,
    happened: str,
    learned: str,
    next_: str,
    principle: tuple[str, ...],
    meeting_id: str | None,
) -> None:
    """Log a blameless lesson: what we tried, what happened, what we learned."""
    added = add_lesson(
        obj.store, LessonDraft(title, tried, happened, learned, next_, list(principle), meeting_id)
    )
    echo(added.id)


def lesson_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        tags = f" [{', '.join(row['principles'])}]" if row["principles"] else ""
        yield f"{row['id']:<9} {row['title']}{tags}"


@lesson.command("list")
@click.option("--search", default="", help="Words that must all occur.")
@click.option("--principle", metavar="KEY", help="Only lessons touching this principle.")
@listing(lesson_lines)
@pass_ctx
def lesson_list(obj: Context, search: str, principle: str | None) -> list[dict[str, Any]]:
    """Lessons, newest first; search by words or a principle."""
    return [asdict(lesson) for lesson in list_lessons(obj.store, search, principle)]
