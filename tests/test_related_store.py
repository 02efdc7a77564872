"""Related data written at refresh time (save_enrichment), df kept by triggers, the service."""

from __future__ import annotations

import json

import pytest

from reader.errors import NotFound
from reader.models import Block, EntitySpan, ParsedEntry
from reader.related import terms_for
from reader.services.related import related_for

STORIES = {
    "quake-a": (
        "Earthquake strikes northern Chile",
        "A magnitude 7.6 earthquake struck near Iquique in northern Chile, damaging homes. "
        "Officials in Iquique ordered a tsunami evacuation.",
    ),
    "quake-b": (
        "Iquique quake: tsunami warning lifted",
        "Chile lifted the tsunami warning after the 7.6 magnitude earthquake near Iquique; "
        "damaged homes were reported.",
    ),
    "vote": (
        "Chile votes in presidential election",
        "Voters in Chile chose a new president; Michelle Bachelet led the count in Santiago.",
    ),
    "cup": ("Barcelona wins the cup", "Lionel Messi scored twice as Barcelona beat Sevilla."),
}


def _spans(text: str) -> list[EntitySpan]:
    out = []
    for name, label in (("Iquique", "place"), ("Chile", "place"), ("Michelle Bachelet", "person")):
        start = text.find(name)
        if start >= 0:
            out.append(
                EntitySpan(name, label, start, start + len(name), f"{label}:{name.lower()}", name)
            )
    return out


def _load(store, feeds: dict[str, list[str]]) -> dict[str, int]:
    """Store entries like refresh does: upsert, then save_enrichment with terms_for data."""
    ids = {}
    for feed_name, keys in feeds.items():
        feed = store.add_feed(f"https://{feed_name}.example/rss", title=feed_name)
        entries = [
            ParsedEntry(
                guid=k,
                url=f"https://{feed_name}.example/{k}",
                title=STORIES[k][0],
                content_blocks=(Block("paragraph", STORIES[k][1]),),
            )
            for k in keys
        ]
        result = store.upsert_entries(feed.id, entries)
        for key, article_id in zip(keys, result.new_ids, strict=True):
            title, text = STORIES[key]
            spans = _spans(text)
            store.save_enrichment(
                article_id, spans=spans, terms=terms_for(title, text, spans), version=1
            )
            ids[f"{feed_name}/{key}"] = article_id
    return ids


def _df(store, key: str) -> int:
    row = store.db.execute("SELECT df FROM term_df WHERE key = ?", [key]).fetchone()
    return row[0] if row else 0


def test_save_enrichment_writes_terms_and_document_frequencies(store) -> None:
    ids = _load(store, {"alpha": ["quake-a", "vote"], "beta": ["quake-b"]})
    data = store.db.execute(
        "SELECT data FROM article_terms WHERE article_id = ?", [ids["alpha/quake-a"]]
    ).fetchone()[0]
    assert json.loads(data)["t"]["earthquake"] >= 2
    assert _df(store, "") == 3
    assert _df(store, "chile") == 3
    assert _df(store, "iquique") == 2
    assert _df(store, "@place:iquique") == 2


def test_reanalysis_replaces_counts_and_delete_takes_them_out(store) -> None:
    ids = _load(store, {"alpha": ["quake-a", "vote"]})
    article = ids["alpha/quake-a"]
    # Analysed again (e.g. a newer tagger): the counts must not be doubled.
    title, text = STORIES["quake-a"]
    store.save_enrichment(article, terms=terms_for(title, text, []), version=2)
    assert _df(store, "") == 2 and _df(store, "iquique") == 1
    assert _df(store, "@place:iquique") == 0
    # Analysis without term data removes the article's counts.
    store.save_enrichment(article, terms=None, version=3)
    assert _df(store, "") == 1 and _df(store, "iquique") == 0
    # Deleting an article (cascade) takes its counts out too.
    store.db.execute("DELETE FROM articles WHERE id = ?", [ids["alpha/vote"]])
    assert _df(store, "") == 0 and _df(store, "bachelet") == 0


def test_write_terms_does_not_commit(store) -> None:
    ids = _load(store, {"alpha": ["quake-a"]})
    store.db.execute("BEGIN")
    store._write_terms(ids["alpha/quake-a"], None)
    store.db.execute("ROLLBACK")
    assert _df(store, "") == 1


def test_related_for_ranks_same_event_first(store) -> None:
    ids = _load(store, {"alpha": ["quake-a", "vote", "cup"], "beta": ["quake-b"]})
    stories = related_for(store, ids["alpha/quake-a"])
    assert stories[0].id == ids["beta/quake-b"]
    assert stories[0].feed == "beta"
    assert "Iquique" in stories[0].shared_entities
    assert ids["alpha/quake-a"] not in [s.id for s in stories]
    ranked = [s.id for s in stories]
    if ids["alpha/vote"] in ranked:
        assert ranked.index(ids["alpha/vote"]) > 0


def test_related_for_groups_the_same_story_in_other_feeds(store) -> None:
    ids = _load(
        store,
        {
            "alpha": ["quake-a", "vote"],
            "beta": ["quake-b"],
            "gamma": ["quake-b"],
            "delta": ["quake-b"],
        },
    )
    stories = related_for(store, ids["alpha/quake-a"])
    first = stories[0]
    copies = {ids["beta/quake-b"], ids["gamma/quake-b"], ids["delta/quake-b"]}
    assert {first.id, *first.duplicate_ids} == copies
    assert sorted([first.feed, *first.also_in]) == ["beta", "delta", "gamma"]
    assert not copies & {s.id for s in stories[1:]}


def test_related_for_unanalysed_and_unknown(store) -> None:
    feed = store.add_feed("https://x.example/rss")
    result = store.upsert_entries(feed.id, [ParsedEntry(guid="g", title="Lonely")])
    assert related_for(store, result.new_ids[0]) == []
    with pytest.raises(NotFound):
        related_for(store, 999_999)
