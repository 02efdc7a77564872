"""The CPU-bound half of a refresh, run in worker processes (spawn/forkserver safe).

Only top-level functions with picklable arguments and results. Heavy modules (feedparser,
readability, spaCy) are imported on first use, so each worker loads the entity model once.
Every function returns its own CPU time per stage, so the refresh can report where time went.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.util
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reader.models import CleanArticle

#: Shared by the workers of one pool: taken around each feed's write transaction, so a worker
#: waiting for the other's transaction wakes the moment it ends (SQLite's busy handler polls
#: with sleeps of up to 100 ms). Only a hint: SQLite's own locking keeps writes correct.
_write_lock = None
#: A worker that died holding the lock must not stop the others for longer than this.
WRITE_LOCK_TIMEOUT = 5.0


def init_worker(parent_pid: int | None = None, write_lock=None) -> None:
    """Pool initializer: lower the priority, watch the parent, import the parsing modules.

    Workers run at a lower priority so the main process (network and the single SQLite
    writer, the pipeline's critical path) and the app's UI win when the CPU is scarce.
    When the refresh process dies (kill -9), its workers would otherwise live on, idle,
    holding the entity model: a watchdog thread ends the worker once its parent is gone.
    """
    import os

    global _write_lock
    _write_lock = write_lock
    try:
        os.nice(5)
    except (AttributeError, OSError):
        pass
    if parent_pid is not None:
        import threading

        threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()
    import reader.feeds  # noqa: F401


def _watch_parent(parent_pid: int) -> None:
    import os

    while True:
        time.sleep(0.5)
        if os.getppid() != parent_pid:
            os._exit(0)


@dataclass(frozen=True)
class FeedStored:
    """What a worker did with one fetched feed (small: the entries stay in the worker)."""

    error: str | None = None  # nothing usable in the feed: not stored, the caller records it
    title: str = ""
    status: str = ""  # new / updated / unchanged
    new_ids: tuple[int, ...] = ()
    updated_ids: tuple[int, ...] = ()
    note: str | None = None
    warning: str | None = None


# Each worker (process, or the thread of an in-process pool) writes over its own connection.
_stores: dict[tuple[int, str], object] = {}
_stores_lock = threading.Lock()


def _store_for(db_path: str):
    from reader.store import Store

    key = (threading.get_ident(), db_path)
    store = _stores.get(key)
    if store is None:
        store = Store.open(db_path)
        # The refresh process checkpoints the WAL, outside the workers' shared write lock.
        store.defer_checkpoints()
        with _stores_lock:
            _stores[key] = store
        if multiprocessing.parent_process() is not None:
            # Pool workers leave through os._exit: close the connection on the way out.
            multiprocessing.util.Finalize(None, store.close, exitpriority=10)
    return store


def close_stores() -> None:
    """Close this thread's connections (the in-process pool's thread, at the end of a run)."""
    me = threading.get_ident()
    with _stores_lock:
        mine = [key for key in _stores if key[0] == me]
        stores = [_stores.pop(key) for key in mine]
    for store in stores:
        store.close()  # type: ignore[attr-defined]


class _Waited:
    """The pool's write lock as a context manager that measures the wait."""

    def __init__(self, lock) -> None:
        self.lock = lock
        self.locked = False
        self.seconds = 0.0

    def __enter__(self) -> None:
        if self.lock is not None:
            t = time.perf_counter()
            self.locked = self.lock.acquire(timeout=WRITE_LOCK_TIMEOUT)
            self.seconds = time.perf_counter() - t

    def __exit__(self, *exc: object) -> None:
        if self.locked:
            self.lock.release()
            self.locked = False


def store_feed_job(
    db_path: str,
    feed_id: int,
    content: bytes,
    url: str,
    headers: dict[str, str],
    fetched: datetime,
    outcome: dict[str, Any],
    skip_pages: bool,
) -> tuple[FeedStored, dict[str, float]]:
    """Parse one feed and store it (entries and outcome, one transaction) from this worker.

    The parsed entries never travel back to the refresh process: its single thread was the
    pipeline's critical path (network, pickling, and every write), now it only fetches.
    """
    from reader.feeds import parse_feed

    t = time.process_time()
    parsed = parse_feed(content, url, headers)
    times = {"parse": time.process_time() - t}
    if parsed.error:
        return FeedStored(error=parsed.error), times
    outcome = dict(outcome)
    if parsed.title:
        outcome["title"] = parsed.title
    if parsed.site_url:
        outcome["site_url"] = parsed.site_url
    store = _store_for(db_path)
    t, c = time.perf_counter(), time.thread_time()
    waited = _Waited(_write_lock)
    ingest, status, note = store.store_feed(  # type: ignore[attr-defined]
        feed_id, parsed.entries, fetched, outcome, skip_pages=skip_pages, write_lock=waited
    )
    times["index"] = time.perf_counter() - t
    times["index_cpu"] = time.thread_time() - c
    times["write_wait"] = waited.seconds
    stored = FeedStored(
        None, parsed.title, status, ingest.new_ids, ingest.updated_ids, note, parsed.warning
    )
    return stored, times


@dataclass(frozen=True)
class Enriched:
    """What the worker made of one article."""

    article_id: int
    page: CleanArticle | None  # the cleaned page when it is used as the article's text
    page_state: str | None  # done / failed / skipped / None (unchanged)
    analysis: object  # reader.services.analysis.Analysis
    note: str | None = None


#: A page whose text is shorter than this share of the feed's own text is treated as a
#: failed extraction (readability picked a wrong block): the feed text is kept.
MIN_PAGE_SHARE = 0.6


def enrich_job(jobs: list[dict]) -> tuple[list[Enriched], dict[str, float]]:
    """Clean fetched pages (if any) and analyse the chosen texts, for a batch of articles.

    Each job: id, title, text (the feed text), feed_title, and optionally page (bytes),
    page_url, charset, page_error, page_state (what to record when no page was fetched).
    """
    times = {"clean": 0.0, "entities": 0.0}
    chosen: list[tuple[dict, CleanArticle | None, str | None, str | None]] = []
    for job in jobs:
        page_bytes = job.get("page")
        if page_bytes is None:
            chosen.append((job, None, job.get("page_state"), job.get("page_error")))
            continue
        t = time.process_time()
        page, state, note = _clean(job, page_bytes)
        times["clean"] += time.process_time() - t
        chosen.append((job, page, state, note))
    from reader.services.analysis import analyse_many

    t = time.process_time()
    items = [
        (page.title or job["title"], page.text) if page else (job["title"], job["text"])
        for job, page, _, _ in chosen
    ]
    analyses = analyse_many(items, [job.get("feed_title") for job, _, _, _ in chosen])
    times["entities"] += time.process_time() - t
    out = [
        Enriched(job["id"], page, state, analysis, note)
        for (job, page, state, note), analysis in zip(chosen, analyses, strict=True)
    ]
    return out, times


def _clean(job: dict, page_bytes: bytes) -> tuple[CleanArticle | None, str, str | None]:
    try:
        from reader.extract import clean_html

        page = clean_html(
            page_bytes,
            job.get("page_url") or None,
            feed_title=job.get("feed_title") or None,
            encoding=job.get("charset"),
        )
    except Exception as exc:  # noqa: BLE001 - a hostile page must not stop the batch
        return None, "failed", f"cannot clean the page: {type(exc).__name__}"[:200]
    feed_text = job.get("text") or ""
    if not page.text.strip():
        return None, "failed", "no article text found on the page"
    if len(page.text) < MIN_PAGE_SHARE * len(feed_text):
        # Extraction clearly failed: the feed carries more of the story than the page gave.
        return None, "done", "page text shorter than the feed's; feed text kept"
    return page, "done", None
