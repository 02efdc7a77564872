"""reader.http against a local server: redirects, caps, compression, deadlines, validators."""

from __future__ import annotations

import gzip
import socket
import threading
import time
import zlib
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from werkzeug import Request, Response

from reader.http import USER_AGENT, afetch, fetch, parse_retry_after


def test_user_agent_and_conditional_headers(httpserver):
    seen = {}

    def handler(request: Request) -> Response:
        seen.update(request.headers)
        return Response(status=304, headers={"ETag": '"v2"'})

    httpserver.expect_request("/feed").respond_with_handler(handler)
    res = fetch(
        httpserver.url_for("/feed"), etag='"v1"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT"
    )
    assert seen["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("reader/")
    assert seen["If-None-Match"] == '"v1"'
    assert seen["If-Modified-Since"] == "Mon, 01 Jan 2024 00:00:00 GMT"
    assert "gzip" in seen["Accept-Encoding"]
    assert res.status == 304 and res.not_modified and res.error is None
    assert res.etag == '"v2"'


def test_permanent_vs_temporary_redirect(httpserver):
    httpserver.expect_request("/old").respond_with_response(
        Response(status=301, headers={"Location": "/new"})
    )
    httpserver.expect_request("/tmp").respond_with_response(
        Response(status=302, headers={"Location": "/new"})
    )
    httpserver.expect_request("/perm308").respond_with_response(
        Response(status=308, headers={"Location": "/tmp"})
    )
    httpserver.expect_request("/new").respond_with_data("<rss/>")
    moved = fetch(httpserver.url_for("/old"))
    assert moved.ok and moved.content == b"<rss/>"
    assert moved.permanent_redirect == httpserver.url_for("/new")
    temp = fetch(httpserver.url_for("/tmp"))
    assert temp.ok and temp.permanent_redirect is None
    assert temp.final_url == httpserver.url_for("/new")
    # 308 then 302: only the permanent part of the chain is recorded.
    mixed = fetch(httpserver.url_for("/perm308"))
    assert mixed.ok and mixed.permanent_redirect == httpserver.url_for("/tmp")


def test_redirect_loop_and_non_http_scheme(httpserver):
    httpserver.expect_request("/a").respond_with_response(
        Response(status=302, headers={"Location": "/b"})
    )
    httpserver.expect_request("/b").respond_with_response(
        Response(status=302, headers={"Location": "/a"})
    )
    httpserver.expect_request("/file").respond_with_response(
        Response(status=301, headers={"Location": "file:///etc/passwd"})
    )
    assert fetch(httpserver.url_for("/a")).error == "redirect loop"
    res = fetch(httpserver.url_for("/file"))
    assert res.error.startswith("redirected to a non-http URL") and res.content == b""
    assert "only http" in fetch("file:///etc/passwd").error


def test_too_many_redirects(httpserver):
    for i in range(8):
        httpserver.expect_request(f"/r{i}").respond_with_response(
            Response(status=302, headers={"Location": f"/r{i + 1}"})
        )
    assert fetch(httpserver.url_for("/r0")).error.startswith("too many redirects")


def test_http_errors_are_one_line(httpserver):
    httpserver.expect_request("/gone").respond_with_data("bye", status=410)
    httpserver.expect_request("/busy").respond_with_response(
        Response("slow down", status=429, headers={"Retry-After": "120"})
    )
    gone = fetch(httpserver.url_for("/gone"))
    assert gone.status == 410 and gone.error.startswith("HTTP 410")
    busy = fetch(httpserver.url_for("/busy"))
    assert busy.status == 429
    now = datetime.now(UTC)
    when = busy.retry_after(now)
    assert when is not None and timedelta(seconds=119) < when - now <= timedelta(seconds=121)


def test_retry_after_formats():
    now = datetime(2024, 1, 1, tzinfo=UTC)
    assert parse_retry_after("30", now) == now + timedelta(seconds=30)
    assert parse_retry_after("Mon, 01 Jan 2024 01:00:00 GMT", now) == now + timedelta(hours=1)
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after("999999999", now) == now + timedelta(days=7)  # capped


def test_gzip_and_deflate_decoded(httpserver):
    body = "<rss>héllo</rss>".encode() * 100
    httpserver.expect_request("/gz").respond_with_data(
        gzip.compress(body), headers={"Content-Encoding": "gzip"}
    )
    raw = zlib.compressobj(wbits=-15)
    httpserver.expect_request("/raw").respond_with_data(
        raw.compress(body) + raw.flush(), headers={"Content-Encoding": "deflate"}
    )
    httpserver.expect_request("/zl").respond_with_data(
        zlib.compress(body), headers={"Content-Encoding": "deflate"}
    )
    for path in ("/gz", "/raw", "/zl"):
        res = fetch(httpserver.url_for(path))
        assert res.ok and res.content == body, path


def test_size_cap_plain_and_gzip_bomb(httpserver):
    httpserver.expect_request("/big").respond_with_data(b"x" * 5000)
    res = fetch(httpserver.url_for("/big"), max_bytes=1000)
    assert res.error.startswith("too large") and res.content == b""
    # 50 MB of zeros compress to ~50 KB: the cap applies to what it decompresses to.
    bomb = gzip.compress(b"\0" * 50_000_000)
    httpserver.expect_request("/bomb").respond_with_data(bomb, headers={"Content-Encoding": "gzip"})
    started = time.monotonic()
    res = fetch(httpserver.url_for("/bomb"), max_bytes=1_000_000)
    assert res.error.startswith("too large") and res.content == b""
    assert time.monotonic() - started < 5


def test_charset_from_header(httpserver):
    httpserver.expect_request("/f").respond_with_data(
        b"x", headers={"Content-Type": 'application/rss+xml; charset="ISO-8859-1"'}
    )
    assert fetch(httpserver.url_for("/f")).charset == "ISO-8859-1"


class _Trickle:
    """A server that sends headers, then one byte per 0.2 s forever (slowloris)."""

    def __init__(self, mode: str = "trickle") -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.port = self.sock.getsockname()[1]
        self.mode = mode
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self.talk, args=(conn,), daemon=True).start()

    def talk(self, conn: socket.socket) -> None:
        try:
            conn.recv(4096)
            if self.mode == "silent":
                self.stop.wait(10)
                return
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n")
            while not self.stop.is_set():
                conn.sendall(b"x")
                time.sleep(0.2)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


@pytest.mark.parametrize("mode", ["trickle", "silent"])
def test_total_deadline(mode):
    server = _Trickle(mode)
    try:
        started = time.monotonic()
        res = fetch(f"http://127.0.0.1:{server.port}/feed", timeout=1.0)
        took = time.monotonic() - started
    finally:
        server.close()
    assert res.error and "timed out" in res.error
    assert took < 3.0


def test_connection_refused_never_raises():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    res = fetch(f"http://127.0.0.1:{port}/x", timeout=2)
    assert res.status == 0 and res.error == "connection refused"


async def test_async_fetch_and_deadline(httpserver):
    httpserver.expect_request("/gz").respond_with_data(
        gzip.compress(b"abc" * 10), headers={"Content-Encoding": "gzip"}
    )
    server = _Trickle()
    try:
        async with httpx.AsyncClient(follow_redirects=False) as client:
            res = await afetch(client, httpserver.url_for("/gz"))
            assert res.ok and res.content == b"abc" * 10
            started = time.monotonic()
            slow = await afetch(client, f"http://127.0.0.1:{server.port}/", timeout=1.0)
            assert "timed out" in slow.error
            assert time.monotonic() - started < 2.5
    finally:
        server.close()
