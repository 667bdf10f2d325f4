"""Gather everything the minutes of one meeting hold into one JSON-ready dict."""

import json
from dataclasses import asdict
from typing import Any

from retro_tui.domain.actions import actions_raised_in, actions_reviewed_in
from retro_tui.domain.agenda import list_items
from retro_tui.domain.bureaucracy import rule_words
from retro_tui.domain.cards import Board, Card, board
from retro_tui.domain.checkins import list_checkins
from retro_tui.domain.corrections import list_corrections
from retro_tui.domain.decisions import list_decisions
from retro_tui.domain.groups import get_group
from retro_tui.domain.health import health_check
from retro_tui.domain.lessons import lessons_of_meeting
from retro_tui.domain.meetings import (
    Meeting,
    get_meeting,
    next_meeting,
    upcoming_roles,
)
from retro_tui.domain.principles import list_principles
from retro_tui.domain.team import get_team, team_language
from retro_tui.errors import RetroError
from retro_tui.export.formats import FORMATS, Format, register
from retro_tui.export.html import HTML
from retro_tui.export.markdown import MARKDOWN
from retro_tui.i18n import N_, _, using
from retro_tui.store import Store, clean_text

Minutes = dict[str, Any]


def gather_minutes(store: Store, meeting_id: str, viewer: str | None = None) -> Minutes:
    """The minutes as `viewer` may see them: before the reveal, only their own cards."""
    meeting = get_meeting(store, meeting_id)
    principles = list_principles(store)
    principle_names = {p.key: p.name for p in principles}
    decisions = list_decisions(store, meeting.id)
    actions = actions_raised_in(store, meeting.id)

    def action_doc(action) -> dict:
        return {
            "id": action.id,
            "text": action.text,
            "owner": action.owner,
            "due": action.due,
            "status": action.status,
        }

    items = []
    for item in list_items(store, meeting.id):
        items.append(
            {
                "id": item.id,
                "title": item.title,
                "owner": item.owner,
                "timebox": item.timebox,
                "status": item.status,
                "notes": item.notes,
                "check_skipped": item.check_skipped,
                "checks": [
                    {"key": p.key, "name": p.name, **asdict(item.verdict(p.key))}
                    for p in principles
                ],
                "decisions": [
                    {
                        "id": d.number,
                        "record": d.record,
                        "review": d.review,
                        "status": d.status,
                        "text": d.text,
                        "by": d.by,
                        "took_part": d.took_part or meeting.present,
                        "knows_most": d.knows_most,
                        "affected": d.affected,
                        "nobody_consulted": d.nobody_consulted,
                        "rule_words": rule_words(d.text),
                    }
                    for d in decisions
                    if d.item == item.id
                ],
                "actions": [action_doc(a) for a in actions if a.item == item.id],
            }
        )
    cards = board(store, meeting.id)
    shown = cards.visible_to(viewer)
    group = get_group(store, meeting.group)
    return {
        "team": get_team(store).name,
        "group": {
            "key": group.key,
            "name": group.name,
            "kind": group.kind,
            # The leads of the day of the meeting, not of today.
            **{
                key.replace("-", "_"): holder
                for key, holder in group.holders_on(meeting.date).items()
            },
        },
        "meeting": {
            "id": meeting.id,
            "date": meeting.date,
            "kind": meeting.kind,
            "kind_label": meeting.kind_label,
            "title": meeting.title,
            "status": meeting.status,
            "facilitator": meeting.facilitator,
            "scribe": meeting.scribe,
            "present": meeting.present,
            "absent": meeting.absent,
            "role_changes": [asdict(c) for c in meeting.role_changes],
            "reopenings": [asdict(r) for r in meeting.reopenings],
        },
        "checkins": [
            {"member": c.member, "energy": c.energy, "word": c.word}
            for c in list_checkins(store, meeting.id)
        ],
        "reviewed_actions": [
            {**action_doc(a), "outcome": review.outcome}
            for a, review in actions_reviewed_in(store, meeting.id)
        ],
        "items": items,
        "other_actions": [action_doc(a) for a in actions if a.item is None],
        "cards": _cards(cards, shown),
        "health": _health(store, meeting),
        "lessons": [
            {
                "id": lesson.id,
                "title": lesson.title,
                "tried": lesson.tried,
                "happened": lesson.happened,
                "learned": lesson.learned,
                "next": lesson.next,
                "principles": lesson.principles,
                # A principle the team no longer has is named by its key.
                "principle_names": [principle_names.get(k, k) for k in lesson.principles],
            }
            for lesson in lessons_of_meeting(store, meeting.id)
        ],
        "corrections": [asdict(c) for c in list_corrections(store, meeting.id)],
        "next_roles": _next_roles(store, meeting),
    }


def _cards(cards: Board, shown: list[Card]) -> dict[str, Any]:
    """The board: its columns with their cards, then what was discussed, most dots first."""
    names = {t.id: t.name for t in cards.themes}
    worded = cards.template.worded()
    return {
        "template": worded.name,
        "template_key": cards.template.key,
        "anonymous": cards.anonymous,
        "vote_budget": cards.vote_budget,
        "revealed": cards.revealed,
        "hidden": len(cards.cards) - len(shown),
        "columns": [
            {
                "key": column.key,
                "label": column.name,
                "cards": [
                    {"text": c.text, "votes": c.votes, "theme": names.get(c.theme)}
                    for c in cards.column(column.key)
                    if c in shown
                ],
            }
            for column in worded.columns
        ],
        "topics": [
            {
                "theme": topic.theme.name if topic.theme else None,
                "votes": topic.votes,
                "cards": [c.text for c in topic.cards],
            }
            for topic in (cards.topics() if cards.revealed else [])
        ],
    }


def _health(store: Store, meeting: Meeting) -> dict[str, Any] | None:
    """The health check: who answered, and once revealed every principle's ratings."""
    if meeting.health is None:
        return None
    check = health_check(store, meeting.id)
    return {
        "mode": check.mode,
        "answered": check.answered,
        "revealed": check.revealed,
        "principles": [
            {
                "key": r.key,
                "name": r.name,
                "ratings": r.ratings,
                "mean": r.mean,
                "spread": r.spread,
                "disagreement": r.disagreement,
                "notes": r.notes,
            }
            for r in (check.results(list_principles(store)) if check.revealed else [])
        ],
    }


def _next_roles(store: Store, meeting: Meeting) -> dict[str, Any]:
    """Roles of the group's meeting after this one: the planned one, else its rota's
    forecast."""
    following = next_meeting(store, meeting)
    if following is not None:
        return {
            "meeting": following.id,
            "facilitator": following.facilitator,
            "scribe": following.scribe,
        }
    forecast = upcoming_roles(store, 1, meeting.group)
    if not forecast:
        return {"meeting": None, "facilitator": None, "scribe": None}
    return {"meeting": None, "facilitator": forecast[0].facilitator, "scribe": forecast[0].scribe}


register(MARKDOWN)
register(HTML)
register(
    Format(
        "json", N_("JSON"), lambda minutes: json.dumps(minutes, ensure_ascii=False, indent=2) + "\n"
    )
)


def export_meeting(
    store: Store, meeting_id: str, fmt: str = "md", viewer: str | None = None
) -> str:
    """The minutes of one meeting as text in `fmt`, as `viewer` may see them."""
    if fmt not in FORMATS:
        raise RetroError(
            _("unknown format {format}; choose {choices}").format(
                format=repr(fmt), choices=", ".join(FORMATS)
            )
        )
    # Whatever a store file holds, no control sequence reaches a terminal through minutes.
    # They are written in the team's language, whoever exports them.
    with using(team_language(store)):
        return clean_text(FORMATS[fmt].render(gather_minutes(store, meeting_id, viewer)))
