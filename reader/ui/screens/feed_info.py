"""Details of one feed: its URL, last refresh and last error."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.models import Feed
from reader.ui.format import full_time, safe


def feed_text(feed: Feed) -> Text:
    text = Text()
    text.append(safe(feed.display_title) + "\n", Style(bold=True))
    rows = [
        ("URL", safe(feed.url)),
        ("Site", safe(feed.site_url)),
        ("Tags", ", ".join(safe(t) for t in feed.tags)),
        ("Articles", f"{feed.articles} ({feed.unread} unread)"),
        ("Last refresh", full_time(feed.last_fetched) or "never"),
        ("Status", safe(feed.last_status or "")),
        ("Failures in a row", str(feed.error_count) if feed.error_count else ""),
        ("Last error", safe(feed.last_error or "")),
    ]
    for name, value in rows:
        if value:
            text.append(f"{name}: ", Style(dim=True))
            text.append(value + "\n", Style(color="red") if name == "Last error" else None)
    return text


class FeedInfoScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,i", "dismiss", "Close", show=False)]

    def __init__(self, feed: Feed) -> None:
        super().__init__()
        self.feed = feed

    def compose(self):
        with Vertical(id="feed-info-box"):
            yield Static(feed_text(self.feed))
