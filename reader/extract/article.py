"""The whole cleaning pipeline for one web page.

1. decode the bytes (HTTP charset, BOM, <meta>), parse once for metadata;
2. readability-lxml picks the article element (its own parse of the page);
3. page furniture that readability keeps is pruned from that element (boilerplate.py);
4. the element becomes blocks and numbered links (blocks.py); lines that are clearly not
   the story (captions, credits, share and newsletter lines ...) are dropped.
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin

from readability import Document
from readability.readability import text_length

from reader.extract import boilerplate
from reader.extract.blocks import blocks_text, element_to_blocks, parse_fragment
from reader.extract.decode import decode_html
from reader.extract.meta import PageMeta, page_meta
from reader.models import CleanArticle

log = logging.getLogger(__name__)

#: The picked element is widened to its parent when it holds at least this share of the
#: parent's text (the parent is then only a wrapper around it).
WRAPPER_SHARE = 0.85
WRAPPER_LEVELS = 2
#: The enclosing <article> replaces the pick when it has this many times its paragraph text.
ARTICLE_WIDEN_FACTOR = 1.3
#: Lists inside the article are kept unless links hold more than this share of their text.
LIST_LINK_DENSITY = 0.5


class _Readability(Document):
    """readability-lxml's Document, giving back the article element instead of HTML text."""

    def remove_unlikely_candidates(self):
        # readability drops anything whose class says "tweet"/"twitter", which removes
        # embedded tweets (blockquote.twitter-tweet), part of a story's text. Shield them.
        shielded = []
        for el in self.html.iter("blockquote"):
            if el.get("class") or el.get("id"):
                shielded.append((el, el.get("class"), el.get("id")))
                el.attrib.pop("class", None)
                el.attrib.pop("id", None)
        super().remove_unlikely_candidates()
        for el, cls, ident in shielded:
            if cls is not None:
                el.set("class", cls)
            if ident is not None:
                el.set("id", ident)

    def get_article(self, candidates, best_candidate, html_partial=False):
        # readability only looks at the siblings of the element it picked. When that element
        # is nearly all of its parent's text (a thin wrapper such as "read-more-content"),
        # the story's first paragraphs are often siblings of the *parent*: collect those.
        best_candidate = self._widen_to_article(candidates, best_candidate)
        before, after = self._uncle_paragraphs(best_candidate["elem"])
        output = super().get_article(candidates, best_candidate, html_partial)
        for el in reversed(before):
            output.insert(0, el)
        for el in after:
            output.append(el)
        return output

    def _paragraph_chars(self, el) -> int:
        """Characters of story-like paragraphs (low link density) inside ``el``."""
        total = 0
        for p in el.iter("p"):
            length = text_length(p)
            if length >= 40 and self.get_link_density(p) < 0.25:
                total += length
        return total

    def _widen_to_article(self, candidates, best_candidate):
        # The story split into several sections (Medium, long reads): readability picks
        # one of them. When the enclosing <article> holds much more paragraph text than the
        # pick, the <article> is the story (readability-lxml does the same for <main>).
        best = best_candidate["elem"]
        frame = next((a for a in best.iterancestors() if a.tag == "article"), None)
        if frame is None or frame.xpath("ancestor::article"):
            return best_candidate
        inside = self._paragraph_chars(best)
        if self._paragraph_chars(frame) < ARTICLE_WIDEN_FACTOR * inside + 200:
            return best_candidate
        if self.get_link_density(frame) > 0.25:
            return best_candidate
        widened = {"content_score": best_candidate["content_score"], "elem": frame}
        candidates[frame] = widened
        return widened

    def _uncle_paragraphs(self, best) -> tuple[list, list]:
        before: list = []
        after: list = []
        level = best
        for _ in range(WRAPPER_LEVELS):
            parent = level.getparent()
            if parent is None or parent.tag in ("body", "html"):
                break
            if text_length(level) < WRAPPER_SHARE * text_length(parent):
                break
            grand = parent.getparent()
            if grand is None:
                break
            seen_parent = False
            found_before, found_after = [], []
            for sibling in grand:
                if sibling is parent:
                    seen_parent = True
                elif self._is_story_paragraph(sibling):
                    (found_after if seen_parent else found_before).append(sibling)
            before = found_before + before
            # Paragraphs after the wrapper are mostly author bios and "about us" boxes.
            del found_after
            level = parent
        return before, after

    def _is_story_paragraph(self, el) -> bool:
        """A paragraph (or a small box of paragraphs) that reads like the story's text."""
        if not isinstance(el.tag, str) or el.tag not in ("p", "div", "section"):
            return False
        length = text_length(el)
        if length < 80 or self.get_link_density(el) >= 0.25:
            return False
        if el.tag == "p":
            return True
        if self.class_weight(el) < 0:
            return False
        paragraphs = el.findall(".//p")
        if not paragraphs or len(paragraphs) > 5 or el.find(".//li") is not None:
            return False
        return sum(text_length(p) for p in paragraphs) >= 0.9 * length

    def get_preserved_elements(self, node):
        # readability-lxml drops any <ul> with more than 20-25 % of its text in links, which
        # loses lists of steps, ingredients and changelog items that cite sources. Like
        # Readability.js, keep a list unless links are most of it or its class is negative.
        allowed = super().get_preserved_elements(node)
        for el in self.tags(node, "ul", "ol"):
            items = el.findall("li")
            if (
                len(items) >= 2
                and self.class_weight(el) >= 0
                and self.get_link_density(el) <= LIST_LINK_DENSITY
                # A list of headlines (every item mostly one link) is "more stories".
                and sum(self.get_link_density(li) > 0.6 for li in items) < 0.6 * len(items)
            ):
                allowed[el] = True
        for el in self.tags(node, "table"):
            if _is_data_table(el):
                allowed[el] = True
        return allowed

    def article_element(self):
        self.summary(html_partial=True)
        # summary() leaves the cleaned article element in self.html (see Document.sanitize).
        return self.html


def _is_data_table(table) -> bool:
    """A table of data rather than of layout (the test Readability.js uses, simplified)."""
    if table.get("role") == "presentation" or table.find(".//table") is not None:
        return False
    if table.find("caption") is not None or table.find(".//th") is not None:
        return True
    if table.find("thead") is not None:
        return True
    rows = table.findall(".//tr")
    cols = max((len(row.findall("td")) for row in rows), default=0)
    return len(rows) >= 10 or cols > 4 or len(rows) * cols > 10


def _readability_element(page):
    # readability gets our parsed page (its cleaner works on a deep copy, so the retry pass
    # starts afresh) and no URL: links are resolved only for the lines kept, in blocks.py,
    # which saves readability's rewriting of every link on the page.
    try:
        return _Readability(page).article_element()
    except Exception as exc:  # readability raises Unparseable and, on odd pages, anything
        log.debug("readability failed: %s", exc)
        return None


def _base_url(page, url: str | None) -> str | None:
    """The URL relative links are resolved against (<base href> counts, as in browsers)."""
    for el in page.iter("base"):
        href = (el.get("href") or "").strip()
        if href:
            try:
                return urljoin(url, href) if url else href if "://" in href else url
            except ValueError:
                return url
    return url


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
    # A page read from a file has no URL: its canonical URL resolves its relative links.
    base = _base_url(page, url or meta.url) if page is not None else url
    element = _readability_element(page) if page is not None else None
    if element is None and page is not None:
        element = page.find("body") if page.find("body") is not None else page
    if element is None:
        blocks, links = (), ()
    else:
        boilerplate.mark_captions(element)
        blocks, links = element_to_blocks(
            element, base, drop=boilerplate.drop_element, link_refs=link_refs
        )
    title = (feed_title or "").strip() or meta.title
    if blocks:
        blocks, links = boilerplate.filter_blocks(blocks, links, meta, title=title)
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
