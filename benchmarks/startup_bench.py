"""Startup and responsiveness of the app on a big cache (100,000 articles in 2,000 feeds).

    python benchmarks/startup_bench.py [--db PATH] [--feeds 2000] [--per-feed 50] [--runs 3]

Builds the cache once (kept at --db, default in the temp dir) through the normal ingestion,
then, in fresh child processes, measures:
- launch to first full screen: from before the interpreter starts to the moment the feed
  list and the first page of articles are on screen (headless, 160x45);
- moving in the article list: the time per key (j, then page-downs across pages, G, g);
- opening an article with its related panel: Enter until the article and related stories
  are shown;
- peak memory (max RSS) of the app process;

Times end at the first frame the app composes that shows the change (the app's display hook
is wrapped to timestamp frames; headless, frames are composed but not written), and keys are
posted as key events without the test driver's idle waits, which cost ~45 ms a key by
themselves (printed as "test driver alone").
- which heavy modules were imported before the first screen (should be none).
Targets: first screen < 0.8 s, < 50 ms per key, < 100 ms to open, < 200 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

WORDS = (
    "council minister harbour election storm market bank court river summit vote rail port "
    "energy budget school hospital strike trade border climate police city museum festival "
    "report plan deal talks rate price flood fire quake league final launch probe mission"
).split()
HEAVY = ("spacy", "feedparser", "readability", "httpx", "lxml", "reader.services.refresh")


def build_cache(path: Path, feeds: int, per_feed: int) -> None:
    from reader.models import Block, ParsedEntry
    from reader.store import Store

    rng = random.Random(7)
    store = Store.open(path)
    now = datetime.now(UTC)
    for f in range(feeds):
        feed = store.add_feed(
            f"https://feed{f}.example/rss",
            title=f"Feed {f:04d} {rng.choice(WORDS).title()}",
            tags=(f"tag{f % 20}",),
        )
        entries = []
        for a in range(per_feed):
            title = " ".join(rng.choice(WORDS) for _ in range(7)).capitalize()
            paragraphs = tuple(
                Block("paragraph", " ".join(rng.choice(WORDS) for _ in range(40)) + ".")
                for _ in range(4)
            )
            entries.append(
                ParsedEntry(
                    guid=f"{f}-{a}",
                    url=f"https://feed{f}.example/{a}",
                    title=title,
                    published=now - timedelta(minutes=rng.randrange(60 * 24 * 60)),
                    content_blocks=paragraphs,
                )
            )
        store.upsert_entries(feed.id, entries, fetched=now)
    store.db.execute("ANALYZE")
    store.close()


CHILD = r"""
import asyncio, json, os, resource, sys, time
t0 = float(os.environ["BENCH_T0"])
c0 = time.process_time()

WATCH = {}  # the condition being waited for, and the time of the first frame showing it

async def main():
    # The path `reader --db DB` takes: the CLI's parser and context, then reader.ui.run.
    from reader.cli import parse_args
    from reader.ui.run import build
    args = parse_args(["--db", os.environ["BENCH_DB"]])
    app, ctx, _ = build(args)
    from textual import events
    from reader.ui.widgets.article_list import ArticleList
    from reader.ui.widgets.article_view import ArticleView
    from reader.ui.widgets.related_panel import RelatedList
    display = app._display

    def timed_display(screen, renderable):
        # Every frame the app composes (headless: not written out). The first one composed
        # once a condition holds is when the user would see that change.
        if renderable is not None:
            now = time.perf_counter()
            for name, ready in WATCH.get("ready", {}).items():
                if name not in WATCH["frames"] and ready():
                    WATCH["frames"][name] = now
        return display(screen, renderable)

    app._display = timed_display

    async def frames_showing(**conditions) -> dict:
        # The time of the first frame showing each condition (polled every millisecond).
        WATCH["frames"] = {}
        WATCH["ready"] = conditions
        while len(WATCH["frames"]) < len(conditions):
            await asyncio.sleep(0.001)
        WATCH.pop("ready")
        return WATCH.pop("frames")

    async def frame_after(ready) -> float:
        return (await frames_showing(it=ready))["it"]

    def related_done():
        # The related panel shows "…" from the article's opening until its stories arrive.
        listing = app.screen.query_one(RelatedList)
        return listing.option_count > 0 and str(listing.get_option_at_index(0).prompt) != "…"

    def key(name, char=None):
        app.post_message(events.Key(name, char))

    out = {}
    async with app.run_test(size=(160, 45)) as pilot:
        def first_ready():
            try:
                listing = app.screen.query_one(ArticleList)
                tree = app.screen.tree
            except Exception:
                return False
            return bool(listing.total and listing.current is not None and tree.feeds)

        frame = await frame_after(first_ready)
        out["first_screen"] = frame - time.perf_counter() + time.time() - t0
        out["first_screen_cpu"] = time.process_time()
        out["heavy_imported"] = sorted(m for m in sys.modules if m.split(".")[0] in
            ("spacy", "feedparser", "readability", "httpx", "lxml")
            or m == "reader.services.refresh")
        listing = app.screen.query_one(ArticleList)
        view = app.screen.query_one(ArticleView)
        out["total"] = listing.total
        await pilot.pause(0.5)  # let start-up work (warming, auto-refresh timers) settle
        times, cpu = [], []
        for k in ["f12"] * 20:  # an unbound key: what the test driver itself costs
            start = time.perf_counter()
            await pilot.press(k)
            times.append(time.perf_counter() - start)
        out["driver_ms"] = sorted(t * 1000 for t in times)[10]
        keys = ["j"] * 60 + ["pagedown"] * 80 + ["G", "k", "k", "g", "j"]
        chars = {"j": "j", "k": "k", "G": "G", "g": "g"}
        times, cpu = [], []
        for k in keys:
            before = listing.cursor
            start, cstart = time.perf_counter(), time.process_time()
            key(k, chars.get(k))
            frame = await frame_after(
                lambda: listing.cursor != before and listing.current is not None
            )
            times.append(frame - start)
            cpu.append(time.process_time() - cstart)
            await asyncio.sleep(0.01)
        out["key_cpu_ms"] = [t * 1000 for t in cpu]
        out["key_ms"] = [t * 1000 for t in times]
        out["cursor_after"] = listing.cursor
        opens, open_cpu, shown = [], [], []
        for _ in range(5):
            await pilot.press("j")
            await pilot.pause(0.2)
            target = listing.current.id
            start, cstart = time.perf_counter(), time.process_time()
            key("enter", "\r")
            frames = await frames_showing(
                shown=lambda: view.article is not None and view.article.id == target,
                related=lambda: app.screen.open_id == target and related_done(),
            )
            shown.append((frames["shown"] - start) * 1000)
            opens.append((frames["related"] - start) * 1000)
            open_cpu.append((time.process_time() - cstart) * 1000)
            await pilot.press("escape")
            await pilot.pause(0.2)
        out["open_ms"] = opens
        out["open_shown_ms"] = shown
        out["open_cpu_ms"] = open_cpu
    out["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))

asyncio.run(main())
"""


def measure(db: Path) -> dict:
    home = Path(tempfile.gettempdir()) / "reader-startup-bench-home"  # no user settings
    env = {
        **os.environ,
        "BENCH_DB": str(db),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_DATA_HOME": str(home / "data"),
    }
    env["BENCH_T0"] = repr(time.time())
    result = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description="app startup and responsiveness")
    parser.add_argument(
        "--db", type=Path, default=Path(tempfile.gettempdir()) / "reader-bench-100k.db"
    )
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--per-feed", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not args.db.exists():
        print(
            f"building {args.feeds * args.per_feed:,} articles in {args.feeds:,} feeds"
            f" at {args.db}…"
        )
        start = time.perf_counter()
        build_cache(args.db, args.feeds, args.per_feed)
        print(f"  built in {time.perf_counter() - start:.0f} s")
    # Byte-compile reader as `pip install` does (an editable install or
    # PYTHONDONTWRITEBYTECODE would otherwise compile its ~60 modules at every start).
    import compileall

    import reader

    compileall.compile_dir(Path(reader.__file__).parent, quiet=1)
    runs = [measure(args.db) for _ in range(args.runs)]
    report(runs)


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))]


def report(runs: list[dict]) -> None:
    med = statistics.median
    first = [r["first_screen"] for r in runs]
    keys = [k for r in runs for k in r["key_ms"]]
    key_cpu = [k for r in runs for k in r["key_cpu_ms"]]
    opens = [o for r in runs for o in r["open_ms"]]
    open_cpu = [o for r in runs for o in r["open_cpu_ms"]]
    shown = [o for r in runs for o in r["open_shown_ms"]]
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print(f"articles: {runs[0]['total']:,}")
    print(
        f"launch to first full screen: median {med(first):.2f} s"
        f" (runs: {', '.join(f'{f:.2f}' for f in first)});"
        f" CPU {med(r['first_screen_cpu'] for r in runs):.2f} s   target < 0.8 s"
    )
    print(
        f"list movement per key: median {med(keys):.1f} ms, p95 {_pct(keys, 0.95):.1f} ms;"
        f" CPU median {med(key_cpu):.1f} ms, p95 {_pct(key_cpu, 0.95):.1f} ms;"
        f" test driver alone {med(r['driver_ms'] for r in runs):.1f} ms   target < 50 ms"
    )
    print(
        f"open article: shown in median {med(shown):.1f} ms; with its related panel median"
        f" {med(opens):.1f} ms, max {max(opens):.1f} ms;"
        f" CPU median {med(open_cpu):.1f} ms   target < 100 ms"
    )
    print(f"peak memory: {max(r['max_rss_mb'] for r in runs):.0f} MB   target < 200 MB")
    heavy = sorted({m for r in runs for m in r["heavy_imported"]})
    print(f"heavy modules before first screen: {', '.join(heavy) or 'none'}")


if __name__ == "__main__":
    main()
