"""What readability leaves behind on news pages that is not the story.

Two passes: ``prune_tree`` / ``drop_element`` work on the article element (by tag, class and
id), ``filter_blocks`` on the finished lines (by their words). Both are conservative: the
first line of body text is never dropped by a text rule.
"""

from __future__ import annotations

_CAPTION_TAGS = frozenset(("figcaption",))


def prune_tree(root) -> None:
    """Remove furniture elements from the article element (in place)."""


def drop_element(el) -> bool:
    """True for elements whose text is never story text (captions ...)."""
    return el.tag in _CAPTION_TAGS


def filter_blocks(blocks, links, meta):
    """Drop lines that are clearly not story text; renumber nothing (links stay as they are)."""
    return blocks, links
