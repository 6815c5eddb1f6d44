"""The importer's error for a feed that cannot be read, in a module of its own so every reader can raise it."""


class FeedError(Exception):
    """The feed as a whole cannot be read; nothing from it is imported."""
