"""Row <-> domain object conversion helpers (no SQL here)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from reader.models import Article, ArticleSummary, Block, Feed, Link


def to_iso(value: datetime | None) -> str | None:
    """A UTC ISO 8601 string, sortable as text."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def now_iso() -> str:
    return to_iso(datetime.now(UTC))  # type: ignore[return-value]


def feed_from_row(row: dict) -> Feed:
    full = row.get("full_text")
    return Feed(
        id=row["id"],
        url=row["url"],
        title=row.get("title") or "",
        site_url=row.get("site_url") or "",
        tags=tuple(json.loads(row.get("tags") or "[]")),
        etag=row.get("etag"),
        last_modified=row.get("last_modified"),
        last_fetched=from_iso(row.get("last_fetched")),
        last_status=row.get("last_status"),
        last_error=row.get("last_error"),
        error_count=row.get("error_count") or 0,
        retry_after=from_iso(row.get("retry_after")),
        full_text=None if full is None else bool(full),
        articles=row.get("n_articles") or 0,
        unread=row.get("n_unread") or 0,
    )


def blocks_to_json(blocks: tuple[Block, ...] | list[Block]) -> str:
    return json.dumps([[b.kind, b.text, b.level] for b in blocks], ensure_ascii=False)


def blocks_from_json(value: str | None) -> tuple[Block, ...]:
    return tuple(Block(k, t, lvl) for k, t, lvl in json.loads(value or "[]"))


def links_to_json(links: tuple[Link, ...] | list[Link]) -> str:
    return json.dumps([[lk.index, lk.url, lk.text] for lk in links], ensure_ascii=False)


def links_from_json(value: str | None) -> tuple[Link, ...]:
    return tuple(Link(i, u, t) for i, u, t in json.loads(value or "[]"))


def article_from_row(row: dict) -> Article:
    return Article(
        id=row["id"],
        feed_id=row["feed_id"],
        guid=row["guid"],
        url=row.get("url") or "",
        title=row.get("title") or "",
        author=row.get("author") or "",
        published=from_iso(row.get("published")),
        updated=from_iso(row.get("updated")),
        summary=row.get("summary") or "",
        # The feed's text is stored once: in ``text`` while no page has replaced it.
        content=row.get("content")
        or (row.get("text") or "" if row.get("text_source") == "feed" else ""),
        text=row.get("text") or "",
        text_source=row.get("text_source"),
        blocks=blocks_from_json(row.get("blocks")),
        links=links_from_json(row.get("links")),
        read=bool(row.get("read")),
        starred=bool(row.get("starred")),
        feed_title=row.get("feed_title") or "",
    )


def summary_from_row(row: dict) -> ArticleSummary:
    return ArticleSummary(
        id=row["id"],
        feed_id=row["feed_id"],
        title=row.get("title") or "",
        url=row.get("url") or "",
        feed_title=row.get("feed_title") or "",
        published=from_iso(row.get("published")),
        read=bool(row.get("read")),
        starred=bool(row.get("starred")),
    )
