"""The main screen: views and feeds | article list | article | related or entity panel.

The screen owns the coordination: widgets post messages up (a view chosen, an article
opened), the screen runs the store calls in workers on DB lanes and sets the results down.
"""

from __future__ import annotations

import dataclasses
import logging

from textual import on, work
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Input

from reader.models import ArticleSummary
from reader.store.articles_sql import View
from reader.ui.bindings import bind
from reader.ui.highlight import block_styles, entity_styles
from reader.ui.screens import main_data as data
from reader.ui.screens.feed_info import FeedInfoScreen
from reader.ui.screens.refreshing import RefreshMixin
from reader.ui.widgets.article_list import ArticleList, Place
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.entity_panel import EntityList, EntityPanel
from reader.ui.widgets.feed_tree import FeedTree, view_title
from reader.ui.widgets.footer import ReaderFooter
from reader.ui.widgets.refresh_status import RefreshStatus
from reader.ui.widgets.related_panel import RelatedList, RelatedPanel

log = logging.getLogger(__name__)

#: Views that are results (of a search, of an entity): Back from their list returns to the
#: view they were opened from.
TRANSIENT = ("search", "entity")


class MainScreen(RefreshMixin, Screen):
    """Browse views, read articles, follow related stories and entities."""

    BINDINGS = [
        bind("next_pane", "next_pane"),
        bind("prev_pane", "prev_pane"),
        bind("back", "back"),
        bind("next_unread", "next_unread"),
        bind("prev_unread", "prev_unread"),
        bind("page_down", "page_article(1)"),
        bind("page_up", "page_article(-1)"),
        bind("toggle_read", "toggle_read"),
        bind("toggle_star", "toggle_star"),
        bind("mark_view_read", "mark_view_read"),
        bind("refresh_feed", "refresh_feed"),
        bind("refresh_all", "refresh_all"),
        bind("open_browser", "open_browser"),
        bind("copy_link", "copy_link"),
        bind("search", "search"),
        bind("entities", "entities"),
        bind("next_mention", "mention(1)"),
        bind("prev_mention", "mention(-1)"),
        bind("related", "related"),
        bind("feed_info", "feed_info"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view = View("all")
        self.titles: dict[View, str] = {}
        self.history: list[int] = []  # articles to go back to (following related stories)
        self.open_id: int | None = None
        self.total = 0
        self.return_view: View | None = None  # the view a search or entity list came from
        self.return_place: Place | None = None  # and where its cursor was

    def compose(self):
        app = self.app
        display = app.ctx.config.display
        yield Header()
        with Horizontal(id="panes"):
            yield FeedTree(id="feeds")
            yield ArticleList(app.list_source, app.now, id="list")
            yield ArticleView(width=display.width, highlight=display.highlight, id="article")
            with Vertical(id="side"):
                yield RelatedPanel(id="related")
                yield EntityPanel(id="entities")
        yield Input(
            placeholder="Search: words, or entity:NAME  (Enter to search, Esc to cancel)",
            id="search",
        )
        yield RefreshStatus(id="refresh")
        yield ReaderFooter()

    # --- shortcuts to the widgets ----------------------------------------------------------

    @property
    def tree(self) -> FeedTree:
        return self.query_one(FeedTree)

    @property
    def list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> ArticleView:
        return self.query_one(ArticleView)

    # --- start-up and reloads --------------------------------------------------------------

    def on_mount(self) -> None:
        self.query_one("#search").display = False
        self.query_one("#refresh").display = False
        self.query_one(EntityPanel).display = False
        self.query_one("#side").display = self.app.ctx.config.display.related
        self.apply_theme()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.apply_theme())
        self.reload(first=True)
        self.list.focus()
        self.start_auto_refresh()
        self.start_watching()

    def reload(self, *, first: bool = False, keep_place: bool = True) -> None:
        """Reload feeds and the current view (after a refresh, keeping the user's place)."""
        self.list.source = self.app.list_source
        self.load_feeds(first)
        self.list.show(self.view, keep_place=keep_place and not first)

    @work(exclusive=True, group="feeds")
    async def load_feeds(self, first: bool = False) -> None:
        result = await self.app.db.main.call(data.load_feeds)
        self.tree.set_feeds(result.feeds, result.counts)
        self.tree.select_view(self.view)
        if first and not result.feeds and not self.app.demo:
            self.app.show_welcome()
        self.update_title()

    def apply_theme(self) -> None:
        variables = self.app.theme_variables
        styles = entity_styles(variables)
        self.reader.set_entity_styles(styles, block_styles(variables))
        self.entity_styles = styles

    def update_title(self) -> None:
        name = self.titles.get(self.view) or view_title(self.view, self.tree.feeds)
        self.title = "reader"
        parts = [name, f"{self.total} articles"]
        indicator = self.status_indicator()
        if indicator:
            parts.append(indicator)
        self.sub_title = " · ".join(parts)

    # --- messages from the widgets ---------------------------------------------------------

    @on(FeedTree.ViewChosen)
    def view_chosen(self, event: FeedTree.ViewChosen) -> None:
        self.show_view(event.ref.view, event.ref.title)

    def show_view(self, view: View, title: str | None = None, *, focus: bool = True) -> None:
        place = None
        if view.kind in TRANSIENT and self.view.kind not in TRANSIENT:
            # Esc in the results comes back here, to the same article.
            self.return_view = self.view
            self.return_place = self.list.place()
        elif view.kind not in TRANSIENT:
            if view == self.return_view:
                place = self.return_place
            self.return_view = None
        self.view = view
        if title:
            self.titles[view] = title
        self.list.show(view, place=place)
        if focus:
            self.list.focus()

    @on(ArticleList.Loaded)
    def list_loaded(self, event: ArticleList.Loaded) -> None:
        self.total = event.total
        self.update_title()

    @on(ArticleList.Opened)
    def article_opened(self, event: ArticleList.Opened) -> None:
        self.history.clear()
        self.open_article(event.summary.id)
        self.reader.focus()

    @on(RelatedPanel.StoryChosen)
    def related_chosen(self, event: RelatedPanel.StoryChosen) -> None:
        if self.open_id is not None:
            self.history.append(self.open_id)
        self.open_article(event.article_id)
        self.reader.focus()

    @on(EntityPanel.EntityChosen)
    def entity_chosen(self, event: EntityPanel.EntityChosen) -> None:
        self.show_view(View("entity", event.key), f"Entity: {event.name}")

    @on(Input.Submitted, "#search")
    def search_submitted(self, event: Input.Submitted) -> None:
        query = event.value.strip()
        event.input.display = False
        if query:
            self.show_view(View("search", query), f"Search: {query}")
        else:
            self.list.focus()

    # --- opening articles ------------------------------------------------------------------

    @work(exclusive=True, group="article")
    async def open_article(self, article_id: int) -> None:
        loaded = await self.app.db.main.call(data.load_article, article_id)
        self.open_id = article_id
        article = loaded.article
        self.reader.show(dataclasses.replace(article, read=True), loaded.spans)
        self.query_one(EntityPanel).show(loaded.counts, self.entity_styles)
        if loaded.was_unread:
            self.list.update_row(article_id, read=True)
            self.tree.adjust_unread(article.feed_id, -1)
        if self.query_one("#side").display and self.query_one(RelatedPanel).display:
            self.query_one(RelatedPanel).show_loading()
            self.load_related(article_id)

    @work(exclusive=True, group="related")
    async def load_related(self, article_id: int) -> None:
        panel = self.query_one(RelatedPanel)
        try:
            stories = await self.app.db.slow.call(data.load_related, article_id)
        except Exception as exc:  # noqa: BLE001 - a ranking bug must not close the reader
            log.exception("related stories failed for article %s", article_id)
            if article_id == self.open_id:
                panel.show_error(f"Related stories failed: {exc}")
            return
        if article_id == self.open_id:
            article = self.reader.article
            panel.show(stories, self.app.now(), article.text if article else "")

    # --- actions ---------------------------------------------------------------------------

    def _panes(self) -> list[Widget]:
        panes: list[Widget] = [self.tree, self.list, self.reader]
        if self.query_one("#side").display:
            if self.query_one(RelatedPanel).display:
                panes.append(self.query_one(RelatedList))
            if self.query_one(EntityPanel).display:
                panes.append(self.query_one(EntityList))
        return panes

    def _cycle(self, step: int) -> None:
        panes = self._panes()
        focused = self.focused
        index = next((i for i, p in enumerate(panes) if p is focused), -1)
        panes[(index + step) % len(panes)].focus()

    def action_next_pane(self) -> None:
        self._cycle(1)

    def action_prev_pane(self) -> None:
        self._cycle(-1)

    def action_back(self) -> None:
        focused = self.focused
        search = self.query_one("#search", Input)
        if focused is search:
            search.display = False
            self.list.focus()
        elif focused in (self.query_one(RelatedList), self.query_one(EntityList)):
            self.reader.focus()
        elif focused is self.reader:
            if self.history:
                self.open_article(self.history.pop())
            else:
                self.list.focus()
        elif focused is self.list:
            if self.view.kind in TRANSIENT and self.return_view is not None:
                self.show_view(self.return_view)
                self.tree.select_view(self.view)
            else:
                self.tree.focus()

    def _reading(self) -> bool:
        return self.focused is not None and self.focused not in (self.tree, self.list)

    def action_next_unread(self) -> None:
        self.list.select_unread(True, open_it=self._reading())

    def action_prev_unread(self) -> None:
        self.list.select_unread(False, open_it=self._reading())

    def action_page_article(self, direction: int) -> None:
        if direction > 0:
            self.reader.scroll_page_down(animate=False)
        else:
            self.reader.scroll_page_up(animate=False)

    def target(self) -> ArticleSummary | None:
        """What m, s, o and y act on: the open article when reading, else the list's row."""
        article = self.reader.article
        if self._reading() and article is not None:
            return ArticleSummary(
                article.id,
                article.feed_id,
                article.title,
                article.url,
                article.feed_title,
                article.published,
                article.read,
                article.starred,
            )
        return self.list.current

    @work(group="flags")
    async def action_toggle_read(self) -> None:
        item = self.target()
        if item is None:
            return
        read = not item.read
        await self.app.db.main.call(data.set_read, [item.id], read)
        self.list.update_row(item.id, read=read)
        self.tree.adjust_unread(item.feed_id, -1 if read else 1)
        if self.reader.article and self.reader.article.id == item.id:
            self.reader.article = dataclasses.replace(self.reader.article, read=read)
        self.notify("Marked read." if read else "Marked unread.", timeout=1.5)

    @work(group="flags")
    async def action_toggle_star(self) -> None:
        item = self.target()
        if item is None:
            return
        starred = not item.starred
        await self.app.db.main.call(data.set_starred, item.id, starred)
        self.list.update_row(item.id, starred=starred)
        if self.reader.article and self.reader.article.id == item.id:
            self.reader.article = dataclasses.replace(self.reader.article, starred=starred)
        self.notify("Starred." if starred else "Star removed.", timeout=1.5)

    @work(group="flags")
    async def action_mark_view_read(self) -> None:
        ids: list[int] = []
        if self.view.kind == "search":
            ids = [s.id for s in await self.list.source.page(self.view, 0, 10_000)]
        count = await self.app.db.main.call(data.mark_view_read, self.view, ids)
        self.list.mark_all_read()
        self.load_feeds()
        self.notify(f"Marked {count} articles read.", timeout=2)

    def _link(self) -> str | None:
        item = self.target()
        url = item.url if item else ""
        if not url.lower().startswith(("http://", "https://")):
            self.notify("This article has no web link.", severity="warning", timeout=2)
            return None
        return url

    def action_open_browser(self) -> None:
        url = self._link()
        if url:
            self.app.open_url(url)

    def action_copy_link(self) -> None:
        url = self._link()
        if url:
            self.app.copy_to_clipboard(url)
            self.notify("Link copied.", timeout=1.5)

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.value = ""
        search.focus()

    def action_entities(self) -> None:
        side = self.query_one("#side")
        panel = self.query_one(EntityPanel)
        showing = side.display and panel.display
        panel.display = not showing
        self.query_one(RelatedPanel).display = showing
        side.display = True
        if not showing:
            self.query_one(EntityList).focus()
        elif self.open_id is not None:
            self.load_related(self.open_id)

    def action_related(self) -> None:
        side = self.query_one("#side")
        related = self.query_one(RelatedPanel)
        if side.display and related.display:
            side.display = False
            if self.focused is None:
                self.reader.focus()
            return
        side.display = True
        related.display = True
        self.query_one(EntityPanel).display = False
        if self.open_id is not None:
            related.show_loading()
            self.load_related(self.open_id)

    def action_mention(self, step: int) -> None:
        span = self.reader.jump_mention(step)
        if span is None:
            self.notify("No highlighted mentions in this article.", timeout=1.5)

    @work(group="feed-info")
    async def action_feed_info(self) -> None:
        ref = self.tree.highlighted
        feed_id = ref.feed.id if ref and ref.feed else None
        if feed_id is None or self.focused is not self.tree:
            item = self.target()
            feed_id = item.feed_id if item else feed_id
        if feed_id is None:
            return
        feed = await self.app.db.main.call(data.get_feed, feed_id)
        self.app.push_screen(FeedInfoScreen(feed))
