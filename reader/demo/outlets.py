"""The six made-up outlets of the demo (all content in reader.demo.stories_* is fictional)."""

from __future__ import annotations

#: key -> (title, feed URL, site URL, tags)
OUTLETS: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "harbour": (
        "The Harbour Times",
        "https://harbour-times.example/feed.xml",
        "https://harbour-times.example/",
        ("News",),
    ),
    "northline": (
        "Northline Post",
        "https://northline-post.example/rss",
        "https://northline-post.example/",
        ("News",),
    ),
    "meridian": (
        "Meridian Daily",
        "https://meridian-daily.example/atom.xml",
        "https://meridian-daily.example/",
        ("World",),
    ),
    "ledger": (
        "The Civic Ledger",
        "https://civic-ledger.example/feed",
        "https://civic-ledger.example/",
        ("Politics", "Business"),
    ),
    "pacific": (
        "Pacific Wire",
        "https://pacific-wire.example/feeds/all.xml",
        "https://pacific-wire.example/",
        ("World",),
    ),
    "signal": (
        "Signal Bulletin",
        "https://signal-bulletin.example/index.xml",
        "https://signal-bulletin.example/",
        ("Tech", "Science"),
    ),
}
