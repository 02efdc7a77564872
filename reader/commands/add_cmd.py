"""``reader add URL``: subscribe to a feed, or to the first feed a web page offers."""

from __future__ import annotations

import argparse
import sys

from reader.sanitize import clean_line


def register(sub) -> None:
    parser = sub.add_parser(
        "add",
        help="subscribe to a feed (or a web page's feed)",
        description=(
            "Subscribe to URL. A web page's feeds are discovered (<link rel=alternate>, then"
            " /feed, /rss.xml, /atom.xml, /index.xml ...); the first is subscribed and the"
            " others listed. When the URL cannot be reached, it is subscribed as given."
        ),
    )
    parser.add_argument("url", metavar="URL", help="a feed or web page (http or https)")
    parser.add_argument(
        "--tag", action="append", default=[], metavar="TAG", help="tag the feed (repeatable)"
    )
    parser.add_argument("--title", help="your own title for the feed")
    parser.add_argument(
        "--no-discover",
        action="store_true",
        help="subscribe to URL as given, without fetching it",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx) -> int:
    from reader.services.subscriptions import add_subscription

    refresh = ctx.config.refresh
    result = add_subscription(
        ctx.store,
        args.url,
        tags=args.tag,
        title=args.title,
        discover=not args.no_discover,
        timeout=refresh.timeout,
        max_bytes=refresh.max_bytes,
    )
    if result.warning:
        print(f"reader: warning: {clean_line(result.warning)}", file=sys.stderr)
    feed = result.feed
    tags = f" [{', '.join(feed.tags)}]" if feed.tags else ""
    print(clean_line(f"added {feed.id}: {feed.display_title} <{feed.url}>{tags}"))
    if result.others:
        print("other feeds on that page (add them with `reader add URL`):")
        for other in result.others:
            print("  " + clean_line(other))
    return 0
