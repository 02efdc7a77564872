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
    assert out[:41] == "Colts beat Chiefs to clinch playoff spot."  # a full stop for "\n"
    assert out[41:] == text[41:]  # the body is untouched


def test_a_headline_in_capitals_takes_the_case_of_the_body():
    text = "LINDSAY LOHAN CHECKS INTO REHAB IN MALIBU\n" + BODY
    first = model_text(text).split("\n")[0]
    assert first.startswith("Lindsay Lohan ")
    assert " into rehab in " in first


def test_ordinary_text_and_lists_of_names_are_left_alone():
    assert model_text(BODY) == BODY
    line = "June 20 – Raleigh, NC @ Coastal Credit Union Music Park at Walnut Creek"
    # no function word in capitals: not a headline, so not recased
    assert model_text(line + "\n" + BODY)[: len(line)] == line


def test_a_break_after_an_unpunctuated_line_becomes_a_full_stop():
    text = "Manning picks apart Jaguars\n\nPeyton Manning was nearly perfect.\n\nDone."
    out = model_text(text)
    assert len(out) == len(text)
    assert out.startswith("Manning picks apart Jaguars.\nPeyton Manning")
    assert out.endswith("perfect.\n\nDone.")  # punctuated lines keep their breaks


def test_short_labels_and_unsplittable_breaks_keep_their_line_breaks():
    text = "Story Timeline\n\nThe car went on sale.\nWHO SAID IT\nNobody knows who said it"
    assert model_text(text) == text
