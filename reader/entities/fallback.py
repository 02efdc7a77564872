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

from reader.entities.postprocess import finish
from reader.entities.ruler import INTERNATIONAL_BODIES, MILITANT_GROUPS, WIRE_AGENCIES
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

_COUNTRIES = """Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria
Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia
Bosnia Botswana Brazil Brunei Bulgaria Burundi Cambodia Cameroon Canada Chad Chile China
Colombia Comoros Congo Croatia Cuba Cyprus Czechia Denmark Djibouti Dominica Ecuador Egypt
Eritrea Estonia Eswatini Ethiopia Fiji Finland France Gabon Gambia Georgia Germany Ghana Greece
Grenada Guatemala Guinea Guyana Haiti Honduras Hungary Iceland India Indonesia Iran Iraq
Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Kiribati Kosovo Kuwait Kyrgyzstan
Laos Latvia Lebanon Lesotho Liberia Libya Liechtenstein Lithuania Luxembourg Madagascar Malawi
Malaysia Maldives Mali Malta Mauritania Mauritius Mexico Micronesia Moldova Monaco Mongolia
Montenegro Morocco Mozambique Myanmar Namibia Nauru Nepal Netherlands Nicaragua Niger Nigeria
Norway Oman Pakistan Palau Palestine Panama Paraguay Peru Philippines Poland Portugal Qatar
Romania Russia Rwanda Samoa Senegal Serbia Seychelles Singapore Slovakia Slovenia Somalia
Spain Sudan Suriname Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Togo Tonga
Tunisia Turkey Turkmenistan Tuvalu Uganda Ukraine Uruguay Uzbekistan Vanuatu Venezuela Vietnam
Yemen Zambia Zimbabwe Gaza Crimea Europe Asia Africa America Antarctica Australia Arctic
Scotland England Wales Britain Kashmir Tibet Palestine"""
_MULTI_PLACES = (
    "United States", "United Kingdom", "United Arab Emirates", "South Africa", "South Korea",
    "North Korea", "New Zealand", "Saudi Arabia", "Sri Lanka", "Costa Rica", "El Salvador",
    "Ivory Coast", "Czech Republic", "Dominican Republic", "Central African Republic",
    "South Sudan", "Hong Kong", "West Bank", "Gaza Strip", "Middle East", "Latin America",
    "North America", "South America", "Northern Ireland", "New York", "New York City",
    "Los Angeles", "San Francisco", "New Delhi", "Tel Aviv", "Rio de Janeiro", "Buenos Aires",
    "Mexico City", "Kuala Lumpur", "Cape Town", "Washington D.C.", "Sao Paulo", "São Paulo",
)  # fmt: skip
_CITIES = """London Paris Berlin Moscow Beijing Tokyo Washington Brussels Rome Madrid Kyiv Kiev
Jerusalem Cairo Tehran Baghdad Damascus Beirut Ankara Istanbul Delhi Mumbai Karachi Islamabad
Kabul Seoul Pyongyang Shanghai Sydney Melbourne Toronto Ottawa Vancouver Montreal Chicago
Boston Houston Dallas Miami Atlanta Seattle Geneva Vienna Warsaw Prague Budapest Athens
Lisbon Dublin Amsterdam Stockholm Oslo Copenhagen Helsinki Nairobi Lagos Johannesburg
Riyadh Dubai Doha Manila Jakarta Bangkok Hanoi Singapore Taipei Texas California Florida
Ohio Virginia Michigan Pennsylvania Arizona Georgia Alabama Minnesota Wisconsin Iowa
Kentucky Oregon Nevada Utah Colorado Illinois Indiana Louisiana Alaska Hawaii Ontario Quebec
Bavaria Catalonia Sicily Siberia Donetsk Luhansk Kharkiv Odesa Mariupol Crimea Aleppo Mosul
Kandahar Rafah Khan Yunis"""
_NATIONALITIES = """American British English Scottish Welsh Irish French German Italian Spanish
Portuguese Dutch Belgian Swiss Austrian Swedish Norwegian Danish Finnish Polish Czech Greek
Turkish Russian Ukrainian Belarusian Chinese Japanese Korean Indian Pakistani Afghan Iranian
Iraqi Syrian Lebanese Israeli Palestinian Egyptian Saudi Yemeni Libyan Nigerian Kenyan
Ethiopian Somali Sudanese Mexican Brazilian Argentine Colombian Venezuelan Cuban Canadian
Australian Indonesian Filipino Vietnamese Thai Malaysian Taiwanese Kurdish Arab Arabs Muslim
Muslims Christian Christians Jewish Jews Catholic Catholics Protestant Sunni Shia Shiite
Hindu Hindus Buddhist Democrat Democrats Republican Republicans European Europeans African
Africans Asian Asians Latino Latinos Americans Russians Ukrainians Israelis Palestinians"""
_TITLES = """Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. President Senator Sen. Rep. Governor Gov.
Mayor Minister Chancellor King Queen Prince Princess Pope General Gen. Judge Justice Sir Dame
Lord Lady Secretary Chairman Captain Capt. Colonel Col. Sheikh Ayatollah Rabbi Father Bishop
Cardinal Officer Sergeant Detective Coach"""
_GAZETTEER: dict[str, str] = {}
for _name in _COUNTRIES.split() + _CITIES.split():
    _GAZETTEER[_name] = "place"
for _name in _MULTI_PLACES:
    _GAZETTEER[_name] = "place"
for _name in _NATIONALITIES.split():
    _GAZETTEER[_name] = "group"
for _name in (*WIRE_AGENCIES, *MILITANT_GROUPS, *INTERNATIONAL_BODIES):
    _GAZETTEER[_name] = "org"
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
    if last in _ORG:
        return "org"
    if last in _PLACE:
        return "place"
    if last in _EVENT:
        return "event"
    if before in _TITLE or first in _FIRST:
        return "person"
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


def tag(text: str) -> list[EntitySpan]:
    """Entity spans of ``text`` found without a model."""
    return finish(text, _raw_spans(text))
