"""SQL that refresh needs beyond ingest: which feeds to fetch, and per-feed outcomes.

Every method here is one short statement or one short transaction, so a refresh never holds
the write lock long enough for the app (or a second refresh) to see "database is locked".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

import sqlite_utils

from reader.store.convert import from_iso, now_iso


class RefreshSQL:
    db: sqlite_utils.Database

    def refresh_candidates(self, feed_ids: Sequence[int] | None = None) -> list[dict]:
        """Feeds a refresh may fetch (all, or these ids) with their validators and state.

        Each dict: id, url, title, etag, last_modified, error_count, retry_after (datetime or
        None), last_status, full_text (None / True / False).
        """
        cols = (
            "id, url, title, etag, last_modified, error_count, retry_after, last_status, full_text"
        )
        if feed_ids is None:
            cursor = self.db.execute(f"SELECT {cols} FROM feeds ORDER BY id")
        else:
            if not feed_ids:
                return []
            marks = ",".join("?" * len(feed_ids))
            cursor = self.db.execute(
                f"SELECT {cols} FROM feeds WHERE id IN ({marks}) ORDER BY id", list(feed_ids)
            )
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
        for row in rows:
            row["retry_after"] = from_iso(row["retry_after"])
            row["full_text"] = None if row["full_text"] is None else bool(row["full_text"])
        return rows

    def record_feed_outcome(self, feed_id: int, **fields: Any) -> str | None:
        """update_feed_meta, but a new URL that another feed already has is not applied.

        Returns a note when the URL could not be changed.
        """
        fields.setdefault("last_fetched", now_iso())
        try:
            self.update_feed_meta(feed_id, **fields)  # type: ignore[attr-defined]
        except sqlite3.IntegrityError:
            if "url" not in fields:
                raise
            url = fields.pop("url")
            self.update_feed_meta(feed_id, **fields)  # type: ignore[attr-defined]
            return f"moved to {url}, which is subscribed already"
        return None

    def articles_pending(self, version: int, limit: int = 5000) -> dict[int, list[int]]:
        """Stored articles whose analysis is missing or outdated, newest first, by feed id."""
        cursor = self.db.execute(
            "SELECT id, feed_id FROM articles WHERE enriched != ? ORDER BY id DESC LIMIT ?",
            [version, limit],
        )
        out: dict[int, list[int]] = {}
        for article_id, feed_id in cursor.fetchall():
            out.setdefault(feed_id, []).append(article_id)
        return out

    def defer_checkpoints(self) -> None:
        """Leave WAL checkpoints to another connection (see ``checkpoint``): this one only
        writes. Refresh workers write under a shared lock; a checkpoint (copying the WAL into
        the database) inside their transaction would make the other worker wait for it."""
        self.db.execute("PRAGMA wal_autocheckpoint = 0")

    def checkpoint(self) -> None:
        """Copy what the WAL holds into the database without blocking writers or readers."""
        self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
