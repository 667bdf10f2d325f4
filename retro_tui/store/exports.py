"""Files the app writes beside the store (exported minutes, presence) without following links.

A folder shared by a team is writable by every member, so any of them could plant a
symbolic link where another member's process is about to write. Every file here is
written as a fresh temp file opened with O_EXCL | O_NOFOLLOW inside a folder opened with
O_NOFOLLOW, then renamed or linked into place: a rename replaces a planted link instead
of writing through it.
"""

import contextlib
import os
import re
import secrets
import unicodedata
from pathlib import Path

from retro_tui.errors import RetroError
from retro_tui.i18n import _
from retro_tui.store.files import FILE_MODE, FOLDER_MODE

EXPORTS = "exports"
NAME_MAX = 100
_NAME = re.compile(r"[^\x00-\x1f\x7f-\x9f/\\]+")


class ExportExists(RetroError):
    """The export file is there already; writing again needs the person's yes."""


def exports_folder(store_folder: Path) -> Path:
    """Where exports go when a member may name a file but not a path."""
    return store_folder / EXPORTS


def export_file_name(name: str, fmt: str) -> str:
    """A plain file name for an export, with the format's extension if it has none."""
    name = name.strip()
    if not name:
        raise RetroError(_("the file name is empty"))
    invisible = any(unicodedata.category(char) == "Cf" for char in name)  # i18n: not shown
    if not _NAME.fullmatch(name) or name.startswith(".") or invisible:
        raise RetroError(
            _(
                "{name} is not a plain file name: no folders, no leading dot, no / or \\, "
                "no control or invisible characters"
            ).format(name=repr(name))
        )
    if len(name) > NAME_MAX:
        raise RetroError(
            _("the file name is {length} characters long; at most {most}").format(
                length=len(name), most=NAME_MAX
            )
        )
    return name if "." in name else f"{name}.{fmt}"


def export_target(typed: str, extension: str, store_folder: Path, remote: bool) -> Path:
    """Where an export goes: for a member over SSH a plain file name in the store's
    `exports/` folder, else the path typed."""
    if remote:
        return exports_folder(store_folder) / export_file_name(typed, extension)
    if not typed.strip():
        raise RetroError(_("the file name is empty"))
    return Path(typed.strip()).expanduser()


def write_file(path: Path, data: bytes, overwrite: bool = False, make_folder: bool = False) -> None:
    """Write `path` whole, never through a symbolic link (the file's or its folder's).

    Without `overwrite`, an existing file is kept and `ExportExists` says so.
    """
    folder = path.parent
    made = False
    if make_folder:
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder, 0o700)
            made = True
    try:
        folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError as error:
        raise RetroError(
            _("cannot write into {folder}: {reason}").format(folder=folder, reason=error.strerror)
        ) from None
    if made:  # through the open folder, so a link swapped in after mkdir gets nothing
        with contextlib.suppress(PermissionError):
            os.fchmod(folder_fd, FOLDER_MODE)
    temp = f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        fd = os.open(
            temp,
            os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW,
            0o600,
            dir_fd=folder_fd,
        )
        os.fchmod(fd, FILE_MODE)  # group access whatever the umask; others as it says
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if overwrite:
            os.replace(temp, path.name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
        else:
            try:
                os.link(temp, path.name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
            except FileExistsError:
                raise ExportExists(_("{path} exists already").format(path=path)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp, dir_fd=folder_fd)
        os.close(folder_fd)
