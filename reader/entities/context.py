"""What the text around a name says it is, whatever the model said.

- context_step: the words after it: "Alibaba shares fell" (a company), "the Rukban camp", "a
  Spokane-based firm" (places; "-based" only after a known place, not "Intel-based"). Only
  for names of one to three words, never for a person named in full elsewhere in the
  article; organisations only become places by a kind of place ("the Trump camp" is a
  campaign, not a place).
- quoted_titles: a quoted name with a word for a work near it is a title.
- fixed_kinds: how some places and prizes are written (datelines, "Abu Talat (Egypt)",
  "State Route 94", "won an Oscar").
- publisher_step: the feed's own name is the organisation that publishes it.
"""

from __future__ import annotations

import bisect
import re

from reader.entities.gazetteer import COUNTRIES, world_places
from reader.entities.words import FIRST_NAMES, ORG_LAST

#: After a company's name: its shares moving, its staff and owners.
_ORG_AFTER = re.compile(
    r"(?:'s|’s)?[ \t]+(?:(?:shares|stock)[ \t]+(?:rose|fell|jumped|dropped|slid|gained|climbed|"
    r"tumbled|soared|plunged|sank|surged|closed|traded|were|are|have|had)|subsidiary|"
    r"shareholders|stockholders|headquarters|spokesperson|spokeswoman|spokesman)\b"
)
#: After a place's name used as a modifier: what kind of place it is.
_PLACE_AFTER = re.compile(
    r"(?:[ \t]+(?:province|county|counties|district|village|refugee[ \t]+camp|camp|"
    r"neighbourhood|neighborhood|suburb|border[ \t]+crossing|crossing|airbase|air[ \t]+base)\b)"
)
_TYPES = ("person", "place", "other", "org")


def context_step(text: str, spans: list[list], people: set[str]) -> None:
    """Retype, in place, names whose next words say what they are, and the other mentions of
    the same name in the article with them (so the article's majority cannot undo it).
    ``people``: words of multi-word person names in the article (first names, surnames)."""
    decided: dict[str, str] = {}
    for s, e, label in spans:
        surface = text[s:e]
        if label not in _TYPES or len(surface.split()) > 3 or surface in people:
            continue
        place = _PLACE_AFTER.match(text, e) or (
            text.startswith("-based", e) and surface in world_places()  # not "Intel-based"
        )
        if place and label != "place" and (label != "person" or " " not in surface):
            kind = place.group().split() if isinstance(place, re.Match) else []
            if label == "other" or kind != ["camp"]:  # "the Trump camp" is his campaign
                decided[surface] = "place"
                continue
        if label == "org":
            continue
        m = _ORG_AFTER.match(text, e)
        if m and not (label == "person" and (" " in surface or "spokes" in m.group())):
            decided[surface] = "org"  # not "Trump spokesman": a person's spokesman
    if decided:
        for span in spans:
            new = decided.get(text[span[0] : span[1]])
            if new and span[2] in _TYPES:
                span[2] = new


_OPEN_QUOTES = "\"“‘'«"
_CLOSE_QUOTES = "\"”’'»"
#: Words around a quoted title that say it is one ("the movie", "credits include", "star").
_WORK_CUE = re.compile(
    r"\b(?:film|films|movie|movies|show|series|book|novel|album|song|single|track|play|musical|"
    r"opera|game|episode|sitcom|documentary|star|starred|stars|host|hit|credits|memoir|TV|"
    r"television|programme|program|playing|sequel|trilogy|franchise|title)\b"
)
_NICKNAMED = re.compile(r"\b(?:called|dubbed|nicknamed|known as|named|as|alias|aka)[ \t]*$")
_SPEECH_AFTER = re.compile(
    r"[,.]?[\"”’'»][ \t]+(?:he|she|they|I|we|[A-Z]\w+)?[ \t]*(?:said|says|told|asked|added|wrote)\b"
)


def quoted_titles(text: str, spans: list[list]) -> None:
    """A name that fills a quotation by itself, with a word for a work near it ('the movie
    "Dreamgirls"', 'the "American Pie" star'), is a title, whatever the model said; not a
    nickname ("Vincent 'The Chin' Gigante", 'known as "Deep Throat"'), a person's name or a
    one-word quote of speech ('"Obama," he said'). In place."""
    for span in spans:
        s, e, label = span
        if label not in ("person", "org", "other") or s == 0 or e >= len(text):
            continue
        close = e + 1 if text[e] in ",." and e + 1 < len(text) else e
        if text[s - 1] not in _OPEN_QUOTES or text[close] not in _CLOSE_QUOTES:
            continue
        if text[s - 1] == "'" and s > 1 and text[s - 2].isalnum():
            continue  # an apostrophe, not a quote
        if re.search(r"[A-Z][\w.]*[ \t]$", text[max(0, s - 20) : s - 1]) and re.match(
            r"[ \t]+[A-Z]", text[close + 1 : close + 3]
        ):
            continue  # a nickname between a first name and a surname
        if _SPEECH_AFTER.match(text, e) or text[s:e].split()[0] in FIRST_NAMES:
            continue  # a one-word quote of speech, a person's name in quotes
        before = text[max(0, s - 40) : s - 1]
        before = re.split(r"[.!?][ \t]|\n", before)[-1]  # this sentence only
        if _NICKNAMED.search(before):
            continue
        after = re.split(r"[.!?][ \t]|\n", text[close + 1 : close + 25])[0]
        if _WORK_CUE.search(before) or _WORK_CUE.search(after):
            span[2] = "work"


#: A dateline: a place in capitals at the start of a line, a state or country after it, an
#: agency in parentheses, then a dash ("BERLIN --", "BAAR, SWITZERLAND —", "WASHINGTON (AP) —").
_DATELINE = re.compile(
    r"^([A-Z][A-Z.'’-]+(?:[ \t][A-Z][A-Z.'’-]+){0,2})"
    r"(?:,[ \t]+([A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+)?))?"
    r"[ \t]*(?:\([A-Za-z][\w .&-]{0,30}\)[ \t]*)?(?:—|–|--|-)[ \t]",
    re.M,
)
#: Awards named by one word ("won an Oscar", "two Emmys"): prizes, not people.
_AWARD = re.compile(
    r"(?<![\w-])(?:a|an|the|his|her|their|two|three|four|five|\d+|first|second)[ \t]+"
    r"(Oscars?|Emmys?|Grammys?|Tonys?|Baftas?|BAFTAs?|Golden[ \t]Globes?)(?![\w-])"
)
#: Places by how they are written: "Abu Talat (Egypt)", "Ryan Hollman, 31, of Hope", "Barry,
#: Berrien and Van Buren counties", "State Route 94".
_COUNTRY_IN_PARENS = re.compile(r"[ \t]\(([A-Z][A-Za-z]+(?:[ \t][A-Z][A-Za-z]+)?)\)")
_AGE_OF_PLACE = re.compile(
    r",[ \t]+\d{1,3},[ \t]+of[ \t]+([A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)(?=[,.;\n ])"
)
_NAME = r"[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?"
_KINDS_OF_PLACE = re.compile(
    r"[ \t](?:counties|provinces|states|districts|regions|islands|cities|towns|villages)\b"
)
# Searched only in the 240 characters before a kind of place, with a bounded list: an open
# repetition here backtracks for minutes on a long list of capitalised words.
_PLACE_LIST = re.compile(rf"((?:{_NAME},[ \t]+){{0,12}}{_NAME},?[ \t]+and[ \t]+{_NAME})$")
_ROAD = re.compile(
    r"(?<![\w-])(?:State[ \t]Route|U\.S\.[ \t]Route|Route|Highway|Interstate|Hwy\.?)[ \t]\d{1,4}\b"
)
_SKY = re.compile(r"(?<![\w-])the[ \t]+(Moon|Earth|Solar[ \t]System|Milky[ \t]Way)(?![\w-])")


def fixed_kinds(text: str, spans: list[list]) -> list[list]:
    """Places in datelines, lists of counties, "X (Country)", "Name, 31, of Town", numbered
    roads; one-word awards; "the Moon": retyped where the model found them, added where it
    did not. Returns the spans, sorted."""
    found: list[tuple[int, int, str]] = []
    for m in _DATELINE.finditer(text):
        found.append((m.start(1), m.end(1), "place"))
        if m.group(2):
            found.append((m.start(2), m.end(2), "place"))
    found += [(m.start(1), m.end(1), "other") for m in _AWARD.finditer(text)]
    found += [(m.start(1), m.end(1), "place") for m in _SKY.finditer(text)]
    found += [(m.start(1), m.end(1), "place") for m in _AGE_OF_PLACE.finditer(text)]
    found += [(m.start(), m.end(), "place") for m in _ROAD.finditer(text)]
    for kind in _KINDS_OF_PLACE.finditer(text):
        start = max(0, kind.start() - 240)
        m = _PLACE_LIST.search(text, start, kind.start())
        if m:
            for name in re.finditer(_NAME, m.group(1)):
                found.append((m.start(1) + name.start(), m.start(1) + name.end(), "place"))
    ending: dict[int, list[list]] = {}
    for span in spans:
        ending.setdefault(span[1], []).append(span)
    for m in _COUNTRY_IN_PARENS.finditer(text):
        if m.group(1) in COUNTRIES:  # the name right before is a place in that country
            before = ending.get(m.start(), [])
            found += [
                (sp[0], sp[1], "place")
                for sp in before
                if sp[2] in ("person", "other") and text[sp[0] : sp[1]].split()[-1] not in ORG_LAST
            ]
    if not found:
        return spans
    added = []
    starts = [span[0] for span in spans]  # spans are sorted and do not overlap
    for s, e, label in found:
        inside = []
        for span in spans[max(0, bisect.bisect_left(starts, s) - 1) :]:
            if span[0] >= e:
                break
            if s < span[1]:
                inside.append(span)
        if not inside:
            added.append([s, e, label])
        for span in inside:
            if s <= span[0] and span[1] <= e:
                span[0], span[1], span[2] = s, e, label  # "State Route" -> "State Route 94"
            elif span[0] <= s and e <= span[1] and label == "place" and span[2] != "place":
                span[0], span[1], span[2] = s, e, label  # "Route" cut from "State Route 94"
    return sorted(spans + added) if added else spans


#: Words a feed's title adds to the publisher's name ("TechCrunch News", "The Tailrank Blog").
_TITLE_NOISE = frozenset("the blog news feed rss official latest home weblog site updates".split())


def publisher_name(feed_title: str | None) -> str | None:
    """The publisher's name in a feed's title ("Tailrank Blog" -> "tailrank"), lowercased;
    None when the title is a known place or a person's name ("London", "Paul Dix Explains
    Nothing" is no publisher a text would name)."""
    if not feed_title:
        return None
    words = [w for w in re.split(r"[\s:|–—-]+", feed_title) if w]
    kept = [w for w in words if w.lower() not in _TITLE_NOISE]
    if not kept or len(kept) > 3:
        return None
    name = " ".join(kept)
    if name in world_places() or name.title() in world_places():
        return None
    if kept[0].capitalize() in FIRST_NAMES:
        return None
    return name.lower()


def publisher_step(text: str, spans: list[list], publisher: str | None) -> None:
    """A feed names its publisher: mentions of it the model typed person, place or other are
    the organisation ("Tailrank is the cream of the crop" in Tailrank's own feed). In place."""
    if not publisher:
        return
    for span in spans:
        if span[2] in ("person", "place", "other") and text[span[0] : span[1]].lower() == publisher:
            span[2] = "org"
