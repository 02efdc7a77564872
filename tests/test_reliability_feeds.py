"""Real-world feeds through the real pipeline: no crash, no hang, every feed ingested or
marked with a one-line error.

A deterministic sample of ``../shared/datasets/feeds`` (every category the corpus has:
malformed XML, undeclared and wrong encodings, UTF-16/32, HTML served as a feed, huge feeds,
JSON Feed, plus a spread of the rest) is served from a loopback server, with the HTTP headers
feedparser's own test files ask for, and refreshed by a ``reader refresh --feeds-only``
subprocess. ``benchmarks/feeds_robustness.py`` runs all 4,117 files the same way.
"""

from __future__ import annotations

import hashlib

import pytest

from tests.conftest import dataset
from tests.reliability_support import (
    LocalServer,
    corpus_route,
    corpus_url,
    load_manifest,
    run_reader,
    write_config,
)

SAMPLE_SIZE = 150

# Files where feedparser (raw bytes, no headers) recovers entries but reader, which is
# given the HTTP headers as served, rightly does not. Each with the reason.
NO_ENTRIES_EXPECTED: dict[str, str] = {
    "feedparser_tests/wellformed/namespace/unknown-namespace.xml": (
        "an Atom feed whose only child is <item>, not <entry>: feedparser takes it as an entry"
    ),
}


def _key(path: str) -> str:
    return hashlib.sha1(path.encode(), usedforsecurity=False).hexdigest()


def choose_sample(rows: list[dict[str, str]], size: int = SAMPLE_SIZE) -> list[dict[str, str]]:
    """Every hard category first (capped), then an even spread of the rest; deterministic."""
    rows = sorted(rows, key=lambda r: _key(r["path"]))
    picked: dict[str, dict[str, str]] = {}

    def take(pred, limit: int) -> None:
        n = 0
        for r in rows:
            if n >= limit or len(picked) >= size:
                return
            if pred(r) and r["path"] not in picked:
                picked[r["path"]] = r
                n += 1

    take(lambda r: r["bom"] != "", 10)  # UTF-8/16/32 with a byte-order mark
    take(
        lambda r: (
            r["xml_declared_encoding"].lower() in ("utf-16", "utf-32", "utf-16le", "utf-32le")
        ),
        6,
    )
    take(lambda r: "/illformed/" in r["path"], 19)  # incl. undeclared Big5/EUC/KOI8-R
    take(lambda r: r["valid_utf8"] == "0", 15)  # Latin-1 etc. bytes
    take(lambda r: r["fp6_bozo_exception"] == "CharacterEncodingOverride", 6)
    take(lambda r: r["xml_well_formed"] == "no", 20)
    take(lambda r: "/encoding/" in r["path"], 12)
    take(lambda r: r["fp6_version"] == "" and int(r["fp6_entries"]) == 0, 6)  # HTML, junk
    take(lambda r: r["path"].endswith(".json"), 3)
    big = sorted(rows, key=lambda r: -int(r["bytes"]))[:6]  # the huge feeds
    for r in big:
        picked.setdefault(r["path"], r)
    take(lambda r: r["path"].startswith(("feedjira_2009", "rss_parser", "feed_rs")), 20)
    take(lambda r: True, size)  # the rest, spread by hash
    return list(picked.values())[:size]


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory):
    root = dataset("feeds")
    from reader.store import Store

    sample = choose_sample(load_manifest(root))
    server = LocalServer()
    server.fallback = corpus_route(root)
    server.start()
    home = tmp_path_factory.mktemp("corpus-home")
    write_config(home, "[refresh]\ntimeout = 10.0\nfull_text = false\n")
    db = home / "reader.db"
    store = Store.open(db)
    ids = {r["path"]: store.add_feed(corpus_url(server, r["path"])).id for r in sample}
    store.close()
    try:
        run = run_reader("--db", str(db), "refresh", "--feeds-only", home=home, timeout=180)
        store = Store.open(db)
        feeds = {path: store.get_feed(feed_id) for path, feed_id in ids.items()}
        store.close()
        # The second run parses in-process (workers = 0): quicker to start, same parser.
        write_config(home, "[refresh]\ntimeout = 10.0\nfull_text = false\nworkers = 0\n")
        again = run_reader("--db", str(db), "refresh", "--feeds-only", home=home, timeout=180)
    finally:
        server.stop()
    store = Store.open(db)
    feeds_again = {path: store.get_feed(feed_id) for path, feed_id in ids.items()}
    ok = store.integrity_ok()
    store.close()
    return sample, run, feeds, ok, again, feeds_again


def test_sample_covers_the_hard_categories() -> None:
    rows = load_manifest(dataset("feeds"))
    sample = choose_sample(rows)
    assert len(sample) == SAMPLE_SIZE
    assert len({r["path"] for r in sample}) == SAMPLE_SIZE
    assert choose_sample(rows) == sample  # deterministic
    assert sum(r["bom"] != "" for r in sample) >= 8
    assert sum(r["xml_well_formed"] == "no" for r in sample) >= 20
    assert sum(r["valid_utf8"] == "0" for r in sample) >= 10
    assert any(r["path"] == "rss_parser_inputs/giantbomb-podcast.rss" for r in sample)


def test_refresh_of_the_sample_neither_crashes_nor_hangs(corpus_run) -> None:
    _, run, _, integrity_ok, _, _ = corpus_run
    assert not run.timed_out, "reader refresh hung on the corpus sample"
    assert run.code == 0, run.err[-3000:]
    assert "Traceback" not in run.err, run.err[-3000:]
    assert integrity_ok
    assert run.max_rss_mb < 500, f"peak memory {run.max_rss_mb:.0f} MB"


def test_every_feed_is_ingested_or_has_a_one_line_error(corpus_run) -> None:
    sample, _, feeds, *_ = corpus_run
    problems = []
    for row in sample:
        feed = feeds[row["path"]]
        if feed.last_status is None:
            problems.append(f"{row['path']}: never processed")
        elif feed.last_status == "error":
            err = feed.last_error or ""
            if not err.strip() or "\n" in err or len(err) > 300:
                problems.append(f"{row['path']}: bad error message {err!r}")
        elif feed.last_status not in ("new", "updated", "unchanged"):
            problems.append(f"{row['path']}: unexpected status {feed.last_status}")
    assert not problems, "\n".join(problems)


def test_entries_that_feedparser_recovers_are_ingested(corpus_run) -> None:
    """Where feedparser recovers entries from the raw bytes, reader stores some too."""
    sample, _, feeds, *_ = corpus_run
    missing = []
    for row in sample:
        if int(row["fp6_entries"]) > 0 and row["path"] not in NO_ENTRIES_EXPECTED:
            feed = feeds[row["path"]]
            if feed.articles == 0:
                missing.append(f"{row['path']}: {feed.last_status} {feed.last_error or ''}")
    assert not missing, "\n".join(missing)


def test_most_of_the_sample_is_ingested(corpus_run) -> None:
    sample, _, feeds, *_ = corpus_run
    with_entries = sum(feeds[r["path"]].articles > 0 for r in sample)
    recoverable = sum(int(r["fp6_entries"]) > 0 for r in sample)
    assert with_entries >= recoverable * 0.95


def test_second_refresh_adds_no_duplicates(corpus_run) -> None:
    """The same documents again: no new articles (entries keep their identity), no crash."""
    sample, _, feeds, _, again, feeds_again = corpus_run
    assert again.code == 0 and not again.timed_out, again.err[-3000:]
    changed = [
        f"{r['path']}: {feeds[r['path']].articles} -> {feeds_again[r['path']].articles}"
        for r in sample
        if feeds_again[r["path"]].articles != feeds[r["path"]].articles
    ]
    assert not changed, "\n".join(changed)
