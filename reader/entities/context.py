"""The word after a name types it: "Alibaba shares fell" (a company), "the Rukban camp", "a
Spokane-based firm" (places; "-based" only after a known place, not "Intel-based"), whatever
the model said.

Only for names of one to three words, never for a person named in full elsewhere in the
article, and organisations only become places by a kind of place ("the Trump camp" is a
campaign, not a place).
"""

from __future__ import annotations

import re

from reader.entities.gazetteer import world_places

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
    """Retype, in place, names whose next words say what they are. ``people``: words of
    multi-word person names in the article (first names and surnames)."""
    for span in spans:
        s, e, label = span
        surface = text[s:e]
        if label not in _TYPES or len(surface.split()) > 3 or surface in people:
            continue
        place = _PLACE_AFTER.match(text, e) or (
            text.startswith("-based", e) and surface in world_places()  # not "Intel-based"
        )
        if place and label != "place" and (label != "person" or " " not in surface):
            kind = place.group().split() if isinstance(place, re.Match) else []
            if label == "other" or kind != ["camp"]:  # "the Trump camp" is his campaign
                span[2] = "place"
                continue
        if label == "org":
            continue
        m = _ORG_AFTER.match(text, e)
        if m and not (label == "person" and (" " in surface or "spokes" in m.group())):
            span[2] = "org"  # not "Trump spokesman": a person's spokesman
