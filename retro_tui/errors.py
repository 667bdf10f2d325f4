"""The one error type for mistakes a user can fix; the CLI shows it as one line."""


class RetroError(Exception):
    """A user error: unknown member, invalid value, missing or corrupt store, lock timeout."""
