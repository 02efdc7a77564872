"""Lenient OPML reading and OPML 2.0 writing.

Real subscription lists are often not well-formed XML: raw ``&`` in URLs, HTML entities
(``&aelig;``), attributes spelt ``xmlurl`` or ``XMLURL``, missing versions, stray end tags,
two documents pasted together. Reading goes through increasingly forgiving steps and keeps
the first that recovers the most feeds:

1. strict XML (lxml with entities, DTDs and the network switched off);
2. the same after a repair pass (bare ``&`` escaped, HTML entities replaced by characters);
3. lxml's ``recover=True`` parser and a regex scanner of ``<outline ...>`` tags (which also
   follows nesting), whichever finds more feeds.

Outline semantics: an outline with ``xmlUrl`` (any case; ``url`` for rss/atom types) is a
feed; an outline with children and no feed URL is a folder whose title becomes a category
(tag) of the feeds inside; the ``category`` attribute (comma-separated, each a ``/`` path)
adds more. ``type="link"``/``include``/``source`` outlines are other subscription lists and
are reported, not followed.
"""

from __future__ import annotations

import html
import html.entities
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from xml.sax.saxutils import quoteattr

from reader.errors import ReaderError
from reader.sanitize import clean_line
from reader.urls import is_http_url, normalize_url

#: Outline types that mean "a feed" when the URL is in ``url`` rather than ``xmlUrl``.
_FEED_TYPES = {"rss", "atom", "feed", "json", "jsonfeed"}
#: Outline types that point at another subscription list.
_LIST_TYPES = {"link", "include", "source"}
_MAX_BYTES = 20_000_000


class OpmlError(ReaderError):
    """An OPML file that yields nothing usable."""

    def __init__(self, message: str) -> None:
        super().__init__(clean_line(message))  # parser messages quote the file's bytes


@dataclass(frozen=True)
class OpmlFeed:
    """A feed found in a subscription list."""

    url: str
    title: str = ""
    site_url: str = ""
    #: Category paths: folders the outline sits in, then its ``category`` attribute.
    categories: tuple[tuple[str, ...], ...] = ()

    @property
    def tags(self) -> tuple[str, ...]:
        """Every component of every category path, once each, in order of appearance."""
        seen: dict[str, None] = {}
        for path in self.categories:
            for part in path:
                seen.setdefault(part, None)
        return tuple(seen)


@dataclass(frozen=True)
class OpmlList:
    """A link to another subscription list (``type="link"``/``include``/``source``)."""

    url: str
    title: str = ""


@dataclass(frozen=True)
class Unreadable:
    """An outline that looked like a subscription but could not be used, and why."""

    title: str
    why: str
    line: int | None = None
    site_url: str = ""


@dataclass
class ParsedOpml:
    """What a subscription list holds."""

    feeds: list[OpmlFeed] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)
    lists: list[OpmlList] = field(default_factory=list)
    title: str = ""
    version: str = ""  # opml1 / opml2 / opml (missing or unknown) / "" (not OPML)
    method: str = "strict"  # strict / repaired / recover / regex
    #: Why the document was not well-formed XML (with its line), when it was not.
    xml_error: str | None = None
    xml_error_line: int | None = None
    root: str = ""


# --------------------------------------------------------------------------- helpers


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


def _lower_attrs(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Attribute names lower-cased and without namespace; the first spelling wins."""
    out: dict[str, str] = {}
    for key, value in items:
        name = key.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()
        out.setdefault(name, value)
    return out


def _split_categories(value: str) -> list[tuple[str, ...]]:
    """``"tag, /a/b"`` -> ``[("tag",), ("a", "b")]``; empty parts dropped."""
    paths = []
    for chunk in value.split(","):
        parts = tuple(p for p in (_clean(x) for x in chunk.split("/")) if p)
        if parts:
            paths.append(parts)
    return paths


def _fix_url(url: str) -> str:
    """Whitespace stripped, ``feed://`` turned into ``http://``."""
    url = url.strip()
    if url.lower().startswith("feed://"):
        url = "http://" + url[7:]
    elif url.lower().startswith("feed:http"):
        url = url[5:]
    parts = urlsplit(url)
    if parts.scheme.lower() in ("http", "https"):
        url = urlunsplit((parts.scheme.lower(), *parts[1:]))
    return url


def _version(value: str | None) -> str:
    value = (value or "").strip()
    if value in ("1.0", "1.1"):
        return "opml1"
    if value == "2.0":
        return "opml2"
    return "opml"


class _Collector:
    """Turns outlines (attributes + folder path) into feeds, lists and unreadables."""

    def __init__(self) -> None:
        self.feeds: dict[str, OpmlFeed] = {}
        self.unreadable: list[Unreadable] = []
        self.lists: list[OpmlList] = []

    def outline(
        self,
        attrs: dict[str, str],
        folders: tuple[str, ...],
        has_children: bool,
        line: int | None,
    ) -> str | None:
        """Handle one outline; returns its folder name when it is a folder."""
        kind = attrs.get("type", "").strip().lower()
        title = _clean(attrs.get("text")) or _clean(attrs.get("title"))
        xml_url = attrs.get("xmlurl", "").strip()
        url = attrs.get("url", "").strip()
        site = attrs.get("htmlurl", "").strip()
        if kind == "source" and (xml_url or url):
            self.lists.append(OpmlList(_fix_url(xml_url or url), title))
            return None
        if not xml_url and kind in _FEED_TYPES and url:
            xml_url = url
        if xml_url:
            self._feed(xml_url, title, site, attrs, folders, line)
            return None
        if kind in _LIST_TYPES:
            if url:
                self.lists.append(OpmlList(_fix_url(url), title))
            return None
        if has_children:
            return title or None
        if site:
            why = f"no feed URL, only a site URL ({site}): add the site with `reader add`"
            self.unreadable.append(Unreadable(title or site, why, line, site))
        elif kind in _FEED_TYPES:
            why = "no feed URL (xmlUrl missing or empty)"
            self.unreadable.append(Unreadable(title or "(untitled)", why, line, site))
        # Anything else is a note or an empty folder: not a subscription.
        return None

    def _feed(
        self,
        raw_url: str,
        title: str,
        site: str,
        attrs: dict[str, str],
        folders: tuple[str, ...],
        line: int | None,
    ) -> None:
        url = _fix_url(raw_url)
        if title == raw_url.strip():
            title = ""  # our own export writes the URL as text when there is no title
        if not is_http_url(url):
            why = f"not an http(s) URL: {raw_url[:200]}"
            self.unreadable.append(Unreadable(title or raw_url[:80], why, line, site))
            return
        categories: list[tuple[str, ...]] = []
        if folders:
            categories.append(folders)
        categories.extend(_split_categories(attrs.get("category", "")))
        key = normalize_url(url)
        old = self.feeds.get(key)
        if old is not None:
            # The same feed in two folders: one subscription with both folders as tags.
            merged = list(old.categories) + [c for c in categories if c not in old.categories]
            self.feeds[key] = OpmlFeed(
                old.url, old.title or title, old.site_url or site, tuple(merged)
            )
            return
        unique = tuple(dict.fromkeys(categories))
        self.feeds[key] = OpmlFeed(url, title, site if is_http_url(site) else "", unique)

    def result(self, **kwargs: Any) -> ParsedOpml:
        return ParsedOpml(list(self.feeds.values()), self.unreadable, self.lists, **kwargs)


# --------------------------------------------------------------------------- decoding

_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']", re.I)
_DECL_TEXT = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def _decode(data: bytes) -> str:
    """Bytes to text: BOM, then the declared encoding, then UTF-8, then Windows-1252."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace").lstrip("\ufeff")
    match = _DECL.match(data)
    codecs = [match.group(1).decode("ascii")] if match else []
    for codec in [*codecs, "utf-8"]:
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


_BARE_AMP = re.compile(r"&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9._-]*;)")
_NAMED_REF = re.compile(r"&([A-Za-z][A-Za-z0-9._-]*);")
_XML_NAMED = {"amp", "lt", "gt", "quot", "apos"}


def _repair(text: str) -> str:
    """Escape bare ``&``; replace HTML entities by characters and unknown ones by ``&amp;``."""
    text = _BARE_AMP.sub("&amp;", text)

    def entity(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in _XML_NAMED:
            return match.group(0)
        char = html.entities.html5.get(name + ";")
        if char is None:
            return "&amp;" + name + ";"
        return html.escape(char)

    return _NAMED_REF.sub(entity, text)


# --------------------------------------------------------------------------- tree parsing


def _local(tag: Any) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _walk_tree(root: Any, collector: _Collector) -> None:
    def walk(element: Any, folders: tuple[str, ...]) -> None:
        for child in element:
            if _local(child.tag) != "outline":
                walk(child, folders)
                continue
            has_children = any(_local(c.tag) == "outline" for c in child.iter() if c is not child)
            attrs = _lower_attrs(child.attrib.items())
            folder = collector.outline(attrs, folders, has_children, child.sourceline)
            walk(child, (*folders, folder) if folder else folders)

    walk(root, ())


def _head_title(root: Any) -> str:
    for element in root.iter():
        if _local(element.tag) == "title" and _local(element.getparent().tag) == "head":
            return _clean(element.text)
    return ""


def _parse_tree(data: bytes, *, recover: bool) -> ParsedOpml:
    """Raises lxml.etree.XMLSyntaxError when strict and not well-formed."""
    from lxml import etree

    from reader.safexml import xml_parser

    root = etree.fromstring(data, xml_parser(recover=recover))
    if root is None:
        raise etree.XMLSyntaxError("no document element", None, 1, 1, "")  # type: ignore[call-arg]
    collector = _Collector()
    _walk_tree(root, collector)
    name = _local(root.tag)
    version = _version(root.get("version")) if name in ("opml", "outlinedocument") else ""
    return collector.result(title=_head_title(root), version=version, root=name)


# --------------------------------------------------------------------------- regex scanner

_OPEN = re.compile(r"<(/?)(?:[\w.-]+:)?outline\b", re.I)
# Where an outline tag ends: a ">" followed by the next outline, a closing tag of the list,
# or the end. HTML inside attribute values (`description="<a href="...">x</a>"`, seen in
# real lists) has ">" too, but not followed by those.
_TAG_END = re.compile(
    r"(/?)\s*>(?=\s*(?:<(?:/?(?:[\w.-]+:)?outline\b|/body\b|/opml\b|!--)|\Z))", re.I
)
# A quoted value ends at the quote followed by the next attribute or the end of the tag, so
# unescaped quotes inside values (`text="The "Best" News"`) do not end it early.
_NEXT = r"(?=\s+[\w:.-]+\s*=|\s*/?\s*\Z)"
_ATTR = re.compile(
    rf"""([\w:.-]+)\s*=\s*(?:"([^\n]*?)"{_NEXT}|'([^\n]*?)'{_NEXT}|"([^"]*)"|'([^']*)'|([^\s"']+))""",
    re.S,
)
_MAX_TAG = 100_000
_ROOT = re.compile(r"<([\w.-]+:)?(opml|outlineDocument)\b([^>]*)>", re.I)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)


def _scan_outlines(text: str) -> list[tuple[bool, dict[str, str], bool, int]]:
    """(closing, attributes, self-closing, offset) for each outline tag, in order."""
    tags = []
    for m in _OPEN.finditer(text):
        if m.group(1):
            tags.append((True, {}, False, m.start()))
            continue
        end = _TAG_END.search(text, m.end(), m.end() + _MAX_TAG)
        if end is None:
            end = re.compile(r"(/?)\s*>").search(text, m.end(), m.end() + _MAX_TAG)
        if end is None:
            continue
        body = text[m.end() : end.start()]
        pairs: list[tuple[str, str]] = []
        pos = 0
        while pos < len(body):
            attr = _ATTR.match(body, pos)
            if attr:
                value = next(v for v in attr.groups()[1:] if v is not None)
                pairs.append((attr.group(1), html.unescape(value)))
                pos = attr.end()
            else:
                pos += 1  # whitespace or stray text inside the tag: skip it
        tags.append((False, _lower_attrs(pairs), bool(end.group(1)), m.start()))
    return tags


def _parse_regex(text: str) -> ParsedOpml:
    """Scan ``<outline>`` tags in order, keeping a stack of open folders."""
    collector = _Collector()
    tags = _scan_outlines(text)
    stack: list[str | None] = []
    line, counted = 1, 0
    for i, (closing, attrs, self_closing, offset) in enumerate(tags):
        if closing:
            if stack:
                stack.pop()
            continue
        # An open outline with another outline opening before it closes has children.
        has_children = not self_closing and i + 1 < len(tags) and not tags[i + 1][0]
        line += text.count("\n", counted, offset)  # counted incrementally: big files stay fast
        counted = offset
        folders = tuple(f for f in stack if f)
        folder = collector.outline(attrs, folders, has_children, line)
        if not self_closing:
            stack.append(folder)
    root = _ROOT.search(text)
    version = ""
    if root:
        v = re.search(r"version\s*=\s*[\"']([^\"']*)[\"']", root.group(3))
        version = _version(v.group(1) if v else None)
    title = _TITLE.search(text)
    return collector.result(
        title=_clean(html.unescape(re.sub(r"<[^>]+>", "", title.group(1)))) if title else "",
        version=version,
        method="regex",
        root=root.group(2).lower() if root else "",
    )


# --------------------------------------------------------------------------- entry points

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_XMLURL_VALUES = re.compile(r"\bxmlurl\s*=\s*[\"'][ \t]*[^\s\"']", re.I)
_DOCTYPE = re.compile(r"<!DOCTYPE[^>\[]*(?:\[.*?\]\s*)?>", re.I | re.S)


def parse_opml(data: bytes | str) -> ParsedOpml:
    """Read a subscription list as leniently as it takes (see the module docstring)."""
    from lxml import etree

    raw = data.encode("utf-8") if isinstance(data, str) else data
    if isinstance(data, str):
        # lxml refuses str input with an encoding declaration: re-encode as UTF-8 bytes.
        raw = _DECL_TEXT.sub("", data, count=1).encode("utf-8")
    if _ENTITY_DECL.search(raw):
        # Entity declarations are never needed in a subscription list and can blow up
        # (billion laughs): drop the DTD and treat its references as undefined.
        error, line = "a DTD with entity declarations (ignored)", None
    else:
        try:
            return _parse_tree(raw, recover=False)
        except (etree.XMLSyntaxError, ValueError) as exc:
            error, line = _describe(exc)
    text = _decode(raw)
    text = _DECL_TEXT.sub("", text, count=1)
    text = _DOCTYPE.sub("", text, count=1)
    repaired = _repair(text).encode("utf-8")
    try:
        result = _parse_tree(repaired, recover=False)
        result.method = "repaired"
    except (etree.XMLSyntaxError, ValueError):
        candidates = []
        try:
            recovered = _parse_tree(repaired, recover=True)
            recovered.method = "recover"
            candidates.append(recovered)
        except (etree.XMLSyntaxError, ValueError):
            pass
        # The scanner runs only when the tree may have missed feeds (it costs as much again).
        if not candidates or len(candidates[0].feeds) < len(_XMLURL_VALUES.findall(text)):
            candidates.append(_parse_regex(_repair(text)))
        # Prefer the tree (it knows nesting for sure) unless the scanner found more.
        result = max(candidates, key=lambda r: (len(r.feeds), len(r.lists), r.method != "regex"))
        if not result.root:
            result.root = next((c.root for c in candidates if c.root), "")
    result.xml_error, result.xml_error_line = error, line
    return result


def _describe(exc: Exception) -> tuple[str, int | None]:
    line = getattr(exc, "lineno", None)
    msg = str(getattr(exc, "msg", None) or exc).splitlines()[0] if str(exc) else "not XML"
    msg = re.sub(r",?\s*line \d+, column \d+$", "", msg)
    return msg, line


def read_opml(path: Path) -> ParsedOpml:
    """Read an OPML file; OpmlError (naming the file) when it yields no feeds at all."""
    try:
        size = path.stat().st_size
        if size > _MAX_BYTES:
            raise OpmlError(f"{path}: too large for a subscription list ({size} bytes)")
        data = path.read_bytes()
    except IsADirectoryError:
        raise OpmlError(f"{path}: is a directory, not an OPML file") from None
    except FileNotFoundError:
        raise OpmlError(f"{path}: no such file") from None
    except OSError as exc:
        raise OpmlError(f"{path}: cannot read: {exc.strerror}") from None
    result = parse_opml(data)
    if not result.feeds and not result.unreadable and not result.lists:
        raise OpmlError(_nothing_found(path, result))
    return result


def _nothing_found(path: Path, result: ParsedOpml) -> str:
    if not result.root:
        where = f"{path}:{result.xml_error_line}" if result.xml_error_line else str(path)
        why = f" ({result.xml_error})" if result.xml_error else ""
        return f"{where}: not an OPML file{why}"
    if result.root in ("rss", "feed"):
        return f"{path}: a feed, not an OPML list (subscribe to its URL with `reader add`)"
    if result.root not in ("opml", "outlinedocument"):
        return f"{path}: not an OPML file (root element <{result.root}>)"
    return f"{path}: no feeds found (no outline has an xmlUrl)"


# --------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class ExportFeed:
    """What export writes for one feed."""

    url: str
    title: str = ""
    site_url: str = ""
    tags: tuple[str, ...] = ()


def write_opml(feeds: Iterable[ExportFeed], *, title: str = "reader subscriptions") -> str:
    """OPML 2.0: one folder per tag holding its feeds; feeds without tags at the top level.

    A feed with several tags appears in each of its tags' folders (as other readers export
    multi-folder feeds) and lists its tags in the ``category`` attribute too. Importing this
    file gives back the same URLs, titles and tags, also tags holding "," or "/".
    """
    from datetime import UTC, datetime
    from email.utils import format_datetime

    folders: dict[str, list[ExportFeed]] = {}
    loose: list[ExportFeed] = []
    for feed in feeds:
        for tag in feed.tags:
            folders.setdefault(tag, []).append(feed)
        if not feed.tags:
            loose.append(feed)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{html.escape(title, quote=False)}</title>",
        f"    <dateCreated>{format_datetime(datetime.now(UTC), usegmt=True)}</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    for name in sorted(folders, key=lambda n: (n.lower(), n)):
        lines.append(f"    <outline text={quoteattr(name)} title={quoteattr(name)}>")
        lines.extend("      " + _feed_outline(f) for f in folders[name])
        lines.append("    </outline>")
    lines.extend("    " + _feed_outline(f) for f in loose)
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _feed_outline(feed: ExportFeed) -> str:
    text = feed.title or feed.url
    attrs = [f"type={quoteattr('rss')}", f"text={quoteattr(text)}"]
    if feed.title:
        attrs.append(f"title={quoteattr(feed.title)}")
    attrs.append(f"xmlUrl={quoteattr(feed.url)}")
    if feed.site_url:
        attrs.append(f"htmlUrl={quoteattr(feed.site_url)}")
    if feed.tags:
        # A tag holding "," or "/" (category separators) is carried by its folder only.
        safe = [t for t in feed.tags if not re.search(r"[,/]", t)]
        if safe:
            attrs.append(f"category={quoteattr(','.join(safe))}")
    return f"<outline {' '.join(attrs)}/>"
