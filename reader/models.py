"""Domain objects shared by every layer (no SQL, no Textual).

Times are timezone-aware UTC datetimes. Text that came from the network is stored as
received (already stripped of markup) and sanitised again at display time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

#: Entity labels shown to users (JSON ``label`` values).
ENTITY_LABELS = ("person", "org", "place", "group", "event", "work", "other")


@dataclass(frozen=True)
class Feed:
    """A subscription."""

    id: int
    url: str
    title: str = ""
    site_url: str = ""
    tags: tuple[str, ...] = ()
    etag: str | None = None
    last_modified: str | None = None
    last_fetched: datetime | None = None
    last_status: str | None = None  # new / updated / unchanged / error / gone
    last_error: str | None = None
    error_count: int = 0
    retry_after: datetime | None = None
    full_text: bool | None = None  # per-feed override of the global setting
    articles: int = 0
    unread: int = 0

    @property
    def display_title(self) -> str:
        return self.title or self.url


@dataclass(frozen=True)
class Link:
    """A numbered link reference inside a cleaned article."""

    index: int
    url: str
    text: str = ""


@dataclass(frozen=True)
class Block:
    """One block of a cleaned article: one line of text.

    kind is one of: paragraph, heading, list_item, quote, pre, caption (an image's caption,
    its photo credit removed).
    """

    kind: str
    text: str
    level: int = 0  # heading level (1-6) or list nesting depth


@dataclass(frozen=True)
class CleanArticle:
    """The result of cleaning one web page (reader.extract)."""

    title: str
    text: str  # blocks joined with BLOCK_SEPARATOR; entity offsets point into this
    blocks: tuple[Block, ...] = ()
    links: tuple[Link, ...] = ()
    byline: str | None = None
    published: datetime | None = None
    url: str | None = None


#: How blocks are joined into an article's text (offsets of entities are into that text).
BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class EntitySpan:
    """One entity mention in a text: [start, end) character offsets."""

    text: str
    label: str  # one of ENTITY_LABELS
    start: int
    end: int
    key: str  # canonical key, e.g. "place:united states"
    name: str = ""  # canonical display name, e.g. "United States"


@dataclass(frozen=True)
class EntityCount:
    """A canonical entity with how often it is mentioned (in one article or the cache)."""

    key: str
    name: str
    label: str
    mentions: int
    articles: int = 1


@dataclass(frozen=True)
class Article:
    """A stored story."""

    id: int
    feed_id: int
    guid: str
    url: str = ""
    title: str = ""
    author: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    summary: str = ""
    content: str = ""  # full content from the feed (HTML stripped to text blocks)
    text: str = ""  # cleaned full text (page or feed)
    text_source: str | None = None  # "page" or "feed"
    blocks: tuple[Block, ...] = ()
    links: tuple[Link, ...] = ()
    read: bool = False
    starred: bool = False
    feed_title: str = ""

    @property
    def body(self) -> str:
        """The best text available: cleaned text, else feed content, else summary."""
        return self.text or self.content or self.summary


@dataclass(frozen=True)
class ArticleSummary:
    """A row of the article list: what the list needs, nothing heavy."""

    id: int
    feed_id: int
    title: str
    url: str
    feed_title: str
    published: datetime | None
    read: bool
    starred: bool


@dataclass(frozen=True)
class RelatedStory:
    """An article related to another, with the reasons."""

    id: int
    title: str
    url: str
    feed: str
    published: datetime | None
    score: float
    shared_entities: tuple[str, ...] = ()
    shared_terms: tuple[str, ...] = ()
    also_in: tuple[str, ...] = ()  # feeds carrying near-duplicates of this story
    duplicate_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ParsedEntry:
    """One entry of a parsed feed, ready to store (HTML already turned into blocks)."""

    guid: str
    url: str = ""
    title: str = ""
    author: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    summary: str = ""  # plain text
    content_blocks: tuple[Block, ...] = ()  # the feed's full content, if any
    content_links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class IngestResult:
    """What storing a feed's entries changed."""

    new_ids: tuple[int, ...] = ()
    updated_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class FeedResult:
    """The outcome of refreshing one feed."""

    feed_id: int
    url: str
    status: str  # new / updated / unchanged / error / gone / skipped
    new: int = 0
    updated: int = 0
    error: str | None = None
    extra: dict = field(default_factory=dict)
