"""``reader entities``: the people, organisations and places in a cached article or a file."""

from __future__ import annotations

import argparse
import sys

from reader.errors import ReaderError


def register(sub) -> None:
    parser = sub.add_parser(
        "entities",
        help="list the entities of a cached article or of text files",
        description=(
            "List the named entities of a cached article (by id or URL) with their mention"
            " counts, or with --text tag plain text files as they are (no cleaning; - is"
            " standard input). --json prints, for an article, an object with id, title,"
            " backend, entities (key, name, label, mentions, articles) and mentions (text,"
            " label, start, end, key, name); with --text, one object per line with source and"
            " entities (text, label, start, end, key, name). Offsets are character offsets"
            " into the article's cleaned text or the file's text. Labels: person, org, place,"
            " group, event, work, other."
        ),
    )
    parser.add_argument("article", nargs="?", help="article id or URL in the cache")
    parser.add_argument(
        "--text", nargs="+", metavar="FILE", help="tag these text files instead (- is stdin)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON (stable keys)")
    parser.set_defaults(func=run)


def _span_json(span) -> dict:
    """A mention as JSON: what `reader read --json` gives, plus the canonical name."""
    from reader.services.reading import span_json

    return {**span_json(span), "name": span.name}


def _read(source: str) -> str:
    if source == "-":
        return sys.stdin.buffer.read().decode("utf-8", errors="replace")
    # newline="" keeps \r\n as it is, so offsets are into the file's own text.
    with open(source, encoding="utf-8", errors="replace", newline="") as fh:
        return fh.read()


def run(args: argparse.Namespace, ctx) -> int:
    if args.text and args.article:
        raise ReaderError("give an article or --text FILE..., not both")
    if not args.text and not args.article:
        raise ReaderError("give an article id or URL, or --text FILE...")
    code = _run_text(args) if args.text else _run_article(args, ctx)
    _note_fallback()
    return code


def _note_fallback() -> None:
    """Say on stderr when the fallback tagger was used (stdout stays machine-readable)."""
    from reader import entities

    if entities.backend() != "spacy":
        print(
            f"reader: note: fallback entity tagger in use ({entities.problem()})", file=sys.stderr
        )


def _run_text(args: argparse.Namespace) -> int:
    from reader.output import print_json, print_table
    from reader.services.entities import tag_texts

    named = [(source, _read(source)) for source in args.text]
    for i, (source, spans) in enumerate(tag_texts(named)):
        if args.json:
            print_json([{"source": source, "entities": [_span_json(s) for s in spans]}], lines=True)
            continue
        if len(named) > 1:
            print(("\n" if i else "") + f"== {source}")
        print_table(
            ["TEXT", "LABEL", "START", "END", "KEY"],
            [[s.text, s.label, s.start, s.end, s.key] for s in spans],
        )
    return 0


def _run_article(args: argparse.Namespace, ctx) -> int:
    from reader import entities
    from reader.output import print_json, print_table
    from reader.sanitize import clean_line
    from reader.services.entities import article_entities

    article = ctx.store.resolve_article(args.article)
    counts, spans = article_entities(ctx.store, article.id)
    if args.json:
        print_json(
            {
                "id": article.id,
                "title": clean_line(article.title),
                "backend": entities.backend(),
                "entities": [
                    {
                        "key": c.key,
                        "name": c.name,
                        "label": c.label,
                        "mentions": c.mentions,
                        "articles": c.articles,
                    }
                    for c in counts
                ],
                "mentions": [_span_json(s) for s in spans],
            }
        )
        return 0
    if not counts:
        print(f"no entities found in article {article.id}")
        return 0
    print_table(
        ["NAME", "LABEL", "MENTIONS", "ARTICLES", "KEY"],
        [[c.name, c.label, c.mentions, c.articles, c.key] for c in counts],
    )
    return 0
