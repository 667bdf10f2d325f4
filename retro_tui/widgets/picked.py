"""The row under a table's cursor, as the thing it shows."""

from collections.abc import Sequence
from typing import TypeVar

from textual.dom import DOMNode
from textual.widgets import DataTable

T = TypeVar("T")


def picked(node: DOMNode, table: str, items: Sequence[T]) -> T | None:
    """The one of `items` (the table's rows, in order) under the cursor of the table
    `table`; None while there are none, also before the screen has loaded them."""
    if not items:
        return None
    row = node.query_one(table, DataTable).cursor_row
    return items[row] if row < len(items) else None
