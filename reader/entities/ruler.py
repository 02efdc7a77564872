"""Entity-ruler patterns for names the small model gets wrong in news.

Wire agencies (the model often calls "AP" or "AFP" a place or misses them), spellings of
militant groups and international bodies, well-known software and devices (products), and
films, series and games (works) and events the news names often.
Matching is case-sensitive, so "AP" the agency is found but "ap" is not. The rules run after
the model (a regular expression over the text: much faster than spaCy's EntityRuler, whose
Matcher cost 10% of the NER time) and override the model's spans where a rule matches.
"""

from __future__ import annotations

import re

from reader.entities.words import ORG_LAST, TYPING_LAST

WIRE_AGENCIES = (
    "AP", "Associated Press", "The Associated Press", "AFP", "Agence France-Presse",
    "Agence France Presse", "Reuters", "Thomson Reuters", "DPA", "dpa",
    "Deutsche Presse-Agentur", "Xinhua", "TASS", "Tass", "Interfax", "RIA Novosti",
    "Kyodo", "Kyodo News", "Yonhap", "ANSA", "EFE", "Anadolu", "Anadolu Agency", "PTI",
    "Press Trust of India", "UPI", "United Press International", "Bernama",
)  # fmt: skip

MILITANT_GROUPS = (
    "Hamas", "HAMAS", "Hezbollah", "Hizbollah", "Hizballah", "Taliban", "al-Qaeda", "al Qaeda",
    "al-Qaida", "al Qaida", "Al-Qaeda", "Al Qaeda", "Al-Qaida", "AQAP", "Islamic State",
    "ISIS", "ISIL", "Daesh", "Boko Haram", "al-Shabaab", "al-Shabab", "Al-Shabaab",
    "Al-Shabab", "al Shabaab", "Houthis", "Houthi", "PKK", "Islamic Jihad",
    "Palestinian Islamic Jihad", "Hayat Tahrir al-Sham", "HTS", "Wagner Group",
    "Lashkar-e-Taiba", "Jaish-e-Mohammed", "FARC", "Real IRA",
)  # fmt: skip

INTERNATIONAL_BODIES = (
    "UN", "U.N.", "United Nations", "UN Security Council", "U.N. Security Council",
    "Security Council", "General Assembly", "UN General Assembly", "EU", "E.U.",
    "European Union", "European Commission", "European Parliament", "European Council",
    "NATO", "Nato", "WHO", "World Health Organization", "IMF", "International Monetary Fund",
    "World Bank", "WTO", "World Trade Organization", "OPEC", "OPEC+", "UNICEF", "UNHCR",
    "UNESCO", "UNRWA", "IAEA", "International Atomic Energy Agency", "Interpol", "ASEAN",
    "African Union", "Arab League", "OSCE", "OECD", "G7", "G8", "G20", "Red Cross",
    "International Committee of the Red Cross", "ICRC", "Red Crescent",
    "International Criminal Court", "ICC", "International Court of Justice", "ICJ",
    "European Central Bank", "ECB", "Federal Reserve", "Amnesty International",
    "Human Rights Watch", "Doctors Without Borders", "Médecins Sans Frontières", "MSF",
    "Greenpeace", "FIFA", "UEFA", "IOC", "International Olympic Committee",
)  # fmt: skip


# Platforms and companies named in almost every day's news, which the small model often
# types as a person or a place ("Twitter said ...").
PLATFORMS = (
    "Twitter", "Facebook", "Instagram", "YouTube", "TikTok", "WhatsApp", "Telegram",
    "Google", "Microsoft", "Amazon", "Netflix", "Reddit", "LinkedIn", "Snapchat", "OpenAI",
    "Flickr", "Tumblr", "Pinterest", "MySpace",
)  # fmt: skip

# Companies, media and sports bodies in the news every week whose names the small model
# often types as places or people ("Alibaba is set to raise ...", "Verizon said"). Only names
# that are (almost) never anything else: not "Apple", "Shell", "Ford", "Tesla", "Bloomberg",
# "Chelsea" or "Barcelona".
COMPANIES = (
    "Alibaba", "Verizon", "SpaceX", "Boeing", "Airbus", "Nvidia", "Intel", "Samsung",
    "Huawei", "Xiaomi", "Tencent", "Baidu", "ByteDance", "Uber", "Lyft", "Airbnb", "PayPal",
    "eBay", "IBM", "Cisco", "Qualcomm", "Sony", "Toyota", "Volkswagen", "Nissan", "Hyundai",
    "BMW", "Daimler", "Renault", "Peugeot", "Chrysler", "Stellantis", "Goldman Sachs",
    "Morgan Stanley", "JPMorgan", "JPMorgan Chase", "Citigroup", "Barclays", "HSBC",
    "Deutsche Bank", "Credit Suisse", "BlackRock", "Berkshire Hathaway", "Walmart", "Costco",
    "Starbucks", "McDonald's", "Coca-Cola", "PepsiCo", "Pfizer", "Moderna", "AstraZeneca",
    "Johnson & Johnson", "Novartis", "ExxonMobil", "Exxon Mobil", "Chevron", "Gazprom",
    "Rosneft", "Saudi Aramco", "Aramco", "Spotify", "Salesforce", "Dropbox", "Pinterest",
    "Yahoo", "Comcast", "AT&T", "T-Mobile", "Vodafone", "Nokia", "Ericsson", "Siemens",
    "Panasonic", "Toshiba", "Lenovo", "FedEx", "Ryanair", "Lufthansa", "WeWork", "SoftBank",
    "Activision", "Ubisoft", "Electronic Arts", "Nintendo", "Hulu", "HBO", "CNN", "BBC",
    "Fox News", "NBC", "CBS", "NPR", "MSNBC", "The New York Times", "New York Times",
    "The Washington Post", "Washington Post", "The Wall Street Journal", "Wall Street Journal",
    "Financial Times", "NFL", "NBA", "NHL", "MLB", "NCAA", "Premier League", "Bundesliga",
    "Manchester United", "Manchester City", "Real Madrid", "Bayern Munich", "Juventus",
    "AC Milan", "Inter Milan", "Paris Saint-Germain", "Borussia Dortmund",
    "Atletico Madrid", "Atlético Madrid", "Tottenham Hotspur",
)  # fmt: skip

# Software, devices and consoles named in technology news, which the small model types as
# people ("Firefox", "Chrome"), places ("Windows XP") or companies ("Mozilla Firefox"). They
# are products (CoNLL's MISC, reader's "other"); a version number after them is part of the
# name ("Firefox 3.5", "iPhone 15"). Only names that are (almost) never anything else when
# capitalised: not "Windows", "Edge", "Opera" or "Word" on their own.
PRODUCTS = (
    "Internet Explorer", "Microsoft Edge", "Firefox", "Mozilla Firefox", "Google Chrome",
    "Chrome", "Safari", "Chromium", "Windows XP", "Windows Vista", "Windows 7", "Windows 8",
    "Windows 10", "Windows 11", "Microsoft Windows", "Microsoft Office", "macOS", "Mac OS X",
    "iOS", "Android", "Linux", "Ubuntu", "iPhone", "iPad", "iPod", "iTunes", "MacBook",
    "PlayStation", "Xbox", "Nintendo Switch", "Wii", "Game Boy", "Kindle", "Gmail",
    "ChatGPT", "Photoshop", "Skype", "BlackBerry", "iPhones", "iPads", "iPods", "MacBooks",
    "BlackBerrys", "Kindles", "JavaScript", "jQuery", "PHP", "MySQL", "PostgreSQL",
    "SQLite", "Hadoop", "Kubernetes", "Node.js", "Ruby on Rails", "Silverlight", "Adobe Flash",
    "Adobe Flex", "Amazon EC2", "EC2", "Amazon S3", "WordPress", "Windows Server",
    "C++", "Javascript", "TypeScript", "Kotlin", "Golang", "MapReduce", "Siri", "Cortana",
    "AirPods", "Apple Watch", "iMac", "Apple Pencil", "HomePod", "Xcode", "AdWords",
    "Lucene",
)  # fmt: skip

#: Films, series, games and books the news names often and the model takes for companies or
#: people ("Doctor Who" as nobody, "Minecraft" as an organisation). Only names that are not
#: also ordinary words, places or people ("Frozen", "Titanic", "Batman" are left out).
WORKS = (
    "Star Wars", "Star Trek", "Harry Potter", "Game of Thrones", "House of the Dragon",
    "Doctor Who", "The Simpsons", "South Park", "Breaking Bad", "Better Call Saul",
    "Stranger Things", "The Mandalorian", "Squid Game", "The Lord of the Rings",
    "Lord of the Rings", "The Hobbit", "The Rings of Power", "Minecraft", "Fortnite",
    "Pokémon Go", "Pokemon Go", "Call of Duty", "Grand Theft Auto", "Assassin's Creed",
    "Assassin’s Creed", "The Legend of Zelda", "Super Mario Bros.", "Mario Kart",
    "World of Warcraft", "League of Legends", "Overwatch", "Animal Crossing", "Elden Ring",
    "Red Dead Redemption", "The Last of Us", "God of War", "Final Fantasy", "Street Fighter",
    "Mortal Kombat", "Tetris", "Metroid", "Candy Crush", "Angry Birds", "Pac-Man",
    "Sesame Street", "Saturday Night Live", "The Tonight Show", "The Daily Show", "Jeopardy!",
    "Wheel of Fortune", "American Idol", "The Apprentice", "Seinfeld", "Mad Men",
    "The Sopranos", "Downton Abbey", "Jurassic Park", "Jurassic World", "Toy Story",
    "The Godfather", "The Matrix", "Les Misérables", "Mona Lisa", "The Great Gatsby",
    "Nineteen Eighty-Four", "To Kill a Mockingbird", "The Catcher in the Rye", "Moby-Dick",
    "Pride and Prejudice", "War and Peace", "Don Quixote", "Wordle", "The Hunger Games",
    "Twilight Saga", "Fifty Shades of Grey", "Grey's Anatomy", "Grey’s Anatomy",
    "The Walking Dead", "The Big Bang Theory", "Twin Peaks", "The X-Files", "Top Gun",
    "Mission: Impossible", "Fast & Furious", "The Fast and the Furious", "Avengers: Endgame",
    "Black Panther", "Wonder Woman", "Ghostbusters", "Back to the Future", "Schindler's List",
)  # fmt: skip

#: Events the news names often that the model calls organisations or places.
EVENTS = (
    "State of the Union", "Brexit", "Black Friday", "Cyber Monday", "Super Bowl", "World Cup",
    "Tour de France", "Olympic Games", "Winter Olympics", "Summer Olympics", "Paralympics",
    "Eurovision", "Eurovision Song Contest", "Mardi Gras", "Oktoberfest", "Burning Man",
    "Comic-Con", "WWDC", "Mobile World Congress", "Davos forum", "Arab Spring",
)  # fmt: skip


def _whole_names(names: tuple[str, ...] | dict[str, None], tail: str = "") -> re.Pattern[str]:
    """A case-sensitive pattern for any of ``names`` as whole words (longest first), then
    ``tail``: "AP" and "AP's", never "ap" or "APT"."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives}){tail}")


_NAMES = _whole_names(
    dict.fromkeys(
        (*WIRE_AGENCIES, *MILITANT_GROUPS, *INTERNATIONAL_BODIES, *PLATFORMS, *COMPANIES)
    ),
    r"(?![\w-]|\+)",
)
_PRODUCTS = _whole_names(PRODUCTS, r"(?:[ \t]?\d+(?:\.\d+)*)?(?![\w-])")  # "Windows 10"
_WORKS = _whole_names(WORKS, r"(?![\w-])")
_EVENTS = _whole_names(EVENTS, r"(?![\w-])")
_HONORIFIC = re.compile(
    r"(?<![\w.])(?:Mrs|Mr|Ms|Dr|Prof)\.?[ \t]+[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*)*"
)


#: A hashtag with a capital letter ("#IStandWithAhmed", "#MeToo"): a campaign's name, shown
#: as "other" (the model calls them people); "#2" and "#tbt" are not names.
_HASHTAG = re.compile(r"(?<![\w#&])#(?=[\w]*[A-Z])[A-Za-z]\w*")


def is_known_org(surface: str) -> bool:
    """True when ``surface`` is, as a whole, one of the organisations the rules know."""
    return _NAMES.fullmatch(surface) is not None


def find(text: str) -> list[tuple[int, int, str]]:
    """Spans of ``text`` the rules know: (start, end, spaCy label), not overlapping."""
    found = [(m.start(), m.end(), "ORG") for m in _NAMES.finditer(text)]
    found += [(m.start(), m.end(), "PRODUCT") for m in _PRODUCTS.finditer(text)]
    found += [(m.start(), m.end(), "WORK_OF_ART") for m in _WORKS.finditer(text)]
    found += [(m.start(), m.end(), "EVENT") for m in _EVENTS.finditer(text)]
    found += [(m.start(), m.end(), "PERSON") for m in _HONORIFIC.finditer(text)]
    found += [(m.start(), m.end(), "HASHTAG") for m in _HASHTAG.finditer(text)]
    found.sort(key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int, str]] = []
    for span in found:
        if out and span[0] < out[-1][1]:
            continue  # the earlier (or longer, at the same start) match wins
        out.append(span)
    return out


def apply(text: str, ents: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The model's spans with the rules' spans put over them (overlapping ones dropped)."""
    rules = find(text)
    if not rules:
        return ents
    # A longer name the model found around a known one is kept whole when its last word
    # types it ("Amazon River", "Firefox Foundation") or when both are organisations ("the
    # US National Security Council", "UN Security Council"); a longer name around a known
    # product is a product ("PlayStation VR"). The rules know short names, not every name
    # built on them.
    wider = []
    for e in ents:
        inside = [r for r in rules if e[0] <= r[0] and r[1] <= e[1] and e[1] - e[0] > r[1] - r[0]]
        if not inside:
            continue
        if any(r[2] == "EVENT" for r in inside):
            rest = text[e[0] : e[1]]
            for r in inside:
                rest = rest.replace(text[r[0] : r[1]], " ")
            if all(w[:1].isupper() or w[:1].isdigit() for w in rest.split()):
                wider.append((e[0], e[1], "EVENT"))  # "San Diego Comic-Con", "2011 World Cup"
            continue  # "first State of the Union": the known event, not the model's span
        if text[e[0] : e[1]].rsplit(None, 1)[-1] in TYPING_LAST:
            wider.append(e)
        elif e[2] == "ORG" and any(r[2] == "ORG" for r in inside):
            wider.append(e)
        elif any(r[2] == "PRODUCT" for r in inside):
            wider.append((e[0], e[1], "PRODUCT"))
        elif any(r[2] == "WORK_OF_ART" for r in inside):
            rest = text[e[0] : e[1]]
            for r in inside:
                rest = rest.replace(text[r[0] : r[1]], "")
            if " and " not in rest and "," not in rest:  # not "Minecraft and Call of Duty"
                wider.append((e[0], e[1], "WORK_OF_ART"))  # "Star Wars: The Last Jedi"
    if wider:
        rules = [r for r in rules if not any(w[0] <= r[0] and r[1] <= w[1] for w in wider)]
        rules += wider
    kept = [e for e in ents if not any(e[0] < r[1] and r[0] < e[1] for r in rules)]
    return _join_bodies(text, sorted(kept + rules))


def _join_bodies(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A known work or product run into the body named after it ("Doctor Who" + "Society of
    Canada", "Star Wars" + "Fan Club") is one organisation."""
    out: list[tuple[int, int, str]] = []
    for span in spans:
        if (
            out
            and out[-1][2] in ("WORK_OF_ART", "PRODUCT")
            and text[out[-1][1] : span[0]] == " "
            and span[2] == "ORG"
            and text[span[0] : span[1]].split()[0] in ORG_LAST
        ):
            out[-1] = (out[-1][0], span[1], "ORG")
            continue
        out.append(span)
    return out
