"""The parts that work without the model: fallback tagger, post-processing, canonical keys."""

from __future__ import annotations

from reader.entities import canonical, fallback, postprocess
from reader.models import ENTITY_LABELS
from tests.test_entities_support import fallback_backend  # noqa: F401  (fixture)


def test_fallback_finds_and_types_names():
    text = (
        "Vladimir Putin met officials from the United Nations in Moscow, AP reported.\n\n"
        "President Zelensky and Mr. Johnson spoke. The Bank of England and Acme Inc. "
        "agreed. Russian troops crossed the Dnieper River."
    )
    found = {s.text: s for s in fallback.tag(text)}
    assert found["Vladimir Putin"].label == "person"
    assert found["United Nations"].label == "org"
    assert found["Moscow"].label == "place"
    assert found["AP"].key == "org:associated press"
    assert found["Zelensky"].label == "person"  # after a title
    assert found["Johnson"].label == "person"
    assert found["Bank of England"].label == "org"
    assert found["Acme Inc."].label == "org"
    assert found["Russian"].label == "group"
    assert found["Dnieper River"].label == "place"
    assert "The" not in found and "President" not in found
    for s in found.values():
        assert text[s.start : s.end] == s.text
        assert s.label in ENTITY_LABELS


def test_fallback_skips_sentence_starts_months_and_numbers():
    text = "In March, the 2024 budget rose. However, This is fine. On Monday it rained."
    assert fallback.tag(text) == []


def test_fallback_unknown_names_are_other():
    spans = fallback.tag("They visited Zorblax Quentaria yesterday.")
    assert [(s.text, s.label, s.key) for s in spans] == [
        ("Zorblax Quentaria", "other", "other:zorblax quentaria")
    ]


def test_fallback_backend_same_shape(fallback_backend):  # noqa: F811
    assert fallback_backend.backend() == "fallback"
    assert fallback_backend.version() == fallback_backend.FALLBACK_VERSION
    assert "READER_NER" in (fallback_backend.problem() or "")
    spans = fallback_backend.tag_many(["Angela Merkel visited Berlin.", ""])
    assert [s.text for s in spans[0]] == ["Angela Merkel", "Berlin"]
    assert spans[1] == []


def test_cut_lines_and_trim():
    text = 'Headline Here\nJohn Smith said "the U.S.\'s" plan'
    assert postprocess.cut_lines(text, 0, 24) == [(0, 13), (14, 24)]
    start = text.index('"')
    s, e = postprocess.trim(text, start, len(text) - 5)
    assert text[s:e] == "U.S."


def test_finish_cuts_at_line_breaks_and_drops_lowercase():
    text = "World News\nAngela Merkel spoke about the economy."
    economy = text.index("economy")
    spans = postprocess.finish(text, [(0, 24, "person"), (economy, economy + 7, "org")])
    assert [(s.text, s.label) for s in spans] == [
        ("World News", "org"),
        ("Angela Merkel", "person"),
    ]


def test_alias_step_surname_and_majority_label():
    text = "Maria Lopez won. Lopez thanked Acme. Acme was pleased, Acme said."
    raw = [
        (0, 11, "person"),
        (17, 22, "place"),  # bare surname mistyped: takes the full name's label and entity
        (31, 35, "org"),
        (37, 41, "org"),
        (55, 59, "place"),  # minority label for the same surface
    ]
    spans = postprocess.finish(text, raw)
    lopez = [s for s in spans if s.text == "Lopez"][0]
    assert (lopez.label, lopez.key, lopez.name) == ("person", "person:maria lopez", "Maria Lopez")
    assert {s.label for s in spans if s.text == "Acme"} == {"org"}


def test_propagation_tags_missed_occurrences():
    text = "Rafael Montalvo was arrested. Police said Montalvo had a knife."
    spans = postprocess.finish(text, [(0, 15, "person")])
    assert [(s.text, s.key) for s in spans] == [
        ("Rafael Montalvo", "person:rafael montalvo"),
        ("Montalvo", "person:rafael montalvo"),
    ]


def test_furniture_and_common_words_are_dropped():
    text = "Image: a photo. Writing in the paper, writing is hard."
    assert postprocess.finish(text, [(0, 5, "person"), (16, 23, "person")]) == []


def test_canonical_keys():
    assert canonical.canonical("U.S.", "org") == ("place:united states", "United States", "place")
    assert canonical.canonical("USA", "place")[0] == "place:united states"
    assert canonical.canonical("the United Kingdom's", "place")[0] == "place:united kingdom"
    assert canonical.canonical("President Joe Biden", "person") == (
        "person:joe biden",
        "Joe Biden",
        "person",
    )
    assert canonical.canonical("Mr. Smith", "person")[1] == "Smith"
    assert canonical.canonical("Acme Inc.", "org")[1] == "Acme Inc."
    assert canonical.make_key("person", "Vladimir  Putin") == "person:vladimir putin"


def test_cue_labels():
    assert postprocess.cue_label("Labour Party", "person") == "org"
    assert postprocess.cue_label("Hudson River", "org") == "place"
    assert postprocess.cue_label("Dean Kamen", "org") == "person"
    assert postprocess.cue_label("Windows 11", "place") == "other"
    # Countries typed person or org are the place step's (test_entities_places.py).
    assert postprocess.cue_label("France", "person") == "person"
    assert postprocess.cue_label("Israel", "group") == "place"
    assert postprocess.cue_label("Rohingya", "org") == "group"


def test_acronym_defined_in_parentheses_is_the_same_entity():
    text = "The Free Syrian Army (FSA) fought. Later the FSA withdrew."
    fsa = text.index("Free")
    spans = postprocess.finish(text, [(fsa, fsa + 16, "org"), (text.index("FSA"), 25, "place")])
    assert [(s.text, s.label, s.key) for s in spans] == [
        ("Free Syrian Army", "org", "org:free syrian army"),
        ("FSA", "org", "org:free syrian army"),
        ("FSA", "org", "org:free syrian army"),
    ]
