"""SQL for refresh: storing parsed entries, then each article's cleaned text and analysis.

Two steps, each one transaction:
1. ``upsert_entries``: new entries are inserted with the feed's own text; changed entries are
   updated in place and keep their read/starred state.
2. ``save_enrichment``: the cleaned page text (if any), its entity mentions and its term data
   are written together, so the cache never holds text without its analysis.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from reader.models import (
    BLOCK_SEPARATOR,
    Block,
    CleanArticle,
    EntitySpan,
    IngestResult,
    ParsedEntry,
)
from reader.store.convert import blocks_to_json, links_to_json, to_iso


def _entry_text(entry: ParsedEntry) -> tuple[str, tuple[Block, ...], str]:
    if entry.content_blocks:
        blocks = entry.content_blocks
        source = "feed"
    elif entry.summary:
        blocks = tuple(
            Block("paragraph", p.strip()) for p in entry.summary.split("\n") if p.strip()
        )
        source = "summary"
    else:
        return "", (), "summary"
    return BLOCK_SEPARATOR.join(b.text for b in blocks), blocks, source


def _hash(entry: ParsedEntry, text: str) -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    for part in (entry.title, entry.url, entry.summary, text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


class _Prepared:
    """One entry ready to store: its text, hash, dates and (once asked) its JSON."""

    __slots__ = ("entry", "text", "blocks", "source", "digest", "published", "updated", "_json")

    def __init__(
        self, entry: ParsedEntry, text: str, blocks: tuple[Block, ...], source: str, digest: str
    ) -> None:
        self.entry = entry
        self.text = text
        self.blocks = blocks
        self.source = source
        self.digest = digest
        self.published = to_iso(entry.published)
        self.updated = to_iso(entry.updated)
        self._json: tuple[str, str] | None = None

    def encode(self) -> tuple[str, str]:
        """(blocks JSON, links JSON), computed once."""
        if self._json is None:
            self._json = (blocks_to_json(self.blocks), links_to_json(self.entry.content_links))
        return self._json


class IngestSQL:
    db: sqlite_utils.Database

    def upsert_entries(
        self, feed_id: int, entries: Sequence[ParsedEntry], fetched: datetime | None = None
    ) -> IngestResult:
        """Insert new entries, update changed ones (keeping read/starred), in one transaction."""
        return self.store_feed(feed_id, entries, fetched)[0]

    def store_feed(
        self,
        feed_id: int,
        entries: Sequence[ParsedEntry],
        fetched: datetime | None = None,
        outcome: dict[str, Any] | None = None,
        *,
        skip_pages: bool = False,
        write_lock: AbstractContextManager | None = None,
    ) -> tuple[IngestResult, str, str | None]:
        """A refreshed feed in one transaction: its entries (as ``upsert_entries``) and, with
        ``outcome`` (feed fields for ``record_feed_outcome``), its status (new / updated /
        unchanged) and validators. ``skip_pages``: new articles get ``page_state = 'skipped'``
        (their pages are never to be fetched).

        One transaction, so a refresh killed at any moment leaves the entries and the feed's
        validators in step, and each feed takes the write lock once (refresh workers write
        concurrently). ``write_lock`` is held around the transaction only (refresh workers
        share one, see refresh_worker). Returns (what changed, status, note from
        record_feed_outcome).
        """
        fetched_iso = to_iso(fetched or datetime.now(UTC))
        # The Python work (text, hash, JSON, dates) is done before the write lock is taken:
        # refresh workers store feeds concurrently and wait for each other's transactions.
        prepared: list[_Prepared] = []
        seen: set[str] = set()
        for entry in entries:
            if entry.guid in seen:
                continue  # feeds sometimes repeat an item; the first one wins
            seen.add(entry.guid)
            text, blocks, source = _entry_text(entry)
            prepared.append(_Prepared(entry, text, blocks, source, _hash(entry, text)))
        # A snapshot read without the lock says what is probably new or changed (the answer
        # that counts is read again inside the transaction).
        before = self._stored_entries(feed_id)
        for item in prepared:
            row = before.get(item.entry.guid)
            if row is None or row[1] != item.digest:
                item.encode()
        with write_lock or nullcontext():
            return self._store_prepared(
                feed_id, prepared, fetched_iso, outcome, "skipped" if skip_pages else None
            )

    def _store_prepared(
        self,
        feed_id: int,
        prepared: list[_Prepared],
        fetched_iso: str,
        outcome: dict[str, Any] | None,
        page_state: str | None,
    ) -> tuple[IngestResult, str, str | None]:
        new_ids: list[int] = []
        updated_ids: list[int] = []
        note = None
        self.db.execute("BEGIN IMMEDIATE")
        try:
            # Read what is stored inside the write transaction: another process (a second
            # refresh) may have inserted these entries since, and a stale snapshot would
            # make this insert them again (UNIQUE constraint failed).
            existing = self._stored_entries(feed_id)
            new_rows: list[list[Any]] = []
            for item in prepared:
                entry, text, source, digest = item.entry, item.text, item.source, item.digest
                row = existing.get(entry.guid)
                if row is None:
                    # ``content`` stays empty while ``text`` is the feed's text: storing it
                    # twice cost a third of the bytes written (see Article.content and
                    # save_enrichment, which moves it into ``content`` when a page arrives).
                    blocks_json, links_json = item.encode()
                    new_rows.append(
                        [
                            feed_id,
                            entry.guid,
                            entry.url,
                            entry.title,
                            entry.author,
                            item.published or fetched_iso,
                            item.updated,
                            fetched_iso,
                            entry.summary,
                            text,
                            source,
                            blocks_json,
                            links_json,
                            digest,
                        ]
                    )
                elif row[1] != digest:
                    article_id, _, stored_source = row
                    # The cleaned page stays as the text: then ``content`` keeps the feed's
                    # own text; otherwise the feed's text is ``text`` and ``content`` is empty.
                    content = text if stored_source == "page" and source == "feed" else ""
                    self.db.execute(
                        "UPDATE articles SET url = ?, title = ?, author = ?, updated = ?,"
                        " summary = ?, content = ?, content_hash = ? WHERE id = ?",
                        [
                            entry.url,
                            entry.title,
                            entry.author,
                            item.updated or fetched_iso,
                            entry.summary,
                            content,
                            digest,
                            article_id,
                        ],
                    )
                    if stored_source != "page":
                        # The cleaned page stays; otherwise the feed's new text replaces the
                        # old, and the analysis is redone.
                        blocks_json, links_json = item.encode()
                        self.db.execute(
                            "UPDATE articles SET text = ?, text_source = ?, blocks = ?,"
                            " links = ?, enriched = 0 WHERE id = ?",
                            [text, source, blocks_json, links_json, article_id],
                        )
                    updated_ids.append(article_id)
            if new_rows:
                new_ids = self._insert_new(new_rows, page_state)
            status = "new" if new_ids else ("updated" if updated_ids else "unchanged")
            if outcome is not None:
                note = self.record_feed_outcome(  # type: ignore[attr-defined]
                    feed_id, last_status=status, **outcome
                )
            self.db.execute("COMMIT")
        except BaseException:
            # SQLite has already rolled back on some errors (disk full): a second
            # ROLLBACK would fail and hide the real error.
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        return IngestResult(tuple(new_ids), tuple(updated_ids)), status, note

    def _stored_entries(self, feed_id: int) -> dict[str, tuple[int, str, str]]:
        """guid -> (id, content_hash, text_source) of a feed's stored articles."""
        return {
            guid: (article_id, content_hash, source)
            for article_id, guid, content_hash, source in self.db.conn.execute(
                "SELECT id, guid, content_hash, text_source FROM articles WHERE feed_id = ?",
                [feed_id],
            ).fetchall()
        }

    def _insert_new(self, rows: list[list[Any]], page_state: str | None = None) -> list[int]:
        """Insert new articles and index them (full text); return their ids in order.

        One execute per row: executemany (plus reading the ids back) measured no faster.
        """
        execute = self.db.conn.execute
        sql = (
            "INSERT INTO articles (feed_id, guid, url, title, author, published, updated,"
            " fetched, summary, text, text_source, blocks, links, content_hash, page_state)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
        )
        ids = [execute(sql, [*row, page_state]).lastrowid for row in rows]
        # Rows with a content_hash are not indexed by the insert trigger (m007): indexing the
        # feed's rows together after inserting them costs ~30% less than row by row.
        self.db.conn.executemany(
            "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
            [(article_id, row[3], row[9]) for article_id, row in zip(ids, rows, strict=True)],
        )
        return ids

    def save_enrichment(
        self,
        article_id: int,
        *,
        page: CleanArticle | None = None,
        page_state: str | None = None,
        spans: Iterable[EntitySpan] = (),
        terms: Any = None,
        version: int = 0,
    ) -> None:
        """Store the cleaned page (if any), its mentions and term data in one transaction."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            # One UPDATE of the row, not three: SQLite rewrites a whole row (overflow pages
            # and all) for any change, and a stored article is ~10 KB.
            sets = ["enriched = ?"]
            params: list[Any] = [version]
            if page is not None:
                # The feed's text is kept in ``content`` only once a page replaces it (the
                # right-hand sides see the old row).
                sets.append(
                    "content = CASE WHEN text_source = 'feed' THEN text ELSE content END,"
                    " text = ?, blocks = ?, links = ?, text_source = 'page',"
                    " title = CASE WHEN title = '' THEN ? ELSE title END,"
                    " author = CASE WHEN author = '' THEN ? ELSE author END"
                )
                params += [
                    page.text,
                    blocks_to_json(page.blocks),
                    links_to_json(page.links),
                    page.title or "",
                    page.byline or "",
                ]
            if page_state is not None:
                sets.append("page_state = ?")
                params.append(page_state)
            self._write_mentions(article_id, list(spans))  # type: ignore[attr-defined]
            self._write_terms(article_id, terms)  # type: ignore[attr-defined]
            self.db.execute(
                f"UPDATE articles SET {', '.join(sets)} WHERE id = ?", [*params, article_id]
            )
            self.db.execute("COMMIT")
        except BaseException:
            # SQLite has already rolled back on some errors (disk full): a second
            # ROLLBACK would fail and hide the real error.
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def articles_to_enrich(
        self, article_ids: Sequence[int] | None = None, *, version: int = 0, limit: int = 1000
    ) -> list[dict]:
        """Articles whose analysis is missing or older than ``version``.

        Each dict has id, feed_id, url, title, text, text_source, page_state.
        """
        cols = "id, feed_id, url, title, text, text_source, page_state"
        if article_ids is not None:
            if not article_ids:
                return []
            marks = ",".join("?" * len(article_ids))
            sql = f"SELECT {cols} FROM articles WHERE id IN ({marks}) ORDER BY id"
            params: list = list(article_ids)
        else:
            sql = f"SELECT {cols} FROM articles WHERE enriched < ? ORDER BY id DESC LIMIT ?"
            params = [version, limit]
        cursor = self.db.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
