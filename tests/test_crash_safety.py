"""Crash safety: ``kill -9`` a ``reader refresh`` at random moments, again and again.

After every kill the cache passes ``PRAGMA integrity_check``, no read or starred flag set
before the refresh is lost, no stored article disappears, and in the end one refresh runs
to completion and stores every story exactly once. The kill moment is random (seeded): after
a random number of feeds have been reported on ``--progress-json`` plus a random few
milliseconds, so it lands while feeds are being fetched, parsed and written. The whole
process group is killed (the refresh's worker processes too), as a power cut would.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.reliability_support import (
    LocalServer,
    NewsSite,
    add_feeds,
    reader_cmd,
    reader_env,
    run_reader,
    write_config,
)

ITEMS = 30


def _flags(db: Path) -> dict[int, tuple[int, int]]:
    conn = sqlite3.connect(db)
    try:
        return {i: (r, s) for i, r, s in conn.execute("SELECT id, read, starred FROM articles")}
    finally:
        conn.close()


def _integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        # The full-text index has its own check; a torn write there would show up here.
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        return "ok" if result == [("ok",)] else repr(result)
    except sqlite3.DatabaseError as exc:
        return f"{type(exc).__name__}: {exc}"
    finally:
        conn.close()


def _user_marks(db: Path, rng: random.Random, expected: dict[int, tuple[int, int]]) -> None:
    """Like a user in the app: flip read/starred on some articles; remember what was set."""
    from reader.store import Store

    store = Store.open(db)
    try:
        ids = sorted(_flags(db))
        for article_id in rng.sample(ids, min(25, len(ids))):
            read, starred = rng.random() < 0.7, rng.random() < 0.3
            store.set_read([article_id], read)
            store.set_starred(article_id, starred)
            expected[article_id] = (int(read), int(starred))
    finally:
        store.close()


def _refresh_and_kill(db: Path, home: Path, after_feeds: int, extra: float) -> bool:
    """Start a refresh, kill -9 its process group after ``after_feeds`` feed reports (plus
    ``extra`` seconds). Returns True if it was killed, False if it finished first."""
    proc = subprocess.Popen(
        reader_cmd("--db", str(db), "refresh", "--feeds-only", "--progress-json"),
        env=reader_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )

    def kill() -> None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    watchdog = threading.Timer(60, kill)  # never hang the test suite
    watchdog.start()
    try:
        seen = 0
        assert proc.stdout is not None
        for line in proc.stdout:
            if b'"event": "feed"' in line:
                seen += 1
                if seen >= after_feeds:
                    time.sleep(extra)
                    kill()
                    break
        proc.wait()
    finally:
        watchdog.cancel()
        kill()  # the whole group: forkserver and pool workers as well
        if proc.stdout:
            proc.stdout.close()
    return proc.returncode == -signal.SIGKILL


def _crash_loop(tmp_path: Path, kills: int, seed: int, feeds: int, workers: int = 2) -> None:
    rng = random.Random(seed)
    server = LocalServer().start()
    site = NewsSite(server, feeds, items=ITEMS, step=4, delay=0.005)
    home = tmp_path / "home"
    write_config(home, f"[refresh]\nfull_text = false\nconcurrency = 8\nworkers = {workers}\n")
    db = tmp_path / "reader.db"
    try:
        add_feeds(db, site.urls())
        first = run_reader("--db", str(db), "refresh", "--feeds-only", home=home, timeout=120)
        assert first.code == 0, first.err[-2000:]
        expected: dict[int, tuple[int, int]] = {}
        killed = 0
        for round_no in range(kills):
            site.generation += 1  # new and revised stories to write on every run
            _user_marks(db, rng, expected)
            before = set(_flags(db))
            after = rng.randint(1, feeds * 3 // 4)
            killed += _refresh_and_kill(db, home, after, rng.uniform(0, 0.05))
            assert _integrity(db) == "ok", f"round {round_no}: {_integrity(db)}"
            flags = _flags(db)
            assert before <= set(flags), f"round {round_no}: stored articles disappeared"
            lost = {i: (want, flags[i]) for i, want in expected.items() if flags[i] != want}
            assert not lost, f"round {round_no}: flags lost {lost}"
        assert killed >= kills * 0.8, f"only {killed} of {kills} runs were killed mid-way"

        final = run_reader("--db", str(db), "refresh", "--feeds-only", home=home, timeout=120)
        assert final.code == 0 and "Traceback" not in final.err, final.err[-2000:]
        assert _integrity(db) == "ok"
        flags = _flags(db)
        assert all(flags[i] == want for i, want in expected.items())
        conn = sqlite3.connect(db)
        try:
            guids = {g for (g,) in conn.execute("SELECT guid FROM articles")}
            dupes = conn.execute(
                "SELECT count(*) FROM (SELECT feed_id, guid FROM articles"
                " GROUP BY feed_id, guid HAVING count(*) > 1)"
            ).fetchone()[0]
            errors = conn.execute("SELECT count(*) FROM feeds WHERE last_status = 'error'")
            errors = errors.fetchone()[0]
        finally:
            conn.close()
        assert dupes == 0
        assert errors == 0
        missing = [g for n in range(feeds) for g in site.guids(n) if g not in guids]
        assert not missing, f"{len(missing)} current stories missing, e.g. {missing[:3]}"
    finally:
        server.stop()


def test_kill_9_during_refresh_quick(tmp_path: Path) -> None:
    """The CI variant: five kills; parsing in-process (the pool plays no part in what is
    written, and starting it would double the run time)."""
    _crash_loop(tmp_path, kills=5, seed=5, feeds=40, workers=0)


@pytest.mark.slow
def test_kill_9_during_refresh_many_times(tmp_path: Path) -> None:
    """Twenty-five kills at random moments, with the default process pool."""
    _crash_loop(tmp_path, kills=25, seed=25, feeds=150)
