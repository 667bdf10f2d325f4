"""One JSON file of the store: fresh reads, atomic writes, a last good copy, shared permissions.

The store's folder is shared by a team, so every member can create, rename and remove
names in it, including planting a symbolic link where another member's process is about
to open a file. Nothing here follows a link: files are read with O_NOFOLLOW, new files
are opened with O_CREAT | O_EXCL | O_NOFOLLOW and renamed into place (a rename replaces
a link rather than writing through it), and the lock file is opened with O_NOFOLLOW and
never truncated.
"""

import contextlib
import errno
import fcntl
import json
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from retro_tui import i18n
from retro_tui.errors import RetroError
from retro_tui.i18n import _
from retro_tui.store.records import Malformed, check_records, file_kind
from retro_tui.store.text import clean_data, needs_cleaning


def _read_umask() -> int:
    """This process's umask, read without changing it where the system says it."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


UMASK = _read_umask()
# Files and folders are shared by a team on one host: the owner and the group may always
# read and write; what others may do follows the umask (none under `umask 077`).
FILE_MODE = 0o660 | (0o004 & ~UMASK)
FOLDER_MODE = 0o2770 | (0o005 & ~UMASK)

_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
_LOCK_FLAGS = os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
LOCK_POLL_SECONDS = 0.002
LAST_GOOD_SECONDS = 60.0  # how often, at most, a file's last good copy is renewed
# Far above any real file (a forty-year lessons file is a few MB); a bigger one is refused
# before it is read, so a planted giant cannot exhaust memory.
MAX_FILE_BYTES = 256 * 1024 * 1024


class StoreCorrupt(RetroError):
    """A store file that does not parse or holds a malformed record; it is never overwritten."""


class StoreUnsafe(RetroError):
    """A store file that is a symbolic link or not a regular file; it is never followed."""


class LockTimeout(Exception):
    """The store's lock was not free within the time allowed."""


def backup_path(path: Path) -> Path:
    """Where the last good copy of `path` is kept."""
    return path.with_name(path.name + ".bak")


def read_bytes(path: Path) -> bytes | None:
    """The bytes of the store file `path`, never through a link; None when it does not exist."""
    read = _read(path)
    return None if read is None else read[0]


def _read(path: Path) -> tuple[bytes, os.stat_result] | None:
    """The bytes of `path` and what fstat says of the file they came from."""
    opened = _open(path)
    if opened is None:
        return None
    fd, info = opened
    try:
        return _read_all(fd, info), info
    finally:
        os.close(fd)


def _open(path: Path) -> tuple[int, os.stat_result] | None:
    """An open descriptor of the regular file `path` (never through a link), with its
    fstat; None when it does not exist. The caller closes it."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise StoreUnsafe(
                _(
                    "store file {path} is a symbolic link, which retro never follows; "
                    "put the real file in its place (or remove the link) and try again"
                ).format(path=path)
            ) from None
        if error.errno == errno.EWOULDBLOCK:
            raise RetroError(
                _("store file {path} is held by another program (a file lease); try again").format(
                    path=path
                )
            ) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise StoreUnsafe(
                _("store file {path} is not a regular file; remove it and try again").format(
                    path=path
                )
            )
        if info.st_size > MAX_FILE_BYTES:
            raise corrupt(
                path,
                _("it is {size} bytes, more than a store file ever holds").format(
                    size=i18n.number(info.st_size)
                ),
            )
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def _read_all(fd: int, info: os.stat_result) -> bytes:
    parts = []
    while part := os.read(fd, info.st_size + 1):
        parts.append(part)
    return parts[0] if len(parts) == 1 else b"".join(parts)


# Files this process has read and found well formed, by name, what fstat said of them and
# a hash of their bytes, with whether their text needs cleaning: reading one again skips
# both checks. A file replaced or changed in place has another inode or change time, and
# other bytes.
_CHECKED: dict[tuple[object, ...], bool] = {}
_CHECKED_MAX = 4096


def read_json(path: Path) -> dict[str, Any] | None:
    """Read `path` from a fresh open; None when it does not exist.

    Every record is checked against its shape (see `records.py`) and the text is cleaned
    of control characters, so whatever wrote the file, readers get data they can use.
    """
    read = _read(path)
    return None if read is None else _parse(path, *read)


# The files this process last read to look at only, by path: what fstat said of each and
# its data. A file replaced (a new inode) or changed in place (another time or size) is
# read again.
_SHARED: dict[str, tuple[tuple[int, ...], dict[str, Any]]] = {}
_SHARED_MAX = 256


def read_json_shared(path: Path) -> dict[str, Any] | None:
    """`read_json` for reading only: a file unchanged since this process last read it
    costs an open and an fstat, not a read and a parse. Callers share the data, so they
    must never change it; a writer reads with `read_json`."""
    opened = _open(path)
    if opened is None:
        _SHARED.pop(str(path), None)
        return None
    fd, info = opened
    try:
        key = (info.st_dev, info.st_ino, info.st_mtime_ns, info.st_ctime_ns, info.st_size)
        known = _SHARED.get(str(path))
        if known is not None and known[0] == key:
            return known[1]
        raw = _read_all(fd, info)
    finally:
        os.close(fd)
    data = _parse(path, raw, info)
    if len(_SHARED) >= _SHARED_MAX:
        _SHARED.pop(next(iter(_SHARED)))  # the one read longest ago
    _SHARED[str(path)] = (key, data)
    return data


def _parse(path: Path, raw: bytes, info: os.stat_result) -> dict[str, Any]:
    """The checked, cleaned data of the store file `path`, from its bytes `raw`."""
    try:
        data = json.loads(raw.decode("utf-8"))  # retro writes UTF-8, and reads only that
    except RecursionError:
        raise corrupt(path, _("its values are nested too deeply")) from None
    except ValueError as exc:  # invalid JSON or UTF-8, or a number too long to read
        raise corrupt(path, _("not valid JSON ({error})").format(error=exc)) from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise corrupt(path, _("not a TinyDB document"))
    name = path.name.removesuffix(".json")
    key = (name, info.st_dev, info.st_ino, info.st_mtime_ns, info.st_ctime_ns, hash(raw))
    unclean = _CHECKED.get(key)
    if unclean is None:
        try:
            as_read = check_records(name, data)
        except Malformed as problem:
            raise corrupt(path, str(problem)) from None
        unclean = needs_cleaning(raw)
        if unclean and file_kind(name) == "index":  # no walk over an index, however deep: not ours
            raise corrupt(path, _("the index never holds control characters"))
        if as_read:
            if len(_CHECKED) >= _CHECKED_MAX:
                _CHECKED.clear()
            _CHECKED[key] = unclean
    return clean_data(data) if unclean else data


def corrupt(path: Path, why: str) -> StoreCorrupt:
    """The error for a file that cannot be read, with how to recover."""
    copy = _last_good_copy(path)
    if copy is None:
        message = _(
            "store file {path} is corrupt: {why}; it was left untouched, "
            "no last good copy exists; restore it from a backup"
        )
    else:
        message = _(
            "store file {path} is corrupt: {why}; it was left untouched, "
            "the last good copy is {copy}; copy it over to recover"
        )
    return StoreCorrupt(message.format(path=path, why=why, copy=copy))


def missing(path: Path, why: str) -> StoreCorrupt:
    """The error for a file the rest of the store says must be there, with how to recover."""
    copy = _last_good_copy(path)
    if copy is None:
        message = _(
            "store file {path} is missing: {why}; "
            "no last good copy exists; restore it from a backup"
        )
    else:
        message = _(
            "store file {path} is missing: {why}; "
            "the last good copy is {copy}; copy it over to recover"
        )
    return StoreCorrupt(message.format(path=path, why=why, copy=copy))


def _last_good_copy(path: Path) -> Path | None:
    """The last good copy of `path`, if there is one."""
    bak = backup_path(path)
    try:
        has_copy = stat.S_ISREG(os.lstat(bak).st_mode)
    except OSError:
        has_copy = False
    return bak if has_copy else None


def _json_bytes(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def write_json_atomic(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """Replace `path` with `data`, its text cleaned of control characters: temp file in
    the same folder, fsync, os.replace. Returns the data as written (cleaned, if it had to
    be).

    The previous version stays as the last good copy (a hard link, so it costs no copy).
    A writer killed at any point leaves either the old or the new file, never a torn one.
    """
    payload = _json_bytes(data)
    if needs_cleaning(payload):  # a quick scan of the bytes; the data is walked only then
        data = clean_data(data)
        payload = _json_bytes(data)
    fd, tmp_name = new_temp_file(path)
    try:
        with open(fd, "wb") as tmp:
            tmp.write(payload)
            tmp.flush()
            os.fsync(fd)
        keep_last_good(path)
        os.replace(tmp_name, path)
    except BaseException:
        remove_if_present(tmp_name)
        raise
    fsync_folder(path.parent)
    return data


def remember(path: Path, data: dict[str, Any], info: os.stat_result) -> None:
    """Let `read_json_shared` give `data`, just written to `path` (which `info` describes),
    without reading it back. Only for data nobody changes any more."""
    key = (info.st_dev, info.st_ino, info.st_mtime_ns, info.st_ctime_ns, info.st_size)
    _SHARED[str(path)] = (key, data)


def new_temp_file(beside: Path) -> tuple[int, str]:
    """A new empty file next to `beside`, opened for writing with the store's file mode.

    O_CREAT | O_EXCL | O_NOFOLLOW: the name is new, so nothing planted there is opened.
    """
    while True:
        name = str(beside.with_name(f".{beside.name}.{os.urandom(6).hex()}.tmp"))
        try:
            fd = os.open(name, _NEW_FILE_FLAGS, 0o600)
        except FileExistsError:
            continue
        try:
            os.fchmod(fd, FILE_MODE)
        except BaseException:
            os.close(fd)
            remove_if_present(name)
            raise
        return fd, name


def keep_last_good(path: Path) -> None:
    """Point `<name>.bak` at the current version of `path` (an atomic hard-link swap),
    unless the copy there is of a version written less than `LAST_GOOD_SECONDS` ago:
    a file written at every card of a meeting keeps a copy at most that old, and its
    writes do not pay for a second rename each.

    Whatever is at `<name>.bak`, a link included, is replaced and never written through.
    """
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return  # a link or anything else planted there is replaced, not kept
    except FileNotFoundError:
        return
    bak = backup_path(path)
    try:
        kept = os.lstat(bak)
        if stat.S_ISREG(kept.st_mode) and 0 <= time.time() - kept.st_mtime < LAST_GOOD_SECONDS:
            return
    except FileNotFoundError:
        pass
    link = bak.with_name(f".{bak.name}.{os.urandom(6).hex()}.tmp")  # a name nobody can plant
    try:
        os.link(path, link, follow_symlinks=False)
        os.replace(link, bak)
    except OSError:
        # No hard link (another member's file under fs.protected_hardlinks, or a file
        # system without them): a real copy, written to a new file and renamed into place.
        remove_if_present(str(link))
        _copy_last_good(path, bak)


def _copy_last_good(path: Path, bak: Path) -> None:
    try:
        data = read_bytes(path)
    except StoreUnsafe:
        return
    if data is None:
        return
    fd, tmp_name = new_temp_file(bak)
    try:
        with open(fd, "wb") as tmp:
            tmp.write(data)
        os.replace(tmp_name, bak)
    except BaseException:
        remove_if_present(tmp_name)
        raise


def remove_if_present(name: str) -> None:
    """Delete a file if it is there (a link is removed, never followed)."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(name)


def fsync_folder(folder: Path) -> None:
    """Make a rename durable."""
    fd = os.open(folder, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_shared_folder(folder: Path) -> None:
    """Create the store folder so that a Unix group can share it."""
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(PermissionError):
        os.chmod(folder, FOLDER_MODE)


@contextlib.contextmanager
def exclusive_lock(path: Path, timeout: float) -> Iterator[None]:
    """Hold an exclusive flock on the lock file `path`; LockTimeout after `timeout` s.

    The file is opened with O_NOFOLLOW and never truncated, written or removed, so a link
    planted in its place is refused and cannot touch another file.
    """
    deadline = time.monotonic() + timeout
    while True:
        fd = _open_lock_file(path)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LockTimeout(path) from None
                    time.sleep(LOCK_POLL_SECONDS)
            if _still_named(fd, path):
                yield
                return
        finally:
            os.close(fd)  # closing the file releases the lock


def _open_lock_file(path: Path) -> int:
    """The lock file, opened for writing where allowed (locks over NFS need it), else for
    reading (a lock file another member made and did not share); never truncated."""
    try:
        try:
            fd = os.open(path, _LOCK_FLAGS | os.O_RDWR, FILE_MODE)
        except PermissionError:
            fd = os.open(path, _LOCK_FLAGS | os.O_RDONLY, FILE_MODE)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise RetroError(
                _(
                    "the store's lock file {path} is a symbolic link, which retro never "
                    "follows; remove the link and try again"
                ).format(path=path)
            ) from None
        if error.errno in (errno.EACCES, errno.EPERM):
            raise RetroError(
                _(
                    "cannot open the store's lock file {path}: permission denied; ask its "
                    "owner to make it readable by the team, or remove it while no retro is "
                    "writing"
                ).format(path=path)
            ) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RetroError(
                _(
                    "the store's lock file {path} is not a regular file; remove it and try again"
                ).format(path=path)
            )
        # Only a lock file with no other name: a hard link planted at .lock must not
        # change the mode of the file it names.
        mine = info.st_uid == os.geteuid() and info.st_nlink == 1
        if mine and stat.S_IMODE(info.st_mode) != FILE_MODE:
            with contextlib.suppress(OSError):
                os.fchmod(fd, FILE_MODE)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _still_named(fd: int, path: Path) -> bool:
    """True when the locked file is still the one at `path` (not removed or replaced)."""
    try:
        named = os.lstat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)
