"""The article pane: the open article laid out for reading, entities highlighted.

The article is wrapped once (at the width limit or the pane's width, the smaller) and drawn
line by line, so opening an article repaints this pane only, never the screen's layout, and
the line of every mention is known exactly for ``]`` and ``[``. The parent sets what to show
(``show``) and the entity styles (``set_entity_styles``).
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.models import Article, EntitySpan
from reader.ui.bindings import bind
from reader.ui.highlight import Rendered, render_article


class ArticleView(ScrollView, can_focus=True):
    """A scrollable article with a width limit."""

    BINDINGS = [
        bind("down", "scroll_down"),
        bind("up", "scroll_up"),
        bind("top", "scroll_home"),
        bind("bottom", "scroll_end"),
    ]
    DEFAULT_CSS = """
    ArticleView { overflow-x: hidden; scrollbar-gutter: stable; }
    """

    PLACEHOLDER = "Choose an article and press Enter."

    def __init__(self, *, width: int = 88, highlight: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text_width = width
        self.highlight_entities = highlight
        self.article: Article | None = None
        self.spans: list[EntitySpan] = []
        self.styles_by_label: dict[str, Style] = {}
        self.styles_by_kind: dict[str, Style] | None = None
        self.rendered: Rendered | None = None
        self.mention: int | None = None
        self._lines: list[Text] = []
        self._wrapped_at = 0

    def show(self, article: Article | None, spans: list[EntitySpan] = ()) -> None:
        self.article, self.spans, self.mention = article, list(spans), None
        self._redraw()
        self.scroll_to(y=0, animate=False, immediate=True)

    def set_entity_styles(
        self, styles: dict[str, Style], blocks: dict[str, Style] | None = None
    ) -> None:
        """Entity styles by label and (optionally) block styles by kind, from the theme."""
        self.styles_by_label = styles
        if blocks is not None:
            self.styles_by_kind = blocks
        self._redraw()

    @property
    def wrap_width(self) -> int:
        return max(20, min(self.text_width, self.scrollable_content_region.width or 80))

    def _redraw(self) -> None:
        if self.article is None:
            self.rendered = None
            text = Text(self.PLACEHOLDER, style="dim")
        else:
            self.rendered = render_article(
                self.article,
                self.spans,
                self.styles_by_label,
                highlight=self.highlight_entities,
                current=self.mention,
                blocks_style=self.styles_by_kind,
            )
            text = self.rendered.text
        width = self.wrap_width
        self._lines = list(text.wrap(self.app.console, width)) if self.is_mounted else []
        self._wrapped_at = width
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def on_mount(self) -> None:
        self._redraw()

    def on_resize(self) -> None:
        if self.wrap_width != self._wrapped_at:
            self._redraw()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        base = self.visual_style.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        segments = list(self._lines[index].render(self.app.console))
        return Strip(segments).crop_extend(0, width, base).apply_style(base)

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
        _start, end, span = self.rendered.mentions[self.mention]
        line = self.line_of(end)
        height = self.scrollable_content_region.height
        top = int(self.scroll_offset.y)
        if not top <= line < top + height:
            self.scroll_to(y=max(0, line - 3), animate=False, immediate=True)
        return span

    def line_of(self, offset: int) -> int:
        """The wrapped line an offset of the rendered text falls on (same wrapping as shown)."""
        assert self.rendered is not None
        prefix = self.rendered.text[:offset]
        return len(prefix.wrap(self.app.console, self._wrapped_at)) - 1
