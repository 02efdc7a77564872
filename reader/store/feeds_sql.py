"""SQL for subscriptions (the ``feeds`` table)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import sqlite_utils

from reader.errors import NotFound, ReaderError
from reader.models import Feed
from reader.sanitize import clean_line
from reader.store.convert import feed_from_row, now_iso, to_iso
from reader.urls import normalize_url


class DuplicateFeed(ReaderError):
    """The feed is already subscribed (under this or another spelling)."""

    def __init__(self, feed: Feed) -> None:
        title, url = clean_line(feed.display_title), clean_line(feed.url)  # from the network
        super().__init__(f"already subscribed: {title} ({url}), id {feed.id}")
        self.feed = feed


_FEED_SELECT = """
    SELECT feeds.*,
        (SELECT count(*) FROM articles a WHERE a.feed_id = feeds.id) AS n_articles,
        (SELECT count(*) FROM articles a WHERE a.feed_id = feeds.id AND a.read = 0) AS n_unread
    FROM feeds
"""


class FeedsSQL:
    db: sqlite_utils.Database

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict]:
        cursor = self.db.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def add_feed(
        self, url: str, *, title: str = "", site_url: str = "", tags: Iterable[str] = ()
    ) -> Feed:
        """Subscribe; raises DuplicateFeed when the URL (in any spelling) is there already."""
        existing = self.find_feed_by_url(url)
        if existing:
            raise DuplicateFeed(existing)
        cursor = self.db.execute(
            "INSERT INTO feeds (url, url_key, title, custom_title, site_url, tags, added)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                url,
                normalize_url(url),
                title,
                1 if title else 0,
                site_url,
                json.dumps(sorted(set(tags))),
                now_iso(),
            ],
        )
        return self.get_feed(cursor.lastrowid)

    def add_feeds(self, feeds: Iterable[Mapping[str, Any]]) -> tuple[list[Feed], list[Feed]]:
        """Subscribe to many feeds in one transaction (an OPML import).

        Each item has ``url`` and optionally ``title``, ``site_url``, ``tags``. Returns the
        feeds added and, for each item already subscribed (in any spelling, also earlier in
        the same batch), the existing feed.
        """
        added_ids: list[int] = []
        skipped: list[Feed] = []
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for item in feeds:
                url = item["url"]
                existing = self.find_feed_by_url(url)
                if existing:
                    skipped.append(existing)
                    continue
                title = item.get("title") or ""
                cursor = self.db.execute(
                    "INSERT INTO feeds (url, url_key, title, custom_title, site_url, tags, added)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        url,
                        normalize_url(url),
                        title,
                        # A title from a list is the user's choice, as with `add --title`.
                        1 if title else 0,
                        item.get("site_url") or "",
                        json.dumps(sorted({t for t in item.get("tags") or () if t})),
                        now_iso(),
                    ],
                )
                added_ids.append(cursor.lastrowid)
        except BaseException:
            # SQLite has already rolled back on some errors (disk full): a second
            # ROLLBACK would fail and hide the real error.
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        return [self.get_feed(i) for i in added_ids], skipped

    def get_feed(self, feed_id: int) -> Feed:
        rows = self._rows(_FEED_SELECT + " WHERE feeds.id = ?", [feed_id])
        if not rows:
            raise NotFound(f"no feed with id {feed_id}")
        return feed_from_row(rows[0])

    def find_feed_by_url(self, url: str) -> Feed | None:
        rows = self._rows(
            _FEED_SELECT + " WHERE feeds.url = ? OR feeds.url_key = ?", [url, normalize_url(url)]
        )
        return feed_from_row(rows[0]) if rows else None

    def list_feeds(self) -> list[Feed]:
        """All feeds with article and unread counts, by title."""
        sql = """
            SELECT feeds.*, coalesce(c.n, 0) AS n_articles, coalesce(c.u, 0) AS n_unread
            FROM feeds LEFT JOIN (
                SELECT feed_id, count(*) AS n, sum(read = 0) AS u FROM articles GROUP BY feed_id
            ) c ON c.feed_id = feeds.id
            ORDER BY lower(CASE WHEN feeds.title = '' THEN feeds.url ELSE feeds.title END)
        """
        return [feed_from_row(r) for r in self._rows(sql)]

    def resolve_feed(self, spec: str) -> Feed:
        """A feed by id, URL or unique title prefix (case-insensitive)."""
        spec = spec.strip()
        if spec.isdigit():
            return self.get_feed(int(spec))
        by_url = self.find_feed_by_url(spec)
        if by_url:
            return by_url
        rows = self._rows(
            _FEED_SELECT + " WHERE lower(feeds.title) LIKE ? ESCAPE '\\'",
            [spec.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"],
        )
        if not rows:
            raise NotFound(f"no feed matches {spec!r} (give an id, URL or title prefix)")
        exact = [r for r in rows if r["title"].lower() == spec.lower()]
        if len(exact) == 1:
            return feed_from_row(exact[0])
        if len(rows) > 1:
            names = ", ".join(f"{r['id']}: {clean_line(r['title'])}" for r in rows[:5])
            raise ReaderError(f"{spec!r} matches several feeds ({names}); give the id")
        return feed_from_row(rows[0])

    def remove_feed(self, feed_id: int) -> None:
        self.get_feed(feed_id)
        with self.db.conn:
            # Entities' document counts are derived at query time, so a cascade is enough.
            self.db.execute("DELETE FROM feeds WHERE id = ?", [feed_id])

    def set_feed_tags(self, feed_id: int, tags: Iterable[str]) -> Feed:
        self.db.execute(
            "UPDATE feeds SET tags = ? WHERE id = ?",
            [json.dumps(sorted({t for t in tags if t})), feed_id],
        )
        return self.get_feed(feed_id)

    def rename_feed(self, feed_id: int, title: str) -> Feed:
        self.db.execute(
            "UPDATE feeds SET title = ?, custom_title = 1 WHERE id = ?", [title, feed_id]
        )
        return self.get_feed(feed_id)

    def set_feed_full_text(self, feed_id: int, value: bool | None) -> Feed:
        self.db.execute(
            "UPDATE feeds SET full_text = ? WHERE id = ?",
            [None if value is None else int(value), feed_id],
        )
        return self.get_feed(feed_id)

    def update_feed_meta(self, feed_id: int, **fields: Any) -> None:
        """Record what a fetch learnt: validators, status, error, new URL, feed title.

        A feed title from the network never replaces one the user set.
        """
        allowed = {
            "url",
            "title",
            "site_url",
            "etag",
            "last_modified",
            "last_fetched",
            "last_status",
            "last_error",
            "error_count",
            "retry_after",
        }
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"unknown feed fields: {sorted(unknown)}")
        values = {k: (to_iso(v) if hasattr(v, "tzinfo") else v) for k, v in fields.items()}
        if "url" in values:
            values["url_key"] = normalize_url(values["url"])
        sets = []
        for key in values:
            if key == "title":
                sets.append("title = CASE WHEN custom_title = 1 THEN title ELSE :title END")
            else:
                sets.append(f"{key} = :{key}")
        values["id"] = feed_id
        self.db.execute(f"UPDATE feeds SET {', '.join(sets)} WHERE id = :id", values)
