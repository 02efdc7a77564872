"""Store methods for subscriptions (the feeds table)."""

from __future__ import annotations

import pytest

from reader.errors import NotFound, ReaderError
from reader.store.feeds_sql import DuplicateFeed


def test_add_and_get(store) -> None:
    feed = store.add_feed(
        "https://example.com/feed",
        title="Ex",
        site_url="https://example.com/",
        tags=["b", "a", "a"],
    )
    assert (feed.id, feed.url, feed.title, feed.site_url) == (
        1,
        "https://example.com/feed",
        "Ex",
        "https://example.com/",
    )
    assert feed.tags == ("a", "b") and feed.articles == 0 and feed.unread == 0
    assert feed.last_fetched is None and feed.last_error is None
    assert store.get_feed(1) == feed
    with pytest.raises(NotFound, match="no feed with id 2"):
        store.get_feed(2)


@pytest.mark.parametrize(
    "spelling",
    [
        "https://example.com/feed",
        "http://example.com/feed",
        "https://www.example.com/feed",
        "https://EXAMPLE.com/feed/",
        "https://example.com:443/feed#top",
        "  https://example.com/feed  ",
    ],
)
def test_duplicate_spellings(store, spelling: str) -> None:
    first = store.add_feed("https://example.com/feed", title="Ex")
    with pytest.raises(DuplicateFeed) as info:
        store.add_feed(spelling)
    assert info.value.feed == first
    assert str(info.value) == "already subscribed: Ex (https://example.com/feed), id 1"
    assert store.find_feed_by_url(spelling) == first
    assert len(store.list_feeds()) == 1


def test_different_paths_and_queries_are_different_feeds(store) -> None:
    store.add_feed("https://example.com/feed")
    store.add_feed("https://example.com/Feed")  # paths are case-sensitive
    store.add_feed("https://example.com/feed?tag=x")
    store.add_feed("https://example.com:8080/feed")
    assert len(store.list_feeds()) == 4
    assert store.find_feed_by_url("https://example.com/other") is None


def test_add_feeds_in_one_go(store) -> None:
    store.add_feed("https://old.example/rss", title="Old")
    added, skipped = store.add_feeds(
        [
            {"url": "https://a.example/rss", "title": "A", "tags": ["x", ""]},
            {"url": "http://www.old.example/rss/"},
            {"url": "https://b.example/rss", "site_url": "https://b.example/"},
            {"url": "https://A.example/rss"},  # the same as the first, in this batch
        ]
    )
    assert [(f.url, f.title, f.tags) for f in added] == [
        ("https://a.example/rss", "A", ("x",)),
        ("https://b.example/rss", "", ()),
    ]
    assert [f.title for f in skipped] == ["Old", "A"]
    assert added[1].site_url == "https://b.example/"
    assert len(store.list_feeds()) == 3


def test_add_feeds_is_all_or_nothing(store) -> None:
    with pytest.raises(KeyError):
        store.add_feeds([{"url": "https://a.example/rss"}, {"title": "no url"}])
    assert store.list_feeds() == []
    added, _ = store.add_feeds([{"url": "https://a.example/rss"}])
    assert len(added) == 1  # the store is usable after the rollback


def test_list_feeds_sorted_by_title_or_url(store) -> None:
    store.add_feed("https://z.example/feed", title="alpha")
    store.add_feed("https://b.example/feed")
    store.add_feed("https://c.example/feed", title="Beta")
    assert [f.display_title for f in store.list_feeds()] == [
        "alpha",
        "Beta",
        "https://b.example/feed",
    ]


@pytest.fixture
def three(store):
    store.add_feed("https://a.example/feed", title="Alpha News")
    store.add_feed("https://b.example/feed", title="Alpha Sport")
    store.add_feed("https://c.example/feed", title="100% Beta_x")
    return store


def test_resolve_by_id_url_and_prefix(three) -> None:
    assert three.resolve_feed("2").title == "Alpha Sport"
    assert three.resolve_feed("http://www.b.example/feed/").id == 2
    assert three.resolve_feed("alpha n").id == 1
    assert three.resolve_feed("  ALPHA SPORT ").id == 2
    # LIKE wildcards in the spec are literal characters.
    assert three.resolve_feed("100% B").id == 3
    with pytest.raises(NotFound):
        three.resolve_feed("100_")
    with pytest.raises(NotFound, match="no feed with id 9"):
        three.resolve_feed("9")
    with pytest.raises(NotFound, match="no feed matches 'Gamma'"):
        three.resolve_feed("Gamma")


def test_resolve_ambiguous_prefix(three) -> None:
    with pytest.raises(ReaderError, match=r"'Alpha' matches several feeds \(1: Alpha News, 2: "):
        three.resolve_feed("Alpha")


def test_exact_title_wins_over_prefix(store) -> None:
    store.add_feed("https://a.example/feed", title="News")
    store.add_feed("https://b.example/feed", title="News Daily")
    assert store.resolve_feed("news").id == 1


def test_tags_rename_remove(three) -> None:
    assert three.set_feed_tags(1, ["z", "a", "", "z"]).tags == ("a", "z")
    renamed = three.rename_feed(1, "Renamed")
    assert renamed.title == "Renamed"
    # A title the user chose is kept when a refresh learns the feed's own title.
    three.update_feed_meta(1, title="From the feed")
    assert three.get_feed(1).title == "Renamed"
    three.remove_feed(2)
    assert [f.id for f in three.list_feeds()] == [3, 1]
    with pytest.raises(NotFound):
        three.remove_feed(2)


def test_feed_title_from_network_updates_untitled(store) -> None:
    feed = store.add_feed("https://a.example/feed")
    store.update_feed_meta(feed.id, title="Network Title")
    assert store.get_feed(feed.id).title == "Network Title"
    store.update_feed_meta(feed.id, title="Newer Title")
    assert store.get_feed(feed.id).title == "Newer Title"
