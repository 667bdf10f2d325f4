"""The team's principles: the default nine, and the checks of an agenda item against them."""

from dataclasses import asdict, dataclass

from retro_tui.errors import RetroError
from retro_tui.store import Store, Transaction

PRINCIPLES = "principles"


@dataclass(frozen=True)
class Principle:
    key: str
    name: str
    question: str
    origin: str = ""  # the name in the Danish set the nine come from


DEFAULT_PRINCIPLES: tuple[Principle, ...] = (
    Principle(
        "purpose",
        "Know why we exist",
        "Does this serve the sentence that says why our team is here?",
        "Virksomhedsforståelse",
    ),
    Principle(
        "reality",
        "Reality first",
        "Does it help the people we serve, and does it start from the problem "
        "as it looks where the work is done?",
        "Virkeligheden først",
    ),
    Principle(
        "openness",
        "Absolute openness",
        "Did we share it early and unfinished with everyone who could help? "
        "Does someone know something the rest of us do not?",
        "Absolut åbenhed",
    ),
    Principle(
        "everyone-leads",
        "Everyone leads",
        "Who decides, and did they ask those who know most and those it affects?",
        "Alle leder",
    ),
    Principle(
        "trust",
        "Safety and trust",
        "Can everyone speak freely about it? Is there room for difference "
        "and for work we organise ourselves?",
        "Tryghed og tillid",
    ),
    Principle(
        "alive",
        "Wildly alive",
        "Are we trying something new instead of repeating a routine? "
        "If it fails, what will we learn?",
        "Vanvittigt levende",
    ),
    Principle(
        "ahead",
        "Professionally ahead",
        "Does it use the newest knowledge and the full breadth of our disciplines?",
        "Fagligt foran",
    ),
    Principle(
        "alliances",
        "Alliances as pillars",
        "Who outside the team should be part of this?",
        "Alliancer som grundpiller",
    ),
    Principle(
        "expertise",
        "Expertise is legitimacy",
        "Is the person with the know-how doing it, whatever their title? "
        "Can people go straight to each other?",
        "Faglighed er legitimitet",
    ),
)

# Verdicts of a principle check on one agenda item.
SUPPORTS = "supports"
TENSION = "tension"
NOT_RELEVANT = "not-relevant"
UNCONSIDERED = "unconsidered"
VERDICTS = (SUPPORTS, TENSION, NOT_RELEVANT, UNCONSIDERED)


def seed_principles(tx: Transaction) -> None:
    """Write the default nine into a new store."""
    tx.db("team").table(PRINCIPLES).insert_multiple(asdict(p) for p in DEFAULT_PRINCIPLES)


def list_principles(store: Store) -> list[Principle]:
    """The team's principles in their order."""
    return [Principle(**doc) for doc in store.read("team").table(PRINCIPLES).all()]


def require_keys(store: Store, keys: list[str]) -> list[str]:
    """`keys` unchanged and without repeats, or an error naming the first unknown key."""
    known = [p.key for p in list_principles(store)]
    for key in keys:
        if key not in known:
            raise RetroError(f"unknown principle {key!r}; the keys are: {', '.join(known)}")
    return list(dict.fromkeys(keys))
