"""Use cases around entities: (re-)tagging cached articles, an article's entities, tagging
plain text. Synchronous; CPU-heavy (run it in a worker process or thread, never the UI's).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from reader.models import EntityCount, EntitySpan

if TYPE_CHECKING:
    from reader.store import Store


def retag_articles(
    store: Store, ids: Sequence[int] | None = None, *, batch: int = 32, limit: int | None = None
) -> int:
    """Tag the given articles (default: every article whose stored analysis is older or came
    from the fallback) with the current backend, storing mentions and the analysis version.
    Returns how many articles were tagged."""
    from reader import entities

    version = entities.version()
    if ids is None:
        ids = store.entities_needing_retag(version, limit=limit)
    done = 0
    for i in range(0, len(ids), batch):
        rows = store.article_texts(ids[i : i + batch])
        tagged = entities.tag_many(
            [text for _, text, _ in rows], publishers=[feed for _, _, feed in rows]
        )
        done += store.save_mentions(
            [(article_id, spans) for (article_id, _, _), spans in zip(rows, tagged, strict=True)],
            version,
        )
    return done


def ensure_tagged(store: Store, article_id: int) -> bool:
    """Tag one article now if its stored analysis is older than the backend's; True if so."""
    from reader import entities

    if store.article_version(article_id) >= entities.version():
        return False
    return retag_articles(store, [article_id]) > 0


def article_entities(store: Store, article_id: int) -> tuple[list[EntityCount], list[EntitySpan]]:
    """The article's entities with mention counts, and its mentions (tagging it if needed)."""
    ensure_tagged(store, article_id)
    return store.entity_counts(article_id), store.article_entities(article_id)


def tag_texts(named: Sequence[tuple[str, str]]) -> Iterator[tuple[str, list[EntitySpan]]]:
    """(source, spans) for (source, text) pairs, tagged as they are, in batches."""
    from reader import entities

    for i in range(0, len(named), 32):
        chunk = named[i : i + 32]
        yield from zip(
            (source for source, _ in chunk),
            entities.tag_many([text for _, text in chunk]),
            strict=True,
        )
