"""Retrospective cards: written silently and hidden until revealed, then dot-voted."""

from typing import Self

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.geometry import Region
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from retro_tui.dialogs.confirm import ConfirmScreen
from retro_tui.dialogs.form import FormField, FormScreen, present_member_form
from retro_tui.domain.cards import (
    Board,
    Card,
    Theme,
    Topic,
    add_card,
    board,
    edit_card,
    remove_card,
    reveal_cards,
    unvote,
    vote,
    vote_theme,
)
from retro_tui.domain.flow import MeetingState
from retro_tui.domain.meetings import Meeting
from retro_tui.domain.team import Member
from retro_tui.domain.templates import Template
from retro_tui.domain.themes import group_card, merge_themes, rename_theme, undo_grouping
from retro_tui.errors import RetroError
from retro_tui.i18n import N_, _, ngettext
from retro_tui.widgets.plain import clipped, filled, plain
from retro_tui.widgets.step import Step


def card_prompt(card: Card, current: Board, me: Member | None, own: set[int]) -> Text:
    """A card as its column shows it: hidden before the reveal except to its author; once
    revealed with its dots, or with its theme when it has one."""
    if current.revealed:
        theme = current.theme(card.theme)
        if theme is not None:
            title = (f"◆ {theme.name}\n", "bold magenta")  # i18n: not shown
            return Text.assemble(title, plain(card.text))
        dots = "●" * card.votes
        shown = (f"{dots} " if dots else "", "bold yellow")  # i18n: not shown
        return Text.assemble(shown, plain(card.text))
    if card.id in own or (me is not None and card.author == me.name):
        return Text.assemble((_("(only you see this)") + " ", "dim"), plain(card.text))
    return Text("▒▒▒▒▒▒ " + _("hidden card"), style="dim")


def topic_prompt(topic: Topic) -> Text:
    """A theme with its cards, or a card in no theme, with its dots: the discussion order."""
    dots = Text("●" * topic.votes or "·", style="bold yellow")  # i18n: not shown
    if topic.theme is None:
        return Text.assemble(dots, f" {topic.votes}  ", plain(topic.cards[0].text))
    name = plain(topic.theme.name, "bold magenta")  # i18n: not shown
    lines = [Text.assemble(dots, f" {topic.votes}  ", name)]
    lines += [Text.assemble("    · ", plain(c.text, "dim")) for c in topic.cards]
    return Text("\n").join(lines)


class CardList(OptionList):
    """A column's cards. Its size is set by its column, with room for a scrollbar kept
    (see retro.tcss), so a card arriving repaints this list alone: OptionList would lay
    out the whole screen again because the list grew, in every app at every card. And
    cards added at the end repaint only their own lines (`append`)."""

    appending = False

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        if self.appending:
            return self
        return super().refresh(*regions, repaint=repaint, layout=False, recompose=recompose)

    def append(self, options: list[Option]) -> None:
        """Add cards at the end, repainting the lines they take and nothing else."""
        self._update_lines()
        before = len(self._line_cache.lines)
        self.appending = True
        try:
            self.add_options(options)
        finally:
            self.appending = False
        added = len(self._line_cache.lines) - before
        top = before - self.scroll_offset.y
        self.refresh(Region(0, top, self.scrollable_content_region.width, added))


def column_field(template: Template, column: str) -> FormField:
    options = [(f"{c.name}: {c.prompt}", c.key) for c in template.worded().columns]
    return FormField("column", _("Column"), column, "choice", options)


ANONYMOUS_HINT = N_(
    "This meeting is anonymous: no name is kept with your card, not even hidden. "
    "Until the reveal you can still change it, from this app only."
)
NO_THEME = "-"  # the choice that takes a card out of its theme


class CardsStep(Step):
    """The board: a column per column of the meeting's template; after the reveal the
    themes and cards in the order of their dots, which is the order they are discussed."""

    BINDINGS = [
        Binding("a", "add_card", N_("Write card"), id="cards.add"),
        Binding("r", "reveal", N_("Reveal"), id="cards.reveal"),
        Binding("g", "group", N_("Group"), id="cards.group"),
        Binding("n", "rename_theme", N_("Rename theme"), id="cards.rename_theme"),
        Binding("j", "merge_theme", N_("Merge theme"), id="cards.merge_theme"),
        Binding("z", "undo_grouping", N_("Undo"), id="cards.undo_grouping"),
        Binding("v", "vote", N_("Vote"), id="cards.vote"),
        Binding("u", "unvote", N_("Take back vote"), id="cards.unvote"),
        Binding("m", "voter", N_("Voter"), id="cards.voter"),
        Binding("e", "edit_card", N_("Correct card"), id="cards.edit"),
        Binding("x", "remove_card", N_("Remove card"), id="cards.remove"),
    ]
    GROUPING = {"group", "rename_theme", "merge_theme", "undo_grouping"}
    VOTING = {"vote", "unvote"}

    def compose(self) -> ComposeResult:
        self.board: Board = board(self.app.store, self.meeting_id)
        yield Static(id="cards-status", markup=False)
        with Horizontal(id="columns"):
            for n, column in enumerate(self.board.template.worded().columns):
                options = CardList(id=f"col-{n}", classes="card-column")
                options.border_title = Text(column.name)  # a team's own words: never markup
                options.border_subtitle = Text(column.prompt)
                yield options
        topics = OptionList(id="topics")
        topics.border_title = _("Themes and cards, in the order discussed")
        topics.display = False
        yield topics

    def on_resize(self) -> None:
        """Each column's question at its foot, shortened at a word to the column's width."""
        columns = self.board.template.worded().columns
        room = (self.size.width - 2) // len(columns) - 6  # the borders, corners and padding
        for n, column in enumerate(columns):
            self.query_one(f"#col-{n}").border_subtitle = clipped(column.prompt, room)

    def on_mount(self) -> None:
        self.shown: dict[str, list[tuple[str, Text]]] = {}  # each column's cards as shown
        self.shown_topics: list[tuple[str, Text]] = []
        self.prompts: dict[tuple[Card, bool, str | None], Text] = {}
        self.status = Text()
        self.voter: Member | None = self.app.me

    @property
    def own(self) -> set[int]:
        """The cards this app wrote in this meeting (what an anonymous board never stores)."""
        return self.app.own_cards.setdefault(self.meeting_id, set())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys of the moment: grouping between the reveal and the first dot, by the
        facilitator; voting after the reveal. Over SSH the key says who votes."""
        if action == "voter" and self.app.remote:
            return False
        revealed = self.board.revealed
        if action in self.GROUPING:
            me = self.app.me
            facilitating = me is not None and me.name == self.facilitator
            if not (revealed and facilitating and not self.board.voting_started):
                return False
        if action in self.VOTING and not revealed:
            return False
        if action == "reveal" and revealed:
            return False
        return super().check_action(action, parameters)

    @property
    def facilitator(self) -> str | None:
        meeting = getattr(self, "meeting", None)
        return meeting.facilitator if meeting else None

    def show(self, meeting: Meeting, state: MeetingState) -> None:
        """Redraw the columns whose cards changed; a new card leaves the others alone."""
        self.meeting = meeting
        before = self.board
        self.board = board(self.app.store, meeting.id)
        for n, column in enumerate(self.board.template.columns):
            self.show_column(f"col-{n}", self.board.column(column.key))
        self.show_topics()
        focused = self.screen.focused
        if isinstance(focused, OptionList) and focused in self.query(OptionList):
            cursor_on_first(focused)
        status = self.status_text()
        if status != self.status:  # an update lays the screen out again: only on a change
            self.status = status
            self.query_one("#cards-status", Static).update(status)
        if (before.revealed, before.voting_started) != (
            self.board.revealed,
            self.board.voting_started,
        ):
            self.refresh_bindings()

    def show_column(self, column_id: str, cards: list[Card]) -> None:
        prompts = [(str(c.id), self.prompt(c)) for c in cards]
        before = self.shown.get(column_id, [])
        if before == prompts:
            return
        self.shown[column_id] = prompts
        options = self.query_one(f"#{column_id}", CardList)
        if before and prompts[: len(before)] == before:  # new cards at the end
            options.append([Option(p, id=card_id) for card_id, p in prompts[len(before) :]])
            return
        refill(options, prompts)

    def show_topics(self) -> None:
        topics = self.query_one("#topics", OptionList)
        current = self.board
        # Shown once there is an order to follow across the columns: themes, or dots.
        topics.display = current.revealed and bool(current.themes or current.voting_started)
        if not topics.display:
            return
        prompts = [
            (f"t{t.theme.id}" if t.theme else f"c{t.cards[0].id}", topic_prompt(t))
            for t in self.board.topics()
        ]
        if prompts != self.shown_topics:
            self.shown_topics = prompts
            refill(topics, prompts)

    def prompt(self, card: Card) -> Text:
        """A card as shown; made once for each card as it is, not at every redraw."""
        theme = self.board.theme(card.theme)
        key = (card, self.board.revealed, theme.name if theme else None)
        if key not in self.prompts:
            if len(self.prompts) > 4 * len(self.board.cards) + 100:
                self.prompts.clear()  # cards since changed or taken back
            self.prompts[key] = card_prompt(card, self.board, self.app.me, self.own)
        return self.prompts[key]

    def status_text(self) -> Text:
        current = self.board
        if not current.revealed:
            count = len(current.cards)
            text = Text.assemble(
                ngettext("{count} card written.", "{count} cards written.", count).format(
                    count=count
                )
                + " ",
                (
                    _(
                        "Write silently; the cards stay hidden until the facilitator reveals "
                        "them (r)."
                    ),
                    "dim",
                ),
            )
            if current.anonymous:
                text.append("\n" + _("Anonymous: no name is kept with any card."), style="bold")
            return text
        if self.voter is None:
            return Text(_("Revealed. Choose who votes with m."), style="dim")
        text = filled(
            ngettext(
                "Revealed. {name} has {left} of {budget} dot left.",
                "Revealed. {name} has {left} of {budget} dots left.",
                current.vote_budget,
            ),
            name=plain(self.voter.name, "bold"),
            left=current.votes_left(self.voter.name),
            budget=current.vote_budget,
        )
        if not current.voting_started:
            text.append(
                "\n"
                + _(
                    "The facilitator may first group cards into themes (g); dots go to a theme "
                    "or a card on its own."
                ),
                style="dim",
            )
        return text

    def highlighted(self) -> tuple[str, int] | None:
        """("card", id) or ("theme", id) for the row under the cursor."""
        focused = self.screen.focused
        if isinstance(focused, OptionList) and focused.highlighted is not None:
            option_id = focused.get_option_at_index(focused.highlighted).id or ""
            if focused.id == "topics":
                return ("theme" if option_id[0] == "t" else "card", int(option_id[1:]))
            return "card", int(option_id)
        self.notify(_("Move to a card first (tab to a column)."), severity="warning")
        return None

    def highlighted_card(self) -> int | None:
        found = self.highlighted()
        if found is not None and found[0] == "theme":
            self.notify(_("That is a theme; move to one of its cards."), severity="warning")
            return None
        return found[1] if found else None

    def highlighted_theme(self) -> Theme | None:
        """The theme under the cursor, or the theme of the card under it."""
        found = self.highlighted()
        if found is None:
            return None
        kind, ref = found
        theme_id = (
            ref
            if kind == "theme"
            else next((c.theme for c in self.board.cards if c.id == ref), None)
        )
        theme = self.board.theme(theme_id)
        if theme is None:
            self.notify(_("That card is in no theme."), severity="warning")
        return theme

    def action_add_card(self) -> None:
        store, me, own = self.app.store, self.app.me, self.own
        focused = self.screen.focused
        columns = self.board.template.columns
        index = (
            int(focused.id.removeprefix("col-"))
            if isinstance(focused, CardList) and focused.id
            else 0
        )
        fields = [
            column_field(self.board.template, columns[index].key),
            FormField("text", _("Card"), kind="area"),
        ]

        def write(values: dict) -> Card:
            card = add_card(store, self.meeting_id, values["column"], values["text"], me)
            own.add(card.id)
            return card

        hint = (
            _(ANONYMOUS_HINT) if self.board.anonymous else _("Others see it only after the reveal.")
        )
        self.app.push_screen(FormScreen(_("Write a card"), fields, write, hint), self.changed)

    def card_to_correct(self) -> Card | None:
        card_id = self.highlighted_card()
        viewer = self.app.me and self.app.me.name
        card = next((c for c in self.board.visible_to(viewer, self.own) if c.id == card_id), None)
        if card_id is not None and card is None:
            self.notify(_("Only its author can change a hidden card."), severity="warning")
        return card

    def action_edit_card(self) -> None:
        card = self.card_to_correct()
        if card is None:
            return
        store, me, own = self.app.store, self.app.me, set(self.own)
        fields = [
            column_field(self.board.template, card.column),
            FormField("text", _("Card"), card.text, "area"),
        ]
        hint = (
            _("After the reveal the minutes show what the card said before.")
            if self.board.revealed
            else ""
        )
        self.app.push_screen(
            FormScreen(
                _("Correct a card"),
                fields,
                lambda v: edit_card(
                    store, self.meeting_id, card.id, v["text"], me, v["column"], own
                ),
                hint,
            ),
            self.changed,
        )

    def action_remove_card(self) -> None:
        card = self.card_to_correct()
        if card is None:
            return
        store, me, own = self.app.store, self.app.me, set(self.own)

        def answered(yes: bool | None) -> None:
            if yes and self.app.attempt(remove_card, store, self.meeting_id, card.id, me, own):
                self.changed()

        self.app.push_screen(
            ConfirmScreen(
                _("Remove this card?"),
                _("“{text}”\n\nIts dots go back to their voters.").format(text=card.text),
                _("Remove"),
            ),
            answered,
        )

    def action_reveal(self) -> None:
        if self.app.attempt(reveal_cards, self.app.store, self.meeting_id, self.app.me):
            self.changed()

    def action_group(self) -> None:
        """Put the card under the cursor into a theme: one there is, or a new one."""
        card_id = self.highlighted_card()
        if card_id is None:
            return
        card = next(c for c in self.board.cards if c.id == card_id)
        store, me = self.app.store, self.app.me
        choices = [(t.name, str(t.id)) for t in self.board.themes]
        fields = [
            FormField("new", _("A new theme called")),
            FormField(
                "theme",
                _("or a theme there is"),
                str(card.theme) if card.theme else "",
                "choice",
                [*choices, (_("(no theme)"), NO_THEME)],
            ),
        ]

        def save(values: dict) -> object:
            chosen = values["theme"]
            target: str | int | None = values["new"].strip() or (
                None if chosen in (None, NO_THEME) else int(chosen)
            )
            if target is None and chosen is None:
                raise RetroError(_("name a new theme or choose one"))
            return group_card(store, self.meeting_id, card_id, target, me) or True

        self.app.push_screen(
            FormScreen(_("Group a card"), fields, save, plain_card(card)), self.changed
        )

    def action_rename_theme(self) -> None:
        theme = self.highlighted_theme()
        if theme is None:
            return
        store, me = self.app.store, self.app.me
        self.app.push_screen(
            FormScreen(
                _("Rename a theme"),
                [FormField("name", _("Name"), theme.name)],
                lambda v: rename_theme(store, self.meeting_id, theme.id, v["name"], me),
            ),
            self.changed,
        )

    def action_merge_theme(self) -> None:
        theme = self.highlighted_theme()
        if theme is None:
            return
        others = [(t.name, str(t.id)) for t in self.board.themes if t.id != theme.id]
        if not others:
            self.notify(_("There is no other theme to merge it into."), severity="warning")
            return
        store, me = self.app.store, self.app.me
        self.app.push_screen(
            FormScreen(
                _("Merge “{name}” into").format(name=theme.name),
                [FormField("into", _("Theme"), others[0][1], "choice", others)],
                lambda v: merge_themes(store, self.meeting_id, theme.id, int(v["into"]), me),
            ),
            self.changed,
        )

    def action_undo_grouping(self) -> None:
        if (
            self.app.attempt(undo_grouping, self.app.store, self.meeting_id, self.app.me)
            is not None
        ):
            self.changed()

    def action_vote(self) -> None:
        found = self.highlighted()
        if found is None:
            return
        if self.voter is None:
            if self.app.remote:
                self.notify(_("Only members can vote."), severity="warning")
            else:
                self.action_voter()
            return
        kind, ref = found
        cast = vote_theme if kind == "theme" else vote
        if self.app.attempt(cast, self.app.store, self.meeting_id, ref, self.voter):
            self.changed()

    def action_unvote(self) -> None:
        found = self.highlighted()
        if found is not None and self.voter is not None:
            kind, ref = found
            self.app.attempt(
                unvote, self.app.store, self.meeting_id, ref, self.voter, theme=kind == "theme"
            )
            self.changed()

    def action_voter(self) -> None:
        """On a shared keyboard, choose whose dots the next votes spend."""

        def chosen(member: Member | None) -> None:
            if member is not None:
                self.voter = member
                self.changed()

        current = self.voter.name if self.voter else None
        form = present_member_form(
            _("Vote as"), _("Who is voting?"), self.meeting.present, current, self.app.store
        )
        self.app.push_screen(form, chosen)

    @on(OptionList.OptionSelected)
    def selected(self) -> None:
        self.action_vote()

    @on(events.DescendantFocus)
    def focused_list(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, OptionList):
            cursor_on_first(event.widget)


def cursor_on_first(options: OptionList) -> None:
    """A list in focus has a card under the cursor, ready for a key."""
    if options.highlighted is None and options.option_count:
        options.highlighted = 0


def plain_card(card: Card) -> str:
    first = card.text.splitlines()[0] if card.text else ""
    return f"“{first[:70]}”"


def refill(options: OptionList, prompts: list[tuple[str, Text]]) -> None:
    """Show `prompts` in `options`, the highlight staying on its row when dots re-sort them."""
    row = options.highlighted
    highlighted = None if row is None else options.get_option_at_index(row).id
    options.clear_options()
    options.add_options(Option(prompt, id=option_id) for option_id, prompt in prompts)
    if row is not None and prompts:
        ids = [option_id for option_id, __ in prompts]
        options.highlighted = (
            ids.index(highlighted) if highlighted in ids else min(row, len(ids) - 1)
        )
