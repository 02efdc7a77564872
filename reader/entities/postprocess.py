"""From raw spans (a model's or the fallback's) to typed, canonical EntitySpans.

finish() runs the steps, in order (each module's docstring says more):
1. Per span: map spaCy labels to reader's (numbers, dates and money dropped), cut at line
   breaks, trim quotes, possessives, "the"/"a" and words run onto the end, and drop what is
   no name (page furniture, jargon initials, units, addresses, common phrases ...); type it
   by its own words (cue_label: "... Party" is an organisation).
2. Mend spans: splits at small words, "and", a possessive, a photo credit (split.py); two
   places one space apart are one person (places.py).
3. Type by context: products, job titles, known places (places.py), the words after a name
   and quoted titles (context.py), class nouns (cues.py), sports teams (teams.py), missed
   names typed by their last word, surname votes, the feed's publisher.
4. Per article: acronyms, further mentions of names already found, then the alias step (a
   well-known alias keeps its label, a bare surname takes the full name's, one surface form
   one label).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from reader.entities.canonical import alias_label, canonical, clean_name
from reader.entities.context import context_step, fixed_kinds, publisher_step, quoted_titles
from reader.entities.cues import class_of, names_after_class_nouns
from reader.entities.gazetteer import GAZETTEER, NOT_A_CITY, world_places
from reader.entities.models_names import extend_models
from reader.entities.people import never_spread, not_a_name, people_step
from reader.entities.places import (
    AMBIGUOUS_PLACES,
    ORG_CONTEXT,
    merge_split_names,
    person_words,
    place_step,
)
from reader.entities.ruler import EVENTS, is_known_org
from reader.entities.split import (
    credits_and_people,
    split_couples,
    split_joined_names,
    split_leading_word,
    split_possessives,
)
from reader.entities.teams import team_step
from reader.entities.words import (
    EVENT_LAST,
    FAMOUS_SURNAMES,
    FIRST_NAMES,
    FURNITURE,
    ORG_LAST,
    OTHER_LAST,
    PLACE_LAST,
    STOPWORDS,
    TITLE_WORDS,
    TYPING_LAST,
    WORK_LAST,
    is_given_name,
    surname,
)
from reader.models import EntitySpan

#: spaCy (OntoNotes) labels -> reader labels; the rest (DATE, MONEY, CARDINAL ...) are dropped.
SPACY_LABELS = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "event",
    "WORK_OF_ART": "work",
    "LAW": "work",
    "PRODUCT": "other",
    "LANGUAGE": "other",
    "HASHTAG": "other",  # reader's ruler: "#MeToo"
}

_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")
_LEAD = " \t\"'“”‘’`«»([{-–—*•·,;:"
_TRAIL = " \t\"'“”‘’`«»)]}-–—*•·,;:!?/"
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
#: A possessive and a date inside a span: "Trump's July 25 call" is not one name.
_POSSESSIVE_DATE = re.compile(
    r"(?:'s|’s)[ \t]+(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December|\d)"
)
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][\w'’.-]*(?<![.'’-])")
#: Capitalised words inside a sentence (after a lowercase word, a digit or a comma).
_INSIDE_CAPITAL = re.compile(r"(?<=[a-z0-9,;] )[A-Z][\w'’.-]*(?<![.'’-])")
_THE_IS_NOT_NAME = frozenset({"person", "place", "group", "event"})
_ACRONYM_DEF = re.compile(r"\s*\(\s*([A-Z][A-Z.&]{1,9})\s*\)")
_NEXT_WORD = re.compile(r"(?:'s|’s)?\s+(\w+)")
_HONORIFIC = re.compile(r"(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+")
_ADVERB = re.compile(r"[A-Z][a-z]{3,}(?:ally|fully|ously|ively|ately|edly|ingly|ably|ibly)")
_LOWER_PREFIX = re.compile(r"(?:pro|anti|non|ex|post|pre|neo|pan)-", re.I)
_ABBREV_END = re.compile(r"(?:\b\w\.\w\.|\b(?:Inc|Corp|Co|Ltd|Jr|Sr|St|Bros)\.)$")


def cut_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of [start, end) between line breaks."""
    parts, pos = [], start
    for m in _LINE_BREAK.finditer(text, start, end):
        parts.append((pos, m.start()))
        pos = m.end()
    parts.append((pos, end))
    return [(s, e) for s, e in parts if e > s]


#: Names whose "'s" is part of them ("McDonald's"): not cut as a possessive.
POSSESSIVE_BRANDS = frozenset(
    """McDonald Macy Kellogg Denny Sotheby Christie Wendy Domino Sainsbury Lloyd Hershey
    Dillard Kohl Lowe Applebee Chili Moody Levi Barnardo Hardee Nathan Arby Angie""".split()
)
#: A lowercase word or suffix the model ran onto the end of a name.
_TRAILING_WORD = re.compile(
    r"(?:[ \t]+(?:and|or|that|which|who|the|of|in|on|at|to|for|with)"
    r"|-(?:owned|based|backed|led|run|linked|funded|born|made))$"
)
_SCORE_END = re.compile(r"[ \t]+\d{1,2}[-–]\d{1,2}$")
_CITATION = re.compile(r"\.?\[\d")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past edge punctuation, a possessive and a leading 'the '; cut it
    before an unclosed parenthesis ("World Health Organization (WHO"), a match score
    ("Chelsea 2-1") and a reference marker ("New Zealand.[16]")."""
    m = _SCORE_END.search(text, start, end)
    if m and m.start() > start:
        end = m.start()
    m = _CITATION.search(text, start, end)
    if m and m.start() > start:
        end = m.start()  # "New Zealand.[16]": a reference marker ends the name
    m = _POSSESSIVE_DATE.search(text, start, end)
    if m and m.start() > start:
        end = m.start()
    for _ in range(3):  # a few passes: "'the U.S.'s" needs more than one
        if text.startswith(("'s ", "’s "), start):
            start += 3  # "today’s Boston Globe": the possessive before the name
        while start < end and text[start] in _LEAD:
            start += 1
        if text.startswith("the ", start) and end - start > 4:
            start += 4
        elif text.startswith(("a ", "an "), start) and end - start > 3:
            start = text.index(" ", start) + 1  # "a Nobel Prize": the article is no part
        m = _POSSESSIVE.search(text, start, end)
        if m and m.start() > start and text[start : m.start()] not in POSSESSIVE_BRANDS:
            end = m.start()
        while start < end and text[end - 1] in _TRAIL:
            end -= 1
        while start < end and text[end - 1] == "." and not _ABBREV_END.search(text, start, end):
            end -= 1
        m = _TRAILING_WORD.search(text, start, end)
        if m and m.start() > start:
            end = m.start()  # "The Associated Press that", "Kroger-owned"
    paren = text.find("(", start, end)
    if paren > start and text.find(")", paren, end) < 0:  # "(WHO)" lost its ")" above
        end = len(text[start:paren].rstrip()) + start
    return start, end


def _common_phrase(text: str, start: int, end: int) -> bool:
    """A menu path ("Library > Typelists"), or words the same text also writes as a common
    lowercase phrase ("Cloud Computing" ... "cloud computing")."""
    surface = text[start:end]
    if ">" in surface:
        return True
    return " " in surface and f" {surface.lower()}" in text and surface.lower() != surface


def _in_address(text: str, start: int, end: int) -> bool:
    """The span is part of an e-mail address or a web address ("jane@example.com",
    "https://www.google.com/search?q=Obama"): not a name in the text."""
    if any(c.isspace() for c in text[start:end]):
        return False  # an address has no spaces ("NC @ PNC Music Pavilion" is a venue list)
    left = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    right = len(text)
    for stop in (" ", "\n"):
        at = text.find(stop, end)
        right = at if 0 <= at < right else right
    token = text[left:right]
    return "@" in token.strip("@") or "://" in token or token.startswith("www.")


def looks_like_name(surface: str) -> bool:
    """A name has a capital letter (or a digit, e.g. G20) and is more than one character."""
    if len(surface) < 2 and not surface.isupper():
        return False
    return any(c.isupper() for c in surface)


def finish(
    text: str, raw: Iterable[tuple[int, int, str]], publisher: str | None = None
) -> list[EntitySpan]:
    """Turn raw (start, end, reader label) spans into the final EntitySpans of ``text``;
    ``publisher``: the lowercased name of who published it (see context.publisher_name)."""
    spans: list[list] = []
    lower_words = Counter(_LOWER_WORD.findall(text))
    inside = Counter(_INSIDE_CAPITAL.findall(text))
    for start, end, label in sorted(raw):
        for s, e in cut_lines(text, start, end):
            s, e = trim(text, s, e)
            titled = False  # "Mrs May": a name after a title, even if it is a common word
            if label == "person":
                m = _HONORIFIC.match(text, s, e)
                titled = bool(m and m.end() < e)
                s = m.end() if titled and m else s
            if (
                (label in _THE_IS_NOT_NAME or label == "org" and _institution(text, s, e))
                and text.startswith("The ", s)
                and text.count(" ", s, e) >= 2
            ):
                s += 4  # "The United States"; but "The Hague", "The New York Times" keep it
            if e <= s or not looks_like_name(text[s:e]) or _in_address(text, s, e):
                continue
            if not titled and (
                _not_a_name(text[s:e], lower_words, inside) or not_a_name(text, s, e)
            ):
                continue
            if label not in ("place", "group") and _common_phrase(text, s, e):
                continue
            if _not_a_name_here(text, s, e, label, lower_words, spans[-1] if spans else None):
                continue
            spans.append([s, e, cue_label(text[s:e], label)])
    spans = split_joined_names(text, merge_split_names(text, _drop_overlaps(spans)))
    spans = split_couples(text, split_leading_word(text, spans))
    spans = credits_and_people(text, split_possessives(text, spans, cue_label))
    _plural_works(text, spans)
    _bodies_for(text, spans)
    _cut_trailing_titles(text, spans)
    _product_step(text, spans)
    extend_models(text, spans)
    people_step(text, spans)
    place_step(text, spans)
    _languages_step(text, spans)
    context_step(text, spans, person_words(text, spans))
    quoted_titles(text, spans)
    spans = fixed_kinds(text, spans)
    spans = _names_after_class_nouns(text, spans)
    _class_step(text, spans)
    spans = team_step(text, spans)
    spans = _missed_names(text, spans)
    _short_org_names(text, spans)
    _surname_votes(text, spans)
    publisher_step(text, spans, publisher)
    acronyms = _acronyms(text, spans)
    spans = _propagate(text, spans, acronyms)
    return _alias_step(text, spans, acronyms)


#: Nouns after a name that make it a product ("the Firefox browser", "Signal app").
_PRODUCT_NOUN = re.compile(
    r"[ \t]+(?:(?:web|mobile|internet)[ \t]+)?(?:browser|browsers|app|apps|software|"
    r"operating[ \t]+system|smartphone|smartphones|handset|console|consoles|chatbot|"
    r"search[ \t]+engine|plug-in|plugin|programming[ \t]+language|rocket|rockets|lander|"
    r"rover|spacecraft|space[ \t]+probe|telescope|supercomputer|sedan|hatchback|SUV|pickup|"
    r"airliner|jet|jets|drone|drones|vaccine|chip|chips|processor|processors|headphones|"
    r"earbuds|smartwatch|laptop|laptops|tablet|tablets|headset|headsets|display|router)(?![\w-])"
)
#: Nouns right before a name that make it a vessel ("the cruise ship Freewinds").
_VESSEL_BEFORE = re.compile(
    r"\b(?:ship|vessel|yacht|tanker|freighter|ferry|liner|submarine|frigate|destroyer|"
    r"carrier|warship|spacecraft|probe|rover),?[ \t]+$"
)
#: Programming languages named like an island, a gem or a snake: products in a text about
#: programming (two or more of the cues below), what they are elsewhere.
_LANGUAGES = frozenset(
    """Java Ruby Python Rails Perl Scala Erlang Haskell Clojure Lisp Groovy Smalltalk Swift
    Cocoa""".split()
)
_TECH_CUE = re.compile(
    r"\b(?:programming|programmer|programmers|developer|developers|compiler|JVM|JavaScript|"
    r"PHP|source code|open source|API|APIs|framework|runtime|interpreter|codebase|GitHub|"
    r"Ruby on Rails)\b",
    re.IGNORECASE,
)
#: Labels the model gives products ("Firefox" a person, "Windows XP" a place, "Mozilla
#: Firefox" an organisation).
_PRODUCT_FROM = frozenset({"person", "place", "org"})


def _languages_step(text: str, spans: list[list]) -> None:
    """In a text about programming, "Java", "Ruby", "Python" ... are languages (label
    "other"), whatever the model and the place list made of them, in place."""
    if len({m.lower() for m in _TECH_CUE.findall(text)}) < 2:
        return
    for span in spans:
        if span[2] in ("place", "person", "org", "group") and text[span[0] : span[1]] in _LANGUAGES:
            span[2] = "other"


def _product_step(text: str, spans: list[list]) -> None:
    """A name right before a product noun ("browser", "app", "operating system") or right
    after a vessel noun ("the cruise ship Freewinds") is a product (label "other"), in
    place. Not when the name is a possessive ("Microsoft's browser": the maker), a known
    organisation ("Google app", "Facebook app") or has an organisation's last word
    ("... Software Inc"). The other mentions of a product follow."""
    products: set[str] = set()
    for span in spans:
        s, e, label = span
        if label in _PRODUCT_FROM and _VESSEL_BEFORE.search(text, max(0, s - 30), s):
            span[2] = "other"  # "the cruise ship Freewinds": a vessel, not a company
            continue
        if label not in _PRODUCT_FROM or not _PRODUCT_NOUN.match(text, e):
            continue
        surface = text[s:e]
        if alias_label(surface) or surface.split()[-1] in ORG_LAST:
            continue
        if label == "org" and is_known_org(surface):
            continue
        span[2] = "other"
        if not re.search(rf"(?<![\w-]){re.escape(surface)}['’]s\b", text):
            products.add(surface)  # a possessive anywhere ("AMD's chips") is the maker's
    for span in spans:  # the cue holds for every mention ("Stadia costs $10" after "the
        if span[2] in _PRODUCT_FROM and text[span[0] : span[1]] in products:  # Stadia app")
            span[2] = "other"


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper())


def _acronyms(text: str, spans: list[list]) -> dict[str, tuple[str, str]]:
    """Acronyms defined in the text, "World Health Organization (WHO)": acronym -> (full
    name, label). The acronym's letters must be the initials of the name's capitalised words."""
    found: dict[str, tuple[str, str]] = {}
    for s, e, label in spans:
        m = _ACRONYM_DEF.match(text, e)
        if m and " " in text[s:e]:
            acronym = m.group(1)
            if acronym.replace(".", "").upper() == _initials(text[s:e]).upper():
                found.setdefault(acronym, (text[s:e], label))
    # Acronyms used without a definition ("IE" in an article about Internet Explorer, "NHS"
    # after "National Health Service"): the initials of longer names in the article that all
    # have one label (the shortest of them is the name the acronym stands for).
    by_initials: dict[str, set[tuple[str, str]]] = {}
    for s, e, label in spans:
        surface = text[s:e]
        if " " in surface and label != "person":
            letters = _initials(surface)
            if len(letters) >= 2:
                by_initials.setdefault(letters, set()).add((clean_name(surface, label), label))
    _short_forms(text, spans, found)
    for s, e, _ in spans:
        acronym = text[s:e]
        if acronym in found or not (2 <= len(acronym) <= 6 and acronym.isupper()):
            continue
        names = by_initials.get(acronym.replace(".", ""))
        if names and len({label for _, label in names}) == 1 and not alias_label(acronym):
            found[acronym] = min(names, key=lambda n: (len(n[0]), n[0]))  # "Internet Explorer"
    return found


_THE_HEAD = re.compile(
    r"(?<![\w-])[Tt]he[ \t]+(" + "|".join(re.escape(w) for w in sorted(ORG_LAST)) + r")(?![\w-])"
)


def _short_forms(text: str, spans: list[list], found: dict[str, tuple[str, str]]) -> None:
    """ "the Church" after "Church of Scientology", "the Council" after "Legislative Council":
    an organisation's head word, capitalised after "the", stands for the one organisation in
    the article with that head (first word before "of", or last word); added to ``found``."""
    heads: dict[str, set[str]] = {}
    for s, e, label in spans:
        words = text[s:e].split()
        if label == "org" and len(words) >= 2:
            head = words[0] if words[1] == "of" else words[-1]
            heads.setdefault(head, set()).add(clean_name(text[s:e], "org"))
    if not heads:
        return
    for m in _THE_HEAD.finditer(text):
        head = m.group(1)
        names = heads.get(head)
        if head in found or not names or len(names) != 1:
            continue
        s, e = m.span(1)
        if not any(a < e and s < b for a, b, _ in spans):
            found[head] = (next(iter(names)), "org")


_YEAR_AND_PLACE = re.compile(r"(?:1[89]|20)\d\d(?: [A-Z][\w-]*)*")


#: Last words of places that are never surnames: "Betty Ford Center" is a clinic, even if
#: it starts with a given name (unlike "Mary Hall" or "John Park").
_FACILITY_LAST = frozenset(
    """Airport Arena Avenue Boulevard Canal Center Centre Highway Plaza Prison Reservoir
    Square Stadium Station""".split()
)


#: First words that make a name a place (not for "person": "Lake Bell" is an actress).
_PLACE_FIRST = frozenset("Stade Estadio Stadio Stadion Mount Mt Mt. Cape Rue Lake".split())
#: Words before "District" that make it a public body, not an area.
_DISTRICT_BODIES = frozenset("School Water Fire Sanitation Transit Hospital Utility".split())


def cue_label(surface: str, label: str) -> str:
    """The label a name's own words point to, else ``label``: a last word such as "Party",
    "River" or "Championship" types the name; a common given name in front of two or three
    capitalised words makes it a person ("Dean Kamen" is not an organisation)."""
    if surface in EVENTS:
        return "event"  # "State of the Union", whatever "Union" says
    known = GAZETTEER.get(surface)
    if known is None and surface.endswith("s") and surface[:1].isupper() and " " not in surface:
        known = "group" if GAZETTEER.get(surface[:-1]) == "group" else None  # "Greeks"
    if known == "group" or (known == "place" and label == "group"):
        return known  # a nationality is a group, a country is not (persons: _place_step)
    words = surface.split()
    if any(c.isdigit() for c in surface) and label in ("person", "place"):
        return "other"  # "IE6", "Windows XP 2": products, not people or places
    if len(words) < 2:
        if surface in TITLE_WORDS and label in ("place", "org"):
            return "person"  # a bare title ("the Sheriff's detective") stands for a person
        if surface.isupper() and label == "person":
            return "org"  # acronyms are organisations far more often than people
        return label
    first, last = words[0], words[-1]
    if first in _PLACE_FIRST and label in ("org", "other"):
        return "place"  # "Stade de Suisse", "Mount Kenya", "Cape Cod"
    if first == "Operation" and label in ("org", "place", "person"):
        return "event"  # "Operation Clambake", "Operation Desert Storm": military/police ops
    for i, word in enumerate(words[:-1]):
        if word in EVENT_LAST:  # "Fan Expo Canada", "Expo 2020 Dubai": an event and where
            rest = " ".join(words[i + 1 :])
            if rest in world_places() or _YEAR_AND_PLACE.fullmatch(rest):
                return "event"
    if len(words) >= 3 and words[1] == "of":  # "Bank of England", "Gulf of Mexico"
        for cue, cue_type in (
            (ORG_LAST, "org"),
            (PLACE_LAST, "place"),
            (EVENT_LAST, "event"),
            (WORK_LAST, "work"),
        ):
            if first in cue:
                return cue_type
    if _BODY_FOR.search(surface):
        return "org"  # "Center for Health and Human Rights": a body, not a building
    person_like = is_given_name(first) and len(words) <= 3 and all(w[:1].isupper() for w in words)
    if last in ORG_LAST or (last == "District" and words[-2] in _DISTRICT_BODIES):
        return "org"  # "Irving Independent School District" is a body, not an area
    if last in EVENT_LAST:
        return "event"
    if last in WORK_LAST:
        return "work"
    if last in OTHER_LAST:
        return "other"
    if last in PLACE_LAST:
        if label == "person" and person_like and last not in _FACILITY_LAST:
            return label  # "Mary Hall", "John Park": the last word is a surname
        return "place"
    if person_like and label in ("org", "place", "other"):
        return "person"
    return label


#: A body "for" something ("Center for Health and Human Rights", "Institute for Fiscal
#: Studies"): an organisation, not a building.
_BODY_HEADS = frozenset(
    """Center Centre Institute Council Foundation Alliance Coalition Society Association Office
    Agency Fund Campaign Network Partnership Project""".split()
)
_BODY_FOR = re.compile(rf"(?<![\w-])(?:{'|'.join(_BODY_HEADS)})[ \t]+for[ \t]+[A-Z]")
_FOR_AFTER = re.compile(r"[ \t]+for[ \t]+[A-Z]")


def _bodies_for(text: str, spans: list[list]) -> None:
    """A name that ends in "Center", "Institute" ... and goes on with "for" and a capital in
    the text ("Bagnoud Center for Health and Human Rights") is an organisation, in place."""
    for span in spans:
        if span[2] in ("place", "person", "other") and _FOR_AFTER.match(text, span[1]):
            head = text[span[0] : span[1]].split()[-1]
            if head in _BODY_HEADS:
                span[2] = "org"


#: Last words of company names that ORG_LAST leaves out (they also end other names).
_ORG_WORDS = frozenset("Capital Partners Investment Investments Ventures Holdings Global".split())
#: Head nouns of public bodies, whose names take a lowercase "the" ("the Bureau of Prisons").
_INSTITUTION_HEADS = frozenset(
    """Administration Agency Assembly Association Authority Board Bureau Center Centers Centre
    Commission Committee Congress Corporation Council Court Department Federation Foundation
    Fund Institute Ministry Office Organisation Organization Parliament Senate Service
    Union""".split()
)


def _institution(text: str, s: int, e: int) -> bool:
    """A public body's name: its head noun (the last word, or the word before "of"/"for")
    is an institution's ("The Congressional Budget Office", "The Bureau of Prisons")."""
    words = re.split(r"[ \t]+(?:of|for|on)[ \t]+", text[s:e], maxsplit=1)[0].split()
    return bool(words) and words[-1] in _INSTITUTION_HEADS


def _not_a_name(surface: str, lower_words: Counter, inside: Counter) -> bool:
    """Page furniture, a lowercase prefix ("pro-Beijing"), or a common word that also appears
    in lowercase in the same text ("Writing" ... "writing"), unless the text capitalises it
    inside sentences (``inside``) far more often: a name ("Mozilla" 40 times, "mozilla blog"
    once)."""
    if surface in FURNITURE or surface in STOPWORDS or _LOWER_PREFIX.match(surface):
        return True
    if _ADVERB.fullmatch(surface):
        return True  # "Nationally", "Thankfully" at the start of a sentence
    if " " in surface or surface.isupper() or alias_label(surface):
        return False
    lowercase = lower_words.get(surface.lower(), 0)
    return lowercase > 0 and inside.get(surface, 0) < max(3, 3 * lowercase)


#: Time zones: the model calls "GMT" an organisation; they are not names of things.
_TIME_ZONES = frozenset(
    "GMT UTC BST EST EDT CST CDT MST MDT PST PDT CET CEST EET EEST AEST AEDT JST HKT IST".split()
)
#: Letters after a person's name (Queen's Counsel, Member of Parliament, honours, degrees):
#: the model calls "QC" a place or "SC" an organisation.
_POST_NOMINALS = frozenset(
    "QC KC SC MP MSP MEP MLA OBE MBE CBE KBE DBE PhD Ph.D Ph.D. MD M.D. DDS RN JD DVM Esq".split()
)
_LOWER_PREFIX_BEFORE = re.compile(r"(?<![\w-])(?:[Pp]ro|[Aa]nti|[Nn]on|[Pp]ost|[Pp]re|[Nn]eo)-$")
_AFTER_A_NAME = re.compile(r",?[ \t]+")


def _not_a_name_here(
    text: str, s: int, e: int, label: str, lower_words: Counter, prev: list | None
) -> bool:
    """A time zone or a social media handle ("@POTUS"); letters after a person's name ("Mark
    Tedeschi, QC"); or a "person" whose every word is a common word of the article,
    capitalised in a heading ("Election Results"; not when it starts with a given name: "Bill
    Gates")."""
    surface = text[s:e]
    if surface in _TIME_ZONES or surface.startswith("@"):
        return True  # a time zone; a social media handle ("@POTUS") is an account, not a name
    if _LOWER_PREFIX_BEFORE.search(text, max(0, s - 6), s):
        return True  # "pro-Beijing", "anti-American": part of an adjective, not a name
    if (
        surface in _POST_NOMINALS
        and prev
        and prev[2] == "person"
        and _AFTER_A_NAME.fullmatch(text, prev[1], s)
    ):
        return True
    if label == "person" and " " in surface:
        words = surface.split()
        return words[0] not in FIRST_NAMES and all(w.lower() in lower_words for w in words)
    return False


def _names_after_class_nouns(text: str, spans: list[list]) -> list[list]:
    """Whole names right after a class noun ("the company Hitwise UK's"): where the model
    found nothing, or only a part of the name ("UK"), the name is added with the noun's type.
    Names the model found whole, or found longer, are left to _class_step."""
    runs = names_after_class_nouns(text)
    if not runs:
        return spans
    for rs, re_, label in runs:
        rs, re_ = trim(text, rs, re_)
        if re_ <= rs:
            continue
        inside = [sp for sp in spans if sp[0] < re_ and rs < sp[1]]
        if any(sp[0] < rs or sp[1] > re_ or (sp[0], sp[1]) == (rs, re_) for sp in inside):
            continue  # the model's span is the name, or longer, or crosses it
        spans = [sp for sp in spans if sp not in inside] + [[rs, re_, label]]
    return sorted(spans)


def _class_step(text: str, spans: list[list]) -> None:
    """Type a name by a class noun in an apposition or a definition around it ("Ubisoft, a
    video game company"; "the band Nirvana"; see cues.py), in place; the name's other
    mentions in the article follow. Nationalities and well-known aliases keep their label."""
    decided: dict[str, str] = {}
    places = world_places()
    for s, e, label in spans:
        if label == "group":
            continue
        surface = text[s:e]
        if surface in decided or alias_label(surface):
            continue
        cue = class_of(text, s, e)
        if cue == "person" and is_known_org(surface):
            continue  # "chief Intel rival AMD": Intel stays the company
        if cue and GAZETTEER.get(surface) != "group":
            # a country stays a place ("Iran, the world's fourth-largest oil producer")
            decided[surface] = "place" if places.get(surface) == NOT_A_CITY else cue
    if decided:
        for span in spans:
            cue = decided.get(text[span[0] : span[1]])
            if cue and span[2] != "group":
                span[2] = cue


_TYPED_BY_LAST = sorted(TYPING_LAST, key=len)
#: Two to five capitalised words ("of", "and", "for", "the", "de" may join them) ending with
#: a word that types the name: "Deseret News", "FIRST Global Challenge Robot Olympics".
_NAME_WITH_TYPE = re.compile(
    r"(?<![\w-])(?:[A-Z][\w&.'’-]*[ \t]+(?:(?:of|and|for|the|de)[ \t]+)?){1,4}"
    r"(?:" + "|".join(re.escape(w) for w in reversed(_TYPED_BY_LAST)) + r")(?![\w-])"
)
_LOWER_START = re.compile(r"(?<![\w-])[a-z]")
#: Capitalised function words that start a sentence, not a name ("The Deseret News").
_LEADING_NOT_NAME = frozenset(
    """The A An In On At By For From With Without Of To As But And Or If When While Where
    After Before During Since Until Although Because Also However Meanwhile This That These
    Those Their His Her Its Our Your My Both All Some Many Most Several Each Every Any No
    According Under Over About Against Between Into Through Despite Among Like Unlike
    Yesterday Today Tomorrow Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)


def _missed_names(text: str, spans: list[list]) -> list[list]:
    """Names the model missed that their last word types ("The Deseret News observed ...":
    "News" makes it an organisation), added with that type. Not in headings written in title
    case (a line with fewer than three lowercase words), where every word is capitalised."""
    added = []
    for m in _NAME_WITH_TYPE.finditer(text):
        s, e = m.span()
        words = m.group().split()
        while words and (words[0] in _LEADING_NOT_NAME or words[0].islower()):
            s = text.index(words[1], s + len(words[0])) if len(words) > 1 else e
            words = words[1:]
        if len(words) < 2 or any(a < e and s < b for a, b, _ in spans):
            continue
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", e)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if len(_LOWER_START.findall(line)) < 3:
            continue
        added.append([s, e, cue_label(text[s:e], "org")])
    return sorted(spans + added) if added else spans


def _cut_trailing_titles(text: str, spans: list[list]) -> None:
    """A known place with a title after it is the place, not an organisation ("the Los
    Angeles Sheriff's office", "Texas Governor Greg Abbott"): the title is cut off, in place."""
    places = world_places()
    for span in spans:
        s, e, label = span
        if label not in ("org", "place", "other"):
            continue
        head, _, last = text[s:e].rpartition(" ")
        if last in TITLE_WORDS and (head in places or GAZETTEER.get(head) == "place"):
            span[1], span[2] = s + len(head), "place"


_QUOTES = "\"'“”‘’«»"


def _plural_works(text: str, spans: list[list]) -> None:
    """ "The Sixers", "The Ontario Ghostbusters": the model calls a capitalised "The" and a
    plural noun a work of art, but unquoted it is a team, band or group (an organisation), in
    place. A quoted title ("'The Big Lebowski'") stays a work."""
    for span in spans:
        s, e, label = span
        words = text[s:e].split()
        if label != "work" or len(words) < 2 or words[0] != "The":
            continue
        last = words[-1]
        if not last.endswith("s") or last.endswith(("ss", "is", "us")) or last in TYPING_LAST:
            continue  # not plural ("The Acropolis") or typed by its last word
        if any(c in _QUOTES for c in text[max(0, s - 1) : e + 1]):
            continue
        span[0], span[2] = s + 4, "org"  # the article is not part of a team's name


def _short_org_names(text: str, spans: list[list]) -> None:
    """A one-word name that starts an organisation's full name in the same article is that
    organisation ("Fortress" after "Fortress Investment Group"), in place; not a place
    ("Boston" of "Boston Globe", "in Palmer" of "Palmer Police Department") and not a word of
    a person's name ("Morgan" of "Piers Morgan")."""
    heads: set[str] = set()
    in_people: set[str] = set()
    for s, e, label in spans:
        words = clean_name(text[s:e], label).split()
        if label == "org" and len(words) >= 2 and words[-1] in ORG_LAST | _ORG_WORDS:
            heads.add(words[0])
        elif label == "person":
            in_people.update(words)
    if not heads:
        return
    places = world_places()
    for span in spans:
        surface = text[span[0] : span[1]]
        if (
            span[2] in ("place", "person", "other")
            and surface in heads
            and surface not in in_people
            and surface not in places
            and surface not in GAZETTEER
            and not _where(text, surface)
        ):
            span[2] = "org"


def _where(text: str, word: str) -> bool:
    """The text uses ``word`` as a place somewhere: "in Palmer", "near Creston", "Biloxi,
    Miss.", "LaCalamita, 38, of Troy", "the city of Palmer", "Troy police"."""
    w = re.escape(word)
    return bool(
        re.search(
            rf"(?:(?<![\w-])(?:in|near|(?:city|town|village|county)[ \t]+of)|,[ \t]+of)[ \t]+{w}"
            rf"(?![\w-])|(?<![\w-]){w}(?:,[ \t]+[A-Z]|[ \t]+police\b)",
            text,
        )
    )


def _surname_votes(text: str, spans: list[list]) -> None:
    """A two- or three-word name the model typed as something other than a person ("Bettie
    Page" as an organisation) is a person when its last word, alone elsewhere in the article,
    is more often typed person than anything else ("Page said ..."), in place. Not names whose
    last word types them ("Trump Tower") or with "&" ("Johnson & Johnson")."""
    alone: dict[str, Counter] = {}
    for s, e, label in spans:
        if " " not in text[s:e]:
            alone.setdefault(text[s:e], Counter())[label] += 1
    if not alone:
        return
    places = world_places()
    for span in spans:
        s, e, label = span
        words = text[s:e].split()
        if label in ("person", "group") or not 2 <= len(words) <= 3:
            continue
        if (
            is_known_org(words[0])  # "Intel Xeon": a company's product
            or words[-1] in TYPING_LAST
            or not all(w[:1].isupper() and w.isalpha() for w in words)
        ):
            continue
        if words[0] in STOPWORDS or " ".join(words[:-1]) in places or words[0] in GAZETTEER:
            continue  # "New Moon", "San Diego Padres": a place's or a common word's name
        votes = alone.get(words[-1])
        if votes and votes.most_common(1)[0][0] == "person" and words[-1] not in GAZETTEER:
            span[2] = "person"


def _propagate(text: str, spans: list[list], acronyms: dict[str, tuple[str, str]]) -> list[list]:
    """Tag the other occurrences of names already found in the article (same label), and
    bare surnames of people named in full ("Montalvo" after "Rafael Montalvo"); a longer name
    replaces the parts of it the model found at another occurrence."""
    votes: dict[str, Counter] = {}
    for s, e, label in spans:
        surface = text[s:e]
        votes.setdefault(surface, Counter())[label] += 1
        words = surface.split()
        if label == "person" and len(words) >= 2:
            votes.setdefault(surname(words), Counter())["person"] += 1
    for acronym, (_, label) in acronyms.items():
        votes[acronym] = Counter({label: 1})  # the definition decides
    names = {
        surface: counts.most_common(1)[0][0]
        for surface, counts in votes.items()
        if (len(surface) >= 3 or (surface.isupper() and len(surface) >= 2))
        and surface[0].isupper()
        and surface not in STOPWORDS
        and surface not in FURNITURE
        and not never_spread(surface)
    }
    if not names:
        return spans
    pattern = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    taken = bytearray(len(text) + 1)
    for s, e, _ in spans:
        taken[s:e] = b"\x01" * (e - s)
    added, replaced = [], []
    for m in re.finditer(rf"(?<![\w-])(?:{pattern})(?![\w-])", text):
        ms, me = m.span()
        if _in_address(text, ms, me):
            continue
        if not any(taken[ms:me]):
            added.append([ms, me, names[m.group()]])
        elif " " in m.group():
            # A longer name found elsewhere wins over the parts the model found here
            # ("their Google Science Fair", where the model saw only "Google").
            inside = [sp for sp in spans if sp[0] < me and ms < sp[1]]
            if all(ms <= sp[0] and sp[1] <= me and sp[1] - sp[0] < me - ms for sp in inside):
                replaced += inside
                added.append([ms, me, names[m.group()]])
    if replaced:
        spans = [sp for sp in spans if not any(sp is r for r in replaced)]
    return sorted(spans + added) if added else spans


def from_spacy(
    text: str, ents: Iterable[tuple[int, int, str]], publisher: str | None = None
) -> list[EntitySpan]:
    """finish() for spans with spaCy labels."""
    raw = ((s, e, SPACY_LABELS[lab]) for s, e, lab in ents if lab in SPACY_LABELS)
    return finish(text, raw, publisher)


def _heads_of_other_names(text: str, spans: list[list]) -> set[str]:
    """Words the article uses mostly as something other than a person, and as the first
    word of at least two other names ("Mozilla" in "Mozilla Foundation", "Mozilla
    Corporation"): not the surname of a person named "Represent Mozilla"."""
    alone: dict[str, Counter] = {}
    heads: dict[str, set[str]] = {}
    for s, e, label, *_ in spans:
        surface = clean_name(text[s:e], label)  # without "The"
        words = surface.split()
        if len(words) == 1:
            alone.setdefault(surface, Counter())[label] += 1
        elif label != "person":
            heads.setdefault(words[0], set()).add(surface)
    return {
        word
        for word, names in heads.items()
        if len(names) >= 2
        and word in alone
        and alone[word]["person"] < sum(alone[word].values()) - alone[word]["person"]
    }


def _drop_overlaps(spans: list[list]) -> list[list]:
    out: list[list] = []
    for span in spans:
        if out and span[0] < out[-1][1]:
            if span[1] - span[0] > out[-1][1] - out[-1][0]:
                out[-1] = span
            continue
        out.append(span)
    return out


def _alias_step(
    text: str, spans: list[list], acronyms: dict[str, tuple[str, str]]
) -> list[EntitySpan]:
    # 1. Well-known aliases carry their own label ("U.S." is a place even if tagged ORG).
    for span in spans:
        fixed = alias_label(text[span[0] : span[1]])
        if fixed:
            span[2] = fixed
            span.append(True)  # marks a fixed label
    # 2. Bare surnames -> the full name (the nearest one before, else the first after).
    #    Also the last words of a longer name ("Forrest Jones" after "Michael Forrest Jones").
    full: dict[str, list[tuple[int, str]]] = {}
    for s, e, label, *_ in spans:
        if label == "person":
            name = clean_name(text[s:e], "person")
            words = name.split()
            if len(words) >= 2:
                full.setdefault(surname(words).lower(), []).append((s, name))
            if len(words) >= 3:
                full.setdefault(" ".join(words[1:]).lower(), []).append((s, name))
    places = world_places()
    not_surnames = _heads_of_other_names(text, spans)
    target: dict[int, str] = {}  # span start -> full name of what it refers to
    for span in spans:
        s, e = span[0], span[1]
        if len(span) > 3:
            continue
        if text[s:e] in acronyms:  # "WHO" after "World Health Organization (WHO)"
            target[s], span[2] = acronyms[text[s:e]]
            continue
        name = clean_name(text[s:e], "person")
        if " " in name and span[2] == "person":
            continue
        if span[2] == "place" and places.get(name) == NOT_A_CITY and name not in AMBIGUOUS_PLACES:
            continue  # "Egypt" is the country, whatever "Telecom Egypt" was typed
        choices = full.get(name.lower())
        if choices and name not in not_surnames:
            before = [n for pos, n in choices if pos < s]
            target[s] = before[-1] if before else choices[0][1]
            span[2] = "person"
    # A famous surname alone is that person, whatever the model typed ("Trump" as org).
    for span in spans:
        if len(span) == 3 and text[span[0] : span[1]] in FAMOUS_SURNAMES:
            span[2] = "person"
    # 3. One surface form, one label: the majority within the article (first one on ties).
    #    A mention followed by "spokesman", "website", "members" ... votes organisation.
    votes: dict[str, Counter] = {}
    for s, e, label, *_ in spans:
        counts = votes.setdefault(clean_name(text[s:e], "other").lower(), Counter())
        counts[label] += 1
        m = _NEXT_WORD.match(text, e)
        if label == "place" and m and m.group(1) in ORG_CONTEXT and text[s:e] not in GAZETTEER:
            counts["org"] += 2
    result = []
    for span in spans:
        s, e, label = span[0], span[1], span[2]
        if not text[s:e].strip():
            continue  # a step cut a span to nothing: never show an empty highlight
        if len(span) == 3 and s not in target:
            label = votes[clean_name(text[s:e], "other").lower()].most_common(1)[0][0]
        if s in target:
            key, name, label = canonical(target[s], label)
        else:
            key, name, label = canonical(text[s:e], label)
        result.append(EntitySpan(text=text[s:e], label=label, start=s, end=e, key=key, name=name))
    return result
