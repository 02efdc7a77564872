"""The place step: known places the model typed person or organisation become places, unless
something in the text points to a person or an organisation. Model-free: raw spans go
through the post-processing directly."""

from __future__ import annotations

import re

from reader.entities import fallback
from reader.entities.gazetteer import GAZETTEER, NOT_A_CITY, world_places
from reader.entities.postprocess import finish


def _spans(text: str, *wrong: tuple[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, label) for every occurrence of each (surface, label)."""
    out = []
    for surface, label in wrong:
        out += [(m.start(), m.end(), label) for m in re.finditer(re.escape(surface), text)]
    return sorted(out)


def _labels(text: str, *wrong: tuple[str, str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for span in finish(text, _spans(text, *wrong)):
        found.setdefault(span.text, set()).add(span.label)
    return found


def test_world_places_has_countries_states_cities_and_rivers():
    places = world_places()
    assert places["Germany"] == places["Texas"] == places["Africa"] == NOT_A_CITY
    assert places["Rhine"] == NOT_A_CITY  # hand list
    assert 100_000 <= places["Koblenz"] < NOT_A_CITY
    assert places["Herat"] == places["Herāt"]  # accent-folded spelling too
    assert "Smallville" not in places
    assert world_places() is places  # loaded once


def test_rivers_and_city_typed_person_or_org_become_places():
    text = "The town lies along the Rhine and the Moselle, near Koblenz."
    found = _labels(text, ("Rhine", "person"), ("Moselle", "org"), ("Koblenz", "person"))
    assert found == {"Rhine": {"place"}, "Moselle": {"place"}, "Koblenz": {"place"}}


def test_city_needs_a_cue_but_then_all_its_mentions_follow():
    text = "Koblenz was quiet. Officials in Koblenz closed the bridge. Koblenz waits."
    assert _labels(text, ("Koblenz", "person"))["Koblenz"] == {"place"}
    text = "Koblenz was quiet. Koblenz waits."
    assert _labels(text, ("Koblenz", "person"))["Koblenz"] == {"person"}  # no cue: the model


def test_city_followed_by_its_country_is_a_place():
    text = "The festival opens in the spring. Koblenz, Germany hosts it."
    assert _labels(text, ("Koblenz", "org"), ("Germany", "place"))["Koblenz"] == {"place"}


def test_person_cues_keep_the_person():
    text = "Jordan Peterson said the talk went well. Peterson left."
    found = _labels(text, ("Jordan Peterson", "person"), ("Peterson", "person"))
    assert found["Jordan Peterson"] == {"person"}
    # A title in front, "said" after, a first name: the model's person stays.
    text = "Mr Houston thanked the crowd in Texas."
    assert _labels(text, ("Houston", "person"))["Houston"] == {"person"}
    text = "In the hall, Koblenz said he would stay."
    assert _labels(text, ("Koblenz", "person"))["Koblenz"] == {"person"}
    text = "Victoria arrived in London with Florence."
    found = _labels(text, ("Victoria", "person"), ("Florence", "person"))
    assert found == {"Victoria": {"person"}, "Florence": {"person"}}


def test_surname_of_a_person_in_the_article_stays_a_person():
    text = "Valeska Paris left the ship. Later Paris spoke to reporters from Paris."
    found = _labels(text, ("Valeska Paris", "person"), ("Paris", "person"))
    assert found["Paris"] == {"person"}


def test_ambiguous_names_need_a_cue():
    text = "Georgia won the vote. She moved to Georgia in May."
    assert _labels(text, ("Georgia", "person"))["Georgia"] == {"place"}  # "to Georgia"
    text = "Georgia won the vote and thanked her staff."
    assert _labels(text, ("Georgia", "person"))["Georgia"] == {"person"}


def test_clubs_and_organisations_keep_the_org_label():
    text = "Chelsea beat Arsenal 2-0 at home in London."
    assert _labels(text, ("Chelsea", "org"))["Chelsea"] == {"org"}
    text = "A visit to Leeds. Leeds beat Hull on Saturday."
    assert _labels(text, ("Leeds", "org"))["Leeds"] == {"org"}  # the sports verb wins
    text = "Visitors to Moscow spokesman events."  # an organisation cue after the name
    assert _labels(text, ("Moscow", "org"))["Moscow"] == {"org"}


def test_multiword_spans_are_not_changed():
    text = "Texas Instruments said profits rose in Texas."
    found = _labels(text, ("Texas Instruments", "org"))
    assert found["Texas Instruments"] == {"org"}


def test_peoples_are_groups():
    assert GAZETTEER["Rohingya"] == GAZETTEER["Iraqis"] == GAZETTEER["Canadians"] == "group"
    text = "Thousands of Rohingya fled by boat."
    assert _labels(text, ("Rohingya", "org"))["Rohingya"] == {"group"}


def test_fallback_types_world_places():
    found = {s.text: s.label for s in fallback.tag("The ferry to Koblenz was late again.")}
    assert found["Koblenz"] == "place"


def test_countries_typed_person_or_org_are_places_but_teams_keep_org():
    text = "Talks between France and Belgium ended."
    assert _labels(text, ("France", "person"), ("Belgium", "org")) == {
        "France": {"place"},
        "Belgium": {"place"},
    }
    text = "Belgium beat Wales in the final."
    assert _labels(text, ("Belgium", "org"))["Belgium"] == {"org"}


def test_a_name_split_into_two_places_is_one_person():
    text = "Valeska Paris was held on the ship. Paris said she was kept below deck."
    found = _labels(text, ("Valeska", "place"), ("Paris", "place"))
    assert found == {"Valeska Paris": {"person"}, "Paris": {"person"}}
    text = "Flights from London Paris and Rome were cancelled."  # both known places
    assert _labels(text, ("London", "place"), ("Paris", "place"))["Paris"] == {"place"}
