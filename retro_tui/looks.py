"""The app's two looks: dark for a screen of one's own, light for a projector.

Dark is Textual's own `textual-dark`, unchanged. Light is `retro-light`: near-black on
near-white, a deep blue for what is chosen, and every colour dark enough to read from
the back of a room on a projector that washes pale colours out. The app also shows Rich
text in named ANSI colours ("bold yellow" for a tension, "green" for supports); in a
light theme Textual maps those through `App.ansi_theme_light`, so LIGHT_ANSI maps them to
dark, strong colours too (yellow becomes a dark amber).

THEMES maps the names the settings file and `--theme` use (settings.THEME_NAMES) to
Textual's theme names: adding a look is a Theme here, its entry in THEMES and its name in
settings.THEME_NAMES.
"""

from rich.terminal_theme import TerminalTheme
from textual.theme import Theme

INK = "#050505"  # near-black text
PAPER = "#fbfbfb"  # near-white background
DEEP_BLUE = "#0b3d91"
AMBER = "#704800"  # yellow, as a colour that reads on white
DARK_GREEN = "#155e1b"
DARK_RED = "#a3001b"
CURSOR_BLUE = "#b3ccf5"

RETRO_LIGHT = Theme(
    name="retro-light",
    primary=DEEP_BLUE,
    secondary="#5a2d82",
    accent="#9c3d00",
    warning=AMBER,
    error=DARK_RED,
    success=DARK_GREEN,
    foreground=INK,
    background=PAPER,
    surface="#ffffff",
    panel="#dde3ee",
    dark=False,
    variables={
        # Text: near-black, and muted text a dark grey rather than Textual's pale one.
        "text": "auto 94%",
        "text-muted": "auto 76%",
        "text-disabled": "auto 55%",
        # Coloured text in the theme's own strong colours, not tinted paler.
        "text-primary": DEEP_BLUE,
        "text-secondary": "#5a2d82",
        "text-accent": "#9c3d00",
        "text-warning": AMBER,
        "text-error": DARK_RED,
        "text-success": DARK_GREEN,
        # Borders that still show on a projector.
        "border": DEEP_BLUE,
        "border-blurred": "#6b7a90",
        # retro.tcss's panels (`$retro-border`; other themes: their primary at 40%).
        "retro-border": "#4f6ea5",
        # The table and list cursor: bold ink on a clear light blue, on which a verdict's
        # colour still reads (a deep blue cursor would hide amber, green and purple).
        "block-cursor-foreground": INK,
        "block-cursor-background": CURSOR_BLUE,
        "block-cursor-blurred-foreground": INK,
        "block-cursor-blurred-background": "#dce5f5",
        # The footer: deep blue keys, ink descriptions, on the panel's pale blue-grey.
        "footer-key-foreground": DEEP_BLUE,
        "footer-description-foreground": INK,
        "input-selection-background": "#0b3d91 30%",
        "scrollbar": "#8d9bb3",
        "scrollbar-hover": "#5f7090",
        "scrollbar-background": "#e8ebf0",
    },
)

# ANSI colours on the light theme: [black, red, green, yellow, blue, magenta, cyan, white,
# bright black], then the bright ones (red to white). Each reads on PAPER (4.5:1 or more)
# but white, which is for backgrounds; the normal ones on the cursor's CURSOR_BLUE too.
LIGHT_ANSI = TerminalTheme(
    (0xFB, 0xFB, 0xFB),
    (0x05, 0x05, 0x05),
    [
        (0x00, 0x00, 0x00),  # black
        (0xA3, 0x00, 0x1B),  # red: dark red
        (0x15, 0x5E, 0x1B),  # green: dark green
        (0x70, 0x48, 0x00),  # yellow: dark amber
        (0x0B, 0x3D, 0x91),  # blue: deep blue
        (0x7B, 0x1F, 0x8C),  # magenta: dark purple
        (0x00, 0x5A, 0x66),  # cyan: dark teal
        (0xD6, 0xD6, 0xD6),  # white: a light grey, for backgrounds
        (0x4A, 0x4A, 0x4A),  # bright black: a dark grey
    ],
    [
        (0xC0, 0x00, 0x20),  # bright red
        (0x1F, 0x7A, 0x26),  # bright green
        (0x8A, 0x5A, 0x00),  # bright yellow
        (0x1F, 0x4F, 0xBF),  # bright blue
        (0x8E, 0x24, 0xAA),  # bright magenta
        (0x00, 0x70, 0x80),  # bright cyan
        (0xFF, 0xFF, 0xFF),  # bright white
    ],
)

# Our names for the looks (settings.THEME_NAMES) -> Textual's theme names.
THEMES: dict[str, str] = {"dark": "textual-dark", "light": RETRO_LIGHT.name}
# The themes to register with the app (Textual's own are registered already).
OWN_THEMES = (RETRO_LIGHT,)


def look_of(theme_name: str) -> str:
    """Our name for a Textual theme: the look it belongs to, dark for any other."""
    for look, name in THEMES.items():
        if name == theme_name:
            return look
    return "dark"
