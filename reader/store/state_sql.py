"""SQL about the cache's state as a whole (what changed since we last looked)."""

from __future__ import annotations


class StateSQL:
    """Mixin for Store: cheap questions about the database file itself."""

    def data_version(self) -> int:
        """SQLite's ``PRAGMA data_version`` for this connection.

        The number changes when another connection (another process, such as a
        ``reader refresh`` from cron) commits to the file; this connection's own commits leave
        it alone. Polling it is a cheap way to notice outside writes.
        """
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])
