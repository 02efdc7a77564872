"""Pilot tests: moving around, opening, marking, searching."""

from __future__ import annotations

from reader.store.articles_sql import View
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.feed_tree import FeedTree
from tests.ui.conftest import SIZE, settle


async def test_starts_on_all_articles_newest_first(make, demo_ctx):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(ArticleList)
        assert listing.total == 40
        assert app.focused is listing
        newest = demo_ctx.store.list_articles(View("all"), limit=1)[0]
        assert listing.current.id == newest.id
        assert "All · 40 articles" in app.screen.sub_title


async def test_keys_move_the_cursor(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(ArticleList)
        await pilot.press("j", "j", "down")
        assert listing.cursor == 3
        await pilot.press("k")
        assert listing.cursor == 2
        await pilot.press("G")
        assert listing.cursor == 39
        await pilot.press("g")
        assert listing.cursor == 0


async def test_tab_cycles_panes_and_enter_on_a_feed_shows_it(make, demo_ctx):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = app.screen.query_one(FeedTree)
        await pilot.press("shift+tab")
        assert app.focused is tree
        await pilot.press("tab")
        assert isinstance(app.focused, ArticleList)
        await pilot.press("h")  # back from the list goes to the feeds
        assert app.focused is tree
        feed = next(f for f in demo_ctx.store.list_feeds() if f.title == "Pacific Wire")
        tree.select_view(View("feed", feed.id))
        await pilot.press("enter")
        await settle(pilot)
        listing = app.screen.query_one(ArticleList)
        assert listing.view == View("feed", feed.id)
        assert listing.total == feed.articles
        assert app.focused is listing
        assert "Pacific Wire" in app.screen.sub_title


async def test_opening_an_article_shows_it_and_marks_it_read(make, demo_ctx):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(ArticleList)
        summary = listing.current
        assert not summary.read
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.article.id == summary.id
        assert app.focused is view
        assert str(view.rendered.text).startswith(summary.title)
        assert demo_ctx.store.get_article(summary.id).read
        assert listing.current.read
        await pilot.press("escape")
        assert app.focused is listing


async def test_m_and_s_toggle_read_and_star(make, demo_ctx):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(ArticleList)
        target = listing.current.id
        await pilot.press("m")
        await settle(pilot)
        assert demo_ctx.store.get_article(target).read
        await pilot.press("m")
        await settle(pilot)
        assert not demo_ctx.store.get_article(target).read
        await pilot.press("s")
        await settle(pilot)
        assert demo_ctx.store.get_article(target).starred
        assert listing.current.starred


async def test_next_unread_skips_read_rows(make, demo_ctx):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(ArticleList)
        rows = demo_ctx.store.list_articles(View("all"), limit=40)
        expected = next(i for i, s in enumerate(rows) if i > 0 and not s.read)
        demo_ctx.store.set_read([rows[1].id], True) if expected == 1 else None
        rows = demo_ctx.store.list_articles(View("all"), limit=40)
        expected = next(i for i, s in enumerate(rows) if i > 0 and not s.read)
        app.screen.reload()
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert listing.cursor == expected


async def test_mark_view_read(make, demo_ctx):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert demo_ctx.store.count_articles(View("unread")) == 0
        assert app.screen.query_one(ArticleList).current.read


async def test_search_shows_results_with_the_first_selected(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j")
        before = app.screen.query_one(ArticleList).current.id
        await pilot.press("slash")
        await pilot.press(*"Reinholt")
        await pilot.press("enter")
        await settle(pilot)
        listing = app.screen.query_one(ArticleList)
        assert listing.view == View("search", "Reinholt")
        assert listing.total >= 4
        assert app.focused is listing and listing.cursor == 0
        assert "Search: Reinholt" in app.screen.sub_title
        await pilot.press("enter")
        await settle(pilot)
        assert "Reinholt" in app.screen.query_one(ArticleView).article.text
        # Back from the article goes to the results, Back from the results to the view the
        # search started from (All), Back again to the feeds.
        await pilot.press("escape")
        assert app.focused is listing and listing.view.kind == "search"
        await pilot.press("escape")
        await settle(pilot)
        assert listing.view == View("all") and listing.total == 40
        assert app.focused is listing
        # ... with the cursor on the article it was on before the search.
        assert listing.cursor == 3 and listing.current.id == before
        assert "All · 40 articles" in app.screen.sub_title
        await pilot.press("escape")
        assert app.focused is app.screen.query_one(FeedTree)


async def test_network_text_is_never_markup(make, demo_ctx):
    store = demo_ctx.store
    from reader.models import ParsedEntry

    feed = store.add_feed("https://evil.example/feed", title="[red]Evil[/red]")
    store.upsert_entries(
        feed.id,
        [ParsedEntry(guid="x", title="[bold]Boom[/bold] \x1b[31mred\x1b[0m", summary="[link]x")],
    )
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(ArticleList)
        await pilot.press("g")
        assert listing.current.title.startswith("[bold]")
        await pilot.press("enter")
        await settle(pilot)
        text = str(app.screen.query_one(ArticleView).rendered.text)
        assert text.startswith("[bold]Boom[/bold] red")
        assert "\x1b" not in text
        assert "[link]x" in text


async def test_many_feeds_start_folded_and_unfold_on_demand(make, tmp_path):
    from reader.config import Config
    from reader.context import Context
    from reader.ui.widgets.feed_tree import EXPAND_LIMIT

    ctx = Context(config=Config(), db_path=tmp_path / "many.db", config_path=tmp_path / "c")
    for i in range(EXPAND_LIMIT + 1):
        ctx.store.add_feed(f"https://f{i}.example/rss", title=f"Feed {i:03d}", tags=("big",))
    app = make(ctx, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = app.screen.query_one(FeedTree)
        group = next(n for n in tree.root.children if str(n.label).startswith("big"))
        assert not group.is_expanded and not group.children
        group.expand()
        await settle(pilot)
        assert len(group.children) == EXPAND_LIMIT + 1
    ctx.close()


async def test_feed_pane_counts_are_right_aligned_apart_from_the_names(make, demo_ctx):
    from rich.style import Style

    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = app.screen.query_one(FeedTree)
        width = tree.scrollable_content_region.width
        all_node = tree._view_nodes[View("all")]
        line = tree.render_label(all_node, Style(), Style())
        assert line.cell_len == width
        assert line.plain.startswith("All ") and line.plain.endswith(" 40")
        assert "All  " in line.plain  # at least two cells between the name and the count
        feed = next(f for f in demo_ctx.store.list_feeds() if f.title == "Pacific Wire")
        node = tree._feed_nodes[feed.id][0]
        line = tree.render_label(node, Style(), Style())
        assert line.cell_len == width - tree.guide_depth  # indented under its tag
        assert line.plain.endswith(f" {feed.unread}")
        # Marking an article read updates the count in place.
        tree.adjust_unread(feed.id, -1)
        line = tree.render_label(node, Style(), Style())
        assert line.plain.endswith(f" {feed.unread - 1}")


async def test_o_opens_and_y_copies_the_link_of_the_row(make):
    app = make()
    opened: list[str] = []
    copied: list[str] = []
    app.open_url = lambda url, **_: opened.append(url)
    app.copy_to_clipboard = copied.append
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(ArticleList)
        await pilot.press("j")
        url = listing.current.url
        assert url.startswith("https://")
        await pilot.press("o")
        await pilot.press("y")
        assert opened == [url] and copied == [url]


async def test_auto_refresh_starts_a_refresh_on_its_interval(make, demo_ctx, monkeypatch):
    import dataclasses

    from reader.ui.screens.main import MainScreen

    refresh = dataclasses.replace(demo_ctx.config.refresh, auto_minutes=1)
    demo_ctx.config = dataclasses.replace(demo_ctx.config, refresh=refresh)
    calls: list[float] = []
    monkeypatch.setattr(MainScreen, "action_refresh_all", lambda self: calls.append(1.0))
    intervals: list[float] = []
    original = MainScreen.set_interval

    def fast_interval(self, interval, callback=None, **kwargs):
        if kwargs.get("name") == "auto-refresh":
            intervals.append(interval)
            interval = 0.05  # one minute, sped up for the test
        return original(self, interval, callback, **kwargs)

    monkeypatch.setattr(MainScreen, "set_interval", fast_interval)
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)
        assert intervals == [60]
        assert len(calls) >= 2
