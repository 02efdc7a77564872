"""An article as Rich Text: blocks laid out for reading, entities coloured by type.

Everything from the network is appended as plain text (never parsed as markup) after
``reader.sanitize``. Entity offsets point into the article's text (blocks joined with
BLOCK_SEPARATOR); they are mapped onto the rendered text block by block. A block whose text
the sanitiser changed loses its highlights rather than risk misplaced ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text
from textual.color import Color

from reader.models import BLOCK_SEPARATOR, ENTITY_LABELS, Article, Block, EntitySpan
from reader.sanitize import clean_line, clean_text
from reader.ui.format import full_time

#: Theme variable holding each entity label's colour.
ENTITY_VARIABLES = {label: f"entity-{label}" for label in ENTITY_LABELS}


@dataclass
class Rendered:
    """The article's Text and where each highlighted mention landed in it."""

    text: Text
    mentions: list[tuple[int, int, EntitySpan]] = field(default_factory=list)


def article_blocks(article: Article) -> tuple[tuple[Block, ...], bool]:
    """The blocks to show, and whether entity offsets line up with them."""
    blocks = article.blocks
    if blocks and BLOCK_SEPARATOR.join(b.text for b in blocks) == article.text:
        return blocks, True
    if article.text:
        return tuple(Block("paragraph", p) for p in article.text.split(BLOCK_SEPARATOR)), True
    body = article.body
    return tuple(Block("paragraph", p) for p in body.split("\n\n") if p.strip()), False


def entity_styles(variables: dict[str, str]) -> dict[str, Style]:
    """Rich styles for each entity label from the theme's variables."""
    styles = {}
    for label, name in ENTITY_VARIABLES.items():
        colour = variables.get(name)
        try:
            styles[label] = Style(color=colour, bold=True) if colour else Style(bold=True)
        except Exception:  # noqa: BLE001 - a colour Rich cannot parse: keep the text readable
            styles[label] = Style(bold=True)
    return styles


def block_styles(variables: dict[str, str]) -> dict[str, Style]:
    """Styles per block kind; colours are derived from the theme's variables.

    A caption (an image's caption) is italic in a colour between the theme's foreground and
    background, so it reads as secondary in every theme without a colour of its own.
    """
    styles = dict(_BLOCK_STYLE)
    try:
        fg = Color.parse(variables["foreground"])
        bg = Color.parse(variables["background"])
        styles["caption"] = Style(italic=True, color=fg.blend(bg, 0.4).rich_color)
    except Exception:  # noqa: BLE001 - missing or odd theme colours: dim still reads as secondary
        pass
    return styles


_PREFIX = {"list_item": "  • ", "quote": "  ▎ ", "pre": "    ", "caption": "  "}
_BLOCK_STYLE = {
    "heading": Style(bold=True, underline=True),
    "quote": Style(italic=True),
    "pre": Style(dim=True),
    "caption": Style(italic=True, dim=True),
}


def render_article(
    article: Article,
    spans: list[EntitySpan],
    styles: dict[str, Style],
    *,
    highlight: bool = True,
    current: int | None = None,
    blocks_style: dict[str, Style] | None = None,
) -> Rendered:
    """Lay out ``article`` as Text with its entity mentions styled (``blocks_style``: the
    style of each block kind, see :func:`block_styles`)."""
    kind_styles = blocks_style or _BLOCK_STYLE
    text = Text()
    text.append(clean_line(article.title) or "(untitled)", Style(bold=True))
    text.append("\n")
    meta = [
        clean_line(article.feed_title),
        clean_line(article.author),
        full_time(article.published),
    ]
    text.append(" · ".join(m for m in meta if m), Style(dim=True))
    text.append("\n\n")

    blocks, aligned = article_blocks(article)
    ordered = sorted(spans, key=lambda s: s.start) if (highlight and aligned) else []
    mentions: list[tuple[int, int, EntitySpan]] = []
    offset = 0  # where the block starts in the article's text
    for block in blocks:
        raw = block.text
        shown = clean_text(raw)
        text.append(_PREFIX.get(block.kind, ""))
        start_at = len(text)
        text.append(shown, kind_styles.get(block.kind))
        if shown == raw:
            end = offset + len(raw)
            for span in ordered:
                if span.end <= offset or span.start >= end:
                    continue
                s = max(span.start, offset) - offset + start_at
                e = min(span.end, end) - offset + start_at
                mentions.append((s, e, span))
        text.append("\n\n")
        offset += len(raw) + len(BLOCK_SEPARATOR)

    for i, (s, e, span) in enumerate(mentions):
        style = styles.get(span.label) or styles.get("other") or Style(bold=True)
        if i == current:
            style = style + Style(reverse=True)
        text.stylize(style, s, e)

    if article.links:
        text.append("Links\n", Style(bold=True))
        for link in article.links:
            text.append(f"[{link.index}] ", Style(dim=True))
            label = clean_line(link.text)
            if label:
                text.append(label + "  ")
            text.append(clean_line(link.url), Style(underline=True))
            text.append("\n")
    text.rstrip()
    return Rendered(text, mentions)
