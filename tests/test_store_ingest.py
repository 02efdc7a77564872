"""Storing entries (upsert_entries) and pages (save_enrichment): the feed's text is kept once."""

from __future__ import annotations

from reader.models import Block, CleanArticle, ParsedEntry

_MANY = 1007


def _entry(guid: str, *paras: str, summary: str = "") -> ParsedEntry:
    return ParsedEntry(
        guid=guid,
        url=f"http://example.test/{guid}",
        title=f"Title {guid}",
        summary=summary,
        content_blocks=tuple(Block("paragraph", p) for p in paras),
    )


def _raw(store, article_id: int) -> dict:
    cursor = store.db.execute(
        "SELECT content, text, text_source FROM articles WHERE id = ?", [article_id]
    )
    return dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))


def _page(text: str) -> CleanArticle:
    return CleanArticle(title="Page", text=text, blocks=(Block("paragraph", text),))


def test_new_ids_follow_entries_and_skip_repeats(store):
    feed = store.add_feed("http://example.test/feed")
    entries = [_entry("b", "B"), _entry("a", "A"), _entry("b", "again"), _entry("c", "C")]
    result = store.upsert_entries(feed.id, entries)
    assert [store.get_article(i).guid for i in result.new_ids] == ["b", "a", "c"]
    assert store.get_article(result.new_ids[0]).text == "B"
    assert result.updated_ids == ()


def test_many_new_entries_in_one_call(store):
    feed = store.add_feed("http://example.test/feed")
    entries = [_entry(f"g{i}", f"Body {i}") for i in range(_MANY)]
    result = store.upsert_entries(feed.id, entries)
    assert len(result.new_ids) == len(entries)
    assert len(set(result.new_ids)) == len(entries)
    for i in (0, 500, len(entries) - 1):
        article = store.get_article(result.new_ids[i])
        assert (article.guid, article.text) == (f"g{i}", f"Body {i}")
    # Entries of another feed with the same guids are new there, with their own ids.
    other = store.add_feed("http://example.test/other")
    again = store.upsert_entries(other.id, entries[:3])
    assert len(again.new_ids) == 3 and not set(again.new_ids) & set(result.new_ids)


def test_feed_text_stored_once_but_content_reads_it(store):
    feed = store.add_feed("http://example.test/feed")
    (article_id,) = store.upsert_entries(feed.id, [_entry("x", "One.", "Two.")]).new_ids
    assert _raw(store, article_id) == {"content": "", "text": "One.\n\nTwo.", "text_source": "feed"}
    article = store.get_article(article_id)
    assert article.content == article.text == article.body == "One.\n\nTwo."
    # A summary-only entry has no feed content.
    (summary_id,) = store.upsert_entries(feed.id, [_entry("s", summary="Short.")]).new_ids
    article = store.get_article(summary_id)
    assert (article.content, article.text, article.text_source) == ("", "Short.", "summary")


def test_page_moves_feed_text_into_content(store):
    feed = store.add_feed("http://example.test/feed")
    (article_id,) = store.upsert_entries(feed.id, [_entry("x", "Feed text.")]).new_ids
    store.save_enrichment(article_id, page=_page("Page text."), page_state="done")
    assert _raw(store, article_id) == {
        "content": "Feed text.",
        "text": "Page text.",
        "text_source": "page",
    }
    assert store.get_article(article_id).content == "Feed text."
    # A second page keeps the feed's text in content.
    store.save_enrichment(article_id, page=_page("Newer page."), page_state="done")
    assert _raw(store, article_id)["content"] == "Feed text."
    # Enrichment without a page leaves everything alone.
    store.save_enrichment(article_id, page_state="done")
    assert _raw(store, article_id)["text"] == "Newer page."


def test_page_over_summary_keeps_content_empty(store):
    feed = store.add_feed("http://example.test/feed")
    (article_id,) = store.upsert_entries(feed.id, [_entry("s", summary="Short.")]).new_ids
    store.save_enrichment(article_id, page=_page("Page text."), page_state="done")
    article = store.get_article(article_id)
    assert (article.content, article.text, article.summary) == ("", "Page text.", "Short.")


def test_updated_entry_with_page_keeps_page_and_new_feed_text(store):
    feed = store.add_feed("http://example.test/feed")
    (article_id,) = store.upsert_entries(feed.id, [_entry("x", "Old feed.")]).new_ids
    store.save_enrichment(article_id, page=_page("Page text."), page_state="done")
    result = store.upsert_entries(feed.id, [_entry("x", "New feed.")])
    assert result.updated_ids == (article_id,) and result.new_ids == ()
    assert _raw(store, article_id) == {
        "content": "New feed.",
        "text": "Page text.",
        "text_source": "page",
    }


def test_updated_entry_without_page_replaces_text(store):
    feed = store.add_feed("http://example.test/feed")
    (article_id,) = store.upsert_entries(feed.id, [_entry("x", "Old feed.")]).new_ids
    store.set_read([article_id], True)
    store.set_starred(article_id, True)
    result = store.upsert_entries(feed.id, [_entry("x", "New feed.")])
    assert result.updated_ids == (article_id,)
    assert _raw(store, article_id) == {"content": "", "text": "New feed.", "text_source": "feed"}
    article = store.get_article(article_id)
    assert article.content == article.text == "New feed."
    assert article.read and article.starred
    # The full-text index follows the new text.
    hits = store.db.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'new'"
    ).fetchall()
    assert hits == [(article_id,)]
    # Unchanged entries are neither new nor updated.
    assert store.upsert_entries(feed.id, [_entry("x", "New feed.")]).updated_ids == ()


def test_fts_merges_segments_sixteen_at_a_time(store):
    """The FTS5 setting is kept in the index's own config table (migration m006)."""
    row = store.db.execute("SELECT v FROM articles_fts_config WHERE k = 'automerge'").fetchone()
    assert row == (16,)


def _fts(store, query: str) -> list[int]:
    rows = store.db.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid", [query]
    ).fetchall()
    return [r[0] for r in rows]


def test_stored_entries_are_indexed_once_in_bulk(store):
    """New rows are indexed by store_feed, not the insert trigger (m007): each exactly once,
    titles and texts, and the index stays consistent through updates and deletes."""
    feed = store.add_feed("http://example.test/feed")
    entries = [_entry(f"g{i}", f"Walrus number {i}.", "Second paragraph.") for i in range(60)]
    ids = store.upsert_entries(feed.id, entries).new_ids
    assert _fts(store, "walrus") == list(ids)
    assert _fts(store, '"title g7"') == [ids[7]]
    count = store.db.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0]
    assert count == 60
    store.upsert_entries(feed.id, [_entry("g0", "Penguin now.")])
    assert _fts(store, "penguin") == [ids[0]] and ids[0] not in _fts(store, "walrus")
    store.db.execute("DELETE FROM articles WHERE id = ?", [ids[1]])
    assert ids[1] not in _fts(store, "walrus")
    store.db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")


def test_store_feed_records_the_outcome_with_the_entries(store):
    feed = store.add_feed("http://example.test/feed")
    outcome = {"etag": '"v1"', "last_error": None, "error_count": 0}
    result, status, note = store.store_feed(
        feed.id, [_entry("a", "Text.")], outcome=outcome, skip_pages=True
    )
    assert status == "new" and note is None and len(result.new_ids) == 1
    row = store.db.execute("SELECT etag, last_status FROM feeds WHERE id = ?", [feed.id]).fetchone()
    assert row == ('"v1"', "new")
    state = store.db.execute(
        "SELECT page_state FROM articles WHERE id = ?", [result.new_ids[0]]
    ).fetchone()
    assert state == ("skipped",)
    _, status, _ = store.store_feed(feed.id, [_entry("a", "Text.")], outcome=outcome)
    assert status == "unchanged"
