"""A separate writer process for the concurrency tests: `python -m tests.writer_process`.

cards STORE MEETING TAG COUNT   add COUNT cards tagged TAG
cue STORE MEETING TAG           add a card tagged TAG-n for each line read, printing "ok"
lessons STORE                   add lessons until killed, printing each id
"""

import sys

from retro_tui.domain.cards import add_card
from retro_tui.domain.lessons import LessonDraft, add_lesson
from retro_tui.store import Store


def main(argv: list[str]) -> None:
    mode, folder = argv[0], argv[1]
    store = Store(folder, lock_timeout=60)
    if mode == "cards":
        meeting_id, tag, count = argv[2], argv[3], int(argv[4])
        for n in range(count):
            add_card(store, meeting_id, "went-well", f"{tag}-{n}", None)
    elif mode == "cue":
        meeting_id, tag = argv[2], argv[3]
        for n, _ in enumerate(sys.stdin):
            add_card(store, meeting_id, "went-well", f"{tag}-{n}", None)
            print("ok", flush=True)
    elif mode == "lessons":
        n = 0
        while True:
            text = f"lesson {n} " + "x" * 2000
            lesson = add_lesson(store, LessonDraft(f"lesson {n}", text, text, text))
            print(lesson.id, flush=True)
            n += 1


if __name__ == "__main__":
    main(sys.argv[1:])
