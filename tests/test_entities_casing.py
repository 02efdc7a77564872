"""Headlines recased for the model (reader/entities/casing.py): same length, common words
lowercased by the article's own evidence, lists of names left alone."""

from __future__ import annotations

from reader.entities.casing import model_text

BODY = (
    "The Colts beat the Chiefs on Sunday to clinch a playoff spot, the team said. Lindsay "
    "Lohan checked into rehab again, her lawyer said, and the court was told she would stay "
    "there for ninety days while the judge considers the case."
)


def test_a_title_case_headline_keeps_only_its_names():
    text = "Colts Beat Chiefs To Clinch Playoff Spot\n" + BODY
    out = model_text(text)
    assert len(out) == len(text)
    assert out.split("\n")[0] == "Colts beat Chiefs to clinch playoff spot"
    assert out.split("\n")[1:] == text.split("\n")[1:]  # the body is untouched


def test_a_headline_in_capitals_takes_the_case_of_the_body():
    text = "LINDSAY LOHAN CHECKS INTO REHAB IN MALIBU\n" + BODY
    first = model_text(text).split("\n")[0]
    assert first.startswith("Lindsay Lohan ")
    assert " into rehab in " in first


def test_ordinary_text_and_lists_of_names_are_left_alone():
    assert model_text(BODY) == BODY
    listing = "June 20 – Raleigh, NC @ Coastal Credit Union Music Park at Walnut Creek\n" + BODY
    assert model_text(listing) == listing  # no function word in capitals: not a headline
