"""Cleaning of stored text: control characters other than newline and tab are removed."""

import re
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def clean_text(value: str) -> str:
    """Return `value` without control characters (newline and tab are kept)."""
    return _CONTROL.sub("", value)


def clean_data(value: Any) -> Any:
    """Return a copy of a JSON-like value with every string cleaned, keys included."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_data(k): clean_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_data(v) for v in value]
    return value
