"""Entity-ruler patterns for names the small model gets wrong in news.

Wire agencies (the model often calls "AP" or "AFP" a place or misses them), spellings of
militant groups and international bodies. Matching is case-sensitive (ORTH), so "AP" the
agency is found but "ap" is not. The ruler runs after the model and overrides it where a
pattern matches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

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
)  # fmt: skip

#: Honorifics that make the next capitalised words a person's name ("Mr Key").
HONORIFICS = ("Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Prof", "Prof.")


def patterns(tokenize=str.split) -> list[dict]:
    """EntityRuler patterns (spaCy labels). Names become token patterns split by
    ``tokenize`` (phrase patterns would run the whole pipeline once per name at load)."""
    names = dict.fromkeys((*WIRE_AGENCIES, *MILITANT_GROUPS, *INTERNATIONAL_BODIES, *PLATFORMS))
    out: list[dict] = [
        {"label": "ORG", "pattern": [{"ORTH": t} for t in tokenize(name)], "id": "news"}
        for name in names
    ]
    title = [{"ORTH": {"IN": list(HONORIFICS)}}, {"IS_TITLE": True, "OP": "+"}]
    out.append({"label": "PERSON", "pattern": title, "id": "honorific"})
    return out


def add_ruler(nlp: Language) -> None:
    """Add the news entity ruler after the model's ner, overriding it where it matches."""
    ruler = nlp.add_pipe("entity_ruler", name="news_ruler", config={"overwrite_ents": True})
    ruler.add_patterns(patterns(lambda name: [t.text for t in nlp.tokenizer(name)]))  # type: ignore[attr-defined]
