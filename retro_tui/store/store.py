"""The shared team store: a folder of TinyDB JSON files used by many processes at once.

Every read-modify-write runs in a `transaction()`: an exclusive lock on a separate lock
file (with a timeout), fresh reads that bypass TinyDB's caches, and one atomic replace
per changed file at the end. Readers take no lock; they always see a whole file.

Layout (each file readable by plain `tinydb.TinyDB(path)`):
    team.json                 meta (schema version, name, purpose), members, principles,
                              the house's other groups (forums, communities)
    meetings-YYYY.json        the team's meetings of the year: kind, title, roles, status
    meeting-<id>.json         one meeting's content: items, cards, votes, check-ins, ...
    actions-YYYY.json         actions raised in that year's meetings of the team
    decisions-YYYY.json       the decisions the team took that year (the register)
    meetings-<group>-YYYY.json, actions-<group>-YYYY.json, decisions-<group>-YYYY.json
                              the same for each other group, by its key
    lessons-YYYY.json         lessons written that year
    tasks.json                leadership tasks and their agreements
    index*.json               summaries of the yearly files (see index.py)
Writes touch one small file per kind and group, so their cost grows neither with the
history nor with the number of groups.

Every file is read through `read_json`, which refuses links, malformed records (each
checked against `records.RECORDS`) and invalid JSON with one error naming the file, and
cleans control characters out of text that another tool may have written.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from retro_tui import i18n
from retro_tui.errors import RetroError
from retro_tui.i18n import _
from retro_tui.store import index
from retro_tui.store.files import (
    LockTimeout,
    StoreCorrupt,
    corrupt,
    exclusive_lock,
    make_shared_folder,
    missing,
    read_json,
    read_json_shared,
    remember,
    write_json_atomic,
)
from retro_tui.store.records import YEARLY, file_kind, is_yearly_name, yearly_order
from retro_tui.store.schema import MIGRATIONS, SCHEMA_VERSION
from retro_tui.store.watch import Signature, signature

TEAM = "team"
META = "meta"
DEFAULT_LOCK_TIMEOUT = 10.0
MAX_NAME_BYTES = 200  # `.NAME.json.bak.<12 hex>.tmp` stays under the 255 bytes of a name


class _MemoryStorage(Storage):
    """TinyDB storage over data already read; writes only mark it changed."""

    def __init__(self, data: dict[str, Any], read_only: bool = False) -> None:
        self.data = data
        self.read_only = read_only
        self.changed = False

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        if self.read_only:
            raise RuntimeError(
                "a read snapshot of the store cannot be written; use a transaction"  # i18n: not shown
            )
        self.data = data
        self.changed = True


def _tinydb(data: dict[str, Any], read_only: bool) -> TinyDB:
    return TinyDB(storage=_MemoryStorage, data=data, read_only=read_only)


class Transaction:
    """Files loaded under the writer lock; changed ones are written when it commits."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._dbs: dict[str, TinyDB] = {}

    def db(self, name: str) -> TinyDB:
        """The file `name` (without .json), read fresh once per transaction."""
        if name not in self._dbs:
            data = read_json(self.store.path(name)) or {}
            self._dbs[name] = _tinydb(data, read_only=False)
        return self._dbs[name]

    def replace(self, name: str, data: dict[str, Any]) -> TinyDB:
        """The file `name` with `data` in place of what it holds, written at commit."""
        db = self._dbs[name] = _tinydb(data, read_only=False)
        db.storage.changed = True  # type: ignore[attr-defined]
        return db

    def names(self) -> list[str]:
        return list(self._dbs)

    def commit(self) -> None:
        written = self._write_changed(sorted(self._dbs))
        index.refresh(self, written)
        self._write_changed(list(index.FILES))

    def _write_changed(self, names: list[str]) -> list[str]:
        written = []
        for name in names:
            storage = self._dbs[name].storage if name in self._dbs else None
            assert storage is None or isinstance(storage, _MemoryStorage)
            if storage is not None and storage.changed:
                path = self.store.path(name)
                data = write_json_atomic(path, storage.data)
                storage.changed = False
                info = os.stat(path)
                self.store.own_writes[name] = signature(info)
                if name in index.FILES:  # made whole by the index, which changes it no more
                    remember(path, data, info)
                written.append(name)
        return written


class Store:
    """A team's store folder. One object per process; cheap to create."""

    def __init__(self, folder: Path | str, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        self.folder = Path(folder)
        self.lock_timeout = lock_timeout
        self._tx: Transaction | None = None
        self._schema_checked = False
        self._swept = False
        # Each file this process wrote, as it left it: a watcher does not report it as news.
        self.own_writes: dict[str, Signature] = {}
        # Per yearly kind, the series last asked for by name (see `names`).
        self._series: dict[str, tuple[str, ...]] = {}

    @staticmethod
    def is_name(name: str) -> bool:
        """Whether `name` could be a store file's: one of its kinds, and short enough
        that its temp file and last good copy have names a file system takes."""
        return file_kind(name) is not None and len(name.encode()) <= MAX_NAME_BYTES

    def path(self, name: str) -> Path:
        """The path of the store file `name`. Names come from records too (a meeting's
        group names its files), so a name that is not a store file's is refused: no
        record can make a reader or a writer reach outside the folder."""
        if not self.is_name(name):
            raise StoreCorrupt(
                _("{name} is not the name of a store file; a record naming it is damaged").format(
                    name=repr(name[:80])
                )
            )
        return self.folder / f"{name}.json"

    def stamp(self) -> int:
        """Changes whenever a file of the store is replaced: every write renames one into
        the folder (an atomic replace swaps the file, so it is the folder that is watched)."""
        try:
            return os.stat(self.folder).st_mtime_ns
        except FileNotFoundError:
            return 0

    def exists(self) -> bool:
        return self.path(TEAM).exists()

    def names(self, prefix: str, series: tuple[str, ...] | None = None) -> list[str]:
        """Names of the files `prefix-*.json`, sorted (for yearly files: oldest year first,
        the team's file of a year before the other groups').

        Inside a transaction this includes the files it has made but not yet written. For the
        yearly kinds, a file whose name is not `<kind>-YYYY.json` (or `<kind>-KEY-YYYY.json`)
        is not part of the store; `series` names series (`meetings-KEY`) to look for even
        where the index does not know them (without it, those last asked for are: the
        index, brought up to date by a writer, then learns of them too).
        """
        if series is None:
            series = self._series.get(prefix, ())
        else:
            self._series[prefix] = series
        if self._tx is None:
            self._check_schema()
        known = index.known_names(self, prefix, series) if prefix in YEARLY else None
        made = (
            [] if self._tx is None else [n for n in self._tx.names() if n.startswith(f"{prefix}-")]
        )
        if known is not None:  # the index's years spare listing a folder of thousands
            if all(name in known for name in made):
                return known  # in order, and every one a yearly name
            found = {*known, *made}
        else:
            found = {p.name[: -len(".json")] for p in self.folder.glob(f"{prefix}-*.json")}
            found.update(made)
        if prefix in YEARLY:
            return sorted((name for name in found if is_yearly_name(name)), key=yearly_order)
        return sorted(found)

    def in_transaction(self, name: str) -> bool:
        """True inside a transaction that has the file `name` loaded (perhaps changed)."""
        return self._tx is not None and name in self._tx.names()

    def summaries(self, kind: str, names: list[str], file: str | None = None) -> dict[str, Any]:
        """The summary of each yearly file `names` of `kind` in the index `file` (see
        `index.py`)."""
        return index.summaries(self, kind, names, file)

    def running(self, kind: str, names: list[str]) -> tuple[Any, int]:
        """The index's running value of `kind` over the first of `names`, and how many."""
        return index.running(self, kind, names)

    def has(self, name: str) -> bool:
        """Whether the file `name` is there (inside a transaction: or made by it)."""
        if self._tx is not None and name in self._tx.names():
            return True
        return self.path(name).exists()

    def missing(self, name: str, why: str) -> StoreCorrupt:
        """The error for the file `name`, which `why` says must be there."""
        return missing(self.path(name), why)

    def read(self, name: str) -> TinyDB:
        """A snapshot of one file as it is now, to read only (inside a transaction: the
        transaction's own copy, to change). A file unchanged since this process last
        read it is not read and parsed again."""
        if self._tx is not None:
            return self._tx.db(name)
        self._check_schema()
        return _tinydb(read_json_shared(self.path(name)) or {}, read_only=True)

    def view(self, name: str) -> TinyDB:
        """A snapshot of one file to read only, even inside a transaction: there it is
        the transaction's copy once the transaction has loaded the file (it may have
        changed it), else the file as it is, which no other writer can change while this
        one holds the lock. Spares a transaction parsing a file it only looks at."""
        if self.in_transaction(name):
            return self.read(name)
        if self._tx is None:
            self._check_schema()
        return _tinydb(read_json_shared(self.path(name)) or {}, read_only=True)

    def rows(self, name: str, table: str) -> list[tuple[int, dict[str, Any]]]:
        """A table's documents with their ids, as stored, oldest first.

        For reading many documents at once without TinyDB copying each into a Document;
        treat them as read-only.
        """
        data = self.read(name).storage.data  # type: ignore[attr-defined]
        return [(int(doc_id), doc) for doc_id, doc in data.get(table, {}).items()]

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Lock, yield the files to change, then write the changed ones atomically.

        Nested calls join the outer transaction, so many changes can share one write.
        """
        if self._tx is not None:
            yield self._tx
            return
        with self._locked():
            if not self._swept:
                self._sweep_temp_files()
            self._tx = Transaction(self)
            try:
                self._check_schema(locked=True)
                yield self._tx
                self._tx.commit()
            finally:
                self._tx = None

    @contextmanager
    def creating(self) -> Iterator[Transaction]:
        """The transaction that creates a new store; refuses an existing one."""
        make_shared_folder(self.folder)
        with self._locked():
            if self.exists():
                raise RetroError(
                    _("a team store already exists at {folder}; not replacing it").format(
                        folder=self.folder
                    )
                )
            self._tx = Transaction(self)
            try:
                self._tx.db(TEAM).table(META).insert({"schema": SCHEMA_VERSION})
                yield self._tx
                self._tx.commit()
            finally:
                self._tx = None
        self._schema_checked = True

    @contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            with exclusive_lock(self.folder / ".lock", self.lock_timeout):
                yield
        except LockTimeout:
            raise RetroError(
                _(
                    "the store {folder} is locked by another retro process; "
                    "gave up after {seconds} s, try again"
                ).format(folder=self.folder, seconds=i18n.number(self.lock_timeout))
            ) from None

    def _sweep_temp_files(self) -> None:
        """Remove temp files left by writers that were killed (only the lock holder writes)."""
        for leftover in self.folder.glob(".*.tmp"):
            with suppress(OSError):  # a folder planted under such a name stays
                os.unlink(leftover)
        self._swept = True

    def _check_schema(self, locked: bool = False) -> None:
        """Refuse a missing or newer store; upgrade an older one (under the lock)."""
        team_path = self.path(TEAM)
        if locked:
            data = self.view(TEAM).storage.data  # type: ignore[attr-defined]
        elif self._schema_checked:
            return
        else:
            data = read_json(team_path)
        if not data:
            raise RetroError(
                _(
                    "no team store at {folder}; create one with `retro init TEAM_NAME` "
                    "or `retro demo`"
                ).format(folder=self.folder)
            )
        meta = data.get(META, {}).get("1", {})
        version = meta.get("schema")
        if not isinstance(version, int):
            raise RetroError(
                _("store file {path} has no schema version; it was left untouched").format(
                    path=team_path
                )
            )
        if version < 1:
            raise corrupt(
                team_path,
                _("schema version {version} is not valid, versions start at 1").format(
                    version=version
                ),
            )
        if version > SCHEMA_VERSION:
            raise RetroError(
                _(
                    "store file {path} has schema version {version}, newer than this retro "
                    "understands ({supported}); upgrade retro. The store was left untouched"
                ).format(path=team_path, version=version, supported=SCHEMA_VERSION)
            )
        if version < SCHEMA_VERSION:
            if not locked:
                with self.transaction():
                    pass  # the locked check below upgrades
                return
            assert self._tx is not None
            for from_version in range(version, SCHEMA_VERSION):
                MIGRATIONS[from_version](self._tx)
            self._tx.db(TEAM).table(META).update({"schema": SCHEMA_VERSION}, doc_ids=[1])
        self._schema_checked = True


def default_store_folder() -> Path:
    """`$RETRO_STORE`, else the per-user data folder."""
    env = os.environ.get("RETRO_STORE")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("retro", appauthor=False)) / "team"
