"""Sports teams: names the model types as places or people ("Jacksonville Jaguars", "the
Colts", "Indianapolis beat Kansas City") are organisations, as in CoNLL and OntoNotes.

Only in sports writing (three sports words, or two and a score or a result verb), three
shapes:
- a known place and a capitalised plural ("Kansas City Chiefs", "Toronto Blue Jays");
- "the" and a capitalised plural the model typed person or other, or missed ("the Colts");
- a city or a state (not a country: national sides stay places, as in CoNLL) with a result
  verb after it ("Creighton beat"), a season record ("North Carolina (10-0)"), a ranking
  before it ("top-seeded Creighton"), a score in a match report ("beat Evansville 72-65"), a
  club's people after it ("Liverpool manager") or a player's move before it ("joined Hull").
"""

from __future__ import annotations

import re

from reader.entities.gazetteer import COUNTRIES, GAZETTEER, world_places
from reader.entities.words import (
    EVENT_LAST,
    FIRST_NAMES,
    MONTHS_DAYS,
    OTHER_LAST,
    PLACE_LAST,
    STOPWORDS,
    WORK_LAST,
)

#: Plural last words of places and of things that are not teams ("Panama Papers").
_NOT_TEAM = frozenset(
    """Springs Isles Keys Highlands Lowlands Plains Woods Gardens Fields Narrows Straits Sands
    Glades Flats Meadows Lakes Rapids Shoals Cliffs Papers Files Leaks Accords Talks Times News
    Olympics Paralympics Games Oscars Grammys Emmys Tonys Baftas Globes Finals Americas Balkans
    Midlands Hamptons Tropics Alps Andes Pyrenees Himalayas Appalachians Everglades Dardanelles
    Aves Sts Rds Blvds Netherlands Philippines Bahamas Maldives Seychelles Comoros Antilles
    Azores Canaries Hebrides Orkneys Caucasus Carpathians Ardennes Vosges Dolomites
    Cyclades""".split()
)
_TYPED = EVENT_LAST | WORK_LAST | OTHER_LAST | PLACE_LAST
_PLURAL = re.compile(r"[A-Z][a-z]+[a-hj-rtv-z]s")  # "Colts", not "Davis", "Exodus", "Ross"
#: Team nicknames that are not plurals ("the Thunder", "Miami Heat", "Boston Red Sox").
_SINGULAR = frozenset(
    """Thunder Heat Magic Jazz Wild Lightning Avalanche Kraken Galaxy Crew Revolution Dynamo
    Impact Sky Storm Dream Liberty Mercury Lynx Fever Sox""".split()
)
_THE_PLURAL = re.compile(
    r"(?<![\w-])the[ \t]+([A-Z][a-z]+[a-hj-rtv-z]s|" + "|".join(sorted(_SINGULAR)) + r")(?![\w'’-])"
)
_WON = "beat|beats|defeated|defeats|edged|routed|thrashed|downed|upset"
_RESULT_VERB = re.compile(rf"[ \t]+(?:{_WON}|outlasted|trailed|rallied)(?![\w-])")
_RESULT_BEFORE = re.compile(rf"(?<![\w-])(?:{_WON}|over|against)[ \t]+$")
#: A season record after a name ("North Carolina (10-0)"), a ranking before it.
_RECORD_AFTER = re.compile(r"[ \t]*\(\d{1,2}-\d{1,2}(?:-\d{1,2})?\)")
_RANK_BEFORE = re.compile(
    r"(?<![\w-])(?:top|No\.[ \t]?\d{1,2}|\d{1,2}(?:st|nd|rd|th))[- ](?:seeded|ranked)[ \t]+$"
)
#: A club's people after its name ("Liverpool manager", "Pittsburgh center Maurkice
#: Pouncey"), and a player's moves before it ("joined Liverpool", "on loan at Hull").
_ROLE_AFTER = re.compile(
    r"(?:'s|’s)?[ \t]+(?:manager|coach|boss|striker|midfielder|defender|goalkeeper|captain|"
    r"fans|supporters|squad|chairman|quarterback|pitcher|center|centre|forward|guard|keeper|"
    r"defenseman|linebacker|receiver|winger|full-back|fullback)\b"
)
_CLUB_VERB_BEFORE = re.compile(
    r"(?<![\w-])(?:joined|signed[ \t]+(?:for|with)|moved[ \t]+to|loaned[ \t]+(?:out[ \t]+)?to|"
    r"loan[ \t]+(?:to|at|with)|played[ \t]+for|plays[ \t]+for|playing[ \t]+for|"
    r"transferred[ \t]+to|debut[ \t]+for|drew[ \t]+with|lost[ \t]+to|at[ \t]+home[ \t]+to|"
    r"away[ \t]+(?:to|at))[ \t]+$"
)
_SCORE_PAIR = re.compile(r"[ \t]+\d{1,3},[ \t]+[A-Z][\w .'-]{1,30}?[ \t]+\d{1,3}\b")
_WHERE_BEFORE = re.compile(r"(?<![\w-])(?:in|at|near)[ \t]+$")
_SCORE_AFTER = re.compile(r"[ \t]+\d{1,3}(?:[-–]\d{1,3})?\b")


def _nickname(word: str) -> bool:
    """A capitalised plural that can name a team ("Jaguars"), not a place's, a nationality's
    or a family name built on a given name ("Williams"); or a known singular one ("Heat")."""
    if word in _SINGULAR:
        return True
    if not _PLURAL.fullmatch(word) or word in _NOT_TEAM or word in _TYPED:
        return False
    if word in STOPWORDS or word in MONTHS_DAYS or word in GAZETTEER:
        return False
    return word[:-1] not in FIRST_NAMES and word not in world_places()


_SCORE = re.compile(r"(?<![\w-])\d{1,3}[-–]\d{1,3}(?![\w-])")
_SPORTS_WORDS = re.compile(
    r"\b(?:coach|season|playoffs?|league|quarterback|touchdowns?|innings?|pitcher|striker|"
    r"goalkeeper|midfielder|defenseman|tournament|championship|semifinals?|quarterfinals?|"
    r"rebounds|wide receiver|overtime|halftime|penalty|goals?|points|keeper|signing|"
    r"transfer|fixture|squad|kickoff|kick-off)\b"
)


def sporty(text: str) -> bool:
    """The text reads as sports writing: a score or a result verb and two sports words, or
    three sports words."""
    words = len(set(_SPORTS_WORDS.findall(text)))
    return words >= 3 or words >= 2 and bool(_SCORE.search(text) or _RESULT_VERB.search(text))


def team_step(text: str, spans: list[list]) -> list[list]:
    """Retype or add sports teams in ``spans`` ([start, end, label], sorted) of a sports
    text; returns the list."""
    if not sporty(text):
        return spans
    places = world_places()
    teams: set[str] = set()
    for span in spans:
        s, e, label = span
        surface = text[s:e]
        words = surface.split()
        if label == "group" or len(words) > 4:
            continue
        if len(words) >= 2 and surface not in places and _nickname(words[-1]):
            for n in (1, 2):  # "Kansas City" + "Chiefs", "Toronto" + "Blue Jays"
                prefix = " ".join(words[: len(words) - n])
                if prefix and prefix in places and prefix not in FIRST_NAMES:
                    span[2] = "org"
                    teams.update((surface, " ".join(words[-n:])))  # and "the Chiefs"
                    break
        elif label == "org":
            continue
        elif (
            len(words) == 1
            and label in ("person", "other", "work", "group")
            and text[max(0, s - 4) : s].lower() == "the "
            and _nickname(surface)
        ):
            span[2] = "org"
            teams.add(surface)
        elif label in ("place", "other") and surface not in COUNTRIES:
            after = text[e : e + 40]
            if (
                _RESULT_VERB.match(after)
                or _RECORD_AFTER.match(after)
                or _RANK_BEFORE.search(text, max(0, s - 20), s)
                or _ROLE_AFTER.match(after)
                or _CLUB_VERB_BEFORE.search(text, max(0, s - 24), s)
                or _SCORE_AFTER.match(after)
                and (_score_pair(text, e) or _RESULT_BEFORE.search(text, max(0, s - 20), s))
            ):
                span[2] = "org"
                teams.add(surface)
    for span in spans:  # the other mentions of a team, not where it is ("in Pittsburgh")
        if span[2] in ("place", "other", "person") and text[span[0] : span[1]] in teams:
            if not _WHERE_BEFORE.search(text, max(0, span[0] - 8), span[0]):
                span[2] = "org"
    return _add_missed(text, spans, teams)


def _score_pair(text: str, end: int) -> bool:
    """ "Creighton 72, Evansville 65": a name and a score, then another name and a score."""
    return bool(_SCORE_PAIR.match(text, end))


_CAPITALISED_RUN = re.compile(r"(?<![\w-])[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){1,3}")


def _add_missed(text: str, spans: list[list], teams: set[str]) -> list[list]:
    """Teams the model found nothing of: a known place and a plural nickname ("The
    Jacksonville Jaguars beat ..."); "the Colts" when the same word is a team elsewhere in
    the article, or with a score or a result verb near."""
    taken = [(s, e) for s, e, _ in spans]
    added = []
    places = world_places()
    for m in _CAPITALISED_RUN.finditer(text):
        s, e = m.span()
        words = m.group().split()
        if words[0] in STOPWORDS and " ".join(words[:2]) not in places:  # not "New York"
            s += len(words[0]) + 1
            words = words[1:]
        if len(words) < 2 or any(a < e and s < b for a, b in taken) or not _nickname(words[-1]):
            continue
        for n in (1, 2):
            prefix = " ".join(words[: len(words) - n])
            if prefix in places and prefix not in FIRST_NAMES:
                added.append([s, e, "org"])
                taken.append((s, e))
                break
    for m in _THE_PLURAL.finditer(text):
        s, e = m.span(1)
        word = m.group(1)
        if any(a < e and s < b for a, b in taken) or not _nickname(word):
            continue
        near = text[max(0, s - 200) : e + 200]
        if word in teams or _RESULT_VERB.search(near) or re.search(r"\b\d{1,3}-\d{1,3}\b", near):
            added.append([s, e, "org"])
    return sorted(spans + added) if added else spans
