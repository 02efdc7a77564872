"""SQL for reading the cache: article lists, one article, flags, full-text search."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlite_utils

from reader.errors import NotFound
from reader.models import Article, ArticleSummary
from reader.store.convert import article_from_row, now_iso, summary_from_row, to_iso


@dataclass(frozen=True)
class View:
    """What the article list shows: kind is all/unread/starred/today/feed/tag/entity."""

    kind: str = "all"
    value: str | int | None = None


_SUMMARY_COLS = """articles.id, articles.feed_id, articles.title, articles.url,
    articles.published, articles.read, articles.starred,
    CASE WHEN feeds.title = '' THEN feeds.url ELSE feeds.title END AS feed_title"""


def _view_where(view: View) -> tuple[str, list]:
    if view.kind == "unread":
        return "articles.read = 0", []
    if view.kind == "starred":
        return "articles.starred = 1", []
    if view.kind == "today":
        since = datetime.now(UTC) - timedelta(hours=24)
        return "articles.published >= ?", [to_iso(since)]
    if view.kind == "feed":
        return "articles.feed_id = ?", [int(view.value or 0)]
    if view.kind == "tag":
        return (
            "articles.feed_id IN (SELECT feeds.id FROM feeds, json_each(feeds.tags) "
            "WHERE json_each.value = ?)",
            [view.value],
        )
    if view.kind == "entity":
        return (
            "articles.id IN (SELECT article_id FROM article_entities ae "
            "JOIN entities e ON e.id = ae.entity_id WHERE e.key = ?)",
            [view.value],
        )
    return "1", []


_ENTITY_RE = re.compile(r'entity:(?:"([^"]+)"|(\S+))', re.I)


def fts_query(text: str) -> str:
    """Turn what a user typed into a safe FTS5 query (each word a quoted prefix term)."""
    words = re.findall(r"\w+", text, re.UNICODE)
    return " ".join(f'"{w}"*' for w in words)


class ArticlesSQL:
    db: sqlite_utils.Database

    def _rows(self, sql: str, params=()) -> list[dict]:  # provided by FeedsSQL too
        cursor = self.db.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def get_article(self, article_id: int) -> Article:
        rows = self._rows(
            "SELECT articles.*, CASE WHEN feeds.title = '' THEN feeds.url ELSE feeds.title END"
            " AS feed_title FROM articles JOIN feeds ON feeds.id = articles.feed_id"
            " WHERE articles.id = ?",
            [article_id],
        )
        if not rows:
            raise NotFound(f"no article with id {article_id}")
        return article_from_row(rows[0])

    def resolve_article(self, spec: str) -> Article:
        """An article by id or URL."""
        spec = spec.strip()
        if spec.isdigit():
            return self.get_article(int(spec))
        rows = self._rows("SELECT id FROM articles WHERE url = ? ORDER BY id LIMIT 1", [spec])
        if not rows:
            raise NotFound(f"no article with id or URL {spec!r} in the cache")
        return self.get_article(rows[0]["id"])

    def list_articles(
        self, view: View = View(), *, limit: int = 200, offset: int = 0
    ) -> list[ArticleSummary]:
        """One page of the view, newest first (never loads a whole view)."""
        where, params = _view_where(view)
        # The offset is skipped over ids only (a covering index), then the page is joined:
        # deep pages of a 100,000-article view stay fast.
        sql = (
            f"SELECT {_SUMMARY_COLS} FROM articles JOIN feeds ON feeds.id = articles.feed_id"
            " WHERE articles.id IN (SELECT articles.id FROM articles"
            f" WHERE {where} ORDER BY articles.published DESC, articles.id DESC LIMIT ? OFFSET ?)"
            " ORDER BY articles.published DESC, articles.id DESC"
        )
        return [summary_from_row(r) for r in self._rows(sql, [*params, limit, offset])]

    def count_articles(self, view: View = View(), *, unread_only: bool = False) -> int:
        where, params = _view_where(view)
        if unread_only:
            where += " AND articles.read = 0"
        return self.db.execute(f"SELECT count(*) FROM articles WHERE {where}", params).fetchone()[0]

    def set_read(self, article_ids: list[int], read: bool = True) -> None:
        if not article_ids:
            return
        marks = ",".join("?" * len(article_ids))
        with self.db.conn:
            self.db.execute(
                f"UPDATE articles SET read = ?, read_changed = ? WHERE id IN ({marks})"
                " AND read != ?",
                [int(read), now_iso(), *article_ids, int(read)],
            )

    def set_starred(self, article_id: int, starred: bool) -> None:
        self.db.execute(
            "UPDATE articles SET starred = ?, starred_changed = ? WHERE id = ?",
            [int(starred), now_iso(), article_id],
        )

    def mark_view_read(self, view: View) -> int:
        where, params = _view_where(view)
        with self.db.conn:
            cursor = self.db.execute(
                f"UPDATE articles SET read = 1, read_changed = ? WHERE read = 0 AND {where}",
                [now_iso(), *params],
            )
        return cursor.rowcount

    def search(self, query: str, *, limit: int = 100) -> list[ArticleSummary]:
        """Full-text search; ``entity:NAME`` or ``entity:"Full Name"`` matches entities."""
        clauses, params = [], []
        for m in _ENTITY_RE.finditer(query):
            name = (m.group(1) or m.group(2)).strip().lower()
            clauses.append(
                "articles.id IN (SELECT ae.article_id FROM article_entities ae"
                " JOIN entities e ON e.id = ae.entity_id"
                " WHERE lower(e.name) = ? OR e.key LIKE ? OR lower(e.name) LIKE ?"
                " OR lower(e.name) LIKE ?)"
            )
            # The full name, a key, a first name or a surname ("entity:putin").
            params += [name, f"%:{name}", f"{name} %", f"% {name}"]
        rest = _ENTITY_RE.sub(" ", query)
        match = fts_query(rest)
        order = "articles.published DESC"
        if match:
            clauses.append(
                "articles.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            )
            params.append(match)
        if not clauses:
            return []
        sql = (
            f"SELECT {_SUMMARY_COLS} FROM articles JOIN feeds ON feeds.id = articles.feed_id"
            f" WHERE {' AND '.join(clauses)} ORDER BY {order}, articles.id DESC LIMIT ?"
        )
        return [summary_from_row(r) for r in self._rows(sql, [*params, limit])]

    def tags(self) -> list[str]:
        rows = self.db.execute(
            "SELECT DISTINCT json_each.value FROM feeds, json_each(feeds.tags) ORDER BY 1"
        ).fetchall()
        return [r[0] for r in rows]

    def article_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]
