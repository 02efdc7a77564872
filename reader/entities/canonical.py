"""Canonical entities: one key, display name and label for the many ways a name is written.

A key is ``<label>:<lowercased canonical name>`` (``place:united states``); reader's search
(``entity:"Vladimir Putin"``) matches on it. Spellings that mean the same thing ("US",
"U.S.", "USA", "United States") share a name through a small alias table; a bare surname
is joined to the full name earlier in the same article by the alias step (postprocess.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Well-known short forms -> (display name, label). The label wins over the model's guess,
# which often calls "U.S." an organisation.
_ALIASES: dict[str, tuple[str, str]] = {}


def _add(name: str, label: str, *spellings: str) -> None:
    for spelling in (name, *spellings):
        _ALIASES[_fold(spelling)] = (name, label)


@lru_cache(maxsize=16384)
def _fold(text: str) -> str:
    """Lowercase, without dots, accents or extra spaces: 'U.S.' -> 'us'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace(".", "").replace("’", "'")
    return " ".join(text.lower().split())


_add("United States", "place", "US", "USA", "U.S.A.", "United States of America", "America")
_add("United Kingdom", "place", "UK", "Britain", "Great Britain")
_add("United Arab Emirates", "place", "UAE")
_add("Soviet Union", "place", "USSR")
_add("New York City", "place", "NYC")
_add("Los Angeles", "place", "LA", "L.A.")
_add("Washington, D.C.", "place", "Washington DC", "Washington D.C.", "D.C.")
_add("Democratic Republic of the Congo", "place", "DRC", "DR Congo")
_add("United Nations", "org", "UN")
_add("European Union", "org", "EU")
_add("NATO", "org", "Nato", "North Atlantic Treaty Organization")
_add("Associated Press", "org", "AP")
_add("Agence France-Presse", "org", "AFP")
_add("Reuters", "org", "Thomson Reuters")
_add("Deutsche Presse-Agentur", "org", "DPA", "dpa")
_add("World Health Organization", "org", "WHO")
_add("International Monetary Fund", "org", "IMF")
_add("Federal Bureau of Investigation", "org", "FBI")
_add("Central Intelligence Agency", "org", "CIA")
_add("Islamic State", "org", "ISIS", "ISIL", "IS", "Daesh", "Islamic State of Iraq and the Levant")
_add("Hamas", "org", "HAMAS")
_add("Hezbollah", "org", "Hizbollah", "Hizballah", "Hizbullah")
_add("al-Qaeda", "org", "al Qaeda", "al-Qaida", "al Qaida", "Al-Qaeda", "Al Qaeda")
_add("Taliban", "org", "the Taliban")
_add("Boko Haram", "org")
_add("al-Shabaab", "org", "al Shabaab", "Al-Shabab", "al-Shabab")

# Words in front of a person's name that are not part of the name itself.
_TITLES = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|dr|prof|professor|sir|dame|lord|lady|president|vice president|"
    r"prime minister|pm|senator|sen|rep|representative|governor|gov|mayor|minister|"
    r"chancellor|king|queen|prince|princess|pope|general|gen|col|colonel|capt|captain|"
    r"judge|justice|chairman|chief executive|ceo|secretary|st|saint)\.?\s+)+",
    re.I,
)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_EDGE_JUNK = " \t\r\n\"'“”‘’`.,;:!?()[]{}«»-–—"


@lru_cache(maxsize=16384)  # the same names recur in every article
def clean_name(text: str, label: str) -> str:
    """The display form of a mention: no possessive, quotes, leading 'the' or titles."""
    name = " ".join(text.split())
    name = _POSSESSIVE.sub("", name)
    # Keep a final dot that belongs to an abbreviation (U.S., Inc.).
    keep_dot = bool(re.search(r"(?:\b\w\.\w\.|\b(?:Inc|Corp|Co|Ltd|Jr|Sr|St)\.)$", name))
    name = name.strip(_EDGE_JUNK) + ("." if keep_dot and not name.endswith("..") else "")
    if name.lower().startswith("the ") and len(name) > 4:
        name = name[4:]
    if label == "person":
        stripped = _TITLES.sub("", name)
        if stripped:
            name = stripped
    return name or " ".join(text.split())


@lru_cache(maxsize=16384)
def canonical(text: str, label: str) -> tuple[str, str, str]:
    """(key, display name, label) for a mention of ``text`` typed ``label``."""
    name = clean_name(text, label)
    alias = _ALIASES.get(_fold(name))
    if alias and (label != "person" or len(name) > 3):
        name, label = alias
    return make_key(label, name), name, label


def make_key(label: str, name: str) -> str:
    """``<label>:<lowercased canonical name>``."""
    return f"{label}:{' '.join(name.lower().split())}"


def alias_label(text: str) -> str | None:
    """The fixed label of a well-known alias (e.g. 'U.S.' -> 'place'), if any."""
    alias = _ALIASES.get(_fold(clean_name(text, "other")))
    return alias[1] if alias else None
