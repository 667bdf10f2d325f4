"""The agenda: items with a timebox and countdown, the principle check, notes, decisions
and actions, and a gentle hint when a text proposes a new rule."""

from collections.abc import Callable
from datetime import date

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Static

from retro_tui.dialogs.confirm import ConfirmScreen
from retro_tui.dialogs.form import FormField, FormScreen
from retro_tui.dialogs.pick import Choice, PickScreen
from retro_tui.domain import validate
from retro_tui.domain.actions import (
    Action,
    add_action,
    edit_action,
    get_action,
    remove_action,
)
from retro_tui.domain.agenda import (
    Item,
    add_item,
    close_item,
    list_items,
    set_check,
    set_notes,
    unconsidered,
)
from retro_tui.domain.bureaucracy import HINT, rule_words
from retro_tui.domain.decisions import (
    Decision,
    add_decision,
    edit_decision,
    get_decision,
    remove_decision,
    takes_decisions,
)
from retro_tui.domain.flow import MeetingState, discuss_item, restart_timer
from retro_tui.domain.lessons import recent_lessons_on
from retro_tui.domain.meetings import Meeting
from retro_tui.domain.principles import TENSION, list_principles
from retro_tui.i18n import N_, _, ngettext, pgettext
from retro_tui.widgets.countdown import Countdown
from retro_tui.widgets.item_summary import (
    item_outcome,
    learned_text,
    outcome_text,
    tension_keys,
    tensions_text,
)
from retro_tui.widgets.plain import cell, clipped, filled, lines, plain
from retro_tui.widgets.principle_check import VERDICTS, PrincipleCheck
from retro_tui.widgets.step import Step

TITLE_WIDTH = 30  # the item titles' column at its narrowest
OWNER_WIDTH = 20  # an owner's name beyond this is shortened at a word
TALL_HEIGHT = 36  # rows from which the item pane has room for lessons learned before


def names(text: str) -> list[str]:
    return [n.strip() for n in text.split(",") if n.strip()]


def decision_fields(decision: Decision | None = None) -> list[FormField]:
    """The decision form, empty or filled with `decision` to correct it."""
    return [
        FormField("text", _("What did we decide?"), decision.text if decision else "", "area"),
        FormField(
            "knows_most",
            _("Consulted for their knowledge (names, commas)"),
            ", ".join(decision.knows_most) if decision else "",
        ),
        FormField(
            "affected",
            _("Consulted because it affects them (names, commas)"),
            ", ".join(decision.affected) if decision else "",
        ),
        *([] if decision else [FormField("review", _("Review it on (YYYY-MM-DD, optional)"))]),
    ]


def action_fields(owner: str, action: Action | None = None) -> list[FormField]:
    """The action form, empty or filled with `action` to correct it."""
    return [
        FormField("text", _("What will be done?"), action.text if action else ""),
        FormField("owner", _("Who does it? (a member)"), action.owner if action else owner),
        FormField(
            "due", _("Due date (YYYY-MM-DD, optional)"), (action.due or "") if action else ""
        ),
    ]


def due_date(values: dict) -> date | None:
    return validate.iso_date(values["due"], N_("due date")) if values["due"].strip() else None


class AgendaStep(Step):
    BINDINGS = [
        Binding("a", "add_item", N_("Add item"), id="agenda.add"),
        Binding("g", "restart_timer", N_("Restart timer"), id="agenda.timer", show=False),
        Binding("n", "notes", N_("Notes"), id="agenda.notes"),
        Binding("d", "decide", N_("Decision"), id="agenda.decide"),
        Binding("o", "add_action", N_("Action"), id="agenda.action"),
        Binding("e", "correct", N_("Correct"), id="agenda.correct"),
        Binding("f", "finish", N_("Finish"), id="agenda.finish"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A knowledge-sharing meeting decides nothing, so it offers no decision."""
        meeting = getattr(self, "meeting", None)
        if (
            action == "decide"
            and meeting is not None
            and not takes_decisions(self.app.store, meeting)
        ):
            return False
        return super().check_action(action, parameters)

    def compose(self) -> ComposeResult:
        with Horizontal(id="agenda-top"):
            yield DataTable(cursor_type="row", id="items")
            yield Countdown(id="countdown")
        with Horizontal(id="agenda-bottom"):
            yield PrincipleCheck(id="check")
            with VerticalScroll(id="item-detail"):
                yield Static(id="detail")

    def on_mount(self) -> None:
        self.items: list[Item] = []
        self.current: Item | None = None
        self.principles = list_principles(self.app.store)
        self.query_one("#check").border_title = _("Principle check")
        self.on_resize()

    def on_resize(self) -> None:
        """A taller screen gets larger digits; a wider one, wider titles."""
        height = self.app.size.height
        self.query_one(Countdown).styles.height = 7 if height >= 50 else 4 if height >= 36 else 3
        self.show_items()
        self.show_title()

    def show_title(self) -> None:
        """The item under discussion heads its pane, shortened at a word to fit."""
        pane = self.query_one("#item-detail")
        room = pane.size.width or self.app.size.width // 2 - 6  # inside its border
        pane.border_title = clipped(self.current.title, room) if self.current else None

    def show(self, meeting: Meeting, state: MeetingState) -> None:
        store = self.app.store
        self.meeting = meeting
        self.items = list_items(store, meeting.id)
        self.current = next((i for i in self.items if i.id == state.item), None)
        self.show_items()
        self.query_one(Countdown).follow(state)
        self.query_one(PrincipleCheck).show(self.principles, self.current)
        self.fit_check()
        self.show_title()
        self.query_one("#detail", Static).update(self.detail_text())

    def fit_check(self) -> None:
        """The check is never narrower than its table in the language in use: the longest
        principle and the longest verdict (none while no item is discussed), each with its
        cell's padding, and the border. Nor wider than three fifths of the screen: a
        team's long wording of a principle is cut in the table rather than pushing the
        item pane off the screen."""
        names = max((cell_len(p.name) for p in self.principles), default=0)
        verdicts = [f"? {_(word)}" for __, word, __ in VERDICTS.values()] if self.current else []
        verdict = max(map(cell_len, [_("Verdict"), *verdicts]))
        needed = names + 2 + verdict + 2 + 2
        self.query_one("#check").styles.min_width = min(needed, self.app.size.width * 3 // 5)

    def show_items(self) -> None:
        """The agenda's items, their titles as wide as the line leaves them."""
        table = self.query_one("#items", DataTable)
        row = table.cursor_row
        owners = [cell(item.owner) for item in self.items]
        owner_width = min(max((o.cell_len for o in owners), default=0), OWNER_WIDTH)
        countdown = self.query_one(Countdown).outer_size.width or 20
        # The columns other than the title, each with its padding of two, and the step's.
        others = 4 + 2 + max(owner_width, 5) + 2 + 5 + 3 + 2
        title_width = max(TITLE_WIDTH, self.app.size.width - countdown - others)
        table.clear(columns=True)
        table.add_column("#")
        table.add_column(_("Item"), width=title_width)
        table.add_column(_("Owner"), width=max(owner_width, cell_len(_("Owner"))))
        table.add_columns(pgettext("minutes", "Min"), "")
        for item, owner in zip(self.items, owners, strict=True):
            mark = (
                "▶"
                if self.current and item.id == self.current.id
                else ("✓" if item.status == "closed" else "")
            )
            table.add_row(
                str(item.id),
                cell(item.title),
                clipped(owner.plain, OWNER_WIDTH),
                cell(str(item.timebox or "")),
                cell(mark),
                key=str(item.id),
                height=None,
            )
        table.move_cursor(row=min(row, max(len(self.items) - 1, 0)))

    def detail_text(self) -> Text:
        item = self.current
        if item is None:
            if not self.items:
                return Text(_("No items yet: press a to add one."), style="dim")
            return Text(
                _("Select an item with enter to discuss it and start its countdown."), style="dim"
            )
        store = self.app.store
        outcome = item_outcome(store, self.meeting_id, item)
        decisions = outcome.decisions
        tensions = tensions_text(item, self.principles)
        # On a tall screen, what the team learned lately where the item is in tension.
        tall = self.app.size.height >= TALL_HEIGHT
        learned = recent_lessons_on(store, tension_keys(item), 3) if tall else []
        sections = [
            lines(Text(_("Tensions"), style="bold"), tensions) if tensions else None,
            outcome_text(outcome) if decisions or outcome.actions else None,
            lines(Text(_("Notes"), style="bold"), plain(item.notes)) if item.notes else None,
            learned_text(learned) if learned else None,
        ]
        if any(rule_words(t) for t in (item.title, *(d.text for d in decisions))):  # said once
            sections.append(Text(_(HINT), style="italic yellow"))  # i18n: not shown
        missing = len(unconsidered(store, item))
        if item.status == "closed":
            finished = _("Finished (check skipped)") if item.check_skipped else _("Finished")
            sections.append(Text(finished, style="green"))
        elif missing:
            sections.append(
                Text(
                    ngettext(
                        "{count} principle not yet considered",
                        "{count} principles not yet considered",
                        missing,
                    ).format(count=missing),
                    style="dim",
                )
            )
        # A blank line between the sections where the screen is wide enough to spare it.
        gap = "\n\n" if self.app.size.width >= 100 else "\n"
        return Text(gap, end="").join(s for s in sections if s)

    @on(DataTable.RowSelected, "#items")
    def discuss(self) -> None:
        table = self.query_one("#items", DataTable)
        if self.items:
            item = self.items[table.cursor_row]
            if self.app.attempt(
                discuss_item, self.app.store, self.meeting_id, item.id, item.timebox, self.app.me
            ):
                self.changed()
                self.query_one("#check-table").focus()

    @on(PrincipleCheck.VerdictChosen)
    def verdict_chosen(self, event: PrincipleCheck.VerdictChosen) -> None:
        item = self.current
        if item is None:
            self.notify(_("Choose an item first (enter on the item list)."), severity="warning")
            return
        store = self.app.store
        if event.verdict == TENSION:
            name = next(p.name for p in self.principles if p.key == event.key)
            fields = [
                FormField(
                    "note",
                    _("What is the tension with “{name}”?").format(name=name),
                    item.verdict(event.key).note,
                )
            ]
            self.app.push_screen(
                FormScreen(
                    _("Tension"),
                    fields,
                    lambda v: set_check(
                        store, self.meeting_id, item.id, event.key, TENSION, v["note"]
                    ),
                ),
                self.changed,
            )
            return
        if self.app.attempt(set_check, store, self.meeting_id, item.id, event.key, event.verdict):
            self.changed()

    def action_add_item(self) -> None:
        store = self.app.store
        fields = [
            FormField("title", _("Title")),
            FormField("owner", _("Owner (a member, optional)")),
            FormField("timebox", _("Timebox in minutes (optional)"), "10"),
        ]

        def save(values: dict) -> Item:
            item = add_item(
                store,
                self.meeting_id,
                values["title"],
                values["owner"].strip() or None,
                validate.minutes_text(values["timebox"]),
                self.app.me,
            )
            if rule_words(item.title):
                self.notify(_(HINT), title=_("A new rule?"), markup=False)
            return item

        self.app.push_screen(FormScreen(_("New agenda item"), fields, save), self.changed)

    def needs_item(self) -> Item | None:
        if self.current is None:
            self.notify(_("Choose an item first (enter on the item list)."), severity="warning")
        return self.current

    def action_restart_timer(self) -> None:
        item = self.needs_item()
        if (
            item
            and item.timebox
            and self.app.attempt(
                restart_timer, self.app.store, self.meeting_id, item.timebox, self.app.me
            )
        ):
            self.changed()

    def action_notes(self) -> None:
        item = self.needs_item()
        if item is None:
            return
        store = self.app.store
        fields = [FormField("notes", _("Notes"), item.notes, "area")]
        self.app.push_screen(
            FormScreen(
                _("Notes: {title}").format(title=item.title),
                fields,
                lambda v: set_notes(store, self.meeting_id, item.id, v["notes"]),
            ),
            self.changed,
        )

    def action_decide(self) -> None:
        item = self.needs_item()
        if item is None:
            return
        store = self.app.store

        def save(values: dict) -> object:
            decision = add_decision(
                store,
                self.meeting_id,
                item.id,
                values["text"],
                names(values["knows_most"]),
                names(values["affected"]),
                self.app.me,
                values["review"].strip() or None,
            )
            if decision.nobody_consulted:
                self.notify(
                    _("Nobody was consulted; the minutes will flag it."), severity="warning"
                )
            if rule_words(decision.text):
                self.notify(_(HINT), title=_("A new rule?"), markup=False)
            return decision

        self.app.push_screen(
            FormScreen(_("Decision: {title}").format(title=item.title), decision_fields(), save),
            self.changed,
        )

    def action_add_action(self) -> None:
        item = self.needs_item()
        if item is None:
            return
        store = self.app.store

        def save(values: dict) -> object:
            return add_action(
                store, self.meeting_id, values["text"], values["owner"], due_date(values), item.id
            )

        self.app.push_screen(
            FormScreen(_("New action"), action_fields(item.owner or ""), save), self.changed
        )

    def action_correct(self) -> None:
        """Correct or remove one of the item's decisions or actions."""
        item = self.needs_item()
        if item is None:
            return
        outcome = item_outcome(self.app.store, self.meeting_id, item)
        options = [
            (f"decision:{d.number}", filled(_("Decision: {text}"), "bold", text=plain(d.text)))
            for d in outcome.decisions
        ] + [
            (
                f"action:{a.id}",
                Text.assemble(
                    filled(_("Action: {text}"), "bold", text=plain(a.text)),
                    (" — ", "dim"),
                    plain(a.owner),
                ),
            )
            for a in outcome.actions
        ]
        if not options:
            self.notify(_("This item has no decision or action yet."), severity="warning")
            return
        hint = _("enter corrects, x removes, esc closes. The minutes show what it said before.")
        self.app.push_screen(PickScreen(_("Correct"), options, hint), self.correct)

    def correct(self, choice: Choice | None) -> None:
        if choice is None:
            return
        verb, key = choice
        what, ref = key.split(":", 1)
        store, meeting_id, me = self.app.store, self.meeting_id, self.app.me
        if what == "decision":
            decision = self.app.attempt(get_decision, store, meeting_id, int(ref))
            if decision is None:
                return
            if verb == "remove":
                self.confirm_removal(
                    _("Remove this decision?"),
                    decision.text,
                    lambda: remove_decision(store, meeting_id, decision.number, me),
                )
                return
            self.app.push_screen(
                FormScreen(
                    _("Correct the decision"),
                    decision_fields(decision),
                    lambda v: edit_decision(
                        store,
                        meeting_id,
                        decision.number,
                        v["text"],
                        names(v["knows_most"]),
                        names(v["affected"]),
                        me,
                    ),
                ),
                self.changed,
            )
            return
        action = self.app.attempt(get_action, store, ref)
        if action is None:
            return
        if verb == "remove":
            self.confirm_removal(
                _("Remove this action?"), action.text, lambda: remove_action(store, action.id, me)
            )
            return
        self.app.push_screen(
            FormScreen(
                _("Correct the action"),
                action_fields(action.owner, action),
                lambda v: edit_action(store, action.id, v["text"], v["owner"], due_date(v), me),
            ),
            self.changed,
        )

    def confirm_removal(self, title: str, text: str, remove: Callable[[], object]) -> None:
        def answered(yes: bool | None) -> None:
            if yes and self.app.attempt(remove):
                self.changed()

        self.app.push_screen(
            ConfirmScreen(
                title,
                _("“{text}”\n\nThe minutes will say it was removed, and what it said.").format(
                    text=text
                ),
                _("Remove"),
            ),
            answered,
        )

    def action_finish(self) -> None:
        item = self.needs_item()
        if item is None:
            return
        store = self.app.store
        missing = unconsidered(store, item)
        if not missing:
            if self.app.attempt(close_item, store, self.meeting_id, item.id):
                self.changed()
            return
        question = ngettext(
            "{count} principle is not yet considered. Finish anyway and skip the check? "
            "The minutes will say it was skipped.",
            "{count} principles are not yet considered. Finish anyway and skip the check? "
            "The minutes will say it was skipped.",
            len(missing),
        ).format(count=len(missing))

        def answered(skip: bool | None) -> None:
            if skip and self.app.attempt(
                close_item, store, self.meeting_id, item.id, skip_check=True
            ):
                self.changed()

        self.app.push_screen(
            ConfirmScreen(_("Skip the principle check?"), question, _("Skip the check")),
            answered,
        )
