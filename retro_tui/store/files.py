"""One JSON file of the store: fresh reads, atomic writes, a last good copy, shared permissions."""

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from retro_tui.errors import RetroError

# Files are shared by a team on one host: group read and write, others read.
FILE_MODE = 0o664
FOLDER_MODE = 0o2775


class StoreCorrupt(RetroError):
    """A store file that does not parse; it is never overwritten."""


def backup_path(path: Path) -> Path:
    """Where the last good copy of `path` is kept."""
    return path.with_name(path.name + ".bak")


def read_json(path: Path) -> dict[str, Any] | None:
    """Read `path` from a fresh open; None when it does not exist."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise corrupt(path, f"not valid JSON ({exc})") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise corrupt(path, "not a TinyDB document")
    return data


def corrupt(path: Path, why: str) -> StoreCorrupt:
    """The error for a file that cannot be read, with how to recover."""
    bak = backup_path(path)
    recover = (
        f"the last good copy is {bak}; copy it over the broken file to recover"
        if bak.exists()
        else "no last good copy exists; restore it from a backup"
    )
    return StoreCorrupt(f"store file {path} is corrupt: {why}; it was left untouched, {recover}")


def write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    """Replace `path` with `data`: temp file in the same folder, fsync, os.replace.

    The previous version stays as the last good copy (a hard link, so it costs no copy).
    A writer killed at any point leaves either the old or the new file, never a torn one.
    """
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(payload)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, FILE_MODE)
        if path.exists():
            keep_last_good(path)
        os.replace(tmp_name, path)
    except BaseException:
        remove_if_present(tmp_name)
        raise
    fsync_folder(path.parent)


def keep_last_good(path: Path) -> None:
    """Point `<name>.bak` at the current version of `path` (an atomic hard-link swap)."""
    bak = backup_path(path)
    link = bak.with_name(f".{bak.name}.{os.getpid()}.tmp")
    remove_if_present(str(link))
    try:
        os.link(path, link)
        os.replace(link, bak)
    except OSError:
        # A file system without hard links still gets a real copy.
        remove_if_present(str(link))
        bak.write_bytes(path.read_bytes())


def remove_if_present(name: str) -> None:
    """Delete a file if it is there."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(name)


def fsync_folder(folder: Path) -> None:
    """Make a rename durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_shared_folder(folder: Path) -> None:
    """Create the store folder so that a Unix group can share it."""
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(PermissionError):
        os.chmod(folder, FOLDER_MODE)
