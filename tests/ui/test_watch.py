"""Articles written by another process (a cron ``reader refresh``) show up without a refresh."""

from __future__ import annotations

from datetime import timedelta

from reader.models import ParsedEntry
from reader.store import Store
from reader.store.articles_sql import View
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.feed_tree import FeedTree
from tests.ui.conftest import NOW, SIZE, settle


def test_data_version_changes_on_another_connections_commit(demo_ctx):
    mine = Store.open(demo_ctx.db_path)
    try:
        before = mine.data_version()
        mine.set_read([1], True)
        assert mine.data_version() == before  # own commits do not count
        other = demo_ctx.store
        other.set_read([1], False)
        assert mine.data_version() != before
    finally:
        mine.close()


async def test_outside_writes_are_listed_keeping_the_place(make, demo_ctx):
    app = make()
    async with app.run_test(size=(SIZE[0], 20)) as pilot:  # short: the list scrolls
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        listing = screen.query_one(ArticleList)
        await pilot.press("G", "k", "k", "k")
        await settle(pilot)
        chosen = listing.current
        top_before = int(listing.scroll_offset.y)
        assert top_before > 0
        row_on_screen = listing.cursor - top_before
        assert not await screen.check_outside_changes().wait()  # nothing changed yet

        feed = demo_ctx.store.list_feeds()[0]
        entries = [
            ParsedEntry(
                guid=f"cron-{i}",
                url=f"https://example.org/cron-{i}",
                title=f"Written by cron {i}",
                published=NOW + timedelta(minutes=i + 1),
                summary="Arrived while the app was open.",
            )
            for i in range(2)
        ]
        demo_ctx.store.upsert_entries(feed.id, entries)  # another connection commits

        assert await screen.check_outside_changes().wait()
        await settle(pilot)
        assert listing.total == 42
        assert listing.current.id == chosen.id  # same article selected
        assert listing.cursor == 38
        assert listing.cursor - int(listing.scroll_offset.y) == row_on_screen  # same screen row
        await pilot.press("g")
        await settle(pilot)
        titles = [listing.row(i).title for i in range(2)]
        assert titles == ["Written by cron 1", "Written by cron 0"]
        tree = screen.query_one(FeedTree)
        assert tree._counts["all"] == 42
        assert tree.feeds[feed.id].articles == feed.articles + 2
        assert screen.query_one(FeedTree).highlighted.view == View("all")
