"""Bad local input: broken config, theme and OPML files give one line naming the file, the
line and the problem (the app still starts, with defaults, where it can); a read-only or full
disk gives a clear one-line error and leaves the cache intact.

The disk cases need root to mount a small tmpfs (and to remount it read-only); without that
they skip with the reason. ``chmod`` is no use as root, which ignores permissions.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability_support import LocalServer, rss


def _one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line, got:\n{err}"
    assert lines[0].startswith("reader: error: "), lines[0]
    assert "Traceback" not in err
    return lines[0]


# --- config.toml ------------------------------------------------------------------------

BAD_CONFIGS = [
    # (file text, the line named, words the message must contain)
    ('theme = "reader-dark"\n[refresh]\ntimeout = \n', 3, ["not valid TOML"]),
    ("[refresh]\nconcurrency = 8\nconcurency = 3\n", 3, ["unknown key", "concurency"]),
    ('[refresh]\ntimeout = "fast"\n', 2, ["refresh.timeout", "number"]),
    ("[display]\nwidth = -4\n", 2, ["display.width", "whole number"]),
    ('[refresh]\nfull_text = "yes"\n', 2, ["full_text", "true or false"]),
    ("[keys]\nquit = 3\n", 1, ["keys"]),  # names the [keys] table
    ("theme = 'x'\ntheme = 'y'\n", 2, ["not valid TOML"]),
    ("\ufeff[refresh]\n\x00\n", None, []),
]


@pytest.mark.parametrize(("text", "line", "words"), BAD_CONFIGS)
def test_bad_config_is_one_line_naming_file_line_problem(
    run_cli, tmp_path: Path, text: str, line: int | None, words: list[str]
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run_cli("--config", str(path), "feeds")
    assert code == 1
    message = _one_line_error(err)
    assert str(path) in message
    if line is not None:
        assert re.search(rf"(:{line}:|line {line}\b)", message), message
    for word in words:
        assert word in message, message


def test_unreadable_config_is_one_line(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"theme = '\xff\xfe'\n")  # not UTF-8
    code, _, err = run_cli("--config", str(path), "feeds")
    assert code == 1
    assert str(path) in _one_line_error(err)


def test_app_starts_with_defaults_and_a_notice_on_bad_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`reader` (the app) with a broken config: defaults plus a notice naming file and line."""
    import reader.ui.app
    from reader.config import Config
    from reader.ui import run as ui_run

    path = tmp_path / "config.toml"
    path.write_text('[refresh]\ntimeout = "fast"\n', encoding="utf-8")
    seen: dict = {}

    class FakeApp:
        return_code = 0

        def run(self) -> int:
            return 0

    def fake_make_app(ctx, **options):
        seen["ctx"], seen["options"] = ctx, options
        return FakeApp()

    monkeypatch.setattr(reader.ui.app, "make_app", fake_make_app)
    args = argparse.Namespace(config=path, db=tmp_path / "r.db", demo=False, command=None)
    assert ui_run.run(args) == 0
    assert seen["ctx"].config == Config()
    notices = seen["options"]["notices"]
    assert len(notices) == 1 and "\n" not in notices[0]
    assert f"{path}:2" in notices[0] and "refresh.timeout" in notices[0]


# --- themes -----------------------------------------------------------------------------

BAD_THEMES = [
    ("syntax.toml", "name = 'syntax'\n[colors]\nprimary = #ff0000\n", 3),
    ("colour.toml", "name = 'colour'\n[colors]\nprimary = 'not-a-colour'\n", 3),
    ("unknown.toml", "name = 'unknown'\n[colors]\nprimary = '#ff0000'\nprimery = '#00ff00'\n", 4),
]


@pytest.mark.parametrize(("name", "text", "line"), BAD_THEMES)
def test_bad_theme_is_one_line_naming_file_line_problem(
    tmp_path: Path, name: str, text: str, line: int
) -> None:
    from reader.ui import themes

    folder = tmp_path / "themes"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    (folder / "good.toml").write_text("name = 'good'\n[colors]\nprimary = '#112233'\n")
    loaded = themes.load_themes([folder])
    assert [t.name for t in loaded.themes] == ["good"]
    assert len(loaded.errors) == 1
    message = loaded.errors[0]
    assert "\n" not in message and name in message
    assert re.search(rf"(:{line}\b|line {line}\b)", message), message


# --- OPML -------------------------------------------------------------------------------

BAD_OPML = [
    ("junk.opml", b"\x00\x01\x02 garbage \xff"),
    ("empty.opml", b""),
    ("html.opml", b"<!doctype html><html><body><p>Not a list</p></body></html>"),
    ("nofeeds.opml", b'<?xml version="1.0"?><opml version="2.0"><head/><body/></opml>'),
]


@pytest.mark.parametrize(("name", "data"), BAD_OPML)
def test_bad_opml_is_one_line_naming_the_file(run_cli, tmp_path: Path, name, data) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run_cli("import", str(path))
    assert code == 1
    assert "Traceback" not in err
    message = _one_line_error(err) if err.strip() else out.strip()
    assert name in message or "added 0" in message, message


def test_opml_with_a_broken_entry_names_its_line(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "mixed.opml"
    path.write_text(
        '<?xml version="1.0"?>\n<opml version="2.0"><head/><body>\n'
        '<outline text="Good" xmlUrl="http://good.example/feed.xml"/>\n'
        '<outline text="No URL"/>\n'
        '<outline text="Bad" xmlUrl="javascript:alert(1)"/>\n'
        "</body></opml>\n",
        encoding="utf-8",
    )
    code, out, err = run_cli("import", str(path))
    assert code == 0, err
    assert "added 1" in out
    unreadable = [line for line in out.splitlines() if "unreadable:" in line]
    assert unreadable and all(re.search(r"line \d+", line) for line in unreadable), out


def test_missing_opml_is_one_line(run_cli, tmp_path: Path) -> None:
    code, _, err = run_cli("import", str(tmp_path / "nope.opml"))
    assert code == 1
    assert "nope.opml" in _one_line_error(err)


# --- read-only and full disks -----------------------------------------------------------


@contextlib.contextmanager
def tmpfs(path: Path, size: str) -> Iterator[Path]:
    """Mount a small tmpfs at ``path`` (root only), or skip."""
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a small tmpfs (a full or read-only disk)")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield path
    finally:
        if subprocess.run(["umount", str(path)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(path)], capture_output=True)


def _remount(path: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(path)], check=True)


def _snapshot(db: Path) -> tuple[str, list]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        rows = conn.execute(
            "SELECT feeds.url, articles.guid, articles.read, articles.starred FROM articles"
            " JOIN feeds ON feeds.id = articles.feed_id ORDER BY 1, 2"
        ).fetchall()
    finally:
        conn.close()
    return check, rows


@pytest.fixture
def filled_cache(run_cli, tmp_path: Path):
    """A function that fills a cache at a given path with two feeds, one article read."""
    server = LocalServer().start()
    config = tmp_path / "config.toml"
    config.write_text("[refresh]\nworkers = 0\nfull_text = false\n")

    def fill(db: Path) -> None:
        from reader.store import Store

        a = server.static("/a.xml", rss("A", [("a1", "One"), ("a2", "Two")]))
        b = server.static("/b.xml", rss("B", [("b1", "Three")]))
        store = Store.open(db)
        store.add_feed(a)
        store.add_feed(b)
        store.close()
        code, _, err = run_cli("--config", str(config), "refresh", "--feeds-only", db_path=db)
        assert code == 0, err
        store = Store.open(db)
        first = store.list_articles(limit=1)[0]
        store.set_read([first.id], True)
        store.set_starred(first.id, True)
        store.close()

    fill.server = server  # type: ignore[attr-defined]
    fill.config = config  # type: ignore[attr-defined]
    yield fill
    server.stop()


def test_read_only_cache_dir(run_cli, tmp_path: Path, filled_cache) -> None:
    with tmpfs(tmp_path / "ro", "4m") as folder:
        db = folder / "reader.db"
        filled_cache(db)
        before = _snapshot(db)
        _remount(folder, "ro")
        config = str(filled_cache.config)
        for argv in (
            ["add", "http://example.com/new.xml"],
            ["refresh", "--feeds-only"],
            ["feeds"],  # even reading: WAL needs its -shm file beside the cache
        ):
            code, out, err = run_cli("--config", config, *argv, db_path=db)
            assert "Traceback" not in err, err
            if code != 0:
                message = _one_line_error(err)
                assert str(db) in message or "cache" in message, message
            else:
                # Only reading may succeed; a refresh stops at once with one line.
                assert argv == ["feeds"], (argv, out, err)
        # A new cache in a read-only place: one line too.
        code, _, err = run_cli("feeds", db_path=folder / "sub" / "new.db")
        assert code == 1 and "Read-only" in _one_line_error(err)
        _remount(folder, "rw")
        assert _snapshot(db) == before and before[0] == "ok"


def test_read_only_cache_file(run_cli, tmp_path: Path, filled_cache) -> None:
    """The cache file itself read-only (its folder writable): reading works, writing is one
    line, nothing changes."""
    with tmpfs(tmp_path / "rofile", "4m") as folder:
        db = folder / "reader.db"
        filled_cache(db)
        before = _snapshot(db)
        subprocess.run(["mount", "--bind", str(db), str(db)], check=True)
        try:
            subprocess.run(["mount", "-o", "remount,ro,bind", str(db)], check=True)
            code, out, err = run_cli("feeds", db_path=db)
            assert code == 0, err
            assert "/a.xml" in out
            code, _, err = run_cli("add", "http://example.com/new.xml", db_path=db)
            assert code == 1
            message = _one_line_error(err)
            assert str(db) in message and "readonly" in message.replace("-", "")
        finally:
            subprocess.run(["umount", str(db)], check=True)
        assert _snapshot(db) == before and before[0] == "ok"


def test_full_disk(run_cli, tmp_path: Path, filled_cache) -> None:
    """A refresh that cannot write fails that feed with a clear reason, keeps the rest, and
    completes once there is room again."""
    with tmpfs(tmp_path / "full", "1m") as folder:
        db = folder / "reader.db"
        filled_cache(db)
        before = _snapshot(db)
        server = filled_cache.server
        items = [(f"big{i}", f"Long story {i} " + "words " * 400) for i in range(300)]
        big = server.static("/big.xml", rss("Big", items))
        from reader.store import Store

        store = Store.open(db)
        store.add_feed(big)
        store.close()
        config = str(filled_cache.config)
        code, out, err = run_cli("--config", config, "refresh", "--feeds-only", db_path=db)
        assert "Traceback" not in err
        if code != 0:
            _one_line_error(err)
        check, rows = _snapshot(db)
        assert check == "ok"
        assert set(before[1]) <= set(rows), "articles or flags were lost"
        conn = sqlite3.connect(db)
        status, error = conn.execute(
            "SELECT last_status, last_error FROM feeds WHERE url = ?", [big]
        ).fetchone()
        conn.close()
        assert status == "error" and "full" in error and "\n" not in error, error

        # A command that writes on a full disk: one line.
        filler = folder / "filler"
        with contextlib.suppress(OSError), filler.open("wb") as fh:
            fh.write(b"\0" * 2_000_000)
        code, _, err = run_cli("add", "http://example.com/more.xml", db_path=db)
        if code != 0:
            assert "full" in _one_line_error(err)
        filler.unlink()

        _remount(folder, "size=16m")
        code, _, err = run_cli("--config", config, "refresh", "--feeds-only", db_path=db)
        assert code == 0, err
        check, rows = _snapshot(db)
        assert check == "ok"
        assert sum(1 for r in rows if r[1].startswith("big")) == 300
        assert set(before[1]) <= set(rows)
