"""The core never imports Textual or Rich; only reader.ui does."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import reader


def _core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(reader.__path__, "reader."):
        if info.name.startswith("reader.ui") or info.name == "reader.__main__":
            continue
        names.append(info.name)
    return names


def test_core_sources_never_import_textual_or_rich() -> None:
    root = Path(reader.__file__).parent
    pattern = re.compile(r"^\s*(from|import)\s+(textual|rich)\b", re.M)
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "ui" not in path.relative_to(root).parts[:1] and pattern.search(path.read_text())
    ]
    assert offenders == []


def test_core_modules_do_not_load_textual() -> None:
    # (httpx loads rich for its own CLI when rich is installed, so only textual is checked.)
    modules = _core_modules()
    assert "reader.services" in modules and "reader.store" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_cli_help_does_not_load_textual_or_spacy() -> None:
    code = (
        "import sys\nfrom reader.cli import build_parser\nbuild_parser()\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'spacy', 'feedparser', 'readability'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_opening_the_app_parses_without_importing_the_commands() -> None:
    code = (
        "import sys\nfrom reader.cli import parse_args\n"
        "args = parse_args(['--db', 'x.db', '--demo'])\n"
        "assert args.command is None and args.demo and str(args.db) == 'x.db', args\n"
        "assert parse_args(['feeds', '--json']).command == 'feeds'\n"
        "assert parse_args(['--db', 'x.db', 'feeds']).command == 'feeds'\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith('reader.commands.'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    # The commands were imported only for the two command lines, not for the app's.
    assert "reader.commands.feeds_cmd" in result.stdout
    code = (
        "import sys\nfrom reader.cli import parse_args\nparse_args(['--config', 'c.toml'])\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith('reader.commands'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
