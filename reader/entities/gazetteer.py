"""A small gazetteer: countries, big cities and regions, nationalities, agencies and bodies.

Used by the fallback tagger to type names, and by the post-processing to correct the model
where a well-known name gets an impossible type (a country typed as a person).
"""

from __future__ import annotations

from reader.entities.ruler import INTERNATIONAL_BODIES, MILITANT_GROUPS, PLATFORMS, WIRE_AGENCIES

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
#: Name -> reader label.
GAZETTEER: dict[str, str] = {}
for _name in _COUNTRIES.split() + _CITIES.split():
    GAZETTEER[_name] = "place"
for _name in _MULTI_PLACES:
    GAZETTEER[_name] = "place"
# Religions are groups (spaCy's NORP), never places.
_RELIGIONS = """Islam Christianity Judaism Buddhism Hinduism Sikhism Catholicism Protestantism
Mormonism Shinto Taoism Jainism Zoroastrianism Scientology Orthodoxy"""
for _name in _NATIONALITIES.split() + _RELIGIONS.split():
    GAZETTEER[_name] = "group"
for _name in (*WIRE_AGENCIES, *MILITANT_GROUPS, *INTERNATIONAL_BODIES, *PLATFORMS):
    GAZETTEER[_name] = "org"
