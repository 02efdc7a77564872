"""``reader search``: full text and entity:NAME, JSON for scripts."""

from __future__ import annotations

import json

from reader.store import Store
from tests.test_related_store import _load


def _cache(run_cli) -> dict[str, int]:
    store = Store.open(run_cli.db)
    try:
        return _load(store, {"alpha": ["quake-a", "vote", "cup"], "beta": ["quake-b"]})
    finally:
        store.close()


def test_search_json_words(run_cli) -> None:
    ids = _cache(run_cli)
    code, out, err = run_cli("search", "tsunami", "--json")
    assert code == 0, err
    found = json.loads(out)
    assert {a["id"] for a in found} == {ids["alpha/quake-a"], ids["beta/quake-b"]}
    assert set(found[0]) == {"id", "title", "url", "feed", "published"}
    assert {a["feed"] for a in found} == {"alpha", "beta"}


def test_search_entity(run_cli) -> None:
    ids = _cache(run_cli)
    code, out, _ = run_cli("search", 'entity:"Michelle Bachelet"', "--json")
    assert code == 0
    assert [a["id"] for a in json.loads(out)] == [ids["alpha/vote"]]


def test_search_table_limit_and_nothing(run_cli) -> None:
    _cache(run_cli)
    code, out, _ = run_cli("search", "chile", "--limit", "1")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "DATE", "FEED", "TITLE"] and len(lines) == 2
    code, out, _ = run_cli("search", "zebra")
    assert code == 0 and "no articles found" in out
    code, out, _ = run_cli("search", "zebra", "--json")
    assert json.loads(out) == []


def test_search_errors(run_cli) -> None:
    code, _, err = run_cli("search", "x", "--limit", "0")
    assert code == 1 and "--limit" in err
    code, _, err = run_cli("search", "  ")
    assert code == 1
