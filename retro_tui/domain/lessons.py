"""The blameless lessons log: what we tried, what happened, what we learned, what next.

A lesson records what and why, never who: it has no author.
"""

from dataclasses import asdict, dataclass, field

from retro_tui.domain import clock, validate, yearly
from retro_tui.domain.meetings import get_meeting
from retro_tui.domain.principles import require_keys
from retro_tui.store import Store

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

    def matches(self, words: str) -> bool:
        """True when every word of `words` occurs in one of the lesson's texts."""
        haystack = " ".join(
            (self.title, self.tried, self.happened, self.learned, self.next)
        ).casefold()
        return all(word in haystack for word in words.casefold().split())


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
        "title": validate.title(draft.title, "lesson title"),
        "tried": validate.text(draft.tried, "what we tried"),
        "happened": validate.text(draft.happened, "what happened"),
        "learned": validate.text(draft.learned, "what we learned"),
        "next": validate.text(draft.next, "what we try next", required=False),
        "principles": require_keys(store, list(draft.principles)),
        "meeting": get_meeting(store, draft.meeting).id if draft.meeting else None,
    }
    return fields


def add_lesson(store: Store, draft: LessonDraft) -> Lesson:
    with store.transaction():
        doc = {**_checked(store, draft), "created": clock.timestamp()}
        year = doc["created"][:4]
        doc_id = yearly.table(store, LESSONS, year).insert(doc)
    return Lesson(id=yearly.record_id(year, doc_id), **doc)


def edit_lesson(store: Store, lesson_id: str, draft: LessonDraft) -> Lesson:
    with store.transaction():
        record, doc = yearly.get_record(store, LESSONS, lesson_id, "lesson")
        fields = _checked(store, draft)
        yearly.table(store, LESSONS, record[:4]).update(fields, doc_ids=[doc.doc_id])
    return Lesson(id=record, **{**doc, **fields})


def get_lesson(store: Store, lesson_id: str) -> Lesson:
    record, doc = yearly.get_record(store, LESSONS, lesson_id, "lesson")
    return Lesson(id=record, **doc)


def list_lessons(store: Store, search: str = "", principle: str | None = None) -> list[Lesson]:
    """Lessons, newest first, filtered by words and by a principle key."""
    if principle is not None:
        require_keys(store, [principle])
    lessons = [Lesson(id=rid, **doc) for rid, doc in yearly.all_records(store, LESSONS)]
    lessons.reverse()
    return [
        lesson
        for lesson in lessons
        if lesson.matches(search) and (principle is None or principle in lesson.principles)
    ]


def draft_of(lesson: Lesson) -> LessonDraft:
    fields = asdict(lesson)
    return LessonDraft(**{k: fields[k] for k in LessonDraft.__dataclass_fields__})
