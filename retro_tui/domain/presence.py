"""Who has a meeting open right now.

Each running app keeps one small file of its own under `presence/` in the store folder
and touches it every few seconds; a file not touched for a while belongs to a process
that has gone, and no longer counts. No lock is needed: nobody writes another's file,
and the store's own folder (which every app watches) does not change.
"""

import contextlib
import json
import os
import socket
import stat
import time
from pathlib import Path

from retro_tui import i18n
from retro_tui.errors import RetroError
from retro_tui.store import Store, clean_text, write_file

NAME_MAX = 40
HEARTBEAT_SECONDS = 5
STALE_SECONDS = 15


def _folder(store: Store) -> Path:
    return store.folder / "presence"


def _is_real_folder(folder: Path) -> bool:
    """True for a folder itself; a link planted in its place is never followed."""
    try:
        return stat.S_ISDIR(os.lstat(folder).st_mode)
    except OSError:
        return False


class Presence:
    """This process's presence in one meeting."""

    def __init__(self, store: Store, meeting_id: str, member: str) -> None:
        self.path = _folder(store) / f"{meeting_id}--{socket.gethostname()}-{os.getpid()}.json"
        self.member = member

    def join(self) -> None:
        """Say we are here; best effort, since a meeting runs fine without it."""
        data = json.dumps({"member": self.member}).encode()
        with contextlib.suppress(RetroError, OSError):
            write_file(self.path, data, overwrite=True, make_folder=True)

    def beat(self) -> None:
        """Say we are still here."""
        try:
            os.utime(self.path, follow_symlinks=False)
        except FileNotFoundError:
            self.join()

    def leave(self) -> None:
        if _is_real_folder(self.path.parent):
            self.path.unlink(missing_ok=True)


# Who each presence file says is there, by file name and inode: a file is read once,
# then only its time stamp is looked at, so following who is here costs one listing and
# one lstat per open app, not a read of every other app's file.
_MEMBERS: dict[str, tuple[int, str]] = {}


def present_now(store: Store, meeting_id: str) -> list[str]:
    """Members with the meeting open, each once, sorted; stale entries are cleared away."""
    folder = _folder(store)
    if not _is_real_folder(folder):
        return []
    names: set[str] = set()
    now = time.time()
    for path in folder.glob(f"{meeting_id}--*.json"):
        try:
            info = path.lstat()
            if now - info.st_mtime > STALE_SECONDS:
                path.unlink(missing_ok=True)
                _MEMBERS.pop(path.name, None)
                continue
            known = _MEMBERS.get(path.name)
            if known is None or known[0] != info.st_ino:
                member = json.loads(_read_no_link(path))["member"]
                known = (info.st_ino, clean_text(member)[:NAME_MAX])
                if len(_MEMBERS) >= 1024:  # files others removed are forgotten now and then
                    _MEMBERS.clear()
                _MEMBERS[path.name] = known
            names.add(known[1])
        except (OSError, ValueError, KeyError, TypeError):
            continue  # a file that vanished or is being replaced right now
    return sorted(names, key=i18n.sort_key)  # as the language orders names


def _read_no_link(path: Path) -> bytes:
    """A small presence file's bytes; a symbolic link planted there is not followed."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as file:
        return file.read(4096)
