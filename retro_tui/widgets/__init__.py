"""Reusable widgets of the retro app."""
