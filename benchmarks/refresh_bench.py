#!/usr/bin/env python3
"""Refresh speed: reader vs newsboat on the same synthetic corpus, server and machine.

Generates feeds with ../shared/bench/gen_feeds.py, serves them with serve_feeds.py (--latency
100 by default), then times, alternating reader and newsboat (A B A B ...):

- feeds only (newsboat fetches no pages): ``reader refresh --feeds-only`` into an empty cache,
  then again with nothing changed; ``newsboat -x reload`` with ``reload-threads 16`` into an
  empty cache, then its 2nd and 3rd reloads (newsboat stores validators only from its 2nd
  download on, so its 2nd reload downloads everything again and the 3rd is all 304s);
- with ``--pages``: a full ``reader refresh`` (article pages fetched, cleaned and analysed)
  on a smaller corpus with pages, with the time spent per stage.

Peak memory is the largest sum of RSS over the process and all its children (sampled every
20 ms from /proc). All the feeds live on one loopback server; to stand in for many sites,
reader runs with ``per_host`` equal to its concurrency (newsboat has no per-host limit).

Usage:
    python benchmarks/refresh_bench.py --feeds 1000 --items 50 --runs 3
    python benchmarks/refresh_bench.py --pages --feeds 200 --items 20 --runs 1
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def generate(out: Path, feeds: int, items: int, port: int, pages: bool) -> None:
    manifest = out / "manifest.json"
    if manifest.exists():
        params = json.loads(manifest.read_text()).get("params", {})
        # Feed i depends only on (seed, i): a bigger corpus holds the smaller one.
        if params.get("feeds", 0) >= feeds and params.get("items") == items:
            if (params.get("pages", 0) != 0) == pages:
                return
    cmd = [
        PYTHON,
        str(BENCH / "gen_feeds.py"),
        "--out",
        str(out),
        "--feeds",
        str(feeds),
        "--items",
        str(items),
        "--seed",
        "1",
        "--base-url",
        f"http://127.0.0.1:{port}",
    ]
    if not pages:
        cmd.append("--no-pages")
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


class Server:
    def __init__(self, root: Path, port: int, latency: str) -> None:
        self.port = port
        self.proc = subprocess.Popen(
            [
                PYTHON,
                str(BENCH / "serve_feeds.py"),
                str(root),
                "--port",
                str(port),
                "--latency",
                latency,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                self.stats()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the feed server did not start")

    def _get(self, path: str) -> dict:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as r:
            return json.loads(r.read() or b"{}")

    def stats(self) -> dict:
        return self._get("/__bench__/stats")

    def reset(self) -> None:
        self._get("/__bench__/reset")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def _tree_rss(pid: int) -> int:
    """RSS in bytes of pid and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ppid, pages = int(fields[1]), int(fields[21])
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = pages * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total


def timed(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> dict:
    """Run cmd; wall time, CPU time (user + sys of it and its children), peak tree RSS, exit
    code, stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd, text=True
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "wall": wall,
        "cpu": cpu,
        "peak_mb": peak / 1e6,
        "code": proc.returncode,
        "out": out,
        "err": err,
    }


def reader_db(urls: list[str], path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from reader.store import Store

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    store = Store.open(path)
    for url in urls:
        store.add_feed(url)
    store.close()


def run_reader(work: Path, db: Path, feeds_only: bool, concurrency: int, workers: int) -> dict:
    config = work / "reader.toml"
    config.write_text(
        f"[refresh]\nconcurrency = {concurrency}\nper_host = {concurrency}\nworkers = {workers}\n"
    )
    cmd = [PYTHON, "-m", "reader", "--db", str(db), "--config", str(config), "refresh", "--json"]
    if feeds_only:
        cmd.append("--feeds-only")
    env = dict(os.environ, XDG_CONFIG_HOME=str(work / "xdg"), XDG_DATA_HOME=str(work / "xdg"))
    result = timed(cmd, env=env, cwd=ROOT)
    if result["code"] != 0:
        raise RuntimeError(f"reader failed: {result['err'][-2000:]}")
    result["summary"] = json.loads(result["out"])
    return result


def run_newsboat(work: Path, urls_file: Path, cache: Path) -> dict:
    config = work / "newsboat.conf"
    config.write_text("reload-threads 16\n")
    home = work / "nbhome"
    home.mkdir(exist_ok=True)
    env = dict(os.environ, HOME=str(home))
    cmd = ["newsboat", "-u", str(urls_file), "-c", str(cache), "-C", str(config), "-x", "reload"]
    result = timed(cmd, env=env, cwd=work)
    if result["code"] != 0:
        raise RuntimeError(f"newsboat failed: {result['err'][-2000:]}")
    return result


def fmt(values: list[float]) -> str:
    if not values:
        return "-"
    med = statistics.median(values)
    return f"{med:.1f} s (runs: {', '.join(f'{v:.1f}' for v in values)})"


def bench_feeds_only(args, work: Path) -> None:
    corpus = work / f"corpus-{args.feeds}x{args.items}"
    port = args.port or free_port()
    # gen_feeds embeds the base URL; feeds-only never follows item links, so any port works.
    generate(corpus, args.feeds, args.items, 8000, pages=False)
    server = Server(corpus, port, args.latency)
    urls = [
        u.replace(":8000/", f":{port}/")
        for u in (corpus / "urls").read_text().split()[: args.feeds]
    ]
    urls_file = work / "urls"
    urls_file.write_text("\n".join(urls) + "\n")
    have_newsboat = shutil.which("newsboat") is not None and not args.no_newsboat
    res: dict[str, list] = {k: [] for k in ("r1", "r2", "n1", "n2", "n3", "rmem", "nmem")}
    stages: list[dict] = []
    try:
        for run in range(args.runs):
            db = work / "reader.db"
            reader_db(urls, db)
            server.reset()
            first = run_reader(work, db, True, args.concurrency, args.workers)
            s1 = server.stats()
            server.reset()
            second = run_reader(work, db, True, args.concurrency, args.workers)
            s2 = server.stats()
            res["r1"].append(first["wall"])
            res["r2"].append(second["wall"])
            res["rmem"].append(max(first["peak_mb"], second["peak_mb"]))
            stages.append(first["summary"]["stages"])
            print(
                f"run {run + 1}: reader first {first['wall']:.1f} s (cpu {first['cpu']:.1f} s,"
                f" {first['summary']['new']} new, {first['peak_mb']:.0f} MB,"
                f" server {s1['status']}, cpu {s1['server_cpu_user_s']:.1f} s);"
                f" unchanged {second['wall']:.1f} s (cpu {second['cpu']:.1f} s,"
                f" server {s2['status']},"
                f" conditional {s2['conditional_requests']})",
                flush=True,
            )
            if have_newsboat:
                cache = work / "newsboat.db"
                cache.unlink(missing_ok=True)
                n = [run_newsboat(work, urls_file, cache) for _ in range(3)]
                for key, r in zip(("n1", "n2", "n3"), n, strict=True):
                    res[key].append(r["wall"])
                res["nmem"].append(max(r["peak_mb"] for r in n))
                print(
                    f"run {run + 1}: newsboat first {n[0]['wall']:.1f} s (cpu {n[0]['cpu']:.1f} s),"
                    f" 2nd {n[1]['wall']:.1f}"
                    f" s, 3rd {n[2]['wall']:.1f} s ({max(r['peak_mb'] for r in n):.0f} MB)",
                    flush=True,
                )
    finally:
        server.stop()
    print()
    print(f"corpus: {args.feeds} feeds x {args.items} items, latency {args.latency} ms")
    print(f"reader first refresh (empty cache):    {fmt(res['r1'])}")
    print(f"reader unchanged refresh:              {fmt(res['r2'])}")
    print(f"reader peak memory (all processes):    {max(res['rmem']):.0f} MB")
    if stages:
        last = stages[-1]
        print("reader first-refresh stages (summed):  " + json.dumps(last))
    if have_newsboat:
        print(f"newsboat first reload:                 {fmt(res['n1'])}")
        print(f"newsboat 2nd reload (downloads again): {fmt(res['n2'])}")
        print(f"newsboat 3rd reload (all 304):         {fmt(res['n3'])}")
        print(f"newsboat peak memory:                  {max(res['nmem']):.0f} MB")
        r1, r2 = statistics.median(res["r1"]), statistics.median(res["r2"])
        n1, n2 = statistics.median(res["n1"]), statistics.median(res["n2"])
        print(f"ratio first   reader/newsboat:         {r1 / n1:.2f} (target <= 0.5)")
        print(f"ratio unchanged reader/newsboat 2nd:   {r2 / n2:.2f} (target <= 0.25)")
        n3 = statistics.median(res["n3"])
        print(f"ratio unchanged reader/newsboat 3rd:   {r2 / n3:.2f}")


def bench_pages(args, work: Path) -> None:
    port = args.port or free_port()
    corpus = work / f"corpus-pages-{args.items}-{port}"
    if args.corpus:
        corpus = args.corpus
    # Item links must point at the port the server really listens on.
    generate(corpus, args.feeds, args.items, port, pages=True)
    server = Server(corpus, port, args.latency)
    urls = (corpus / "urls").read_text().split()[: args.feeds]
    try:
        for run in range(args.runs):
            db = work / "reader-pages.db"
            reader_db(urls, db)
            server.reset()
            result = run_reader(work, db, False, args.concurrency, args.workers)
            stats = server.stats()
            s = result["summary"]
            print(
                f"run {run + 1}: full refresh {result['wall']:.1f} s, {s['new']} articles,"
                f" {s['pages']} pages used, {s['pages_failed']} failed,"
                f" {s['analysed']} analysed, peak {result['peak_mb']:.0f} MB,"
                f" server requests {stats['requests']}"
            )
            print("  stages (seconds, summed over concurrent work): " + json.dumps(s["stages"]))
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--latency", default="100")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--pages", action="store_true", help="full refresh with article pages")
    parser.add_argument("--no-newsboat", action="store_true")
    parser.add_argument("--corpus", type=Path, help="(--pages) an existing corpus for --port")
    parser.add_argument("--workdir", type=Path, help="keep corpora here (default: a temp dir)")
    args = parser.parse_args()
    if not BENCH.is_dir():
        print(f"needs {BENCH}", file=sys.stderr)
        return 1
    work = args.workdir or Path(tempfile.mkdtemp(prefix="reader-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.pages:
        bench_pages(args, work)
    else:
        bench_feeds_only(args, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
