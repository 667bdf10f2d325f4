"""Many real processes on one store: no write is lost, a killed writer breaks nothing."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from retro_tui.domain.cards import board
from retro_tui.domain.lessons import LessonDraft, add_lesson, list_lessons
from retro_tui.domain.meetings import create_meeting
from retro_tui.store import Store

ROOT = Path(__file__).resolve().parent.parent


def spawn(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.writer_process", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sixteen_processes_times_fifty_writes_lose_nothing(store: Store) -> None:
    meeting = create_meeting(store, "retro")
    writers = [spawn("cards", str(store.folder), meeting.id, f"p{p}", "50") for p in range(16)]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    texts = sorted(card.text for card in board(store, meeting.id).cards)
    assert texts == sorted(f"p{p}-{n}" for p in range(16) for n in range(50))
    assert len(set(texts)) == 800


def test_concurrent_cli_writers_lose_nothing(store: Store) -> None:
    meeting = create_meeting(store, "retro")
    env = {**os.environ, "RETRO_STORE": str(store.folder)}
    script = "; ".join(f"retro card add {meeting.id} to-improve c{{p}}-{n}" for n in range(5))
    procs = [
        subprocess.Popen(["sh", "-c", script.format(p=p)], env=env, stderr=subprocess.PIPE)
        for p in range(8)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    assert len(board(store, meeting.id).cards) == 40


def test_writer_killed_mid_write_leaves_a_valid_store(store: Store) -> None:
    add_lesson(store, LessonDraft("first", "t", "h", "l"))
    for round_ in range(5):
        writer = spawn("lessons", str(store.folder))
        assert writer.stdout is not None
        writer.stdout.readline()  # it is writing now
        time.sleep(0.02 * round_)
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
        for path in store.folder.glob("*.json"):
            json.loads(path.read_text())  # every file whole
        lessons = list_lessons(store)
        assert lessons[-1].title == "first"
        # The lock died with the writer: the next write goes straight through.
        add_lesson(
            Store(store.folder, lock_timeout=5), LessonDraft(f"after {round_}", "t", "h", "l")
        )
    leftovers = [p.name for p in store.folder.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []  # temp files of killed writers are swept by the next writer
