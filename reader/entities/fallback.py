"""The fallback tagger: a small gazetteer plus capitalised phrases, no model needed.

Used when spaCy or the model is missing or fails its check. It finds runs of capitalised
words ("Vladimir Putin", "Bank of England"), drops sentence-initial function words, months
and weekdays, and types a phrase from the gazetteer (countries, cities, nationalities,
agencies and bodies), from a title in front ("Mr", "President" -> person), from a last word
("Ministry", "Inc" -> org; "River", "County" -> place) or from a common first name; the rest
is labelled ``other``. Output goes through the same post-processing as the model's.
"""

from __future__ import annotations

import re

from reader.entities.gazetteer import GAZETTEER as _GAZETTEER
from reader.entities.gazetteer import world_places
from reader.entities.postprocess import finish
from reader.entities.words import (
    EVENT_LAST,
    FIRST_NAMES,
    MONTHS_DAYS,
    ORG_LAST,
    PLACE_LAST,
    STOPWORDS,
)
from reader.models import EntitySpan

_WORD = r"(?:(?:al|el|ad|as|bin|ibn)-[A-Z][\w’'-]*|[A-Z][\w’'&.-]*[\w.]|[A-Z]\.?|\d+[A-Z][\w]*)"
_JOIN = r"(?:of|the|de|da|del|der|den|van|von|al|bin|le|la|du|for|&)"
_PHRASE = re.compile(rf"\b{_WORD}(?:[ \t](?:{_JOIN}[ \t])*{_WORD})*")

_TITLES = """Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. President Senator Sen. Rep. Governor Gov.
Mayor Minister Chancellor King Queen Prince Princess Pope General Gen. Judge Justice Sir Dame
Lord Lady Secretary Chairman Captain Capt. Colonel Col. Sheikh Ayatollah Rabbi Father Bishop
Cardinal Officer Sergeant Detective Coach"""
_FIRST = FIRST_NAMES
_TITLE = frozenset(_TITLES.split())
_ORG = ORG_LAST
_PLACE = PLACE_LAST
_EVENT = EVENT_LAST
_STOPWORDS = STOPWORDS
_TAIL_JOINS = frozenset({"of", "the", "and", "&", "for", "de"})
_MONTHS_DAYS = MONTHS_DAYS


def _label(words: list[str], before: str) -> str:
    phrase = " ".join(words)
    if phrase in _GAZETTEER:
        return _GAZETTEER[phrase]
    last, first = words[-1], words[0]
    if len(words) >= 3 and words[1] == "of" and first in _ORG:
        return "org"  # "Bank of England", "University of Oxford"
    if last in _ORG:
        return "org"
    if last in _PLACE:
        return "place"
    if last in _EVENT:
        return "event"
    if before in _TITLE or first in _FIRST:
        return "person"
    if phrase in world_places():
        return "place"  # a country, state, continent or city of 100,000 people or more
    if len(words) == 1 and first.isupper() and len(first) <= 6:
        return "org"  # an acronym (NASA, FBI) is most often an organisation
    return "other"


def _raw_spans(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _PHRASE.finditer(text):
        toks = [(w.start() + m.start(), w.group()) for w in re.finditer(r"\S+", m.group())]
        # Drop leading stopwords / titles ("The", "In", "President"), keep the name.
        before = ""
        while toks and (toks[0][1] in _STOPWORDS or toks[0][1] in _TITLE):
            before = toks.pop(0)[1]
        while toks and (toks[-1][1] in _MONTHS_DAYS or toks[-1][1].lower() in _TAIL_JOINS):
            toks.pop()
        words = [w for _, w in toks]
        if not words or (len(words) == 1 and (len(words[0]) < 2 or words[0].isdigit())):
            continue
        start, end = toks[0][0], toks[-1][0] + len(toks[-1][1])
        if not before:
            prev = text[max(0, start - 12) : start].split()
            before = prev[-1] if prev else ""
        out.append((start, end, _label(words, before)))
    return out


def tag(text: str, publisher: str | None = None) -> list[EntitySpan]:
    """Entity spans of ``text`` found without a model."""
    return finish(text, _raw_spans(text), publisher)
