"""Latency of "related stories" for one article in a large cache (target: 100,000 articles).

Builds (once; kept in --work for later runs) a synthetic cache through reader's own path:
``../shared/bench/gen_feeds.py`` writes N/50 feeds of 50 items (no pages), each feed is parsed
with ``reader.feeds.parse_feed``, stored with ``Store.upsert_entries``, and analysed by the
refresh worker's ``enrich_job`` (terms + entities; the entity tagger is the gazetteer
fallback by default, because spaCy would take about an hour for 100,000 articles on 2 cores)
in a process pool, then written with ``Store.save_enrichment``. Then it times
``reader.services.related.related_for`` for random articles and prints median and p95, both
wall-clock and CPU time (CPU time is steadier on a busy machine).

    python benchmarks/related_latency.py [--articles 100000] [--samples 300] [--work DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GEN = ROOT.parent / "shared" / "bench" / "gen_feeds.py"
ITEMS = 50


def _analyse(path: str) -> tuple[str, str, list, list]:
    """Parse one feed file and analyse its entries (runs in a worker process)."""
    from reader.feeds import parse_feed
    from reader.services.analysis import analyse_many
    from reader.store.ingest_sql import _entry_text

    parsed = parse_feed(Path(path).read_bytes(), "http://127.0.0.1:8000/" + path)
    entries = list(parsed.entries)
    analyses = analyse_many([(e.title, _entry_text(e)[0]) for e in entries])
    return path, parsed.title, entries, analyses


def build(db: Path, corpus: Path, n_articles: int, jobs: int) -> None:
    from reader.store import Store

    feeds = max(1, n_articles // ITEMS)
    if not (corpus / "manifest.json").exists():
        subprocess.run(
            [sys.executable, str(GEN), "--out", str(corpus), "--feeds", str(feeds)]
            + ["--items", str(ITEMS), "--seed", "1", "--no-pages"],
            check=True,
        )
    urls = (corpus / "urls").read_text().split()[:feeds]
    paths = [str(corpus / u.split("/", 3)[3]) for u in urls]
    store = Store.open(db)
    started = time.perf_counter()
    done = 0
    with ProcessPoolExecutor(jobs) as pool:
        for path, title, entries, analyses in pool.map(_analyse, paths, chunksize=4):
            feed = store.add_feed("http://bench/" + path, title=title)
            result = store.upsert_entries(feed.id, entries)
            by_guid = {e.guid: a for e, a in zip(entries, analyses, strict=True)}
            seen = [e.guid for e in entries if e.guid in by_guid]
            for article_id, guid in zip(result.new_ids, dict.fromkeys(seen), strict=False):
                a = by_guid[guid]
                store.save_enrichment(article_id, spans=a.spans, terms=a.terms, version=a.version)
            done += len(result.new_ids)
            if done % 10_000 < len(result.new_ids):
                print(f"  {done} articles, {time.perf_counter() - started:.0f} s", flush=True)
    store.db.execute("PRAGMA optimize")
    store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--work", type=Path, default=Path("/tmp/reader-related-bench"))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--ner", choices=["fallback", "spacy"], default="fallback")
    args = parser.parse_args(argv)
    if args.ner == "fallback":
        os.environ["READER_NER"] = "fallback"
    if not GEN.exists():
        sys.exit(f"generator not found: {GEN}")
    args.work.mkdir(parents=True, exist_ok=True)
    db = args.work / f"related-{args.articles}-{args.ner}.db"
    if not db.exists():
        print(f"building {db} ({args.articles} articles) ...", flush=True)
        t = time.perf_counter()
        build(db.with_suffix(".tmp"), args.work / "corpus", args.articles, args.jobs)
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(db.with_suffix(".tmp")) + suffix)
            if src.exists():
                src.rename(Path(str(db) + suffix))
        print(f"built in {time.perf_counter() - t:.0f} s")

    from reader.services.related import related_for
    from reader.store import Store

    store = Store.open(db)
    n = store.article_count()
    ids = [r[0] for r in store.db.execute("SELECT article_id FROM article_terms").fetchall()]
    rng = random.Random(7)
    sample = rng.sample(ids, min(args.samples, len(ids)))
    for article_id in sample[:20]:
        related_for(store, article_id)  # warm the page cache like an app that is open
    wall, cpu, found = [], [], []
    for article_id in sample:
        w, c = time.perf_counter(), time.process_time()
        result = related_for(store, article_id)
        cpu.append(1000 * (time.process_time() - c))
        wall.append(1000 * (time.perf_counter() - w))
        found.append(len(result))
    size = sum(p.stat().st_size for p in args.work.glob(db.name + "*")) / 1e6
    store.close()

    def p95(xs: list[float]) -> float:
        return sorted(xs)[int(0.95 * (len(xs) - 1))]

    print(f"cache: {n} articles, {len(ids)} with term data, {size:.0f} MB; {len(sample)} samples")
    print(f"related_for wall: median {statistics.median(wall):.1f} ms, p95 {p95(wall):.1f} ms")
    print(f"related_for CPU:  median {statistics.median(cpu):.1f} ms, p95 {p95(cpu):.1f} ms")
    print(f"results per article: median {statistics.median(found):.0f}")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
