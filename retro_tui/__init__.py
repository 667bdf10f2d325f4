"""retro: run the meetings of a self-organising team in the terminal."""

__version__ = "0.1.0"
