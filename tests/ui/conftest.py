"""Fixtures for the UI tests: the demo cache built once at a fixed time, an app factory, and
deterministic stand-ins for entities and related stories (so UI tests do not depend on the
tagger's or the ranker's current output)."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.config import Config
from reader.context import Context
from reader.models import EntityCount, EntitySpan, RelatedStory

NOW = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)
SIZE = (160, 45)

#: Names the fake tagger finds (label, name).
FAKE_NAMES = (
    ("person", "Clara Reinholt"),
    ("person", "Tomas Lindqvist"),
    ("org", "European Central Bank"),
    ("org", "Bundesbank"),
    ("place", "Frankfurt"),
    ("place", "Paris"),
    ("place", "Germany"),
    ("place", "Spain"),
)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reader.demo.build import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    return build_demo(path, now=NOW)


@pytest.fixture
def demo_ctx(demo_template: Path, tmp_path: Path) -> Context:
    db = tmp_path / "demo.db"
    shutil.copyfile(demo_template, db)
    ctx = Context(config=Config(), db_path=db, config_path=tmp_path / "config.toml")
    yield ctx
    ctx.close()


@pytest.fixture
def make(demo_ctx: Context):
    """Build the app like the CLI does, at the fixed time."""
    from reader.ui.app import make_app

    def build(ctx: Context | None = None, **options):
        options.setdefault("now", NOW)
        options.setdefault("demo", True)
        return make_app(ctx or demo_ctx, **options)

    return build


def fake_spans(text: str) -> list[EntitySpan]:
    spans = []
    for label, name in FAKE_NAMES:
        start = text.find(name)
        while start >= 0:
            key = f"{label}:{name.lower()}"
            spans.append(EntitySpan(name, label, start, start + len(name), key, name))
            start = text.find(name, start + len(name))
    return sorted(spans, key=lambda s: s.start)


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch):
    """Deterministic entities (fixed names) and related stories (same-story articles)."""
    from reader.ui.screens import main_data

    real_load = main_data.load_article

    def load_article(store, article_id, mark_read=True):
        loaded = real_load(store, article_id, mark_read)
        spans = fake_spans(loaded.article.text)
        counts = Counter((s.key, s.name, s.label) for s in spans)
        loaded.spans = spans
        loaded.counts = [EntityCount(k, n, lbl, c) for (k, n, lbl), c in counts.items()]
        return loaded

    def load_related(store, article_id, limit=8):
        article = store.get_article(article_id)
        story = article.guid.split("-")[1]
        rows = store.db.execute(
            "SELECT id FROM articles WHERE guid LIKE ? AND id != ? ORDER BY published DESC",
            [f"demo-{story}-%", article_id],
        ).fetchall()
        out = []
        for (other_id,) in rows[:limit]:
            other = store.get_article(other_id)
            out.append(
                RelatedStory(
                    other.id,
                    other.title,
                    other.url,
                    other.feed_title,
                    other.published,
                    0.5,
                    shared_entities=("Clara Reinholt", "Frankfurt"),
                )
            )
        return out

    monkeypatch.setattr(main_data, "load_article", load_article)
    monkeypatch.setattr(main_data, "load_related", load_related)


async def settle(pilot) -> None:
    """Wait until the app has no running workers and has handled its messages."""
    app = pilot.app
    for _ in range(5):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def article_id_by_title(ctx: Context, prefix: str) -> int:
    row = ctx.store.db.execute(
        "SELECT id FROM articles WHERE title LIKE ?", [prefix + "%"]
    ).fetchone()
    assert row, prefix
    return row[0]
