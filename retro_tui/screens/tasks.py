"""Leadership tasks: who handed which task to whom, their agreement on five dimensions, and
the alignment check, answered unseen and shown once both are in."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Static

from retro_tui.dialogs.form import FormField, FormScreen, member_choices
from retro_tui.domain import clock
from retro_tui.domain.groups import list_groups
from retro_tui.domain.tasks import (
    DIMENSIONS,
    KEYS,
    TASKS,
    Task,
    add_task,
    agree,
    check,
    flag_on_agenda,
    list_tasks,
    visible_answers,
)
from retro_tui.domain.team import get_team
from retro_tui.i18n import N_, _, pgettext
from retro_tui.screens.live import LiveScreen
from retro_tui.store import TEAM
from retro_tui.widgets.footer import KeysFooter
from retro_tui.widgets.picked import picked
from retro_tui.widgets.plain import clipped, filled, plain
from retro_tui.widgets.top_bar import TopBar

NAME_WIDTH = 30
SCORE_CHOICES = [
    (N_("5: clear and shared"), "5"),
    ("4", "4"),
    ("3", "3"),
    ("2", "2"),
    (N_("1: unclear, or not shared"), "1"),
]


def dimension_words(keys: list[str]) -> str:
    """The dimensions `keys` as a list in running text ("frame, roles"), in the language
    in use."""
    return ", ".join(_(d.noun) for d in DIMENSIONS if d.key in keys)


class TasksScreen(LiveScreen):
    """Every leadership task; the selected one's agreement and alignment beside."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="tasks.back"),
        Binding("a", "add", N_("New task"), id="tasks.add"),
        Binding("g", "agree", N_("Agreement"), id="tasks.agree"),
        Binding("c", "check", N_("Check alignment"), id="tasks.check"),
        Binding("t", "to_agenda", N_("Flag to agenda"), id="tasks.agenda"),
    ]

    def compose(self) -> ComposeResult:
        yield TopBar()
        with Horizontal(id="tasks-body"):
            yield DataTable(id="task-table", cursor_type="row")
            with VerticalScroll(id="task-detail", classes="panel"):
                yield Static(id="task-text", markup=False)
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one(TopBar).show(get_team(self.app.store).name, self.app.me, _("Tasks"))
        self.query_one("#task-detail").border_title = _("Task")
        self.query_one("#task-table", DataTable).add_column(_("Task"))
        self.tasks: list[Task] = []
        self.reload()
        self.query_one("#task-table", DataTable).focus()

    def shows(self, name: str) -> bool:
        return name in (TEAM, TASKS)

    def follow_store(self, changed: frozenset[str]) -> None:
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        task = self.current()
        if action in ("agree", "check"):
            return task is not None
        if action == "to_agenda":
            return task is not None and bool(task.flags())
        return True

    def reload(self, select: str | None = None) -> None:
        tasks = self.app.attempt(list_tasks, self.app.store)
        if tasks is None:
            return
        current = self.current()
        select = select or (current.name if current else None)
        self.tasks = tasks
        table = self.query_one("#task-table", DataTable)
        table.clear()
        today, aligned = clock.today(), _("aligned")
        for task in tasks:
            why = task.needs_attention(today)
            table.add_row(
                Text.assemble(
                    clipped(task.name, NAME_WIDTH, "bold"),
                    "\n",
                    clipped(f"{task.holder}: {why or aligned}", NAME_WIDTH, "" if why else "dim"),
                ),
                key=task.name,
                height=2,
            )
        names = [task.name for task in tasks]
        if select in names:
            table.move_cursor(row=names.index(select))
        self.show_detail()

    def current(self) -> Task | None:
        return picked(self, "#task-table", getattr(self, "tasks", []))

    @on(DataTable.RowHighlighted, "#task-table")
    def show_detail(self) -> None:
        task = self.current()
        text_widget = self.query_one("#task-text", Static)
        self.refresh_bindings()
        if task is None:
            text_widget.update(Text(_("No leadership tasks yet: a registers one."), style="dim"))
            return
        self.query_one("#task-detail").border_title = Text(task.name)  # never markup
        text_widget.update(self.detail_text(task))

    def detail_text(self, task: Task) -> Text:
        me = self.app.me.name if self.app.me else None
        agreement = task.agreement
        last = task.checks[-1] if task.checks else None
        shown = visible_answers(task, last, me) if last else []
        both = last is not None and task.revealed(last)
        flags = task.flags(last) if both else []
        text = Text()
        handed = _("{handed_by} handed it to {holder}")
        text.append(
            filled(
                handed,
                "dim",
                handed_by=plain(task.handed_by, "bold"),
                holder=plain(task.holder, "bold"),
            )
        )
        if agreement is None:
            text.append("\n\n" + _("No agreement yet: g writes it down."), style="dim")
        elif agreement.check_in:
            check_in = _("Check-in: {date}").format(date=agreement.check_in)
            text.append(f"\n{check_in}", style="dim")
        if flags:
            not_aligned = _("Not aligned on {dimensions}").format(dimensions=dimension_words(flags))
            text.append(f"\n{not_aligned}", style="bold")
            text.append(" " + _("(t puts it on the agenda)"), style="dim")
        for dimension in DIMENSIONS:
            text.append("\n\n" + _(dimension.name), style="bold")
            if both:
                aligned = dimension.key not in flags
                text.append(
                    "  " + _("aligned") if aligned else "  ✗ " + _("NOT ALIGNED"),
                    style="" if aligned else "bold",
                )
            text.append("\n")
            text.append(plain(agreement.texts[dimension.key] if agreement else "-"))
            answers = "  ·  ".join(f"{a.member} {a.scores[dimension.key]}/5" for a in shown)
            if answers:
                text.append(f"\n{answers}", style="dim")
        for answer in shown:
            if answer.note:
                text.append(f"\n\n{answer.member}: ", style="dim")
                text.append(plain(answer.note, "italic"))
        if last is not None and not both:
            waiting = [m for m in task.pair if not last.answer_of(m)]
            text.append(
                "\n\n"
                + _("Waiting for {names}: answers show once both are in.").format(
                    names=", ".join(waiting)
                ),
                style="dim",
            )
        return text

    def action_add(self) -> None:
        store, everyone = self.app.store, member_choices(self.app.store)
        groups = [(g.name, g.key) for g in list_groups(store)]
        self.app.push_screen(
            FormScreen(
                _("New leadership task"),
                [
                    FormField("name", _("The task (shift planning, onboarding, …)")),
                    FormField("handed_by", _("Handed over by"), kind="choice", options=everyone),
                    FormField("holder", _("Held by"), kind="choice", options=everyone),
                    FormField("group", pgettext("task", "For"), groups[0][1], "choice", groups),
                ],
                lambda v: add_task(
                    store, v["name"], v["holder"] or "", v["handed_by"] or "", v["group"]
                ),
                _("Next, both write down what they agree on (g)."),
            ),
            self.after_form,
        )

    def action_agree(self) -> None:
        task = self.current()
        if task is None:
            return
        store, me = self.app.store, self.app.me
        before = task.agreement.texts if task.agreement else {}
        fields = [
            FormField(d.key, _(d.name) + ": " + _(d.question), before.get(d.key, ""), "area")
            for d in DIMENSIONS
        ]
        fields.append(
            FormField(
                "check_in",
                _("Check in again on (YYYY-MM-DD, optional)"),
                (task.agreement.check_in or "") if task.agreement else "",
            )
        )
        self.app.push_screen(
            FormScreen(
                _("Agreement: {task}").format(task=task.name),
                fields,
                lambda v: agree(
                    store, task.name, {k: v[k] for k in KEYS}, v["check_in"].strip() or None, me
                ),
            ),
            self.after_form,
        )

    def action_check(self) -> None:
        task = self.current()
        me = self.app.me
        if task is None:
            return
        if me is None or me.name not in task.pair:
            self.notify(
                _("Only {handed_by} and {holder} answer this check.").format(
                    handed_by=task.handed_by, holder=task.holder
                ),
                severity="warning",
                markup=False,
            )
            return
        store = self.app.store
        scores = [(_(label), value) for label, value in SCORE_CHOICES]
        fields = [
            FormField(
                d.key,
                _("{dimension}: how clear and shared?").format(dimension=_(d.name)),
                "",
                "choice",
                scores,
            )
            for d in DIMENSIONS
        ]
        fields.append(FormField("note", _("A note for the other (optional)"), kind="area"))
        self.app.push_screen(
            FormScreen(
                _("Alignment check: {task}").format(task=task.name),
                fields,
                lambda v: check(
                    store, task.name, me, {k: int(v[k]) if v[k] else 0 for k in KEYS}, v["note"]
                ),
                _("The other sees your answers only once both have answered."),
            ),
            self.after_form,
        )

    def action_to_agenda(self) -> None:
        task = self.current()
        if task is None or not task.flags():
            return
        store, me = self.app.store, self.app.me
        names = {d.key: _(d.name) for d in DIMENSIONS}
        options = [(names[key], key) for key in task.flags()]
        self.app.push_screen(
            FormScreen(
                _("Put a flag on the agenda"),
                [FormField("dimension", _("Which dimension?"), options[0][1], "choice", options)],
                lambda v: flag_on_agenda(store, task.name, v["dimension"], me),
                _("It becomes an item of the next meeting of the task's group."),
            ),
            self.placed,
        )

    def placed(self, placed: object) -> None:
        if isinstance(placed, tuple):
            meeting, item = placed
            self.notify(
                _("Item {item} of {meeting} on {date}.").format(
                    item=item, meeting=meeting.title, date=meeting.date
                ),
                markup=False,
            )

    def after_form(self, saved: object) -> None:
        if isinstance(saved, Task):
            self.reload(select=saved.name)
