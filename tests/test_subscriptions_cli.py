"""The subscription commands through the real entry point (``run_cli``)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Site News</title>
<link>http://x/</link><item><title>one</title><guid>1</guid></item></channel></rss>"""
PAGE = b"""<!doctype html><html><head><title>Site</title>
<link rel="alternate" type="application/rss+xml" title="Posts" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" title="Comments" href="/comments.xml">
</head><body>hello</body></html>"""
COMMANDS = ["add", "remove", "tag", "rename", "feeds", "import", "export"]


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("reader: error: "), err
    assert "Traceback" not in err
    return lines[0]


def feeds_json(run_cli) -> list[dict]:
    code, out, err = run_cli("feeds", "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def site(httpserver: HTTPServer) -> HTTPServer:
    httpserver.expect_request("/").respond_with_data(PAGE, content_type="text/html")
    httpserver.expect_request("/feed.xml").respond_with_data(
        RSS, content_type="application/rss+xml"
    )
    return httpserver


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(run_cli, command: str) -> None:
    code, out, err = run_cli(command, "--help")
    assert code == 0 and out.startswith("usage: reader " + command) and err == ""


def test_add_feed_url_then_duplicates(run_cli, site: HTTPServer) -> None:
    url = site.url_for("/feed.xml")
    code, out, err = run_cli("add", url, "--tag", "news", "--tag", "daily")
    assert code == 0, err
    assert out.startswith("added 1: Site News <" + url + "> [daily, news]")
    [feed] = feeds_json(run_cli)
    assert feed == {
        "id": 1,
        "title": "Site News",
        "url": url,
        "tags": ["daily", "news"],
        "articles": 0,
        "unread": 0,
        "last_fetched": None,
        "last_error": None,
    }
    requests = len(site.log)
    other_host = url.replace("localhost", "LocalHost")  # httpserver listens on "localhost"
    for spelling in (url, url + "/", url.replace("http://", "https://"), other_host):
        code, out, err = run_cli("add", spelling)
        assert code == 1 and out == ""
        assert "already subscribed: Site News" in one_error_line(err)
    assert len(site.log) == requests  # known spellings are caught before any request
    assert len(feeds_json(run_cli)) == 1


def test_add_page_subscribes_first_feed_and_lists_others(run_cli, site: HTTPServer) -> None:
    code, out, err = run_cli("add", site.url_for("/"))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"added 1: Site News <{site.url_for('/feed.xml')}>"
    assert lines[1].startswith("other feeds on that page")
    assert lines[2] == f"  Comments <{site.url_for('/comments.xml')}>"
    # Adding the page again finds the same feed: reported, not duplicated.
    code, out, err = run_cli("add", site.url_for("/"))
    assert code == 1 and "already subscribed" in one_error_line(err)


def test_add_with_title_keeps_it(run_cli, site: HTTPServer) -> None:
    code, out, err = run_cli("add", site.url_for("/feed.xml"), "--title", "Mine")
    assert code == 0, err
    assert feeds_json(run_cli)[0]["title"] == "Mine"


def test_add_page_without_feed_is_an_error(run_cli, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data("<html><body>x</body></html>")
    code, out, err = run_cli("add", httpserver.url_for("/"))
    assert code == 1 and "no feed found" in one_error_line(err)
    assert feeds_json(run_cli) == []


def test_add_unreachable_subscribes_with_warning(run_cli) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed"
    code, out, err = run_cli("add", url)
    assert code == 0
    assert err.startswith("reader: warning: could not reach") and len(err.splitlines()) == 1
    assert [f["url"] for f in feeds_json(run_cli)] == [url]


def test_add_rejects_non_http(run_cli) -> None:
    code, out, err = run_cli("add", "ftp://example.com/feed")
    assert code == 1 and "not an http(s) URL" in one_error_line(err)
    code, out, err = run_cli("add", "--no-discover", "file:///etc/passwd")
    assert code == 1 and "not an http(s) URL" in one_error_line(err)


def test_add_no_discover_makes_no_request(run_cli, httpserver: HTTPServer) -> None:
    code, out, err = run_cli("add", "--no-discover", httpserver.url_for("/x.xml"))
    assert code == 0 and httpserver.log == []


@pytest.fixture
def three(run_cli) -> None:
    for path, title in (("a", "Alpha News"), ("b", "Alpha Sport"), ("c", "Beta")):
        code, _, err = run_cli(
            "add", "--no-discover", f"https://{path}.example/feed", "--title", title
        )
        assert code == 0, err


def test_tag_untag_rename_remove(run_cli, three) -> None:
    code, out, _ = run_cli("tag", "Beta", "x", "y", " ")
    assert (code, out.strip()) == (0, "3: Beta: x, y")
    code, out, _ = run_cli("tag", "https://www.c.example/feed/", "y", "--untag")
    assert (code, out.strip()) == (0, "3: Beta: x")
    code, out, _ = run_cli("rename", "3", "Gamma", "Daily")
    assert code == 0 and "renamed 3: Gamma Daily" in out
    code, out, _ = run_cli("remove", "alpha s")
    assert code == 0 and out.startswith("removed 2: Alpha Sport")
    assert [f["title"] for f in feeds_json(run_cli)] == ["Alpha News", "Gamma Daily"]


def test_feed_spec_errors(run_cli, three) -> None:
    code, _, err = run_cli("remove", "Alpha")
    assert code == 1 and "matches several feeds" in one_error_line(err)
    code, _, err = run_cli("tag", "99", "x")
    assert code == 1 and "no feed with id 99" in one_error_line(err)
    code, _, err = run_cli("rename", "Nothing", "x")
    assert code == 1 and "no feed matches" in one_error_line(err)
    assert len(feeds_json(run_cli)) == 3


def test_feeds_table(run_cli, three) -> None:
    code, out, _ = run_cli("feeds")
    lines = out.splitlines()
    assert lines[0].split() == [
        "ID", "TITLE", "URL", "TAGS", "ARTICLES", "UNREAD", "LAST", "FETCHED", "STATUS", "LAST", "ERROR"  # noqa: E501
    ]  # fmt: skip
    assert len(lines) == 4 and "Alpha News" in lines[1] and "never" in lines[1]


def test_feeds_empty(run_cli) -> None:
    code, out, _ = run_cli("feeds")
    assert code == 0 and "no subscriptions yet" in out
    assert feeds_json(run_cli) == []


def test_feeds_output_is_sanitised(run_cli) -> None:
    run_cli("add", "--no-discover", "https://evil.example/f", "--title", "x\x1b]0;pwned\x07y")
    code, out, _ = run_cli("feeds")
    assert "\x1b" not in out and "\x07" not in out
    code, _, err = run_cli("add", "--no-discover", "https://evil.example/f")
    assert code == 1 and "\x1b" not in err and "\x07" not in err
    assert "already subscribed" in one_error_line(err)


OPML = """<?xml version="1.0"?>
<opml version="1.0"><head><title>t</title></head><body>
<outline text="News">
  <outline text="One & Co" type="rss" xmlUrl="https://one.example/rss?a=1&b=2"/>
  <outline text="Two" type="rss" xmlUrl="https://two.example/feed" category="tech"/>
</outline>
<outline text="No URL" type="rss"/>
<outline text="Sub list" type="link" url="https://lists.example/more.opml"/>
</body></opml>
"""


def test_import_summary(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "subs.opml"
    path.write_text(OPML)
    code, out, err = run_cli("import", str(path))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "added 2, skipped 0 (already subscribed), unreadable 1"
    assert lines[1] == "  unreadable: line 7: No URL: no feed URL (xmlUrl missing or empty)"
    assert "another list" in lines[2]
    feeds = {f["url"]: f for f in feeds_json(run_cli)}
    assert feeds["https://one.example/rss?a=1&b=2"]["tags"] == ["News"]
    assert feeds["https://two.example/feed"]["tags"] == ["News", "tech"]
    code, out, err = run_cli("import", str(path), "--tag", "imported")
    assert out.splitlines()[0] == "added 0, skipped 2 (already subscribed), unreadable 1"


def test_import_errors_are_one_line(run_cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.opml"
    bad.write_text("this is not < xml & at all")
    code, out, err = run_cli("import", str(bad))
    assert code == 1 and "bad.opml" in one_error_line(err) and "not an OPML file" in err
    code, out, err = run_cli("import", str(tmp_path / "missing.opml"))
    assert code == 1 and "missing.opml: no such file" in one_error_line(err)
    code, out, err = run_cli("import", str(tmp_path))
    assert code == 1 and one_error_line(err)
    only_bad = tmp_path / "nothing.opml"
    only_bad.write_text('<opml><body><outline type="rss" text="x"/></body></opml>')
    code, out, err = run_cli("import", str(only_bad))
    assert code == 1 and out.startswith("added 0, skipped 0 (already subscribed), unreadable 1")


def test_export_then_import_gives_the_same_subscriptions(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "subs.opml"
    path.write_text(OPML)
    run_cli("import", str(path))
    run_cli("add", "--no-discover", "https://three.example/atom")  # no title, no tags
    run_cli("tag", "Two", "a/b", "c,d", "plain")
    before = feeds_json(run_cli)

    code, stdout_text, _ = run_cli("export")
    assert code == 0 and stdout_text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    out_file = tmp_path / "out.opml"
    code, out, err = run_cli("export", str(out_file))
    assert code == 0 and "exported 3 feeds" in err

    def undated(text: str) -> list[str]:
        return [line for line in text.splitlines() if "<dateCreated>" not in line]

    assert undated(out_file.read_text()) == undated(stdout_text)

    code, out, err = run_cli("import", str(out_file), db_path=tmp_path / "fresh.db")
    assert code == 0 and out.startswith("added 3, skipped 0"), out + err
    code, out, _ = run_cli("feeds", "--json", db_path=tmp_path / "fresh.db")

    def key(feeds: list[dict]) -> list[tuple]:
        return sorted((f["url"], f["title"], sorted(f["tags"])) for f in feeds)

    assert key(json.loads(out)) == key(before)


def test_db_option_after_subcommand(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    code, _, err = run_cli("add", "--no-discover", "https://x.example/f", "--db", str(db))
    assert code == 0, err
    code, out, _ = run_cli("feeds", "--json", "--db", str(db), db_path=None)
    assert [f["url"] for f in json.loads(out)] == ["https://x.example/f"]
    assert feeds_json(run_cli) == []  # the default test database is untouched
