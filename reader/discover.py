"""Feed autodiscovery: from a URL that may be a feed or a web page, to feed URLs.

1. Fetch the URL (reader.http: http/https only, at most 5 redirects, a size cap, a deadline).
2. If the bytes look like a feed (RSS, Atom, RDF or JSON Feed: sniffed from the first bytes,
   then confirmed by feedparser), that is the feed.
3. If they are HTML, the page's ``<link rel="alternate">`` of feed types, in page order
   (relative hrefs resolved against ``<base>`` or the page's final URL).
4. Otherwise the usual places on the same site are probed (``/feed``, ``/rss.xml`` ...).

The first feed found is fetched to check it and to learn its title.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

from reader.errors import ReaderError
from reader.sanitize import clean_line
from reader.urls import is_http_url, normalize_url

#: ``type`` values of ``<link rel="alternate">`` that point at feeds.
FEED_LINK_TYPES = {
    "application/rss+xml": "rss",
    "application/atom+xml": "atom",
    "application/rdf+xml": "rdf",
    "application/feed+json": "json",
    "application/json": "json",
    "application/x.atom+xml": "atom",
    "application/x-atom+xml": "atom",
    "application/x-rss+xml": "rss",
    "text/xml": "rss",
    "application/xml": "rss",
}
#: Where feeds usually are when a page does not say.
PROBE_PATHS = ("/feed", "/rss.xml", "/atom.xml", "/index.xml", "/feed.xml", "/feeds/posts/default")
_SNIFF_BYTES = 4096


class DiscoveryError(ReaderError):
    """No feed could be found at a URL (one line, says why)."""

    def __init__(self, message: str) -> None:
        super().__init__(clean_line(message))  # may quote what a server sent


@dataclass(frozen=True)
class FoundFeed:
    """A feed URL found by discovery."""

    url: str
    title: str = ""
    kind: str = ""  # rss / atom / rdf / json ("" when not fetched)


@dataclass
class Discovery:
    """What discovery found for one URL: feeds, best first."""

    url: str
    feeds: list[FoundFeed] = field(default_factory=list)
    how: str = ""  # feed / links / probe
    #: The URL could not be fetched at all (no HTTP answer): a network problem.
    unreachable: str | None = None


# --------------------------------------------------------------------------- sniffing

_XML_START = re.compile(
    rb"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>[]*(?:\[.*?\])?\s*>)*<([A-Za-z_][\w.:-]*)",
    re.S,
)


def sniff(content: bytes, content_type: str = "") -> str:
    """What the bytes are: rss / atom / rdf / json / html / "" (something else).

    Only the first few KB are looked at, so a huge page costs nothing.
    """
    head = content[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf")
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[2:].decode(codec, errors="ignore").encode("utf-8")
    stripped = head.lstrip()
    if stripped.startswith(b"{"):
        return "json" if b"jsonfeed.org/version" in head else ""
    match = _XML_START.match(head)
    if match:
        name = match.group(1).lower()
        local = name.rsplit(b":", 1)[-1]
        if local == b"rss":
            return "rss"
        if local == b"feed":
            return "atom"
        if local == b"rdf" and (b"purl.org/rss" in head or b"<item" in head):
            return "rdf"
        if local == b"html":
            return "html"
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered or "html" in content_type.lower():
        return "html"
    return ""


def feed_title(content: bytes, kind: str) -> str | None:
    """The feed's own title, or None when the bytes do not parse as a feed."""
    if kind == "json":
        try:
            data = json.loads(content)
        except (ValueError, UnicodeDecodeError):
            return None
        return " ".join(str(data.get("title") or "").split()) if isinstance(data, dict) else None
    import feedparser

    parsed = feedparser.parse(content)
    if not parsed.get("version") and not parsed.entries and not parsed.feed.get("title"):
        return None
    return " ".join((parsed.feed.get("title") or "").split())


# --------------------------------------------------------------------------- HTML links


def feed_links(content: bytes, base_url: str) -> list[FoundFeed]:
    """``<link rel="alternate">`` feeds of an HTML page, in page order, without duplicates."""
    import lxml.html
    from lxml import etree

    try:
        doc = lxml.html.document_fromstring(content)
    except (etree.ParserError, ValueError):
        return []
    base = base_url
    for element in doc.iter("base"):
        href = (element.get("href") or "").strip()
        if href:
            base = urljoin(base_url, href)
            break
    found: list[FoundFeed] = []
    seen: set[str] = set()
    for element in doc.iter("link"):
        rels = (element.get("rel") or "").lower().split()
        kind = FEED_LINK_TYPES.get((element.get("type") or "").split(";")[0].strip().lower())
        if "alternate" not in rels or not kind or "stylesheet" in rels:
            continue
        href = (element.get("href") or "").strip()
        if not href:
            continue
        url = _fix_scheme(urljoin(base, href))
        if not is_http_url(url) or normalize_url(url) in seen:
            continue
        seen.add(normalize_url(url))
        found.append(FoundFeed(url, " ".join((element.get("title") or "").split()), kind))
    return found


def _fix_scheme(url: str) -> str:
    if url.lower().startswith("feed://"):
        return "http://" + url[7:]
    if url.lower().startswith("feed:http"):
        return url[5:]
    return url


# --------------------------------------------------------------------------- discovery


def discover(url: str, *, timeout: float = 20.0, max_bytes: int = 10_000_000) -> Discovery:
    """Find the feeds at ``url``; raises DiscoveryError when there are none.

    When the URL cannot be reached at all (no HTTP answer), returns a Discovery with
    ``unreachable`` set and no feeds, so the caller can decide what to do offline.
    """
    from reader import http

    url = _fix_scheme(url.strip())
    if "://" not in url:
        url = "https://" + url
    if not is_http_url(url):
        raise DiscoveryError(f"not an http(s) URL: {url}")
    with http.make_client(timeout=timeout) as client:

        def get(target: str) -> http.FetchResult:
            return http.fetch(
                target,
                timeout=timeout,
                max_bytes=max_bytes,
                client=client,
                accept=http.FEED_ACCEPT + ", text/html;q=0.7",
            )

        first = get(url)
        if first.status == 0:
            return Discovery(url, unreachable=first.error or "no answer")
        if not first.ok:
            raise DiscoveryError(f"cannot fetch {url}: {first.error}")
        final = first.final_url or url
        kind = sniff(first.content, first.headers.get("content-type", ""))
        if kind in ("rss", "atom", "rdf", "json"):
            title = feed_title(first.content, kind)
            if title is not None:
                # Keep the URL the user gave unless a permanent redirect moved it.
                found = FoundFeed(first.permanent_redirect or url, title, kind)
                return Discovery(url, [found], how="feed")
        if kind != "html":
            raise DiscoveryError(f"{url} is neither a feed nor a web page")
        links = feed_links(first.content, final)
        if links:
            return Discovery(url, _check_first(links, get), how="links")
        for candidate in _probe_urls(final):
            result = get(candidate)
            if not result.ok:
                continue
            kind = sniff(result.content, result.headers.get("content-type", ""))
            if kind in ("rss", "atom", "rdf", "json"):
                title = feed_title(result.content, kind)
                if title is not None:
                    found = FoundFeed(result.permanent_redirect or candidate, title, kind)
                    return Discovery(url, [found], how="probe")
    raise DiscoveryError(f"no feed found at {url} (no feed links, none at the usual places)")


def _probe_urls(page_url: str) -> list[str]:
    parts = urlsplit(page_url)
    root = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    return [root + path for path in PROBE_PATHS]


def _check_first(links: list[FoundFeed], get) -> list[FoundFeed]:
    """Fetch the first linked feeds until one parses; it goes first, with its own title."""
    for i, link in enumerate(links[:3]):
        result = get(link.url)
        if not result.ok:
            continue
        kind = sniff(result.content, result.headers.get("content-type", ""))
        title = feed_title(result.content, kind) if kind not in ("", "html") else None
        if title is None:
            continue
        checked = FoundFeed(link.url, title or link.title, kind)
        return [checked, *links[:i], *links[i + 1 :]]
    # None could be checked (offline, odd servers): trust the page's order.
    return links
