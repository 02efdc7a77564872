"""OPML reading (lenient) and writing, on small files written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.opml import ExportFeed, OpmlError, parse_opml, read_opml, write_opml


def feeds_by_url(text: str | bytes) -> dict:
    return {f.url: f for f in parse_opml(text).feeds}


def test_well_formed_nested_folders_become_tags() -> None:
    result = parse_opml(
        """<?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0"><head><title>Mine</title></head><body>
          <outline text="News">
            <outline text="World">
              <outline type="rss" text="BBC" xmlUrl="https://bbc.example/rss"
                       htmlUrl="https://bbc.example/"/>
            </outline>
          </outline>
          <outline type="rss" text="Loose" xmlUrl="https://loose.example/feed"/>
        </body></opml>"""
    )
    assert result.method == "strict" and result.xml_error is None
    assert result.title == "Mine" and result.version == "opml2"
    bbc, loose = result.feeds
    assert (bbc.url, bbc.title, bbc.site_url) == (
        "https://bbc.example/rss",
        "BBC",
        "https://bbc.example/",
    )
    assert bbc.categories == (("News", "World"),) and bbc.tags == ("News", "World")
    assert loose.tags == ()


def test_raw_ampersand_in_url_is_kept() -> None:
    result = parse_opml(
        '<opml version="1.0"><body>'
        '<outline text="A & B" xmlUrl="https://x.example/rss?a=1&b=2&amp;c=3"/>'
        "</body></opml>"
    )
    assert result.method == "repaired"
    assert result.xml_error and result.xml_error_line == 1
    [feed] = result.feeds
    assert feed.url == "https://x.example/rss?a=1&b=2&c=3"
    assert feed.title == "A & B"


@pytest.mark.parametrize("name", ["xmlUrl", "xmlurl", "XMLURL", "xmlURL"])
def test_attribute_names_any_case(name: str) -> None:
    [feed] = parse_opml(
        f'<opml><body><outline TEXT="T" {name}="http://a.example/f"/></body></opml>'
    ).feeds
    assert (feed.url, feed.title) == ("http://a.example/f", "T")


def test_url_attribute_for_feed_types_and_missing_version() -> None:
    result = parse_opml(
        '<opml><body><outline type="RSS" title="Only title" url="http://a.example/rss"/>'
        '<outline type="link" text="Other list" url="http://b.example/list.opml"/>'
        "</body></opml>"
    )
    assert result.version == "opml"
    assert [(f.url, f.title) for f in result.feeds] == [("http://a.example/rss", "Only title")]
    assert [(x.url, x.title) for x in result.lists] == [
        ("http://b.example/list.opml", "Other list")
    ]


def test_category_attribute_comma_and_slash() -> None:
    [feed] = parse_opml(
        '<opml version="2.0"><body><outline text="f" xmlUrl="http://a.example/f"'
        ' category="tech, /news/world ,, /"/></body></opml>'
    ).feeds
    assert feed.categories == (("tech",), ("news", "world"))
    assert feed.tags == ("tech", "news", "world")


def test_duplicates_merge_their_tags() -> None:
    [feed] = parse_opml(
        '<opml version="2.0"><body>'
        '<outline text="one"><outline text="F" xmlUrl="http://a.example/f"/></outline>'
        '<outline text="two"><outline text="F2" xmlUrl="https://www.a.example/f/"/></outline>'
        "</body></opml>"
    ).feeds
    assert feed.title == "F" and feed.tags == ("one", "two")


def test_unreadable_entries_say_why() -> None:
    result = parse_opml(
        '<opml version="2.0"><body>\n'
        '<outline type="rss" text="No url"/>\n'
        '<outline text="Bad scheme" xmlUrl="javascript:alert(1)"/>\n'
        '<outline text="Site only" htmlUrl="https://site.example/"/>\n'
        '<outline text="a note"/>\n'
        "</body></opml>"
    )
    assert result.feeds == []
    whys = {u.title: (u.why, u.line) for u in result.unreadable}
    assert whys["No url"][0].startswith("no feed URL") and whys["No url"][1] == 2
    assert "not an http(s) URL" in whys["Bad scheme"][0]
    assert "only a site URL" in whys["Site only"][0]
    assert "a note" not in whys


def test_html_entities_and_unknown_entities() -> None:
    feeds = parse_opml(
        '<opml version="2.0"><body>'
        '<outline text="arch&aelig;ology &nosuch;" xmlUrl="http://a.example/f"/>'
        "</body></opml>"
    ).feeds
    assert feeds[0].title == "archæology &nosuch;"


def test_broken_quotes_and_html_in_attributes_fall_back_to_scanner() -> None:
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="1.0"><body>\n'
        '<outline text="Folder" title="Folder">\n'
        '<outline text="The "Best" News" description="by <a href="https://x.example" '
        'target="_blank">X</a>. Since 1999." xmlUrl="https://best.example/feed" type="rss" />\n'
        '<outline text="Plain" xmlUrl="https://plain.example/feed" type="rss" />\n'
        "</outline>\n</body></opml>\n"
    )
    result = parse_opml(text)
    assert result.method == "regex"
    assert [(f.url, f.title, f.tags) for f in result.feeds] == [
        ("https://best.example/feed", 'The "Best" News', ("Folder",)),
        ("https://plain.example/feed", "Plain", ("Folder",)),
    ]


def test_missing_end_tags_and_concatenated_documents() -> None:
    doc = '<opml version="2.0"><body><outline text="f" xmlUrl="http://a.example/{}"/>'
    assert len(parse_opml(doc.format(1)).feeds) == 1
    both = doc.format(1) + "</body></opml>\n" + doc.format(2) + "</body></opml>"
    assert [f.url for f in parse_opml(both).feeds] == [
        "http://a.example/1",
        "http://a.example/2",
    ]


def test_encodings_bom_and_declared_latin1() -> None:
    latin = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><opml version="1.1"><body>'
        '<outline text="Caf\xe9 & co" xmlUrl="http://a.example/f"/></body></opml>'
    ).encode("latin-1")
    assert parse_opml(latin).feeds[0].title == "Café & co"
    bom = (
        b"\xef\xbb\xbf"
        + '<opml><body><outline text="Ä" xmlUrl="http://a.example/f"/></body></opml>'.encode()
    )
    assert parse_opml(bom).feeds[0].title == "Ä"


def test_entities_are_not_expanded() -> None:
    evil = (
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">'
        ']><opml version="2.0"><body><outline text="&c;" xmlUrl="http://a.example/f"/>'
        "</body></opml>"
    )
    [feed] = parse_opml(evil).feeds
    assert len(feed.title) < 100


def test_read_opml_errors_name_the_file(tmp_path: Path) -> None:
    html = tmp_path / "page.opml"
    html.write_text("<html><body><p>hello</p></body></html>")
    with pytest.raises(OpmlError, match=r"page\.opml: not an OPML file \(root element <html>\)"):
        read_opml(html)
    garbage = tmp_path / "garbage.opml"
    garbage.write_bytes(b"\x00\x01 not xml at all")
    with pytest.raises(OpmlError, match=r"garbage\.opml(:\d+)?: not an OPML file"):
        read_opml(garbage)
    empty = tmp_path / "empty.opml"
    empty.write_text('<opml version="2.0"><body><outline text="note"/></body></opml>')
    with pytest.raises(OpmlError, match="empty.opml: no feeds found"):
        read_opml(empty)
    with pytest.raises(OpmlError, match="no such file"):
        read_opml(tmp_path / "missing.opml")


def test_write_then_parse_round_trip() -> None:
    feeds = [
        ExportFeed(
            "https://a.example/feed?x=1&y=2",
            'A <&> "quoted"',
            "https://a.example/",
            ("news", "tech"),
        ),
        ExportFeed("https://b.example/rss", "", "", ()),
        ExportFeed("https://c.example/atom", "C", "", ("tech",)),
        ExportFeed("https://d.example/atom", "D", "", ("a/b", "x")),
    ]
    text = write_opml(feeds)
    result = parse_opml(text)
    assert result.method == "strict" and result.version == "opml2"
    got = {f.url: (f.title, f.site_url, set(f.tags)) for f in result.feeds}
    assert got == {
        "https://a.example/feed?x=1&y=2": (
            'A <&> "quoted"',
            "https://a.example/",
            {"news", "tech"},
        ),
        "https://b.example/rss": ("", "", set()),
        "https://c.example/atom": ("C", "", {"tech"}),
        "https://d.example/atom": ("D", "", {"a/b", "x"}),
    }


def test_large_broken_list_is_fast() -> None:
    import time

    outlines = "\n".join(
        f'<outline text="Feed {i} & co" xmlUrl="https://f{i}.example/rss?a=1&b=2"/>'
        for i in range(10_000)
    )
    text = f'<opml version="1.0"><body><outline text="All">\n{outlines}\n</outline></body>'
    started = time.perf_counter()
    result = parse_opml(text + '<outline text="x" description="<b>"/>')
    assert len(result.feeds) == 10_000
    assert result.feeds[-1].tags == ("All",)
    assert time.perf_counter() - started < 5


def test_error_messages_are_one_clean_line(tmp_path: Path) -> None:
    path = tmp_path / "evil.opml"
    path.write_bytes(b"<\x1b]0;title\x07oops>")
    with pytest.raises(OpmlError) as info:
        read_opml(path)
    assert "\x1b" not in str(info.value) and "\x07" not in str(info.value)
    assert "\n" not in str(info.value)
