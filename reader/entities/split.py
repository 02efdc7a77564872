"""Two names the model ran into one span across a possessive: "Vietnam's Communist Party",
"Tufts University's Feinstein International Center". The span is the thing after the
possessive (it keeps the model's label); the owner in front becomes a name of its own. A
one-word owner must be a known place, initials or a name found alone in the article, so that
names built on a possessive stay whole ("Martha's Vineyard", "People's Liberation Army").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reader.entities.gazetteer import world_places
from reader.entities.people import not_a_name
from reader.entities.words import FIRST_NAMES

_INNER_POSSESSIVE = re.compile(r"(?:'s|’s)[ \t]+(?=[A-Z])")


def split_possessives(
    text: str, spans: list[list], label_of: Callable[[str, str], str]
) -> list[list]:
    """Split spans at an inner possessive followed by a capitalised word. ``label_of(surface,
    default)`` types the owner from its own words ("University" -> org); by default a known
    place is a place, a given name and a surname a person, anything else an organisation."""
    out: list[list] = []
    places = world_places()
    alone = {text[s:e] for s, e, _ in spans}
    for span in spans:
        s, e, label = span
        m = _INNER_POSSESSIVE.search(text, s, e)
        owner = text[s : m.start()] if m else ""  # not "Magistrates' Court": one name
        words = owner.split()
        if not m or not words or not all(w[:1].isupper() for w in words):
            out.append(span)
            continue
        if len(words) == 1 and not (owner in places or owner in alone or owner.isupper()):
            out.append(span)  # "Martha's Vineyard", "People's Daily": one name
            continue
        if owner in places:
            default = "place"
        elif words[0] in FIRST_NAMES and len(words) >= 2:
            default = "person"
        else:
            default = "org"
        out.append([s, s + len(owner), label_of(owner, default)])
        if not not_a_name(text, m.end(), e):  # "Trump's Oct. 11 call"
            out.append([m.end(), e, label])
    return out
