"""The screens of the retro app, one per module."""
