"""The store's schema version and the upgrades from each older version to the next.

Each upgrade works on the files as data, not through the domain, so that it stays as it
was written while the domain moves on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from retro_tui.store import index
from retro_tui.store.records import year_of

if TYPE_CHECKING:
    from retro_tui.store.store import Transaction

SCHEMA_VERSION = 3


def _decisions_to_the_register(tx: Transaction) -> None:
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


def _each_group_its_own_files(tx: Transaction) -> None:
    """Version 2 kept the meetings, actions and decisions of every group in the team's
    yearly files; version 3 keeps each other group's in files of its own
    (`meetings-KEY-YYYY`), so that one group's writes do not rewrite another's. A record
    keeps its number in its new file, and its id takes the group's key (`2026-7` becomes
    `KEY-2026-7`); whatever named it by its id names it by the new one. A key too long to
    name a file is cut short first."""
    store = tx.store
    keys = _short_keys(tx)
    group_of: dict[str, str] = {}  # meeting id -> the key of its group
    moved: dict[str, dict[str, str]] = {"actions": {}, "decisions": {}}  # old id -> new id
    for kind in ("meetings", "decisions", "actions"):
        # Only the team's files held other groups' records (run again, on a store whose
        # team.json was put back from before the upgrade, this finds nothing to move).
        for name in (n for n in store.names(kind) if n == f"{kind}-{year_of(n)}"):
            data = tx.db(name).storage.data  # type: ignore[attr-defined]
            kept: dict[str, Any] = {}
            shares: dict[str, dict[str, Any]] = {}
            for doc_id, doc in data.get(kind, {}).items():
                key = _group(kind, doc, keys, group_of)
                if kind == "meetings":
                    group_of[doc["id"]] = key
                if key == "team":
                    kept[doc_id] = doc
                else:
                    shares.setdefault(key, {})[doc_id] = (
                        doc if kind == "actions" else {**doc, "group": key}
                    )
                    if kind in moved:
                        moved[kind][f"{year_of(name)}-{doc_id}"] = f"{key}-{year_of(name)}-{doc_id}"
            if shares:
                tx.replace(name, {**data, kind: kept, **_moved_table(name, data, shares)})
                for key, docs in shares.items():
                    tx.replace(f"{kind}-{key}-{year_of(name)}", {kind: docs})
    _rename_references(tx, moved, group_of)


def _moved_table(name: str, data: dict[str, Any], shares: dict[str, dict]) -> dict[str, Any]:
    """For the actions and decisions files of the team: which numbers moved where, so that
    no number is given twice and an old id says where its record went."""
    kind = name[:-5]
    if kind == "meetings":
        return {}
    moved = dict(data.get("moved", {}))
    for key, docs in shares.items():
        for doc_id in docs:
            moved[str(len(moved) + 1)] = {
                "number": int(doc_id),
                "to": f"{key}-{name[-4:]}-{doc_id}",
            }
    return {"moved": moved}


def _short_keys(tx: Transaction) -> dict[str, str]:
    """Each group's key, cut to at most 40 characters (between words where it can be) and
    unlike every other key; the groups and tasks are given the new keys."""
    team = tx.db("team").storage.data  # type: ignore[attr-defined]
    groups = team.get("groups", {})
    taken = {"team", *(doc["key"] for doc in groups.values())}
    keys: dict[str, str] = {"team": "team"}
    for doc in groups.values():
        key = doc["key"]
        if len(key) > 40:
            key, n = _cut(key, 40), 2
            while key in taken:
                key, n = f"{_cut(doc['key'], 40 - len(str(n)) - 1)}-{n}", n + 1
            taken.add(key)
        keys[doc["key"]] = key
    if any(old != new for old, new in keys.items()):
        renamed = {i: {**doc, "key": keys[doc["key"]]} for i, doc in groups.items()}
        tx.replace("team", {**team, "groups": renamed})
        tasks = tx.db("tasks").storage.data  # type: ignore[attr-defined]
        if tasks.get("tasks"):
            renamed = {
                i: {**doc, "group": keys.get(doc["group"], doc["group"])}
                for i, doc in tasks["tasks"].items()
            }
            tx.replace("tasks", {**tasks, "tasks": renamed})
    return keys


def _cut(key: str, length: int) -> str:
    if len(key) <= length:
        return key
    cut = key[: length + 1].rsplit("-", 1)[0]
    return cut if length // 2 <= len(cut) <= length else key[:length].rstrip("-")


def _group(kind: str, doc: dict[str, Any], keys: dict[str, str], group_of: dict[str, str]) -> str:
    """The (new) key of the group a record belongs to: an action's is its meeting's."""
    if kind == "actions":
        return group_of.get(doc["meeting"], "team")
    return keys.get(doc.get("group", "team"), "team")


def _rename_references(
    tx: Transaction, moved: dict[str, dict[str, str]], group_of: dict[str, str]
) -> None:
    """Decisions name the decisions they revise and are revised by; meetings name the
    actions they reviewed, and the corrections to them."""
    renamed = moved["decisions"]
    for name in tx.store.names("decisions"):
        data = tx.db(name).storage.data  # type: ignore[attr-defined]
        docs = data.get("decisions", {})
        if any(docs[i].get(f) in renamed for i in docs for f in ("revises", "revised_by")):
            tx.replace(
                name, {**data, "decisions": {i: _renamed(doc, renamed) for i, doc in docs.items()}}
            )
    actions = moved["actions"]
    if not actions:
        return
    first_year = min(old[:4] for old in actions)
    for meeting_id in group_of:
        name = f"meeting-{meeting_id}"
        if meeting_id[:4] < first_year or not tx.store.has(name):
            continue
        data = tx.db(name).storage.data  # type: ignore[attr-defined]
        reviewed = data.get("reviewed_actions", {})
        corrections = data.get("corrections", {})
        if any(doc.get("action") in actions for doc in reviewed.values()) or any(
            doc["what"] == "action" and doc["ref"] in actions for doc in corrections.values()
        ):
            reviewed = {
                i: {**doc, "action": actions.get(doc.get("action"), doc.get("action"))}
                for i, doc in reviewed.items()
            }
            corrections = {
                i: {**doc, "ref": actions.get(doc["ref"], doc["ref"])}
                if doc["what"] == "action"
                else doc
                for i, doc in corrections.items()
            }
            tx.replace(name, {**data, "reviewed_actions": reviewed, "corrections": corrections})


def _renamed(doc: dict[str, Any], renamed: dict[str, str]) -> dict[str, Any]:
    return {
        **doc,
        **{f: renamed.get(doc[f], doc[f]) for f in ("revises", "revised_by") if doc.get(f)},
    }


# MIGRATIONS[n] upgrades a store at version n to version n + 1, inside one locked transaction.
MIGRATIONS: dict[int, Callable[[Transaction], None]] = {
    1: _decisions_to_the_register,
    2: _each_group_its_own_files,
}
