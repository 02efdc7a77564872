"""Messages shared between screens and widgets (widget-specific ones live on the widget)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class RefreshEvent(Message):
    """One JSON progress event from the refresh subprocess."""

    event: dict


@dataclass
class RefreshFinished(Message):
    """The refresh subprocess ended (``error`` set when it failed as a whole)."""

    summary: dict
    error: str | None = None


@dataclass
class CacheChanged(Message):
    """The cache changed under the app (a feed added, the demo opened): reload everything."""

    reason: str = ""
