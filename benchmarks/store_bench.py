#!/usr/bin/env python3
"""Storing new entries: the refresh writer's cost in isolation.

Generates a corpus with ../shared/bench/gen_feeds.py (once, kept in --corpus), parses every
feed file up front (not timed), then times ``Store.store_feed`` for all feeds into a fresh
cache file, one call per feed as a refresh worker does (entries and the feed's outcome in one
transaction), and prints CPU and wall time per article, and the CPU spent inside the write
transactions (refresh workers wait for each other's; the rest is prepared before).
With ``--skip-pages`` new articles get ``page_state = 'skipped'`` as with
``refresh --feeds-only``.
With ``--enrich`` it then times ``save_enrichment`` for every article with a cleaned page (the
feed's blocks in reverse order) and a little term data, as a full refresh stores them.

Usage:
    python benchmarks/store_bench.py                       # 200 feeds x 50 items, 3 runs
    python benchmarks/store_bench.py --runs 5 --profile    # plus a cProfile of one run
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GEN = ROOT.parent / "shared" / "bench" / "gen_feeds.py"
sys.path.insert(0, str(ROOT))

from reader.feeds import parse_feed  # noqa: E402
from reader.models import BLOCK_SEPARATOR, CleanArticle  # noqa: E402
from reader.store.store import Store  # noqa: E402


def corpus(out: Path, feeds: int, items: int) -> list[Path]:
    """The feed files of a generated corpus (generated when ``out`` holds none)."""
    files = sorted(p for p in out.glob("*/*") if p.suffix in (".xml", ".json"))
    if not files:
        subprocess.run(
            [sys.executable, str(GEN), "--out", str(out), "--feeds", str(feeds), "--items",
             str(items), "--seed", "1", "--no-pages", "-q"],
            check=True,
        )  # fmt: skip
        files = sorted(p for p in out.glob("*/*") if p.suffix in (".xml", ".json"))
    return files


def enrich(store: Store, ids: list[int], pages: dict[int, CleanArticle]) -> None:
    """Store a page, term data and the analysis version for each article."""
    for article_id in ids:
        store.save_enrichment(
            article_id,
            page=pages.get(article_id),
            page_state="done",
            terms={"t": {"story": 2, "bench": 1}, "e": {}},
            version=1,
        )


def one_run(
    parsed: list, skip_pages: bool, with_enrich: bool, profile: cProfile.Profile | None
) -> dict:
    """Store every parsed feed into a fresh cache; return timings and sizes."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cache.db"
        store = Store.open(path)
        feed_ids = [store.add_feed(f"http://bench.invalid/{i}").id for i in range(len(parsed))]
        now = datetime.now(UTC)
        n = 0
        new_ids: list[int] = []
        if profile:
            profile.enable()
        cpu0, wall0 = time.process_time(), time.perf_counter()
        in_txn = _InTransaction()
        for feed_id, entries in zip(feed_ids, parsed, strict=True):
            # As a refresh worker stores a feed: entries, outcome and (with --skip-pages)
            # page_state in one transaction; the write lock is where the time is measured.
            result, _, _ = store.store_feed(
                feed_id,
                entries,
                now,
                {"last_error": None, "error_count": 0, "etag": '"bench"'},
                skip_pages=skip_pages,
                write_lock=in_txn,
            )
            n += len(result.new_ids)
            new_ids += result.new_ids
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        if profile and not with_enrich:
            profile.disable()
        ecpu = ewall = 0.0
        if with_enrich:
            pages = {}
            for article_id in new_ids:
                blocks = store.get_article(article_id).blocks[::-1]
                text = BLOCK_SEPARATOR.join(b.text for b in blocks)
                pages[article_id] = CleanArticle("", text, blocks) if blocks else None
            cpu0, wall0 = time.process_time(), time.perf_counter()
            enrich(store, new_ids, pages)
            ecpu, ewall = time.process_time() - cpu0, time.perf_counter() - wall0
            if profile:
                profile.disable()
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
        size = path.stat().st_size
    return {
        "articles": n,
        "cpu": cpu,
        "txn_cpu": in_txn.cpu,
        "wall": wall,
        "size": size,
        "ecpu": ecpu,
        "ewall": ewall,
    }


class _InTransaction:
    """store_feed's write lock stand-in: sums the CPU spent inside the write transactions
    (what refresh workers wait for each other for; the rest is prepared before)."""

    def __init__(self) -> None:
        self.cpu = 0.0
        self._t = 0.0

    def __enter__(self) -> None:
        self._t = time.process_time()

    def __exit__(self, *exc: object) -> None:
        self.cpu += time.process_time() - self._t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/storebench"))
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--items", type=int, default=50)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument(
        "--skip-pages", action="store_true", help="new articles' pages skipped (--feeds-only)"
    )
    ap.add_argument("--enrich", action="store_true", help="also time save_enrichment")
    ap.add_argument("--profile", action="store_true", help="cProfile the last run")
    args = ap.parse_args()

    files = corpus(args.corpus, args.feeds, args.items)
    parsed = [list(parse_feed(f.read_bytes(), f"http://bench.invalid/{f}", {}).entries)
              for f in files]  # fmt: skip
    print(f"{len(files)} feeds, {sum(map(len, parsed))} entries parsed")
    runs = []
    profile = None
    for i in range(args.runs):
        profile = cProfile.Profile() if args.profile and i == args.runs - 1 else None
        r = one_run(parsed, args.skip_pages, args.enrich, profile)
        runs.append(r)
        print(
            f"run {i + 1}: {r['articles']} articles  cpu {r['cpu']:.2f} s"
            f" (in the write transaction {r['txn_cpu']:.2f} s)  wall {r['wall']:.2f} s"
            f"  ({r['cpu'] / r['articles'] * 1e6:.0f} us cpu/article)"
            f"  db {r['size'] / 1e6:.1f} MB"
        )
    cpu = statistics.median(r["cpu"] for r in runs)
    txn = statistics.median(r["txn_cpu"] for r in runs)
    wall = statistics.median(r["wall"] for r in runs)
    n = runs[0]["articles"]
    print(
        f"median: cpu {cpu:.2f} s (in the write transaction {txn:.2f} s), wall {wall:.2f} s,"
        f" {cpu / n * 1e6:.0f} us cpu/article ({txn / n * 1e6:.0f} in the transaction),"
        f" {wall / n * 1e6:.0f} us wall/article, db {runs[-1]['size'] / 1e6:.1f} MB"
    )
    if args.enrich:
        ecpu = statistics.median(r["ecpu"] for r in runs)
        ewall = statistics.median(r["ewall"] for r in runs)
        print(
            f"save_enrichment median: cpu {ecpu:.2f} s, wall {ewall:.2f} s,"
            f" {ecpu / n * 1e6:.0f} us cpu/article"
        )
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
