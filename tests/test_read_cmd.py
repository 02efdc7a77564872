"""``reader read`` (files, stdin, a local HTTP server) and ``reader show`` (the cache)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from reader.models import ParsedEntry

PAGES = Path(__file__).parent / "data" / "pages"
STORY = PAGES / "news_story.html"


def _lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_read_file_plain(run_cli):
    code, out, err = run_cli("read", str(STORY))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Harbour bridge reopens after two-year repair"
    assert lines[1] == "Jane Doe · 2024-03-05T07:30:00Z"
    assert "The old harbour bridge reopened to traffic" in out
    assert "## What changes for commuters" in out
    assert "• Route 4 crosses the bridge again from Monday." in out
    assert "> We waited a long time" in out
    assert "Links:\n[1] /transport/report" in out  # a file without base URL keeps it relative
    assert "Sign up for our newsletter" not in out


def test_read_json_fields_and_entity_offsets(run_cli):
    code, out, err = run_cli("read", str(STORY), "--json")
    assert code == 0, err
    [obj] = _lines(out)
    assert obj["source"] == str(STORY)
    assert obj["title"] == "Harbour bridge reopens after two-year repair"
    assert obj["byline"] == "Jane Doe"
    assert obj["published"].startswith("2024-03-05T07:30:00")
    assert obj["text"] == "\n\n".join(b["text"] for b in obj["blocks"])
    assert {"kind", "text", "level"} <= set(obj["blocks"][0])
    assert obj["links"][0] == {
        "index": 1,
        "url": "/transport/report",
        "text": "city transport office",
    }
    assert isinstance(obj["entities"], list)
    for span in obj["entities"]:
        assert obj["text"][span["start"] : span["end"]] == span["text"]
        assert set(span) == {"text", "label", "start", "end", "key"}


def test_read_json_entities_come_from_reader_entities(run_cli, monkeypatch):
    import reader.entities
    from reader.models import EntitySpan

    def fake_tag(text):
        start = text.index("Alice Brown")
        return [EntitySpan("Alice Brown", "person", start, start + 11, "person:alice brown")]

    monkeypatch.setattr(reader.entities, "tag", fake_tag)
    code, out, _ = run_cli("read", str(STORY), "--json")
    [obj] = _lines(out)
    assert obj["entities"] == [
        {
            "text": "Alice Brown",
            "label": "person",
            "start": obj["text"].index("Alice Brown"),
            "end": obj["text"].index("Alice Brown") + 11,
            "key": "person:alice brown",
        }
    ]


def test_read_several_sources_one_bad(run_cli, tmp_path):
    missing = tmp_path / "missing.html"
    code, out, err = run_cli(
        "read", str(STORY), str(missing), str(PAGES / "latin1_page.html"), "--json"
    )
    assert code == 1
    objs = _lines(out)
    assert [o["source"] for o in objs] == [
        str(STORY),
        str(missing),
        str(PAGES / "latin1_page.html"),
    ]
    assert objs[1]["error"] == "no such file"
    assert objs[2]["title"] == "Café culture"
    assert err.count("\n") == 1 and "missing.html: no such file" in err


def test_read_gzipped_file_like_the_page_itself(run_cli, tmp_path):
    import gzip

    packed = tmp_path / "story.html.gz"
    packed.write_bytes(gzip.compress(STORY.read_bytes()))
    code, out, err = run_cli("read", "--json", str(STORY), str(packed))
    assert code == 0, err
    plain, unpacked = _lines(out)
    assert unpacked["text"] == plain["text"] and unpacked["title"] == plain["title"]


def test_read_binary_or_broken_gzip_is_a_one_line_error(run_cli, tmp_path):
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    broken = tmp_path / "page.html.gz"
    broken.write_bytes(b"\x1f\x8b" + b"not gzip at all")
    code, out, err = run_cli("read", str(image), str(broken))
    assert "photo.png: not an HTML or text file" in err
    assert "page.html.gz: not a valid gzip file" in err
    assert "PNG" not in out and "IHDR" not in out


def test_read_stdin(run_cli, monkeypatch):
    data = STORY.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run_cli("read", "-", "--json")
    assert code == 0
    [obj] = _lines(out)
    assert obj["source"] == "-"
    assert obj["title"] == "Harbour bridge reopens after two-year repair"


def test_read_sanitises_terminal_escapes(run_cli, tmp_path):
    page = tmp_path / "evil.html"
    page.write_text(
        "<html><head><title>Evil \x1b[31mred\x1b[0m title</title></head><body><article>"
        "<p>Text with an escape \x1b]0;pwned\x07 sequence and a bidi \u202e override that"
        " is long enough to be kept by the cleaner as a paragraph.</p></article></body></html>",
        encoding="utf-8",
    )
    code, out, _ = run_cli("read", str(page))
    assert code == 0
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert out.startswith("Evil ") and "title" in out.splitlines()[0]


def test_read_url_from_local_server(run_cli, httpserver):
    body = (PAGES / "latin1_page.html").read_bytes()
    httpserver.expect_request("/cafe").respond_with_data(
        body, content_type="text/html; charset=iso-8859-1"
    )
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    url = httpserver.url_for("/cafe")
    code, out, err = run_cli("read", url, httpserver.url_for("/gone"), "--json")
    assert code == 1
    ok, bad = _lines(out)
    assert ok["source"] == url and ok["url"] == url
    assert "Le café du coin" in ok["text"]
    assert bad["error"] and "404" in bad["error"]
    assert "404" in err
    request = httpserver.log[0][0]
    assert request.headers["User-Agent"].startswith("reader/")


def test_read_needs_a_source(run_cli):
    code, _, err = run_cli("read")
    assert code == 2 and "URL|FILE" in err


# -- reader show ----------------------------------------------------------------------------


@pytest.fixture
def cached(run_cli):
    """A cache with one feed and one article whose page was cleaned."""
    from reader.extract import clean_html
    from reader.store import Store

    store = Store.open(run_cli.db)
    feed = store.add_feed("https://daily.example/feed.xml", title="Daily Example")
    entry = ParsedEntry(
        guid="bridge-1",
        url="https://daily.example/world/bridge",
        title="Harbour bridge reopens",
        author="Jane Doe",
        summary="The bridge reopened.",
    )
    [article_id] = store.upsert_entries(feed.id, [entry]).new_ids
    page = clean_html(STORY.read_bytes(), "https://daily.example/world/bridge")
    store.save_enrichment(article_id, page=page)
    store.close()
    return article_id


def test_show_plain(run_cli, cached):
    code, out, err = run_cli("show", str(cached))
    assert code == 0, err
    assert out.splitlines()[0] == "Harbour bridge reopens"
    assert "Feed: Daily Example" in out
    assert "URL: https://daily.example/world/bridge" in out
    assert "Text from: page" in out
    assert "[1] https://daily.example/transport/report" in out


def test_show_json_by_url(run_cli, cached):
    code, out, err = run_cli("show", "https://daily.example/world/bridge", "--json")
    assert code == 0, err
    obj = json.loads(out)
    assert obj["id"] == cached
    assert obj["feed"] == "Daily Example"
    assert obj["url"] == "https://daily.example/world/bridge"
    assert obj["read"] is False and obj["starred"] is False
    assert obj["text_source"] == "page"
    assert obj["text"].startswith("The old harbour bridge reopened")
    assert obj["blocks"][0]["kind"] == "paragraph"
    assert obj["links"][0]["url"] == "https://daily.example/transport/report"
    assert obj["entities"] == []


def test_show_unknown_article(run_cli):
    code, _, err = run_cli("show", "12345")
    assert code == 1
    assert err.startswith("reader: error:")
