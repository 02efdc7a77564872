"""Analysis of an article's text at refresh time: entity mentions and term data.

Runs wherever the CPU-heavy work runs (a worker process during refresh). Falls back to
no analysis when a component is missing, so refresh never fails because of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reader.models import EntitySpan


@dataclass(frozen=True)
class Analysis:
    spans: tuple[EntitySpan, ...] = ()
    terms: Any = None
    version: int = 0


def analysis_version() -> int:
    """The version the current components produce (stored in ``articles.enriched``)."""
    try:
        from reader import entities

        return int(getattr(entities, "ANALYSIS_VERSION", 0)) or 1
    except ImportError:
        return 1


def analyse_many(items: list[tuple[str, str]]) -> list[Analysis]:
    """Analyse (title, text) pairs in one batch."""
    if not items:
        return []
    try:
        from reader import entities

        all_spans = entities.tag_many([text for _, text in items])
    except (ImportError, AttributeError):
        all_spans = [[] for _ in items]
    try:
        from reader import related

        terms_for = related.terms_for
    except (ImportError, AttributeError):
        terms_for = None
    version = analysis_version()
    out = []
    for (title, text), spans in zip(items, all_spans, strict=True):
        terms = terms_for(title, text, spans) if terms_for else None
        out.append(Analysis(tuple(spans), terms, version))
    return out
