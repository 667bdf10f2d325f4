"""The team store: TinyDB files shared safely by many processes. No Textual here."""

from retro_tui.store.files import StoreCorrupt, StoreUnsafe
from retro_tui.store.schema import SCHEMA_VERSION
from retro_tui.store.store import TEAM, Store, Transaction, default_store_folder
from retro_tui.store.text import clean_text

__all__ = [
    "SCHEMA_VERSION",
    "TEAM",
    "Store",
    "StoreCorrupt",
    "StoreUnsafe",
    "Transaction",
    "clean_text",
    "default_store_folder",
]
