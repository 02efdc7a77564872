"""Where the article list gets its rows: pages of a view from the cache, on a DB lane.

Search results are a view too (kind "search"): the store's search runs once per query and the
list pages through the result in memory.
"""

from __future__ import annotations

from reader.models import ArticleSummary
from reader.store.articles_sql import View
from reader.ui.db import DbLane

SEARCH_LIMIT = 500
#: Rows loaded at a time by the article list.
PAGE = 100


def count_view(store, view: View) -> int:
    return store.count_articles(view)


def page_of_view(store, view: View, offset: int, limit: int) -> list[ArticleSummary]:
    return store.list_articles(view, limit=limit, offset=offset)


class ListSource:
    """Counts and pages of views, fetched on ``lane``'s thread."""

    def __init__(self, lane: DbLane) -> None:
        self.lane = lane
        self._search: tuple[str, list[ArticleSummary]] | None = None

    async def _search_rows(self, query: str) -> list[ArticleSummary]:
        if self._search is None or self._search[0] != query:
            rows = await self.lane.call(lambda store: store.search(query, limit=SEARCH_LIMIT))
            self._search = (query, rows)
        return self._search[1]

    def forget_search(self) -> None:
        self._search = None

    async def count(self, view: View) -> int:
        if view.kind == "search":
            return len(await self._search_rows(str(view.value)))
        return await self.lane.call(count_view, view)

    async def page(self, view: View, offset: int, limit: int) -> list[ArticleSummary]:
        if view.kind == "search":
            return (await self._search_rows(str(view.value)))[offset : offset + limit]
        return await self.lane.call(page_of_view, view, offset, limit)
