"""SQL about the cache's state as a whole (what changed since we last looked)."""

from __future__ import annotations

import sqlite_utils


class StateSQL:
    db: sqlite_utils.Database  # set by Store

    """Mixin for Store: cheap questions about the database file itself."""

    def data_version(self) -> int:
        """SQLite's ``PRAGMA data_version`` for this connection.

        The number changes when another connection (another process, such as a
        ``reader refresh`` from cron) commits to the file; this connection's own commits leave
        it alone. Polling it is a cheap way to notice outside writes.
        """
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def check_writable(self) -> None:
        """Raise sqlite3.OperationalError now if the cache cannot be written (read-only file
        or disk), rather than in the middle of a refresh.

        Rewriting ``user_version`` with its own value is a real write of the header page.
        """
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        self.db.execute(f"PRAGMA user_version = {version}")

    def make_single_file(self) -> None:
        """Fold the WAL into the database file and stop using WAL, so the cache is one file
        that can be copied whole (the built demo cache)."""
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.execute("PRAGMA journal_mode = DELETE")
