"""Is a text English? The NER model is English-only: on Italian or German articles it
highlights nonsense ("Cofanetto" as a person), so those are not tagged at all.

A cheap test that needs no model: most letters must be Latin, and very common English words
must outnumber the very common words of the other languages news comes in (Italian il, di,
che; German der, und; Portuguese não, uma; Indonesian yang, dan; Czech je, že; Polish się
...). Words shared between English and those languages ("a", "in", "as") count for neither.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH = frozenset(
    """the of and to is that for it was on with his he be at by are this from have had not but
    or they which you were her she their has its been we will would who more said after
    about there when what can one also all into than over new two""".split()
)
_OTHERS = frozenset(
    """il di che per una non sono della del dello degli delle nel nella lo gli le la les des
    est pour une dans que qui sur pas avec ce cette sont el los las por con para como pero
    más um uma não com mais pelo pela são der die das und ist nicht mit den dem von zu auf
    für sich ein eine auch werden yang dan ini itu dengan untuk dari tidak het een van niet
    zijn op och att är för på som och av det et ut sed quis nisi amet dolor lorem ipsum je se
    že jsou ve který která které ale jak jako pro při nebo jen již také byl bylo jsme nie się
    jest są dla przez oraz jego czy""".split()
)
#: Below this many words, a text is too short to judge (a headline): taken as English.
MIN_WORDS = 40


def looks_english(text: str) -> bool:
    """True unless ``text`` is long enough to judge and is clearly in another language."""
    sample = text[:20_000]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) >= 200 and sum(c.isascii() for c in letters) < 0.5 * len(letters):
        return False  # Cyrillic, Greek, CJK, Arabic ...
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return True
    english = sum(w in _ENGLISH for w in words)
    others = sum(w in _OTHERS for w in words)
    if others < 3:
        return True  # no sign of another language (a box score, a list of names)
    return english >= 1.5 * others and english >= 0.04 * len(words)
