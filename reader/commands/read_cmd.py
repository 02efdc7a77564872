"""``reader read``: fetch (or read) web pages and print them as clean articles."""

from __future__ import annotations

import argparse
import sys


def register(sub) -> None:
    parser = sub.add_parser(
        "read",
        help="print web pages or HTML files as clean articles",
        description=(
            "Fetch each URL (or read each HTML file; - is standard input) and print what"
            " reader makes of it: title, byline, date and the cleaned text with numbered links."
            " --json prints one object per line with source, url, title, byline, published,"
            " text, blocks (kind, text, level), links (index, url, text) and entities (text,"
            " label, start, end, key; offsets into text). A source that fails prints one error"
            " line and the others still print; the exit code is then 1."
        ),
    )
    parser.add_argument("sources", nargs="+", metavar="URL|FILE", help="pages to read")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx) -> int:
    from reader.output import print_json
    from reader.sanitize import clean_line
    from reader.services.reading import read_sources, render_plain, result_json

    failed = 0
    printed = 0
    for result in read_sources(args.sources, entities=args.json):
        if result.error is not None:
            failed += 1
            print(
                f"reader: error: {clean_line(result.source)}: {clean_line(result.error)}",
                file=sys.stderr,
            )
            if args.json:
                print_json([result_json(result)], lines=True)
            continue
        view = result_json(result)
        if args.json:
            print_json([view], lines=True)
        else:
            if printed:
                print("\n" + "=" * 72 + "\n")
            header = [("Source", result.source)] if len(args.sources) > 1 else []
            print(render_plain(view, header=header))
        printed += 1
        sys.stdout.flush()
    return 1 if failed else 0
