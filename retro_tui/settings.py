"""The choices a person makes for their own machine (for now: the light or dark look),
kept in `settings.json` in the per-user config folder (on Linux ~/.config/retro).

No Textual here: the command line reads the names without loading the app. A missing,
unreadable, corrupt or wrong-typed file reads as no settings, never as an error, and an
unknown value as the default. A write is a temp file in the same folder renamed into
place: a symbolic link at the settings path is replaced, never written through, and a
writer stopped half-way leaves the previous file. Keys a newer retro wrote are kept.
"""

import contextlib
import json
import os
import stat
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

SETTINGS_FILE = "settings.json"
# The looks retro offers, by the names `--theme` and the settings file use; the first is
# the default. retro_tui/looks.py says what each looks like.
THEME_NAMES = ("dark", "light")  # i18n: not shown
DEFAULT_THEME = THEME_NAMES[0]
# Far above any real settings file; a bigger one is not read.
MAX_SETTINGS_BYTES = 64 * 1024
_READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC
_NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


@dataclass(frozen=True)
class Settings:
    """One machine's choices; each field has a default that stands for "not chosen"."""

    theme: str = DEFAULT_THEME


def settings_path() -> Path:
    """The settings file in the per-user config folder (`$XDG_CONFIG_HOME/retro` on Linux)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("retro", appauthor=False)) / SETTINGS_FILE


def read_settings(path: Path | None = None) -> Settings:
    """The settings saved at `path` (else the per-user file); the defaults for whatever
    is missing, unreadable or not understood."""
    raw = _read_object(path or settings_path())
    theme = raw.get("theme")
    return Settings(theme=theme if theme in THEME_NAMES else DEFAULT_THEME)


def write_settings(settings: Settings, path: Path | None = None) -> None:
    """Save `settings` at `path` (else the per-user file), keeping any other keys there.

    Raises OSError when the folder cannot be made or written to.
    """
    path = path or settings_path()
    data = {**_read_object(path), **asdict(settings)}
    payload = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = _new_temp_name(path)
    fd = os.open(name, _NEW_FILE_FLAGS, 0o600)
    try:
        with open(fd, "wb") as temp:
            temp.write(payload)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(name, path)  # a link at `path` is replaced, not followed
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)
        raise


def _new_temp_name(beside: Path) -> str:
    return str(beside.with_name(f".{beside.name}.{os.urandom(6).hex()}.tmp"))


def _read_object(path: Path) -> dict[str, Any]:
    """The JSON object in the file at `path`; empty when there is none to be read. A
    FIFO or device is never waited on, nor a giant file read."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError:
        return {}
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_SETTINGS_BYTES:
            return {}
        with open(fd, "rb", closefd=False) as file:
            data = json.loads(file.read(MAX_SETTINGS_BYTES + 1))
    except (OSError, ValueError, RecursionError):
        return {}
    finally:
        os.close(fd)
    return data if isinstance(data, dict) else {}
