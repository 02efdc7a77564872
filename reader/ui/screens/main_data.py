"""Store calls the main screen makes (each runs on a DB lane's thread, never the event loop)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from reader.models import Article, EntityCount, EntitySpan, Feed, RelatedStory
from reader.store.articles_sql import View

log = logging.getLogger(__name__)


@dataclass
class FeedsData:
    feeds: list[Feed]
    counts: dict[str, int]


@dataclass
class ArticleData:
    article: Article
    spans: list[EntitySpan]
    counts: list[EntityCount] | None  # None: reading the entities failed (logged)
    was_unread: bool


def load_feeds(store) -> FeedsData:
    feeds = store.list_feeds()
    counts = {
        "all": sum(f.articles for f in feeds),
        "unread": sum(f.unread for f in feeds),
        "starred": store.count_articles(View("starred")),
        "today": store.count_articles(View("today"), unread_only=True),
    }
    return FeedsData(feeds, counts)


def load_article(store, article_id: int, mark_read: bool = True) -> ArticleData:
    """The article with its entities; opening it marks it read."""
    article = store.get_article(article_id)
    was_unread = not article.read
    if was_unread and mark_read:
        store.set_read([article_id], True)
    spans: list[EntitySpan] = []
    counts: list[EntityCount] | None = None
    try:
        spans = list(store.article_entities(article_id))
        counts = list(store.entity_counts(article_id))
    except Exception:  # noqa: BLE001 - the article still shows, without highlights
        log.exception("entities failed for article %s", article_id)
    return ArticleData(article, spans, counts, was_unread)


def load_related(store, article_id: int, limit: int = 8) -> list[RelatedStory]:
    """The article's related stories, best first."""
    from reader.services.related import related_for

    return list(related_for(store, article_id, limit))


def set_read(store, ids: list[int], read: bool) -> None:
    store.set_read(ids, read)


def set_starred(store, article_id: int, starred: bool) -> None:
    store.set_starred(article_id, starred)


def mark_view_read(store, view: View, ids: list[int]) -> int:
    if view.kind == "search":
        store.set_read(ids, True)
        return len(ids)
    return store.mark_view_read(view)


def get_feed(store, feed_id: int) -> Feed:
    return store.get_feed(feed_id)
