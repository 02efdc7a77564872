"""Two processes at once: a ``reader refresh`` from cron while the app is open, and two
refreshes started together. No "database is locked", no lost or doubled article, and the
app's long-lived connection sees the new articles."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import threading
from pathlib import Path

import pytest

from tests.reliability_support import (
    LocalServer,
    NewsSite,
    add_feeds,
    reader_cmd,
    reader_env,
    write_config,
)

FEEDS = 60
ITEMS = 25


@pytest.fixture
def site():
    server = LocalServer().start()
    yield NewsSite(server, FEEDS, items=ITEMS, step=5, delay=0.01)
    server.stop()


def _start_refresh(db: Path, home: Path) -> subprocess.Popen:
    return subprocess.Popen(
        reader_cmd("--db", str(db), "refresh", "--feeds-only", "--json"),
        env=reader_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )


def _finish(proc: subprocess.Popen) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"refresh hung: {err[-2000:]}")
    return proc.returncode, out, err


def _check_cache(db: Path, site: NewsSite) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        dupes = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM articles GROUP BY feed_id, guid"
            " HAVING count(*) > 1)"
        ).fetchone()[0]
        guids = {g for (g,) in conn.execute("SELECT guid FROM articles")}
        errors = conn.execute(
            "SELECT url, last_error FROM feeds WHERE last_status = 'error'"
        ).fetchall()
    finally:
        conn.close()
    assert dupes == 0
    assert not errors, errors[:5]
    missing = [g for n in range(FEEDS) for g in site.guids(n) if g not in guids]
    assert not missing, f"{len(missing)} stories missing, e.g. {missing[:3]}"


def test_two_refreshes_at_once(tmp_path: Path, site: NewsSite) -> None:
    home = tmp_path / "home"
    write_config(home, "[refresh]\nfull_text = false\nworkers = 0\n")
    db = tmp_path / "reader.db"
    add_feeds(db, site.urls())
    for generation in (1, 2):  # an empty cache, then one with stories to update
        site.generation = generation
        procs = [_start_refresh(db, home), _start_refresh(db, home)]
        for proc in procs:
            code, out, err = _finish(proc)
            assert code == 0, err[-2000:]
            assert "locked" not in err.lower() and "Traceback" not in err, err[-2000:]
        _check_cache(db, site)


def test_refresh_while_the_app_reads_and_writes(tmp_path: Path, site: NewsSite) -> None:
    """A thread plays the app on its own long-lived connection: lists, searches, marks
    read and starred, all through a refresh in another process."""
    from reader.store import Store
    from reader.store.articles_sql import View

    home = tmp_path / "home"
    write_config(home, "[refresh]\nfull_text = false\nworkers = 0\n")
    db = tmp_path / "reader.db"
    add_feeds(db, site.urls())
    site.generation = 1
    code, _, err = _finish(_start_refresh(db, home))
    assert code == 0, err

    problems: list[str] = []
    marked: dict[int, tuple[bool, bool]] = {}
    stop = threading.Event()
    seen_counts: list[int] = []

    def app() -> None:
        rng = random.Random(7)
        store = Store.open(db)  # opened before the refresh and kept, as the app does
        try:
            while not stop.is_set():
                try:
                    rows = store.list_articles(View(), limit=200)
                    store.search("story", limit=20)
                    seen_counts.append(store.article_count())
                    for row in rng.sample(rows, min(5, len(rows))):
                        read, starred = rng.random() < 0.5, rng.random() < 0.5
                        store.set_read([row.id], read)
                        store.set_starred(row.id, starred)
                        marked[row.id] = (read, starred)
                except sqlite3.Error as exc:
                    problems.append(f"{type(exc).__name__}: {exc}")
                    return
            seen_counts.append(store.article_count())
        finally:
            store.close()

    thread = threading.Thread(target=app)
    thread.start()
    try:
        site.generation = 2
        code, _, err = _finish(_start_refresh(db, home))
    finally:
        stop.set()
        thread.join(30)
    assert code == 0, err[-2000:]
    assert "locked" not in err.lower(), err[-2000:]
    assert not problems, problems
    assert len(seen_counts) > 3, "the app thread hardly ran during the refresh"
    # The app's connection sees what the other process stored (no stale snapshot).
    assert seen_counts[-1] == FEEDS * (ITEMS + site.step)
    _check_cache(db, site)
    conn = sqlite3.connect(db)
    try:
        flags = {
            i: (bool(r), bool(s))
            for i, r, s in conn.execute("SELECT id, read, starred FROM articles")
        }
    finally:
        conn.close()
    lost = {i: (want, flags[i]) for i, want in marked.items() if flags[i] != want}
    assert not lost, f"the refresh overwrote flags set meanwhile: {lost}"


async def test_app_refresh_and_cron_refresh_at_once(tmp_path: Path, site: NewsSite) -> None:
    """The app refreshes (R) while a cron refresh runs and the user reads: both finish, no
    "database is locked", and the app then lists every new story."""
    import asyncio
    from datetime import UTC, datetime

    from reader.config import Config
    from reader.context import Context
    from reader.ui.app import make_app

    home = tmp_path / "home"
    config = write_config(home, "[refresh]\nfull_text = false\nworkers = 0\n")
    db = tmp_path / "reader.db"
    _store_generation(db, site, add_feeds(db, site.urls()), generation=1)

    app_argv = reader_cmd(
        "--db", str(db), "--config", str(config), "refresh", "--feeds-only", "--progress-json"
    )
    ctx = Context(config=Config(), db_path=db, config_path=config)
    app = make_app(ctx, now=datetime.now(UTC), refresh_command=lambda feed_id: app_argv)
    try:
        async with app.run_test(size=(160, 45)) as pilot:
            await _settle(pilot)
            site.generation = 2
            cron = await asyncio.create_subprocess_exec(
                *reader_cmd("--db", str(db), "refresh", "--feeds-only"),
                env=reader_env(home),
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.PIPE,
            )
            await pilot.press("R")
            for _ in range(5):  # read and star while both refreshes write
                await pilot.press("j", "enter", "s")
                await pilot.pause()
            cron_err = (await cron.stderr.read()).decode()  # type: ignore[union-attr]
            assert await cron.wait() == 0, cron_err
            await _settle(pilot)
            messages = [n.message for n in app._notifications]
            assert not any("failed" in m.lower() or "locked" in m.lower() for m in messages), (
                messages
            )
            assert "locked" not in cron_err.lower()
            assert app.screen.total == FEEDS * (ITEMS + site.step)
    finally:
        ctx.close()
    _check_cache(db, site)


async def _settle(pilot) -> None:
    for _ in range(5):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _store_generation(db: Path, site: NewsSite, feed_ids: list[int], generation: int) -> None:
    """Store a generation of the site directly (quicker than a refresh subprocess)."""
    from reader.models import ParsedEntry
    from reader.store import Store

    site.generation = generation
    store = Store.open(db)
    try:
        for n, feed_id in enumerate(feed_ids):
            entries = [ParsedEntry(guid=g, title=f"Story {g}") for g in site.guids(n)]
            store.upsert_entries(feed_id, entries)
    finally:
        store.close()
