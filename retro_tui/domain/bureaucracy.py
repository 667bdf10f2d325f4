"""The bureaucracy trap: notice when a text proposes a new rule, so the team can ask
whether a principle would do instead. It only hints; it never blocks."""

import re

# Stems in English, Danish and Swedish; matched at the start of a word.
_RULE_STEMS = (
    "rule",
    "procedure",
    "policy",
    "policies",
    "approval",
    "approve",
    "mandate",
    "mandatory",
    "sign-off",
    "sign off",
    "must always",
    "never allowed",
    "regel",
    "regler",
    "retningslinje",
    "godkend",
    "godkänn",
    "påbud",
    "forbud",
    "förbud",
    "rutine",
    "rutin",
    "riktlinje",
    "mandat",
)
_PATTERN = re.compile(r"\b(" + "|".join(re.escape(s) for s in _RULE_STEMS) + r")\w*", re.IGNORECASE)

HINT = (
    "This sounds like a new rule. Would one of our principles guide it instead, "
    "leaving room to judge each case?"
)


def rule_words(text: str) -> list[str]:
    """The words in `text` that suggest a new rule, procedure or mandate."""
    return list(dict.fromkeys(m.group(0).lower() for m in _PATTERN.finditer(text)))
