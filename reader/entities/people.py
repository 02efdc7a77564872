"""Job titles run into people's names, brands taken for people, and words the model takes
for names.

- A job title run into a person's name ("CEO Andy Vesey" as an organisation) is cut off.
- One word with a brand's inner capital ("SeaMicro", "SoftBank") is not a person.
- Jargon initials ("IPO", "CFO", "USB"), initials spelled out in lowercase ("binge eating
  disorder (BED)"), units after a number ("8.69 GW") and month abbreviations before a day
  ("Oct. 21") are not names.
"""

from __future__ import annotations

import re

from reader.entities.gazetteer import GAZETTEER, world_places
from reader.entities.ruler import is_known_org
from reader.entities.words import (
    FIRST_NAMES,
    HEADLINE_VERBS,
    STOPWORDS,
    TYPING_LAST,
    is_given_name,
)

#: Initials of things, jobs and procedures that the model calls organisations.
JARGON = frozenset(
    """IPO IPOs CEO CEOs CFO COO CTO CIO CMO CPO EVP SVP VP HR IT AI ML VR AR API APIs CPU
    CPUs GPU GPUs RAM SSD HDD USB LCD LED OLED HDR HTML CSS PDF JPEG GIF URL URLs DNS VPN ISP
    ISPs GPS SMS LTE GSM SIM SDK PC PCs TV TVs DVD DVDs MP3 DUI DWI TBD ASAP FAQ DIY TIL AMA
    LPT VOD OEM OEMs UI UX SaaS ROI GDP CPI ETF ETFs MBA ICU DNA RNA HIV CO2 GW MW KW GWh MWh
    TWh LLC QB RB WR DL OL LB CB MVP ERA RBI CT MRI HPV CCTV DDoS DDOS ECG EKG MIA OTT VHS DRM
    WTF GaN COVID SARS MERS MDMA LSD THC CBD RSS IP VPS SSL SMTP ESMTP HELO MIME SLA VC CFP
    ATM DBA CTR CPM CPC RTB FPS LAN WAN NAS HTTP HTTPS TCP UDP SQL JSON XML CSV ABI RPC GUI IMO
    IMHO FOSS SEO IDE APK ACL ACLs IME LTR RPM LUT GC JVM ORM REST CRUD LSI PPC SMO
    ERP SVD CRM CMS""".split()
)
#: Units the model calls organisations after a number ("8.69 GW", "16 GB").
_UNITS = frozenset(
    "GW MW KW kW GWh MWh TWh kWh GB MB TB KB GiB MiB TiB Gbps Mbps GHz MHz mAh KO KOs PS MP".split()
)
#: Common words written in capitals for emphasis ("given a LOT of money", "back rub FREE").
_EMPHASIS = frozenset(
    """LOT LOTS FREE NOT MUST ALL NEW NOW NEVER ONLY VERY REALLY BIG HUGE BEST ANY EVERY MORE
    MOST KEY NOTE YES NO STOP WOW OMG HUGE SHOULD SHALL REQUIRED RECOMMENDED OPTIONAL GET PUT
    POST DELETE PATCH SELECT FROM WHERE WINDOW JOIN INSERT UPDATE VALUES""".split()
)
_NUMBER_BEFORE = re.compile(r"\d[\d.,]*[ \t]?$")
_MONTH_ABBREVIATIONS = frozenset("Jan Feb Aug Sep Sept Oct Nov Dec".split())
_DAY_AFTER = re.compile(r"\.?[ \t]+\d{1,2}\b")
#: Weekdays and months, abbreviated as in datelines ("Fri Aug 2, 2013", "Sun, 15 Sep 2013").
_DATE_WORDS = re.compile(
    r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept"
    r"|Oct|Nov|Dec)\.?,?[ \t]*)+"
)
#: What follows an abbreviated date: a day and a year, or a day and a month.
_DATE_AFTER = re.compile(
    r"\.?,?[ \t]+(?:\d{1,2}(?:st|nd|rd|th)?,?[ \t]+\d{4}\b"
    r"|\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{4})"
)

#: Colours and finishes in product listings ("Space Gray Aluminium Case with Black Sport
#: Band"), and the words of a specification line that tell one.
_COLOURS = frozenset(
    """Black White Silver Gray Grey Gold Red Blue Green Pink Yellow Purple Orange Color Colour
    Stereo Aluminum Aluminium Matte Space Rose Midnight Graphite""".split()
)
_SPEC = re.compile(
    r"\d+[ \t]?(?:GB|TB|mm|mAh|MP|Hz)\b|\binch\b|-inch\b|Wi-Fi|USB|Bluetooth|Renewed|"
    r"Unlocked|\$\d"
)

#: Job titles that may stand in front of a name.
_TITLES = frozenset(
    """CEO CFO COO CTO Chairman Chairwoman Chair President Director Coroner Sheriff Sgt Sgt.
    Officer Detective Coach Judge Senator Sen. Rep. Gov. Governor Mayor Secretary Minister
    Ambassador Chancellor Professor Prof. General Gen. Col. Capt. Lt. Commissioner Chief
    Deputy Inspector Prosecutor Spokesman Spokeswoman Founder Co-founder Dr. Dr Attorney
    Pastor Rev. Reverend Bishop Archbishop Cardinal Father Councillor Councilman
    Councilwoman Trooper Constable Superintendent Admiral Adm. Lieutenant Captain Sergeant
    Corporal Private Major""".split()
)
#: A brand's inner capital ("SeaMicro", "SoftBank"); not a surname's ("McCain", "DeSantis",
#: "MacArthur": prefixes of two letters or in the list).
_CAMEL = re.compile(r"([A-Z][a-z]{2,}|[A-Z]{2,})[A-Z][a-z]+")  # "SeaMicro", "CNNMoney"
_PARTY_CODE = re.compile(r"[A-Z][\w]*-[A-Z]{2,}")  # "Zanu-PF": a party, not a person
#: A verb in -ing opening a sentence ("Describing Yida ..."), not a given name ("Sterling").
_GERUND = re.compile(
    r"(?!(?:Sterling|Channing|Irving|Manning|Fleming|Harding|Darling)\b)"
    r"[A-Z][a-z]{2,}ing"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’']?[ \t]+|\n)$")
#: Brands built on a short English word ("MySpace", "GoPro", "WeChat"), unlike names built
#: on "De", "Le", "La", "Mc" ("DeShawn", "LeBron", "McCain").
_BRAND_PREFIX = re.compile(r"(?:My|Go|In|On|Up|We|So|No|Be|Me|Oh)[A-Z][a-z]+")
_NAME_PREFIXES = frozenset("Mac Van Von Del Des Della Fitz Vander Dos Das".split())
_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*\.?")


def never_spread(surface: str) -> bool:
    """Words never tagged at their other occurrences: jargon initials and capitals that are
    emphasis or keywords ("API", "SELECT"), whatever one mention was typed."""
    return surface in JARGON or surface in _EMPHASIS


def not_a_name(text: str, s: int, e: int) -> bool:
    """Jargon initials not defined as a name in the text ("IPO", but not "Binge Eating
    Disorder (BED)"), a unit after a number, a month abbreviation before a day, weekdays and
    months abbreviated in a date ("Fri Aug 2, 2013"), a colour in a product listing."""
    surface = text[s:e]
    if surface in JARGON or surface.split("-", 1)[0] in JARGON:  # "USB-C"
        return f"({surface})" not in text or _defined_in_lowercase(text, surface)
    if surface.isupper() and 2 <= len(surface) <= 6 and _defined_in_lowercase(text, surface):
        return True  # "binge eating disorder (BED)": initials of a thing, not of a name
    if surface in _EMPHASIS and not text[max(0, s - 40) : s].isupper():
        return True  # emphasis in a mixed-case sentence, not a name
    if surface in _UNITS:
        return bool(_NUMBER_BEFORE.search(text[max(0, s - 12) : s]))
    if surface in _MONTH_ABBREVIATIONS:
        return bool(_DAY_AFTER.match(text, e))
    if _DATE_WORDS.fullmatch(surface):
        return bool(_DATE_AFTER.match(text, e))  # "Mar 4, 2009" (not "Mar-a-Lago")
    if all(w in _COLOURS for w in surface.split()):
        line = text[text.rfind("\n", 0, s) + 1 : (text.find("\n", e) + 1 or len(text) + 1) - 1]
        return bool(_SPEC.search(line))  # "32GB – Black (Renewed)", not "Jack Black said"
    return False


def _defined_in_lowercase(text: str, initials: str) -> bool:
    """True when the text spells ``initials`` out in lowercase words just before them in
    parentheses ("computed tomography (CT)")."""
    at = text.find(f"({initials})")
    if at < 0:
        return False
    words = re.findall(r"[\w'-]+", text[max(0, at - 120) : at])[-len(initials) :]
    return (
        len(words) == len(initials)
        and all(w.islower() for w in words[1:])
        and not words[0].isupper()  # "Binge eating disorder (BED)" may start a sentence
        and "".join(w[0] for w in words).lower() == initials.lower()
    )


def _looks_personal(words: list[str]) -> bool:
    """Two or three name words, the first a common given name, none typing the name."""
    return (
        2 <= len(words) <= 3
        and is_given_name(words[0])
        and all(_NAME_WORD.fullmatch(w) for w in words)
        and words[-1] not in TYPING_LAST
        and not any(w in STOPWORDS or GAZETTEER.get(w) == "group" for w in words)
    )


#: Party members in the plural ("Virginia Democrats"): a group, not a person or a place.
_PARTY_MEMBERS = frozenset(
    """Democrats Republicans Conservatives Socialists Tories Libertarians Communists
    Nationalists Unionists Loyalists Separatists Royalists""".split()
)


def people_step(text: str, spans: list[list]) -> None:
    """Cut a job title off an organisation, place or other span whose rest is a person's
    name ("CEO Andy Vesey") and retype it person; a CamelCase "person" is an organisation;
    party members in the plural are a group; "the Bidens" after "Joe Biden" are people; a
    common given name alone is a person when it speaks ("Hugh said"). In place ([start, end,
    label] spans)."""
    surnames = {
        text[s:e].split()[-1] for s, e, label in spans if label == "person" and " " in text[s:e]
    }
    for span in spans:
        s, e, label = span
        if label in ("person", "place") and text[s:e].split()[-1] in _PARTY_MEMBERS:
            span[2] = "group"
            continue
        if (
            label in ("place", "org", "other")
            and text[s:e].endswith("s")
            and text[s : e - 1] in surnames
            and text[max(0, s - 4) : s] == "the "
        ):
            span[2] = "person"  # "the Bidens": the family of a person named in the text
            continue
        first = text[s:e].split(" ", 1)[0]
        if (
            label == "person"
            and " " in text[s:e]
            and first.endswith("s")
            and first.lower() in HEADLINE_VERBS
        ):
            span[0] = s = s + len(first) + 1  # "AMD Buys SeaMicro": a verb, not a name
        elif (
            label == "person"
            and " " in text[s:e]
            and _GERUND.fullmatch(first)
            and _SENTENCE_START.search(text, max(0, s - 3), s)
        ):
            span[0] = s = s + len(first) + 1  # "Describing Yida, he said": a verb
        if label == "person" and " " in text[s:e] and is_known_org(text[s:e].split()[0]):
            span[2] = "other"  # "Intel Xeon", "Google Pixel": a company's product
            continue
        if label in ("org", "place") and _lone_given_name(text[s:e]) and _speaks(text, s, e):
            span[2] = "person"  # "Marco said": a given name alone, speaking, is someone
            continue
        m = _CAMEL.fullmatch(text, s, e) if label == "person" else None
        if label == "person" and (
            m
            and m.group(1) not in _NAME_PREFIXES
            or _BRAND_PREFIX.fullmatch(text, s, e)
            or _PARTY_CODE.fullmatch(text, s, e)
        ):
            span[2] = "org"  # "SeaMicro", "SoftBank", "MySpace", "Zanu-PF": not people
            continue
        if label not in ("org", "place", "other"):
            continue
        surface = text[s:e]
        words = surface.split()
        if words and words[0] in _TITLES and _looks_personal(words[1:]):
            span[0] = e - len(" ".join(words[1:]))  # "CEO Andy Vesey" -> "Andy Vesey"
            span[2] = "person"


def _lone_given_name(surface: str) -> bool:
    """A common given name on its own that is not also a place or a known organisation
    ("Marco", not "Georgia" or "Chelsea")."""
    return (
        surface in FIRST_NAMES
        and surface not in GAZETTEER
        and surface not in world_places()
        and not is_known_org(surface)
    )


_SPEECH_AFTER = re.compile(
    r",?[ \t]+(?:said|says|told|added|wrote|asked|replied|recalled|explained|smiled|nodded|"
    r"laughed|who|himself|herself)\b"
)
_SPEECH_BEFORE = re.compile(r"(?<![\w-])(?:said|says|asked|wrote|told)[ \t]+$")


def _speaks(text: str, s: int, e: int) -> bool:
    """A speech verb (or "who") right after the name, or "said" right before it."""
    return bool(_SPEECH_AFTER.match(text, e) or _SPEECH_BEFORE.search(text, max(0, s - 8), s))
