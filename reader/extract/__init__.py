"""Turn web pages into clean articles: readability-lxml, then blocks of text and links.

``clean_html`` is the whole pipeline for a page; ``html_to_blocks`` converts HTML that is
already an article (a feed's own content) without the readability step.
"""

from reader.extract.article import clean_html
from reader.extract.blocks import blocks_text, html_to_blocks

__all__ = ["blocks_text", "clean_html", "html_to_blocks"]
