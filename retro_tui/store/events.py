"""The kernel's word that files in a store's folder changed (Linux inotify), so an app
need not look ten times a second.

An inotify descriptor is readable when a file was written, renamed into the folder or
removed; the app's event loop waits on it, so an idle app wakes for nothing and a write
is heard at once. (watchfiles, measured here, looks up from its thread every `step`
milliseconds and reports a change only after a quiet step: either 100-200 ms late or
dozens of wake-ups a second.)

Where the kernel cannot tell (not Linux, a network or FUSE file system, whose other
hosts' writes raise no event here, or `RETRO_WATCH=poll`), the app polls instead.
"""

import ctypes
import ctypes.util
import os
import struct
import sys
from pathlib import Path

# File systems on which another host's write raises no event on this one.
REMOTE_FILE_SYSTEMS = ("nfs", "cifs", "smb", "9p", "ceph", "glusterfs", "fuse", "afs")
IN_MODIFY, IN_CLOSE_WRITE, IN_MOVED_FROM, IN_MOVED_TO = 0x2, 0x8, 0x40, 0x80
IN_CREATE, IN_DELETE, IN_Q_OVERFLOW, IN_ONLYDIR = 0x100, 0x200, 0x4000, 0x1000000
WATCHED = IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE
EVENT = struct.Struct("iIII")  # struct inotify_event: wd, mask, cookie, len; then the name


def file_system_type(folder: Path) -> str:
    """The type of the file system `folder` is on (from /proc/mounts), or "" unknown."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return ""
    real = os.path.realpath(folder)
    best, kind = "", ""
    for line in mounts:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = real == point or real.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind


class FolderEvents:
    """An inotify descriptor on one folder (not its subfolders): `fd` becomes readable
    when a file in it changes; `drain` says which."""

    def __init__(self, folder: Path) -> None:
        libc = ctypes.CDLL(
            ctypes.util.find_library("c") or "libc.so.6", use_errno=True
        )  # i18n: not shown
        self.fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        if libc.inotify_add_watch(self.fd, os.fsencode(folder), WATCHED | IN_ONLYDIR) < 0:
            error = ctypes.get_errno()
            os.close(self.fd)
            raise OSError(error, f"inotify_add_watch {folder}")

    def drain(self) -> set[str] | None:
        """Names of the files the waiting events are about; None when the kernel dropped
        some (its queue overflowed), so that any file may have changed."""
        names: set[str] = set()
        overflowed = False
        try:
            while buffer := os.read(self.fd, 65536):
                at = 0
                while at + EVENT.size <= len(buffer):
                    _, mask, _, length = EVENT.unpack_from(buffer, at)
                    at += EVENT.size
                    name = buffer[at : at + length].rstrip(b"\0")
                    at += length
                    overflowed |= bool(mask & IN_Q_OVERFLOW)
                    if name:
                        names.add(os.fsdecode(name))
        except BlockingIOError:
            pass
        return None if overflowed else names

    def close(self) -> None:
        os.close(self.fd)


def folder_events(folder: Path, env: dict[str, str]) -> FolderEvents | None:
    """Events for `folder` where the kernel can give them, else None (then poll)."""
    if env.get("RETRO_WATCH") == "poll" or not sys.platform.startswith("linux"):
        return None
    kind = file_system_type(folder)
    if not kind or kind.startswith(REMOTE_FILE_SYSTEMS):
        return None
    try:
        return FolderEvents(folder)
    except OSError:  # no inotify, or its limits reached: polling will do
        return None
