"""The article list: a virtual list over a view, loaded a page at a time as the cursor moves.

Only the rows near the cursor and the screen are ever loaded, so a view of 100,000 articles
opens as fast as one of ten. The parent sets what to show with :meth:`ArticleList.show`; the
list posts ``Highlighted`` when the cursor lands on a row and ``Opened`` on Enter.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.models import ArticleSummary
from reader.store.articles_sql import View
from reader.ui.bindings import bind
from reader.ui.format import relative_time, safe
from reader.ui.sources import PAGE, ListSource

KEEP_PAGES = 40  # pages kept in memory; the farthest from the cursor go first


@dataclasses.dataclass(frozen=True)
class Place:
    """A cursor position in a view: the article under it, its row, the first row shown."""

    article_id: int | None
    cursor: int
    top: int


class ArticleList(ScrollView, can_focus=True):
    """Rows of one view: unread and star marks, title, source and age."""

    BINDINGS = [
        bind("down", "cursor_down"),
        bind("up", "cursor_up"),
        bind("top", "first"),
        bind("bottom", "last"),
        bind("open", "open"),
        ("pagedown", "page_down_rows"),
        ("pageup", "page_up_rows"),
    ]
    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--meta",
        "article-list--mark",
    }
    DEFAULT_CSS = """
    ArticleList { overflow-x: hidden; }
    ArticleList > .article-list--cursor { background: $primary 18%; }
    ArticleList:focus > .article-list--cursor { background: $primary 50%; }
    ArticleList > .article-list--unread { text-style: bold; }
    ArticleList > .article-list--meta { color: $text-muted; }
    ArticleList > .article-list--mark { color: $accent; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    @dataclasses.dataclass
    class Highlighted(Message):
        """The cursor is on ``summary`` (None when the view is empty)."""

        article_list: ArticleList
        summary: ArticleSummary | None

    @dataclasses.dataclass
    class Opened(Message):
        article_list: ArticleList
        summary: ArticleSummary

    @dataclasses.dataclass
    class Loaded(Message):
        """A view finished loading (its count and first rows are known)."""

        article_list: ArticleList
        view: View
        total: int

    def __init__(self, source: ListSource, now: Callable[[], datetime], **kwargs) -> None:
        super().__init__(**kwargs)
        self.source = source
        self.now = now
        self.view: View = View("all")
        self.total = 0
        self._pages: dict[int, list[ArticleSummary]] = {}
        self._loading: set[int] = set()
        self._generation = 0

    # --- what the parent calls -------------------------------------------------------------

    def show(
        self,
        view: View,
        *,
        keep_place: bool = False,
        open_first: bool = False,
        place: Place | None = None,
    ) -> None:
        """Load ``view``; with keep_place the cursor stays on the same article if it can;
        ``place`` (from :meth:`place`) puts it back where it was in an earlier visit."""
        self._load(view, keep_place or place is not None, open_first, place)

    def place(self) -> Place:
        """Where the cursor is now, to come back to with ``show(view, place=...)``."""
        current = self.current
        return Place(current.id if current else None, self.cursor, int(self.scroll_offset.y))

    @property
    def current(self) -> ArticleSummary | None:
        return self.row(self.cursor)

    def row(self, index: int) -> ArticleSummary | None:
        page = self._pages.get(index // PAGE)
        if page is None or not 0 <= index - (index // PAGE) * PAGE < len(page):
            return None
        return page[index % PAGE]

    def update_row(self, article_id: int, **changes) -> None:
        """Change a loaded row in place (after marking read or starring)."""
        for page in self._pages.values():
            for i, summary in enumerate(page):
                if summary.id == article_id:
                    page[i] = dataclasses.replace(summary, **changes)
                    self.refresh()
                    return

    def mark_all_read(self) -> None:
        for page in self._pages.values():
            page[:] = [dataclasses.replace(s, read=True) for s in page]
        self.refresh()

    # --- loading ---------------------------------------------------------------------------

    @work(exclusive=True, group="list-load")
    async def _load(
        self, view: View, keep_place: bool, open_first: bool, place: Place | None = None
    ) -> None:
        place = place or self.place()
        keep_id = place.article_id if keep_place else None
        keep_index = place.cursor if keep_place else 0
        keep_top = place.top
        old_total = self.total if view == self.view else None
        if view.kind == "search":
            self.source.forget_search()
        total = await self.source.count(view)
        # New articles arrive at the top (newest first): the kept row is most likely pushed
        # down by as many rows as the view grew.
        grown = max(0, total - old_total) if keep_place and old_total is not None else 0
        guess = min(keep_index + grown, max(total - 1, 0))
        first = guess // PAGE
        rows = await self.source.page(view, first * PAGE, PAGE) if total else []
        self._generation += 1
        self.view, self.total = view, total
        self._pages = {first: rows} if rows else {}
        self._loading.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, total)
        index = min(keep_index, max(total - 1, 0))
        if keep_id is not None:
            found = [i for i, s in enumerate(rows) if s.id == keep_id]
            if found:
                index = first * PAGE + found[0]
        if keep_place:
            # Same article on the same screen row: scroll by as much as it moved.
            top = max(0, keep_top + index - keep_index)
            self.scroll_to(y=top, animate=False, immediate=True)
        else:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = index
        self.refresh()
        self.post_message(self.Loaded(self, view, total))
        if open_first and self.current:
            self.post_message(self.Opened(self, self.current))

    def _request_page(self, number: int) -> None:
        if number in self._pages or number in self._loading or number * PAGE >= self.total:
            return
        self._loading.add(number)
        self.run_worker(self._fetch(number, self._generation), group="list-page")

    async def _fetch(self, number: int, generation: int) -> None:
        rows = await self.source.page(self.view, number * PAGE, PAGE)
        if generation != self._generation:
            return  # the view changed while this page was loading
        self._loading.discard(number)
        self._pages[number] = rows
        self._evict()
        self.refresh()
        if self.cursor // PAGE == number:
            self.post_message(self.Highlighted(self, self.current))

    def _evict(self) -> None:
        if len(self._pages) <= KEEP_PAGES:
            return
        here = self.cursor // PAGE
        for number in sorted(self._pages, key=lambda n: -abs(n - here))[
            : len(self._pages) - KEEP_PAGES
        ]:
            del self._pages[number]

    async def ensure_row(self, index: int) -> ArticleSummary | None:
        """The row at ``index``, loading its page if needed (for use inside workers)."""
        number = index // PAGE
        if number not in self._pages:
            generation = self._generation
            rows = await self.source.page(self.view, number * PAGE, PAGE)
            if generation != self._generation:
                return None
            self._pages[number] = rows
        return self.row(index)

    # --- cursor ----------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        height = self.scrollable_content_region.height
        top = int(self.scroll_offset.y)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif height and new >= top + height:
            self.scroll_to(y=new - height + 1, animate=False, immediate=True)
        page = new // PAGE
        self._request_page(page)
        if new % PAGE > PAGE - 30:
            self._request_page(page + 1)
        elif new % PAGE < 30 and page:
            self._request_page(page - 1)
        self.refresh()
        if self.row(new) is not None or not self.total:
            self.post_message(self.Highlighted(self, self.row(new)))

    def _move(self, delta: int) -> None:
        if self.total:
            self.cursor = max(0, min(self.total - 1, self.cursor + delta))

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_page_down_rows(self) -> None:
        self._move(max(1, self.scrollable_content_region.height - 1))

    def action_page_up_rows(self) -> None:
        self._move(-max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        self._move(-self.total)

    def action_last(self) -> None:
        self._move(self.total)

    def action_open(self) -> None:
        if self.current is not None:
            self.post_message(self.Opened(self, self.current))

    @work(exclusive=True, group="list-find")
    async def select_unread(self, forward: bool = True, open_it: bool = False) -> None:
        """Move to the next (or previous) unread row, loading pages as needed."""
        step = 1 if forward else -1
        index = self.cursor + step
        while 0 <= index < self.total:
            summary = await self.ensure_row(index)
            if summary is not None and not summary.read:
                self.cursor = index
                if open_it:
                    self.post_message(self.Opened(self, summary))
                return
            index += step
        self.notify("No more unread articles in this view.", timeout=2)

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if 0 <= index < self.total:
            self.cursor = index
            if event.chain >= 2:
                self.action_open()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.total)

    # --- rendering -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        base = self.visual_style.rich_style
        if index >= self.total:
            return Strip.blank(width, base)
        summary = self.row(index)
        if summary is None:
            self.call_later(self._request_page, index // PAGE)
            return Strip([Segment("  …", base)]).extend_cell_length(width, base)
        text = self._row_text(summary, width)
        if index == self.cursor:
            # Only the cursor's background, over the whole row (marks and age included).
            cursor = self.get_component_rich_style("article-list--cursor")
            text.stylize(Style(bgcolor=cursor.bgcolor))
        segments = list(text.render(self.app.console))
        return Strip(segments).crop_extend(0, width, base).apply_style(base)

    def _row_text(self, summary: ArticleSummary, width: int) -> Text:
        mark = self.get_component_rich_style("article-list--mark")
        meta_style = self.get_component_rich_style("article-list--meta")
        title_style = (
            self.get_component_rich_style("article-list--unread") if not summary.read else Style()
        )
        age = f"{relative_time(summary.published, self.now()):>4}"
        # A narrow list keeps the title readable and drops the source first.
        meta = f" {safe(summary.feed_title)[:18]} {age}" if width >= 56 else f" {age}"
        title = Text(safe(summary.title) or "(untitled)", style=title_style, no_wrap=True)
        room = max(1, width - 3 - len(meta))
        title.truncate(room, overflow="ellipsis", pad=True)
        return Text.assemble(
            ("●" if not summary.read else " ", mark),
            ("★" if summary.starred else " ", mark),
            " ",
            title,
            (meta, meta_style),
            no_wrap=True,
            end="",
        )
