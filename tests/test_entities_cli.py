"""``reader entities``: cached articles and plain text files, table and JSON."""

from __future__ import annotations

import io
import json
import sys

import pytest

from reader.store import Store
from tests.test_entities_support import fallback_backend  # noqa: F401  (fixture)

TEXT = "Angela Merkel visited Berlin.\r\nMerkel met Olaf Scholz.\n"


def test_text_files_json(tmp_path, run_cli, fallback_backend):  # noqa: F811
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode())
    code, out, err = run_cli("entities", "--text", str(path), "--json")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert obj["source"] == str(path)
    ents = obj["entities"]
    assert [e["text"] for e in ents] == ["Angela Merkel", "Berlin", "Merkel", "Olaf Scholz"]
    for e in ents:  # offsets into the file's text as it is (\r\n kept)
        assert TEXT[e["start"] : e["end"]] == e["text"]
        assert set(e) >= {"text", "label", "start", "end", "key"}
    assert ents[2]["key"] == "person:angela merkel"


def test_stdin_and_several_files(tmp_path, run_cli, monkeypatch, fallback_backend):  # noqa: F811
    path = tmp_path / "b.txt"
    path.write_text("Reuters reported from Paris.", encoding="utf-8")
    stdin = io.TextIOWrapper(io.BytesIO(b"Joe Biden spoke."), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run_cli("entities", "--text", "-", str(path), "--json")
    assert code == 0
    objs = [json.loads(line) for line in out.splitlines()]
    assert [o["source"] for o in objs] == ["-", str(path)]
    assert objs[0]["entities"][0]["text"] == "Joe Biden"
    assert [e["label"] for e in objs[1]["entities"]] == ["org", "place"]


def test_text_table(tmp_path, run_cli, fallback_backend):  # noqa: F811
    path = tmp_path / "c.txt"
    path.write_text("Angela Merkel visited \x1b[31mBerlin.", encoding="utf-8")
    code, out, _ = run_cli("entities", "--text", str(path))
    assert code == 0
    assert out.splitlines()[0].split() == ["TEXT", "LABEL", "START", "END", "KEY"]
    assert "Angela Merkel" in out and "person:angela merkel" in out
    assert "\x1b" not in out


def test_cached_article(run_cli, fallback_backend):  # noqa: F811
    store = Store.open(run_cli.db)
    feed = store.add_feed("https://example.org/feed")
    store.db.execute(
        "INSERT INTO articles (feed_id, guid, title, text, fetched) VALUES (?, ?, ?, ?, ?)",
        [feed.id, "g", "Merkel in Berlin", TEXT, "2024-01-01T00:00:00Z"],
    )
    store.db.conn.commit()
    article_id = store.db.execute("SELECT id FROM articles").fetchone()[0]
    store.close()
    code, out, err = run_cli("entities", str(article_id), "--json")
    assert code == 0, err
    obj = json.loads(out)
    assert obj["id"] == article_id and obj["backend"] == "fallback"
    first = obj["entities"][0]
    assert (first["key"], first["mentions"], first["label"]) == (
        "person:angela merkel",
        2,
        "person",
    )
    assert [m["text"] for m in obj["mentions"]][:2] == ["Angela Merkel", "Berlin"]
    code, out, _ = run_cli("entities", str(article_id))
    assert code == 0 and "Angela Merkel" in out and "MENTIONS" in out
    # Tagged once; the stored analysis is used the second time.
    code, out2, _ = run_cli("entities", str(article_id), "--json")
    assert json.loads(out2) == obj


@pytest.mark.parametrize(
    "argv, message",
    [
        (("entities",), "give an article id or URL"),
        (("entities", "999"), "no article"),
        (("entities", "1", "--text", "x"), "not both"),
    ],
)
def test_errors(run_cli, argv, message, fallback_backend):  # noqa: F811
    code, _, err = run_cli(*argv)
    assert code == 1
    assert message in err


def test_missing_file(run_cli, tmp_path, fallback_backend):  # noqa: F811
    code, _, err = run_cli("entities", "--text", str(tmp_path / "nope.txt"))
    assert code == 1 and "nope.txt" in err


def test_fallback_is_noted_on_stderr(tmp_path, run_cli, fallback_backend):  # noqa: F811
    path = tmp_path / "d.txt"
    path.write_text("Angela Merkel", encoding="utf-8")
    code, out, err = run_cli("entities", "--text", str(path), "--json")
    assert code == 0 and json.loads(out)["entities"]
    assert "fallback entity tagger" in err and "READER_NER" in err
