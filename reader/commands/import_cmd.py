"""``reader import FILE.opml``: subscribe to every feed in a subscription list."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.sanitize import clean_line


def register(sub) -> None:
    parser = sub.add_parser(
        "import",
        help="subscribe to the feeds of an OPML file",
        description=(
            "Subscribe to every feed in an OPML file. Lenient: files that are not"
            " well-formed XML are recovered as far as possible. Folders and category"
            " attributes become tags; feeds already subscribed are skipped."
        ),
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="an OPML file")
    parser.add_argument(
        "--tag", action="append", default=[], metavar="TAG", help="also tag every feed"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx) -> int:
    from reader.services.subscriptions import import_opml

    result = import_opml(ctx.store, args.file, extra_tags=args.tag)
    print(
        f"added {len(result.added)}, skipped {len(result.skipped)} (already subscribed),"
        f" unreadable {len(result.unreadable)}"
    )
    for bad in result.unreadable:
        where = f"line {bad.line}: " if bad.line else ""
        print("  " + clean_line(f"unreadable: {where}{bad.title}: {bad.why}"))
    for other in result.lists:
        print(
            "  " + clean_line(f"not followed: a link to another list {other.title} <{other.url}>")
        )
    return 0 if result.added or result.skipped else 1
