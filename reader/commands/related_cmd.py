"""``reader related``: the other stories in the cache about the same event, and why."""

from __future__ import annotations

import argparse

from reader.errors import ReaderError


def register(sub) -> None:
    parser = sub.add_parser(
        "related",
        help="list the stories related to a cached article",
        description=(
            "List the other stories in the cache about the same event as ARTICLE (an id or a"
            " URL), best first, with the entities and key terms they share. Near-duplicates"
            " (the same story in several feeds) are one line, with the other feeds in"
            " 'also in'. --json prints a list of objects with id, title, url, feed, published,"
            " score, shared_entities, shared_terms, also_in and duplicate_ids. Related data"
            " is computed at refresh time: articles not analysed yet have none."
        ),
    )
    parser.add_argument("article", help="article id or URL in the cache")
    parser.add_argument("--limit", "-n", type=int, default=10, help="at most N stories (10)")
    parser.add_argument("--json", action="store_true", help="print JSON (stable keys)")
    parser.set_defaults(func=run)


def story_json(story) -> dict:
    """The JSON object of one RelatedStory (stable keys)."""
    return {
        "id": story.id,
        "title": story.title,
        "url": story.url,
        "feed": story.feed,
        "published": story.published,
        "score": story.score,
        "shared_entities": list(story.shared_entities),
        "shared_terms": list(story.shared_terms),
        "also_in": list(story.also_in),
        "duplicate_ids": list(story.duplicate_ids),
    }


def run(args: argparse.Namespace, ctx) -> int:
    from reader.output import print_json, print_table
    from reader.services.related import related_for

    if args.limit < 1:
        raise ReaderError("--limit must be at least 1")
    article = ctx.store.resolve_article(args.article)
    stories = related_for(ctx.store, article.id, limit=args.limit)
    if args.json:
        print_json([story_json(s) for s in stories])
        return 0
    if not stories:
        print("no related stories in the cache")
        return 0
    rows = []
    for s in stories:
        why = ", ".join([*s.shared_entities[:3], *s.shared_terms[:3]])
        also = f" (also in: {', '.join(s.also_in)})" if s.also_in else ""
        day = s.published.strftime("%Y-%m-%d") if s.published else ""
        rows.append([s.id, f"{s.score:.2f}", day, s.feed, s.title + also, why])
    print_table(["ID", "SCORE", "DATE", "FEED", "TITLE", "WHY"], rows)
    return 0
