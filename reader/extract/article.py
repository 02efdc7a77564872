"""The whole cleaning pipeline for one web page.

1. decode the bytes (HTTP charset, BOM, <meta>), parse once for metadata;
2. readability-lxml picks the article element (its own parse of the page);
3. page furniture that readability keeps is pruned from that element (boilerplate.py);
4. the element becomes blocks and numbered links (blocks.py); lines that are clearly not
   the story (captions, credits, share and newsletter lines ...) are dropped.
"""

from __future__ import annotations

import logging

from readability import Document

from reader.extract import boilerplate
from reader.extract.blocks import blocks_text, element_to_blocks, parse_fragment
from reader.extract.decode import decode_html
from reader.extract.meta import PageMeta, page_meta
from reader.models import CleanArticle

log = logging.getLogger(__name__)


class _Readability(Document):
    """readability-lxml's Document, giving back the article element instead of HTML text."""

    def article_element(self):
        self.summary(html_partial=True)
        # summary() leaves the cleaned article element in self.html (see Document.sanitize).
        return self.html


def _readability_element(text: str, url: str | None):
    try:
        return _Readability(text, url=url).article_element()
    except Exception as exc:  # readability raises Unparseable and, on odd pages, anything
        log.debug("readability failed: %s", exc)
        return None


def extract_article(
    html: str | bytes,
    url: str | None = None,
    *,
    feed_title: str | None = None,
    encoding: str | None = None,
    link_refs: bool = True,
) -> CleanArticle:
    """clean_html with options for the benchmark (``link_refs=False``: no ``[n]`` markers)."""
    text = decode_html(html, encoding)
    page = parse_fragment(text)
    meta = page_meta(page) if page is not None else PageMeta()
    element = _readability_element(text, url) if page is not None else None
    if element is None and page is not None:
        element = page.find("body") if page.find("body") is not None else page
    if element is None:
        blocks, links = (), ()
    else:
        boilerplate.prune_tree(element)
        blocks, links = element_to_blocks(
            element, url, drop=boilerplate.drop_element, link_refs=link_refs
        )
        blocks, links = boilerplate.filter_blocks(blocks, links, meta)
    title = (feed_title or "").strip() or meta.title
    return CleanArticle(
        title=title,
        text=blocks_text(blocks),
        blocks=blocks,
        links=links,
        byline=meta.byline,
        published=meta.published,
        url=url,
    )


def clean_html(
    html: str | bytes,
    url: str | None = None,
    *,
    feed_title: str | None = None,
    encoding: str | None = None,
) -> CleanArticle:
    """A web page -> its article: title, byline, date, blocks of text and numbered links."""
    return extract_article(html, url, feed_title=feed_title, encoding=encoding)
