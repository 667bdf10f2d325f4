"""Which of a store's files other processes have replaced since the last look.

A writer replaces a whole file (a new inode renamed into place), which also changes the
folder's time stamp. So one `stat` of the folder per look tells whether anything
happened; only then is the folder listed, and each file's (inode, time, size) compared
with the last look. Where the kernel names the files that changed (see `events.py`),
only those are looked at. Files this process wrote itself are not news: the transaction that
wrote them notes what it left behind (`Store.own_writes`).
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from typing import TYPE_CHECKING

from retro_tui.store.index import FILES as INDEX_FILES

if TYPE_CHECKING:
    from retro_tui.store.store import Store

Signature = tuple[int, int, int]  # inode, modification time (ns), size
IN_FLIGHT_SECONDS = 2.0  # a temp file younger than this is a write still going on


def signature(stat: os.stat_result) -> Signature:
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def file_signatures(folder: str | os.PathLike[str]) -> tuple[dict[str, Signature], bool]:
    """Every store file in `folder` (name without .json) with its signature, and whether
    a writer's temp file was there (a write in flight)."""
    found: dict[str, Signature] = {}
    in_flight = False
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found, in_flight
    now = time.time()
    for entry in entries:
        if entry.name.endswith(".tmp"):
            # One left by a killed writer (until the next writer sweeps it) is not news.
            with contextlib.suppress(OSError):
                in_flight |= now - entry.stat(follow_symlinks=False).st_mtime < IN_FLIGHT_SECONDS
        elif entry.name.endswith(".json") and not entry.name.startswith("."):
            try:
                if entry.is_file(follow_symlinks=False):
                    found[entry.name[: -len(".json")]] = signature(
                        entry.stat(follow_symlinks=False)
                    )
            except OSError:
                continue  # replaced or removed while listing: the next look sees it
    return found, in_flight


def signatures_of(folder: str | os.PathLike[str], names: set[str]) -> dict[str, Signature]:
    """The signatures of the store files `names` (without .json) that are there."""
    found: dict[str, Signature] = {}
    for name in names:
        try:
            info = os.stat(os.path.join(folder, f"{name}.json"), follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):
            found[name] = signature(info)
    return found


class StoreWatcher:
    """Tells, look by look, which files of a store other processes changed."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.folder_stamp: int | None = store.stamp()
        self.files, _ = file_signatures(store.folder)

    def changes(self, told: set[str] | None = None) -> frozenset[str]:
        """Names (without .json) of the files added, replaced or removed by other
        processes since the last call.

        `told`: the names of the files the kernel said changed; only they are looked at.
        Without it, one `stat` of the folder says whether anything happened, and only
        then is the folder listed. A write in flight when the folder is listed (its temp
        file there) may rename its file into place within the same tick of the folder's
        clock, so the folder is listed again at the next look.
        """
        before = self.files
        if told is None:
            stamp = self.store.stamp()
            if stamp == self.folder_stamp:
                return frozenset()
            now, in_flight = file_signatures(self.store.folder)
            self.folder_stamp = None if in_flight else stamp
            names = before.keys() | now.keys()
        else:
            names = {n[: -len(".json")] for n in told if n.endswith(".json") and n[0] != "."}
            kept = {name: known for name, known in before.items() if name not in names}
            now = kept | signatures_of(self.store.folder, names)
        self.files = now
        own = self.store.own_writes
        return frozenset(
            name
            for name in names
            if before.get(name) != now.get(name)
            and own.get(name) != now.get(name)
            and name not in INDEX_FILES  # they only sum up files that are news themselves
        )
