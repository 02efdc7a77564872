"""Feed autodiscovery against a local HTTP server (pytest-httpserver)."""

from __future__ import annotations

import socket

import pytest
from pytest_httpserver import HTTPServer

from reader.discover import DiscoveryError, discover, feed_links, sniff

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>The  Feed</title>
<link>http://x/</link><item><title>one</title><guid>1</guid></item></channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Feed</title><id>x</id>
<updated>2024-01-01T00:00:00Z</updated></feed>"""
JSON_FEED = b'{"version": "https://jsonfeed.org/version/1.1", "title": "JSON Feed", "items": []}'


def page(head: str) -> bytes:
    html = f"<!doctype html><html><head><title>Site</title>{head}</head><body>hi</body></html>"
    return html.encode()


def closed_port() -> int:
    """A loopback port nothing listens on (bound then closed): connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_sniff() -> None:
    assert sniff(RSS) == "rss"
    assert sniff(ATOM) == "atom"
    assert sniff(JSON_FEED) == "json"
    assert (
        sniff(b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x" xmlns="http://purl.org/rss/1.0/">')
        == "rdf"
    )
    assert sniff(page("")) == "html"
    assert sniff(b"\xef\xbb\xbf<!-- c --><rss>") == "rss"
    assert sniff(b'{"just": "json"}') == ""
    assert sniff(b"\x89PNG\r\n") == ""


def test_feed_links_resolve_relative_and_base() -> None:
    html = page(
        '<link rel="alternate" type="application/rss+xml" title="Posts" href="/rss.xml">'
        '<link rel="Alternate" type="application/atom+xml" href="atom.xml">'
        '<link rel="alternate" type="application/feed+json" href="https://other.example/f.json">'
        '<link rel="alternate" type="text/html" href="/fr/">'
        '<link rel="stylesheet" href="/s.css">'
        '<link rel="alternate" type="application/rss+xml" href="/rss.xml">'
    )
    found = feed_links(html, "http://site.example/blog/post")
    assert [(f.url, f.title, f.kind) for f in found] == [
        ("http://site.example/rss.xml", "Posts", "rss"),
        ("http://site.example/blog/atom.xml", "", "atom"),
        ("https://other.example/f.json", "", "json"),
    ]
    with_base = page(
        '<base href="http://cdn.example/x/"><link rel="alternate" '
        'type="application/rss+xml" href="feed">'
    )
    assert feed_links(with_base, "http://site.example/")[0].url == "http://cdn.example/x/feed"


def test_url_that_is_a_feed(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data(
        RSS, content_type="application/rss+xml"
    )
    url = httpserver.url_for("/feed.xml")
    result = discover(url)
    assert result.how == "feed"
    assert [(f.url, f.title, f.kind) for f in result.feeds] == [(url, "The Feed", "rss")]
    [(request, _)] = httpserver.log
    assert "rss+xml" in request.headers["Accept"]


def test_page_with_links_checks_the_first(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data(
        page(
            '<link rel="alternate" type="application/atom+xml" title="Atom link" href="/atom">'
            '<link rel="alternate" type="application/rss+xml" title="Comments" href="/comments">'
        ),
        content_type="text/html; charset=utf-8",
    )
    httpserver.expect_request("/atom").respond_with_data(ATOM, content_type="application/atom+xml")
    result = discover(httpserver.url_for("/"))
    assert result.how == "links"
    assert [(f.url.rsplit("/", 1)[1], f.title) for f in result.feeds] == [
        ("atom", "Atom Feed"),  # the feed's own title, learnt by fetching it
        ("comments", "Comments"),
    ]


def test_first_link_broken_the_next_that_works_goes_first(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data(
        page(
            '<link rel="alternate" type="application/rss+xml" href="/gone">'
            '<link rel="alternate" type="application/feed+json" href="/feed.json">'
        ),
        content_type="text/html",
    )
    httpserver.expect_request("/gone").respond_with_data("nope", status=404)
    httpserver.expect_request("/feed.json").respond_with_data(
        JSON_FEED, content_type="application/feed+json"
    )
    result = discover(httpserver.url_for("/"))
    assert [f.url.rsplit("/", 1)[1] for f in result.feeds] == ["feed.json", "gone"]
    assert result.feeds[0].title == "JSON Feed"


def test_page_without_links_probes_usual_places(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/blog/").respond_with_data(page(""), content_type="text/html")
    httpserver.expect_request("/atom.xml").respond_with_data(ATOM, content_type="text/xml")
    result = discover(httpserver.url_for("/blog/"))
    assert result.how == "probe"
    assert [(f.url, f.title) for f in result.feeds] == [
        (httpserver.url_for("/atom.xml"), "Atom Feed")
    ]
    probed = [r.path for r, _ in httpserver.log]
    assert probed[:4] == ["/blog/", "/feed", "/rss.xml", "/atom.xml"]


def test_page_without_feeds_is_an_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data(page(""), content_type="text/html")
    with pytest.raises(DiscoveryError, match="no feed found at"):
        discover(httpserver.url_for("/"))


def test_http_error_and_non_feed(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/missing").respond_with_data("no", status=404)
    httpserver.expect_request("/image").respond_with_data(
        b"\x89PNG\r\n\x1a\n", content_type="image/png"
    )
    with pytest.raises(DiscoveryError, match="HTTP 404"):
        discover(httpserver.url_for("/missing"))
    with pytest.raises(DiscoveryError, match="neither a feed nor a web page"):
        discover(httpserver.url_for("/image"))


def test_redirects_followed_and_limited(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/new"}
    )
    httpserver.expect_request("/new").respond_with_data(RSS, content_type="application/rss+xml")
    result = discover(httpserver.url_for("/old"))
    # A permanent redirect: subscribe where the feed lives now.
    assert result.feeds[0].url == httpserver.url_for("/new")
    for i in range(7):
        httpserver.expect_request(f"/r{i}").respond_with_data(
            "", status=302, headers={"Location": f"/r{i + 1}"}
        )
    with pytest.raises(DiscoveryError, match="too many redirects"):
        discover(httpserver.url_for("/r0"))


def test_size_cap(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/big").respond_with_data(page("x" * 5000), content_type="text/html")
    with pytest.raises(DiscoveryError, match="cannot fetch"):
        discover(httpserver.url_for("/big"), max_bytes=1000)


def test_only_http_and_unreachable() -> None:
    with pytest.raises(DiscoveryError, match="not an http"):
        discover("ftp://example.com/feed")
    result = discover(f"http://127.0.0.1:{closed_port()}/feed", timeout=2)
    assert result.feeds == [] and result.unreachable
