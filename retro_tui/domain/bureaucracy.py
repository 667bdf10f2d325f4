"""The bureaucracy trap: notice when a text proposes a new rule, so the team can ask
whether a principle would do instead. It only hints; it never blocks."""

import re

from retro_tui.i18n import N_

# Stems in English, Danish and Swedish; matched at the start of a word. They are data, not
# texts to translate: a team may write in any of the three whatever the app's language.
_RULE_STEMS = (
    # English
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
    # Danish and Swedish (some words are both)
    "regel",
    "regler",
    "reglement",
    "retningslinje",
    "riktlinje",
    "godkend",
    "godkänn",
    "påbud",
    "forbud",
    "förbud",
    "rutine",
    "rutin",
    "procedur",
    "mandat",
    "obligatorisk",
    "forskrift",
    "föreskrift",
    "skal altid",
    "ska alltid",
    "måste alltid",
    "aldrig tilladt",
    "aldrig tillåtet",
)  # i18n: not shown
_PATTERN = re.compile(r"\b(" + "|".join(re.escape(s) for s in _RULE_STEMS) + r")\w*", re.IGNORECASE)

# Translate it where it is shown: `_(HINT)`.
HINT = N_(
    "This sounds like a new rule. Would one of our principles guide it instead, "
    "leaving room to judge each case?"
)


# A rule word right after one of these is turned down, not proposed ("no approval rule",
# "ingen ny regel", "utan godkännande").
_NEGATIONS = {
    "no", "not", "without", "don't", "dont", "never", "instead", "drop", "remove", "scrap",
    "ingen", "ikke", "uden", "intet", "inte", "utan", "inget", "aldrig", "afskaf", "fjern",
    "avskaffa", "afskaffe", "slopa",
}  # fmt: skip  # i18n: not shown
_NEGATION_REACH = 3  # words before a rule word that can turn it down


def rule_words(text: str) -> list[str]:
    """The words in `text` that suggest a new rule, procedure or mandate."""
    found = []
    for match in _PATTERN.finditer(text):
        before = re.findall(r"[\w']+", text[: match.start()].lower())[-_NEGATION_REACH:]
        if not _NEGATIONS.intersection(before):
            found.append(match.group(0).lower())
    return list(dict.fromkeys(found))
