"""SQL for related stories: stored term data, document frequencies, candidate queries.

``article_terms`` holds each article's term data (JSON made by ``reader.related.terms_for`` at
refresh time); triggers keep ``term_df`` (document frequency per term and ``@entity`` key, and
the number of articles under the key "") in step, so nothing here counts over the cache.
Candidates come from two indexed queries: FTS5 bm25 on the article's most distinctive terms
and entity names, and the articles that share its rarest entities.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlite_utils

from reader.errors import NotFound

_ROW_COLS = """articles.id, articles.title, articles.url, articles.published,
    CASE WHEN feeds.title = '' THEN feeds.url ELSE feeds.title END AS feed,
    article_terms.data"""


def _fts_phrase(text: str) -> str:
    """One FTS5 phrase (quotes doubled), matching the words of ``text`` in order."""
    return '"' + text.replace('"', '""') + '"'


class RelatedSQL:
    db: sqlite_utils.Database

    def _write_terms(self, article_id: int, terms: Any) -> None:
        """Replace the article's stored term data; the caller holds the transaction."""
        # Delete then insert (not REPLACE): the delete trigger must take the old counts out.
        self.db.execute("DELETE FROM article_terms WHERE article_id = ?", [article_id])
        if terms:
            self.db.execute(
                "INSERT INTO article_terms (article_id, data) VALUES (?, ?)",
                [article_id, json.dumps(terms, ensure_ascii=False, separators=(",", ":"))],
            )

    def related_row(self, article_id: int) -> dict:
        """The article's id, title, url, published, feed and term data (None if none yet)."""
        rows = self._related_rows(
            "articles.id = ?", [article_id], join="LEFT JOIN"
        )  # an article without term data is still an article
        if not rows:
            raise NotFound(f"no article with id {article_id}")
        return rows[0]

    def related_rows(self, article_ids: Sequence[int]) -> list[dict]:
        """Rows like ``related_row`` for the given articles (those with term data)."""
        if not article_ids:
            return []
        return self._related_rows(
            "articles.id IN (SELECT value FROM json_each(?))", [json.dumps(list(article_ids))]
        )

    def _related_rows(self, where: str, params: list, join: str = "JOIN") -> list[dict]:
        cursor = self.db.execute(
            f"SELECT {_ROW_COLS} FROM articles JOIN feeds ON feeds.id = articles.feed_id"
            f" {join} article_terms ON article_terms.article_id = articles.id WHERE {where}",
            params,
        )
        names = [d[0] for d in cursor.description]
        rows = []
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            row["data"] = json.loads(row["data"]) if row["data"] else None
            rows.append(row)
        return rows

    def document_frequencies(self, keys: Sequence[str]) -> tuple[dict[str, int], int]:
        """(df of each known key, number of articles with term data)."""
        wanted = json.dumps(["", *keys], ensure_ascii=False)
        rows = self.db.execute(
            "SELECT key, df FROM term_df WHERE key IN (SELECT value FROM json_each(?))", [wanted]
        ).fetchall()
        df = dict(rows)
        return df, int(df.pop("", 0))

    def related_candidates(
        self,
        article_id: int,
        *,
        terms: Sequence[str] = (),
        phrases: Sequence[str] = (),
        entity_keys: Sequence[str] = (),
        recent_terms: Sequence[str] = (),
        limit: int = 100,
        entity_limit: int = 50,
    ) -> list[int]:
        """Ids of articles worth ranking against ``article_id`` (never itself).

        FTS5 bm25 (titles count double) on ``terms`` or ``phrases``, best ``limit`` first;
        when that finds fewer than ``limit``, the newest articles having all ``recent_terms``
        (FTS5 walks postings newest first and stops: cheap however common the terms);
        then up to ``entity_limit`` of the newest articles mentioning ``entity_keys``.
        """
        ids: dict[int, None] = {}
        match = " OR ".join(_fts_phrase(x) for x in [*terms, *phrases] if x.strip())
        if match:
            rows = self.db.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid != ?"
                " ORDER BY bm25(articles_fts, 2.0, 1.0) LIMIT ?",
                [match, article_id, limit],
            ).fetchall()
            ids.update((r[0], None) for r in rows)
        if recent_terms and len(ids) < limit:
            rows = self.db.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid != ?"
                " ORDER BY rowid DESC LIMIT ?",
                [" AND ".join(_fts_phrase(t) for t in recent_terms), article_id, limit],
            ).fetchall()
            ids.update((r[0], None) for r in rows[: limit - len(ids)])
        if entity_keys:
            rows = self.db.execute(
                "SELECT DISTINCT ae.article_id FROM entities e"
                " JOIN article_entities ae ON ae.entity_id = e.id"
                " WHERE e.key IN (SELECT value FROM json_each(?)) AND ae.article_id != ?"
                " ORDER BY ae.article_id DESC LIMIT ?",
                [json.dumps(list(entity_keys), ensure_ascii=False), article_id, entity_limit],
            ).fetchall()
            ids.update((r[0], None) for r in rows)
        return list(ids)
