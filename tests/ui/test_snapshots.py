"""Snapshot tests of the main states (fixed size, fixed time, demo data, fixed entities)."""

from __future__ import annotations

from reader.config import Config
from reader.context import Context
from tests.ui.conftest import article_id_by_title, settle

SNAP_SIZE = (140, 36)


def test_snapshot_main_view(snap_compare, make):
    assert snap_compare(make(), terminal_size=SNAP_SIZE, run_before=settle)


def test_snapshot_article_with_entities_and_related(snap_compare, make, demo_ctx, fakes):
    article_id = article_id_by_title(demo_ctx, "ECB cuts deposit rate")

    async def run_before(pilot):
        await settle(pilot)
        pilot.app.screen.open_article(article_id)
        await settle(pilot)
        pilot.app.screen.reader.focus()
        await pilot.press("right_square_bracket")
        await settle(pilot)

    assert snap_compare(make(), terminal_size=SNAP_SIZE, run_before=run_before)


def test_snapshot_entity_panel_light_theme(snap_compare, make, demo_ctx, fakes):
    article_id = article_id_by_title(demo_ctx, "ECB cuts deposit rate")

    async def run_before(pilot):
        pilot.app.theme = "reader-light"
        await settle(pilot)
        pilot.app.screen.open_article(article_id)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)

    assert snap_compare(make(), terminal_size=SNAP_SIZE, run_before=run_before)


def test_snapshot_welcome(snap_compare, make, tmp_path):
    ctx = Context(config=Config(), db_path=tmp_path / "empty.db", config_path=tmp_path / "c.toml")
    assert snap_compare(make(ctx, demo=False), terminal_size=SNAP_SIZE, run_before=settle)
