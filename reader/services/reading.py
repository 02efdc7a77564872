"""Use case: read web pages and cached articles as clean text (``reader read`` / ``show``).

``read_sources`` fetches each URL (or reads each file, ``-`` for standard input), cleans it
and yields one result per source, never stopping at a bad one. ``article_view`` turns a
cached Article into the same shape without any network. Both return plain dicts of JSON-ready
values; printing (and sanitising for the terminal) is the command's job.
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from reader.models import Article, Block, CleanArticle, EntitySpan, Link

#: The biggest page or file read (larger ones are cut off by the fetcher or refused).
MAX_BYTES = 10_000_000
TIMEOUT = 20.0


@dataclass(frozen=True)
class ReadResult:
    """One source of ``reader read``: the article, or a one-line error."""

    source: str
    article: CleanArticle | None = None
    entities: list[EntitySpan] = field(default_factory=list)
    error: str | None = None


def is_url(source: str) -> bool:
    return urlsplit(source).scheme.lower() in ("http", "https")


def _fetch(url: str) -> tuple[bytes, str | None, str]:
    """Bytes, declared charset and final URL of a page; raises OSError with a one-line reason."""
    from reader.http import fetch  # polite: User-Agent, 5 redirects, size cap, deadline

    result = fetch(url, timeout=TIMEOUT, max_bytes=MAX_BYTES)
    if not result.ok:
        raise OSError(result.error or f"HTTP {result.status}")
    return result.content, result.charset, result.final_url or url


def _read_file(source: str) -> bytes:
    if source == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        path = Path(source)
        if not path.is_file():
            raise OSError("no such file")
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise OSError(f"larger than {MAX_BYTES // 1_000_000} MB")
    if data.startswith(b"\x1f\x8b"):  # a saved page.html.gz
        data = _gunzip(data)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # NUL bytes and no UTF-16 byte-order mark: an image, a PDF, an archive...
        raise OSError("not an HTML or text file")
    return data


def _gunzip(data: bytes) -> bytes:
    """Decompress a gzip file, at most MAX_BYTES of it (a small bomb cannot fill memory)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, MAX_BYTES + 1)
    except zlib.error:
        raise OSError("not a valid gzip file") from None
    if len(out) > MAX_BYTES:
        raise OSError(f"larger than {MAX_BYTES // 1_000_000} MB once decompressed")
    return out


def tag_entities(text: str) -> list[EntitySpan]:
    """Entities of a cleaned text via reader.entities, or [] while that is unavailable."""
    if not text:
        return []
    try:
        from reader.entities import tag
    except (ImportError, AttributeError):
        return []
    return list(tag(text))


def read_one(source: str, *, entities: bool = True) -> ReadResult:
    """Fetch or read one source and clean it; errors become ``ReadResult.error``."""
    from reader.extract import clean_html

    try:
        if is_url(source):
            data, charset, url = _fetch(source)
        else:
            data, charset, url = _read_file(source), None, None
    except OSError as exc:
        if exc.strerror:
            return ReadResult(source, error=exc.strerror)
        return ReadResult(source, error=str(exc) or type(exc).__name__)
    try:
        article = clean_html(data, url, encoding=charset)
    except Exception as exc:  # a cleaner bug must not stop the other sources
        return ReadResult(source, error=f"could not clean the page: {exc}")
    spans = tag_entities(article.text) if entities else []
    return ReadResult(source, article=article, entities=spans)


def read_sources(sources: Iterable[str], *, entities: bool = True) -> Iterator[ReadResult]:
    """read_one for each source, in order."""
    for source in sources:
        yield read_one(source, entities=entities)


# -- JSON-ready views ------------------------------------------------------------------------


def block_json(block: Block) -> dict:
    return {"kind": block.kind, "text": block.text, "level": block.level}


def link_json(link: Link) -> dict:
    return {"index": link.index, "url": link.url, "text": link.text}


def span_json(span: EntitySpan) -> dict:
    return {
        "text": span.text,
        "label": span.label,
        "start": span.start,
        "end": span.end,
        "key": span.key,
    }


def result_json(result: ReadResult) -> dict:
    """The ``reader read --json`` object of one source."""
    if result.article is None:
        return {"source": result.source, "error": result.error}
    article = result.article
    return {
        "source": result.source,
        "url": article.url,
        "title": article.title,
        "byline": article.byline,
        "published": article.published,
        "text": article.text,
        "blocks": [block_json(b) for b in article.blocks],
        "links": [link_json(link) for link in article.links],
        "entities": [span_json(s) for s in result.entities],
    }


def stored_entities(store, article_id: int) -> list[EntitySpan]:
    """The cached article's entity mentions, when the store keeps them."""
    getter = getattr(store, "article_entities", None)
    if getter is None:
        return []
    return list(getter(article_id))


def article_json(article: Article, spans: list[EntitySpan]) -> dict:
    """The ``reader show --json`` object of a cached article."""
    text = article.body
    blocks = list(article.blocks)
    if not blocks and text:
        # Older rows or feed-only text: one paragraph block per separated chunk.
        from reader.models import BLOCK_SEPARATOR

        blocks = [Block("paragraph", part) for part in text.split(BLOCK_SEPARATOR) if part]
    return {
        "id": article.id,
        "feed": article.feed_title,
        "url": article.url,
        "title": article.title,
        "byline": article.author or None,
        "published": article.published,
        "read": article.read,
        "starred": article.starred,
        "text_source": article.text_source,
        "text": text,
        "blocks": [block_json(b) for b in blocks],
        "links": [link_json(link) for link in article.links],
        "entities": [span_json(s) for s in spans],
    }


# -- plain text ------------------------------------------------------------------------------


def _block_lines(block: dict) -> str:
    from reader.sanitize import clean_line, clean_text

    kind, level = block["kind"], block.get("level") or 0
    if kind == "pre":
        return "\n".join("    " + line for line in clean_text(block["text"]).split("\n"))
    text = clean_line(block["text"])
    if kind == "heading":
        return "#" * max(1, min(level or 2, 6)) + " " + text
    if kind == "list_item":
        return "  " * max(0, level - 1) + "• " + text
    if kind == "quote":
        return "> " + text
    return text


def render_plain(view: dict, *, header: list[tuple[str, object]] = ()) -> str:
    """An article view (result_json / article_json) as terminal text, every field sanitised.

    Title, then byline and date, then ``header`` fields (label, value), then the blocks (a
    blank line between blocks, none between items of one list), then the numbered links.
    """
    from reader.sanitize import clean_line
    from reader.store.convert import to_iso

    lines: list[str] = [clean_line(view.get("title")) or "(no title)"]
    meta = [clean_line(view.get("byline"))] if view.get("byline") else []
    published = view.get("published")
    if published is not None:
        meta.append(to_iso(published) if not isinstance(published, str) else published)
    if meta:
        lines.append(" · ".join(meta))
    for label, value in header:
        if value not in (None, ""):
            lines.append(f"{label}: {clean_line(str(value))}")
    previous = None
    for block in view.get("blocks") or []:
        same_list = previous == "list_item" and block["kind"] == "list_item"
        if not same_list:
            lines.append("")
        lines.append(_block_lines(block))
        previous = block["kind"]
    links = view.get("links") or []
    if links:
        lines.append("")
        lines.append("Links:")
        for link in links:
            lines.append(f"[{link['index']}] {clean_line(link['url'])}")
    return "\n".join(lines)
