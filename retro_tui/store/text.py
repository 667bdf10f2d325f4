"""Cleaning of stored text: control characters other than newline and tab are removed,
and so are the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
U+2066-U+2069), which would turn the rest of a line around on a terminal that honours them.

Text is cleaned on its way into the store and again on its way out, since a file may have
been written by another tool or by hand. Lone surrogates (what undecodable bytes become
in a command-line argument) are removed too, so no stored text fails to encode as UTF-8.
"""

import re
from typing import Any

# The bidirectional controls that are removed (names refuse them instead: validate.py).
TURNING = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)

# What a raw JSON file holds when some string in it would need cleaning once decoded: a
# short escape of a control (\b, \f, \r); a \u escape of a C0, DEL or C1 control, of a
# surrogate, of U+2028/U+2029 or of a bidirectional control (hex digits in either case);
# a raw DEL byte; or a C1 control, U+2028/U+2029 or a bidirectional control encoded as
# UTF-8. Raw C0 bytes cannot occur inside JSON strings and raw surrogates are not valid
# UTF-8, so both already fail to parse. Each pattern starts with a fixed byte, which the
# regular expression engine scans for quickly.
_ESCAPED = re.compile(
    rb"\\(?:[bfr]|u(?:00[0189][0-9a-fA-F]|007[fF]|[dD][89a-fA-F][0-9a-fA-F]{2}"
    rb"|202[89a-eA-E]|206[6-9]))"
)
_RAW_C1 = re.compile(rb"\xc2[\x80-\x9f]")
_RAW_WIDE = re.compile(rb"\xe2\x80[\xa8-\xae]|\xe2\x81[\xa6-\xa9]")


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


def needs_cleaning(raw: bytes) -> bool:
    """True when the JSON bytes `raw` may hold text that `clean_text` would change.

    A quick scan of the bytes, so that a clean file (nearly every file) is not walked.
    """
    if b"\x7f" in raw or _ESCAPED.search(raw):
        return True
    if raw.isascii():
        return False
    return _RAW_C1.search(raw) is not None or _RAW_WIDE.search(raw) is not None
