"""Pilot tests: themes, keymap and help, refresh progress, the welcome screen."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reader import paths
from reader.config import Config
from reader.context import Context
from reader.store.articles_sql import View
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.main import MainScreen
from reader.ui.screens.welcome import WelcomeScreen
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.refresh_status import RefreshStatus
from tests.ui.conftest import SIZE, settle


async def test_theme_switch_recolours_entities_and_is_remembered(make, demo_ctx, fakes):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "reader-dark"
        app.screen.open_article(demo_ctx.store.list_articles(View("all"), limit=1)[0].id)
        await settle(pilot)
        dark = app.screen.entity_styles["person"]
        app.theme = "reader-light"
        await settle(pilot)
        assert app.screen.entity_styles["person"] != dark
        assert app.screen.query_one(ArticleView).styles_by_label["person"] != dark
    state = json.loads(paths.state_path().read_text())
    assert state["theme"] == "reader-light"
    again = make()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "reader-light"


async def test_palette_lists_reader_themes(make):
    from reader.ui.commands import ReaderCommands

    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        provider = ReaderCommands(app.screen)
        titles = [hit.text async for hit in provider.discover()]
        for name in ("reader-dark", "reader-light", "reader-contrast", "reader-nord"):
            assert f"Theme: {name}" in titles
        assert "Refresh all feeds" in titles


async def test_a_bad_theme_file_is_reported_not_fatal(make, demo_ctx):
    user = paths.user_themes_dir()
    user.mkdir(parents=True)
    (user / "broken.toml").write_text("name = 'broken'\n[colors]\nprimary = 'not-a-colour'\n")
    (user / "mine.toml").write_text("name = 'mine'\n[colors]\nprimary = '#ff0000'\n")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "mine" in app.available_themes
        assert "broken" not in app.available_themes
        assert any("broken.toml" in n.message for n in app._notifications)


async def test_keymap_from_config_and_help_from_bindings(make, demo_ctx):
    config = Config(keys={"down": "x", "help": "f1"})
    ctx = Context(config=config, db_path=demo_ctx.db_path, config_path=demo_ctx.config_path)
    app = make(ctx)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(ArticleList)
        await pilot.press("x", "x")
        assert listing.cursor == 2
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert ("x", "Move down") in app.screen.rows
        assert ("n", "Next unread") in app.screen.rows
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


def fake_refresh_script(tmp_path: Path) -> list[str]:
    events = [
        {
            "event": "feed",
            "feed_id": 1,
            "url": "u1",
            "status": "new",
            "new": 3,
            "done": 1,
            "total": 2,
        },
        {
            "event": "feed",
            "feed_id": 2,
            "url": "u2",
            "status": "error",
            "new": 0,
            "error": "HTTP 500",
            "done": 2,
            "total": 2,
        },
        {"event": "done", "feeds": 2, "new": 3},
    ]
    script = tmp_path / "fake_refresh.py"
    script.write_text(
        "import json\n" + "".join(f"print(json.dumps({e!r}), flush=True)\n" for e in events)
    )
    return [sys.executable, str(script)]


async def test_refresh_progress_from_the_subprocess_events(make, tmp_path):
    argv = fake_refresh_script(tmp_path)
    app = make(refresh_command=lambda feed_id: argv)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(ArticleList)
        await pilot.press("j", "j")
        await pilot.press("R")
        await settle(pilot)
        status = app.screen.query_one(RefreshStatus)
        assert status.new == 3 and status.errors == 1
        messages = [n.message for n in app._notifications]
        assert any("Refreshed 2 feeds: 3 new articles, 1 errors" in m for m in messages)
        assert listing.cursor == 2  # the user's place is kept after the reload


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Local News</title>
<link>http://localhost/</link><description>d</description>
<item><title>Harbour reopens after storm</title><link>http://localhost/a1</link>
<guid>a1</guid><description>The harbour in Kiel reopened on Monday.</description></item>
<item><title>Ferry timetable changes</title><link>http://localhost/a2</link>
<guid>a2</guid><description>New ferry times start in May.</description></item>
</channel></rss>"""


async def test_refresh_against_a_local_server(make, tmp_path, httpserver):
    httpserver.expect_request("/feed.xml").respond_with_data(
        RSS, content_type="application/rss+xml"
    )
    config_path = tmp_path / "config.toml"
    config_path.write_text("[refresh]\nfull_text = false\n")
    from reader.config import load_config

    ctx = Context(
        config=load_config(config_path), db_path=tmp_path / "r.db", config_path=config_path
    )
    ctx.store.add_feed(httpserver.url_for("/feed.xml"), title="Local News")
    app = make(ctx, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(ArticleList)
        assert listing.total == 0
        await pilot.press("R")
        await settle(pilot)
        assert listing.total == 2
        assert app.screen.query_one(RefreshStatus).new == 2
    ctx.close()


async def test_welcome_screen_on_an_empty_cache_adds_a_feed(make, tmp_path, httpserver):
    httpserver.expect_request("/feed.xml").respond_with_data(
        RSS, content_type="application/rss+xml"
    )
    argv = fake_refresh_script(tmp_path)
    ctx = Context(config=Config(), db_path=tmp_path / "empty.db", config_path=tmp_path / "c.toml")
    app = make(ctx, demo=False, refresh_command=lambda feed_id: argv)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.click("#url")
        await pilot.press(*httpserver.url_for("/feed.xml"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert [f.title for f in ctx.store.list_feeds()] == ["Local News"]
        messages = [n.message for n in app._notifications]
        assert any("Subscribed to Local News" in m for m in messages)
        assert any("Refreshed 2 feeds" in m for m in messages)
    ctx.close()


async def test_welcome_screen_opens_the_demo(make, tmp_path, monkeypatch, demo_template):
    ctx = Context(config=Config(), db_path=tmp_path / "empty.db", config_path=tmp_path / "c.toml")
    app = make(ctx, demo=False)

    async def fake_build():  # the real one runs a child process; same result, faster
        import shutil

        target = tmp_path / "demo-copy.db"
        shutil.copyfile(demo_template, target)
        return target

    monkeypatch.setattr(app, "build_demo", fake_build)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.click("#demo")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(ArticleList).total == 40
