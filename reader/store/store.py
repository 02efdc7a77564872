"""The Store: every SQL statement reader runs, behind domain-object methods.

Each area keeps its SQL in its own mixin module; Store puts them together over one
connection. A Store belongs to the thread that opened it.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from reader.store.articles_sql import ArticlesSQL
from reader.store.db import connect
from reader.store.entities_sql import EntitiesSQL
from reader.store.feeds_sql import FeedsSQL
from reader.store.ingest_sql import IngestSQL
from reader.store.refresh_sql import RefreshSQL
from reader.store.related_sql import RelatedSQL
from reader.store.state_sql import StateSQL


class Store(FeedsSQL, ArticlesSQL, IngestSQL, EntitiesSQL, RelatedSQL, RefreshSQL, StateSQL):
    """The local cache."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None = None) -> None:
        self.db = db
        self.path = path

    @classmethod
    def open(cls, path: Path | str) -> Store:
        return cls(connect(path), Path(path) if str(path) != ":memory:" else None)

    def close(self) -> None:
        self.db.conn.close()

    def integrity_ok(self) -> bool:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
