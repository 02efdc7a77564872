"""Entity recognition with the spaCy model: names, places, agencies, aliases, line breaks.

Every test here needs the model and is skipped (with the reason) without it.
"""

from __future__ import annotations

import threading

from reader.models import ENTITY_LABELS
from tests.test_entities_support import spacy_backend  # noqa: F401  (fixture)


def _pairs(backend, text):
    """(text, label) of every entity ``backend`` finds in ``text``."""
    return {(s.text, s.label) for s in backend.tag(text)}


def _labels(backend, text, surface):
    """The labels ``backend`` gives the mentions written ``surface`` in ``text``."""
    return {s.label for s in backend.tag(text) if s.text == surface}


def _by_text(spans):
    return {s.text: s for s in spans}


def test_people_places_and_offsets(spacy_backend):  # noqa: F811
    text = "Vladimir Putin met Emmanuel Macron in Moscow on Tuesday to discuss Ukraine."
    spans = spacy_backend.tag(text)
    found = _by_text(spans)
    assert found["Vladimir Putin"].label == "person"
    assert found["Emmanuel Macron"].label == "person"
    assert found["Moscow"].label == "place"
    assert found["Ukraine"].label == "place"
    for s in spans:
        assert text[s.start : s.end] == s.text
        assert s.label in ENTITY_LABELS
    assert "Tuesday" not in found  # dates are not entities


def test_numbers_dates_and_money_are_not_returned(spacy_backend):  # noqa: F811
    text = "The company paid $5 million on 3 March 2024 for 40 percent of 200 shares."
    assert spacy_backend.tag(text) == []


def test_surname_after_full_name_is_the_same_person(spacy_backend):  # noqa: F811
    text = (
        "Vladimir Putin spoke in the Kremlin on Monday.\n\n"
        "Putin said talks would continue. Later, Putin left."
    )
    spans = [s for s in spacy_backend.tag(text) if s.text == "Putin"]
    assert len(spans) == 2
    assert {(s.label, s.key, s.name) for s in spans} == {
        ("person", "person:vladimir putin", "Vladimir Putin")
    }


def test_us_spellings_are_one_place(spacy_backend):  # noqa: F811
    text = (
        "The US said on Friday it would act. U.S. officials agreed.\n\n"
        "The United States has sent aid."
    )
    keys = {s.text: s.key for s in spacy_backend.tag(text)}
    assert keys["US"] == keys["U.S."] == keys["United States"] == "place:united states"


def test_wire_agencies_and_bodies(spacy_backend):  # noqa: F811
    text = (
        "Officials told AP and AFP that Hamas and al-Qaeda were discussed, Reuters and "
        "dpa reported. NATO and the UN issued statements."
    )
    found = _by_text(spacy_backend.tag(text))
    for name in ("AP", "AFP", "Hamas", "al-Qaeda", "Reuters", "NATO", "UN"):
        assert found[name].label == "org", name
    assert found["AP"].key == "org:associated press"
    assert found["UN"].name == "United Nations"


def test_spans_never_cross_line_breaks(spacy_backend):  # noqa: F811
    text = "Breaking News From London\nJohn Smith\n\nParis Hilton attended the Paris show."
    for s in spacy_backend.tag(text):
        assert "\n" not in s.text
        assert s.text == s.text.strip()


def test_one_surface_one_label(spacy_backend):  # noqa: F811
    text = (
        "Jordan Peterson spoke first. Peterson said he was pleased.\n\n"
        "Later Peterson met reporters, and Peterson left."
    )
    labels = _labels(spacy_backend, text, "Peterson")
    assert labels == {"person"}


def test_tag_many_matches_tag(spacy_backend):  # noqa: F811
    texts = ["Angela Merkel visited Paris.", "", "Apple opened a store in Tokyo.\n\nTim Cook"]
    assert spacy_backend.tag_many(texts) == [spacy_backend.tag(t) for t in texts]


def test_long_text_is_chunked_with_correct_offsets(spacy_backend, monkeypatch):  # noqa: F811
    monkeypatch.setattr(spacy_backend, "CHUNK_CHARS", 200)
    para = "Angela Merkel met officials in Berlin on Monday to talk about trade."
    text = "\n\n".join([para] * 12)
    spans = spacy_backend.tag(text)
    merkel = [s for s in spans if s.text == "Angela Merkel"]
    assert len(merkel) == 12
    for s in spans:
        assert text[s.start : s.end] == s.text


def test_loading_is_once_and_thread_safe(spacy_backend):  # noqa: F811
    results = []

    def work() -> None:
        results.append(spacy_backend.tag("Barack Obama lives in Washington."))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4 and all(r == results[0] for r in results)
    assert spacy_backend.version() == spacy_backend.ANALYSIS_VERSION
    assert spacy_backend.FALLBACK_VERSION < spacy_backend.ANALYSIS_VERSION


def test_only_ner_components_are_loaded(spacy_backend):  # noqa: F811
    names = spacy_backend._nlp.pipe_names
    assert "ner" in names
    for excluded in ("parser", "tagger", "lemmatizer", "attribute_ruler", "senter"):
        assert excluded not in names


def test_a_name_after_an_unpunctuated_headline_is_not_run_into_it(spacy_backend):  # noqa: F811
    text = (
        "Manning picks apart Jaguars\n\nPeyton Manning was nearly perfect, exactly what the "
        "Indianapolis Colts needed."
    )
    found = _pairs(spacy_backend, text)
    assert ("Peyton Manning", "person") in found


def test_abbreviated_dates_are_not_names(spacy_backend):  # noqa: F811
    for text in (
        "Senate passes the spending bill late at night\nMar 4, 2009\nIn a move that surprised.",
        "Comedian picked to host the awards show\nFri Aug 2, 2013 6:50pm EDT\nShe said yes.",
    ):
        assert not [s for s in spacy_backend.tag(text) if s.text[:3] in ("Mar", "Fri")], text


def test_names_side_by_side_at_a_spaced_slash_are_two(spacy_backend):  # noqa: F811
    text = "Barack Obama spoke.\nImage: Twitter / Barack Obama.\nHe left."
    spans = [s.text for s in spacy_backend.tag(text)]
    assert "Twitter / Barack Obama" not in spans


def test_a_name_written_once_in_lowercase_stays_a_name(spacy_backend):  # noqa: F811
    text = (
        "The browser is made by Mozilla. Engineers at Mozilla said the release is ready. "
        "Users of Mozilla products can update now, and partners of Mozilla agreed. "
        'A post on the mozilla blog said so. "We are proud," said a Mozilla engineer.'
    )
    assert "Mozilla" in [s.text for s in spacy_backend.tag(text)]


def test_party_members_families_and_public_bodies(spacy_backend):  # noqa: F811
    text = (
        "Virginia Democrats won both chambers. Democrats were right to celebrate. House "
        "investigations into the Bidens continued as Joe Biden campaigned. The Congressional "
        "Budget Office estimates the cost."
    )
    found = _pairs(spacy_backend, text)
    assert ("Virginia Democrats", "group") in found
    assert ("Democrats", "group") in found
    assert ("Bidens", "person") in found
    assert ("Congressional Budget Office", "org") in found  # "The" is no part of it


def test_tour_dates_split_at_the_venue(spacy_backend):  # noqa: F811
    text = "Tour dates: October 9 – Irving, TX @ Toyota Music Factory\nOctober 10 – Austin, TX"
    found = _pairs(spacy_backend, text)
    assert ("TX", "place") in found
    assert ("Austin", "place") in found
    assert not [t for t, _ in found if "@" in t]


def test_singular_team_nicknames(spacy_backend):  # noqa: F811
    text = (
        "The Thunder barely missed an upset win over the Clippers on Tuesday. Coach Billy "
        "Donovan said the season is long and the playoffs matter; the Thunder scored nine "
        "straight points in overtime."
    )
    labels = _labels(spacy_backend, text, "Thunder")
    assert labels == {"org"}


def test_product_names_keep_their_model_words(spacy_backend):  # noqa: F811
    text = "I use the Logitech MX Master 3 mouse with my iPhone 11 Pro Max and an Xbox One S."
    found = _pairs(spacy_backend, text)
    assert {("MX Master 3", "other"), ("iPhone 11 Pro Max", "other")} <= found
    assert ("Xbox One S", "other") in found


def test_no_names_in_program_code(spacy_backend):  # noqa: F811
    text = (
        "Here is how we find the slow requests in PostgreSQL.\n\n"
        "SELECT status_code, AVG(entries) AS mean_entries FROM server_log WHERE x = 1;\n"
        "SELECT\n\nThe query runs in a second. API users should read the docs; the API is "
        "simple."
    )
    texts = {s.text for s in spacy_backend.tag(text)}
    assert not texts & {"SELECT", "API", "AVG", "WHERE"}


def test_well_known_works(spacy_backend):  # noqa: F811
    text = (
        "Peter Capaldi is to be the new star of Doctor Who. He loved Star Wars and plays "
        "Minecraft and Call of Duty."
    )
    found = _pairs(spacy_backend, text)
    assert {("Doctor Who", "work"), ("Minecraft", "work"), ("Call of Duty", "work")} <= found


def test_famous_surnames_countries_and_producers(spacy_backend):  # noqa: F811
    text = (
        "Scott Rudin, a film producer, said no. Apple, a giant industrial producer, agreed. "
        "Iran, the world's fourth-largest oil producer, said so. Far from tormenting Trump, "
        "the hearings helped Trump."
    )
    found = _pairs(spacy_backend, text)
    assert {("Scott Rudin", "person"), ("Apple", "org"), ("Iran", "place")} <= found
    assert {label for t, label in found if t == "Trump"} == {"person"}


def test_a_known_company_named_like_a_city_stays_a_company(spacy_backend):  # noqa: F811
    text = (
        "Toyota is rolling out a plug-in version of the RAV4 at the auto show. The car gets "
        "94 miles per gallon, according to Toyota."
    )
    labels = _labels(spacy_backend, text, "Toyota")
    assert labels == {"org"}


def test_spans_are_never_empty_and_always_match_the_text(spacy_backend):  # noqa: F811
    texts = [
        "Says\n\nBuys SeaMicro. Describing\n\nKneeling before a tree, she smiled.",
        "AMD Buys SeaMicro\n\nFanning said so. Having Jackman host fits.",
        "var x = f(y);\nSELECT a FROM b;\nThe API is simple. GET /x HTTP/1.1",
        "Fri Aug 2, 2013\nMar 4, 2009\nThe The The\n\n\n@ / @ / Buy Now",
    ]
    for text, spans in zip(texts, spacy_backend.tag_many(texts), strict=True):
        for s in spans:
            assert s.text.strip() and text[s.start : s.end] == s.text, (text, s)


def test_programming_languages_in_a_text_about_programming(spacy_backend):  # noqa: F811
    code = (
        "Developers love Ruby. The JVM runs Java fast, and the Python interpreter is slow, "
        "said the programmer."
    )
    labels = {s.text: s.label for s in spacy_backend.tag(code)}
    assert labels.get("Java") == "other" and labels.get("Python") == "other"
    island = "An earthquake struck Java, Indonesia's most populous island, on Tuesday."
    assert ("Java", "place") in _pairs(spacy_backend, island)


def test_city_abbreviations_are_places(spacy_backend):  # noqa: F811
    found = _pairs(spacy_backend, "I moved to NYC last year. NYC is expensive, and so is D.C.")
    assert ("NYC", "place") in found


def test_a_place_run_into_a_person_after_it_is_split(spacy_backend):  # noqa: F811
    found = _pairs(spacy_backend, "Former envoy to Ukraine Kurt Volker testified. Volker said so.")
    assert {("Ukraine", "place"), ("Kurt Volker", "person"), ("Volker", "person")} <= found


def test_well_known_events(spacy_backend):  # noqa: F811
    text = (
        "Those expecting that Donald Trump's first State of the Union address would be "
        "remarkable were wrong. Brexit talks resume after the Super Bowl."
    )
    found = _pairs(spacy_backend, text)
    assert {("State of the Union", "event"), ("Brexit", "event")} <= found
