"""HTML -> blocks of text: one block per line, links kept as numbered references.

The walk is iterative (no recursion limit on deeply nested garbage) and pure lxml. Block-level
elements end the current line; inline elements add to it. The kind of a line comes from its
nearest kind-giving ancestor: a heading, ``pre``, a list item or a ``blockquote``; anything
else is a paragraph. ``<a href>`` with text becomes ``text [n]`` and a :class:`Link` n (one
number per distinct URL, in order of first appearance).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from reader.models import BLOCK_SEPARATOR, Block, Link

#: Elements whose content is never article text.
DROP_TAGS = frozenset(
    """script style noscript template svg math form nav button select option textarea input
    label iframe frame frameset object embed canvas audio video source track map head title
    meta link base dialog""".split()
)
#: Elements that end the current line (others are inline).
BLOCK_TAGS = frozenset(
    """p div section article main header footer aside address h1 h2 h3 h4 h5 h6 ul ol li dl
    dt dd blockquote pre table thead tbody tfoot tr td th caption figure figcaption hr center
    details summary fieldset legend body html hgroup menu""".split()
)
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_LISTS = frozenset(("ul", "ol", "menu"))
_CELLS = frozenset(("td", "th"))
# Elements that push a kind for their lines (popped at their end).
_OWN_LINE = frozenset(("li", "blockquote", "tr", "dt", "dd", "caption", "figcaption"))
# Characters that render as nothing and would glue or split words unpredictably.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)
_LINK_SCHEMES = ("http", "https", "mailto", "ftp")


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace (including no-break spaces) into one space."""
    return " ".join(_INVISIBLE.sub("", text).split())


def is_hidden(el) -> bool:
    """Elements a browser would not show (hidden attribute, display:none)."""
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


_PLAIN_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True)


def parse_fragment(html: str | bytes, *, plain: bool = False):
    """Parse HTML (a document or a fragment) leniently; None when there is nothing to parse.

    ``plain`` gives lxml's plain elements (faster to walk) instead of lxml.html's.
    """
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    html = _BAD_CHARS.sub("", _XML_DECL.sub("", html))
    if not html.strip():
        return None
    try:
        if plain:
            return etree.fromstring(html, _PLAIN_PARSER)
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


class _Builder:
    """Collects lines while the tree is walked."""

    def __init__(self, base_url: str | None, link_refs: bool = True) -> None:
        self.base_url = base_url
        self.link_refs = link_refs
        self.blocks: list[Block] = []
        self.links: list[Link] = []
        self._by_url: dict[str, int] = {}
        self._by_href: dict[str, int | None] = {}
        self.parts: list[str] = []
        # Stack of (kind, level) from kind-giving ancestors; the top decides a line's kind.
        self.kinds: list[tuple[str, int]] = [("paragraph", 0)]
        self.list_depth = 0
        self.pre_depth = 0

    # -- lines ---------------------------------------------------------------
    def flush(self) -> None:
        if not self.parts:
            return
        raw = "".join(self.parts)
        self.parts = []
        kind, level = self.kinds[-1]
        if kind == "pre":
            text = _INVISIBLE.sub("", raw).strip("\n").rstrip()
            if not text.strip():
                return
        else:
            text = normalize_space(raw)
            if not text:
                return
        self.blocks.append(Block(kind, text, level))

    def add_text(self, text: str | None) -> None:
        if text:
            self.parts.append(text)

    # -- links ---------------------------------------------------------------
    def link_number(self, href: str, text: str) -> int | None:
        href = href.strip()
        if not href or href.startswith("#"):
            return None
        if href in self._by_href:
            return self._by_href[href]
        number = self._new_link(href, text)
        self._by_href[href] = number
        return number

    def _new_link(self, href: str, text: str) -> int | None:
        try:
            url = urljoin(self.base_url, href) if self.base_url else href
            scheme = urlsplit(url).scheme.lower()
        except ValueError:
            return None
        if scheme not in _LINK_SCHEMES and (scheme or self.base_url):
            # Without a base URL (a file read from disk) a relative link is kept as it is.
            return None
        if url in self._by_url:
            return self._by_url[url]
        number = len(self.links) + 1
        self._by_url[url] = number
        self.links.append(Link(number, url, text[:300]))
        return number

    # -- elements ------------------------------------------------------------
    def start(self, el) -> None:
        tag = el.tag
        if tag == "br":
            if self.pre_depth:
                self.parts.append("\n")
            else:
                self.flush()
            return
        if tag in BLOCK_TAGS:
            if tag in _CELLS and not _has_block_child(el):
                # A plain table cell is part of its row's line.
                if "".join(self.parts).strip():
                    self.parts.append(" | ")
            else:
                self.flush()
        if tag in _HEADINGS:
            self.kinds.append(("heading", _HEADINGS[tag]))
        elif tag == "pre":
            self.pre_depth += 1
            self.kinds.append(("pre", 0))
        elif tag in _LISTS:
            self.list_depth += 1
        elif tag == "li":
            self.kinds.append(("list_item", max(self.list_depth, 1)))
        elif tag == "blockquote":
            self.kinds.append(("quote", 0))
        elif tag == "figcaption":
            self.kinds.append(("caption", 0))
        elif tag in _OWN_LINE and tag not in ("li", "blockquote"):
            # Rows and definitions are lines of their own, whatever encloses them.
            self.kinds.append(("paragraph", 0))
        if el.text:
            self.add_text(el.text)

    def end(self, el) -> None:
        tag = el.tag
        if tag == "a":
            self._end_link(el)
        if tag in BLOCK_TAGS and not (tag in _CELLS and not _has_block_child(el)):
            self.flush()
        if tag in _HEADINGS or tag in _OWN_LINE:
            self.kinds.pop()
        elif tag == "pre":
            self.pre_depth -= 1
            self.kinds.pop()
        elif tag in _LISTS:
            self.list_depth -= 1

    def _end_link(self, el) -> None:
        href = el.get("href")
        if not href or not self.parts:
            return
        text = normalize_space("".join(el.itertext()))
        if not text:
            return
        number = self.link_number(href, text)
        if number is not None and self.link_refs:
            self.parts.append(f" [{number}]")


def _has_block_child(el) -> bool:
    return any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el.iterdescendants())


def _walk(root, builder: _Builder, drop) -> None:
    """Depth-first walk with an explicit stack; tails go to the enclosing line."""
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        el, done = stack.pop()
        if done:
            builder.end(el)
            builder.add_text(el.tail)
            continue
        tag = el.tag
        if not isinstance(tag, str):  # comment or processing instruction
            builder.add_text(el.tail)
            continue
        if tag in DROP_TAGS or drop(el) or is_hidden(el):
            if tag not in BLOCK_TAGS and tag != "br":
                builder.add_text(el.tail)
            else:
                builder.flush()
                builder.add_text(el.tail)
            continue
        builder.start(el)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))


def _never(el) -> bool:
    return False


def element_to_blocks(
    root, base_url: str | None = None, drop=_never, *, link_refs: bool = True
) -> tuple[tuple[Block, ...], tuple[Link, ...]]:
    """Blocks and links of a parsed element (``drop(el)`` skips more elements;
    ``link_refs=False`` leaves the ``[n]`` markers out of the text)."""
    builder = _Builder(base_url, link_refs)
    _walk(root, builder, drop)
    builder.flush()
    return tuple(builder.blocks), tuple(builder.links)


def html_to_blocks(
    html: str | bytes, base_url: str | None = None
) -> tuple[tuple[Block, ...], tuple[Link, ...]]:
    """Blocks and numbered links of an HTML document or fragment (no readability step)."""
    root = parse_fragment(html, plain=True)
    if root is None:
        return (), ()
    return element_to_blocks(root, base_url)


def blocks_text(blocks) -> str:
    """The article text: blocks' text joined with BLOCK_SEPARATOR."""
    return BLOCK_SEPARATOR.join(block.text for block in blocks)
