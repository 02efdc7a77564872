"""``reader related`` on a cache filled the way refresh fills it."""

from __future__ import annotations

import json

from reader.store import Store
from tests.test_related_store import _load


def _cache(run_cli) -> dict[str, int]:
    store = Store.open(run_cli.db)
    try:
        return _load(
            store, {"alpha": ["quake-a", "vote", "cup"], "beta": ["quake-b"], "gamma": ["quake-b"]}
        )
    finally:
        store.close()


def test_related_json(run_cli) -> None:
    ids = _cache(run_cli)
    code, out, err = run_cli("related", str(ids["alpha/quake-a"]), "--json")
    assert code == 0, err
    stories = json.loads(out)
    keys = {"id", "title", "url", "feed", "published", "score", "shared_entities"}
    keys |= {"shared_terms", "also_in", "duplicate_ids"}
    assert keys <= set(stories[0])
    first = stories[0]
    assert {first["id"], *first["duplicate_ids"]} == {ids["beta/quake-b"], ids["gamma/quake-b"]}
    assert first["also_in"] == [{"beta": "gamma", "gamma": "beta"}[first["feed"]]]
    assert "Iquique" in first["shared_entities"]
    assert first["published"].endswith("Z")
    assert [s["score"] for s in stories] == sorted((s["score"] for s in stories), reverse=True)


def test_related_by_url_and_limit(run_cli) -> None:
    ids = _cache(run_cli)
    code, out, _ = run_cli("related", "https://alpha.example/quake-a", "--json", "--limit", "1")
    assert code == 0
    stories = json.loads(out)
    assert len(stories) == 1 and stories[0]["id"] in (ids["beta/quake-b"], ids["gamma/quake-b"])


def test_related_table(run_cli) -> None:
    _cache(run_cli)
    code, out, _ = run_cli("related", "https://alpha.example/quake-a")
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["ID", "SCORE", "DATE"]
    assert "also in:" in out and "Iquique" in out


def test_related_errors(run_cli) -> None:
    _cache(run_cli)
    code, _, err = run_cli("related", "424242")
    assert code == 1 and err.startswith("reader: error:")
    code, _, err = run_cli("related", "1", "--limit", "0")
    assert code == 1 and "--limit" in err


def test_related_nothing_found(run_cli) -> None:
    ids = _cache(run_cli)
    code, out, _ = run_cli("related", str(ids["alpha/cup"]))
    assert code == 0
    assert "no related stories" in out or out.startswith("ID")
