"""Analysis of an article's text at refresh time: entity mentions and term data.

Runs wherever the CPU-heavy work runs (a worker process during refresh). Entity
recognition falls back to a gazetteer tagger when the model is missing or refused.
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
    """The version the current components produce (stored in ``articles.enriched``).

    Lower for the fallback tagger than for the model, so articles tagged while the model was
    missing are tagged again once it is there.
    """
    from reader import entities

    return entities.version()


def analyse_many(
    items: list[tuple[str, str]], publishers: list[str | None] | None = None
) -> list[Analysis]:
    """Analyse (title, text) pairs in one batch; ``publishers``: each one's feed title."""
    if not items:
        return []
    from reader import entities, related

    all_spans = entities.tag_many([text for _, text in items], publishers=publishers)
    version = analysis_version()
    return [
        Analysis(tuple(spans), related.terms_for(title, text, spans), version)
        for (title, text), spans in zip(items, all_spans, strict=True)
    ]
