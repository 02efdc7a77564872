"""``reader feeds``: the subscriptions, as a table or JSON."""

from __future__ import annotations

import argparse


def register(sub) -> None:
    parser = sub.add_parser(
        "feeds",
        help="list subscriptions",
        description=(
            "List subscriptions: id, title, URL, tags, articles, unread, last fetched and"
            " last error. --json prints a list of objects with the keys id, title, url, tags,"
            " articles, unread, last_fetched, last_error."
        ),
    )
    parser.add_argument("--json", action="store_true", help="print JSON (stable keys)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx) -> int:
    from reader.output import print_json, print_table
    from reader.sanitize import clean_line
    from reader.store.convert import to_iso

    feeds = ctx.store.list_feeds()
    if args.json:
        print_json(
            [
                {
                    "id": f.id,
                    "title": clean_line(f.title),
                    "url": f.url,
                    "tags": list(f.tags),
                    "articles": f.articles,
                    "unread": f.unread,
                    "last_fetched": to_iso(f.last_fetched),
                    "last_error": f.last_error,
                }
                for f in feeds
            ]
        )
        return 0
    if not feeds:
        print("no subscriptions yet: add one with `reader add URL` or `reader import FILE`")
        return 0
    rows = [
        [
            f.id,
            f.title or "-",
            f.url,
            ", ".join(f.tags),
            f.articles,
            f.unread,
            to_iso(f.last_fetched) or "never",
            f.last_status or "",
            f.last_error or "",
        ]
        for f in feeds
    ]
    print_table(
        [
            "ID",
            "TITLE",
            "URL",
            "TAGS",
            "ARTICLES",
            "UNREAD",
            "LAST FETCHED",
            "STATUS",
            "LAST ERROR",
        ],
        rows,
    )
    return 0
