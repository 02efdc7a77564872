"""reader.feeds: RSS, Atom, JSON Feed, encodings, identity, dates, hostile XML."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

import pytest

from reader.feeds import _parse_feedparser, parse_feed

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example &amp; Co</title><link>https://example.com/</link>
<item><title>First &lt;story&gt;</title><link>https://example.com/1</link>
<guid isPermaLink="false">id-1</guid><dc:creator>Ann Author</dc:creator>
<pubDate>Sat, 01 Jun 2024 06:30:00 +0900</pubDate>
<description>&lt;p&gt;Short &lt;b&gt;summary&lt;/b&gt;.&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>Para one <a href="/x">link</a>.</p>
<p>Para two.</p>]]></content:encoded>
</item>
<item><title>No guid</title><link>https://example.com/2</link></item>
<item><title>Neither</title><pubDate>Sun, 02 Jun 2024 00:00:00 GMT</pubDate></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.org/">
<title type="html">Atom &lt;i&gt;Blog&lt;/i&gt;</title>
<link rel="alternate" href="/"/><link rel="self" href="/feed.xml"/>
<entry><id>tag:example.org,2024:1</id><title>Entry one</title>
<link rel="alternate" href="posts/1"/>
<updated>2024-06-01T10:00:00Z</updated><published>2024-05-31T23:00:00-02:00</published>
<author><name>Bo</name></author>
<summary type="text">Plain &lt;not a tag&gt;</summary>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
<p>X one</p><ul><li>item</li></ul></div></content>
</entry></feed>"""


def test_rss2_fast_path():
    feed = parse_feed(RSS.encode(), "https://example.com/feed", {})
    assert feed.error is None and feed.parser == "lxml"
    assert feed.title == "Example & Co" and feed.site_url == "https://example.com/"
    first, second, third = feed.entries
    assert first.guid == "id-1" and first.url == "https://example.com/1"
    assert first.title == "First <story>"  # RSS titles are text, not markup
    assert first.author == "Ann Author"
    assert first.published == datetime(2024, 5, 31, 21, 30, tzinfo=UTC)
    assert first.summary == "Short summary."
    assert [b.text for b in first.content_blocks][1] == "Para two."
    assert first.content_links[0].url == "https://example.com/x"
    assert second.guid == "https://example.com/2"  # no guid: the link
    assert third.guid.startswith("sha1:") and third.url == ""  # neither: a hash
    assert second.published is None  # missing: the store uses the fetch time


def test_fast_path_agrees_with_feedparser():
    fast = parse_feed(RSS.encode(), "https://example.com/feed", {})
    slow = _parse_feedparser(RSS.encode(), "https://example.com/feed", {})
    assert slow.parser == "feedparser"
    for a, b in zip(fast.entries, slow.entries, strict=True):
        assert (a.guid, a.url, a.title, a.author, a.published, a.summary) == (
            b.guid,
            b.url,
            b.title,
            b.author,
            b.published,
            b.summary,
        )
        assert [x.text for x in a.content_blocks] == [x.text for x in b.content_blocks]


def test_atom_xhtml_and_bases():
    feed = parse_feed(ATOM.encode(), "https://blog.example.org/feed.xml", {})
    assert feed.error is None and feed.parser == "lxml"
    assert feed.title == "Atom Blog"
    assert feed.site_url == "https://blog.example.org/"
    (entry,) = feed.entries
    assert entry.guid == "tag:example.org,2024:1"
    assert entry.url == "https://blog.example.org/posts/1"
    assert entry.published == datetime(2024, 6, 1, 1, 0, tzinfo=UTC)
    assert entry.summary == "Plain <not a tag>"
    assert [(b.kind, b.text) for b in entry.content_blocks] == [
        ("paragraph", "X one"),
        ("list_item", "item"),
    ]


def test_json_feed():
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON <Blog>",
        "home_page_url": "https://j.example/",
        "items": [
            {
                "id": "1",
                "url": "https://j.example/1",
                "title": "Hello",
                "content_html": "<p>Body</p>",
                "date_published": "2024-01-01T10:00:00+02:00",
                "authors": [{"name": "Cy"}],
            },
            {"id": 2, "content_text": "Just text\n\nTwo paras"},
            "not an item",
        ],
    }
    feed = parse_feed(json.dumps(doc).encode(), "https://j.example/feed.json", {})
    assert feed.error is None and feed.parser == "json" and feed.title == "JSON <Blog>"
    one, two = feed.entries
    assert one.published == datetime(2024, 1, 1, 8, 0, tzinfo=UTC) and one.author == "Cy"
    assert [b.text for b in one.content_blocks] == ["Body"]
    assert two.guid == "2" and [b.text for b in two.content_blocks] == ["Just text", "Two paras"]
    assert parse_feed(b'{"a": 1}', "u", {}).error.startswith("not a feed")


def test_malformed_feed_keeps_recovered_entries():
    broken = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>B</title>
    <item><title>A & B</title><guid>1</guid></item><item><title>Two</title><guid>2</guid></item>
    </channel>"""
    feed = parse_feed(broken, "https://b.example/", {})
    assert feed.error is None and feed.parser == "feedparser" and feed.warning
    assert [e.title for e in feed.entries] == ["A & B", "Two"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<!DOCTYPE html><html><head><title>x</title></head><body>Hi</body></html>", "HTML page"),
        (b"", "empty"),
        (b"\x00\x01garbage", "not a feed"),
    ],
)
def test_not_a_feed(body, message):
    feed = parse_feed(body, "https://x.example/", {"content-type": "text/html"})
    assert feed.error and message in feed.error and not feed.entries


def test_encoding_declared_in_header_wins():
    # Latin-1 bytes, declared only by the HTTP header.
    body = '<?xml version="1.0"?><rss version="2.0"><channel><title>Café</title></channel></rss>'
    feed = parse_feed(
        body.encode("latin-1"), "u", {"content-type": "application/rss+xml; charset=iso-8859-1"}
    )
    assert feed.error is None and feed.title == "Café"


def test_encoding_declared_in_xml():
    body = (
        '<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel>'
        "<title>Smart \u201cquotes\u201d</title><item><title>\u00e9t\u00e9</title></item>"
        "</channel></rss>"
    ).encode("cp1252")
    feed = parse_feed(body, "u", {"content-type": "application/rss+xml"})
    assert feed.title == "Smart \u201cquotes\u201d" and feed.entries[0].title == "\u00e9t\u00e9"


def test_utf16_feed():
    body = (
        '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>Ünï</title>'
        "<item><title>x</title><guid>1</guid></item></channel></rss>"
    )
    feed = parse_feed(body.encode("utf-16"), "u", {})
    assert feed.error is None and feed.title == "Ünï" and len(feed.entries) == 1


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<rss version="2.0"><channel><title>&g;</title>
<item><title>t &g;</title><description>&g;&g;&g;</description><guid>1</guid></item>
</channel></rss>"""


def test_billion_laughs_is_not_expanded():
    started = time.monotonic()
    feed = parse_feed(LAUGHS, "u", {})
    assert time.monotonic() - started < 2
    assert len(feed.title) < 1000
    assert all(len(e.title) + len(e.summary) < 1000 for e in feed.entries)


def test_external_entity_never_reads_files(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    body = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><title>x&xxe;</title>
<item><title>&xxe;</title><description>&xxe;</description><guid>1</guid></item>
</channel></rss>""".encode()
    for b in (body, body.decode().encode("utf-16")):
        feed = parse_feed(b, "u", {})
        everything = feed.title + "".join(e.title + e.summary for e in feed.entries)
        assert "TOPSECRET" not in everything


def test_dates_to_utc_and_bad_dates():
    body = b"""<rss version="2.0"><channel><title>d</title>
    <item><guid>1</guid><pubDate>2024-03-01T12:00:00+01:00</pubDate></item>
    <item><guid>2</guid><pubDate>not a date</pubDate></item>
    <item><guid>3</guid><pubDate>Fri, 01 Mar 2024 12:00:00 EST</pubDate></item>
    </channel></rss>"""
    a, b, c = parse_feed(body, "u", {}).entries
    assert a.published == datetime(2024, 3, 1, 11, 0, tzinfo=UTC)
    assert b.published is None
    assert c.published == datetime(2024, 3, 1, 17, 0, tzinfo=UTC)


def test_never_raises_on_junk():
    for junk in (b"<rss", b"<<<>>>", b"\xff\xfe\x00", b"{", b"<rss><channel><item>" * 50):
        feed = parse_feed(junk, "u", {})
        assert feed.error or feed.entries is not None
