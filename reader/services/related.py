"""Use case: the related stories of one article, from data stored at refresh time.

Two stages: the store finds candidates with indexed queries (FTS5 bm25 on the article's most
distinctive terms and entity names, articles sharing its rarest entities), then
``reader.related`` reranks them with the stored term statistics. Nothing is analysed here.
"""

from __future__ import annotations

import dataclasses
import re

from reader import related
from reader.models import RelatedStory
from reader.store.convert import from_iso

#: How many FTS and entity candidates are reranked.
FTS_CANDIDATES = 40
ENTITY_CANDIDATES = 20


def _doc(row: dict) -> related.Doc:
    return related.Doc.from_terms(
        row["id"],
        row["data"],
        published=from_iso(row["published"]),
        title=row["title"] or "",
        url=row["url"] or "",
        feed=row["feed"] or "",
    )


def candidates_for(store, article_id: int) -> tuple[related.Doc, list[related.Doc], related.Stats]:
    """The open article, its candidates and the statistics to rank them (stage one)."""
    query = _doc(store.related_row(article_id))
    if not query.terms:
        return query, [], related.Stats({}, 0)  # not analysed yet: the next refresh does it
    df, n_docs = store.document_frequencies(query.df_keys())
    stats = related.Stats(df, n_docs)
    terms = related.search_terms(query, stats)
    entity_keys = related.rare_entities(query, stats)
    phrases = related.search_phrases(query, stats, entity_keys)
    ids = store.related_candidates(
        article_id,
        terms=terms,
        phrases=phrases,
        entity_keys=entity_keys,
        recent_terms=related.common_terms(query, stats, terms),
        limit=FTS_CANDIDATES,
        entity_limit=ENTITY_CANDIDATES,
    )
    docs = [_doc(row) for row in store.related_rows(ids)]
    missing = {k for d in docs for k in d.df_keys()} - df.keys()
    if missing:
        more, _ = store.document_frequencies(sorted(missing))
        df.update(more)
    return query, docs, stats


def related_for(store, article_id: int, limit: int = 10) -> list[RelatedStory]:
    """The article's related stories, best first (raises NotFound for an unknown id)."""
    query, docs, stats = candidates_for(store, article_id)
    results = related.related(query, docs, stats, limit=limit)
    if any(r.shared_terms for r in results):
        text = store.get_article(article_id).body
        results = [
            dataclasses.replace(r, shared_terms=surface_terms(r.shared_terms, text))
            for r in results
        ]
    return results


def surface_terms(terms: tuple[str, ...], text: str) -> tuple[str, ...]:
    """Show stemmed terms as a word the article actually uses ("baye" -> "Bayes")."""
    out = []
    for term in terms:
        match = re.search(rf"\b{re.escape(term)}\w*", text, re.IGNORECASE)
        word = match.group(0) if match else term
        if word.lower() not in (w.lower() for w in out):
            out.append(word)
    return tuple(out)
