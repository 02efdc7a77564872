"""Printing for commands: sanitised tables and JSON (never raw network text)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from reader.sanitize import clean_line


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        from reader.store.convert import to_iso

        return to_iso(value)
    if isinstance(value, tuple | set):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(value: Any, *, lines: bool = False) -> None:
    """Print JSON (one object per line when ``lines``). JSON escapes control characters."""
    if lines:
        for item in value:
            sys.stdout.write(json.dumps(item, default=_default, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(json.dumps(value, default=_default, ensure_ascii=False, indent=2) + "\n")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A plain aligned table; every cell passes through clean_line."""
    cells = [[clean_line("" if c is None else str(c)) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, cell in enumerate(row):
            widths[i] = min(max(widths[i], len(cell)), 60)

    def fmt(row: Sequence[str]) -> str:
        out = []
        for i, cell in enumerate(row):
            if len(cell) > widths[i]:
                cell = cell[: widths[i] - 1] + "…"
            out.append(cell.ljust(widths[i]))
        return "  ".join(out).rstrip()

    print(fmt(list(headers)))
    for row in cells:
        print(fmt(row))
