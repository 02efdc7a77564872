"""Small text helpers for the UI: relative times, safe one-line strings."""

from __future__ import annotations

from datetime import UTC, datetime

from reader.sanitize import clean_line


def relative_time(when: datetime | None, now: datetime) -> str:
    """'5m', '3h', '2d', or a date for older items."""
    if when is None:
        return ""
    seconds = (now - when).total_seconds()
    if seconds < 60:
        return "now"
    if seconds < 3600:
        return f"{int(seconds // 60)}m"
    if seconds < 86400:
        return f"{int(seconds // 3600)}h"
    if seconds < 86400 * 30:
        return f"{int(seconds // 86400)}d"
    return when.astimezone(UTC).strftime("%Y-%m-%d")


def full_time(when: datetime | None) -> str:
    if when is None:
        return ""
    return when.astimezone(UTC).strftime("%a %d %b %Y %H:%M UTC")


def safe(text: str | None) -> str:
    """A one-line string from the network, safe to show (no escapes, no controls)."""
    return clean_line(text)
