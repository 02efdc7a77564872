"""Make the README's screenshots: drive the demo headless and save SVGs in screenshots/.

    python scripts/screenshots.py [--out screenshots]

The demo cache is built fresh in a temp dir (never the user's cache) at a fixed time, and
the XDG dirs point into that temp dir too (the user's remembered theme must neither change
the pictures nor be changed by them), so the same code gives the same pictures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from reader.config import Config
from reader.context import Context
from reader.demo.build import build_demo

NOW = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)
SIZE = (160, 44)
ROOT = Path(__file__).resolve().parents[1]


async def settle(pilot) -> None:
    for _ in range(4):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def find(ctx: Context, title_prefix: str) -> int:
    row = ctx.store.db.execute(
        "SELECT id FROM articles WHERE title LIKE ?", [title_prefix + "%"]
    ).fetchone()
    return row[0]


async def shoot(out: Path, db: Path, name: str, steps, theme: str | None = None) -> Path:
    from reader.ui.app import make_app

    ctx = Context(config=Config(), db_path=db, config_path=db.parent / "none.toml")
    app = make_app(ctx, now=NOW, demo=True, theme_dirs=None)
    async with app.run_test(size=SIZE) as pilot:
        if theme:
            app.theme = theme
        await settle(pilot)
        await steps(app, pilot, ctx)
        await settle(pilot)
        path = Path(app.save_screenshot(filename=f"{name}.svg", path=str(out)))
    ctx.close()
    return path


async def open_in_list(app, pilot, ctx, title_prefix: str) -> None:
    """Move the list's cursor to the article and open it with Enter, as a user would."""
    from reader.ui.widgets.article_list import ArticleList

    listing = app.screen.query_one(ArticleList)
    wanted = find(ctx, title_prefix)
    listing.cursor = next(i for i in range(listing.total) if listing.row(i).id == wanted)
    await pilot.press("enter")
    await settle(pilot)


async def main_view(app, pilot, ctx) -> None:
    await pilot.press("j", "j", "j", "enter")


async def article_related(app, pilot, ctx) -> None:
    await open_in_list(app, pilot, ctx, "ECB cuts deposit rate")
    await pilot.press("right_square_bracket", "right_square_bracket")


async def entity_panel(app, pilot, ctx) -> None:
    await open_in_list(app, pilot, ctx, "Berlin pledges")
    await pilot.press("e")


async def search(app, pilot, ctx) -> None:
    await pilot.press("slash", *"Nairobi", "enter")
    await settle(pilot)
    await pilot.press("j", "enter")


async def run(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="reader-shots-") as tmp:
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[var] = str(Path(tmp) / var.lower())
        template = build_demo(Path(tmp) / "demo.db", now=NOW)
        shots = [
            ("main", main_view, None),
            ("article-related", article_related, None),
            ("entities", entity_panel, None),
            ("search", search, None),
            ("light", main_view, "reader-light"),
        ]
        written = []
        for name, steps, theme in shots:
            db = Path(tmp) / f"{name}.db"
            db.write_bytes(template.read_bytes())
            written.append(await shoot(out, db, name, steps, theme))
        return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    args = parser.parse_args()
    for path in asyncio.run(run(args.out)):
        print(path)


if __name__ == "__main__":
    main()
