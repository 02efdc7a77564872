"""Politeness under failure, counted on the server: Retry-After is honoured across refreshes,
and a feed that keeps failing is retried with growing backoff instead of every run.

Time passing is simulated by moving the stored ``retry_after`` into the past (no sleeps).
"""

from __future__ import annotations

import email.utils
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.reliability_support import Handler, LocalServer, rss


@pytest.fixture
def server():
    s = LocalServer().start()
    yield s
    s.stop()


@pytest.fixture
def cli(run_cli, tmp_path: Path):
    """run_cli with a config that keeps the work in-process (fast) and short timeouts."""
    config = tmp_path / "config.toml"
    config.write_text("[refresh]\nworkers = 0\ntimeout = 5.0\nfull_text = false\n")

    def run(*args: str):
        code, out, err = run_cli("--config", str(config), *args)
        assert code == 0, err
        return out, err

    run.db = run_cli.db  # type: ignore[attr-defined]
    return run


def _feed(cli, url: str):
    from reader.store import Store

    store = Store.open(cli.db)
    try:
        return store.find_feed_by_url(url)
    finally:
        store.close()


def _add(cli, url: str) -> None:
    from reader.store import Store

    store = Store.open(cli.db)
    try:
        store.add_feed(url)
    finally:
        store.close()


def _time_passes(cli, url: str) -> None:
    """Pretend the feed's wait is over: move retry_after into the past."""
    past = (datetime.now(UTC) - timedelta(seconds=1)).isoformat()
    conn = sqlite3.connect(cli.db)
    with conn:
        conn.execute("UPDATE feeds SET retry_after = ? WHERE url = ?", [past, url])
    conn.close()


def _refresh(cli) -> None:
    cli("refresh", "--feeds-only", "--quiet")


def _status(status: int, headers: dict[str, str] | None = None):
    def route(h: Handler) -> None:
        h.send_bytes(b"busy", status=status, content_type="text/plain", headers=headers)

    return route


@pytest.mark.parametrize(
    ("status", "retry_after", "wait"),
    [
        (429, "3600", timedelta(hours=1)),
        (503, "7200", timedelta(hours=2)),
        (503, "http-date", timedelta(hours=3)),
    ],
)
def test_retry_after_is_honoured_across_refreshes(
    cli, server: LocalServer, status: int, retry_after: str, wait: timedelta
) -> None:
    if retry_after == "http-date":
        retry_after = email.utils.format_datetime(datetime.now(UTC) + wait, usegmt=True)
    url = server.route("/busy.xml", _status(status, {"Retry-After": retry_after}))
    _add(cli, url)
    _refresh(cli)
    assert server.hits["/busy.xml"] == 1
    feed = _feed(cli, url)
    assert feed.last_status == "error" and str(status) in feed.last_error
    assert "\n" not in feed.last_error
    assert feed.retry_after is not None
    left = feed.retry_after - datetime.now(UTC)
    assert wait - timedelta(minutes=2) < left <= wait + timedelta(minutes=1)

    for _ in range(3):
        _refresh(cli)
    assert server.hits["/busy.xml"] == 1, "asked again before Retry-After"

    # Once the time has come the feed is fetched again, and a success clears the wait.
    server.static("/busy.xml", rss("Back", [("b1", "Back again")]))
    _time_passes(cli, url)
    _refresh(cli)
    assert server.hits["/busy.xml"] == 2
    feed = _feed(cli, url)
    assert feed.last_status == "new" and feed.articles == 1
    assert feed.retry_after is None and feed.error_count == 0


def test_retry_after_is_capped(cli, server: LocalServer) -> None:
    """A silly Retry-After (a year) cannot silence a feed for ever."""
    url = server.route("/forever.xml", _status(429, {"Retry-After": str(365 * 86400)}))
    _add(cli, url)
    _refresh(cli)
    feed = _feed(cli, url)
    assert feed.retry_after - datetime.now(UTC) <= timedelta(days=7, minutes=1)


def test_failing_feed_is_retried_with_growing_backoff(cli, server: LocalServer) -> None:
    url = server.route("/broken.xml", _status(500))
    good = server.static("/fine.xml", rss("Fine", [("f1", "One")]))
    _add(cli, url)
    _add(cli, good)

    _refresh(cli)  # first failure: tried again next time (could be a blip)
    _refresh(cli)  # second failure in a row: backoff starts
    assert server.hits["/broken.xml"] == 2
    feed = _feed(cli, url)
    assert feed.error_count == 2 and feed.retry_after is not None
    first_wait = feed.retry_after - datetime.now(UTC)
    assert first_wait > timedelta(minutes=5)

    for _ in range(3):
        _refresh(cli)
    assert server.hits["/broken.xml"] == 2, "a failing feed was hammered"
    assert server.hits["/fine.xml"] == 5, "the healthy feed must still be fetched every run"

    _time_passes(cli, url)
    _refresh(cli)
    assert server.hits["/broken.xml"] == 3
    feed = _feed(cli, url)
    assert feed.error_count == 3
    second_wait = feed.retry_after - datetime.now(UTC)
    assert second_wait > first_wait * 1.5, (first_wait, second_wait)


def test_connection_refused_also_backs_off(cli, server: LocalServer) -> None:
    """Network errors (nothing listening) count as failures like HTTP errors do."""
    dead = LocalServer()
    url = dead.url("/nobody.xml")
    dead.server_close()  # the port is closed: connection refused
    _add(cli, url)
    _refresh(cli)
    _refresh(cli)
    feed = _feed(cli, url)
    assert feed.last_status == "error" and feed.error_count == 2
    assert feed.retry_after is not None and feed.retry_after > datetime.now(UTC)
    assert "\n" not in feed.last_error


def test_conditional_requests_after_first_fetch(cli, server: LocalServer) -> None:
    """Politeness when all is well: validators are sent back, and a 304 is not parsed."""

    def route(h: Handler) -> None:
        if h.headers.get("If-None-Match") == '"v1"':
            h.send_response(304)
            h.send_header("ETag", '"v1"')
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        h.send_bytes(rss("Cond", [("c1", "One")]), headers={"ETag": '"v1"'})

    url = server.route("/cond.xml", route)
    _add(cli, url)
    _refresh(cli)
    _refresh(cli)
    headers = [hdrs for _, path, hdrs in server.log if path == "/cond.xml"]
    assert len(headers) == 2
    assert "If-None-Match" not in headers[0]
    assert headers[1].get("If-None-Match") == '"v1"'
    assert _feed(cli, url).last_status == "unchanged"
