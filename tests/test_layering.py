"""The core never imports Textual or Rich; only reader.ui does."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import reader


def _core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(reader.__path__, "reader."):
        if info.name.startswith("reader.ui") or info.name == "reader.__main__":
            continue
        names.append(info.name)
    return names


def test_core_modules_do_not_load_textual_or_rich() -> None:
    modules = _core_modules()
    assert "reader.services" in modules and "reader.store" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
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
