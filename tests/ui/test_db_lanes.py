"""The app's DB lanes: prefetched first-screen reads are used once, then calls run anew."""

from __future__ import annotations

import asyncio

from reader.store.articles_sql import View
from reader.ui.db import open_db
from reader.ui.screens.main_data import load_feeds
from reader.ui.sources import PAGE, count_view, page_of_view


def test_open_db_prefetches_the_first_screen_and_uses_it_once(demo_ctx):
    db = open_db(demo_ctx.db_path)
    try:
        prefetched = dict(db.main._prefetched)
        assert {key[0] for key in prefetched} == {count_view, page_of_view, load_feeds}

        async def first_screen():
            count = await db.main.call(count_view, View("all"))
            rows = await db.main.call(page_of_view, View("all"), 0, PAGE)
            feeds = await db.main.call(load_feeds)
            return count, rows, feeds

        count, rows, feeds = asyncio.run(first_screen())
        assert db.main._prefetched == {}  # each result was taken, once
        assert count == 40 and len(rows) == 40 and len(feeds.feeds) == 6
        assert rows[0].id == demo_ctx.store.list_articles(View("all"), limit=1)[0].id
        # A later call reads the cache again (the prefetched result is gone).
        demo_ctx.store.set_read([rows[0].id], True)
        again = asyncio.run(db.main.call(page_of_view, View("all"), 0, PAGE))
        assert again[0].read and not rows[0].read
    finally:
        db.close()
