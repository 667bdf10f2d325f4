"""What an agenda item has come to so far, as the agenda step's item pane and the presenter
view show it: the principle check with its tension notes, the decisions with whom they
consulted, and the actions."""

from dataclasses import dataclass

from rich.text import Text

from retro_tui.domain.actions import Action, actions_raised_in
from retro_tui.domain.agenda import Item
from retro_tui.domain.decisions import Decision, list_decisions
from retro_tui.domain.lessons import Lesson
from retro_tui.domain.principles import TENSION, Principle
from retro_tui.i18n import _
from retro_tui.store import Store
from retro_tui.widgets.plain import filled, lines, plain
from retro_tui.widgets.principle_check import TENSION_STYLE, verdict_text

FLAG_STYLE = "bold yellow"  # i18n: not shown


@dataclass(frozen=True)
class Outcome:
    """The decisions and actions one item has led to."""

    decisions: list[Decision]
    actions: list[Action]


def item_outcome(store: Store, meeting_id: str, item: Item) -> Outcome:
    return Outcome(
        [d for d in list_decisions(store, meeting_id) if d.item == item.id],
        [a for a in actions_raised_in(store, meeting_id) if a.item == item.id],
    )


def check_text(item: Item, principles: list[Principle]) -> Text:
    """Every principle with its verdict, and under a tension its note."""
    width = max((plain(p.name).cell_len for p in principles), default=0) + 2
    rows: list[Text] = []
    for principle in principles:
        check = item.verdict(principle.key)
        name = plain(principle.name)
        name.pad_right(width - name.cell_len)
        rows.append(Text.assemble(name, verdict_text(check.verdict)))
        if check.verdict == TENSION and check.note:
            rows.append(Text.assemble("  ", plain(check.note, "italic")))
    return lines(*rows)


def check_grid(item: Item, principles: list[Principle], columns: int) -> Text:
    """The check in less height: each principle's sign and name in `columns` columns,
    then the tensions with their notes."""
    width = max((plain(p.name).cell_len for p in principles), default=0) + 3  # sign, gap
    cells = []
    for principle in principles:
        verdict = verdict_text(item.verdict(principle.key).verdict)
        cell = Text.assemble(verdict[:1], " ", plain(principle.name, verdict.style))
        cell.pad_right(width - cell.cell_len)
        cells.append(cell)
    rows = [Text("").join(cells[n : n + columns]) for n in range(0, len(cells), columns)]
    for row in rows:
        row.rstrip()
    tensions = tensions_text(item, principles)
    return lines(*rows, *([tensions] if tensions else []))


def tensions_text(item: Item, principles: list[Principle]) -> Text:
    """The principles the item is in tension with, each with its note."""
    rows = []
    for principle in principles:
        check = item.verdict(principle.key)
        if check.verdict == TENSION:
            rows.append(
                Text.assemble(
                    ("! ", TENSION_STYLE),
                    plain(principle.name, TENSION_STYLE),
                    (": " if check.note else "", TENSION_STYLE),
                    plain(check.note),
                )
            )
    return lines(*rows)


def decision_text(decision: Decision) -> Text:
    """A decision, then whom it consulted: those who know most and those affected."""
    rows = [filled(_("Decision: {text}"), "bold", text=plain(decision.text))]
    for label, names in (
        (_("Consulted, knows most:"), decision.knows_most),
        (_("Consulted, affected:"), decision.affected),
    ):
        if names:
            rows.append(Text.assemble(("  " + label + " ", "dim"), plain(", ".join(names))))
    if decision.nobody_consulted:
        rows.append(Text("  ⚑ " + _("nobody consulted"), style=FLAG_STYLE))  # i18n: not shown
    return lines(*rows)


def action_text(action: Action) -> Text:
    text = filled(_("Action: {text}"), "bold", text=plain(action.text))
    text.append(" — ", style="dim")
    text.append(plain(action.owner))
    if action.due:
        text.append(", " + _("due {date}").format(date=action.due), style="dim")
    return text


def tension_keys(item: Item) -> set[str]:
    return {key for key, check in item.checks.items() if check.verdict == TENSION}


def learned_text(lessons: list[Lesson]) -> Text:
    """Lessons the team wrote on the principles in tension: each title and what it
    learned."""
    rows = [Text(_("Learned lately on these principles"), style="bold")]
    for lesson in lessons:
        rows.append(
            Text.assemble("• ", plain(lesson.title, "italic"), " — ", plain(lesson.learned))
        )
    return lines(*rows)


def outcome_text(outcome: Outcome) -> Text:
    """Decisions, then actions; or a quiet line saying there are none yet."""
    rows = [decision_text(d) for d in outcome.decisions] + [action_text(a) for a in outcome.actions]
    return lines(*rows) if rows else Text(_("No decision or action yet."), style="dim")
