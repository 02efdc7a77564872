"""Page metadata: title without the site name, byline and publication time.

Read from ``<meta>`` tags (Open Graph, article:*, Dublin Core, name=author), JSON-LD
(schema.org NewsArticle and friends) and a few common microdata attributes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from reader.extract.blocks import normalize_space

_SEPARATORS = (" | ", " - ", " — ", " – ", " · ", " :: ", " // ", " « ", " » ")
_DATE_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
_AUTHOR_KEYS = (
    "author",
    "article:author",
    "dc.creator",
    "byl",
    "sailthru.author",
    "parsely-author",
)
_ARTICLE_TYPES = re.compile(r"article|posting|report|blog", re.I)


@dataclass(frozen=True)
class PageMeta:
    """What the page says about itself."""

    title: str = ""
    site_name: str = ""
    byline: str | None = None
    published: datetime | None = None
    url: str | None = None  # canonical URL the page gives for itself


def parse_datetime(value: str | None) -> datetime | None:
    """An ISO 8601 / RFC 3339 date or time as an aware UTC datetime (naive means UTC)."""
    if not value:
        return None
    value = value.strip()
    if not value:
        return None
    value = re.sub(r"\s+", " ", value)
    candidates = [value, value.replace(" ", "T", 1)]
    # Python < 3.11 would need more; 3.11's fromisoformat reads most ISO forms incl. "Z".
    for text in candidates:
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            continue
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)
    try:
        from email.utils import parsedate_to_datetime

        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def strip_site_name(title: str, site_name: str = "") -> str:
    """ "Story | Site" -> "Story" (also " - Site", " — Site"; "Site | Story" when Site is known)."""
    title = normalize_space(title)
    if not title:
        return ""
    site = normalize_space(site_name).lower()
    for sep in _SEPARATORS:
        if sep not in title:
            continue
        head, _, tail = title.rpartition(sep)
        first, _, rest = title.partition(sep)
        if site and tail.strip().lower() == site:
            return head.strip()
        if site and first.strip().lower() == site:
            return rest.strip()
        # Without a known site name, a short last part that reads as a name (every word
        # capitalised, "Le Petit Journal", "BBC News", "example.com") is the site.
        words = tail.split()
        if (
            len(words) <= 4
            and len(head.split()) >= 2
            and all(w[:1].isupper() or w[:1].isdigit() or "." in w for w in words)
        ):
            return head.strip()
    return title


def _meta_map(root) -> dict[str, str]:
    """Lower-cased meta name/property -> first non-empty content."""
    found: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if key and content and key not in found:
            found[key] = content
    return found


def _json_ld_objects(root) -> list[dict]:
    objects: list[dict] = []
    for el in root.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(el.text or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and len(objects) < 50:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                if "@graph" in item:
                    stack.append(item["@graph"])
    return objects


def _names(value) -> list[str]:
    """Author names from a JSON-LD author value (string, object or list)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _clean_byline(text: str | None) -> str | None:
    if not text:
        return None
    text = normalize_space(text)
    text = re.sub(r"^(?:by|von|par|por)\s+", "", text, flags=re.I)
    if not text or text.startswith(("http://", "https://")) or len(text) > 120:
        return None
    return text


def page_meta(root) -> PageMeta:
    """Title, site name, byline and date of a parsed page."""
    meta = _meta_map(root)
    ld_article: dict = {}
    for obj in _json_ld_objects(root):
        kind = obj.get("@type")
        kinds = " ".join(kind) if isinstance(kind, list) else str(kind or "")
        if _ARTICLE_TYPES.search(kinds):
            ld_article = obj
            break

    site_name = meta.get("og:site_name", "")
    title_el = root.find(".//title")
    page_title = normalize_space(title_el.text_content()) if title_el is not None else ""
    raw_title = (
        meta.get("og:title")
        or meta.get("twitter:title")
        or (ld_article.get("headline") if isinstance(ld_article.get("headline"), str) else "")
        or page_title
    )
    title = strip_site_name(raw_title, site_name)
    if not title and page_title:
        title = strip_site_name(page_title, site_name)

    byline = None
    names = _names(ld_article.get("author"))
    if names:
        byline = _clean_byline(", ".join(dict.fromkeys(normalize_space(n) for n in names if n)))
    for key in _AUTHOR_KEYS:
        if byline:
            break
        byline = _clean_byline(meta.get(key))
    if not byline:
        for el in root.xpath('//*[@rel="author" or @itemprop="author"][1]'):
            byline = _clean_byline(el.text_content())

    published = None
    ld_date = ld_article.get("datePublished")
    if isinstance(ld_date, str):
        published = parse_datetime(ld_date)
    for key in _DATE_KEYS:
        if published:
            break
        published = parse_datetime(meta.get(key))
    if not published:
        for el in root.xpath("//time[@datetime][1]"):
            published = parse_datetime(el.get("datetime"))

    return PageMeta(
        title=title,
        site_name=site_name,
        byline=byline,
        published=published,
        url=_page_url(root, meta),
    )


def _page_url(root, meta: dict[str, str]) -> str | None:
    """The page's own absolute URL (canonical link or og:url), for pages read from files."""
    candidates = [el.get("href") for el in root.xpath('//link[@rel="canonical"][@href]')]
    candidates.append(meta.get("og:url"))
    for url in candidates:
        url = (url or "").strip()
        if url.startswith(("http://", "https://")):
            return url
    return None
