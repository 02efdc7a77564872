"""Class nouns around a name that say what it is: appositions and definitions.

News and reference text name a thing and say what kind of thing it is in the same breath:
"Ubisoft, a video game company", "Nirvana was an American rock band from Seattle", "the band
Nirvana", "graphic novel Angel Catbird", "the town of Koblenz", "a group called the Sea Org".
The class noun (company, band, novel, town, singer ...) types the name more reliably than the
small model, which guesses from the name's letters and a few words around it. A name typed
this way keeps its type for its other mentions in the article (postprocess.py).
"""

from __future__ import annotations

import re

from reader.entities.ruler import PRODUCTS, is_known_org

#: Class nouns -> reader label. Lowercase only: a capitalised "Band" or "Party" is part of a
#: name, and those are handled by the name's last word (words.ORG_LAST ...).
_CLASSES = {
    "org": """company corporation firm conglomerate multinational startup start-up
        subsidiary manufacturer carmaker automaker maker retailer supermarket chain publisher
        broadcaster network newspaper tabloid daily weekly magazine airline carrier bank lender
        insurer brokerage organisation organization agency charity nonprofit non-profit
        foundation association society institute university college academy school club
        team side franchise band group duo trio quartet orchestra choir ensemble party
        movement militia faction coalition alliance union federation league committee council
        ministry department regulator watchdog court parliament government cabinet
        administration think-tank label studio cartel gang sect denomination""",
    "place": """city town village hamlet suburb neighbourhood neighborhood district borough
        municipality commune county province region state territory country nation republic
        kingdom emirate island archipelago peninsula capital port river lake mountain volcano
        valley desert sea ocean bay gulf strait canal airport stadium arena street road highway
        square bridge castle palace cathedral mosque temple prison resort enclave oblast
        governorate prefecture canton parish township settlement outskirts north south east
        west northeast northwest southeast southwest north-east north-west south-east
        south-west planet moon asteroid comet galaxy""",
    "person": """man woman boy girl singer rapper musician guitarist drummer bassist vocalist
        songwriter composer actor actress comedian filmmaker director producer writer author
        novelist poet playwright journalist reporter columnist editor photographer illustrator
        cartoonist artist painter sculptor architect politician lawmaker legislator senator
        congressman congresswoman diplomat ambassador minister official spokesman spokeswoman
        spokesperson lawyer attorney prosecutor judge doctor physician surgeon nurse scientist
        physicist chemist biologist researcher professor lecturer teacher student economist
        analyst historian philosopher businessman businesswoman entrepreneur investor
        billionaire millionaire executive footballer cricketer athlete sprinter boxer wrestler
        swimmer cyclist golfer player coach striker midfielder defender goalkeeper pitcher
        quarterback jockey pilot astronaut soldier activist campaigner founder chairman
        chairwoman chief
        priest bishop cleric imam rabbi monk nun pastor preacher king queen prince princess
        emperor empress son daughter father mother wife husband brother sister widow teenager
        cosplayer blogger youtuber designer model dancer ballerina chef manager host mogul
        anchor presenter aide adviser advisor officer detective commissioner superintendent
        trooper inspector lieutenant sergeant colonel governor mayor president chancellor
        resident""",
    "work": """album single song film movie novel book memoir biography comic manga series
        sitcom show programme documentary play opera musical poem painting sculpture
        soundtrack ep mixtape anthology magazine-article""",
    "event": """festival tournament championship competition election referendum war
        battle conference summit convention""",
    "other": """language dialect software browser app application smartphone handset console
        videogame video-game""",
}
LABEL_OF: dict[str, str] = {}
for _label, _words in _CLASSES.items():
    for _word in _words.split():
        LABEL_OF.setdefault(_word, _label)
        if _word.endswith("y") and _word[-2] not in "aeiou":
            LABEL_OF.setdefault(_word[:-1] + "ies", _label)
        elif _word.endswith(("s", "sh", "ch", "x")):
            LABEL_OF.setdefault(_word + "es", _label)
        else:
            LABEL_OF.setdefault(_word + "s", _label)
for _word, _label in (("men", "person"), ("women", "person"), ("children", "person")):
    LABEL_OF[_word] = _label

# Words that end the noun phrase after a class noun (its head): a preposition, a relative
# word, a participle that starts a modifier ("a film directed by"), a conjunction.
_ENDS = """of in from for with by on at to near behind after before over under into within
across against between among about since that which who whose where when and or but based
formed founded established located situated headquartered owned operated run directed
written released produced recorded published developed created starring known called named
led headed""".split()
# Words that cannot be inside the noun phrase between "X, a" and its class noun: where they
# are, the words after the comma are a clause or a list, not an apposition.
_NOT_BETWEEN = """a an the and or but nor who which that where when while if as is was are were
be been has have had will would said says told he she it they we i you not in on at for to
with by from of than then""".split()
_WORD = rf"(?!(?:{'|'.join(_NOT_BETWEEN)})[ \t])[\w'’.-]+"
_DEFINITION = re.compile(
    # "X (born 1970) is an English footballer", "X, a video game company,", "X, 45, a singer"
    rf"(?:'s|’s)?(?:[ \t]*\([^()\n]{{0,80}}\))?"
    rf"(?:[ \t]*,[ \t]*(?:\d{{1,3}},[ \t]*)?"
    rf"|[ \t]+(?:is|was|are|were|has[ \t]+been|had[ \t]+been)[ \t]+)"
    # an article or a possessive must start the noun phrase ("a ...", "Britain's ..."): without
    # one the words after a comma are more often a clause ("X, contacted the minister")
    rf"(?:(?:a|an|the|one[ \t]+of[ \t]+the)[ \t]+|(?=[\w.-]+(?:'s|’s)[ \t]))"
    rf"(?:{_WORD}[ \t]+){{0,5}}?"
    rf"([a-z][a-z-]*)(?=[ \t]*(?:[,.;:!?)\"”]|\n|$)|[ \t]+(?:{'|'.join(_ENDS)})\b)"
)
# "the band Nirvana", "rapper Eminem", "the town of Koblenz", "a group called the Sea Org".
_BEFORE = re.compile(
    r"(?<![\w-])([a-z][a-z-]*)[ \t]+(?:(of|called|named|known[ \t]+as)[ \t]+)?(?:the[ \t]+)?$"
)
# A noun in front that is a modifier of a noun after the name, not the name's class: "the
# team Chelsea beat" is rare; "company boss X" and "band member X" have other nouns between.
_ONLY_WITH_OF = frozenset(
    """state port capital republic kingdom outskirts north south east west northeast northwest
    southeast southwest north-east north-west south-east south-west""".split()
)
# Class nouns that are also verbs: in front of a name they are more often the verb ("polls
# show Labour ahead", "would coach Chelsea", "label Trump a liar").
_ALSO_VERBS = frozenset(
    """show shows play plays book books film films single singles program programme battle
    console coach judge pilot model nurse father mother man court label host""".split()
)


def _known_thing(name: str) -> bool:
    """A product or an organisation the ruler knows ("Linux", "Google")."""
    return name in PRODUCTS or is_known_org(name)


def class_of(text: str, start: int, end: int) -> str | None:
    """The label a class noun around the name text[start:end] points to, or None."""
    m = _DEFINITION.match(text, end)
    if m:
        label = LABEL_OF.get(m.group(1))
        if m.group(1) in ("producer", "producers"):
            label = _producer(m.group(0))
        if label:
            return label
    before = text[max(0, start - 40) : start]
    m = _BEFORE.search(before)
    if m:
        noun, link = m.group(1), m.group(2)
        label = LABEL_OF.get(noun)
        if label is None or (noun in _ONLY_WITH_OF and link != "of"):
            return None
        if noun in _ALSO_VERBS and link is None:
            return None
        if link == "of" and label != "place":
            return None  # "the son of X", "a member of X": not what X is
        if noun == "state" and link == "of" and _known_thing(text[start:end]):
            return None  # "the state of Texas", but "the state of Linux usability"
        return label
    return None


#: Words that make a producer a person (films, music) or a company (industry).
_CREATIVE = re.compile(
    r"\b(?:film|movie|music|record|TV|television|theatre|theater|"
    r"Broadway|Hollywood|executive|hip-hop|rap|documentary|series)\b"
)
_INDUSTRY = re.compile(
    r"\b(?:industrial|oil|gas|steel|energy|food|chip|car|auto|coffee|wine|"
    r"cocoa|meat|dairy|grain|cotton|sugar|largest|biggest|leading)\b"
)


def _producer(phrase: str) -> str | None:
    """A "producer" is a person in films and music ("a film producer") and a company in
    industry ("a giant industrial producer", "the largest oil producer"); else unknown."""
    if _CREATIVE.search(phrase):
        return "person"
    if _INDUSTRY.search(phrase):
        return "org"
    return None


#: Nouns that name what follows them ("the company Hitwise UK", "the album Thriller"). Not
#: nouns that are also verbs or adjectives ("polls show Labour ahead", "a single Republican")
#: nor bodies a person is often named after ("told the court Mr Smith", "the party Chairman").
_RUN_NOUNS = frozenset(
    """company corporation firm conglomerate startup start-up subsidiary manufacturer
    carmaker automaker retailer supermarket publisher broadcaster newspaper tabloid magazine
    airline bank lender insurer charity nonprofit foundation organisation organization band
    club team group duo trio orchestra choir movement militia faction studio cartel gang sect
    album song movie novel memoir manga sitcom opera documentary festival tournament
    championship competition referendum conference browser app smartphone videogame""".split()
)
# A class noun right before capitalised words: "the company Hitwise UK's", "the film Titanic".
_CLASS_THEN_NAME = re.compile(
    r"(?<![\w-])([a-z][a-z-]*)[ \t]+(?:(?:called|named)[ \t]+)?"
    r"((?:[A-Z][\w&.-]*[ \t]+){0,3}[A-Z][\w&.-]*)"
)


def names_after_class_nouns(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of capitalised words right after an organisation, work, event or
    product noun ("the company Hitwise UK", "the album Thriller"), found whether or not the
    model found them; words that are not names on their own (Monday, The ...) are skipped."""
    from reader.entities.words import STOPWORDS

    found = []
    for m in _CLASS_THEN_NAME.finditer(text):
        if m.group(1) not in _RUN_NOUNS:
            continue
        label = LABEL_OF[m.group(1)]
        start, end = m.span(2)
        words = m.group(2).split()
        if all(w.rstrip(".") in STOPWORDS for w in words) or end - start < 2:
            continue
        found.append((start, end, label))
    return found
