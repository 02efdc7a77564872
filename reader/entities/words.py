"""Word lists shared by the post-processing and the fallback tagger."""

from __future__ import annotations

# Capitalised words that start sentences or are not names on their own.
_STOP = """A An The This That These Those There Their They Them Then Thus He She It Its His Her
We Our Us You Your I In On At By For From With Without Of To As But And Or Nor So If When
While Where What Who Whom Whose Which Why How After Before During Since Until Although Though
Because Also However Meanwhile Moreover Yet Still Some Many Most More Much Several Each Every
All Any No Not Both Either Neither One Two Three Four Five Six Seven Eight Nine Ten First
Second Third Last Next New Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday
Sunday January February March April May June July August September October November
December Today Yesterday Tomorrow Here Now Just Only Even Despite Among Under Over About
Against Between Into Through Like Unlike Is Are Was Were Be Been Has Have Had Do Does Did Can
Could Will Would Should May Might Must Shall Let Please Yes Oh Image Photo Video Read Share
Sign Subscribe Advertisement Click Follow Related Updated Published Posted Copyright OK
According Following Asked Said Says Speaking Instead Later Earlier Once Often Other Others"""


#: Capitalised words that are not names on their own (sentence starts, function words).
STOPWORDS = frozenset(_STOP.split())
_WORDS = _STOP.split()
#: Weekdays and months (dates are not entities).
MONTHS_DAYS = frozenset(_WORDS[_WORDS.index("Monday") : _WORDS.index("December") + 1])

#: Page furniture that the model sometimes takes for a name ("Image: ..." captions).
FURNITURE = frozenset(
    """Image Images Photo Photos Photograph Picture Video Videos Audio Caption Credit Credits
    Source Sources Listen Watch Advertisement Share Comments Comment Subscribe Newsletter
    Writing Reporting Editing Update Updated Correction Getty""".split()
)
