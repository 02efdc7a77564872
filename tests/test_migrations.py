"""Migrations: a blank database gets the full schema; running them twice changes nothing."""

from __future__ import annotations

from pathlib import Path

from reader.store import migrations
from reader.store.db import connect


def _schema(db) -> dict[str, str]:
    rows = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
    ).fetchall()
    return dict(rows)


def test_blank_database_gets_schema(tmp_path: Path) -> None:
    db = connect(tmp_path / "a.db")
    tables = set(db.table_names())
    assert {"feeds", "articles", "articles_fts", "entities", "mentions"} <= tables
    cols = {c.name for c in db["articles"].columns}
    assert {"guid", "published", "text", "text_source", "read", "starred", "read_changed"} <= cols
    feed_cols = {c.name for c in db["feeds"].columns}
    assert {"etag", "last_modified", "last_error", "error_count", "tags"} <= feed_cols
    applied = [r[0] for r in db.execute("SELECT name FROM _migrations").fetchall()]
    assert applied == [name for name, _ in migrations.MIGRATIONS]
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migrations_twice_is_a_no_op(tmp_path: Path) -> None:
    db = connect(tmp_path / "a.db")
    before = _schema(db)
    assert migrations.apply(db) == []
    db.conn.close()
    again = connect(tmp_path / "a.db")
    assert _schema(again) == before


def test_fts_follows_articles(tmp_path: Path) -> None:
    db = connect(tmp_path / "a.db")
    db.execute("INSERT INTO feeds (url, url_key, added) VALUES ('u', 'u', 'now')")
    db.execute(
        "INSERT INTO articles (feed_id, guid, title, text, fetched) "
        "VALUES (1, 'g', 'Storm hits coast', 'Heavy rain', 'now')"
    )
    hit = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
    assert db.execute(hit, ["storm"]).fetchall() == [(1,)]
    db.execute("UPDATE articles SET title = 'Calm day' WHERE id = 1")
    assert db.execute(hit, ["storm"]).fetchall() == []
    db.execute("DELETE FROM articles")
    assert db.execute(hit, ["calm"]).fetchall() == []
