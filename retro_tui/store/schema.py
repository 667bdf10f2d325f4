"""The store's schema version and the upgrades from each older version to the next.

Each upgrade works on the files as data, not through the domain, so that it stays as it
was written while the domain moves on.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from retro_tui.store import index

if TYPE_CHECKING:
    from retro_tui.store.store import Transaction

SCHEMA_VERSION = 2


def _decisions_to_the_register(tx: "Transaction") -> None:
    """Version 1 kept each meeting's decisions in the meeting's own file; version 2 keeps
    every decision in the register, one file a year (`decisions-YYYY`), with the group
    that took it (every meeting of a version 1 store is the team's), numbered within its
    meeting as before, and in force."""
    store = tx.store
    register: dict[str, dict[str, Any]] = {}
    for year_name in store.names("meetings"):
        meetings = tx.db(year_name).storage.data.get("meetings", {}).values()  # type: ignore[attr-defined]
        for meeting in sorted(meetings, key=lambda m: _meeting_order(m["id"])):
            name = f"meeting-{meeting['id']}"
            if not store.has(name):
                continue
            content = dict(tx.db(name).storage.data)  # type: ignore[attr-defined]
            decisions = content.pop("decisions", None)
            if decisions is None:
                continue
            year = register.setdefault(meeting["id"][:4], {})
            for number, doc in sorted(decisions.items(), key=lambda pair: int(pair[0])):
                year[str(len(year) + 1)] = {
                    **doc,
                    "meeting": meeting["id"],
                    "number": int(number),
                    "group": meeting.get("group", "team"),
                    "status": "in-force",
                }
            tx.replace(name, content)
    for year, decisions in register.items():
        tx.replace(f"decisions-{year}", {"decisions": decisions})
    # The rota's tallies are kept per group from now on: sum the meetings up again, so
    # that the first reads after the upgrade need not read every year.
    index.refresh(tx, store.names("meetings"))


def _meeting_order(meeting_id: str) -> tuple[str, int]:
    day, _, number = meeting_id[:10], meeting_id[10:11], meeting_id[11:]
    return day, int(number or 1)


# MIGRATIONS[n] upgrades a store at version n to version n + 1, inside one locked transaction.
MIGRATIONS: dict[int, Callable[["Transaction"], None]] = {1: _decisions_to_the_register}
