"""Class nouns around a name type it (appositions, definitions) and its other mentions follow.
Model-free: raw spans with the model's typical wrong labels go through the post-processing."""

from __future__ import annotations

import re

import pytest

from reader.entities.cues import class_of
from reader.entities.postprocess import finish


def _labels(text: str, *wrong: tuple[str, str]) -> dict[str, set[str]]:
    spans = []
    for surface, label in wrong:
        spans += [(m.start(), m.end(), label) for m in re.finditer(re.escape(surface), text)]
    found: dict[str, set[str]] = {}
    for span in finish(text, sorted(spans)):
        found.setdefault(span.text, set()).add(span.label)
    return found


def _cue(text: str, name: str) -> str | None:
    start = text.index(name)
    return class_of(text, start, start + len(name))


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Ubisoft, a video game company, said", "Ubisoft", "org"),
        ("Nirvana was an American rock band from Seattle.", "Nirvana", "org"),
        ("Titanic (1997) is a film directed by James Cameron.", "Titanic", "work"),
        ("Smith, 45, a singer, said", "Smith", "person"),
        ("Acme, Britain's biggest bank, fell.", "Acme", "org"),
        ("the band Nirvana played", "Nirvana", "org"),
        ("her graphic novel Angel Catbird, with", "Angel Catbird", "work"),
        ("in the town of Koblenz on", "Koblenz", "place"),
        ("a group called the Sea Org.", "Sea Org", "org"),
        ("Jordan, a 25-year-old player from Leeds", "Jordan", "person"),
    ],
)
def test_class_nouns_type_the_name(text: str, name: str, label: str):
    assert _cue(text, name) == label


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Paris, and the city of London", "Paris"),  # a list, not an apposition
        ("Smith, who founded the company in 1990", "Smith"),
        ("Kerry, contacted the foreign minister.", "Kerry"),  # a clause: no article
        ("Google, Apple and Microsoft", "Google"),
        ("the son of Smith", "Smith"),  # "of" only after place nouns
        ("the state Bavaria", "Bavaria"),  # "state" only as "the state of"
    ],
)
def test_no_cue(text: str, name: str):
    assert _cue(text, name) is None


def test_the_cue_types_every_mention_of_the_name():
    text = (
        "Ubisoft, a video game company, showed its games. Later Ubisoft said it was pleased.\n"
        "Ubisoft will return next year."
    )
    assert _labels(text, ("Ubisoft", "place")) == {"Ubisoft": {"org"}}


def test_nationalities_and_aliases_keep_their_label():
    text = "The US, the world's largest economy, and Americans, a people of many origins."
    found = _labels(text, ("US", "place"), ("Americans", "group"))
    assert found == {"US": {"place"}, "Americans": {"group"}}


def test_a_longer_name_around_a_known_organisation_is_kept_whole():
    from reader.entities import ruler

    text = "the US National Security Council met; Google Maps; the Amazon River"
    council = text.index("US National")
    maps = text.index("Google Maps")
    river = text.index("Amazon River")
    model = [
        (council, council + len("US National Security Council"), "ORG"),
        (maps, maps + len("Google Maps"), "GPE"),
        (river, river + len("Amazon River"), "LOC"),
    ]
    got = {text[s:e]: label for s, e, label in ruler.apply(text, model)}
    assert got == {"US National Security Council": "ORG", "Google": "ORG", "Amazon River": "LOC"}


def test_an_undefined_acronym_takes_the_label_of_the_name_it_abbreviates():
    text = "The National Health Service is short of nurses. The NHS said it would hire more."
    found = _labels(text, ("National Health Service", "org"), ("NHS", "place"))
    assert found == {"National Health Service": {"org"}, "NHS": {"org"}}
    text = "Internet Explorer 9 is out. IE still leads; Internet Explorer 8 is older."
    found = _labels(
        text, ("Internet Explorer 9", "other"), ("Internet Explorer 8", "other"), ("IE", "org")
    )
    assert found["IE"] == {"other"}


def test_time_zones_post_nominals_and_capitalised_headings_are_not_names():
    text = (
        "Election Results\nAs of 15:11 GMT the prosecutor, Mark Tedeschi, QC, spoke.\n"
        "The election results were late. Bill Gates spoke too."
    )
    found = _labels(
        text,
        ("Election Results", "person"),
        ("GMT", "org"),
        ("Mark Tedeschi", "person"),
        ("QC", "place"),
        ("Bill Gates", "person"),
    )
    assert found == {"Mark Tedeschi": {"person"}, "Bill Gates": {"person"}}
    assert _labels("Columbia, SC is hot.", ("SC", "place")) == {"SC": {"place"}}
    assert _labels("he tweeted from @POTUS today", ("@POTUS", "org")) == {}


def test_last_words_type_teams_laws_and_awards():
    text = "Manchester United won the Nobel Prize under the Patriot Act and the Geneva Convention."
    found = _labels(
        text,
        ("Manchester United", "place"),
        ("Nobel Prize", "work"),
        ("Patriot Act", "org"),
        ("Geneva Convention", "place"),
    )
    assert found == {
        "Manchester United": {"org"},
        "Nobel Prize": {"other"},
        "Patriot Act": {"work"},
        "Geneva Convention": {"work"},
    }
    assert _labels("the Treaty of Versailles", ("Treaty of Versailles", "place")) == {
        "Treaty of Versailles": {"work"}
    }


def test_a_name_after_a_title_is_kept_even_when_it_is_a_common_word():
    text = "Later Mrs May met Mr Brown in May."
    found = _labels(text, ("Mrs May", "person"), ("Mr Brown", "person"))
    assert found == {"May": {"person"}, "Brown": {"person"}}


def test_a_longer_name_around_a_known_product_is_a_product():
    from reader.entities import ruler

    text = "PlayStation VR and the Firefox Foundation"
    model = [(0, 14, "PRODUCT"), (19, 41, "ORG")]
    got = {text[s:e]: label for s, e, label in ruler.apply(text, model)}
    assert got == {"PlayStation VR": "PRODUCT", "the Firefox Foundation": "ORG"}


def test_names_the_model_missed_are_found_by_their_last_word():
    text = (
        "Breaking News From The World\n"
        "The Deseret News observed that the team won in the FIRST Global Challenge Robot Olympics."
    )
    found = _labels(text)
    assert found == {
        "Deseret News": {"org"},
        "FIRST Global Challenge Robot Olympics": {"event"},
    }


def test_the_head_word_of_an_organisation_stands_for_it():
    text = (
        "She left the Church of Scientology in 2009. The Church denied it.\n"
        "The Legislative Council and the District Council met; the Council voted."
    )
    spans = finish(
        text,
        [
            (text.index("Church of"), text.index("Church of") + 22, "org"),
            (text.index("Legislative"), text.index("Legislative") + 19, "org"),
            (text.index("District"), text.index("District") + 16, "org"),
        ],
    )
    church = [s for s in spans if s.text == "Church"]
    assert len(church) == 1 and church[0].key == "org:church of scientology"
    assert not [s for s in spans if s.text == "Council"]  # two councils: which one?


def test_a_span_run_over_two_names_is_split():
    text = "Mark Rathbun wrote a blog. According to Rathbun the Scientology property was sent."
    found = _labels(text, ("Mark Rathbun", "person"), ("Rathbun the Scientology", "org"))
    assert found["Rathbun"] == {"person"} and "Scientology" in found
    text = "Freewinds sailed. The ship Freewinds in Bonaire, and Alexander the Great"
    joined = text.index("Freewinds in")
    great = text.index("Alexander")
    spans = [(0, 9, "other"), (joined, joined + 20, "work"), (great, great + 19, "person")]
    found = {(s.text, s.label) for s in finish(text, spans)}
    assert found == {
        ("Freewinds", "other"),
        ("Bonaire", "place"),
        ("Alexander the Great", "person"),
    }


def test_an_event_word_followed_by_a_place_or_a_year_is_an_event():
    text = "at Fan Expo Canada and Expo 2020 Dubai, said the Conference Board of Canada"
    found = _labels(
        text,
        ("Fan Expo Canada", "org"),
        ("Expo 2020 Dubai", "org"),
        ("Conference Board of Canada", "org"),
    )
    assert found == {
        "Fan Expo Canada": {"event"},
        "Expo 2020 Dubai": {"event"},
        "Conference Board of Canada": {"org"},
    }


def test_names_right_after_a_class_noun_are_found_whole():
    text = "It rose in the company Hitwise UK's list, said the team Cloud9 on Monday."
    found = _labels(text, ("UK", "place"))
    assert found == {"Hitwise UK": {"org"}, "Cloud9": {"org"}}
    # a name the model found longer stays one name
    text = "the band Arctic Monkeys Live Tour"
    found = _labels(text, ("Arctic Monkeys Live Tour", "event"))
    assert list(found) == ["Arctic Monkeys Live Tour"]
    assert _labels("the company Monday said") == {}


def test_hashtags_with_a_capital_are_names():
    from reader.entities import ruler

    text = "The hashtag #IStandWithAhmed, then #MeToo; the #2 browser and #tbt."
    assert [(text[s:e], label) for s, e, label in ruler.find(text)] == [
        ("#IStandWithAhmed", "HASHTAG"),
        ("#MeToo", "HASHTAG"),
    ]
    start = text.index("#I")
    spans = finish(text, [(start, start + 16, "other")])
    assert [(s.text, s.label, s.key) for s in spans] == [
        ("#IStandWithAhmed", "other", "other:#istandwithahmed")
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("polls show Labour ahead", "Labour"),
        ("he would coach Chelsea next year", "Chelsea"),
        ("told the court Mr Smith lied", "Smith"),
    ],
)
def test_class_nouns_that_are_verbs_do_not_type_the_name(text: str, name: str):
    assert _cue(text, name) is None
    assert _labels(text, (name, "org" if name != "Smith" else "person"))[name] != {"work"}


def test_spans_are_cut_before_an_unclosed_parenthesis_and_a_score():
    from reader.entities.postprocess import trim

    text = "The World Health Organization (WHO) said; Chelsea 2-1 Arsenal; Apollo 11"
    assert text[slice(*trim(text, 4, 34))] == "World Health Organization"
    start = text.index("Chelsea")
    assert text[slice(*trim(text, start, start + 11))] == "Chelsea"
    start = text.index("Apollo")
    assert text[slice(*trim(text, start, start + 9))] == "Apollo 11"
    start = text.index("World")
    assert text[slice(*trim(text, start, start + 31))] == "World Health Organization"


def test_a_name_inside_a_prefixed_adjective_is_not_a_name():
    text = "Other pro-Beijing and anti-American candidates met the Pan-African Parliament."
    found = _labels(
        text, ("Beijing", "place"), ("American", "group"), ("African Parliament", "org")
    )
    assert found == {"African Parliament": {"org"}}


def test_a_known_place_with_a_title_after_it_is_the_place():
    text = "a detective for the Los Angeles Sheriff's office; the Acme Governor board"
    found = _labels(text, ("Los Angeles Sheriff", "org"), ("Acme Governor", "org"))
    assert found == {"Los Angeles": {"place"}, "Acme Governor": {"org"}}


def test_a_longer_name_found_elsewhere_replaces_its_parts():
    text = "He was at the Google Science Fair. Google invited him to their Google Science Fair."
    first = text.index("Google Science Fair")
    second = text.rindex("Google")
    google = text.index("Google invited")
    spans = finish(
        text,
        [
            (first, first + 19, "event"),
            (google, google + 6, "org"),
            (second, second + 6, "org"),
        ],
    )
    assert [(s.text, s.label) for s in spans] == [
        ("Google Science Fair", "event"),
        ("Google", "org"),
        ("Google Science Fair", "event"),
    ]


def test_a_direction_or_a_resort_of_a_name_is_a_place():
    from reader.entities.cues import class_of

    text = "The quake struck 14 miles northeast of Healdsburg, near the resort of Cannes."
    for name in ("Healdsburg", "Cannes"):
        start = text.index(name)
        assert class_of(text, start, start + len(name)) == "place"
    text = "It sits north of the river. North Korea fired."
    start = text.index("North Korea")
    assert class_of(text, start, start + len("North Korea")) is None
