"""Summaries of the yearly files, kept in index files so that reads need not open every year.

A reader that needs, say, the rota's tallies of forty years reads one small file instead
of forty. The index holds, per kind of yearly file (`meetings` in `index.json`, `actions`
and `lessons` in `index-actions.json` and `index-lessons.json`):

- which files of that kind exist, so a reader need not list a folder of thousands of
  meeting files;
- a summary of each file (which meetings are still open, which actions), with the
  version of the file it was made from (its time and size);
- optionally a running value folded over every file of the years before the newest
  (the rota's tally of all years before this one), with the versions it was folded from.

Whatever no longer matches its file, or is missing or malformed, is made again from the
year files themselves, so the index is never the truth: deleting it loses nothing. A
writer brings it up to date in the same transaction that changed a year file.

What a summary holds is the domain's business: a domain module registers, per kind, how
to make a summary and how to check one (see `register`), and in which index file. Each
kind has its own, so that a reader reads, and a writer rewrites, only the one it needs; a
summary that only some readers need and that is large (the words of a year's lessons,
for search, in `index-search.json`) has one of its own too.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from retro_tui.store.files import StoreCorrupt, StoreUnsafe
from retro_tui.store.records import GROUP_KEY, file_kind, year_of, yearly_order

if TYPE_CHECKING:
    from retro_tui.store.store import Store, Transaction

INDEX = "index"
# One index file per kind, so that a reader reads and a writer rewrites only the one it
# needs; the words of the lessons have one of their own, read only by a search.
# The words of the lessons, folded for search (`i18n.search_fold`); `index-words` was their
# name while a search only ignored case, and is left alone in older stores.
WORDS_INDEX = "index-search"
FILES = (INDEX, "index-actions", "index-decisions", "index-lessons", WORDS_INDEX)
RUNNING = "running"  # the index's table of running values, one per kind


@dataclass(frozen=True)
class Summarizer:
    """How the index sums up the files of one kind; every value is JSON."""

    make: Callable[[dict[str, Any]], Any]  # a year file's data -> its summary
    valid: Callable[[Any], bool]  # False for a value `make` could not have made
    # (the value folded so far or None, a year file's data) -> the value folded with it
    fold: Callable[[Any, dict[str, Any]], Any] | None = None
    valid_folded: Callable[[Any], bool] = lambda value: False


# Per index file, per kind: how the files of that kind are summed up in it.
SUMMARIZERS: dict[str, dict[str, Summarizer]] = {file: {} for file in FILES}


def register(kind: str, summarizer: Summarizer, file: str = INDEX) -> None:
    """Keep a summary of every `kind-YYYY` file in the index `file` (and a running value).
    The first file of `FILES` that sums up a kind also lists its files."""
    SUMMARIZERS[file][kind] = summarizer


def _file_of(kind: str) -> str:
    return next(file for file in FILES if kind in SUMMARIZERS[file])


def _versions(store: Store, names: list[str]) -> dict[str, list[int]]:
    """Each file of `names` that is there, with its version: modification time and size.

    Not its inode, so that a store copied whole (`cp -a`, a backup restored) keeps its
    index. A file changed without the index knowing gets another time: a writer renames a
    new file into place, and a file restored from a copy has that copy's time.

    While the folder's own time stands still (nothing was added, replaced or removed),
    the versions last found are used again; a writer forgets them once it has written
    (see `refresh`). Within one tick of the folder's clock a reader may so take a file's
    version from a moment before, and then read that file again rather than trust the
    index: slower, never wrong.
    """
    folder = str(store.folder)
    try:
        folder_time = os.stat(folder).st_mtime_ns
    except OSError:
        folder_time = None
    known = _VERSIONS.get(folder)
    if known is None or known[0] != folder_time:
        known = _VERSIONS[folder] = (folder_time, {})
    seen = known[1]
    for name in names:
        if name not in seen:
            try:
                info = os.stat(f"{folder}/{name}.json", follow_symlinks=False)
            except OSError:
                seen[name] = None
                continue
            seen[name] = [info.st_mtime_ns, info.st_size]
    return {name: seen[name] for name in names if seen[name] is not None}


# Per folder: its time when its files were last looked at, and each file's version then
# (None for one that was not there).
_VERSIONS: dict[str, tuple[int | None, dict[str, list[int] | None]]] = {}


def _index_data(store: Store, file: str = INDEX) -> dict[str, Any]:
    """The index `file` as it is (a transaction's copy only once it changed it, so that the
    index is not parsed again in every transaction); empty when it is missing or cannot be
    read. Treat it as read-only."""
    try:
        data = store.view(file).storage.data  # type: ignore[attr-defined]
    except (StoreCorrupt, StoreUnsafe):
        return {}
    return data if isinstance(data, dict) else {}


def _entries(
    data: dict[str, Any], kind: str, file: str = INDEX
) -> dict[str, dict[str, Any]] | None:
    """The index's entries for the files of `kind`, by name; None when it has none, or
    when any of them is malformed (then none of them is trusted). The index as read is
    shared by the readers of this process until it changes, so it is checked once."""
    checked = _CHECKED.get((id(data), file, kind))
    if checked is not None and checked[0] is data:
        return checked[1]
    entries = _checked_entries(data, kind, SUMMARIZERS[file][kind])
    _remember_checked(data, file, kind, entries)
    return entries


def _remember_checked(
    data: dict[str, Any], file: str, kind: str, entries: dict[str, dict[str, Any]] | None
) -> None:
    if len(_CHECKED) >= _CACHE_MAX:
        _CHECKED.clear()
    _CHECKED[id(data), file, kind] = (data, entries)


# Per index file and kind: the index data last checked and the entries found in it.
_CHECKED: dict[tuple[int, str, str], tuple[dict[str, Any], dict[str, dict[str, Any]] | None]] = {}
_CACHE_MAX = 64  # per cache: a few stores' worth of index files


def _checked_entries(
    data: dict[str, Any], kind: str, summarizer: Summarizer
) -> dict[str, dict[str, Any]] | None:
    table = data.get(kind)
    if not isinstance(table, dict):
        return None
    entries = {}
    is_name = re.compile(rf"{kind}-(?:{GROUP_KEY}-)?[0-9]{{4}}").fullmatch
    for entry in table.values():
        if not (
            type(entry) is dict
            and type(name := entry.get("name")) is str
            and is_name(name)
            and _is_version(entry.get("version"))
            and summarizer.valid(entry.get("summary"))
        ):
            return None
        entries[entry["name"]] = entry
    return entries


def _is_version(value: Any) -> bool:
    return type(value) is list and len(value) == 2 and type(value[0]) is type(value[1]) is int


def known_names(store: Store, kind: str, series: tuple[str, ...] = ()) -> list[str] | None:
    """The files of `kind` there are, oldest year first, found from the years the index
    knows: for the team, for each group the index knows and for each of `series` (the
    names without the year of the groups' files, which an index from before a group had
    files does not know), every year from its first to next year is looked for. None
    when the index does not cover `kind` (then the caller lists the folder)."""
    file = _file_of(kind)
    entries = _entries(_index_data(store, file), kind, file)
    if entries is None:
        return None
    this_year = date.today().year
    key = (kind, tuple(entries), series, this_year)
    candidates = _CANDIDATES.get(key)
    if candidates is None:
        if len(_CANDIDATES) >= _CACHE_MAX:
            _CANDIDATES.clear()
        candidates = _CANDIDATES[key] = _candidates(kind, key[1], series, this_year)
    versions = _versions(store, candidates)
    return [name for name in candidates if name in versions]


def _candidates(
    kind: str, entries: tuple[str, ...], series: tuple[str, ...], this_year: int
) -> list[str]:
    """The names of `kind` to look for, in order (see `known_names`)."""
    years: dict[str, list[int]] = {kind: []}  # per series (the name without the year)
    for name in entries:
        years.setdefault(name[:-5], []).append(year_of(name))
    first = min((year for known in years.values() for year in known), default=this_year)
    for unknown in set(series) - set(years):
        years[unknown] = [first]  # the index does not know it: look from the first year
    names = [
        f"{series}-{year}"
        for series, known in years.items()
        for year in range(min([*known, this_year]), max([*known, this_year]) + 2)
    ]
    return sorted(names, key=yearly_order)


# By kind, the names an index knows, the series asked for and this year: the names to
# look for.
_CANDIDATES: dict[tuple[str, tuple[str, ...], tuple[str, ...], int], list[str]] = {}


def summaries(store: Store, kind: str, names: list[str], file: str | None = None) -> dict[str, Any]:
    """The summary of each yearly file in `names`, from the index `file` (the kind's first)
    where it is current."""
    file = file or _file_of(kind)
    summarizer = SUMMARIZERS[file][kind]
    entries = _entries(_index_data(store, file), kind, file) or {}
    versions = _versions(store, names)
    found: dict[str, Any] = {}
    for name in names:
        entry = entries.get(name)
        if (
            entry is not None
            and not store.in_transaction(name)
            and entry["version"] == versions.get(name)
        ):
            found[name] = entry["summary"]
        else:
            found[name] = summarizer.make(_data(store, name))
    return found


def running(store: Store, kind: str, names: list[str]) -> tuple[Any, int]:
    """The running value of `kind` folded over the first files of `names`, and how many
    it covers (0, with None, when the index has none that fits)."""
    file = _file_of(kind)
    summarizer = SUMMARIZERS[file][kind]
    entry = _running_entry(_index_data(store, file), kind)
    if entry is None:
        return None, 0
    through = entry["through"]
    covered = [name for name, _ in through]
    versions = _versions(store, covered)
    if (
        covered != names[: len(covered)]
        or any(store.in_transaction(name) for name in covered)
        or any(versions.get(name) != version for name, version in through)
        or not _valid_folded(summarizer, entry["value"])
    ):
        return None, 0
    return entry["value"], len(covered)


def _valid_folded(summarizer: Summarizer, value: Any) -> bool:
    """Whether the running value could have been folded; checked once per index read."""
    checked = _CHECKED_VALUES.get(id(value))
    if checked is None or checked[0] is not value:
        if len(_CHECKED_VALUES) >= _CACHE_MAX:
            _CHECKED_VALUES.clear()
        checked = _CHECKED_VALUES[id(value)] = (value, summarizer.valid_folded(value))
    return checked[1]


# By identity: the running values checked (as read from the index) and the verdicts.
_CHECKED_VALUES: dict[int, tuple[Any, bool]] = {}


def _running_entries(data: dict[str, Any]) -> dict[str, Any]:
    """The index's running values, by kind."""
    table = data.get(RUNNING)
    if not isinstance(table, dict):
        return {}
    return {
        entry["kind"]: entry
        for entry in table.values()
        if isinstance(entry, dict) and isinstance(entry.get("kind"), str)
    }


def _running_entry(data: dict[str, Any], kind: str) -> dict[str, Any] | None:
    entry = _running_entries(data).get(kind)
    if (
        isinstance(entry, dict)
        and isinstance(entry.get("through"), list)
        and all(
            isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)
            for pair in entry["through"]
        )
        and "value" in entry
    ):
        return entry
    return None


def _data(store: Store, name: str) -> dict[str, Any]:
    return store.read(name).storage.data  # type: ignore[attr-defined]


def refresh(tx: Transaction, written: list[str]) -> None:
    """After a commit wrote the files `written`, bring the index files up to date for their
    kinds, mending whatever else of those kinds is stale."""
    # The versions known are from before the writes (perhaps within one tick of the
    # folder's clock, which then did not move): look at every file again, once.
    _VERSIONS.pop(str(tx.store.folder), None)
    written_kinds = {file_kind(name) for name in written}
    for file in FILES:
        kinds = written_kinds & set(SUMMARIZERS[file])
        if kinds:
            tx.replace(file, _refreshed(tx, file, sorted(kinds)))


def _refreshed(tx: Transaction, file: str, kinds: list[str]) -> dict[str, Any]:
    store = tx.store
    kept = set(SUMMARIZERS[file]) | {RUNNING}  # what an earlier release kept here goes
    as_read = _index_data(store, file)
    data = {table: v for table, v in as_read.items() if table in kept}
    for kind in kinds:
        summarizer = SUMMARIZERS[file][kind]
        names = store.names(kind)
        versions = _versions(store, names)
        entries = _entries(as_read, kind, file) or {}  # as read: checked once already
        table = {}
        for number, name in enumerate(names, start=1):
            entry = entries.get(name)
            if entry is None or entry["version"] != versions.get(name):
                entry = {
                    "name": name,
                    "version": versions.get(name),
                    "summary": summarizer.make(tx.db(name).storage.data),  # type: ignore[attr-defined]
                }
            table[str(number)] = entry
        data[kind] = table
        if summarizer.fold is not None and names:
            values = _running_entries(data)
            before = [name for name in names if year_of(name) < year_of(names[-1])]
            values[kind] = _folded(tx, kind, summarizer, before, versions, data)
            data[RUNNING] = {str(n): values[k] for n, k in enumerate(sorted(values), start=1)}
            value = values[kind]["value"]
            _CHECKED_VALUES[id(value)] = (value, True)
        # What is written is checked already: this process reads it back without a check.
        if all(_is_version(entry["version"]) for entry in table.values()):
            _remember_checked(data, file, kind, {entry["name"]: entry for entry in table.values()})
    return data


def _folded(
    tx: Transaction,
    kind: str,
    summarizer: Summarizer,
    names: list[str],
    versions: dict[str, list[int]],
    data: dict[str, Any],
) -> dict[str, Any]:
    """The running value over `names`, extending the one before where it still holds."""
    assert summarizer.fold is not None
    entry = _running_entry(data, kind)
    value, through = None, []
    if entry is not None and summarizer.valid_folded(entry["value"]):
        before = [(name, version) for name, version in entry["through"]]
        current = [(name, versions.get(name)) for name in names[: len(before)]]
        if before == current:
            value, through = entry["value"], [list(pair) for pair in before]
    for name in names[len(through) :]:
        value = summarizer.fold(value, tx.db(name).storage.data)  # type: ignore[attr-defined]
        through.append([name, versions.get(name)])
    return {"kind": kind, "through": through, "value": value}
