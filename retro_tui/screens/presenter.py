"""The presenter view for the shared screen, readable from the back of the room: the
current item and its owner, who leads and who notes, a countdown a third of the screen
high, the principle check with every tension note, and the decisions and actions so far.
It follows the facilitator live."""

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from retro_tui.domain.actions import ACTIONS
from retro_tui.domain.agenda import Item, list_items
from retro_tui.domain.decisions import DECISIONS
from retro_tui.domain.flow import meeting_state, step_name
from retro_tui.domain.lessons import LESSONS, recent_lessons_on
from retro_tui.domain.meetings import Meeting, content_file, get_meeting, year_file
from retro_tui.domain.principles import list_principles
from retro_tui.i18n import N_, _, ngettext
from retro_tui.screens.live import LiveScreen
from retro_tui.store import TEAM
from retro_tui.widgets.countdown import Countdown
from retro_tui.widgets.item_summary import (
    check_grid,
    check_text,
    item_outcome,
    learned_text,
    outcome_text,
    tension_keys,
)
from retro_tui.widgets.plain import clipped, filled, lines, plain
from retro_tui.widgets.roles import leads_text

ROOMY_HEIGHT = 30  # rows from which the view has blank lines between its parts


class PresenterScreen(LiveScreen):
    BINDINGS = [
        Binding(
            "escape,ctrl+t",  # i18n: not shown
            "app.pop_screen",
            N_("Back"),
            id="presenter.back",
        ),
    ]

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting_id = meeting.id
        self.item: Item | None = None
        self.files = {TEAM, year_file(meeting.date[:4], meeting.group), content_file(meeting.id)}

    def compose(self) -> ComposeResult:
        with Horizontal(id="presenter-top"):
            yield Static(id="presenter-where", markup=False)
            yield Static(id="presenter-roles", markup=False)
        with Vertical(id="presenter"):
            yield Static(id="presenter-item", markup=False)
            yield Countdown(id="presenter-countdown")
            yield Static(id="presenter-time", markup=False)
            with Horizontal(id="presenter-body"):
                with VerticalScroll(id="presenter-check-pane", classes="presenter-pane"):
                    yield Static(id="presenter-check", markup=False)
                with VerticalScroll(id="presenter-outcome-pane", classes="presenter-pane"):
                    yield Static(id="presenter-outcome", markup=False)

    def on_mount(self) -> None:
        self.query_one("#presenter-check-pane").border_title = _("Principle check")
        self.app.redraw_from_store(self.reload)

    def shows(self, name: str) -> bool:
        """The meeting's record and content, the team, the decisions, actions and lessons."""
        return name in self.files or name.startswith(
            (f"{ACTIONS}-", f"{DECISIONS}-", f"{LESSONS}-")
        )

    def follow_store(self, changed: frozenset[str]) -> None:
        self.reload()

    def on_resize(self) -> None:
        """Laid out again for the new size: a damaged file keeps what is shown."""
        self.app.redraw_from_store(self.reload)

    def reload(self) -> None:
        store = self.app.store
        meeting = get_meeting(store, self.meeting_id)
        state = meeting_state(store, self.meeting_id)
        items = list_items(store, meeting.id)
        item = next((i for i in items if i.id == state.item), None)
        # Who leads and notes first, with half the line at least; the meeting's title,
        # shortened at a word, in what is left before its step.
        rest = " · " + step_name(state.step)
        if item:
            number = items.index(item) + 1
            rest += " · " + _("item {number} of {count}").format(number=number, count=len(items))
        room = self.size.width - 4  # the bar's padding and the space between its parts
        roles = leads_text(meeting, max(room - cell_len(meeting.title + rest), room // 2))
        title_room = max(room - roles.cell_len - cell_len(rest), 1)
        where = Text.assemble(clipped(meeting.title, title_room, "bold"), rest)
        self.query_one("#presenter-where", Static).update(where)
        self.query_one("#presenter-roles", Static).update(roles)
        self.item = item
        height = self.size.height
        roomy = height >= ROOMY_HEIGHT
        self.set_class(roomy, "roomy")
        title = self.item_text(item, one_line=not roomy)
        self.query_one("#presenter-item", Static).update(title)
        countdown = self.query_one(Countdown)
        countdown.styles.height = height // 3
        countdown.follow(state)
        self.show_time()
        countdown.display = item is not None
        self.query_one("#presenter-body").display = item is not None
        if item:
            # Below the countdown: all but the top line, the title, the line under the
            # countdown, and the blank lines of a roomy screen.
            title_rows = len(title.wrap(self.app.console, max(self.size.width - 4, 1)))
            used = 1 + title_rows + height // 3 + 1 + (2 if roomy else 0)
            self.show_item(item, rows=height - used)

    def show_item(self, item: Item, rows: int) -> None:
        """The check and what the item has come to, below the countdown in `rows` rows
        (borders included): the check as a table where it fits, else in two columns."""
        store = self.app.store
        principles = list_principles(store)
        check = check_text(item, principles)
        width = self.check_width(check, 2 / 3)
        if len(check.wrap(self.app.console, width)) > rows - 2:
            check = check_grid(item, principles, columns=2)
            width = self.check_width(check, 3 / 4)
        self.query_one("#presenter-check", Static).update(check)
        # Its panel: the check's width, the borders, the padding and the scroll bar. The
        # other panel's title takes what is left, less its own frame.
        self.query_one("#presenter-check-pane").styles.width = width + 5
        outcome_room = self.size.width - 4 - (width + 5) - 6
        self.query_one("#presenter-outcome-pane").border_title = clipped(
            _("Notes and decisions"), outcome_room
        )
        outcome = item_outcome(store, self.meeting_id, item)
        # The notes are the scribe's; where height is short they stay on the agenda step.
        roomy = self.has_class("roomy")
        notes = [Text(_("Notes"), style="bold"), plain(item.notes), ""]
        notes = notes if item.notes and roomy else []
        parts = [*notes, outcome_text(outcome)]
        if roomy:  # and what the team learned lately where the item is in tension
            learned = recent_lessons_on(store, tension_keys(item), 3)
            parts += ["", learned_text(learned)] if learned else []
        self.query_one("#presenter-outcome", Static).update(lines(*parts))

    def check_width(self, check: Text, share: float) -> int:
        """Columns for the check: its longest line, up to a `share` of the screen less
        the panel's borders, padding and scroll bar."""
        longest = max(map(cell_len, check.plain.splitlines()), default=0)
        return max(min(longest, int(self.size.width * share) - 5), 1)

    def item_text(self, item: Item | None, one_line: bool) -> Text:
        """The item's title, and who owns it: below, or after it where height is short."""
        if item is None:
            return Text(_("No item under discussion"), style="dim")
        text = plain(item.title, "bold")
        if item.owner:
            text.append(" · " if one_line else "\n", style="dim")
            text.append(filled(_("owned by {name}"), "dim", name=plain(item.owner)))
        return text

    @on(Countdown.Overtime)
    def show_time(self) -> None:
        """Under the countdown: the timebox, or, past it, words that say so in reverse."""
        over = self.query_one(Countdown).over
        item = self.item
        if item is None or not item.timebox:
            text = Text()
        elif over:
            text = Text(" " + _("OVER TIME") + " ", style="bold reverse")
        else:
            text = Text(
                ngettext(
                    "timebox: {count} minute", "timebox: {count} minutes", item.timebox
                ).format(count=item.timebox),
                style="dim",
            )
        self.query_one("#presenter-time", Static).update(text)
