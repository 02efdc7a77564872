"""The SQLite cache. All SQL lives in this package."""

from reader.store.articles_sql import View
from reader.store.feeds_sql import DuplicateFeed
from reader.store.store import Store

__all__ = ["DuplicateFeed", "Store", "View"]
