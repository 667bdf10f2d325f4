"""The store's schema version and the upgrades from each older version to the next."""

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retro_tui.store.store import Transaction

SCHEMA_VERSION = 1

# MIGRATIONS[n] upgrades a store at version n to version n + 1, inside one locked transaction.
MIGRATIONS: dict[int, Callable[["Transaction"], None]] = {}
