"""The domain of a self-organising team: pure Python over the store, no Textual.

Importing any part of it registers the summaries that the store's index keeps of the
yearly files (see `store/index.py`), so every process that writes keeps the index current.
"""

from retro_tui.domain import actions, decisions, lessons, meetings  # noqa: F401
