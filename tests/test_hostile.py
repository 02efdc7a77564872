"""Hostile XML and HTTP: each case ends in a clean per-feed error, in bounded time and memory.

A threaded loopback server serves: billion laughs, quadratic blowup, external entities
pointing at a local file (its content must never reach the cache), a gzip bomb, an endless
response, a slow trickle (total deadline), a body far over the size cap, redirect loops and
redirects to file:// and ftp://. The HTTP cases are checked at two levels: ``reader.http.fetch``
directly (fast), and the whole set at once through a real ``reader refresh`` subprocess, whose
wall time and peak memory are bounded, while an ordinary feed served beside them is ingested.
"""

from __future__ import annotations

import gzip
import sqlite3
import time
import zlib
from pathlib import Path

import pytest

from tests.reliability_support import (
    Handler,
    LocalServer,
    rss,
    run_reader,
    write_config,
)

SECRET = "TOPSECRET-7f3a9c1e-local-file-content"
CAP = 1_000_000  # max_bytes for the subprocess run (config), so the tests stay fast
DEADLINE = 1.0  # refresh.timeout for the subprocess run (config)

# --- hostile documents -------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs</title><link>http://example.com/</link>
<item><guid>laugh-1</guid><title>&lol9;</title><description>&lol9;</description></item>
</channel></rss>
"""


def quadratic_blowup() -> bytes:
    """One 50 kB entity referenced 20,000 times: 1 GB if expanded naively."""
    refs = "&a;" * 20_000
    return (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE rss [<!ENTITY a "{"x" * 50_000}">]>\n'
        '<rss version="2.0"><channel><title>Quadratic</title><link>http://example.com/</link>'
        f"<item><guid>q-1</guid><title>q</title><description>{refs}</description></item>"
        "</channel></rss>"
    ).encode()


def xxe_file(secret_path: Path) -> bytes:
    """An external general entity that names a local file."""
    return (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret_path}">]>\n'
        '<rss version="2.0"><channel><title>XXE &xxe;</title><link>http://example.com/</link>'
        "<item><guid>xxe-1</guid><title>Leak &xxe;</title>"
        "<description>Body &xxe;</description></item></channel></rss>"
    ).encode()


def xxe_parameter(secret_path: Path, dtd_url: str) -> bytes:
    """A parameter entity and an external DTD fetched over HTTP (must not be fetched)."""
    return (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE rss SYSTEM "{dtd_url}" [<!ENTITY % p SYSTEM "file://{secret_path}"> %p;]>\n'
        '<rss version="2.0"><channel><title>XXE2</title><link>http://example.com/</link>'
        "<item><guid>xxe-2</guid><title>Param</title><description>d</description></item>"
        "</channel></rss>"
    ).encode()


_BOMB_CACHE: dict[int, bytes] = {}


def gzip_bomb(decompressed: int = 300_000_000) -> bytes:
    """``decompressed`` bytes of a feed-looking prefix plus spaces, gzip-compressed (~300 kB)."""
    if decompressed not in _BOMB_CACHE:
        comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        parts = [comp.compress(b'<?xml version="1.0"?><rss version="2.0"><channel><title>')]
        block = b" " * 1_000_000
        for _ in range(decompressed // len(block)):
            parts.append(comp.compress(block))
        parts.append(comp.flush())
        _BOMB_CACHE[decompressed] = b"".join(parts)
    return _BOMB_CACHE[decompressed]


# --- hostile HTTP behaviours -------------------------------------------------------------


def endless(h: Handler) -> None:
    """A chunked body that never ends (until the client hangs up or the test stops)."""
    h.send_response(200)
    h.send_header("Content-Type", "application/rss+xml")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    h.wfile.write(
        b"3c\r\n" + b'<?xml version="1.0"?><rss version="2.0"><channel><title>E'.ljust(60) + b"\r\n"
    )
    chunk = b"<item><title>more</title></item>" * 2000
    frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    while not h.stopping:
        h.wfile.write(frame)


def trickle(h: Handler) -> None:
    """Headers at once, then one byte every 0.2 s forever: only a total deadline stops it."""
    h.close_connection = True
    h.send_response(200)
    h.send_header("Content-Type", "application/rss+xml")
    h.send_header("Connection", "close")  # no length: the body ends when the server says
    h.end_headers()
    while not h.stopping:
        h.wfile.write(b" ")
        h.wfile.flush()
        time.sleep(0.2)


def silent(h: Handler) -> None:
    """Accepts the request and never answers."""
    h.close_connection = True
    while not h.stopping:
        time.sleep(0.1)


def huge_with_length(h: Handler) -> None:
    """Announces and sends a body 50x the cap."""
    size = 50 * CAP
    h.send_response(200)
    h.send_header("Content-Type", "application/rss+xml")
    h.send_header("Content-Length", str(size))
    h.end_headers()
    block = b" " * 65536
    sent = 0
    while sent < size and not h.stopping:
        h.wfile.write(block)
        sent += len(block)


def huge_no_length(h: Handler) -> None:
    """A body 50x the cap with no Content-Length (ends by closing the connection)."""
    h.close_connection = True
    h.send_response(200)
    h.send_header("Content-Type", "application/rss+xml")
    h.send_header("Connection", "close")
    h.end_headers()
    block = b"<item><title>x</title></item>" * 2000
    sent = 0
    while sent < 50 * CAP and not h.stopping:
        h.wfile.write(block)
        sent += len(block)


def redirect_to(location: str, status: int = 302):
    def route(h: Handler) -> None:
        h.send_bytes(b"", status=status, content_type=None, headers={"Location": location})

    return route


def gzip_route(body: bytes):
    def route(h: Handler) -> None:
        h.send_bytes(body, content_type="application/rss+xml", headers={"Content-Encoding": "gzip"})

    return route


# --- fixtures ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def secret_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("secret") / "secret.txt"
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile(secret_file: Path):
    """The server with every hostile route; yields (server, {case: url})."""
    server = LocalServer().start()
    urls: dict[str, str] = {}
    urls["billion_laughs"] = server.static("/laughs.xml", BILLION_LAUGHS)
    urls["billion_laughs_utf16"] = server.static(
        "/laughs16.xml",
        BILLION_LAUGHS.replace(b'"1.0"?>', b'"1.0" encoding="utf-16"?>', 1)
        .decode()
        .encode("utf-16"),
    )
    urls["quadratic"] = server.static("/quadratic.xml", quadratic_blowup())
    urls["xxe_file"] = server.static("/xxe.xml", xxe_file(secret_file))
    dtd = server.static(
        "/evil.dtd", f'<!ENTITY % q "{SECRET}">'.encode(), content_type="application/xml-dtd"
    )
    urls["xxe_parameter"] = server.static("/xxe2.xml", xxe_parameter(secret_file, dtd))
    urls["gzip_bomb"] = server.route("/bomb.xml", gzip_route(gzip_bomb()))
    urls["endless"] = server.route("/endless.xml", endless)
    urls["trickle"] = server.route("/trickle.xml", trickle)
    urls["silent"] = server.route("/silent.xml", silent)
    urls["huge_length"] = server.route("/huge1.xml", huge_with_length)
    urls["huge_chunked"] = server.route("/huge2.xml", huge_no_length)
    server.route("/loop-a", redirect_to("/loop-b", 301))
    urls["redirect_loop"] = server.route("/loop-b", redirect_to("/loop-a", 302))
    urls["redirect_self"] = server.route("/self", redirect_to("/self", 307))
    for i in range(30):
        server.route(f"/chain{i}", redirect_to(f"/chain{i + 1}"))
    server.static("/chain30", rss("end of chain", [("c", "c")]))
    urls["redirect_chain"] = server.url("/chain0")
    urls["redirect_file"] = server.route("/to-file", redirect_to(f"file://{secret_file}", 301))
    urls["redirect_ftp"] = server.route("/to-ftp", redirect_to("ftp://127.0.0.1/feed.xml"))
    urls["not_found"] = server.static("/gone.xml", b"no", status=404, content_type="text/plain")
    urls["good"] = server.static("/good.xml", rss("Good feed", [("g1", "One"), ("g2", "Two")]))
    yield server, urls
    server.stop()


# Cases whose fetch must fail (the XML ones may fetch fine and fail, or be ingested safely,
# when parsed).
HTTP_CASES = [
    "gzip_bomb",
    "endless",
    "trickle",
    "silent",
    "huge_length",
    "huge_chunked",
    "redirect_loop",
    "redirect_self",
    "redirect_chain",
    "redirect_file",
    "redirect_ftp",
    "not_found",
]
XML_CASES = ["billion_laughs", "billion_laughs_utf16", "quadratic", "xxe_file", "xxe_parameter"]


# --- reader.http.fetch directly ----------------------------------------------------------


@pytest.mark.parametrize("case", HTTP_CASES)
def test_fetch_ends_in_one_line_error(hostile, case: str) -> None:
    from reader.http import fetch

    _, urls = hostile
    start = time.monotonic()
    result = fetch(urls[case], timeout=DEADLINE, max_bytes=CAP)
    elapsed = time.monotonic() - start
    assert result.error, f"{case}: expected an error, got status {result.status}"
    assert "\n" not in result.error and len(result.error) <= 300
    assert result.content == b""
    assert elapsed < DEADLINE + 3, f"{case} took {elapsed:.1f} s"


@pytest.mark.parametrize("case", HTTP_CASES)
def test_afetch_ends_in_one_line_error(hostile, case: str) -> None:
    """The async fetcher (used by refresh) gives the same bounded, one-line outcome."""
    import asyncio

    from reader.http import afetch, make_async_client

    _, urls = hostile

    async def go():
        async with make_async_client(timeout=DEADLINE) as client:
            return await afetch(client, urls[case], timeout=DEADLINE, max_bytes=CAP)

    start = time.monotonic()
    result = asyncio.run(go())
    elapsed = time.monotonic() - start
    assert result.error, f"{case}: expected an error, got status {result.status}"
    assert "\n" not in result.error and len(result.error) <= 300
    assert result.content == b""
    assert elapsed < DEADLINE + 3, f"{case} took {elapsed:.1f} s"


def test_fetch_never_reads_local_file_on_redirect(hostile) -> None:
    from reader.http import fetch

    _, urls = hostile
    result = fetch(urls["redirect_file"], timeout=DEADLINE, max_bytes=CAP)
    assert "non-http" in result.error
    assert SECRET.encode() not in result.content


def test_fetch_follows_a_short_redirect_chain(hostile) -> None:
    """Sanity check for the redirect cases: a legitimate one-hop redirect works."""
    from reader.http import fetch

    server, _ = hostile
    server.static("/final.xml", rss("final", [("f", "f")]))
    url = server.route("/hop", redirect_to("/final.xml", 301))
    result = fetch(url, timeout=DEADLINE, max_bytes=CAP)
    assert result.ok and b"final" in result.content
    assert result.permanent_redirect == server.url("/final.xml")


def test_fetch_gzip_within_cap_is_decoded(hostile) -> None:
    server, _ = hostile
    from reader.http import fetch

    body = rss("zipped", [("z", "z")])
    url = server.route("/zipped.xml", gzip_route(gzip.compress(body)))
    result = fetch(url, timeout=DEADLINE, max_bytes=CAP)
    assert result.ok and result.content == body


# --- the parser on hostile XML -----------------------------------------------------------


def _parse(data: bytes):
    from reader import feeds

    return feeds.parse_feed(
        data, url="http://example.com/feed", headers={"content-type": "application/rss+xml"}
    )


@pytest.mark.parametrize("case", XML_CASES)
def test_parser_is_bounded_on_entity_attacks(hostile, secret_file: Path, case: str) -> None:
    import resource

    server, urls = hostile
    from reader.http import fetch

    data = fetch(urls[case], timeout=DEADLINE, max_bytes=CAP).content
    assert data
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    parsed = _parse(data)  # parse_feed never raises: problems become .error
    elapsed = time.monotonic() - start
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert elapsed < 10, f"{case}: parsing took {elapsed:.1f} s"
    assert grown_mb < 200, f"{case}: parsing grew memory by {grown_mb:.0f} MB"
    assert SECRET not in repr(parsed)
    if parsed.error:
        assert "\n" not in parsed.error
    longest = max((len(repr(e)) for e in parsed.entries), default=0)
    assert longest < CAP, f"{case}: an entity was expanded ({longest} characters)"
    assert server.hits["/evil.dtd"] == 0, "an external DTD was fetched"


# --- all of it through `reader refresh` ---------------------------------------------------


@pytest.fixture(scope="module")
def refreshed(hostile, tmp_path_factory: pytest.TempPathFactory):
    """One real `reader refresh --feeds-only` over every hostile feed plus a good one."""
    from reader.store import Store

    server, urls = hostile
    home = tmp_path_factory.mktemp("hostile-home")
    write_config(home, f"[refresh]\ntimeout = {DEADLINE}\nmax_bytes = {CAP}\nfull_text = false\n")
    db = home / "reader.db"
    store = Store.open(db)
    ids = {case: store.add_feed(url).id for case, url in urls.items()}
    store.close()
    run = run_reader("--db", str(db), "refresh", "--feeds-only", home=home, timeout=90)
    store = Store.open(db)
    feeds = {case: store.get_feed(feed_id) for case, feed_id in ids.items()}
    store.close()
    return run, feeds, db


def test_refresh_survives_everything_in_bounded_time_and_memory(refreshed) -> None:
    run, feeds, _ = refreshed
    assert not run.timed_out, "reader refresh hung"
    assert run.code == 0, run.err[-2000:]
    assert "Traceback" not in run.err
    # Every hostile feed runs at once: the slowest is bounded by the deadline, plus start-up.
    assert run.seconds < DEADLINE * 4 + 25, f"took {run.seconds:.1f} s"
    assert run.max_rss_mb < 400, f"peak memory {run.max_rss_mb:.0f} MB"
    assert feeds["good"].last_error in (None, "")
    assert feeds["good"].articles == 2


@pytest.mark.parametrize("case", HTTP_CASES)
def test_refresh_marks_hostile_feed_with_one_line_error(refreshed, case: str) -> None:
    _, feeds, _ = refreshed
    feed = feeds[case]
    assert feed.last_status == "error", f"{case}: status {feed.last_status}"
    assert feed.last_error and "\n" not in feed.last_error, repr(feed.last_error)
    assert feed.articles == 0


@pytest.mark.parametrize("case", XML_CASES)
def test_refresh_entity_attacks_are_harmless(refreshed, case: str) -> None:
    """Either refused with a one-line error, or ingested without expanding or leaking."""
    _, feeds, db = refreshed
    feed = feeds[case]
    if feed.last_status == "error":
        assert feed.last_error and "\n" not in feed.last_error
    conn = sqlite3.connect(db)
    try:
        longest = conn.execute(
            "SELECT max(length(title) + length(summary) + length(text)) FROM articles"
            " WHERE feed_id = ?",
            [feed.id],
        ).fetchone()[0]
    finally:
        conn.close()
    assert (longest or 0) < CAP, f"{case}: an entity was expanded to {longest} characters"


def test_refresh_never_reads_local_files(refreshed, hostile) -> None:
    """The secret file's content appears nowhere in the cache (db, WAL) or the output."""
    run, _, db = refreshed
    server, _ = hostile
    for path in db.parent.glob(db.name + "*"):
        assert SECRET.encode() not in path.read_bytes(), f"secret leaked into {path.name}"
    assert SECRET not in run.out and SECRET not in run.err
    assert server.hits["/evil.dtd"] == 0, "an external DTD was fetched"
