"""Every file of the real-world feed corpus through ``reader refresh``: how many are ingested,
how many give entries, which errors and why, how long it takes.

Serves all files of ``../shared/datasets/feeds`` (4,117: malformed XML, undeclared and wrong
encodings, UTF-16/32, HTML served as a feed, huge feeds ...) from a loopback server, with the
HTTP headers feedparser's own test files ask for, subscribes a fresh cache to all of them and
runs one ``reader refresh --feeds-only`` subprocess. Prints the figures, and the files where
feedparser (raw bytes, the manifest's baseline) recovers entries but reader stored none.

    python benchmarks/feeds_robustness.py [--corpus DIR] [--limit N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.reliability_support import (  # noqa: E402 - after the path tweak
    LocalServer,
    corpus_route,
    corpus_url,
    load_manifest,
    run_reader,
    write_config,
)


def reason(error: str) -> str:
    """An error message without its variable parts, to group by."""
    error = re.sub(r"<unknown>:\d+:\d+", "<pos>", error)
    error = re.sub(r"line \d+, column \d+", "line L, column C", error)
    error = re.sub(r"\d+(\.\d+)?", "N", error)
    return error[:90]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/datasets/feeds")
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    parser.add_argument("--keep", type=Path, help="keep the cache and config in this folder")
    parser.add_argument("--timeout", type=float, default=1800, help="give up after (s)")
    args = parser.parse_args()
    if not (args.corpus / "MANIFEST.tsv").is_file():
        print(f"corpus not found at {args.corpus}", file=sys.stderr)
        return 2
    rows = load_manifest(args.corpus)
    if args.limit:
        rows = rows[: args.limit]

    from reader.store import Store

    home = args.keep or Path(tempfile.mkdtemp(prefix="feeds-robustness-"))
    home.mkdir(parents=True, exist_ok=True)
    write_config(home, "[refresh]\nfull_text = false\ntimeout = 20.0\n")
    db = home / "reader.db"
    if db.exists():
        db.unlink()
    server = LocalServer()
    server.fallback = corpus_route(args.corpus)
    server.start()
    try:
        store = Store.open(db)
        added, skipped = store.add_feeds({"url": corpus_url(server, r["path"])} for r in rows)
        store.close()
        print(f"{len(rows)} files, {len(added)} feeds subscribed ({len(skipped)} duplicates)")
        run = run_reader(
            "--db", str(db), "refresh", "--feeds-only", "--json", home=home, timeout=args.timeout
        )
    finally:
        server.stop()

    conn = sqlite3.connect(db)
    feeds = {
        url: (status, error, n)
        for url, status, error, n in conn.execute(
            "SELECT url, last_status, last_error,"
            " (SELECT count(*) FROM articles a WHERE a.feed_id = feeds.id) FROM feeds"
        )
    }
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()

    statuses = Counter(s or "never processed" for s, _, _ in feeds.values())
    errors = [e or "" for s, e, _ in feeds.values() if s == "error"]
    with_entries = sum(1 for s, _, n in feeds.values() if n > 0)
    ingested = sum(1 for s, _, _ in feeds.values() if s in ("new", "updated", "unchanged"))
    articles = sum(n for _, _, n in feeds.values())
    multiline = sum(1 for e in errors if "\n" in e or len(e) > 300)
    baseline = sum(1 for r in rows if int(r["fp6_entries"]) > 0)
    lost = []
    for r in rows:
        status, error, n = feeds.get(corpus_url(server, r["path"]), (None, None, 0))
        if int(r["fp6_entries"]) > 0 and n == 0:
            lost.append((r["path"], r["fp6_entries"], status, error))

    print(
        f"exit code {run.code}, wall time {run.seconds:.1f} s, peak memory "
        f"{run.max_rss_mb:.0f} MB, integrity {integrity}, timed out: {run.timed_out}"
    )
    if "Traceback" in run.err:
        print("TRACEBACK in the refresh output:\n" + run.err[-3000:])
    try:
        summary = json.loads(run.out)
        print(f"refresh summary: {summary['seconds']} s, stages {summary['stages']}")
    except (ValueError, KeyError):
        pass
    print(f"feeds: {len(feeds)}; statuses: {dict(statuses)}")
    print(f"ingested (no error): {ingested}; with entries: {with_entries}; articles: {articles}")
    print(f"feedparser baseline (raw bytes): {baseline} files with entries")
    print(f"errors: {len(errors)} (multi-line or over 300 chars: {multiline}); by reason:")
    for why, count in Counter(reason(e) for e in errors).most_common(25):
        print(f"  {count:5d}  {why}")
    print(f"files where feedparser finds entries but reader stored none: {len(lost)}")
    for path, n, status, error in lost[:40]:
        print(f"  {path} (feedparser: {n}): {status} {error or ''}"[:200])
    result = {
        "files": len(rows),
        "feeds": len(feeds),
        "ingested": ingested,
        "with_entries": with_entries,
        "articles": articles,
        "errors": len(errors),
        "baseline_with_entries": baseline,
        "lost_vs_feedparser": len(lost),
        "seconds": round(run.seconds, 1),
        "peak_mb": round(run.max_rss_mb),
        "exit_code": run.code,
        "integrity": integrity,
        "when": time.strftime("%Y-%m-%d"),
    }
    print(json.dumps(result))
    ok = run.code == 0 and not run.timed_out and integrity == "ok" and "Traceback" not in run.err
    return 0 if ok and statuses.get("never processed", 0) == 0 and multiline == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
