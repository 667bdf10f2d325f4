"""Who has a meeting open right now.

Each running app keeps one small file of its own under `presence/` in the store folder
and touches it every few seconds; a file not touched for a while belongs to a process
that has gone, and no longer counts. No lock is needed: nobody writes another's file,
and the store's own folder (which every app watches) does not change.
"""

import json
import os
import socket
import time
from pathlib import Path

from retro_tui.store import Store

HEARTBEAT_SECONDS = 5
STALE_SECONDS = 15


def _folder(store: Store) -> Path:
    return store.folder / "presence"


class Presence:
    """This process's presence in one meeting."""

    def __init__(self, store: Store, meeting_id: str, member: str) -> None:
        self.path = _folder(store) / f"{meeting_id}--{socket.gethostname()}-{os.getpid()}.json"
        self.member = member

    def join(self) -> None:
        self.path.parent.mkdir(exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"member": self.member}), encoding="utf-8")
        os.replace(tmp, self.path)

    def beat(self) -> None:
        """Say we are still here."""
        try:
            os.utime(self.path)
        except FileNotFoundError:
            self.join()

    def leave(self) -> None:
        self.path.unlink(missing_ok=True)


def present_now(store: Store, meeting_id: str) -> list[str]:
    """Members with the meeting open, each once, sorted; stale entries are cleared away."""
    folder = _folder(store)
    if not folder.is_dir():
        return []
    names: set[str] = set()
    now = time.time()
    for path in folder.glob(f"{meeting_id}--*.json"):
        try:
            age = now - path.stat().st_mtime
            if age > STALE_SECONDS:
                path.unlink(missing_ok=True)
                continue
            names.add(json.loads(path.read_text(encoding="utf-8"))["member"])
        except (OSError, ValueError, KeyError):
            continue  # a file that vanished or is being replaced right now
    return sorted(names)
