"""``reader feed-set``: per-feed settings (full-article fetching)."""

from __future__ import annotations

import argparse

_CHOICES = {"on": True, "off": False, "default": None}


def register(sub) -> None:
    parser = sub.add_parser(
        "feed-set",
        help="change a feed's settings (full-article fetching)",
        description=(
            "Change settings of one feed (id, URL or title prefix). --full-text on|off"
            " fetches and cleans each new story's web page for this feed or not; default"
            " follows the config's refresh.full_text."
        ),
    )
    parser.add_argument("feed", metavar="FEED", help="feed id, URL or title prefix")
    parser.add_argument(
        "--full-text",
        choices=sorted(_CHOICES),
        required=True,
        help="fetch full articles for this feed: on, off or default (the config's setting)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx) -> int:
    from reader.sanitize import clean_line

    feed = ctx.store.resolve_feed(args.feed)
    feed = ctx.store.set_feed_full_text(feed.id, _CHOICES[args.full_text])
    state = {True: "on", False: "off", None: "default"}[feed.full_text]
    print(f"{feed.id}: {clean_line(feed.display_title)}: full text {state}")
    return 0
