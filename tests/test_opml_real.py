"""OPML import against real lists and third-party test cases in ../shared/datasets/opml.

Skips cleanly when the dataset is absent. The listparser and feedvalidator cases carry their
expectations in their own files (``Eval:`` lines, ``Expect:`` codes); they are honoured here as
far as they concern subscriptions (feeds, lists, tags, titles); expectations about the
list's own metadata (``meta``: owner, dates) are out of scope and skipped.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from reader.opml import OpmlError, ParsedOpml, parse_opml, read_opml
from tests.conftest import DATASETS, dataset

OPML = DATASETS / "opml"


def _files(sub: str, pattern: str) -> list[Path]:
    root = OPML / sub
    return sorted(root.rglob(pattern)) if root.is_dir() else []


def _raw_feed_urls(path: Path) -> set[str]:
    """Distinct xmlUrl values, by a plain regex: what a perfect reader would recover."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    return {m.strip() for m in re.findall(r'xmlUrl="([^"]+)"', text, re.I)}


# ----------------------------------------------------------------- real lists


def test_awesome_rss_feeds_all_files_recovered(store) -> None:
    folder = dataset("opml/awesome_rss_feeds")
    files = sorted(folder.rglob("*.opml"))
    assert len(files) == 118
    raw: set[str] = set()
    recovered: set[str] = set()
    methods: dict[str, int] = {}
    untitled: list[str] = []
    for path in files:
        parsed = read_opml(path)  # raises when a file yields nothing
        methods[parsed.method] = methods.get(parsed.method, 0) + 1
        raw |= _raw_feed_urls(path)
        recovered |= {f.url for f in parsed.feeds}
        # Every file has feeds, and every feed has a title and at least its list's folder.
        assert parsed.feeds, path
        untitled.extend(f.url for f in parsed.feeds if not f.title)
        if "with_category" in path.parts:
            assert all(f.tags for f in parsed.feeds), path
    assert len(untitled) <= 10  # a few outlines really have text="" title=""
    # 80 of the files are not well-formed: most need the repair or recovery steps.
    assert methods.get("strict", 0) <= 40
    # The README counts 781 distinct URLs; one pair differs only by "www." (one feed to us).
    assert len(raw) == 781
    assert len(recovered) >= 775
    assert {u.replace("://www.", "://") for u in raw} - {
        u.replace("://www.", "://") for u in recovered
    } == set()


def test_awesome_rss_feeds_import_into_store(store) -> None:
    from reader.services.subscriptions import import_opml

    folder = dataset("opml/awesome_rss_feeds")
    added = skipped = 0
    for path in sorted(folder.rglob("*.opml")):
        result = import_opml(store, path)
        added += len(result.added)
        skipped += len(result.skipped)
    assert added >= 775
    assert added + skipped >= 1560  # with/without_category hold the same feeds twice
    # Feeds from with_category files (imported before their flat twins) carry a tag.
    assert sum(1 for f in store.list_feeds() if f.tags) >= 700


def test_engineering_blogs(store) -> None:
    from reader.services.subscriptions import import_opml

    path = dataset("opml/engineering_blogs") / "engineering_blogs.opml"
    parsed = read_opml(path)
    assert parsed.method == "strict" and parsed.version == "opml1"
    # 422 outlines, two of them repeated: 420 feeds.
    assert len(parsed.feeds) == 420 == len(_raw_feed_urls(path))
    assert all(f.tags == ("Engineering Blogs",) for f in parsed.feeds)
    result = import_opml(store, path)
    assert (len(result.added), len(result.skipped), len(result.unreadable)) == (420, 0, 0)


# ----------------------------------------------------------------- listparser cases


def _listparser_cases() -> list[Path]:
    return [p for p in _files("listparser_tests", "*.xml") if "rdf" not in p.parts]


def _evals(path: Path) -> list[str]:
    return re.findall(r"^\s*Eval:\s*(.+?)\s*$", path.read_text(encoding="utf-8"), re.M)


def _as_listparser(result: ParsedOpml) -> dict:
    """Our result in the shape listparser's Eval lines expect.

    listparser's ``tags`` are the one-level categories; ``categories`` all paths.
    """
    feeds = [
        {
            "url": f.url,
            "title": f.title,
            "categories": [list(c) for c in f.categories],
            "tags": [c[0] for c in f.categories if len(c) == 1],
        }
        for f in result.feeds
    ]
    opportunities = [
        {"url": u.site_url, "title": u.title if u.title != u.site_url else ""}
        for u in result.unreadable
        if u.site_url and "only a site URL" in u.why
    ]
    return {
        "bozo": False,
        "feeds": feeds,
        "lists": [{"url": x.url, "title": x.title} for x in result.lists],
        "opportunities": opportunities,
        "version": result.version,
    }


@pytest.mark.parametrize("path", _listparser_cases(), ids=lambda p: p.name)
def test_listparser_case(path: Path) -> None:
    checks = _evals(path)
    if any("meta" in check for check in checks):
        pytest.skip("expectations about the list's metadata (owner, dates), not subscriptions")
    result = _as_listparser(parse_opml(path.read_bytes()))
    for check in checks:
        assert eval(check, {"datetime": datetime}, {"result": result}), (check, result)


def test_listparser_cases_present_and_rdf_lists_are_not_opml() -> None:
    folder = dataset("opml/listparser_tests")
    assert len(_listparser_cases()) >= 80
    for path in sorted((folder / "rdf").rglob("*.xml")):
        # FOAF/RDF blogrolls are not OPML: no crash, and a one-line reason.
        assert parse_opml(path.read_bytes()).feeds == []
        with pytest.raises(OpmlError, match="not an OPML file"):
            read_opml(path)


# ----------------------------------------------------------------- feedvalidator cases


def _expect(path: Path) -> str:
    match = re.search(r"Expect:\s*(\S+)", path.read_bytes().decode("latin-1"))
    return match.group(1) if match else ""


@pytest.mark.parametrize(
    "path", _files("feedvalidator_opml_testcases", "*.*ml"), ids=lambda p: p.name
)
def test_feedvalidator_case(path: Path) -> None:
    """Whatever the validator says, import recovers every feed URL the file holds."""
    expect = _expect(path)
    result = parse_opml(path.read_bytes())
    urls = {u for u in _raw_feed_urls(path) if u.startswith("http")}
    assert {f.url for f in result.feeds} == {u for u in urls}
    if expect == "SAXError":
        # Not well-formed: recovered anyway, and the reason kept.
        assert result.xml_error and result.method != "strict"
    elif expect == "MissingXmlURL":
        assert [u.title for u in result.unreadable] == ["Feed 1"]
        assert "no feed URL" in result.unreadable[0].why
    elif expect.startswith("UnexpectedAttribute{attribute:xmlurl}"):
        assert len(result.feeds) == 1  # lenient: a lower-case xmlurl is still a feed URL
    elif expect.startswith("UndefinedElement{parent:root"):
        with pytest.raises(OpmlError, match="not an OPML file"):
            read_opml(path)
    elif expect.startswith("UndefinedElement{parent:opml,element:outline}"):
        assert len(result.feeds) == 1  # an outline after <body/> is still read
    elif path.name == "notwellformed.opml":
        pass
    if path.name == "notwellformed.opml":
        [feed] = result.feeds
        assert (feed.title, feed.tags) == ("Nick Bradbury & Co", ("Folder",))
    if path.name == "directory.opml":
        assert len(result.lists) == 8 and not result.feeds  # links to other lists
    if path.name == "twittergram.xml":
        with pytest.raises(OpmlError, match="a feed, not an OPML list"):
            read_opml(path)
