"""``reader export [FILE]``: the subscriptions as OPML 2.0."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub) -> None:
    parser = sub.add_parser(
        "export",
        help="write the subscriptions as OPML",
        description=(
            "Write every subscription (URL, title, site, tags) as OPML 2.0 to FILE, or to"
            " standard output. Each feed sits in a folder named after its first tag and"
            " lists all its tags in the category attribute."
        ),
    )
    parser.add_argument("file", metavar="FILE", type=Path, nargs="?", help="where to write")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx) -> int:
    from reader.services.subscriptions import export_opml

    text, n = export_opml(ctx.store)
    if args.file is None or str(args.file) == "-":
        sys.stdout.write(text)
        return 0
    tmp = args.file.with_name(args.file.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(args.file)  # all or nothing: never a half-written list
    print(f"exported {n} feed{'s' if n != 1 else ''} to {args.file}", file=sys.stderr)
    return 0
