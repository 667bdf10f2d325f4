"""The kernel's word that a store's folder changed (inotify, through watchfiles), so an
app need not look ten times a second.

Where the kernel cannot tell (no watchfiles, a network or FUSE file system, whose other
hosts' writes raise no event here), the app keeps polling instead.
"""

import os
from collections.abc import AsyncIterator
from pathlib import Path

# File systems on which another host's write raises no event on this one.
REMOTE_FILE_SYSTEMS = ("nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "ceph", "glusterfs", "fuse")
STEP_MS = 100  # how often the watching thread looks up from waiting (for the stop signal)
DEBOUNCE_MS = 10  # changes this close together come as one


def file_system_type(folder: Path) -> str:
    """The type of the file system `folder` is on (from /proc/mounts), or "" unknown."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
        real = os.path.realpath(folder)
    except OSError:
        return ""
    best, kind = "", ""
    for line in mounts:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = real == point or real.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, kind = point, fields[2]
    return kind


def kernel_tells_changes(folder: Path, env: dict[str, str]) -> bool:
    """Whether changes to `folder` can come from the kernel: watchfiles is there, the
    folder is on a local file system, and polling was not asked for (RETRO_WATCH=poll)."""
    if env.get("RETRO_WATCH") == "poll":
        return False
    try:
        import watchfiles  # noqa: F401
    except ImportError:
        return False
    kind = file_system_type(folder)
    return bool(kind) and not kind.startswith(REMOTE_FILE_SYSTEMS)


def _store_file(change: object, path: str) -> bool:
    name = os.path.basename(path)
    return name.endswith(".json") and not name.startswith(".")


async def folder_changes(folder: Path) -> AsyncIterator[None]:
    """Yields each time store files in `folder` (not its subfolders) were replaced."""
    from watchfiles import awatch

    async for _ in awatch(
        folder,
        watch_filter=_store_file,
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        recursive=False,
    ):
        yield
