"""Build the demo cache through the normal ingestion path (no network, never the user's cache).

The demo stories are stored with ``Store.upsert_entries`` and analysed with
``reader.services.analysis.analyse_many`` like refreshed ones, so entities and related
stories show. Dates are relative to ``now`` (the stories "happened" in the last four days).
A built cache is kept in the user cache dir, keyed by a hash of the content, the analysis
version and the day, and every run works on a fresh copy of it.
"""

from __future__ import annotations

import hashlib
import inspect
import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import platformdirs

from reader.demo import outlets, stories_a, stories_b
from reader.models import Block, Link, ParsedEntry

#: Articles marked read / starred in the demo, so the marks show (by index in ALL_STORIES).
READ = (0, 5, 10, 15, 20)
STARRED = (12, 31)

ALL_STORIES: list[dict] = stories_a.STORIES_A + stories_b.STORIES_B


def parse_body(body: str) -> tuple[Block, ...]:
    """Turn the demo body format into blocks (see reader.demo.stories_a)."""
    blocks: list[Block] = []
    for chunk in body.split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            blocks.extend(Block("list_item", line[2:], 1) for line in lines)
        elif lines[0].startswith("## "):
            blocks.append(Block("heading", " ".join(lines)[3:], 2))
        elif lines[0].startswith("> "):
            blocks.append(Block("quote", " ".join(line.lstrip("> ") for line in lines)))
        else:
            blocks.append(Block("paragraph", " ".join(lines)))
    return tuple(blocks)


def entry_for(index: int, story: dict, now: datetime) -> ParsedEntry:
    """The ParsedEntry a feed would have given for one demo story."""
    title, _, site, _ = outlets.OUTLETS[story["outlet"]]
    slug = "-".join(story["title"].lower().split()[:6]).strip(":;,.?")
    return ParsedEntry(
        guid=f"demo-{story['story']}-{index}",
        url=f"{site}{story['story']}/{slug}",
        title=story["title"],
        author=story.get("author", ""),
        published=now - timedelta(hours=story["hours"]),
        content_blocks=parse_body(story["body"]),
        content_links=tuple(
            Link(i, url, text) for i, (url, text) in enumerate(story.get("links", ()), 1)
        ),
    )


def build_demo(path: Path, *, now: datetime | None = None) -> Path:
    """Create the demo cache at ``path`` (which must not exist yet)."""
    from reader.services.analysis import analyse_many
    from reader.store import Store

    now = (now or datetime.now(UTC)).replace(microsecond=0)
    store = Store.open(path)
    try:
        feed_ids = {}
        for key, (title, url, site, tags) in outlets.OUTLETS.items():
            feed_ids[key] = store.add_feed(url, title=title, site_url=site, tags=tags).id
        ids: list[int] = []
        for index, story in enumerate(ALL_STORIES):
            entry = entry_for(index, story, now)
            result = store.upsert_entries(feed_ids[story["outlet"]], [entry], fetched=now)
            ids.extend(result.new_ids)
        articles = [store.get_article(i) for i in ids]
        analyses = analyse_many([(a.title, a.text) for a in articles])
        for article, analysis in zip(articles, analyses, strict=True):
            store.save_enrichment(
                article.id, spans=analysis.spans, terms=analysis.terms, version=analysis.version
            )
        store.set_read([ids[i] for i in READ], True)
        for i in STARRED:
            store.set_starred(ids[i], True)
        for feed_id in feed_ids.values():
            store.update_feed_meta(feed_id, last_fetched=now, last_status="new")
        store.make_single_file()  # the cached copy is a single file to copy
    finally:
        store.close()
    return path


def content_hash(now: datetime) -> str:
    """What the cached demo depends on: the content, this builder, the analysis, the day."""
    from reader.services.analysis import analysis_version

    digest = hashlib.sha256()
    for module in (outlets, stories_a, stories_b):
        digest.update(inspect.getsource(module).encode())
    digest.update(inspect.getsource(build_demo).encode())
    # The analysis code itself: a changed tagger or ranker rebuilds the demo.
    package = Path(__file__).resolve().parents[1]
    for path in sorted([*package.glob("entities/*.py"), *package.glob("related*.py")]):
        digest.update(path.read_bytes())
    digest.update(f"{analysis_version()}|{now.date().isoformat()}".encode())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("reader", appauthor=False)) / "demo"


def demo_db(*, now: datetime | None = None, use_cache: bool = True) -> Path:
    """A fresh copy of the demo cache in a new temp dir (built once per content and day)."""
    now = now or datetime.now(UTC)
    work = Path(tempfile.mkdtemp(prefix="reader-demo-"))
    target = work / "demo.db"
    if not use_cache:
        return build_demo(target, now=now)
    cached = cache_dir() / f"demo-{content_hash(now)}.db"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        for old in cached.parent.glob("demo-*.db"):
            old.unlink(missing_ok=True)  # yesterday's or an older version's
        partial = cached.parent / f"{cached.name}.{work.name}.tmp"
        build_demo(partial, now=now)
        partial.replace(cached)  # atomic: a half-built file is never used
    shutil.copyfile(cached, target)
    return target
