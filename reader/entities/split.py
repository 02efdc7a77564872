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

from reader.entities.gazetteer import GAZETTEER, world_places
from reader.entities.people import not_a_name
from reader.entities.ruler import is_known_org
from reader.entities.words import FIRST_NAMES, TYPING_LAST, surname

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
    """Split photo credits at "/" (a person, then an organisation) and names side by side
    at " / " or " @ "; extend a person's name
    over a common given name in front of it; join a name cut at a middle initial."""
    out: list[list] = []
    for span in spans:
        s, e, label = span
        if " / " in text[s:e] or " @ " in text[s:e]:
            # two names side by side ("Twitter / Barack Obama", "TX @ Toyota Music
            # Factory"): the typing steps after this one type each part on its own
            for m in re.finditer(r"[^/@]+", text[s:e]):
                part = m.group().strip()
                if part:
                    at = s + m.start() + m.group().index(part)
                    out.append([at, at + len(part), label])
            continue
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


_INNER_WORD = re.compile(r"[ \t]+(?:the|in|on|at|from|to|by|with|after|before)[ \t]+")


def split_joined_names(text: str, spans: list[list]) -> list[list]:
    """Split a span the model ran over two names ("According to Rathbun the Scientology
    property", "Scientology on French television") at the small word between them, when
    either side is a name found on its own elsewhere in the article. Names built with such
    words ("Council on Foreign Relations", "Alexander the Great", "Rhein in Flammen") stay
    whole: their parts are not names of their own in the article."""
    if not any(_INNER_WORD.search(text, s, e) for s, e, _ in spans):
        return spans
    alone = {text[s:e] for s, e, _ in spans}
    for s, e, label in spans:
        words = text[s:e].split()
        if label == "person" and len(words) >= 2 and not _INNER_WORD.search(text, s, e):
            alone.add(surname(words))  # "Rathbun" after "Mark Rathbun"
    out: list[list] = []
    for span in spans:
        s, e, label = span
        m = _INNER_WORD.search(text, s, e)
        if m:
            left, right = text[s : m.start()], text[m.end() : e]
            if (
                m.group().split()[0] in ("to", "from")
                and label in ("person", "org", "place")
                and len(left.split()) >= 2
                and all(w[:1].isupper() for w in (left + " " + right).split())
            ):
                # "Thibaut Courtois to Real Madrid": a move between two names; names are
                # not built around "to" or "from" (those that are get quoted as titles).
                # a name moving to a known organisation is a person ("... to Real Madrid")
                person = left.split()[0] in FIRST_NAMES or (
                    is_known_org(right.strip()) and not is_known_org(left.strip())
                )
                left_label = "person" if person else label
                out += [[s, m.start(), left_label], [m.end(), e, label]]
                continue
            # "... Centre in Whangārei" (not "University of Alabama at Birmingham")
            here = m.group().split()[0] == "in" and right in world_places()
            if (
                (left in alone or right in alone or here)
                and left[:1].isupper()
                and right[:1].isupper()
            ):
                # "... in Bonaire": after a place preposition the right part is a place
                where = m.group().split()[0] in ("in", "at", "from", "to")
                out += [[s, m.start(), label], [m.end(), e, "place" if where else label]]
                continue
        out.append(span)
    return out


_AND = re.compile(r"[ \t]+and[ \t]+")


def split_couples(text: str, spans: list[list]) -> list[list]:
    """Two people the model ran into one name ("Lopez and Carrasquillo", "Laci and Conner"
    as an organisation) are split into two persons when each side is a person named
    elsewhere in the article (whole, by surname or by first name) or starts with a common
    given name. Firms named after people ("Procter and Gamble", "Marks and Spencer") stay
    whole: their parts are nobody in the article."""
    if not any(_AND.search(text, s, e) for s, e, label in spans if label != "person"):
        return spans
    people: set[str] = set()
    for s, e, label in spans:
        if label == "person" and not _AND.search(text, s, e):
            words = text[s:e].split()
            people.update((text[s:e], words[0], surname(words)))

    def someone(part: str) -> bool:
        words = part.split()
        return bool(words) and (part in people or words[0] in FIRST_NAMES) and len(words) <= 3

    out: list[list] = []
    for span in spans:
        s, e, label = span
        m = _AND.search(text, s, e) if label != "person" else None
        if m and text.count(" and ", s, e) == 1:
            left, right = text[s : m.start()], text[m.end() : e]
            if someone(left) and someone(right) and (left in people or right in people):
                out += [[s, m.start(), "person"], [m.end(), e, "person"]]
                continue
        out.append(span)
    return out


def split_leading_word(text: str, spans: list[list]) -> list[list]:
    """A nationality or a place run into the person's name after it is split off:
    - "the American Hasim Rahman" typed as an organisation: a group, then a person, when the
      name starts with a common given name or is a person found elsewhere in the article;
    - "envoy to Ukraine David Holmes": a place, then a person, when the name starts with a
      common given name and the place is not also one (Georgia, Victoria).
    The name after it has two words or more, and names whose last word types them stay whole
    ("Chinese Communist Party")."""
    kinds = [GAZETTEER.get(text[s:e].split(" ", 1)[0]) for s, e, _ in spans]
    if "group" not in kinds and "place" not in kinds:
        return spans
    people: set[str] = set()
    for s, e, label in spans:
        if label == "person":
            words = text[s:e].split()
            people.update((text[s:e], surname(words)) if len(words) > 1 else words)
    out: list[list] = []
    for span, kind in zip(spans, kinds, strict=True):
        s, e, label = span
        first, _, rest = text[s:e].partition(" ")
        words = rest.split()
        split = False
        if len(words) >= 2 and words[-1] not in TYPING_LAST and all(w[:1].isupper() for w in words):
            if kind == "group" and label not in ("person", "group"):
                split = words[0] in FIRST_NAMES or rest in people or surname(words) in people
            elif kind == "place":
                split = first not in FIRST_NAMES and words[0] in FIRST_NAMES
        if split:
            out += [[s, s + len(first), kind], [e - len(rest), e, "person"]]
            continue
        out.append(span)
    return out
