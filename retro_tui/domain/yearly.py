"""Records kept in one file per year (actions, lessons), with ids like `2026-14`."""

import re

from retro_tui.errors import RetroError
from retro_tui.store import Document, Store, Table

_ID = re.compile(r"(\d{4})-(\d+)")


def table(store: Store, kind: str, year: int | str) -> Table:
    return store.read(f"{kind}-{year}").table(kind)


def record_id(year: int | str, doc: Document | int) -> str:
    return f"{year}-{doc if isinstance(doc, int) else doc.doc_id}"


def all_records(store: Store, kind: str, names: list[str] | None = None) -> list[tuple[str, dict]]:
    """Every record of `kind` with its id, oldest year first (or those of the files `names`)."""
    found = []
    for name in store.names(kind) if names is None else names:
        year = name.rsplit("-", 1)[1]
        found.extend((f"{year}-{doc_id}", doc) for doc_id, doc in store.rows(name, kind))
    return found


def get_record(store: Store, kind: str, record: str, what: str) -> tuple[str, Document]:
    """The record with id `record`, or an error naming it as `what`."""
    match = _ID.fullmatch(record.strip())
    doc = table(store, kind, match.group(1)).get(doc_id=int(match.group(2))) if match else None
    if doc is None:
        raise RetroError(f"unknown {what} {record!r}")
    return record.strip(), doc
