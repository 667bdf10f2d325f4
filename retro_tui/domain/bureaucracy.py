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


# A rule word right after one of these is turned down, not proposed ("no approval rule",
# "ingen ny regel", "utan godkännande").
_NEGATIONS = {
    "no", "not", "without", "don't", "dont", "never", "instead", "drop", "remove", "scrap",
    "ingen", "ikke", "uden", "intet", "inte", "utan", "inget", "aldrig", "afskaf", "fjern",
    "avskaffa",
}  # fmt: skip
_NEGATION_REACH = 3  # words before a rule word that can turn it down


def rule_words(text: str) -> list[str]:
    """The words in `text` that suggest a new rule, procedure or mandate."""
    found = []
    for match in _PATTERN.finditer(text):
        before = re.findall(r"[\w']+", text[: match.start()].lower())[-_NEGATION_REACH:]
        if not _NEGATIONS.intersection(before):
            found.append(match.group(0).lower())
    return list(dict.fromkeys(found))
