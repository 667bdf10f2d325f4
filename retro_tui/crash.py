"""The report of an unexpected error: written whole to the crash log in the per-user log
folder (readable by its owner only), and told in one line, never as a traceback on the
terminal. The app and the command line both use it."""

import errno
import os
import stat
import traceback
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from retro_tui.i18n import _
from retro_tui.store import clean_text

CRASH_LOG = "crash.log"


@dataclass(frozen=True)
class Crash:
    """An unexpected error that ended the app, and where its report was written."""

    error: str  # the error's type, as in "RuntimeError"
    log: Path | None  # None when the report could not be written
    remote: bool  # a member over SSH is not shown the host's folders
    why_no_log: str = ""

    @property
    def line(self) -> str:
        """The one line on stderr after the app has closed."""
        if self.remote and self.log is None:
            line = _(
                "retro: stopped by an unexpected error ({error}); the report could not be "
                "written to the host's crash log"
            )
        elif self.remote:
            line = _(
                "retro: stopped by an unexpected error ({error}); the report is in the host's "
                "crash log"
            )
        elif self.log is None:
            line = _(
                "retro: stopped by an unexpected error ({error}); its report could not be "
                "written: {reason}"
            )
        else:
            line = _("retro: stopped by an unexpected error ({error}); the report is in {log}")
        return line.format(error=self.error, reason=self.why_no_log, log=self.log)


def crash_log_path() -> Path:
    """The crash log in the per-user log folder (on Linux ~/.local/state/retro/log)."""
    from platformdirs import user_log_dir

    return Path(user_log_dir("retro", appauthor=False)) / CRASH_LOG


def record_crash(error: BaseException, remote: bool) -> Crash:
    """Append the error's full report to the crash log; a failed write is told, not raised."""
    path = crash_log_path()
    report = "".join(traceback.format_exception(error))
    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    heading = (
        f"--- {stamp} retro (pid {os.getpid()}) stopped by an unexpected error"  # i18n: not shown
    )
    entry = f"{heading}\n{report}\n"
    try:
        append_private(path, clean_text(entry).encode("utf-8", "replace"))
    except OSError as problem:
        why = f"{problem.strerror or problem} ({problem.filename or path})"
        return Crash(type(error).__name__, None, remote, why)
    return Crash(type(error).__name__, path, remote)


def append_private(path: Path, data: bytes) -> None:
    """Append to a file only its owner can read, never through a link or into a pipe."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    fd = os.open(path, flags, 0o600)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, _("not a regular file"), str(path))
        while data:
            data = data[os.write(fd, data) :]
    finally:
        os.close(fd)
