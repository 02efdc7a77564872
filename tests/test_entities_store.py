"""Storage of mentions and canonical entities, the entity index, re-tagging."""

from __future__ import annotations

from reader.models import EntitySpan
from reader.services import entities as service
from tests.test_entities_support import fallback_backend  # noqa: F401  (fixture)

TEXT = "Vladimir Putin spoke in Moscow.\n\nPutin said the U.S. would answer."


def _article(store, text: str = TEXT, *, guid: str = "a", published: str = "2024-01-01") -> int:
    row = store.db.execute("SELECT id FROM feeds LIMIT 1").fetchone()
    feed_id = row[0] if row else store.add_feed("https://example.org/feed").id
    cursor = store.db.execute(
        "INSERT INTO articles (feed_id, guid, title, text, fetched, published)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [feed_id, guid, f"Story {guid}", text, "2024-01-01T00:00:00Z", published],
    )
    return cursor.lastrowid


def _span(text: str, label: str, key: str, name: str, start: int = 0) -> EntitySpan:
    start = TEXT.index(text, start)
    return EntitySpan(text, label, start, start + len(text), key, name)


SPANS = [
    _span("Vladimir Putin", "person", "person:vladimir putin", "Vladimir Putin"),
    _span("Moscow", "place", "place:moscow", "Moscow"),
    _span("Putin", "person", "person:vladimir putin", "Vladimir Putin", 20),
    _span("U.S.", "place", "place:united states", "United States"),
]


def test_write_and_read_mentions(store):
    article = _article(store)
    with store.db.conn:
        store._write_mentions(article, SPANS)
    assert store.article_entities(article) == SPANS
    counts = store.entity_counts(article)
    assert [(c.key, c.mentions, c.articles) for c in counts] == [
        ("person:vladimir putin", 2, 1),
        ("place:moscow", 1, 1),
        ("place:united states", 1, 1),
    ]
    assert counts[0].name == "Vladimir Putin" and counts[0].label == "person"


def test_write_mentions_does_not_commit(store):
    article = _article(store)
    store.db.conn.commit()
    store.db.execute("BEGIN")
    store._write_mentions(article, SPANS)
    assert store.db.conn.in_transaction
    store.db.execute("ROLLBACK")
    assert store.article_entities(article) == []


def test_rewrite_replaces_and_entities_are_shared(store):
    a = _article(store, guid="a", published="2024-01-01")
    b = _article(store, guid="b", published="2024-02-01")
    store.save_mentions([(a, SPANS), (b, SPANS[:2])], version=2)
    assert store.get_entity("person:vladimir putin").articles == 2
    assert [s.id for s in store.articles_for_entity("person:vladimir putin", 10, 0)] == [b, a]
    assert [s.id for s in store.articles_for_entity("person:vladimir putin", 1, 1)] == [a]
    store.save_mentions([(a, SPANS[1:2])], version=2)
    assert store.article_entities(a) == SPANS[1:2]
    assert store.get_entity("person:vladimir putin").mentions == 1
    assert store.db.execute("SELECT count(*) FROM entities").fetchone()[0] == 3
    assert store.prune_entities() == 1  # the United States is no longer mentioned
    assert [c.key for c in store.top_entities()] == ["place:moscow", "person:vladimir putin"]


def test_search_by_entity(store):
    a = _article(store, guid="a")
    _article(store, "Nothing to see here.", guid="b")
    store.save_mentions([(a, SPANS)], version=2)
    assert [s.id for s in store.search('entity:"Vladimir Putin"')] == [a]
    assert [s.id for s in store.search("entity:moscow")] == [a]
    assert store.search('entity:"Angela Merkel"') == []


def test_retag_uses_versions(store, fallback_backend):  # noqa: F811
    a = _article(store, guid="a")
    b = _article(store, "Angela Merkel visited Berlin.", guid="b")
    v = fallback_backend.version()
    assert sorted(store.entities_needing_retag(v)) == [a, b]
    assert service.retag_articles(store) == 2
    assert store.entities_needing_retag(v) == []
    assert store.article_version(b) == v
    assert [s.text for s in store.article_entities(b)] == ["Angela Merkel", "Berlin"]
    # The model's analysis (a higher version) re-tags fallback-tagged articles ...
    assert sorted(store.entities_needing_retag(fallback_backend.ANALYSIS_VERSION)) == [a, b]
    # ... but the fallback never re-tags what the model tagged.
    store.save_mentions([(a, SPANS)], version=fallback_backend.ANALYSIS_VERSION)
    assert store.entities_needing_retag(v) == []
    assert service.ensure_tagged(store, a) is False
    assert store.article_entities(a) == SPANS
