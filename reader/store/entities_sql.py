"""SQL for named entities: mentions per article, canonical entities, entity -> articles.

``entities`` holds one row per canonical key (``person:vladimir putin``) with its display
name and label; ``mentions`` one row per span of an article's text (offsets into
``articles.text``); ``article_entities`` the mention count per (entity, article), whose
primary key (entity_id, article_id) makes "all stories about X" one index range.
Entity rows are shared by all articles and never deleted by a re-tag (orphans are harmless
and removed by prune_entities()).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import sqlite_utils

from reader.models import ArticleSummary, EntityCount, EntitySpan
from reader.store.convert import summary_from_row

_SUMMARY_COLS = """articles.id, articles.feed_id, articles.title, articles.url,
    articles.published, articles.read, articles.starred,
    CASE WHEN feeds.title = '' THEN feeds.url ELSE feeds.title END AS feed_title"""


class EntitiesSQL:
    db: sqlite_utils.Database

    # --- writing (the caller holds the transaction) -------------------------------------

    def _entity_ids(self, spans: Sequence[EntitySpan]) -> dict[str, int]:
        """Ids of the spans' entities, inserting the new ones (first name seen wins)."""
        ids: dict[str, int] = {}
        for span in spans:
            if span.key in ids:
                continue
            self.db.execute(
                "INSERT INTO entities (key, name, label) VALUES (?, ?, ?)"
                " ON CONFLICT(key) DO NOTHING",
                [span.key, span.name or span.text, span.label],
            )
            row = self.db.execute("SELECT id FROM entities WHERE key = ?", [span.key]).fetchone()
            ids[span.key] = row[0]
        return ids

    def _write_mentions(self, article_id: int, spans: list[EntitySpan]) -> None:
        """Replace the article's mentions; the caller holds the transaction (no commit)."""
        self.db.execute("DELETE FROM mentions WHERE article_id = ?", [article_id])
        self.db.execute("DELETE FROM article_entities WHERE article_id = ?", [article_id])
        if not spans:
            return
        ids = self._entity_ids(spans)
        self.db.conn.executemany(
            'INSERT OR REPLACE INTO mentions (article_id, start, "end", label, entity_id)'
            " VALUES (?, ?, ?, ?, ?)",
            [(article_id, s.start, s.end, s.label, ids[s.key]) for s in spans],
        )
        counts = Counter(ids[s.key] for s in spans)
        self.db.conn.executemany(
            "INSERT INTO article_entities (entity_id, article_id, count) VALUES (?, ?, ?)",
            [(entity_id, article_id, n) for entity_id, n in counts.items()],
        )

    def save_mentions(self, results: Iterable[tuple[int, list[EntitySpan]]], version: int) -> int:
        """Store the mentions of several articles and mark them analysed with ``version``,
        in one transaction; returns how many articles were written."""
        n = 0
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for article_id, spans in results:
                self._write_mentions(article_id, spans)
                self.db.execute(
                    "UPDATE articles SET enriched = ? WHERE id = ?", [version, article_id]
                )
                n += 1
            self.db.execute("COMMIT")
        except BaseException:
            # SQLite has already rolled back on some errors (disk full): a second
            # ROLLBACK would fail and hide the real error.
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        return n

    def prune_entities(self) -> int:
        """Delete entities no article mentions any more; returns how many."""
        with self.db.conn:
            cursor = self.db.execute(
                "DELETE FROM entities WHERE NOT EXISTS"
                " (SELECT 1 FROM article_entities ae WHERE ae.entity_id = entities.id)"
            )
        return cursor.rowcount

    # --- reading --------------------------------------------------------------------------

    def article_entities(self, article_id: int) -> list[EntitySpan]:
        """The article's mentions in text order (offsets into its text)."""
        row = self.db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        text = row[0] if row else ""
        rows = self.db.execute(
            'SELECT m.start, m."end", m.label, e.key, e.name FROM mentions m'
            " JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? ORDER BY m.start",
            [article_id],
        ).fetchall()
        return [
            EntitySpan(text=text[s:e], label=label, start=s, end=e, key=key, name=name)
            for s, e, label, key, name in rows
        ]

    def entity_counts(self, article_id: int) -> list[EntityCount]:
        """The article's entities, most mentioned first, with how many cached articles
        mention each (for the entity panel)."""
        rows = self.db.execute(
            "SELECT e.key, e.name, e.label, ae.count,"
            " (SELECT count(*) FROM article_entities x WHERE x.entity_id = e.id)"
            " FROM article_entities ae JOIN entities e ON e.id = ae.entity_id"
            " WHERE ae.article_id = ? ORDER BY ae.count DESC, e.name COLLATE NOCASE",
            [article_id],
        ).fetchall()
        return [EntityCount(k, n, lab, c, a) for k, n, lab, c, a in rows]

    def get_entity(self, key: str) -> EntityCount | None:
        """One entity with its mention and article totals, or None."""
        row = self.db.execute(
            "SELECT e.key, e.name, e.label, coalesce(sum(ae.count), 0), count(ae.article_id)"
            " FROM entities e LEFT JOIN article_entities ae ON ae.entity_id = e.id"
            " WHERE e.key = ? GROUP BY e.id",
            [key],
        ).fetchone()
        return EntityCount(*row) if row else None

    def top_entities(self, *, label: str | None = None, limit: int = 50) -> list[EntityCount]:
        """The entities mentioned by the most articles in the cache."""
        where, params = ("WHERE e.label = ?", [label]) if label else ("", [])
        rows = self.db.execute(
            "SELECT e.key, e.name, e.label, sum(ae.count), count(*) FROM article_entities ae"
            f" JOIN entities e ON e.id = ae.entity_id {where} GROUP BY e.id"
            " ORDER BY count(*) DESC, sum(ae.count) DESC LIMIT ?",
            [*params, limit],
        ).fetchall()
        return [EntityCount(*row) for row in rows]

    def articles_for_entity(
        self, key: str, limit: int = 50, offset: int = 0
    ) -> list[ArticleSummary]:
        """Articles that mention the entity, newest first."""
        cursor = self.db.execute(
            f"SELECT {_SUMMARY_COLS} FROM article_entities ae"
            " JOIN entities e ON e.id = ae.entity_id"
            " JOIN articles ON articles.id = ae.article_id"
            " JOIN feeds ON feeds.id = articles.feed_id"
            " WHERE e.key = ? ORDER BY articles.published DESC, articles.id DESC"
            " LIMIT ? OFFSET ?",
            [key, limit, offset],
        )
        names = [d[0] for d in cursor.description]
        return [summary_from_row(dict(zip(names, r, strict=True))) for r in cursor.fetchall()]

    def entities_needing_retag(self, version: int, *, limit: int | None = None) -> list[int]:
        """Articles analysed by an older or lesser analysis than ``version`` (0: never),
        newest first. Fallback-tagged articles have a lower version than the model's."""
        sql = "SELECT id FROM articles WHERE enriched < ? ORDER BY id DESC"
        params: list = [version]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [r[0] for r in self.db.execute(sql, params).fetchall()]

    def article_texts(self, article_ids: Sequence[int]) -> list[tuple[int, str, str]]:
        """(id, cleaned text, feed title) of the given articles that exist, in the order
        given."""
        if not article_ids:
            return []
        marks = ",".join("?" * len(article_ids))
        rows = {
            row[0]: row
            for row in self.db.execute(
                "SELECT a.id, a.text, coalesce(f.title, '') FROM articles a "
                f"LEFT JOIN feeds f ON f.id = a.feed_id WHERE a.id IN ({marks})",
                list(article_ids),
            ).fetchall()
        }
        return [tuple(rows[i]) for i in article_ids if i in rows]

    def article_version(self, article_id: int) -> int:
        """The analysis version stored with the article (0: never analysed)."""
        row = self.db.execute("SELECT enriched FROM articles WHERE id = ?", [article_id]).fetchone()
        return row[0] if row else 0
