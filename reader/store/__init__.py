"""The SQLite cache. All SQL lives in this package."""

import sys


def _import_sqlite_utils_without_numpy() -> None:
    """Import sqlite-utils without letting it import numpy.

    sqlite-utils imports numpy (when installed, and spaCy installs it) only to map numpy
    scalar types to column types; reader never stores numpy values. numpy costs ~0.1 s,
    an eighth of the app's start-up, so it is hidden for the length of this import and
    left to load later for whoever needs it (related-story ranking, spaCy).
    """
    if "sqlite_utils" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # makes `import numpy` fail
    try:
        import sqlite_utils  # noqa: F401
    finally:
        if sys.modules.get("numpy") is None:
            del sys.modules["numpy"]


_import_sqlite_utils_without_numpy()

from reader.store.articles_sql import View  # noqa: E402
from reader.store.feeds_sql import DuplicateFeed  # noqa: E402
from reader.store.store import Store  # noqa: E402

__all__ = ["DuplicateFeed", "Store", "View"]
