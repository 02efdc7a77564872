"""Terminal safety: text from the network never takes over the terminal.

Titles, authors, summaries, article text, link texts, feed titles and feed errors carry
ANSI/VT escape sequences (CSI, OSC title and hyperlink, DCS, 8-bit C1 CSI), other C0/C1
control characters, bidirectional overrides and Rich/Textual markup. Through the CLI
(``reader feeds``, ``reader show``, ``reader search``, ``reader refresh``'s own lines) and
through the TUI (pilot, reading the rendered screen), they come out as plain text: no control
character reaches the terminal, visible words survive, markup shows literally and does nothing.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.models import Block, Link, ParsedEntry
from tests.reliability_support import LocalServer

HOSTILE = {
    "csi": "\x1b[31mRED\x1b[0m",
    "clear": "\x1b[2J\x1b[H",
    "osc_title": "\x1b]0;pwned-title\x07",
    "osc8": "\x1b]8;;http://evil.example/\x1b\\LINKTEXT\x1b]8;;\x1b\\",
    "c1_csi": "\x9b31mCONE\x9b0m",
    "dcs": "\x1bPq#0;2;0;0;0\x1b\\",
    "c0": "bell\x07back\x08space\x00nul\rcarriage\x0bvt\x0cff",
    "del": "del\x7fete",
    "c1": "nel\x85ind\x84",
    "bidi": "\u202eevil\u202c \u2066iso\u2069 \u200fmark",
    "markup": "[bold red]MARKUP[/]",
    "click": "[@click=app.quit]CLICKME[/]",
    "link": "[link=http://evil.example]RICHLINK[/link]",
}
ALL = " ".join(HOSTILE.values())
# What must never reach the terminal. Newline and tab are allowed in multi-line text.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")
VISIBLE = ["RED", "CONE", "LINKTEXT", "[bold red]MARKUP[/]", "[@click=app.quit]CLICKME[/]"]


def _assert_plain(text: str, where: str, *, visible: list[str] = VISIBLE) -> None:
    bad = sorted({f"U+{ord(c):04X}" for c in FORBIDDEN.findall(text)})
    assert not bad, f"{where}: control characters reach the terminal: {bad}"
    for word in visible:
        assert word in text, f"{where}: {word!r} was lost (should show as plain text)"


def _hostile_entry(guid: str) -> ParsedEntry:
    return ParsedEntry(
        guid=guid,
        url=f"http://example.com/{guid}",
        title=f"{HOSTILE['markup']} {HOSTILE['click']} Zebrafish {ALL}",
        author=f"Author {HOSTILE['csi']} {HOSTILE['bidi']} {HOSTILE['markup']}",
        published=datetime(2025, 3, 1, 12, 0, tzinfo=UTC),
        summary=f"Summary {ALL}",
        content_blocks=tuple(
            Block("paragraph", f"Zebrafish {name}: {s}") for name, s in HOSTILE.items()
        )
        + (Block("heading", f"Heading {ALL}", 2), Block("list_item", f"Item {ALL}", 1)),
        content_links=(Link(1, "http://example.com/\x1b[2Jx", f"link {ALL}"),),
    )


@pytest.fixture
def hostile_db(tmp_path: Path) -> tuple[Path, int, int]:
    """A cache with a hostile feed title, feed error and article. Returns (db, feed, article)."""
    from reader.store import Store

    db = tmp_path / "cli.db"
    store = Store.open(db)
    feed = store.add_feed("http://example.com/feed.xml")
    store.update_feed_meta(
        feed.id,
        title=f"Feed {HOSTILE['markup']} {ALL}",
        last_error=f"bad {ALL}",
        last_status="error",
    )
    result = store.upsert_entries(feed.id, [_hostile_entry("h1")])
    store.close()
    return db, feed.id, result.new_ids[0]


# --- CLI ---------------------------------------------------------------------------------


def test_feeds_table_is_plain(run_cli, hostile_db) -> None:
    db, _, _ = hostile_db
    code, out, err = run_cli("feeds", db_path=db)
    assert code == 0, err
    _assert_plain(out, "reader feeds", visible=["RED", "[bold red]MARKUP[/]"])


def test_feeds_json_has_no_raw_escapes(run_cli, hostile_db) -> None:
    db, _, _ = hostile_db
    code, out, err = run_cli("feeds", "--json", db_path=db)
    assert code == 0, err
    _assert_plain(out, "reader feeds --json", visible=[])
    data = json.loads(out)
    assert "[bold red]MARKUP[/]" in data[0]["title"]


def test_show_is_plain(run_cli, hostile_db) -> None:
    db, _, article_id = hostile_db
    code, out, err = run_cli("show", str(article_id), db_path=db)
    assert code == 0, err
    _assert_plain(out, "reader show")
    assert "Author" in out and "Zebrafish csi: RED" in out


def test_show_json_has_no_raw_escapes(run_cli, hostile_db) -> None:
    db, _, article_id = hostile_db
    code, out, err = run_cli("show", str(article_id), "--json", db_path=db)
    assert code == 0, err
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
    json.loads(out)


def test_search_is_plain(run_cli, hostile_db) -> None:
    from reader.cli import build_parser

    parser = build_parser()
    subcommands = next(a for a in parser._actions if a.dest == "command").choices
    if "search" not in subcommands:
        pytest.skip("`reader search` is not a command (yet)")
    db, _, _ = hostile_db
    code, out, err = run_cli("search", "Zebrafish", db_path=db)
    assert code == 0, err
    _assert_plain(out, "reader search", visible=["[bold red]MARKUP[/]"])


JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": f"JSON {ALL}",
    "home_page_url": "http://example.com/",
    "items": [
        {
            "id": "j1",
            "url": "http://example.com/j1",
            "title": f"{HOSTILE['markup']} {HOSTILE['click']} Zebrafish {ALL}",
            "authors": [{"name": f"Author {HOSTILE['csi']} {HOSTILE['bidi']}"}],
            "content_text": f"Zebrafish body {ALL}\n\nSecond {ALL}",
            "summary": f"Summary {ALL}",
        }
    ],
}
RSS_WITH_REFS = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
    b"<title>RSS &#x1b;[31mRED&#x1b;[0m &#x202e;evil</title><link>http://example.com/</link>"
    b"<item><guid>r1</guid><title>[bold red]MARKUP[/] &#27;]0;pwned&#7; Zebrafish</title>"
    b"<description>&lt;p&gt;Body \x1b[2J RED [@click=app.quit]CLICKME[/]&lt;/p&gt;</description>"
    b"</item></channel></rss>"
)


def test_hostile_feeds_through_refresh_and_cli(run_cli, tmp_path: Path) -> None:
    """End to end: a JSON Feed (which may carry any character) and an RSS feed with control
    characters as character references, refreshed for real, then listed and shown."""
    from reader.store import Store

    server = LocalServer().start()
    try:
        json_url = server.static(
            "/feed.json", json.dumps(JSON_FEED).encode(), content_type="application/feed+json"
        )
        rss_url = server.static("/feed.xml", RSS_WITH_REFS)
        error_url = server.static(
            "/err.xml", b"\x1b[2J<html>\x1b]0;t\x07</html>", content_type="text/html"
        )
        config = tmp_path / "config.toml"
        config.write_text("[refresh]\nworkers = 0\nfull_text = false\n")
        db = run_cli.db
        store = Store.open(db)
        for url in (json_url, rss_url, error_url):
            store.add_feed(url)
        store.close()
        code, out, err = run_cli("--config", str(config), "refresh", "--feeds-only")
        assert code == 0, err
        _assert_plain(out + err, "reader refresh output", visible=[])
    finally:
        server.stop()
    code, out, err = run_cli("feeds")
    assert code == 0, err
    _assert_plain(out, "reader feeds after refresh", visible=["RED"])
    store = Store.open(db)
    ids = [a.id for a in store.list_articles(limit=10)]
    store.close()
    assert len(ids) == 2
    for article_id in ids:
        code, out, err = run_cli("show", str(article_id))
        assert code == 0, err
        _assert_plain(out, f"reader show {article_id}", visible=["[bold red]MARKUP[/]"])


# --- TUI ---------------------------------------------------------------------------------


def _screen_text(app) -> tuple[str, list]:
    """The rendered screen as text (one line per row) and its segments."""
    strips = app.screen._compositor.render_strips()
    segments = [seg for strip in strips for seg in strip]
    return "\n".join(strip.text for strip in strips), segments


def _no_live_markup(segments: list, where: str) -> None:
    for seg in segments:
        meta = seg.style.meta if seg.style is not None else {}
        assert "@click" not in meta, f"{where}: markup became a live action: {meta}"
        link = seg.style.link if seg.style is not None else None
        assert not link or "evil.example" not in link, f"{where}: markup became a link"


async def test_tui_shows_hostile_text_as_plain_text(hostile_db, tmp_path: Path) -> None:
    from reader.config import Config
    from reader.context import Context
    from reader.ui.app import make_app

    db, feed_id, article_id = hostile_db
    ctx = Context(config=Config(), db_path=db, config_path=tmp_path / "config.toml")
    app = make_app(ctx, now=datetime(2025, 3, 2, tzinfo=UTC))
    try:
        async with app.run_test(size=(200, 50)) as pilot:
            await _settle(pilot)
            text, segments = _screen_text(app)
            _assert_plain(text, "TUI list", visible=["[bold red]MARKUP[/]"])
            _no_live_markup(segments, "TUI list")

            app.screen.open_article(article_id)
            await _settle(pilot)
            text, segments = _screen_text(app)
            _assert_plain(text, "TUI article", visible=["RED", "[bold red]MARKUP[/]", "CONE"])
            assert "[@click=app.quit]" in text
            _no_live_markup(segments, "TUI article")

            # Clicking the would-be action does nothing.
            row = next(i for i, line in enumerate(text.split("\n")) if "[@click" in line)
            col = text.split("\n")[row].index("[@click") + 3
            await pilot.click(offset=(col, row))
            await _settle(pilot)
            assert app.is_running and app.return_code is None

            # The feed's details (title, last error) as well.
            if hasattr(app.screen, "action_feed_info"):
                app.screen.action_feed_info()
                await _settle(pilot)
                text, segments = _screen_text(app)
                _assert_plain(text, "TUI feed info", visible=[])
                assert "Last error: bad RED" in text, "the feed info screen did not show"
                _no_live_markup(segments, "TUI feed info")
    finally:
        ctx.close()


async def _settle(pilot) -> None:
    for _ in range(4):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()
