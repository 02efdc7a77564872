"""Opening the cache: one place that sets pragmas and applies migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from reader.errors import ReaderError
from reader.store import migrations

BUSY_TIMEOUT_MS = 30_000


def connect(path: Path | str, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open (and create, and migrate) the cache at ``path``.

    One connection per thread: sqlite3 connections must not cross threads.
    """
    if str(path) != ":memory:":
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReaderError(f"cannot create {path.parent}: {exc.strerror}") from None
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        db = sqlite_utils.Database(conn)
        if migrate:
            migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        raise ReaderError(f"cannot open the cache {path}: {exc}") from None
    return db
