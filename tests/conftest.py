"""Shared fixtures: every test runs with XDG dirs in a temp dir, never the real home."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATASETS = SHARED / "datasets"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield home


@pytest.fixture
def store(tmp_path: Path):
    from reader.store import Store

    s = Store.open(tmp_path / "reader.db")
    yield s
    s.close()


def dataset(name: str) -> Path:
    """A folder of ../shared/datasets, or skip the test when it is absent."""
    path = DATASETS / name
    if not path.is_dir():
        pytest.skip(f"dataset {name} not present at {path}")
    return path


@pytest.fixture
def run_cli(tmp_path: Path, capsys: pytest.CaptureFixture):
    """Run the real entry point in-process; returns (exit code, stdout, stderr)."""
    from reader.cli import main

    db = tmp_path / "cli.db"

    def run(*argv: str, db_path: Path | None = db) -> tuple[int, str, str]:
        args = list(argv)
        if db_path is not None:
            args = ["--db", str(db_path), *args]
        try:
            code = main(args)
        except SystemExit as exc:  # argparse errors and --help
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    run.db = db  # type: ignore[attr-defined]
    return run


os.environ.setdefault("READER_TESTING", "1")
