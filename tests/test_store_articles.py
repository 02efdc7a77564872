"""Store queries for reading: views, flags and search (full text and entity:)."""

from __future__ import annotations

from reader.models import EntitySpan, ParsedEntry
from reader.store import View


def _spans(text: str, name: str, label: str = "person") -> list[EntitySpan]:
    start = text.index(name)
    key = f"{label}:{name.lower()}"
    return [EntitySpan(name, label, start, start + len(name), key, name)]


def test_entity_search_by_full_name_and_surname(store) -> None:
    feed = store.add_feed("http://example.com/feed")
    text = "Vladimir Putin met officials in Moscow."
    result = store.upsert_entries(
        feed.id,
        [ParsedEntry("a", title="Talks", summary=text), ParsedEntry("b", title="Weather")],
    )
    first = result.new_ids[0]
    store.save_enrichment(first, spans=_spans(text, "Vladimir Putin"), version=2)
    assert [a.id for a in store.search('entity:"Vladimir Putin"')] == [first]
    assert [a.id for a in store.search("entity:putin")] == [first]
    assert store.search("entity:medvedev") == []
    assert [a.id for a in store.list_articles(View("entity", "person:vladimir putin"))] == [first]


def test_read_state_survives_an_updated_entry_and_view_counts(store) -> None:
    feed = store.add_feed("http://example.com/feed")
    ids = store.upsert_entries(
        feed.id, [ParsedEntry("a", title="One"), ParsedEntry("b", title="Two")]
    ).new_ids
    store.set_read([ids[0]])
    store.set_starred(ids[1], True)
    updated = store.upsert_entries(feed.id, [ParsedEntry("a", title="One, updated")])
    assert updated.updated_ids == (ids[0],)
    assert store.get_article(ids[0]).read is True
    assert store.count_articles(View("unread")) == 1
    assert [a.id for a in store.list_articles(View("starred"))] == [ids[1]]
    assert store.mark_view_read(View("feed", feed.id)) == 1
    assert store.count_articles(View("unread")) == 0


def test_search_ignores_fts_syntax_in_user_input(store) -> None:
    feed = store.add_feed("http://example.com/feed")
    store.upsert_entries(feed.id, [ParsedEntry("a", title="Storm AND (coast", summary="x")])
    assert len(store.search('storm AND "(coast')) == 1
    assert store.search("NEAR(") == []
