"""``reader rename FEED TITLE``: give a feed your own title."""

from __future__ import annotations

import argparse

from reader.sanitize import clean_line


def register(sub) -> None:
    parser = sub.add_parser(
        "rename",
        help="give a feed your own title",
        description="Give FEED the title TITLE (refreshes will not change it).",
    )
    parser.add_argument("feed", metavar="FEED", help="feed id, URL or unique title prefix")
    parser.add_argument("title", metavar="TITLE", nargs="+", help="the new title")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx) -> int:
    from reader.services.subscriptions import rename_subscription

    feed = rename_subscription(ctx.store, args.feed, " ".join(args.title))
    print(clean_line(f"renamed {feed.id}: {feed.title} <{feed.url}>"))
    return 0
