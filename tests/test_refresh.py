"""The refresh pipeline against a local server (pytest-httpserver): conditional GET, redirects,
gone feeds, timeouts, size cap, gzip, duplicates and updates, full articles and their fallback,
--feeds-only, the CLI's JSON progress, and the process-pool path."""

from __future__ import annotations

import gzip
import json
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import pytest
from werkzeug import Request, Response

from reader.config import Config, RefreshConfig
from reader.services.refresh import refresh
from reader.store import Store


@pytest.fixture(autouse=True)
def _light_ner(monkeypatch):
    # The gazetteer tagger keeps these tests fast; the spaCy path is the entities' business.
    monkeypatch.setenv("READER_NER", "fallback")


def _config(**kw) -> Config:
    base = RefreshConfig(workers=0, timeout=3.0, full_text=False)
    return Config(refresh=replace(base, **kw))


def _rss(items: list[tuple[str, str, str]], title: str = "Local Feed") -> str:
    """items: (guid, title, html content); links point at /post/<guid>."""
    parts = [
        f"<item><guid isPermaLink='false'>{g}</guid><title>{t}</title>"
        f"<link>/post/{g}</link><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>"
        f"<description><![CDATA[{c}]]></description></item>"
        for g, t, c in items
    ]
    return (
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{title}"
        f"</title><link>/</link>{''.join(parts)}</channel></rss>"
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "r.db"


def _add(db: Path, url: str) -> int:
    store = Store.open(db)
    try:
        return store.add_feed(url).id
    finally:
        store.close()


def _query(db: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_first_refresh_then_conditional_304(httpserver, db):
    seen: list[dict] = []

    def handler(request: Request) -> Response:
        seen.append(dict(request.headers))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        body = _rss([("a", "Alpha", "<p>one</p>"), ("b", "Beta", "<p>two</p>")])
        return Response(
            body,
            headers={
                "ETag": '"v1"',
                "Last-Modified": "Mon, 01 Jan 2024 10:00:00 GMT",
                "Content-Type": "application/rss+xml",
            },
        )

    httpserver.expect_request("/feed.xml").respond_with_handler(handler)
    fid = _add(db, httpserver.url_for("/feed.xml"))
    events = []
    first = refresh(db, _config(), progress=events.append)
    assert (first.feeds, first.new, first.errors) == (1, 2, 0)
    assert [e.event for e in events][-1] == "done"
    feed_events = [e for e in events if e.event == "feed"]
    assert feed_events[0].result.status == "new" and feed_events[0].result.new == 2
    assert "If-None-Match" not in seen[0]
    row = _query(db, "SELECT title, etag, last_modified, last_status FROM feeds WHERE id=?", [fid])
    assert row == [("Local Feed", '"v1"', "Mon, 01 Jan 2024 10:00:00 GMT", "new")]
    # Articles are stored, analysed (enriched) and their page skipped (full_text off).
    rows = _query(db, "SELECT title, text, page_state, enriched > 0 FROM articles ORDER BY id")
    assert rows == [("Alpha", "one", "skipped", 1), ("Beta", "two", "skipped", 1)]

    second = refresh(db, _config())
    assert (second.new, second.unchanged) == (0, 1)
    assert seen[1]["If-None-Match"] == '"v1"'
    assert seen[1]["If-Modified-Since"] == "Mon, 01 Jan 2024 10:00:00 GMT"
    assert _query(db, "SELECT last_status FROM feeds")[0][0] == "unchanged"


def test_permanent_redirect_moves_feed_temporary_does_not(httpserver, db):
    httpserver.expect_request("/old").respond_with_response(
        Response(status=301, headers={"Location": "/new"})
    )
    httpserver.expect_request("/tmp").respond_with_response(
        Response(status=302, headers={"Location": "/new"})
    )
    httpserver.expect_request("/new").respond_with_data(_rss([("a", "A", "x")]))
    moved = _add(db, httpserver.url_for("/old"))
    temp = _add(db, httpserver.url_for("/tmp"))
    summary = refresh(db, _config())
    assert summary.errors == 0
    urls = dict(_query(db, "SELECT id, url FROM feeds"))
    assert urls[moved] == httpserver.url_for("/new")
    assert urls[temp] == httpserver.url_for("/tmp")


def test_gone_feed_is_not_fetched_again(httpserver, db):
    httpserver.expect_request("/gone").respond_with_data("bye", status=410)
    fid = _add(db, httpserver.url_for("/gone"))
    assert refresh(db, _config()).gone == 1
    assert _query(db, "SELECT last_status FROM feeds")[0][0] == "gone"
    count = len(httpserver.log)
    again = refresh(db, _config())
    assert again.skipped == 1 and len(httpserver.log) == count
    # Named explicitly, it is tried again.
    refresh(db, _config(), feed_ids=[fid])
    assert len(httpserver.log) == count + 1


@pytest.fixture
def threaded_server():
    from pytest_httpserver import HTTPServer

    server = HTTPServer(threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


def test_timeout_and_size_cap_are_feed_errors(threaded_server, db):
    httpserver = threaded_server

    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return Response(_rss([("a", "A", "x")]))

    httpserver.expect_request("/slow").respond_with_handler(slow)
    httpserver.expect_request("/big").respond_with_data(_rss([("b", "B", "y" * 5000)]))
    httpserver.expect_request("/ok").respond_with_data(_rss([("c", "C", "z")]))
    for path in ("/slow", "/big", "/ok"):
        _add(db, httpserver.url_for(path))
    summary = refresh(db, _config(timeout=0.5, max_bytes=2000))
    assert (summary.errors, summary.new) == (2, 1)  # one broken feed never stops the others
    errors = dict(_query(db, "SELECT url, last_error FROM feeds"))
    assert "timed out" in errors[httpserver.url_for("/slow")]
    assert errors[httpserver.url_for("/big")].startswith("too large")
    assert errors[httpserver.url_for("/ok")] is None


def test_gzip_and_declared_encoding(httpserver, db):
    body = _rss([("a", "Café", "<p>naïve</p>")], title="Über").encode("utf-8")
    httpserver.expect_request("/gz").respond_with_data(
        gzip.compress(body),
        headers={"Content-Encoding": "gzip", "Content-Type": "text/xml; charset=utf-8"},
    )
    latin = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Ça va</title>"
        "<item><guid>1</guid><title>Été</title></item></channel></rss>"
    ).encode("latin-1")
    httpserver.expect_request("/latin").respond_with_data(
        latin, headers={"Content-Type": "application/xml; charset=ISO-8859-1"}
    )
    _add(db, httpserver.url_for("/gz"))
    _add(db, httpserver.url_for("/latin"))
    assert refresh(db, _config()).errors == 0
    assert sorted(_query(db, "SELECT title FROM feeds")) == [("Ça va",), ("Über",)]
    assert sorted(_query(db, "SELECT title FROM articles")) == [("Café",), ("Été",)]


def test_duplicates_and_updates_keep_read_and_starred(httpserver, db):
    version = {"n": 1}

    def handler(request: Request) -> Response:
        if version["n"] == 1:
            items = [("a", "Alpha", "<p>old</p>"), ("a", "Alpha dup", "<p>dup</p>")]
            items.append(("b", "Beta", "<p>b</p>"))
        else:
            items = [("a", "Alpha", "<p>new text</p>"), ("b", "Beta", "<p>b</p>")]
        return Response(_rss(items))

    httpserver.expect_request("/f").respond_with_handler(handler)
    _add(db, httpserver.url_for("/f"))
    assert refresh(db, _config()).new == 2  # the repeated guid is stored once
    store = Store.open(db)
    (a_id,) = _query(db, "SELECT id FROM articles WHERE guid='a'")[0]
    store.set_read([a_id], True)
    store.set_starred(a_id, True)
    store.close()
    version["n"] = 2
    summary = refresh(db, _config())
    assert (summary.new, summary.updated) == (0, 1)
    row = _query(db, "SELECT text, read, starred, enriched > 0 FROM articles WHERE id=?", [a_id])
    assert row == [("new text", 1, 1, 1)]
    assert _query(db, "SELECT count(*) FROM articles")[0][0] == 2


ARTICLE_PAGE = """<!DOCTYPE html><html><head><title>The long story | Site</title></head>
<body><nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article><h1>The long story</h1>
{paras}
</article><footer>Copyright 2024 Site</footer></body></html>"""


def _page(n: int = 8) -> str:
    para = (
        "<p>Paragraph {i} of the full story, with enough words in it to look like real prose "
        "that a reader would want to read on a plane without any network at all.</p>"
    )
    return ARTICLE_PAGE.format(paras="\n".join(para.format(i=i) for i in range(n)))


def test_full_article_path_and_fallback(httpserver, db):
    items = [("good", "Good", "<p>Short teaser.</p>"), ("broken", "Broken", "<p>Teaser two.</p>")]
    httpserver.expect_request("/f").respond_with_data(_rss(items))
    httpserver.expect_request("/post/good").respond_with_data(
        _page(), content_type="text/html; charset=utf-8"
    )
    httpserver.expect_request("/post/broken").respond_with_data("nope", status=404)
    _add(db, httpserver.url_for("/f"))
    summary = refresh(db, _config(full_text=True))
    assert (summary.new, summary.pages, summary.pages_failed) == (2, 1, 1)
    rows = dict(
        (g, (src, state, text))
        for g, src, state, text in _query(
            db, "SELECT guid, text_source, page_state, text FROM articles"
        )
    )
    src, state, text = rows["good"]
    assert (src, state) == ("page", "done")
    assert "Paragraph 7 of the full story" in text and "Copyright" not in text
    assert rows["broken"] == ("summary", "failed", "Teaser two.")
    # Pages are fetched once: a second refresh does not ask for them again.
    page_hits = sum(1 for req, _ in httpserver.log if req.path.startswith("/post/"))
    refresh(db, _config(full_text=True))
    assert sum(1 for req, _ in httpserver.log if req.path.startswith("/post/")) == page_hits


def test_feed_text_kept_when_extraction_is_much_shorter(httpserver, db):
    long_content = "".join(f"<p>Feed paragraph {i} with plenty of words.</p>" for i in range(40))
    httpserver.expect_request("/f").respond_with_data(_rss([("x", "X", long_content)]))
    # The page carries far less than the feed: extraction "clearly failed".
    httpserver.expect_request("/post/x").respond_with_data(_page(2), content_type="text/html")
    _add(db, httpserver.url_for("/f"))
    refresh(db, _config(full_text=True))
    ((src, state, text),) = _query(db, "SELECT text_source, page_state, text FROM articles")
    assert state == "done" and src != "page" and "Feed paragraph 39" in text


def test_feeds_only_and_per_feed_switch(httpserver, db):
    httpserver.expect_request("/f").respond_with_data(_rss([("a", "A", "<p>t</p>")]))
    httpserver.expect_request("/g").respond_with_data(_rss([("b", "B", "<p>u</p>")]))
    httpserver.expect_request("/post/a").respond_with_data(_page(), content_type="text/html")
    httpserver.expect_request("/post/b").respond_with_data(_page(), content_type="text/html")
    _add(db, httpserver.url_for("/f"))
    refresh(db, _config(full_text=True), feeds_only=True)
    assert not [r for r, _ in httpserver.log if r.path.startswith("/post/")]
    assert _query(db, "SELECT page_state FROM articles") == [("skipped",)]
    # A feed with full text switched off gets no page fetches either.
    gid = _add(db, httpserver.url_for("/g"))
    store = Store.open(db)
    store.set_feed_full_text(gid, False)
    store.close()
    refresh(db, _config(full_text=True))
    assert not [r for r, _ in httpserver.log if r.path.startswith("/post/")]


def test_cli_progress_json(httpserver, run_cli, tmp_path):
    httpserver.expect_request("/f").respond_with_data(_rss([("a", "A", "<p>t</p>")]))
    httpserver.expect_request("/bad").respond_with_data("<html><body>hi</body></html>")
    config = tmp_path / "config.toml"
    config.write_text("[refresh]\nworkers = 0\nfull_text = false\n")
    _add(run_cli.db, httpserver.url_for("/f"))
    _add(run_cli.db, httpserver.url_for("/bad"))
    code, out, err = run_cli("--config", str(config), "refresh", "--progress-json")
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    feeds = [x for x in lines if x["event"] == "feed"]
    assert {x["status"] for x in feeds} == {"new", "error"}
    assert all(x["total"] == 2 for x in feeds) and {x["done"] for x in feeds} == {1, 2}
    bad = next(x for x in feeds if x["status"] == "error")
    assert bad["error"] == "not a feed (HTML page)"
    assert lines[-1]["event"] == "done" and lines[-1]["new"] == 1 and lines[-1]["errors"] == 1
    # The summary line of a normal run; the error is shown by `reader feeds`.
    code, out, err = run_cli("--config", str(config), "refresh", "Local")
    assert code == 0 and "1 feeds" in out
    code, out, _ = run_cli("feeds", "--json")
    assert "not a feed (HTML page)" in out


def test_process_pool_path(httpserver, db):
    """The real worker processes (spawn/forkserver): parsing and analysis off the main one."""
    httpserver.expect_request("/f").respond_with_data(
        _rss([(str(i), f"Story {i}", f"<p>Body {i}</p>") for i in range(5)])
    )
    _add(db, httpserver.url_for("/f"))
    summary = refresh(db, _config(workers=1))
    assert (summary.new, summary.analysed, summary.errors) == (5, 5, 0)
    assert "parse" in summary.stages


def test_feed_set_full_text(run_cli):
    _add(run_cli.db, "https://example.com/feed.xml")
    code, out, _ = run_cli("feed-set", "1", "--full-text", "off")
    assert code == 0 and "full text off" in out
    assert _query(run_cli.db, "SELECT full_text FROM feeds") == [(0,)]
    code, out, _ = run_cli("feed-set", "https://example.com/feed.xml", "--full-text", "default")
    assert code == 0 and _query(run_cli.db, "SELECT full_text FROM feeds") == [(None,)]
    code, _, err = run_cli("feed-set", "99", "--full-text", "on")
    assert code == 1 and "no feed" in err


def test_articles_left_unanalysed_are_picked_up(httpserver, db):
    """After a crash (or --feeds-only) stored articles without analysis get it next time."""
    from reader.models import ParsedEntry

    httpserver.expect_request("/f").respond_with_data("", status=304)
    fid = _add(db, httpserver.url_for("/f"))
    store = Store.open(db)
    store.upsert_entries(fid, [ParsedEntry(guid="x", title="Left", summary="Text of it.")])
    store.close()
    assert _query(db, "SELECT enriched, page_state FROM articles") == [(0, None)]
    refresh(db, _config(), feeds_only=True)  # --feeds-only leaves them for later
    assert _query(db, "SELECT enriched FROM articles") == [(0,)]
    summary = refresh(db, _config())
    assert summary.analysed == 1
    assert _query(db, "SELECT enriched > 0, page_state FROM articles") == [(1, "skipped")]


def test_backoff_grows_and_is_capped():
    from datetime import UTC, datetime, timedelta

    from reader.services.refresh import backoff_until

    now = datetime(2024, 1, 1, tzinfo=UTC)
    assert backoff_until(1, now) is None  # the first failure is retried next time
    waits = [backoff_until(n, now) - now for n in range(2, 8)]
    assert waits == sorted(waits) and waits[0] == timedelta(minutes=30)
    assert backoff_until(50, now) - now == timedelta(hours=24)


def test_per_host_limit(threaded_server, db):
    import threading

    lock = threading.Lock()
    state = {"now": 0, "max": 0}

    def handler(request: Request) -> Response:
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.2)
        with lock:
            state["now"] -= 1
        return Response(_rss([(request.path, "T", "<p>x</p>")]))

    for i in range(6):
        threaded_server.expect_request(f"/f{i}").respond_with_handler(handler)
        _add(db, threaded_server.url_for(f"/f{i}"))
    summary = refresh(db, _config(concurrency=8, per_host=2, timeout=1.0))
    assert summary.errors == 0 and summary.new == 6  # waiting for a slot is not a timeout
    assert state["max"] == 2


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_exit_when_refresh_is_killed(threaded_server, tmp_path):
    """kill -9 of a refresh must not leave its worker processes behind."""
    import os
    import signal
    import subprocess
    import sys

    def slow_page(request: Request) -> Response:
        time.sleep(2)
        return Response("<html><body><p>late</p></body></html>", content_type="text/html")

    threaded_server.expect_request("/f").respond_with_data(_rss([("a", "A", "<p>t</p>")]))
    threaded_server.expect_request("/post/a").respond_with_handler(slow_page)
    db = tmp_path / "k.db"
    _add(db, threaded_server.url_for("/f"))
    config = tmp_path / "c.toml"
    config.write_text("[refresh]\nworkers = 1\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "--db", str(db), "--config", str(config), "refresh"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, READER_NER="fallback"),
    )
    try:
        workers: list[int] = []
        deadline = time.monotonic() + 20
        # The worker parsed the feed; the page fetch keeps the refresh busy.
        while time.monotonic() < deadline and not any(
            req.path == "/post/a" for req, _ in threaded_server.log
        ):
            time.sleep(0.05)
        workers = _children(proc.pid)
        assert workers, "no worker process started"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.1)
    alive = [w for w in workers if Path(f"/proc/{w}/stat").exists()]
    # A zombie is reaped by init; only a running worker is a leak.
    running = [w for w in alive if ") Z" not in Path(f"/proc/{w}/stat").read_text()]
    assert not running
