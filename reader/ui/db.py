"""The app's door to the cache: store calls run on dedicated DB threads, never the event loop.

A sqlite3 connection belongs to the thread that opened it, so each lane is one thread with its
own Store. Workers ``await lane.call(fn, ...)``; ``fn(store, ...)`` runs on the lane's thread.
Two lanes keep a slow query (related stories) from delaying list paging.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: A prefetched result older than this is not used (it may be out of date).
PREFETCH_TTL = 5.0


class DbLane:
    """One thread, one Store, calls in order."""

    def __init__(self, path: Path, name: str = "reader-db") -> None:
        self.path = path
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._store: Any = None
        self._prefetched: dict[tuple, tuple[float, Future]] = {}

    def _get(self):
        if self._store is None:
            from reader.store import Store

            self._store = Store.open(self.path)
        return self._store

    def _run(self, fn: Callable[..., T], args: tuple) -> T:
        return fn(self._get(), *args)

    def prefetch(self, fn: Callable[..., Any], *args: Any) -> None:
        """Start ``fn(store, *args)`` now; the next ``call`` with the same function and
        arguments (within PREFETCH_TTL) gets its result.

        The app prefetches its first screen's data before it imports Textual: SQLite does
        its work without the GIL, on the other core, while the imports run.
        """
        self._prefetched[(fn, args)] = (time.monotonic(), self._pool.submit(self._run, fn, args))

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(store, *args)`` on this lane's thread and return its result."""
        started, future = self._prefetched.pop((fn, args), (0.0, None))
        if future is not None and time.monotonic() - started < PREFETCH_TTL:
            return await asyncio.wrap_future(future)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self._run, fn, args)

    def _close_store(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def close(self) -> None:
        """Close the Store on its own thread, then stop the thread."""
        try:
            self._pool.submit(self._close_store).result(timeout=5)
        except Exception:  # noqa: BLE001 - closing is best effort at exit
            pass
        self._pool.shutdown(wait=False)


class Db:
    """The lanes the app uses: ``main`` for lists and articles, ``slow`` for related stories."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.main = DbLane(path, "reader-db")
        self.slow = DbLane(path, "reader-db-slow")

    def close(self) -> None:
        self.main.close()
        self.slow.close()


def open_db(path: Path) -> Db:
    """The app's lanes, already reading what the first screen shows (the views' counts and
    the feeds, the first page of All): called before Textual is imported."""
    from reader.store.articles_sql import View
    from reader.ui.screens.main_data import load_feeds
    from reader.ui.sources import PAGE, count_view, page_of_view

    db = Db(path)
    first = View("all")
    db.main.prefetch(count_view, first)
    db.main.prefetch(page_of_view, first, 0, PAGE)
    db.main.prefetch(load_feeds)
    return db
