"""Themes: after the reveal the facilitator groups the cards under names, before the dots.

Every change keeps how the themes were before it, so the facilitator can undo it. Once a
dot is spent the grouping stays as it is: moving cards then would move dots people gave.
"""

from retro_tui.domain import validate
from retro_tui.domain.cards import CARDS, THEMES, Board, Theme, board, existing_theme
from retro_tui.domain.meetings import open_content
from retro_tui.domain.team import Member
from retro_tui.errors import RetroError
from retro_tui.i18n import _
from retro_tui.store import Document, Store, TinyDB

GROUPING = "grouping"  # how the themes were before each change, newest last
UNDO_DEPTH = 100


def group_card(
    store: Store, meeting_id: str, card_id: int, theme: str | int | None, by: Member | None
) -> Theme | None:
    """Put a card into a theme: an existing one by id or name, else a new one with that
    name; None takes it out of its theme. A theme left with no card goes."""
    with store.transaction():
        current, content = _grouping(store, meeting_id, by)
        card = next((c for c in current.cards if c.id == card_id), None)
        if card is None:
            raise RetroError(
                _("meeting {meeting} has no card {card}").format(meeting=meeting_id, card=card_id)
            )
        target = _theme_for(current, meeting_id, theme) if theme is not None else None
        if target is not None and target.id == card.theme:
            return target
        _keep_for_undo(current, content)
        if target is not None and target.id not in {t.id for t in current.themes}:
            target = Theme(content.table(THEMES).insert({"name": target.name}), target.name)
        content.table(CARDS).update({"theme": target.id if target else None}, doc_ids=[card_id])
        _drop_empty(content, card.theme)
        return target


def merge_themes(
    store: Store, meeting_id: str, theme_id: int, into: int, by: Member | None
) -> Theme:
    """Move every card of one theme into another; the first theme goes."""
    with store.transaction():
        current, content = _grouping(store, meeting_id, by)
        source = existing_theme(current, meeting_id, theme_id)
        target = existing_theme(current, meeting_id, into)
        if source.id == target.id:
            raise RetroError(_("a theme cannot be merged into itself"))
        _keep_for_undo(current, content)
        moved = [c.id for c in current.cards if c.theme == source.id]
        content.table(CARDS).update({"theme": target.id}, doc_ids=moved)
        content.table(THEMES).remove(doc_ids=[source.id])
        return target


def rename_theme(
    store: Store, meeting_id: str, theme_id: int, name: str, by: Member | None
) -> Theme:
    clean_name = validate.label(name, _("theme's name"))
    with store.transaction():
        current, content = _grouping(store, meeting_id, by)
        theme = existing_theme(current, meeting_id, theme_id)
        if clean_name == theme.name:
            return theme
        _check_name_free(current, clean_name, theme.id)
        _keep_for_undo(current, content)
        content.table(THEMES).update({"name": clean_name}, doc_ids=[theme.id])
        return Theme(theme.id, clean_name)


def undo_grouping(store: Store, meeting_id: str, by: Member | None) -> None:
    """Put the themes back as they were before the last change."""
    with store.transaction():
        current, content = _grouping(store, meeting_id, by)
        history = content.table(GROUPING)
        earlier = history.all()
        if not earlier:
            raise RetroError(_("there is no change to the themes to undo"))
        before = earlier[-1]
        names = {_record_id(k): name for k, name in before["themes"].items()}
        kept = {_record_id(k): theme for k, theme in before["cards"].items()}
        if None in names or None in kept or not {*kept.values()} <= {*names, None}:
            raise RetroError(
                _(
                    "the themes of meeting {meeting} cannot be put back: the record of how "
                    "they were is not retro's (was the file edited by hand?)"
                ).format(meeting=meeting_id)
            )
        themes = content.table(THEMES)
        themes.truncate()
        for theme_id, name in names.items():
            themes.insert(Document({"name": name}, doc_id=theme_id))
        cards = content.table(CARDS)
        present = {c.id for c in current.cards}
        for card_id, theme_id in kept.items():
            if card_id in present:
                cards.update({"theme": theme_id}, doc_ids=[card_id])
        for card in current.cards:  # written since: in no theme then
            if str(card.id) not in before["cards"] and card.theme is not None:
                cards.update({"theme": None}, doc_ids=[card.id])
        history.remove(doc_ids=[before.doc_id])


def find_theme(store: Store, meeting_id: str, ref: str) -> Theme:
    """The theme `ref` names: by its number, else by its name (any case)."""
    current = board(store, meeting_id)
    found = current.theme(_record_id(ref.strip())) or current.theme_named(ref)
    if found is None:
        raise RetroError(
            _("meeting {meeting} has no theme {theme}").format(meeting=meeting_id, theme=repr(ref))
        )
    return found


def _record_id(key: str) -> int | None:
    """A record id written as text ("12"), or None for anything else."""
    return int(key) if key.isascii() and key.isdigit() and 0 < int(key) < 2**31 else None


def _grouping(store: Store, meeting_id: str, by: Member | None) -> tuple[Board, TinyDB]:
    """The board and the meeting's file, if `by` may change the themes now: the
    facilitator, after the reveal and before the first dot."""
    meeting, content = open_content(store, meeting_id, for_change=True)
    if by is None or by.name != meeting.facilitator:
        raise RetroError(
            _("only the facilitator ({facilitator}) groups the cards").format(
                facilitator=meeting.facilitator
            )
        )
    current = board(store, meeting.id)
    if not current.revealed:
        raise RetroError(_("the cards are grouped once they are revealed"))
    if current.voting_started:
        raise RetroError(_("voting has begun; the dots must be taken back before regrouping"))
    return current, content


def _theme_for(current: Board, meeting_id: str, theme: str | int) -> Theme:
    """The theme `theme` names: an existing one by id or name, else a new one (id 0 until
    it is written)."""
    if isinstance(theme, int):
        return existing_theme(current, meeting_id, theme)
    clean_name = validate.label(theme, _("theme's name"))
    return current.theme_named(clean_name) or Theme(0, clean_name)


def _check_name_free(current: Board, name: str, theme_id: int) -> None:
    other = current.theme_named(name)
    if other is not None and other.id != theme_id:
        raise RetroError(
            _("there is already a theme called {name}; merge them").format(name=repr(other.name))
        )


def _keep_for_undo(current: Board, content: TinyDB) -> None:
    history = content.table(GROUPING)
    history.insert(
        {
            "themes": {str(t.id): t.name for t in current.themes},
            "cards": {str(c.id): c.theme for c in current.cards},
        }
    )
    if len(history) > UNDO_DEPTH:
        history.remove(doc_ids=[history.all()[0].doc_id])


def _drop_empty(content: TinyDB, theme_id: int | None) -> None:
    if theme_id is None:
        return
    if not content.table(CARDS).search(lambda doc: doc.get("theme") == theme_id):
        content.table(THEMES).remove(doc_ids=[theme_id])
