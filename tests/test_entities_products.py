"""Products and bare titles: well-known software and devices found by the ruler, a product
noun after a name ("the Firefox browser"), and a bare title the model called a place.
Model-free: raw spans go through the rules and the post-processing directly."""

from __future__ import annotations

import re

from reader.entities import ruler
from reader.entities.postprocess import from_spacy


def _labels(text: str, *model: tuple[str, str]) -> dict[str, set[str]]:
    """Labels of the final spans, given the model's (surface, spaCy label) for each occurrence."""
    ents = sorted(
        (m.start(), m.end(), label)
        for surface, label in model
        for m in re.finditer(re.escape(surface), text)
    )
    found: dict[str, set[str]] = {}
    for span in from_spacy(text, ruler.apply(text, ents)):
        found.setdefault(span.text, set()).add(span.label)
    return found


def test_ruler_finds_products_with_their_version():
    text = "Microsoft's Internet Explorer 9 trails Firefox 3.5 and Chrome on Windows XP."
    found = {text[s:e]: label for s, e, label in ruler.find(text)}
    assert found == {
        "Microsoft": "ORG",
        "Internet Explorer 9": "PRODUCT",
        "Firefox 3.5": "PRODUCT",
        "Chrome": "PRODUCT",
        "Windows XP": "PRODUCT",
    }


def test_ruler_leaves_ambiguous_words_and_longer_words_alone():
    text = "Windows were smashed. The Androids and Chromebooks sold; a safari in Kenya."
    assert ruler.find(text) == []


def test_products_the_model_typed_person_or_place_become_other():
    text = "Firefox gained users, but Safari and Windows XP lost them."
    labels = _labels(text, ("Firefox", "PERSON"), ("Safari", "PERSON"), ("Windows XP", "GPE"))
    assert labels == {"Firefox": {"other"}, "Safari": {"other"}, "Windows XP": {"other"}}


def test_a_name_before_a_product_noun_is_a_product():
    text = "Users of the Brave browser and the Signal app, and Zorin operating system fans."
    labels = _labels(text, ("Brave", "PERSON"), ("Signal", "ORG"), ("Zorin", "GPE"))
    assert labels == {"Brave": {"other"}, "Signal": {"other"}, "Zorin": {"other"}}


def test_the_maker_before_a_product_noun_stays_an_organisation():
    text = "Acme's browser, the Google app and Initech Software browser tools."
    labels = _labels(text, ("Acme", "ORG"), ("Google", "ORG"), ("Initech Software", "ORG"))
    assert labels == {"Acme": {"org"}, "Google": {"org"}, "Initech Software": {"org"}}


def test_a_bare_title_the_model_called_a_place_is_a_person():
    text = "He plied the Sheriff's detective with gifts; the Governor declined."
    labels = _labels(text, ("Sheriff", "FAC"), ("Governor", "ORG"))
    assert labels == {"Sheriff": {"person"}, "Governor": {"person"}}


def test_a_name_after_a_vessel_noun_is_a_product():
    text = "She lived on the cruise ship, Freewinds. The tanker Ever Given ran aground."
    labels = _labels(text, ("Freewinds", "ORG"), ("Ever Given", "PERSON"))
    assert labels == {"Freewinds": {"other"}, "Ever Given": {"other"}}


def test_operation_names_are_events():
    text = "Operation Clambake and Operation Desert Storm were named."
    labels = _labels(text, ("Operation Clambake", "ORG"), ("Operation Desert Storm", "GPE"))
    assert labels == {"Operation Clambake": {"event"}, "Operation Desert Storm": {"event"}}
