"""Refresh: fetch feeds (and new stories' pages), parse, clean, analyse and store them.

Shape of a run (one process, safe to run in a subprocess of the app):

- the event loop does all network I/O (httpx.AsyncClient, keep-alive, ``concurrency`` feeds
  at once, at most ``per_host`` requests per host);
- a process pool (``workers`` processes, spawn context) does the CPU work: feed parsing,
  page cleaning and entity/term analysis; each worker stores the feeds it parsed itself,
  over its own SQLite connection, and sends back only ids and a status (pickling 50,000
  parsed entries back, and storing them all on one thread, made the refresh process the
  pipeline's critical path);
- in the refresh process, one writer thread owns its SQLite connection (feed outcomes
  without entries, article enrichment); every write, there or in a worker, is a short
  transaction (``BEGIN IMMEDIATE``, busy timeout), one per feed for its entries and its
  outcome and one per article for its enrichment, so kill -9 at any moment leaves a
  consistent cache and never touches read/starred flags of stored articles.

Articles: each new story's page is fetched once (when full text is on for its feed), cleaned
and analysed (entities, terms) in the pool; the feed's own text is kept when the page cannot
be fetched or gives clearly less. ``feeds_only`` skips pages *and* analysis for that run
(entity tagging costs ~60 ms of CPU per article with spaCy, ~100x the cost of parsing it):
those articles are readable and searchable at once, their page is marked skipped, and the
next refresh without ``feeds_only`` analyses them (newest first, PENDING_LIMIT per run), as
it does for anything a crash left unanalysed.

Politeness: conditional GET from the first fetch; 304 means unchanged (not parsed);
301/308 move the feed; 410 marks it gone (not fetched again unless named explicitly);
429/503 with Retry-After, and repeated failures (exponential backoff), set ``retry_after``,
before which the feed is skipped.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from reader.config import Config
from reader.models import FeedResult

#: Backoff after repeated failures: the n-th failure in a row waits BACKOFF_BASE * 2**(n-2)
#: (the first failure is retried on the next refresh), at most BACKOFF_MAX.
BACKOFF_BASE = timedelta(minutes=30)
BACKOFF_MAX = timedelta(hours=24)
#: Articles analysed per worker call when there is no page to clean (amortises IPC and lets
#: spaCy batch).
ANALYSIS_BATCH = 32
#: Stored-but-unanalysed articles picked up per run (after a crash or an older analysis).
PENDING_LIMIT = 2_000
#: The workers leave WAL checkpoints to the refresh process: one after this many stored feeds
#: (~0.5 MB of WAL each; SQLite's own default is every 4 MB).
CHECKPOINT_EVERY = 8


@dataclass(frozen=True)
class ProgressEvent:
    """A progress report. event: "feed" (one feed done), "articles" (enrichment progress),
    "stage" (a phase started) or "done" (``summary`` set)."""

    event: str
    done: int = 0
    total: int = 0
    result: FeedResult | None = None
    stage: str = ""
    summary: RefreshSummary | None = None


@dataclass
class RefreshSummary:
    """What a refresh did."""

    feeds: int = 0  # feeds considered
    new: int = 0  # new articles
    updated: int = 0  # updated articles
    unchanged: int = 0  # feeds with nothing new
    errors: int = 0  # feeds that failed
    gone: int = 0
    skipped: int = 0  # feeds not fetched (Retry-After / backoff / gone)
    pages: int = 0  # article pages fetched and used
    pages_failed: int = 0
    analysed: int = 0
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage
    results: list[FeedResult] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "feeds": self.feeds,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": self.errors,
            "gone": self.gone,
            "skipped": self.skipped,
            "pages": self.pages,
            "pages_failed": self.pages_failed,
            "analysed": self.analysed,
            "seconds": round(self.seconds, 3),
            "stages": {k: round(v, 3) for k, v in self.stages.items()},
        }


Progress = Callable[[ProgressEvent], None]


def backoff_until(error_count: int, now: datetime) -> datetime | None:
    """When a feed that failed ``error_count`` times in a row may be fetched again."""
    if error_count < 2:
        return None
    wait = BACKOFF_BASE * (2 ** min(error_count - 2, 16))
    return now + min(wait, BACKOFF_MAX)


def refresh(
    store_path: Path | str,
    config: Config,
    feed_ids: Sequence[int] | None = None,
    feeds_only: bool = False,
    progress: Progress | None = None,
) -> RefreshSummary:
    """Refresh all feeds (or ``feed_ids``, fetched even when gone); see the module docstring."""
    runner = _Refresh(Path(store_path), config, feed_ids, feeds_only, progress)
    return asyncio.run(runner.run())


class _Refresh:
    def __init__(
        self,
        store_path: Path,
        config: Config,
        feed_ids: Sequence[int] | None,
        feeds_only: bool,
        progress: Progress | None,
    ) -> None:
        self.store_path = store_path
        self.cfg = config.refresh
        self.feed_ids = list(feed_ids) if feed_ids is not None else None
        self.feeds_only = feeds_only
        self.progress = progress
        self.summary = RefreshSummary()
        self.stages: dict[str, float] = {}
        self.writer = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="reader-db")
        self.store: Any = None
        self.pool: concurrent.futures.Executor | None = None
        self.feed_titles: dict[int, str] = {}
        self.full_text: dict[int, bool] = {}
        self.enrich_queue: asyncio.Queue | None = None
        self.enrich_total = 0
        self.queued: set[int] = set()
        self.enrich_done = 0
        self.stored_since_checkpoint = 0
        self.checkpointing = False
        self.background: set[asyncio.Task] = set()

    # -- plumbing ----------------------------------------------------------------------

    def _add(self, stage: str, seconds: float) -> None:
        self.stages[stage] = self.stages.get(stage, 0.0) + seconds

    async def db(self, fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        """Run a store call on the writer thread (the only thread that owns the connection)."""
        loop = asyncio.get_running_loop()

        def call():
            t, c = time.perf_counter(), time.thread_time()
            try:
                return fn(*args, **kw)
            finally:
                self._add("index", time.perf_counter() - t)
                self._add("index_cpu", time.thread_time() - c)

        return await loop.run_in_executor(self.writer, call)

    async def cpu(self, fn: Callable[..., Any], *args: Any) -> Any:
        loop = asyncio.get_running_loop()
        if self.pool is None:
            # Started on first use: a refresh where nothing changed needs no workers.
            self._start_pool()
            assert self.pool is not None
        try:
            return await loop.run_in_executor(self.pool, fn, *args)
        except BrokenProcessPool:
            # A worker died (out of memory, killed): start a new pool, try once more.
            self._start_pool(replace=True)
            return await loop.run_in_executor(self.pool, fn, *args)

    def _start_pool(self, replace: bool = False) -> None:
        from reader.services import refresh_worker

        if replace and self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
        workers = self.cfg.workers
        if workers <= 0:
            # In-process (tests, tiny machines): one thread keeps the event loop free.
            self.pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="reader-cpu")
            return
        # spawn: clean workers whose parent is this process (forkserver workers outlive a
        # killed refresh, and so would the forkserver); they watch that parent and exit.
        context = multiprocessing.get_context("spawn")
        self.pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=refresh_worker.init_worker,
            initargs=(os.getpid(), context.Lock()),
        )

    def emit(self, event: ProgressEvent) -> None:
        if self.progress is not None:
            try:
                self.progress(event)
            except Exception:  # noqa: BLE001 - a broken progress display must not stop work
                self.progress = None

    # -- the run -----------------------------------------------------------------------

    async def run(self) -> RefreshSummary:
        from reader.http import HostLimiter, make_async_client
        from reader.store import Store

        started, started_cpu = time.perf_counter(), time.process_time()
        loop = asyncio.get_running_loop()
        # The writer thread gives the GIL back on every SQLite call; with the default 5 ms
        # switch interval each call can wait that long for the event loop to let go of it.
        old_switch = sys.getswitchinterval()
        sys.setswitchinterval(0.0005)
        self.store = await loop.run_in_executor(self.writer, Store.open, self.store_path)
        try:
            # A read-only cache is one clear error now, not one per feed.
            await self.db(self.store.check_writable)
            candidates = await self.db(self.store.refresh_candidates, self.feed_ids)
            now = datetime.now(UTC)
            todo, skipped = [], []
            for row in candidates:
                self.feed_titles[row["id"]] = row["title"] or ""
                self.full_text[row["id"]] = (
                    self.cfg.full_text if row["full_text"] is None else row["full_text"]
                )
                if row["retry_after"] and row["retry_after"] > now:
                    when = row["retry_after"].strftime("%Y-%m-%d %H:%M UTC")
                    skipped.append(
                        FeedResult(row["id"], row["url"], "skipped", error=f"retry after {when}")
                    )
                elif row["last_status"] == "gone" and self.feed_ids is None:
                    skipped.append(
                        FeedResult(row["id"], row["url"], "skipped", error="gone (HTTP 410)")
                    )
                else:
                    todo.append(row)
            self.summary.feeds = len(candidates)
            total = len(candidates)
            self.done = 0
            self.total = total
            for result in skipped:
                self._finish_feed(result)

            client = make_async_client(
                timeout=self.cfg.timeout, max_connections=max(self.cfg.concurrency * 2, 8)
            )
            self.limiter = HostLimiter(self.cfg.per_host)
            self.fetch_sem = asyncio.Semaphore(max(1, self.cfg.concurrency))
            # Bodies fetched but not yet parsed are bounded by this (memory).
            self.active_sem = asyncio.Semaphore(max(2, self.cfg.concurrency * 2))
            # Article ids only: every feed is stored first, pages and analysis follow.
            self.enrich_queue = asyncio.Queue()
            async with client:
                self.client = client
                self.emit(ProgressEvent("stage", 0, total, stage="feeds"))
                # Feeds first (every headline is stored within seconds), then pages and
                # analysis of what is new.
                await asyncio.gather(*(self._feed(row) for row in todo))
                # Articles stored earlier but never analysed (crash, --feeds-only, new model).
                pending: dict[int, list[int]] = {}
                if not self.feeds_only:
                    # Asked of a worker: knowing the version means loading the entity model,
                    # which only the workers need.
                    version = await self.cpu(_analysis_version())
                    pending = await self.db(self.store.articles_pending, version, PENDING_LIMIT)
                for feed_id, ids in pending.items():
                    await self._queue_articles(ids, feed_id)
                self.emit(ProgressEvent("stage", 0, self.enrich_total, stage="articles"))
                enrichers = [
                    asyncio.create_task(self._enricher())
                    for _ in range(max(1, self.cfg.concurrency))
                ]
                for _ in enrichers:
                    await self.enrich_queue.put(None)
                await asyncio.gather(*enrichers)
                await asyncio.gather(*self.background)
        finally:
            if self.pool is not None:
                if isinstance(self.pool, concurrent.futures.ThreadPoolExecutor):
                    # The in-process pool's thread holds a connection of its own.
                    await loop.run_in_executor(self.pool, _close_stores())
                self.pool.shutdown(wait=True, cancel_futures=True)
            await loop.run_in_executor(self.writer, self.store.close)
            self.writer.shutdown(wait=True)
            sys.setswitchinterval(old_switch)
        self.summary.seconds = time.perf_counter() - started
        # CPU of this process (network, bookkeeping, its own writes): the workers report theirs.
        self._add("main_cpu", time.process_time() - started_cpu)
        self.summary.stages = dict(self.stages)
        self.emit(ProgressEvent("done", self.done, self.total, summary=self.summary))
        return self.summary

    def _finish_feed(self, result: FeedResult) -> None:
        s = self.summary
        s.results.append(result)
        if result.status == "error":
            s.errors += 1
        elif result.status == "gone":
            s.gone += 1
        elif result.status == "skipped":
            s.skipped += 1
        elif result.status == "unchanged":
            s.unchanged += 1
        s.new += result.new
        s.updated += result.updated
        self.done += 1
        self.emit(ProgressEvent("feed", self.done, self.total, result=result))

    # -- one feed ----------------------------------------------------------------------

    async def _feed(self, row: dict) -> None:
        async with self.active_sem:
            try:
                result = await self._feed_inner(row)
            except Exception as exc:  # noqa: BLE001 - one feed never stops the others
                result = FeedResult(row["id"], row["url"], "error", error=_line(exc))
                try:
                    await self._record_error(row, result.error or "error", None)
                except Exception:  # noqa: BLE001 - e.g. the cache stayed locked; next time
                    pass
            self._finish_feed(result)

    async def _feed_inner(self, row: dict) -> FeedResult:
        from reader.http import FEED_ACCEPT, afetch

        feed_id, url = row["id"], row["url"]
        async with self.fetch_sem:
            t = time.perf_counter()
            res = await afetch(
                self.client,
                url,
                timeout=self.cfg.timeout,
                max_bytes=self.cfg.max_bytes,
                etag=row["etag"],
                last_modified=row["last_modified"],
                accept=FEED_ACCEPT,
                limiter=self.limiter,
            )
            self._add("fetch", time.perf_counter() - t)
        now = datetime.now(UTC)
        if res.status == 410:
            msg = "HTTP 410 Gone: the feed was removed (not fetched again)"
            await self.db(
                self.store.record_feed_outcome,
                feed_id,
                last_status="gone",
                last_error=msg,
                last_fetched=now,
            )
            return FeedResult(feed_id, url, "gone", error=msg)
        if res.error is not None:
            retry = None
            if res.status in (429, 503):
                retry = res.retry_after(now)
            err = res.error
            if retry is not None:
                err += f" (retry after {retry.strftime('%Y-%m-%d %H:%M:%S UTC')})"
            await self._record_error(row, err, retry)
            return FeedResult(feed_id, url, "error", error=err)
        moved: dict[str, Any] = {}
        if res.permanent_redirect and res.permanent_redirect != url:
            moved["url"] = res.permanent_redirect
        validators = {"etag": res.etag, "last_modified": res.last_modified}
        if res.status == 304:
            # Keep the old validators when a 304 does not repeat them.
            validators = {k: v for k, v in validators.items() if v}
            note = await self.db(
                self.store.record_feed_outcome,
                feed_id,
                last_status="unchanged",
                last_error=None,
                error_count=0,
                retry_after=None,
                last_fetched=now,
                **validators,
                **moved,
            )
            return FeedResult(feed_id, url, "unchanged", error=note, extra=moved)
        outcome: dict[str, Any] = dict(
            last_error=None,
            error_count=0,
            retry_after=None,
            last_fetched=now,
            **validators,
            **moved,
        )
        # The worker parses and stores the feed itself (entries and outcome, one transaction)
        # and sends back only what changed.
        stored, times = await self.cpu(
            _store_feed_job(),
            str(self.store_path),
            feed_id,
            res.content,
            res.final_url,
            res.headers,
            now,
            outcome,
            self.feeds_only,
        )
        for k, v in times.items():
            self._add(k, v)
        if stored.status in ("new", "updated"):
            self._maybe_checkpoint()
        if stored.error:
            await self._record_error(row, stored.error, None)
            return FeedResult(feed_id, url, "error", error=stored.error)
        if stored.title and not self.feed_titles.get(feed_id):
            self.feed_titles[feed_id] = stored.title
        if not self.feeds_only and (stored.new_ids or stored.updated_ids):
            await self._queue_articles(list(stored.new_ids) + list(stored.updated_ids), feed_id)
        extra: dict[str, Any] = dict(moved)
        if stored.warning:
            extra["warning"] = stored.warning
        return FeedResult(
            feed_id,
            url,
            stored.status,
            new=len(stored.new_ids),
            updated=len(stored.updated_ids),
            error=stored.note,
            extra=extra,
        )

    def _maybe_checkpoint(self) -> None:
        """Every CHECKPOINT_EVERY stored feeds, a passive WAL checkpoint on the writer thread
        (in the background: it blocks no writer, and nothing waits for it)."""
        self.stored_since_checkpoint += 1
        if self.stored_since_checkpoint < CHECKPOINT_EVERY or self.checkpointing:
            return
        self.stored_since_checkpoint = 0
        self.checkpointing = True

        async def run() -> None:
            try:
                await self.db(self.store.checkpoint)
            except Exception:  # noqa: BLE001 - the next one (or SQLite at close) catches up
                pass
            finally:
                self.checkpointing = False

        self.background.add(task := asyncio.create_task(run()))
        task.add_done_callback(self.background.discard)

    async def _record_error(self, row: dict, error: str, retry: datetime | None) -> None:
        now = datetime.now(UTC)
        count = (row.get("error_count") or 0) + 1
        backoff = backoff_until(count, now)
        when = max([w for w in (retry, backoff) if w is not None], default=None)
        await self.db(
            self.store.record_feed_outcome,
            row["id"],
            last_status="error",
            last_error=error,
            error_count=count,
            retry_after=when,
            last_fetched=now,
        )

    # -- articles: page, cleaning, analysis --------------------------------------------

    async def _queue_articles(self, ids: list[int], feed_id: int | None = None) -> None:
        """Queue article ids (not rows: the queue stays small however many there are).

        Articles of a feed that wants pages go one by one (each is a page fetch); the others
        in batches for analysis. The enricher loads the rows and checks again.
        """
        assert self.enrich_queue is not None
        ids = [i for i in ids if i not in self.queued]
        self.queued.update(ids)
        self.enrich_total += len(ids)
        wants_pages = (
            not self.feeds_only
            and feed_id is not None
            and self.full_text.get(feed_id, self.cfg.full_text)
        )
        if wants_pages or feed_id is None:
            for i in ids:
                self.enrich_queue.put_nowait([i])
        else:
            for i in range(0, len(ids), ANALYSIS_BATCH):
                self.enrich_queue.put_nowait(ids[i : i + ANALYSIS_BATCH])

    def _wants_page(self, r: dict) -> bool:
        return bool(
            r["page_state"] is None
            and not self.feeds_only
            and self.full_text.get(r["feed_id"], self.cfg.full_text)
            and r["url"].startswith(("http://", "https://"))
        )

    def _job(self, r: dict) -> dict:
        return {
            "id": r["id"],
            "title": r["title"],
            "text": r["text"],
            "text_source": r["text_source"],
            "feed_title": self.feed_titles.get(r["feed_id"], ""),
            # Not tried yet and not wanted now: record it, so the page is never fetched later.
            "page_state": "skipped" if r["page_state"] is None else None,
        }

    async def _enricher(self) -> None:
        assert self.enrich_queue is not None
        while True:
            item = await self.enrich_queue.get()
            if item is None:
                return
            try:
                rows = await self.db(self.store.articles_to_enrich, item)
                jobs = [
                    await self._page_job(r) if self._wants_page(r) else self._job(r) for r in rows
                ]
                results, times = await self.cpu(_enrich_job(), jobs)
                for k, v in times.items():
                    self._add(k, v)
                for enriched in results:
                    await self.db(
                        self.store.save_enrichment,
                        enriched.article_id,
                        page=enriched.page,
                        page_state=enriched.page_state,
                        spans=enriched.analysis.spans,
                        terms=enriched.analysis.terms,
                        version=enriched.analysis.version,
                    )
                    self.summary.analysed += 1
                    if enriched.page is not None:
                        self.summary.pages += 1
                    elif enriched.page_state == "failed":
                        self.summary.pages_failed += 1
                self.enrich_done += len(results)
            except Exception:  # noqa: BLE001 - analysis is retried on the next refresh
                self.enrich_done += len(item)
            self.emit(
                ProgressEvent("articles", self.enrich_done, self.enrich_total, stage="articles")
            )

    async def _page_job(self, r: dict) -> dict:
        from reader.http import afetch

        job = self._job(r)
        job["page_url"] = r["url"]
        t = time.perf_counter()
        async with self.fetch_sem:
            res = await afetch(
                self.client,
                r["url"],
                timeout=self.cfg.timeout,
                max_bytes=self.cfg.max_bytes,
                accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
                limiter=self.limiter,
            )
        self._add("page_fetch", time.perf_counter() - t)
        ctype = res.headers.get("content-type", "").lower()
        if res.ok and res.content and ("html" in ctype or not ctype or "xml" in ctype):
            job["page"] = res.content
            job["page_url"] = res.final_url or r["url"]
            job["charset"] = res.charset
            job["page_state"] = None
        else:
            job["page_state"] = "failed"
            job["page_error"] = res.error or f"not a web page ({ctype or 'no type'})"
        return job


def _store_feed_job():
    from reader.services.refresh_worker import store_feed_job

    return store_feed_job


def _close_stores():
    from reader.services.refresh_worker import close_stores

    return close_stores


def _analysis_version():
    from reader.services.analysis import analysis_version

    return analysis_version


def _enrich_job():
    from reader.services.refresh_worker import enrich_job

    return enrich_job


def _line(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
