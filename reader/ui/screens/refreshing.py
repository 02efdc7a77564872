"""Refreshing from the main screen: the subprocess, its progress, reloading after it."""

from __future__ import annotations

from textual import work

from reader.ui.refresh import run_refresh
from reader.ui.widgets.refresh_status import RefreshStatus


class RefreshMixin:
    """Part of MainScreen: ``r``/``R``, auto-refresh and the header's indicator."""

    refreshing: tuple[int, int] | None = None  # (done, total) while a refresh runs
    offline = False  # the last refresh reached no feed at all

    def status_indicator(self) -> str:
        if self.refreshing is not None:
            done, total = self.refreshing
            return f"⟳ refreshing {done}/{total}" if total else "⟳ refreshing"
        return "offline" if self.offline else ""

    def start_auto_refresh(self) -> None:
        minutes = self.app.ctx.config.refresh.auto_minutes
        if minutes > 0:
            self.set_interval(minutes * 60, self.action_refresh_all, name="auto-refresh")

    def action_refresh_all(self) -> None:
        self.run_refresh(None)

    def action_refresh_feed(self) -> None:
        ref = self.tree.highlighted
        feed_id = ref.feed.id if ref and ref.feed else None
        if feed_id is None:
            item = self.list.current
            feed_id = item.feed_id if item else None
        if feed_id is None:
            self.notify("Choose a feed to refresh (or R for all).", timeout=2)
            return
        self.run_refresh(feed_id)

    @work(exclusive=True, group="refresh")
    async def run_refresh(self, feed_id: int | None) -> None:
        app = self.app
        argv = app.refresh_command(feed_id)
        status = self.query_one(RefreshStatus)
        what = "all feeds" if feed_id is None else self.tree.feeds.get(feed_id, None)
        what = what if isinstance(what, str) else (what.display_title if what else "feed")
        status.start(what)
        self.refreshing = (0, 0)
        self.update_title()
        feeds = errors = new = 0
        failed = None
        async for event in run_refresh(argv):
            kind = event.get("event")
            if kind == "feed":
                feeds += 1
                new += int(event.get("new") or 0)
                errors += 1 if event.get("status") == "error" else 0
                feed = self.tree.feeds.get(event.get("feed_id"))
                title = feed.display_title if feed else str(event.get("url") or "")
                status.feed(event, title)
                self.refreshing = (int(event.get("done") or feeds), int(event.get("total") or 0))
                self.update_title()
            elif kind == "failed":
                failed = str(event.get("message") or "refresh failed")
        self.refreshing = None
        self.offline = bool(feeds) and errors == feeds
        if failed:
            message = f"Refresh failed: {failed}"
            self.notify(message, severity="error", timeout=6)
        else:
            message = f"Refreshed {feeds} feeds: {new} new articles, {errors} errors."
            self.notify(message, timeout=4)
        status.finish(message)
        self.set_timer(4, lambda: setattr(status, "display", self.refreshing is not None))
        self.reload(keep_place=True)
