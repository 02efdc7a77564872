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


#: Absolute http(s) URLs that ``urljoin`` returns unchanged whatever the base (no params,
#: empty query or fragment, whitespace, controls, brackets or non-ASCII in the host):
#: most links in feeds, resolved without urllib's ~10 us.
_PLAIN_ABSOLUTE = re.compile(
    r"(https?)://[A-Za-z0-9._~!$&'()*+,=:@%-]+(?:/[^\s?#;\\\x00-\x1f\x7f]*)?"
    r"(?:\?[^\s#\\\x00-\x1f\x7f]+)?(?:#[^\s\\\x00-\x1f\x7f]+)?\Z"
)


class _Links:
    """Numbered links: one number per distinct absolute URL, in order of first appearance."""

    def __init__(self, base_url: str | None) -> None:
        self.base_url = base_url
        self.links: list[Link] = []
        self._by_url: dict[str, int] = {}
        self._by_href: dict[str, int | None] = {}

    def number(self, href: str, text: str) -> int | None:
        href = href.strip()
        if not href or href.startswith("#"):
            return None
        if href in self._by_href:
            return self._by_href[href]
        number = self._new_link(href, text)
        self._by_href[href] = number
        return number

    def _new_link(self, href: str, text: str) -> int | None:
        if _PLAIN_ABSOLUTE.match(href):
            url = href  # what urljoin would return (tests/test_extract.py checks it)
        else:
            try:
                url = urljoin(self.base_url, href) if self.base_url else href
                scheme = urlsplit(url).scheme.lower()
            except ValueError:
                return None
            if scheme not in _LINK_SCHEMES and (scheme or self.base_url):
                # Without a base URL (a file read from disk) a relative link is kept as is.
                return None
        if url in self._by_url:
            return self._by_url[url]
        number = len(self.links) + 1
        self._by_url[url] = number
        self.links.append(Link(number, url, text[:300]))
        return number


# What an element does to the lines, by tag (absent: inline).
_BLOCK, _CELL, _HEADING, _PRE, _LIST, _LI, _QUOTE, _FIGCAPTION, _ROWLIKE, _BR, _A = range(11)
_ACTION: dict[str, int] = {tag: _BLOCK for tag in BLOCK_TAGS}
_ACTION.update({tag: _HEADING for tag in _HEADINGS})
_ACTION.update({tag: _LIST for tag in _LISTS})
_ACTION.update({tag: _CELL for tag in _CELLS})
_ACTION.update(
    pre=_PRE, li=_LI, blockquote=_QUOTE, figcaption=_FIGCAPTION, br=_BR, a=_A,
    tr=_ROWLIKE, dt=_ROWLIKE, dd=_ROWLIKE, caption=_ROWLIKE,
)  # fmt: skip
_BLOCK_TAG_NAMES = tuple(BLOCK_TAGS)
_NOT_ELEMENTS = (etree.Comment, etree.ProcessingInstruction, etree.Entity)


def _has_block_child(el) -> bool:
    return next(el.iterdescendants(*_BLOCK_TAG_NAMES), None) is not None


class _PyWalk:
    """``etree.iterwalk(root, ("start", "end"))`` in Python, for trees with comments or
    processing instructions (iterwalk skips them, and their tails are text): those come as
    ("other", node)."""

    def __init__(self, root) -> None:
        self.root = root
        self._skip = False

    def skip_subtree(self) -> None:
        self._skip = True

    def __iter__(self):
        stack: list[tuple[object, bool]] = [(self.root, False)]
        while stack:
            el, done = stack.pop()
            if done:
                yield "end", el
            elif not isinstance(el.tag, str):
                yield "other", el
            else:
                yield "start", el
                stack.append((el, True))
                if self._skip:
                    self._skip = False
                else:
                    stack.extend([(child, False) for child in reversed(el)])


def _walk(root, base_url: str | None, drop, link_refs: bool) -> tuple[list[Block], _Links]:
    """Depth-first walk (start/end events, no recursion); tails go to the enclosing line.

    One function with local state: it runs once per feed item, so per-element method calls
    were most of a refresh's parsing time.
    """
    blocks: list[Block] = []
    links = _Links(base_url)
    parts: list[str] = []
    # (kind, level) from kind-giving ancestors; the top decides a line's kind.
    kinds: list[tuple[str, int]] = [("paragraph", 0)]
    plain_cells: list[bool] = []  # per open td/th: part of its row's line (no block inside)
    list_depth = pre_depth = 0
    dropped = None  # the element whose subtree is being skipped
    action = _ACTION.get
    drop_tags = DROP_TAGS
    hidden_style = _HIDDEN_STYLE.search
    check_drop = drop is not _never

    def flush() -> None:  # called only when parts is not empty
        raw = "".join(parts)
        parts.clear()
        kind, level = kinds[-1]
        if not raw.isascii():  # (the invisible characters are not ASCII: skip the regex)
            raw = _INVISIBLE.sub("", raw)
        if kind == "pre":
            text = raw.strip("\n").rstrip()
            if not text.strip():
                return
        else:
            text = " ".join(raw.split())
            if not text:
                return
        blocks.append(Block(kind, text, level))

    if next(root.iter(*_NOT_ELEMENTS), None) is None:
        walker = etree.iterwalk(root, events=("start", "end"))
    else:
        walker = _PyWalk(root)
    for event, el in walker:
        if event == "start":
            tag = el.tag
            if (
                tag in drop_tags
                or (check_drop and drop(el))
                or (
                    (names := el.keys())
                    and (
                        "hidden" in names
                        or ("style" in names and hidden_style(el.get("style") or ""))
                    )
                )
            ):
                walker.skip_subtree()
                dropped = el
                continue
            act = action(tag)
            if act is not None and act != _A:
                if act == _BR:
                    if pre_depth:
                        parts.append("\n")
                    elif parts:
                        flush()
                    continue  # a <br>'s own text (never any in HTML) is not read
                if act == _CELL:
                    plain = not _has_block_child(el)
                    plain_cells.append(plain)
                    if not plain:
                        if parts:
                            flush()
                    elif "".join(parts).strip():
                        parts.append(" | ")
                else:
                    if parts:
                        flush()
                    if act == _HEADING:
                        kinds.append(("heading", _HEADINGS[tag]))
                    elif act == _PRE:
                        pre_depth += 1
                        kinds.append(("pre", 0))
                    elif act == _LIST:
                        list_depth += 1
                    elif act == _LI:
                        kinds.append(("list_item", max(list_depth, 1)))
                    elif act == _QUOTE:
                        kinds.append(("quote", 0))
                    elif act == _FIGCAPTION:
                        kinds.append(("caption", 0))
                    elif act == _ROWLIKE:
                        # Rows and definitions are lines of their own, whatever encloses them.
                        kinds.append(("paragraph", 0))
            text = el.text
            if text:
                parts.append(text)
            continue
        if event == "end":
            if el is dropped:
                dropped = None
                if parts and (el.tag in BLOCK_TAGS or el.tag == "br"):
                    flush()
            else:
                act = action(el.tag)
                if act is not None and act != _BR:
                    if act == _A:
                        href = el.get("href")
                        if href and parts:
                            text = "".join(el.itertext())
                            if not text.isascii():
                                text = _INVISIBLE.sub("", text)
                            text = " ".join(text.split())
                            if text:
                                number = links.number(href, text)
                                if number is not None and link_refs:
                                    parts.append(f" [{number}]")
                    elif act == _CELL:
                        if not plain_cells.pop() and parts:
                            flush()
                    else:
                        if parts:
                            flush()
                        if act == _PRE:
                            pre_depth -= 1
                            kinds.pop()
                        elif act == _LIST:
                            list_depth -= 1
                        elif act != _BLOCK:
                            kinds.pop()
        # end of an element, or a comment / processing instruction: its tail follows it
        tail = el.tail
        if tail:
            parts.append(tail)
    if parts:
        flush()
    return blocks, links


def _never(el) -> bool:
    return False


def element_to_blocks(
    root, base_url: str | None = None, drop=_never, *, link_refs: bool = True
) -> tuple[tuple[Block, ...], tuple[Link, ...]]:
    """Blocks and links of a parsed element (``drop(el)`` skips more elements;
    ``link_refs=False`` leaves the ``[n]`` markers out of the text)."""
    blocks, links = _walk(root, base_url, drop, link_refs)
    return tuple(blocks), tuple(links.links)


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
