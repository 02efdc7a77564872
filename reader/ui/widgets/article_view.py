"""The article pane: the open article laid out for reading, entities highlighted.

The parent sets what to show (``show``) and the entity styles (``styles``); ``]`` and ``[``
move a marker through the highlighted mentions and scroll it into view.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from reader.models import Article, EntitySpan
from reader.ui.bindings import bind
from reader.ui.highlight import Rendered, render_article


class ArticleView(VerticalScroll, can_focus=True):
    """A scrollable article with a width limit."""

    BINDINGS = [
        bind("down", "scroll_down"),
        bind("up", "scroll_up"),
        bind("top", "scroll_home"),
        bind("bottom", "scroll_end"),
    ]

    PLACEHOLDER = "Choose an article and press Enter."

    def __init__(self, *, width: int = 88, highlight: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text_width = width
        self.highlight_entities = highlight
        self.article: Article | None = None
        self.spans: list[EntitySpan] = []
        self.styles_by_label: dict[str, Style] = {}
        self.rendered: Rendered | None = None
        self.mention: int | None = None

    def compose(self):
        yield Static(Text(self.PLACEHOLDER, style="dim"), id="article-text")

    def on_mount(self) -> None:
        self.query_one("#article-text").styles.max_width = self.text_width

    def show(self, article: Article | None, spans: list[EntitySpan] = ()) -> None:
        self.article, self.spans, self.mention = article, list(spans), None
        self._redraw()
        self.scroll_home(animate=False, immediate=True)

    def set_entity_styles(self, styles: dict[str, Style]) -> None:
        self.styles_by_label = styles
        self._redraw()

    def _redraw(self) -> None:
        body = self.query_one("#article-text", Static)
        if self.article is None:
            self.rendered = None
            body.update(Text(self.PLACEHOLDER, style="dim"))
            return
        self.rendered = render_article(
            self.article,
            self.spans,
            self.styles_by_label,
            highlight=self.highlight_entities,
            current=self.mention,
        )
        body.update(self.rendered.text)

    @property
    def mention_count(self) -> int:
        return len(self.rendered.mentions) if self.rendered else 0

    def jump_mention(self, step: int) -> EntitySpan | None:
        """Move the marker to the next (step=1) or previous (-1) mention and show it."""
        if not self.mention_count or self.rendered is None:
            return None
        if self.mention is None:
            self.mention = 0 if step > 0 else self.mention_count - 1
        else:
            self.mention = (self.mention + step) % self.mention_count
        self._redraw()
        start, end, span = self.rendered.mentions[self.mention]
        self.scroll_to(y=max(0, self._line_of(end) - 3), animate=False)
        return span

    def _line_of(self, offset: int) -> int:
        """The wrapped line an offset of the rendered text falls on."""
        assert self.rendered is not None
        width = max(10, self.query_one("#article-text").content_region.width)
        return len(self.rendered.text[:offset].wrap(self.app.console, width)) - 1
