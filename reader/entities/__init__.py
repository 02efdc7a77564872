"""Named entities: who, which organisations and where a text is about.

Public API (no Textual, no SQL)::

    tag(text) -> list[EntitySpan]            offsets into text; labels in ENTITY_LABELS
    tag_many(texts) -> list[list[EntitySpan]]  batched (spaCy's nlp.pipe)
    backend() -> "spacy" | "fallback"
    version() -> int                          analysis version of the backend in use
    ANALYSIS_VERSION, FALLBACK_VERSION

The spaCy model is loaded lazily, once per process, under a lock, after its files pass the
sha256 check (model.py). When spaCy or the model is missing, or the check fails, a gazetteer
tagger (fallback.py) gives the same output shape with the lower FALLBACK_VERSION, so
articles it tagged are re-tagged once the model is available (``enriched < version()``).
Set ``READER_NER=fallback`` to force the fallback.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import TYPE_CHECKING

from reader.models import EntitySpan

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

#: Version of the model-based analysis; bump whenever its output changes.
ANALYSIS_VERSION = 10
#: Version of the fallback's analysis; always below ANALYSIS_VERSION.
FALLBACK_VERSION = 3

#: Texts longer than this are tagged in pieces split at paragraph breaks (bounded memory).
CHUNK_CHARS = 100_000

_lock = threading.Lock()
_nlp: Language | None = None
_backend: str | None = None
_problem: str | None = None


def _ensure() -> str:
    """Load the pipeline once (thread-safe); return the backend name."""
    global _nlp, _backend, _problem
    if _backend is not None:
        return _backend
    with _lock:
        if _backend is not None:
            return _backend
        if os.environ.get("READER_NER", "").lower() == "fallback":
            _problem = "READER_NER=fallback is set"
            _backend = "fallback"
            return _backend
        from reader.entities import model

        try:
            nlp = model.load()
        except model.ModelError as exc:
            _problem = str(exc)
            log.warning("%s; using the fallback entity tagger", exc)
            _backend = "fallback"
            return _backend
        _nlp, _backend = nlp, "spacy"
        return _backend


def backend() -> str:
    """ "spacy" or "fallback" (loads the model on first call)."""
    return _ensure()


def problem() -> str | None:
    """Why the fallback is in use (None when spaCy is)."""
    _ensure()
    return _problem


def version() -> int:
    """The analysis version of the backend in use (store it with the article)."""
    return ANALYSIS_VERSION if _ensure() == "spacy" else FALLBACK_VERSION


def tag(text: str) -> list[EntitySpan]:
    """Entity mentions in ``text``: person/org/place/group/event/work/other, no numbers."""
    return tag_many([text])[0]


def tag_many(
    texts: list[str], *, batch_size: int = 8, publishers: list[str | None] | None = None
) -> list[list[EntitySpan]]:
    """tag() for many texts at once (much faster with the model: batched). Texts in another
    language than English get no entities: the model and the rules are English-only.
    ``publishers``: per text, the title of the feed it came from (or None), whose name in
    the text is then an organisation."""
    from reader.entities.code import mask_code
    from reader.entities.context import publisher_name
    from reader.entities.language import looks_english

    english = [looks_english(t) for t in texts]
    # Code lines blanked (same offsets): names are not looked for in program code.
    texts = [mask_code(t) if ok else t for t, ok in zip(texts, english, strict=True)]
    names = [publisher_name(p) for p in publishers] if publishers else [None] * len(texts)
    if _ensure() != "spacy":
        from reader.entities import fallback

        return [
            fallback.tag(t, name) if ok else []
            for t, ok, name in zip(texts, english, names, strict=True)
        ]
    from reader.entities import ruler
    from reader.entities.casing import model_text
    from reader.entities.model import one_blas_thread
    from reader.entities.postprocess import from_spacy

    pieces: list[tuple[int, int, str]] = []  # (text index, offset, piece)
    for i, text in enumerate(texts):
        if english[i]:
            pieces += [(i, off, piece) for off, piece in _chunks(text)]
    raw: list[list[tuple[int, int, str]]] = [[] for _ in texts]
    assert _nlp is not None
    with one_blas_thread():
        docs = _nlp.pipe((model_text(p) for _, _, p in pieces), batch_size=batch_size)
        for (i, off, _), doc in zip(pieces, docs, strict=True):
            raw[i] += [(e.start_char + off, e.end_char + off, e.label_) for e in doc.ents]
    return [
        from_spacy(text, ruler.apply(text, ents), name) if ok else []
        for text, ents, ok, name in zip(texts, raw, english, names, strict=True)
    ]


def _chunks(text: str) -> list[tuple[int, str]]:
    """(offset, piece) parts of text, split at paragraph breaks when it is very long."""
    if len(text) <= CHUNK_CHARS:
        return [(0, text)]
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        out.append((start, text[start:end]))
        start = end
    return out


def _reset() -> None:
    """Forget the loaded backend (tests)."""
    global _nlp, _backend, _problem
    with _lock:
        _nlp, _backend, _problem = None, None, None
