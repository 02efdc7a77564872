"""reader: a terminal news reader that understands the news it shows."""

__version__ = "0.1.0"
