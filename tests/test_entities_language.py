"""Only English text is tagged (reader/entities/language.py): the model is English-only."""

from __future__ import annotations

from reader.entities.language import looks_english

ENGLISH = (
    "The minister said on Tuesday that the government would not change its plans, and that "
    "the talks with the unions had been useful. He added that a new offer was likely to be "
    "made after the holiday, when both sides have had time to look at the figures again."
)
ITALIAN = (
    "Il black Friday incombe su di noi: per chi non lo sapesse, è il giorno in cui i negozi "
    "fanno sconti. Abbiamo scelto per voi le offerte della settimana, che sono tante e non "
    "tutte sono davvero convenienti: ecco quelle che vale la pena di guardare con attenzione "
    "prima di comprare un Blu-Ray o una batteria elettronica per il cofanetto di Natale."
)
RUSSIAN = "В восьмидесятых годах чешская красавица заявила о себе на весь мир. " * 5


def test_english_prose_headlines_and_lists_are_english():
    assert looks_english(ENGLISH)
    assert looks_english("Colts beat Chiefs")  # too short to judge
    box_score = "Palm Bay d. Rockledge 70-44 Rockledge 14 11 6 15 Palm Bay 20 18 16 20 " * 6
    assert looks_english(box_score)  # no sign of another language


def test_other_languages_are_not():
    assert not looks_english(ITALIAN)
    assert not looks_english(RUSSIAN)


def test_text_in_another_language_gets_no_entities():
    import reader.entities as ents

    italian, english = ents.tag_many([ITALIAN, "Angela Merkel visited Paris. " + ENGLISH])
    assert italian == []
    assert any(s.text == "Angela Merkel" for s in english) or ents.backend() == "fallback"


def test_czech_is_not_english():
    czech = (
        "Působíme v oblasti zpravodajství a je to pro nás důležité. Každé ráno se podíváme na "
        "to, co se stalo, a jak to ovlivní lidi, kteří jsou na nás závislí. Je také pravda, že "
        "nebo ne, ale jsme tady již dlouho a bylo to tak vždy, jak říkají ti, kteří to znají."
    ) * 2
    assert not looks_english(czech)
