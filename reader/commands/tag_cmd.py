"""``reader tag FEED TAG...``: add tags to a feed, or remove them with ``--untag``."""

from __future__ import annotations

import argparse

from reader.sanitize import clean_line


def register(sub) -> None:
    parser = sub.add_parser(
        "tag",
        help="tag a feed (or untag it)",
        description="Add TAGs to FEED; with --untag, remove them.",
    )
    parser.add_argument("feed", metavar="FEED", help="feed id, URL or unique title prefix")
    parser.add_argument("tags", metavar="TAG", nargs="+", help="tags to add (or remove)")
    parser.add_argument("--untag", action="store_true", help="remove the tags instead")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx) -> int:
    from reader.services.subscriptions import tag_subscription

    feed = tag_subscription(ctx.store, args.feed, args.tags, untag=args.untag)
    tags = ", ".join(feed.tags) or "(no tags)"
    print(clean_line(f"{feed.id}: {feed.display_title}: {tags}"))
    return 0
