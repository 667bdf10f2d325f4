"""Every dialog that a key opens, at 80×24: it opens on its first text field, it fits,
and saving it with every field empty or every field full either saves or says what is
wrong, keeping what was typed. Never a crash, and the store stays valid.

`DIALOGS` lists, for each place in the app, the keys that open a dialog; `DIRECT` the
keys that act at once. A key added to the app without a line here fails
`test_every_key_is_known`, so no new dialog goes untested.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Select

from retro_tui.app import RetroApp, make_app
from retro_tui.dialogs.confirm import ConfirmScreen
from retro_tui.dialogs.export import ExportScreen
from retro_tui.dialogs.form import FormScreen
from retro_tui.dialogs.pick import PickScreen
from retro_tui.dialogs.start_meeting import StartMeetingScreen
from retro_tui.domain.actions import add_action
from retro_tui.domain.agenda import add_item
from retro_tui.domain.cards import add_card, reveal_cards
from retro_tui.domain.decisions import add_decision
from retro_tui.domain.demo import create_demo
from retro_tui.domain.flow import discuss_item, go_to_step
from retro_tui.domain.meetings import get_meeting, set_status, today_meeting
from retro_tui.domain.team import find_member
from retro_tui.domain.themes import group_card
from retro_tui.screens.meeting import MeetingScreen
from retro_tui.store import Store
from retro_tui.widgets.fields import Area, Field
from tests.test_monkey import check_store

SIZE = (80, 24)
LONG = " ".join(["Ærø and Åre, a long line that wraps;"] * 12)  # about 430 characters
# Keys every screen has, which leave it rather than open a dialog of its own.
AROUND = {"quit", "home", "lessons", "forums", "decisions", "tasks", "trends", "look", None}


@dataclass(frozen=True)
class Place:
    """Where in the app a key is pressed, and how the test gets there."""

    name: str
    enter: Callable[[Pilot, str], Awaitable[None]]
    prepare: Callable[[Store, str], None] = lambda store, meeting_id: None
    known: bool = True  # the app knows who is at the keyboard (the facilitator)
    as_name: str | None = None  # someone else at the keyboard


def todays(store: Store) -> str:
    """The demo's retrospective of today (the Care forum meets later in the week)."""
    meeting = today_meeting(store)
    assert meeting is not None
    return meeting.id


def lead_of(store: Store, meeting_id: str):
    return find_member(store, get_meeting(store, meeting_id).facilitator)


async def at_home(pilot: Pilot, meeting_id: str) -> None:
    await pilot.pause()


async def at_home_asked_who(pilot: Pilot, meeting_id: str) -> None:
    """Home asks who is at the keyboard once its overview has loaded; not now."""
    for _ in range(100):
        if isinstance(pilot.app.screen, FormScreen):
            break
        await pilot.pause(0.02)
    assert isinstance(pilot.app.screen, FormScreen)
    await pilot.press("escape")
    await pilot.pause()


async def at_lessons(pilot: Pilot, meeting_id: str) -> None:
    await pilot.press("l")
    await pilot.pause()


def by_keys(*keys: str) -> Callable[[Pilot, str], Awaitable[None]]:
    """Reach a screen from Home with `keys`."""

    async def enter(pilot: Pilot, meeting_id: str) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()

    return enter


def in_meeting(focus: str | None = None) -> Callable[[Pilot, str], Awaitable[None]]:
    async def enter(pilot: Pilot, meeting_id: str) -> None:
        await pilot.app.push_screen(MeetingScreen(meeting_id))
        await pilot.pause()
        if focus:
            widget = pilot.app.screen.query_one(focus)
            widget.focus()
            if isinstance(widget, OptionList):
                widget.highlighted = 0
        await pilot.pause()

    return enter


def at_step(step: str, then: Callable[[Store, str], None] | None = None):
    def prepare(store: Store, meeting_id: str) -> None:
        go_to_step(store, meeting_id, step, lead_of(store, meeting_id))
        if then:
            then(store, meeting_id)

    return prepare


def item_under_discussion(store: Store, meeting_id: str) -> None:
    item = add_item(store, meeting_id, "Trial of afternoon visits", "Bo Jensen", 15)
    discuss_item(store, meeting_id, item.id, 15, lead_of(store, meeting_id))
    add_decision(store, meeting_id, item.id, "Try it for a month", ["Bo Jensen"])
    add_action(store, meeting_id, "Ask the families", "Bo Jensen", None, item.id)


def revealed_cards(store: Store, meeting_id: str) -> None:
    """Two cards revealed, each in a theme of its own, and no dot yet: the facilitator
    may still group."""
    lead = lead_of(store, meeting_id)
    first = add_card(store, meeting_id, "went-well", "Short handovers", lead)
    second = add_card(store, meeting_id, "went-well", "A buddy for new carers", lead)
    reveal_cards(store, meeting_id, lead)
    group_card(store, meeting_id, first.id, "Handovers", lead)
    group_card(store, meeting_id, second.id, "Onboarding", lead)


def closed(store: Store, meeting_id: str) -> None:
    set_status(store, meeting_id, "closed")


PLACES = {
    place.name: place
    for place in [
        Place("home", at_home),
        Place("home, nobody known", at_home_asked_who, known=False),
        Place("lessons", at_lessons),
        Place("check-in", in_meeting(), at_step("checkin")),
        Place("review", in_meeting(), at_step("review")),
        Place("agenda", in_meeting("#check-table"), at_step("agenda", item_under_discussion)),
        Place("cards", in_meeting("#col-0"), at_step("cards", revealed_cards)),
        Place("lessons step", in_meeting(), at_step("lessons")),
        Place("close", in_meeting(), at_step("close")),
        Place("closed", in_meeting(), at_step("close", closed)),
        Place("forums", by_keys("f")),
        Place("decisions", by_keys("d")),
        Place("trends", by_keys("y")),
        # The one who holds the task that is not aligned.
        Place("tasks", by_keys("t", "down"), as_name="Emil Lund"),
    ]
}
MEETING_KEYS = {
    "meeting.swap": "ctrl+w",
    "meeting.take_over": "ctrl+f",
    "meeting.hand_over": "ctrl+o",
}
# {place: {binding id: (key, dialog)}}
DIALOGS: dict[str, dict[str, tuple[str, type[ModalScreen]]]] = {
    "home": {"home.new": ("n", StartMeetingScreen), "home.export": ("x", ExportScreen)},
    "home, nobody known": {
        "home.new": ("n", StartMeetingScreen),
        "home.export": ("x", ExportScreen),
        "home.who": ("w", FormScreen),
    },
    "lessons": {"lessons.add": ("a", FormScreen), "lessons.edit": ("e", FormScreen)},
    "check-in": {"checkin.check_in": ("c", FormScreen)},
    "review": {},
    "agenda": {
        "agenda.add": ("a", FormScreen),
        "agenda.notes": ("n", FormScreen),
        "agenda.decide": ("d", FormScreen),
        "agenda.action": ("o", FormScreen),
        "agenda.correct": ("e", PickScreen),
        "agenda.finish": ("f", ConfirmScreen),
        "check.tension": ("t", FormScreen),
    },
    "cards": {
        "cards.add": ("a", FormScreen),
        "cards.voter": ("m", FormScreen),
        "cards.edit": ("e", FormScreen),
        "cards.remove": ("x", ConfirmScreen),
        "cards.group": ("g", FormScreen),
        "cards.rename_theme": ("n", FormScreen),
        "cards.merge_theme": ("j", FormScreen),
    },
    "lessons step": {"lessons_step.add": ("a", FormScreen)},
    "close": {"close.export": ("e", ExportScreen)},
    "closed": {"close.export": ("e", ExportScreen), "close.reopen": ("o", FormScreen)},
    "forums": {
        "forums.add": ("a", FormScreen),
        "forums.community": ("c", FormScreen),
        "forums.leads": ("l", FormScreen),
        "forums.export": ("x", ExportScreen),
    },
    "decisions": {"decisions.keep": ("k", FormScreen), "decisions.retire": ("r", FormScreen)},
    "trends": {"trends.report": ("r", ExportScreen)},
    "tasks": {
        "tasks.add": ("a", FormScreen),
        "tasks.agree": ("g", FormScreen),
        "tasks.check": ("c", FormScreen),
        "tasks.agenda": ("t", FormScreen),
    },
}
for place in ("check-in", "review", "agenda", "cards", "lessons step", "close"):
    DIALOGS[place].update({bid: (key, FormScreen) for bid, key in MEETING_KEYS.items()})
MOVING = {"meeting.home", "meeting.next", "meeting.previous", "meeting.presenter"}
DIRECT: dict[str, set[str]] = {
    # enter opens a meeting through the table; the others open screens of their own
    "home": {"home.lessons", "home.forums", "home.decisions", "home.tasks", "home.trends"},
    "home, nobody known": {
        "home.lessons",
        "home.forums",
        "home.decisions",
        "home.tasks",
        "home.trends",
    },
    "lessons": {"lessons.back", "lessons.search"},
    "check-in": MOVING,
    "review": MOVING | {"review.done", "review.carried", "review.dropped"},
    "agenda": MOVING
    | {"agenda.timer", "check.supports", "check.not_relevant", "check.unconsidered"},
    "cards": MOVING | {"cards.vote", "cards.unvote", "cards.undo_grouping"},
    "lessons step": MOVING,
    "close": MOVING | {"close.close"},
    "closed": MOVING,
    "forums": {"forums.back", "forums.meeting", "forums.decisions"},
    "decisions": {"decisions.back", "decisions.search", "decisions.due", "decisions.review"},
    "trends": {
        "trends.back",
        "trends.period",
        "trends.group",
        *(f"trends.{chart}" for chart in ("energy", "health", "tensions", "actions", "lessons")),
    },
    "tasks": {"tasks.back"},
}


@pytest.fixture(autouse=True)
def quick_idle_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot's check that the app is idle, at a finer grain than Textual's 20 ms."""
    import textual._wait

    if hasattr(textual._wait, "SLEEP_GRANULARITY"):
        monkeypatch.setattr(textual._wait, "SLEEP_GRANULARITY", 0.005)
        monkeypatch.setattr(textual._wait, "SLEEP_IDLE", 0.005 / 20)


@pytest.fixture
def demo(isolated_env: Path) -> Store:
    store = Store(isolated_env)
    create_demo(store)
    return store


def app_for(store: Store, place: Place, meeting_id: str) -> RetroApp:
    who = (place.as_name or lead_of(store, meeting_id).name) if place.known else None
    return make_app(store, who, {}, cursor_blink=False)


def enabled_ids(app: RetroApp) -> set[str | None]:
    return {b.binding.id for b in app.screen.active_bindings.values() if b.enabled}


@pytest.mark.parametrize("place", list(PLACES))
async def test_every_key_is_known(demo: Store, place: str) -> None:
    """Each key the footer and palette offer here is listed as a dialog or as acting at once."""
    meeting_id = todays(demo)
    PLACES[place].prepare(demo, meeting_id)
    app = app_for(demo, PLACES[place], meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await PLACES[place].enter(pilot, meeting_id)
        offered = enabled_ids(app) - AROUND
    assert offered == set(DIALOGS[place]) | DIRECT[place]


CASES = [
    pytest.param(place, binding, id=f"{place}:{key}")
    for place, dialogs in DIALOGS.items()
    for binding, (key, _) in dialogs.items()
]


def text_fields(dialog: ModalScreen) -> list[Field | Area]:
    return [w for w in dialog.query("*") if isinstance(w, (Field, Area))]


def value(widget: Field | Area) -> str:
    return widget.text if isinstance(widget, Area) else widget.value


def fill(widget: Field | Area, text: str) -> None:
    if isinstance(widget, Area):
        widget.load_text(text)
    else:
        widget.value = text


def on_screen(widget, app: RetroApp) -> bool:
    """The widget is drawn whole inside the terminal and inside its scrolled dialog."""
    region = widget.region
    return (
        region.width > 0
        and region.x >= 0
        and region.y >= 0
        and region.right <= app.size.width
        and region.bottom <= app.size.height
    )


@pytest.mark.parametrize("fields", ["empty", "full"])
@pytest.mark.parametrize(("place", "binding"), CASES)
async def test_a_dialog_with_its_fields_empty_or_full(
    demo: Store, place: str, binding: str, fields: str
) -> None:
    key, kind = DIALOGS[place][binding]
    meeting_id = todays(demo)
    PLACES[place].prepare(demo, meeting_id)
    app = app_for(demo, PLACES[place], meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await PLACES[place].enter(pilot, meeting_id)
        await pilot.press(key)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, kind), f"{key} opened {type(dialog).__name__}"
        typed = text_fields(dialog)
        if typed:
            assert dialog.focused is typed[0], "the dialog opens on its first text field"
        dialog_box = dialog.query_one(".dialog")
        assert on_screen(dialog_box, app), "the dialog fits in 80×24"
        for widget in typed:
            fill(widget, "" if fields == "empty" else LONG)
        for select in dialog.query(Select):
            if fields == "full" and select.is_blank():
                select.value = select._options[-1][1]
        await pilot.pause()
        for button in dialog.query(Button):  # every button can be reached and seen
            button.focus()
            await pilot.pause()
            await pilot.wait_for_scheduled_animations()
            assert on_screen(button, app), f"button {button.label} is cut off"
        if typed or isinstance(dialog, StartMeetingScreen):
            await pilot.press("ctrl+s")
        else:
            await pilot.press("escape")
        await pilot.pause()
        if app.screen is dialog:  # not saved: it said why, and kept every text
            assert app._notifications, "the dialog neither saved nor said why"
            assert [value(w) for w in typed] == [value(w) for w in text_fields(dialog)]
            assert all(value(w) == ("" if fields == "empty" else LONG) for w in typed)
    check_store(demo.folder)
