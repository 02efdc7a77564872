"""The app's door to the cache: store calls run on dedicated DB threads, never the event loop.

A sqlite3 connection belongs to the thread that opened it, so each lane is one thread with its
own Store. Workers ``await lane.call(fn, ...)``; ``fn(store, ...)`` runs on the lane's thread.
Two lanes keep a slow query (related stories) from delaying list paging.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class DbLane:
    """One thread, one Store, calls in order."""

    def __init__(self, path: Path, name: str = "reader-db") -> None:
        self.path = path
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._store: Any = None

    def _get(self):
        if self._store is None:
            from reader.store import Store

            self._store = Store.open(self.path)
        return self._store

    def _run(self, fn: Callable[..., T], args: tuple) -> T:
        return fn(self._get(), *args)

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(store, *args)`` on this lane's thread and return its result."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self._run, fn, args)

    def call_sync(self, fn: Callable[..., T], *args: Any) -> T:
        """Run on the lane's thread and wait (for start-up before the loop runs)."""
        return self._pool.submit(self._run, fn, args).result()

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
