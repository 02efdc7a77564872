"""Printing for commands: sanitised tables and JSON (never raw network text)."""

from __future__ import annotations

import json
import re
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


# JSON escapes C0 controls itself; these others (DEL, C1 such as the 8-bit CSI 0x9b, bidi
# overrides) it leaves raw, and a terminal may act on them. They can only occur inside JSON
# strings, where a \uXXXX escape means exactly the same: the output stays lossless.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


def _dumps(value: Any, **kwargs: Any) -> str:
    text = json.dumps(value, default=_default, ensure_ascii=False, **kwargs)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def print_json(value: Any, *, lines: bool = False) -> None:
    """Print JSON (one object per line when ``lines``); nothing a terminal acts on is raw."""
    if lines:
        for item in value:
            sys.stdout.write(_dumps(item) + "\n")
    else:
        sys.stdout.write(_dumps(value, indent=2) + "\n")


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
