"""The blameless lessons log: what we tried, what happened, what we learned, what next.

A lesson records what and why, never who: it has no author.
"""

from dataclasses import asdict, dataclass, field

from retro_tui.domain import clock, validate, yearly
from retro_tui.domain.meetings import get_meeting, require_open
from retro_tui.domain.principles import require_keys
from retro_tui.errors import RetroError
from retro_tui.i18n import _, search_fold
from retro_tui.store import WORDS_INDEX, Store, Summarizer, register_summary

LESSONS = "lessons"


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    tried: str
    happened: str
    learned: str
    next: str = ""
    principles: list[str] = field(default_factory=list)
    meeting: str | None = None
    created: str = ""

    def folded_text(self) -> str:
        """Every text of the lesson in one string, case-folded, for search."""
        return _folded_text(vars(self))


def _folded_text(doc: dict) -> str:
    texts = (doc.get(key, "") for key in ("title", "tried", "happened", "learned", "next"))
    return search_fold(" ".join(texts))


@dataclass(frozen=True)
class LessonDraft:
    """The fields a person writes."""

    title: str
    tried: str
    happened: str
    learned: str
    next: str = ""
    principles: list[str] = field(default_factory=list)
    meeting: str | None = None


def _checked(store: Store, draft: LessonDraft) -> dict:
    fields = {
        "title": validate.title(draft.title, _("lesson title")),
        "tried": validate.text(draft.tried, _("what we tried")),
        "happened": validate.text(draft.happened, _("what happened")),
        "learned": validate.text(draft.learned, _("what we learned")),
        "next": validate.text(draft.next, _("what we try next"), required=False),
        "principles": require_keys(store, list(draft.principles)),
        "meeting": None,
    }
    if draft.meeting:  # a lesson from a meeting is part of its minutes
        meeting = get_meeting(store, draft.meeting)
        require_open(meeting)
        fields["meeting"] = meeting.id
    return fields


def add_lesson(store: Store, draft: LessonDraft) -> Lesson:
    """Log a lesson. One from a meeting is kept in that meeting's year, so the minutes find it."""
    with store.transaction():
        doc = {**_checked(store, draft), "created": clock.timestamp()}
        year = doc["meeting"][:4] if doc["meeting"] else doc["created"][:4]
        name = yearly.file_name(LESSONS, year)
        doc_id = store.read(name).table(LESSONS).insert(doc)
    return Lesson(id=yearly.record_id(LESSONS, name, doc_id), **doc)


def edit_lesson(store: Store, lesson_id: str, draft: LessonDraft) -> Lesson:
    with store.transaction():
        record, doc = yearly.get_record(store, LESSONS, lesson_id, yearly.LESSON)
        fields = _checked(store, draft)
        if fields["meeting"] != doc["meeting"]:
            raise RetroError(_("a lesson stays with the meeting it came from"))
        yearly.record_table(store, LESSONS, record).update(fields, doc_ids=[doc.doc_id])
    return Lesson(id=record, **{**doc, **fields})


def get_lesson(store: Store, lesson_id: str) -> Lesson:
    record, doc = yearly.get_record(store, LESSONS, lesson_id, yearly.LESSON)
    return Lesson(id=record, **doc)


@dataclass(frozen=True)
class LessonIndex:
    """Every lesson, newest first, with its text folded for search: built once when the
    lessons change, searched at every keystroke."""

    lessons: list[Lesson]
    texts: list[str]

    def search(self, words: str = "", principle: str | None = None) -> list[Lesson]:
        """Lessons in which every one of `words` occurs, touching `principle` if given."""
        folded = search_fold(words).split()
        return [
            lesson
            for lesson, text in zip(self.lessons, self.texts, strict=True)
            if all(word in text for word in folded)
            and (principle is None or principle in lesson.principles)
        ]


def lesson_index(store: Store, names: list[str] | None = None) -> LessonIndex:
    """Every lesson (of the year files `names`, if given), for search. A year's file
    unchanged since the last call (the same data from the store's cache) is not turned
    into lessons again."""
    pairs: list[tuple[Lesson, str]] = []
    every_name = store.names(LESSONS)
    for name in every_name if names is None else names:
        data = store.read(name).storage.data  # type: ignore[attr-defined]
        known = _YEARS.get(name)
        if known is None or known[0] is not data:
            year = name.rsplit("-", 1)[1]
            lessons = [Lesson(id=f"{year}-{i}", **doc) for i, doc in data.get(LESSONS, {}).items()]
            known = _YEARS[name] = (data, [(lesson, lesson.folded_text()) for lesson in lessons])
        pairs.extend(known[1])
    for gone in set(_YEARS) - set(every_name):
        del _YEARS[gone]
    pairs.sort(key=lambda pair: _written(pair[0]), reverse=True)
    return LessonIndex([lesson for lesson, __ in pairs], [text for __, text in pairs])


# Per year file: the data last turned into lessons, and those lessons with their search text.
_YEARS: dict[str, tuple[dict, list[tuple[Lesson, str]]]] = {}


def newest_lessons(store: Store, count: int) -> list[Lesson]:
    """The `count` newest lessons, reading only the year files that hold them."""
    names = store.names(LESSONS)
    summaries = store.summaries(LESSONS, names)
    found: list[Lesson] = []
    for name in sorted(names, key=lambda n: summaries[n]["newest"], reverse=True):
        if len(found) >= count and summaries[name]["newest"] < found[count - 1].created:
            break  # every lesson of this file and the ones after is older
        found += newest_first(yearly.all_records(store, LESSONS, [name]))
        found.sort(key=_written, reverse=True)
    return found[:count]


def recent_lessons_on(store: Store, keys: set[str], count: int, among: int = 60) -> list[Lesson]:
    """Up to `count` of the `among` newest lessons that touch one of the principles
    `keys`, newest first: what the team learned lately where an item is in tension.
    Reads only the newest year files."""
    if not keys:
        return []
    return [lesson for lesson in newest_lessons(store, among) if keys & set(lesson.principles)][
        :count
    ]


def _year_summary(data: dict) -> dict:
    """What the index keeps of a year's lessons: how many, and when the newest was written."""
    docs = data.get(LESSONS, {}).values()
    return {"count": len(docs), "newest": max((doc.get("created", "") for doc in docs), default="")}


def _valid_summary(value: object) -> bool:
    return (
        isinstance(value, dict)
        and type(value.get("count")) is int
        and type(value.get("newest")) is str
    )


register_summary(LESSONS, Summarizer(_year_summary, _valid_summary), "index-lessons")


def _year_words(data: dict) -> str:
    """Every word of a year's lessons, once, case-folded, separated by spaces. A searched
    word (which holds no space) occurs in some lesson of the year only if it occurs in
    this string, so a search need not open a year whose words lack one of its words."""
    words = set()
    for doc in data.get(LESSONS, {}).values():
        words.update(_folded_text(doc).split())
    return " ".join(sorted(words))


register_summary(
    LESSONS, Summarizer(_year_words, lambda value: isinstance(value, str)), WORDS_INDEX
)


def list_lessons(store: Store, search: str = "", principle: str | None = None) -> list[Lesson]:
    """Lessons, newest first, filtered by words and by a principle key. A search reads
    only the year files that hold every word searched for."""
    if principle is not None:
        require_keys(store, [principle])
    folded = search_fold(search).split()
    names = None
    if folded:
        names = store.names(LESSONS)
        words = store.summaries(LESSONS, names, WORDS_INDEX)
        names = [name for name in names if all(word in words[name] for word in folded)]
    return lesson_index(store, names).search(search, principle)


def newest_first(records: list[tuple[str, dict]]) -> list[Lesson]:
    lessons = [Lesson(id=rid, **doc) for rid, doc in records]
    return sorted(lessons, key=_written, reverse=True)


def _written(lesson: Lesson) -> tuple[str, int, int]:
    """When a lesson was written; lessons of the same moment in the order they were added."""
    year, number = lesson.id.split("-")
    return lesson.created, int(year), int(number)


def lessons_of_meeting(store: Store, meeting_id: str) -> list[Lesson]:
    """Lessons from one meeting, in the order they were written."""
    meeting = get_meeting(store, meeting_id)
    name = yearly.file_name(LESSONS, meeting.date[:4])
    return [
        Lesson(id=record, **doc)
        for record, doc in yearly.all_records(store, LESSONS, [name])
        if doc["meeting"] == meeting.id
    ]


def draft_of(lesson: Lesson) -> LessonDraft:
    fields = asdict(lesson)
    return LessonDraft(**{k: fields[k] for k in LessonDraft.__dataclass_fields__})
