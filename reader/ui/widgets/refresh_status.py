"""The refresh bar: a progress bar and the latest per-feed result, shown while refreshing."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from reader.ui.format import safe


class RefreshStatus(Horizontal):
    """Parent calls start / feed / finish; hidden when idle."""

    def compose(self):
        yield ProgressBar(total=None, show_eta=False, id="refresh-bar")
        yield Label("", id="refresh-label")

    def start(self, what: str) -> None:
        self.display = True
        self.new = 0
        self.errors = 0
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.query_one("#refresh-label", Label).update(Text(f"Refreshing {what}…"))

    def feed(self, event: dict, title: str) -> None:
        """One feed finished: advance the bar and show its result."""
        done, total = event.get("done"), event.get("total")
        bar = self.query_one(ProgressBar)
        if isinstance(total, int) and isinstance(done, int):
            bar.update(total=total, progress=done)
        self.new += int(event.get("new") or 0)
        status = safe(str(event.get("status") or ""))
        line = f"{safe(title)}: {status}"
        if event.get("new"):
            line += f", {event['new']} new"
        if event.get("error"):
            self.errors += 1
            line += f" ({safe(str(event['error']))[:60]})"
        self.query_one("#refresh-label", Label).update(Text(line))

    def finish(self, message: str) -> None:
        bar = self.query_one(ProgressBar)
        if bar.total is None:
            bar.update(total=1, progress=1)
        else:
            bar.update(progress=bar.total)
        self.query_one("#refresh-label", Label).update(Text(message))
