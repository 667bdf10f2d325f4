"""The team store: TinyDB files shared safely by many processes. No Textual here.

The domain speaks to the store through what this module exports, and nothing else: a
store file is a TinyDB document of tables (`Table`, `Document`), queried with `where`.
"""

from tinydb import TinyDB, where
from tinydb.table import Document, Table

from retro_tui.store.exports import write_file
from retro_tui.store.files import StoreCorrupt, StoreUnsafe
from retro_tui.store.index import WORDS_INDEX, Summarizer
from retro_tui.store.index import register as register_summary
from retro_tui.store.records import BY_GROUP, GROUP_KEY, Malformed, check_records, year_of
from retro_tui.store.schema import SCHEMA_VERSION
from retro_tui.store.store import META, TEAM, Store, Transaction, default_store_folder
from retro_tui.store.text import clean_text

__all__ = [
    "BY_GROUP",
    "GROUP_KEY",
    "META",
    "SCHEMA_VERSION",
    "TEAM",
    "WORDS_INDEX",
    "Document",
    "Malformed",
    "Store",
    "StoreCorrupt",
    "StoreUnsafe",
    "Summarizer",
    "Table",
    "TinyDB",
    "Transaction",
    "check_records",
    "clean_text",
    "default_store_folder",
    "register_summary",
    "where",
    "write_file",
    "year_of",
]
