"""The current time. `$RETRO_NOW` (ISO 8601) fixes it, for reproducible demos and tests;
`as_of` sets it for a while in one thread (the demo writes its history week by week)."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

_AS_OF: ContextVar[datetime | None] = ContextVar("as_of", default=None)


@contextmanager
def as_of(moment: datetime) -> Iterator[None]:
    """While inside, it is `moment` (in this thread only)."""
    token = _AS_OF.set(moment.replace(microsecond=0))
    try:
        yield
    finally:
        _AS_OF.reset(token)


def now() -> datetime:
    """The current local time, to the second."""
    moment = _AS_OF.get()
    if moment is not None:
        return moment
    fixed = os.environ.get("RETRO_NOW")
    if fixed:
        return datetime.fromisoformat(fixed).replace(microsecond=0)
    return datetime.now().astimezone().replace(microsecond=0, tzinfo=None)


def today() -> date:
    return now().date()


def timestamp() -> str:
    """Now as stored: ISO 8601 to the second."""
    return now().isoformat(timespec="seconds")
