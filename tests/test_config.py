"""Config loading: defaults, good files, and one-line errors for bad ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.config import Config, load_config
from reader.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "nope.toml")
    assert config.refresh.timeout == 20.0 and config.display.width == 88
    assert config.theme == Config().theme


def test_good_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'theme = "reader-light"\n[refresh]\ntimeout = 5\nfull_text = false\nconcurrency = 3\n'
        '[display]\nwidth = 100\n[keys]\nnext_unread = "n,ctrl+n"\n',
    )
    config = load_config(path)
    assert config.theme == "reader-light"
    assert config.refresh.timeout == 5.0 and isinstance(config.refresh.timeout, float)
    assert config.refresh.full_text is False and config.refresh.concurrency == 3
    assert config.display.width == 100
    assert config.keys == {"next_unread": "n,ctrl+n"}
    assert config.path == path


@pytest.mark.parametrize(
    ("text", "line", "pieces"),
    [
        ('theme = "x"\ncolour = "red"\n', 2, ["unknown key 'colour'", "known: theme"]),
        ("[refresh]\n\ntimout = 3\n", 3, ["unknown key 'refresh.timout'"]),
        ("[display]\nwidth = -1\n", 2, ["display.width = -1", "a whole number >= 0"]),
        ("[refresh]\nfull_text = 1\n", 2, ["refresh.full_text = 1", "true or false"]),
        ('[refresh]\ntimeout = "fast"\n', 2, ["refresh.timeout = 'fast'", "a number > 0"]),
        ('theme = ""\n', 1, ["theme = ''", "a non-empty string"]),
        ("refresh = 3\n", 1, ["[refresh] must be a table"]),
        ("[keys]\nquit = 1\n", 1, ["[keys] must map binding ids to key strings"]),
    ],
)
def test_bad_values_name_file_line_and_key(
    tmp_path: Path, text: str, line: int, pieces: list[str]
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}:{line}: "), message
    for piece in pieces:
        assert piece in message


def test_bad_toml(tmp_path: Path) -> None:
    path = write(tmp_path, "[refresh\ntimeout = 3\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(f"{path}: not valid TOML") and "line 1" in message
    assert "\n" not in message


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"theme = '\xff\xfe'\n")
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(path)


def test_cli_reports_bad_config_in_one_line(run_cli, tmp_path: Path) -> None:
    path = write(tmp_path, '[display]\nwidth = "wide"\n')
    for argv in (("--config", str(path), "feeds"), ("feeds", "--config", str(path))):
        code, out, err = run_cli(*argv)
        assert code == 1 and out == ""
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"reader: error: {path}:2: display.width")


def test_default_config_location_is_used(run_cli, _isolated_home: Path) -> None:
    config_dir = _isolated_home / "config" / "reader"
    config_dir.mkdir(parents=True)
    (config_dir / "config.toml").write_text("bogus = 1\n")
    code, _, err = run_cli("feeds")
    assert code == 1 and "config.toml:1: unknown key 'bogus'" in err


@pytest.mark.parametrize("command", ["feeds", "export", "add", "import", "tag", "remove"])
def test_config_and_db_overrides_before_or_after_the_command(
    run_cli, tmp_path: Path, command: str
) -> None:
    """--config and --db work for any command, on either side of it."""
    bad = write(tmp_path, "nonsense = true\n")
    args = {
        "feeds": [],
        "export": [],
        "add": ["--no-discover", "https://x.example/f"],
        "import": [str(tmp_path / "none.opml")],
        "tag": ["1", "t"],
        "remove": ["1"],
    }[command]
    for argv in (["--config", str(bad), command, *args], [command, *args, "--config", str(bad)]):
        code, _, err = run_cli(*argv)
        assert code == 1 and "unknown key 'nonsense'" in err, argv

    db = tmp_path / "elsewhere.db"
    good = write(tmp_path, "[refresh]\ntimeout = 2\n")
    code, _, err = run_cli(command, *args, "--db", str(db), "--config", str(good), db_path=None)
    assert db.exists(), err
    code, _, err = run_cli("--db", str(db), "--config", str(good), command, *args, db_path=None)
    assert db.exists()


def test_db_override_keeps_data_apart(run_cli, tmp_path: Path) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    run_cli("--db", str(one), "add", "--no-discover", "https://one.example/f", db_path=None)
    run_cli("add", "--no-discover", "https://two.example/f", "--db", str(two), db_path=None)
    _, out1, _ = run_cli("feeds", "--json", "--db", str(one), db_path=None)
    _, out2, _ = run_cli("--db", str(two), "feeds", "--json", db_path=None)
    assert [f["url"] for f in json.loads(out1)] == ["https://one.example/f"]
    assert [f["url"] for f in json.loads(out2)] == ["https://two.example/f"]
