"""General news rules of the post-processing (model-free: raw spans with the model's typical
wrong labels go through finish())."""

from __future__ import annotations

import re

from reader.entities.postprocess import finish


def _labels(text: str, *wrong: tuple[str, str]) -> dict[str, set[str]]:
    spans = []
    for surface, label in wrong:
        spans += [(m.start(), m.end(), label) for m in re.finditer(re.escape(surface), text)]
    found: dict[str, set[str]] = {}
    for span in finish(text, sorted(spans)):
        found.setdefault(span.text, set()).add(span.label)
    return found


def test_a_surname_after_a_name_with_jr_is_the_person():
    text = (
        "Police said Arcade Joseph Comeaux Jr. escaped on Monday. Comeaux used a wheelchair. "
        "Officials said Comeaux was armed. Comeaux knows the area."
    )
    spans = [(m.start(), m.end(), "org") for m in re.finditer(r"\bComeaux\b(?! Jr)", text)]
    full = text.index("Arcade")
    spans.append((full, full + len("Arcade Joseph Comeaux Jr."), "person"))
    out = finish(text, sorted(spans))
    assert {s.label for s in out if s.text == "Comeaux"} == {"person"}
    assert {s.key for s in out if s.text == "Comeaux"} == {"person:arcade joseph comeaux jr."}
