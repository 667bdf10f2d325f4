"""`retro lesson ...`: the blameless lessons log."""

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

import click

from retro_tui.cli.common import Context, echo, listing, pass_ctx
from retro_tui.domain.lessons import LessonDraft, add_lesson, list_lessons
from retro_tui.i18n import N_


@click.group(help=N_("The blameless lessons log."))
def lesson() -> None:
    pass


@lesson.command(
    "add", help=N_("Log a blameless lesson: what we tried, what happened, what we learned.")
)
@click.argument("title")
@click.option("--tried", required=True, help=N_("What we tried."))
@click.option("--happened", required=True, help=N_("What happened."))
@click.option("--learned", required=True, help=N_("What we learned."))
@click.option("--next", "next_", default="", help=N_("What we will try next."))
@click.option("--principle", multiple=True, metavar="KEY", help=N_("A principle it touches."))
@click.option("--meeting", "meeting_id", help=N_("The meeting it came from."))
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
    added = add_lesson(
        obj.store, LessonDraft(title, tried, happened, learned, next_, list(principle), meeting_id)
    )
    echo(added.id)


def lesson_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        tags = f" [{', '.join(row['principles'])}]" if row["principles"] else ""
        yield f"{row['id']:<9} {row['title']}{tags}"


@lesson.command("list", help=N_("Lessons, newest first; search by words or a principle."))
@click.option("--search", default="", help=N_("Words that must all occur."))
@click.option("--principle", metavar="KEY", help=N_("Only lessons touching this principle."))
@listing(lesson_lines)
@pass_ctx
def lesson_list(obj: Context, search: str, principle: str | None) -> list[dict[str, Any]]:
    return [asdict(lesson) for lesson in list_lessons(obj.store, search, principle)]
