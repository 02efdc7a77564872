"""``reader remove FEED``: unsubscribe."""

from __future__ import annotations

import argparse

from reader.sanitize import clean_line


def register(sub) -> None:
    parser = sub.add_parser(
        "remove",
        help="unsubscribe from a feed (its stored articles go too)",
        description="Unsubscribe from FEED and delete its stored articles.",
    )
    parser.add_argument("feed", metavar="FEED", help="feed id, URL or unique title prefix")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx) -> int:
    from reader.services.subscriptions import remove_subscription

    feed = remove_subscription(ctx.store, args.feed)
    print(clean_line(f"removed {feed.id}: {feed.display_title} <{feed.url}>"))
    return 0
