"""``reader search``: find cached articles by words or entities (and their ids)."""

from __future__ import annotations

import argparse

from reader.errors import ReaderError


def register(sub) -> None:
    parser = sub.add_parser(
        "search",
        help="search the cached articles",
        description=(
            "Full-text search of the cached articles (title and text; each word matches as a"
            ' prefix). entity:NAME or entity:"Full Name" matches articles mentioning that'
            " entity. Newest first. --json prints a list of objects with id, title, url, feed"
            " and published, so scripts can find an article's id."
        ),
    )
    parser.add_argument("query", nargs="+", help="words and/or entity:NAME")
    parser.add_argument("--limit", "-n", type=int, default=50, help="at most N articles (50)")
    parser.add_argument("--json", action="store_true", help="print JSON (stable keys)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx) -> int:
    from reader.output import print_json, print_table

    if args.limit < 1:
        raise ReaderError("--limit must be at least 1")
    query = " ".join(args.query)
    if not query.strip():
        raise ReaderError("give something to search for")
    found = ctx.store.search(query, limit=args.limit)
    if args.json:
        print_json(
            [
                {
                    "id": a.id,
                    "title": a.title,
                    "url": a.url,
                    "feed": a.feed_title,
                    "published": a.published,
                }
                for a in found
            ]
        )
        return 0
    if not found:
        print("no articles found")
        return 0
    rows = [
        [a.id, a.published.strftime("%Y-%m-%d") if a.published else "", a.feed_title, a.title]
        for a in found
    ]
    print_table(["ID", "DATE", "FEED", "TITLE"], rows)
    return 0
