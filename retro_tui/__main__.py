"""`python -m retro_tui` runs the `retro` command."""

from retro_tui.cli import main

main()
