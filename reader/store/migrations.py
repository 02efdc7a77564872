"""Ordered, named schema migrations.

Each migration runs once, in order, inside a transaction; the names of the applied ones are
kept in ``_migrations``. Never edit a released migration: add a new one at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlite_utils

Migration = Callable[[sqlite_utils.Database], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(fn: Migration) -> Migration:
    """Register ``fn`` as the next migration, named after the function."""
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_feeds_and_articles(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            url_key TEXT NOT NULL UNIQUE,      -- normalised URL, catches other spellings
            title TEXT NOT NULL DEFAULT '',
            custom_title INTEGER NOT NULL DEFAULT 0,
            site_url TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]',   -- JSON list
            etag TEXT,
            last_modified TEXT,
            last_fetched TEXT,
            last_status TEXT,
            last_error TEXT,
            error_count INTEGER NOT NULL DEFAULT 0,
            retry_after TEXT,
            full_text INTEGER,                 -- NULL: follow the global setting
            settings TEXT NOT NULL DEFAULT '{}',
            added TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
            guid TEXT NOT NULL,
            url TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            published TEXT,                    -- ISO 8601 UTC
            updated TEXT,
            fetched TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            content TEXT NOT NULL DEFAULT '',  -- the feed's own full content, as text
            text TEXT NOT NULL DEFAULT '',     -- the best text: cleaned page, else feed
            text_source TEXT,                  -- page / feed / summary
            blocks TEXT NOT NULL DEFAULT '[]', -- JSON [[kind, text, level], ...]
            links TEXT NOT NULL DEFAULT '[]',  -- JSON [[index, url, text], ...]
            content_hash TEXT,
            page_state TEXT,                   -- NULL: not tried; done / failed / skipped
            enriched INTEGER NOT NULL DEFAULT 0,  -- version of entity/term analysis done
            read INTEGER NOT NULL DEFAULT 0,
            read_changed TEXT,
            starred INTEGER NOT NULL DEFAULT 0,
            starred_changed TEXT,
            UNIQUE (feed_id, guid)
        )
        """
    )
    db.execute("CREATE INDEX articles_published ON articles(published DESC, id DESC)")
    db.execute("CREATE INDEX articles_feed_published ON articles(feed_id, published DESC, id DESC)")
    db.execute("CREATE INDEX articles_unread ON articles(read, published DESC)")
    db.execute("CREATE INDEX articles_starred ON articles(starred) WHERE starred = 1")
    db.execute("CREATE INDEX articles_url ON articles(url)")


@migration
def m002_articles_fts(db: sqlite_utils.Database) -> None:
    # External-content FTS5 table kept in sync by triggers. The update trigger fires only
    # when title or text change, so marking thousands of articles read stays cheap.
    for sql in (
        """CREATE VIRTUAL TABLE articles_fts USING fts5(
             title, text, content='articles', content_rowid='id',
             tokenize='porter unicode61 remove_diacritics 2')""",
        """CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
             INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
           END""",
        """CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
             INSERT INTO articles_fts (articles_fts, rowid, title, text)
               VALUES ('delete', old.id, old.title, old.text);
           END""",
        """CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
             INSERT INTO articles_fts (articles_fts, rowid, title, text)
               VALUES ('delete', old.id, old.title, old.text);
             INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
           END""",
    ):
        db.execute(sql)


@migration
def m003_entities(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,          -- canonical key, e.g. "place:united states"
            name TEXT NOT NULL,                -- display name
            label TEXT NOT NULL                -- person/org/place/group/event/work/other
        )
        """
    )
    db.execute(
        """
        CREATE TABLE mentions (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            PRIMARY KEY (article_id, start)
        ) WITHOUT ROWID
        """
    )
    db.execute(
        """
        CREATE TABLE article_entities (
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            count INTEGER NOT NULL,
            PRIMARY KEY (entity_id, article_id)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX article_entities_article ON article_entities(article_id)")


@migration
def m004_related_terms(db: sqlite_utils.Database) -> None:
    # Term data per article (JSON from reader.related.terms_for) and document frequencies kept
    # by triggers, so "related stories" never counts over the whole cache. term_df keys: a
    # term, "@" + an entity key, and "" for the number of articles with term data.
    for sql in (
        """CREATE TABLE article_terms (
             article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
             data TEXT NOT NULL
           )""",
        "CREATE TABLE term_df (key TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID",
        """CREATE TRIGGER article_terms_ai AFTER INSERT ON article_terms BEGIN
             INSERT INTO term_df (key, df)
               SELECT key, 1 FROM json_each(new.data, '$.t') WHERE true
               ON CONFLICT (key) DO UPDATE SET df = df + 1;
             INSERT INTO term_df (key, df)
               SELECT '@' || key, 1 FROM json_each(new.data, '$.e') WHERE true
               ON CONFLICT (key) DO UPDATE SET df = df + 1;
             INSERT INTO term_df (key, df) VALUES ('', 1)
               ON CONFLICT (key) DO UPDATE SET df = df + 1;
           END""",
        """CREATE TRIGGER article_terms_ad AFTER DELETE ON article_terms BEGIN
             UPDATE term_df SET df = df - 1 WHERE key IN (
               SELECT key FROM json_each(old.data, '$.t')
               UNION ALL SELECT '@' || key FROM json_each(old.data, '$.e')
               UNION ALL SELECT '');
           END""",
    ):
        db.execute(sql)


@migration
def m005_list_indexes(db: sqlite_utils.Database) -> None:
    # Covering indexes for the app on big caches: unread counts per feed without reading the
    # table (list_feeds), and the Unread view's pages in order.
    db.execute("CREATE INDEX articles_feed_read ON articles(feed_id, read)")
    db.execute("CREATE INDEX articles_read_published ON articles(read, published DESC, id DESC)")


@migration
def m006_fts_automerge(db: sqlite_utils.Database) -> None:
    # Each refreshed feed writes one small index segment; merging them 16 at a time instead of
    # FTS5's default 4 rewrites the index less often: storing 10,000 articles costs ~13% less
    # CPU (benchmarks/store_bench.py) and searches measured no slower.
    db.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 16)")


@migration
def m007_fts_bulk_insert(db: sqlite_utils.Database) -> None:
    # Rows stored by IngestSQL (the only writer that sets content_hash) are indexed by it, a
    # feed's new rows at once after they are inserted, in the same transaction: ~30% less CPU
    # storing a feed than one FTS insert per row from the trigger (store_bench). Any other
    # insert is still indexed by the trigger. Updates and deletes keep their triggers.
    db.execute("DROP TRIGGER articles_ai")
    db.execute(
        """CREATE TRIGGER articles_ai AFTER INSERT ON articles WHEN new.content_hash IS NULL
           BEGIN
             INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
           END"""
    )


@migration
def m008_drop_redundant_unread_index(db: sqlite_utils.Database) -> None:
    # articles_unread (read, published DESC) is a prefix of articles_read_published (m005),
    # which the planner picks for every query that could use either; keeping both cost ~6% of
    # the CPU of storing a new article (store_bench) and of every read-flag change.
    db.execute("DROP INDEX IF EXISTS articles_unread")


def apply(db: sqlite_utils.Database) -> list[str]:
    """Apply the migrations not yet applied; return their names."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)"
    )
    done = {row[0] for row in db.execute("SELECT name FROM _migrations").fetchall()}
    if all(name in done for name, _ in MIGRATIONS):
        return []
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            fn(db)
            db.execute(
                "INSERT INTO _migrations (name, applied) VALUES (?, ?)",
                [name, datetime.now(UTC).isoformat()],
            )
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        applied.append(name)
    return applied
