"""Regenerate the key table in docs/app.md (and README.md when it has the markers)
from reader.ui.bindings, the table the app itself uses.

    python scripts/keys_table.py [--check]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from reader.ui.bindings import keys_markdown_table

ROOT = Path(__file__).resolve().parents[1]
FILES = (ROOT / "docs" / "app.md", ROOT / "README.md")
BLOCK = re.compile(r"(<!-- keys:start -->\n).*?(<!-- keys:end -->)", re.S)


def updated(text: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + keys_markdown_table() + "\n" + m.group(2), text)


def main() -> int:
    parser = argparse.ArgumentParser(description="regenerate the key tables")
    parser.add_argument("--check", action="store_true", help="fail if a table is stale")
    args = parser.parse_args()
    stale = []
    for path in FILES:
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        new = updated(text)
        if new != text:
            stale.append(path)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    if args.check and stale:
        print("stale key tables: " + ", ".join(str(p) for p in stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
