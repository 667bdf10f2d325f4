"""The current time. `$RETRO_NOW` (ISO 8601) fixes it, for reproducible demos and tests."""

import os
from datetime import date, datetime


def now() -> datetime:
    """The current local time, to the second."""
    fixed = os.environ.get("RETRO_NOW")
    if fixed:
        return datetime.fromisoformat(fixed).replace(microsecond=0)
    return datetime.now().astimezone().replace(microsecond=0, tzinfo=None)


def today() -> date:
    return now().date()


def timestamp() -> str:
    """Now as stored: ISO 8601 to the second."""
    return now().isoformat(timespec="seconds")
