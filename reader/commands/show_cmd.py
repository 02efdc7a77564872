"""``reader show``: print a cached article (no network)."""

from __future__ import annotations

import argparse


def register(sub) -> None:
    parser = sub.add_parser(
        "show",
        help="print an article from the cache",
        description=(
            "Print a cached article (by id or URL) without any network: title, byline, date,"
            " feed, URL and the text with numbered links. --json prints an object with id,"
            " feed, url, title, byline, published, read, starred, text_source (page or feed),"
            " text, blocks, links and entities (text, label, start, end, key)."
        ),
    )
    parser.add_argument("article", help="article id or URL in the cache")
    parser.add_argument("--json", action="store_true", help="print JSON (stable keys)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx) -> int:
    from reader.output import print_json
    from reader.services.reading import article_json, render_plain, stored_entities

    article = ctx.store.resolve_article(args.article)
    spans = stored_entities(ctx.store, article.id) if args.json else []
    view = article_json(article, spans)
    if args.json:
        print_json(view)
        return 0
    flags = [name for name, on in (("read", article.read), ("starred", article.starred)) if on]
    header = [
        ("Feed", article.feed_title),
        ("URL", article.url),
        ("Id", article.id),
        ("Text from", article.text_source),
        ("Flags", ", ".join(flags)),
    ]
    print(render_plain(view, header=header))
    return 0
