"""Refreshing from the main screen: the subprocess, its progress, reloading after it, and
noticing writes by other processes (a ``reader refresh`` from cron while the app is open)."""

from __future__ import annotations

from textual import work

from reader.ui.refresh import run_refresh
from reader.ui.widgets.refresh_status import RefreshStatus


class RefreshMixin:
    """Part of MainScreen: ``r``/``R``, auto-refresh and the header's indicator."""

    refreshing: tuple[int, int] | None = None  # (done, total) while a refresh runs
    offline = False  # the last refresh reached no feed at all
    #: How often (seconds) the cache is asked whether another process wrote to it.
    WATCH_SECONDS = 2.5
    _seen_version: tuple[object, int] | None = None  # (lane, PRAGMA data_version)

    def status_indicator(self) -> str:
        if self.refreshing is not None:
            done, total = self.refreshing
            return f"⟳ refreshing {done}/{total}" if total else "⟳ refreshing"
        return "offline" if self.offline else ""

    def start_auto_refresh(self) -> None:
        minutes = self.app.ctx.config.refresh.auto_minutes
        if minutes > 0:
            self.set_interval(minutes * 60, self.action_refresh_all, name="auto-refresh")

    def start_watching(self) -> None:
        """Poll the cache for outside writes (cheap: one pragma on the DB thread)."""
        self.set_interval(self.WATCH_SECONDS, self.check_outside_changes, name="watch-db")
        self.check_outside_changes()

    @work(exclusive=True, group="watch-db")
    async def check_outside_changes(self) -> bool:
        """Reload counts and the list, keeping the user's place, if another connection
        committed since the last look; returns whether it reloaded."""
        lane = self.app.db.main
        version = await lane.call(lambda store: store.data_version())
        seen, self._seen_version = self._seen_version, (lane, version)
        if seen is None or seen[0] is not lane or seen[1] == version:
            return False  # first look (or another cache since the welcome screen)
        if self.refreshing is not None:
            return False  # our own refresh reloads when it ends
        self.reload(keep_place=True)
        return True

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
