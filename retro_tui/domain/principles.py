"""The team's principles: the default nine, and the checks of an agenda item against them."""

from dataclasses import asdict, dataclass, replace

from retro_tui.errors import RetroError
from retro_tui.i18n import LANGUAGES, N_, _, using
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
        N_("Know why we exist"),
        N_("Does this serve the sentence that says why our team is here?"),
        "Virksomhedsforståelse",  # i18n: not shown
    ),
    Principle(
        "reality",
        N_("Reality first"),
        N_(
            "Does it help the people we serve, and does it start from the problem "
            "as it looks where the work is done?"
        ),
        "Virkeligheden først",  # i18n: not shown
    ),
    Principle(
        "openness",
        N_("Absolute openness"),
        N_(
            "Did we share it early and unfinished with everyone who could help? "
            "Does someone know something the rest of us do not?"
        ),
        "Absolut åbenhed",  # i18n: not shown
    ),
    Principle(
        "everyone-leads",
        N_("Everyone leads"),
        N_("Who decides, and did they ask those who know most and those it affects?"),
        "Alle leder",  # i18n: not shown
    ),
    Principle(
        "trust",
        N_("Safety and trust"),
        N_(
            "Can everyone speak freely about it? Is there room for difference "
            "and for work we organise ourselves?"
        ),
        "Tryghed og tillid",  # i18n: not shown
    ),
    Principle(
        "alive",
        N_("Wildly alive"),
        N_(
            "Are we trying something new instead of repeating a routine? "
            "If it fails, what will we learn?"
        ),
        "Vanvittigt levende",  # i18n: not shown
    ),
    Principle(
        "ahead",
        N_("Professionally ahead"),
        N_("Does it use the newest knowledge and the full breadth of our disciplines?"),
        "Fagligt foran",  # i18n: not shown
    ),
    Principle(
        "alliances",
        N_("Alliances as pillars"),
        N_("Who outside the team should be part of this?"),
        "Alliancer som grundpiller",  # i18n: not shown
    ),
    Principle(
        "expertise",
        N_("Expertise is legitimacy"),
        N_(
            "Is the person with the know-how doing it, whatever their title? "
            "Can people go straight to each other?"
        ),
        "Faglighed er legitimitet",  # i18n: not shown
    ),
)

# Verdicts of a principle check on one agenda item.
SUPPORTS = "supports"
TENSION = "tension"
NOT_RELEVANT = "not-relevant"
UNCONSIDERED = "unconsidered"
VERDICTS = (SUPPORTS, TENSION, NOT_RELEVANT, UNCONSIDERED)


def default_principles(code: str) -> list[Principle]:
    """The default nine, worded in the language `code`."""
    with using(code):
        return [replace(p, name=_(p.name), question=_(p.question)) for p in DEFAULT_PRINCIPLES]


def seed_principles(tx: Transaction, code: str) -> None:
    """Write the default nine into a new store, in the team's language `code`."""
    tx.db("team").table(PRINCIPLES).insert_multiple(asdict(p) for p in default_principles(code))


def reword_defaults(tx: Transaction, code: str) -> list[str]:
    """Give the principles the team never reworded the default wording of `code`; the
    keys of those changed. A principle counts as not reworded while its name and
    question are both the default wording of one of the languages."""
    wordings = {lang: {p.key: p for p in default_principles(lang)} for lang in LANGUAGES}
    table = tx.db("team").table(PRINCIPLES)
    changed = []
    for doc in table.all():
        key, wording = doc.get("key"), (doc.get("name"), doc.get("question"))
        defaults = [w[key] for w in wordings.values() if key in w]
        if any(wording == (d.name, d.question) for d in defaults):
            new = wordings[code].get(key)
            if new is not None and wording != (new.name, new.question):
                table.update({"name": new.name, "question": new.question}, doc_ids=[doc.doc_id])
                changed.append(key)
    return changed


def list_principles(store: Store) -> list[Principle]:
    """The team's principles in their order."""
    return [Principle(**doc) for doc in store.read("team").table(PRINCIPLES).all()]


def require_keys(store: Store, keys: list[str]) -> list[str]:
    """`keys` unchanged and without repeats, or an error naming the first unknown key."""
    known = [p.key for p in list_principles(store)]
    for key in keys:
        if key not in known:
            raise RetroError(
                _("unknown principle {key}; the keys are: {keys}").format(
                    key=repr(key), keys=", ".join(known)
                )
            )
    return list(dict.fromkeys(keys))
