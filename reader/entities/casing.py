"""Headlines written in title case or capitals, recased for the model.

The model reads capitals as names: "Colts Beat Chiefs To Clinch Playoff Spot" comes back as
one person. Before tagging, lines that are mostly capitalised words (or all capitals) are
recased by the article's own evidence: a word keeps its capital when the article capitalises
it inside a sentence ("the Colts") or reader knows it as a name (a place, a nationality, a
given name); the rest is lowercased. Short texts, with too little evidence, only get their
function words and the commonest headline verbs lowercased. A headline must have a function
word in capitals ("To", "In"): lists of names are left alone. The result has the same length
as the text, so the model's offsets hold for the original, which is what gets highlighted.

A line that ends without punctuation (a headline, a caption, a list item) also gets a full
stop in place of its line break, where the tokenizer will still split the words: the model
otherwise runs names across the break ("Jaguars\n\nPeyton Manning" as one organisation).
"""

from __future__ import annotations

import re

from reader.entities.gazetteer import GAZETTEER, world_places
from reader.entities.words import FIRST_NAMES, HEADLINE_VERBS

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_LOWER = re.compile(r"(?<![\w-])[a-z][a-z'’]*")
_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][a-z][a-z'’]*")
#: Capitalised words inside sentences (after a lowercase word, a digit or a comma).
_TITLED = re.compile(r"(?<=[a-z0-9,;:] )[A-Z][a-z][a-z'’]*")
#: Function words title case capitalises (not "New", "North": parts of names).
_FUNCTION = (
    frozenset(
        """a an the and or but nor of in on at to for with by from as into onto over under after
    before about against between up down out off is are was were be been has have had will
    would can could may says said vs via amid""".split()
    )
    | HEADLINE_VERBS
)
_MIN_WORDS = 4
#: Function words that title case capitalises and ordinary text does not.
_SMALL = frozenset(
    """to in on at for of with after as is are was by from over into the a an during before
    against about without within through between among amid under than will can may could
    would should has have had be been not""".split()
)
#: Below this many words of ordinary text, the article is no evidence of how words are cased.
_MIN_BODY_WORDS = 40


def _headline_kind(line: str) -> str | None:
    """ "title", "caps" or None for a line of ordinary text. A headline has a function word
    written in capitals after its first word ("Colts Beat Chiefs To Clinch ..."): lists of
    names ("Raleigh, NC @ Coastal Credit Union Music Park") have none and are left alone."""
    words = _WORD.findall(line)
    if not _MIN_WORDS <= len(words) <= 25:
        return None
    if not any(w[0].isupper() and w.lower() in _SMALL for w in words[1:]):
        return None
    letters = [w for w in words if len(w) > 1]
    if letters and all(w.isupper() for w in letters):
        return "caps"
    capitalised = sum(w[0].isupper() for w in words)
    return "title" if capitalised >= 0.8 * len(words) else None


#: A line break after a line without final punctuation, where a full stop can stand in for it:
#: before a blank line (".\n\n"), or between a lowercase letter and a capital, which the
#: tokenizer splits at a full stop ("Jaguars.Peyton").
_OPEN_BREAK = re.compile(r"(?<=[A-Za-z0-9)\]’”\"'])\n(?=[ \t]*\n)|(?<=[a-z])\n(?=[A-Z])")


def model_text(text: str) -> str:
    """``text`` prepared for the model (same length, same offsets): headlines recased, and
    line breaks after unpunctuated lines marked as sentence ends."""
    text = _recased(text)
    return _OPEN_BREAK.sub(lambda m: _stop(text, m.start()), text)


def _stop(text: str, at: int) -> str:
    """A full stop for the line break at ``at`` when the line before it is a sentence or a
    headline; short labels ("Story Timeline") stay unpunctuated, since the model reads a lone
    capitalised phrase with a full stop as a name."""
    line = text[text.rfind("\n", 0, at) + 1 : at]
    return "." if len(line.split()) >= _MIN_WORDS else "\n"


def _recased(text: str) -> str:
    """``text`` with its headlines recased."""
    lines = text.split("\n")
    kinds = [_headline_kind(line) for line in lines]
    if not any(kinds):
        return text
    body = "\n".join(line for line, kind in zip(lines, kinds, strict=True) if not kind)
    evidence = len(_WORD.findall(body)) >= _MIN_BODY_WORDS
    lower = set(_LOWER.findall(body)) | _FUNCTION
    # a name: capitalised in the body (inside a sentence, or at its start and never in lowercase)
    titled = set(_TITLED.findall(body))
    titled |= {w for w in _CAPITALISED.findall(body) if w.lower() not in lower}
    out = []
    for line, kind in zip(lines, kinds, strict=True):
        if kind:
            line = _recase(line, kind, lower, titled, evidence)
        out.append(line)
    return "\n".join(out)


def _known(word: str) -> bool:
    """A name reader knows without the article: a place, a nationality, a given name."""
    return word in GAZETTEER or word in FIRST_NAMES or word in world_places()


def _recase(line: str, kind: str, lower: set[str], titled: set[str], evidence: bool) -> str:
    """One headline recased: with enough body text, a word keeps its capital only when the
    body capitalises it inside a sentence or it is a known name; without, only the function
    words and headline verbs are lowercased."""

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        low, cap = word.lower(), word.capitalize()
        name = cap in titled or _known(cap)
        if kind == "caps" and len(word) <= 4 and low not in lower and not name:
            return word  # an acronym: "MVC"
        if m.start() == first:
            return cap if kind == "caps" else word
        if low in _FUNCTION and cap not in titled:
            return low
        if evidence:
            return cap if name else low
        return low if low in lower else (cap if kind == "caps" else word)

    first_word = _WORD.search(line)
    first = first_word.start() if first_word else -1
    return _WORD.sub(fix, line)
