"""click's own messages (usage, --help, usage errors) in the language of the command line.

click words them through Python's `gettext` module, in its default text domain. The
command line points that domain at retro's catalogue (`speak`), and the texts click
shows most are marked here, worded exactly as click 8 words them, so that they are
extracted and translated with the rest.
"""

import gettext
import os

from retro_tui import i18n
from retro_tui.i18n import N_, ngettext

CLICK_TEXTS = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing command."),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("Aborted!"),
)
# Marked through ngettext, so that each is extracted with its plural.
CLICK_COUNTED_TEXTS = (
    ngettext(
        "Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 1
    ),
    ngettext(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1
    ),
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1),
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1),
)


def speak(code: str) -> None:
    """click's messages in the language `code` from now on, in this process."""
    os.environ["LANGUAGE"] = code  # where Python's gettext looks for the language
    gettext.bindtextdomain(i18n.DOMAIN, i18n.LOCALE_DIR)
    gettext.textdomain(i18n.DOMAIN)
