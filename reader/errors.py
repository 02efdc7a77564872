"""Errors that reader reports to the user as one clear line."""


class ReaderError(Exception):
    """A problem caused by input or environment, shown as one line without a traceback."""


class ConfigError(ReaderError):
    """A bad config file, theme file or setting."""


class NotFound(ReaderError):
    """A feed or article that does not exist."""
