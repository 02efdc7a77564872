"""Managing subscriptions: add (with discovery), import, export, remove, tag, rename.

The commands and the app both call these; nothing here prints.

Adding while offline: when the URL cannot be reached at all (no HTTP answer: DNS failure,
refused connection, timeout), the URL is subscribed as given, with a warning, so feeds can
be added without a network; the next refresh tells whether it is a feed. An HTTP error or a
page without feeds is an error and nothing is subscribed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import ReaderError
from reader.models import Feed
from reader.opml import ExportFeed, OpmlList, ParsedOpml, Unreadable, read_opml, write_opml
from reader.store.feeds_sql import DuplicateFeed
from reader.urls import is_http_url


@dataclass
class AddResult:
    """The outcome of ``add``: the new feed and the other feeds the page offered."""

    feed: Feed
    others: list[str] = field(default_factory=list)  # "title <url>" of other feeds found
    warning: str | None = None
    how: str = ""  # feed / links / probe / as-given


@dataclass
class ImportResult:
    """The outcome of an OPML import."""

    added: list[Feed]
    skipped: list[Feed]  # already subscribed (the existing feeds)
    unreadable: list[Unreadable]
    lists: list[OpmlList]  # other subscription lists the file links to (not followed)
    parsed: ParsedOpml


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags stripped of surrounding space, empty ones dropped, order kept, no repeats."""
    return list(dict.fromkeys(" ".join(t.split()) for t in tags if t and t.strip()))


def _clean_url(url: str) -> str:
    url = url.strip()
    if url and "://" not in url and not url.lower().startswith("feed:"):
        url = "https://" + url  # `reader add example.com` means the web site
    return url


def add_subscription(
    store,
    url: str,
    *,
    tags: Iterable[str] = (),
    title: str | None = None,
    discover: bool = True,
    timeout: float = 20.0,
    max_bytes: int = 10_000_000,
) -> AddResult:
    """Subscribe to the feed at ``url`` or the first feed its page offers.

    Raises DuplicateFeed when already subscribed (in any spelling), DiscoveryError when the
    URL answers but has no feed, ReaderError for a URL that is not http(s).
    """
    url = _clean_url(url)
    existing = store.find_feed_by_url(url)
    if existing:
        raise DuplicateFeed(existing)
    found_title = ""
    others: list[str] = []
    warning = None
    how = "as-given"
    if discover:
        from reader.discover import discover as run_discovery

        found = run_discovery(url, timeout=timeout, max_bytes=max_bytes)
        if found.unreachable:
            warning = (
                f"could not reach {url} ({found.unreachable}); subscribed as given:"
                " the next refresh tells whether it is a feed"
            )
        else:
            first, rest = found.feeds[0], found.feeds[1:]
            url, found_title, how = first.url, first.title, found.how
            others = [f"{f.title} <{f.url}>" if f.title else f.url for f in rest]
    if not is_http_url(url):
        raise ReaderError(f"not an http(s) URL: {url}")
    feed = store.add_feed(url, title=(title or "").strip(), tags=clean_tags(tags))
    if not title and found_title:
        # Not a custom title: a later refresh may update it from the feed.
        store.update_feed_meta(feed.id, title=found_title)
        feed = store.get_feed(feed.id)
    return AddResult(feed, others, warning, how)


def import_opml(store, path: Path, *, extra_tags: Iterable[str] = ()) -> ImportResult:
    """Subscribe to every feed in an OPML file, in one transaction.

    Raises OpmlError (naming the file) when it holds nothing usable.
    """
    parsed = read_opml(Path(path))
    extra = clean_tags(extra_tags)
    items = [
        {
            "url": f.url,
            "title": f.title,
            "site_url": f.site_url,
            "tags": clean_tags([*f.tags, *extra]),
        }
        for f in parsed.feeds
    ]
    added, skipped = store.add_feeds(items)
    return ImportResult(added, skipped, parsed.unreadable, parsed.lists, parsed)


def export_opml(store) -> tuple[str, int]:
    """Every subscription as OPML 2.0 text (titles, site URLs and tags), and how many."""
    feeds = [ExportFeed(f.url, f.title, f.site_url, tuple(f.tags)) for f in store.list_feeds()]
    return write_opml(feeds), len(feeds)


def remove_subscription(store, spec: str) -> Feed:
    """Unsubscribe (and delete the feed's stored articles); returns the removed feed."""
    feed = store.resolve_feed(spec)
    store.remove_feed(feed.id)
    return feed


def tag_subscription(store, spec: str, tags: Iterable[str], *, untag: bool = False) -> Feed:
    """Add tags to a feed, or remove them with ``untag``."""
    feed = store.resolve_feed(spec)
    wanted = clean_tags(tags)
    if not wanted:
        raise ReaderError("give at least one non-empty tag")
    if untag:
        new = [t for t in feed.tags if t not in wanted]
    else:
        new = [*feed.tags, *(t for t in wanted if t not in feed.tags)]
    return store.set_feed_tags(feed.id, new)


def rename_subscription(store, spec: str, title: str) -> Feed:
    """Give a feed a title of the user's own (refreshes will not change it)."""
    title = " ".join(title.split())
    if not title:
        raise ReaderError("the new title is empty")
    feed = store.resolve_feed(spec)
    return store.rename_feed(feed.id, title)
