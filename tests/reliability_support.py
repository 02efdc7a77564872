"""Helpers for the reliability tests: a loopback HTTP server with scripted routes, and a way to
run ``reader`` in a subprocess with a deadline and its peak memory.

The server is a ``ThreadingHTTPServer`` on 127.0.0.1 with an ephemeral port. Each route is a
callable that receives the request handler, so a test can answer slowly, endlessly, with a
redirect loop or with a gzip bomb. Every request is counted per path (politeness tests).
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote

Route = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    """Dispatches GET/HEAD to the server's routes; unknown paths get 404."""

    server: LocalServer  # type: ignore[assignment]
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes: without this, Nagle's algorithm and the
    # client's delayed ACK add ~40 ms to every keep-alive response.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - quiet test output
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        path = self.path.split("?", 1)[0]
        self.server.record(path, self)
        route = self.server.routes.get(path) or self.server.fallback
        if route is None:
            self.send_bytes(b"not found", status=404, content_type="text/plain")
            return
        try:
            route(self)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            pass  # the client gave up, as it should on hostile responses

    do_HEAD = do_GET

    def send_bytes(
        self,
        body: bytes,
        *,
        status: int = 200,
        content_type: str | None = "application/xml",
        headers: dict[str, str] | None = None,
    ) -> None:
        """A complete response with Content-Length."""
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    @property
    def stopping(self) -> bool:
        return self.server.stop_event.is_set()


class LocalServer(ThreadingHTTPServer):
    """A loopback server whose routes a test sets; counts requests per path."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, Route] = {}
        self.fallback: Route | None = None
        self.hits: Counter[str] = Counter()
        self.log: list[tuple[float, str, dict[str, str]]] = []
        self.stop_event = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def record(self, path: str, handler: Handler) -> None:
        with self._lock:
            self.hits[path] += 1
            self.log.append((time.monotonic(), path, dict(handler.headers.items())))

    def route(self, path: str, fn: Route) -> str:
        """Serve ``fn`` at ``path``; returns the full URL."""
        self.routes[path] = fn
        return self.url(path)

    def static(self, path: str, body: bytes, **kwargs) -> str:
        """Serve fixed bytes at ``path`` (kwargs as for Handler.send_bytes)."""
        return self.route(path, lambda h: h.send_bytes(body, **kwargs))

    def handle_error(self, request, client_address) -> None:
        """Clients hanging up on hostile responses is expected: stay quiet."""

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stop_event.set()
        self.shutdown()
        self.server_close()


@dataclass
class Run:
    """The outcome of one ``reader`` subprocess."""

    code: int
    out: str
    err: str
    seconds: float
    max_rss_mb: float
    timed_out: bool = False


def reader_env(home: Path) -> dict[str, str]:
    """Environment for a reader subprocess: isolated XDG dirs, no proxies."""
    env = dict(os.environ)
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        env.pop(var, None)
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["XDG_DATA_HOME"] = str(home / "data")
    env["XDG_CACHE_HOME"] = str(home / "cache")
    env["XDG_STATE_HOME"] = str(home / "state")
    env["HOME"] = str(home)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def reader_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "reader", *args]


def run_reader(*args: str, home: Path, timeout: float = 120.0) -> Run:
    """Run ``python -m reader ARGS`` to completion (killed after ``timeout`` seconds)."""
    start = time.monotonic()
    proc = subprocess.Popen(
        reader_cmd(*args),
        env=reader_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    # Read both pipes in threads so wait4 (which gives the peak memory) cannot deadlock.
    chunks: dict[str, bytes] = {}

    def drain(name: str, stream) -> None:
        chunks[name] = stream.read()

    readers = [
        threading.Thread(target=drain, args=("out", proc.stdout), daemon=True),
        threading.Thread(target=drain, args=("err", proc.stderr), daemon=True),
    ]
    for t in readers:
        t.start()
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for t in readers:
        t.join(5)
    seconds = time.monotonic() - start
    return Run(
        code=proc.returncode,
        out=chunks.get("out", b"").decode("utf-8", "replace"),
        err=chunks.get("err", b"").decode("utf-8", "replace"),
        seconds=seconds,
        max_rss_mb=usage.ru_maxrss / 1024,
        timed_out=seconds >= timeout,
    )


def write_config(home: Path, text: str) -> Path:
    """Write ``config.toml`` where reader looks for it under ``home``'s XDG config dir."""
    path = home / "config" / "reader" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rss(title: str, items: list[tuple[str, str]], *, link: str = "http://example.com/") -> bytes:
    """A small RSS 2.0 document; items are (guid, title)."""
    body = "".join(
        f"<item><guid>{g}</guid><title>{t}</title><link>{link}{g}</link>"
        f"<description>Story {t}</description></item>"
        for g, t in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{link}</link><description>d</description>{body}"
        f"</channel></rss>"
    ).encode()


# --- the real-world feed corpus (../shared/datasets/feeds) -------------------------------

_HEADER_LINE = re.compile(rb"^Header:\s*([A-Za-z-]+):\s*(.*?)\s*$", re.M)
_TYPES = {".json": "application/json", ".atom": "application/atom+xml"}


def load_manifest(root: Path) -> list[dict[str, str]]:
    """MANIFEST.tsv rows (one dict per feed file)."""
    with (root / "MANIFEST.tsv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def corpus_headers(data: bytes, path: str) -> dict[str, str]:
    """The HTTP headers to serve a corpus file with: feedparser's test files name theirs in
    their comment header (``Header: Content-type: ...``); others get a type by extension."""
    headers: dict[str, str] = {}
    for name, value in _HEADER_LINE.findall(data[:2000]):
        key = name.decode("latin-1").title()
        if key in ("Content-Type", "Content-Language", "Content-Location", "Etag", "Last-Modified"):
            headers[key] = value.decode("latin-1")
    headers.setdefault("Content-Type", _TYPES.get(Path(path).suffix.lower(), "application/xml"))
    return headers


def corpus_route(root: Path) -> Route:
    """Serves ``root/<path>`` for any request path, with its headers; 404 outside ``root``."""
    base = root.resolve()

    def route(h: Handler) -> None:
        rel = unquote(h.path.split("?", 1)[0]).lstrip("/")
        target = (base / rel).resolve()
        if base not in target.parents or not target.is_file():
            h.send_bytes(b"not found", status=404, content_type="text/plain")
            return
        data = target.read_bytes()
        headers = corpus_headers(data, rel)
        ctype = headers.pop("Content-Type")
        h.send_bytes(data, content_type=ctype, headers=headers)

    return route


def corpus_url(server: LocalServer, path: str) -> str:
    return server.url("/" + quote(path))


class NewsSite:
    """Many generated feeds at ``/feed/<n>.xml`` that change with ``generation``: each new
    generation adds ``step`` stories per feed and revises the newest few (updates), so
    every refresh has inserts and updates to write. ``delay`` seconds per response keep a
    refresh busy long enough to be interrupted."""

    def __init__(
        self, server: LocalServer, feeds: int, items: int = 30, step: int = 5, delay: float = 0
    ) -> None:
        self.server = server
        self.feeds = feeds
        self.items = items
        self.step = step
        self.delay = delay
        self.generation = 0
        server.fallback = self._route

    def urls(self) -> list[str]:
        return [self.server.url(f"/feed/{n}.xml") for n in range(self.feeds)]

    def guids(self, n: int) -> list[str]:
        first = self.generation * self.step
        return [f"feed{n}-story{i}" for i in range(first, first + self.items)]

    def document(self, n: int) -> bytes:
        gen = self.generation
        items = []
        for k, guid in enumerate(self.guids(n)):
            rev = f" (revision {gen})" if k >= self.items - 3 else ""
            items.append((guid, f"Story {guid}{rev}"))
        return rss(f"Feed {n}", items, link=f"http://news{n % 7}.example/")

    def _route(self, h: Handler) -> None:
        path = h.path.split("?", 1)[0]
        if not (path.startswith("/feed/") and path.endswith(".xml")):
            h.send_bytes(b"not found", status=404, content_type="text/plain")
            return
        if self.delay:
            time.sleep(self.delay)
        h.send_bytes(self.document(int(path[6:-4])), content_type="application/rss+xml")


def add_feeds(db: Path, urls: list[str]) -> list[int]:
    """Subscribe to ``urls`` in the cache at ``db``; returns the feed ids."""
    from reader.store import Store

    store = Store.open(db)
    try:
        return [store.add_feed(u).id for u in urls]
    finally:
        store.close()
