"""Large digits for a clock read from the back of a room, drawn with half blocks at any
whole scale: each glyph is a 5×7 grid of pixels, and one terminal cell holds two pixels,
one above the other, so a pixel is about as wide as it is tall."""

from math import ceil

GLYPH_HEIGHT = 7  # pixels
GAP = 1  # pixels between two glyphs

# Each glyph as rows of pixels: '#' is on.
GLYPHS: dict[str, tuple[str, ...]] = {
    "0": (".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "1": ("..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."),
    "2": (".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"),
    "3": (".###.", "#...#", "....#", "..##.", "....#", "#...#", ".###."),
    "4": ("...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."),
    "5": ("#####", "#....", "####.", "....#", "....#", "#...#", ".###."),
    "6": ("..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."),
    "7": ("#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."),
    "8": (".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."),
    "9": (".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."),
    "+": (".....", "..#..", "..#..", "#####", "..#..", "..#..", "....."),
    "-": (".....", ".....", ".....", "#####", ".....", ".....", "....."),
    ":": (".", ".", "#", ".", "#", ".", "."),
    " ": (".", ".", ".", ".", ".", ".", "."),
}

# Two pixels, the upper and the lower, as one cell.
_HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def big_height(scale: int) -> int:
    """Rows the digits take at `scale`."""
    return ceil(GLYPH_HEIGHT * scale / 2)


def big_width(text: str, scale: int) -> int:
    """Columns `text` takes at `scale`."""
    pixels = sum(len(GLYPHS[char][0]) for char in text) + GAP * (len(text) - 1)
    return pixels * scale


def largest_scale(text: str, width: int, height: int) -> int:
    """The largest scale at which `text` fits `width` × `height` cells; 0 if none does."""
    scale = 0
    while big_width(text, scale + 1) <= width and big_height(scale + 1) <= height:
        scale += 1
    return scale


def big_lines(text: str, scale: int) -> list[str]:
    """`text` (digits, ':', '+', '-' and spaces) drawn at `scale`, one string per row."""
    pixel_rows: list[list[bool]] = []
    for row in range(GLYPH_HEIGHT):
        pixels: list[bool] = []
        for n, char in enumerate(text):
            if n:
                pixels.extend([False] * GAP * scale)
            for pixel in GLYPHS[char][row]:
                pixels.extend([pixel == "#"] * scale)
        pixel_rows.extend([pixels] * scale)
    if len(pixel_rows) % 2:
        pixel_rows.append([False] * len(pixel_rows[0]))
    return [
        "".join(_HALVES[upper, lower] for upper, lower in zip(top, bottom, strict=True))
        for top, bottom in zip(pixel_rows[::2], pixel_rows[1::2], strict=True)
    ]
