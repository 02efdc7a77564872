"""Spans the model cut wrong, joined or split.

Two names the model ran into one span across a possessive: "Vietnam's Communist Party",
"Tufts University's Feinstein International Center". The span is the thing after the
possessive (it keeps the model's label); the owner in front becomes a name of its own. A
one-word owner must be a known place, initials or a name found alone in the article, so that
names built on a possessive stay whole ("Martha's Vineyard", "People's Liberation Army").

A photo credit is a photographer and an agency ("Benoit Tessier/Reuters"); a person's name
the model cut after a title or at a middle initial is made whole ("Constable Tim Fanning",
"Silvia S. Martins").
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


#: Agencies and picture desks that end a photo credit ("Name/Getty Images").
_PICTURE_DESKS = frozenset(
    """Reuters AP AFP EPA Getty Bloomberg Shutterstock Alamy PA Xinhua ANP DPA dpa CNET""".split()
) | {"Getty Images", "Agence France-Presse", "Associated Press", "AFP/Getty Images"}
_INITIAL_END = re.compile(r"[ \t][A-Z]$")
_SURNAME_AFTER = re.compile(r"\.[ \t]([A-Z][a-z][\w'’-]*)")


def credits_and_people(text: str, spans: list[list]) -> list[list]:
    """Split photo credits at "/" (a person, then an organisation); extend a person's name
    over a common given name in front of it; join a name cut at a middle initial."""
    out: list[list] = []
    for span in spans:
        s, e, label = span
        slash = text.find("/", s, e)
        if slash > s:
            left, right = text[s:slash].strip(), text[slash + 1 : e].strip()
            if right in _PICTURE_DESKS and left[:1].isupper():
                out.append([s, s + len(text[s:slash].rstrip()), "person" if " " in left else label])
                out.append([e - len(right), e, "org"])
                continue
        if label == "person":
            m = re.search(r"(?<![\w.-])([A-Z][a-z]+)[ \t]+$", text[max(0, s - 20) : s])
            if m and m.group(1) in FIRST_NAMES and not (out and out[-1][1] > s - len(m.group(0))):
                s = s - len(m.group(0))  # "Constable Tim Fanning": the model kept "Fanning"
            if _INITIAL_END.search(text, s, e) and re.match(r"[A-Z][a-z]", text[s : s + 2]):
                # "Silvia S" ". Martins" (not "D. A" ". Will")
                after = _SURNAME_AFTER.match(text, e)
                if after:
                    e = after.end()
        if out and out[-1][1] > s:
            continue  # the name was run into the one before
        out.append([s, e, label])
    return out
