"""Ranking of related stories (reader.related): pure code on hand-written clusters."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from reader import related
from reader.models import EntitySpan
from reader.related import Doc, Stats, terms_for

T0 = datetime(2024, 3, 1, 12, tzinfo=UTC)


def _span(text: str, label: str, start: int = 0) -> EntitySpan:
    return EntitySpan(text, label, start, start + len(text), f"{label}:{text.lower()}", text)


def _doc(i: int, title: str, text: str, ents=(), feed: str = "Feed", days: float = 0) -> Doc:
    spans = [_span(*e) for e in ents]
    return Doc.from_terms(
        i,
        terms_for(title, text, spans),
        title=title,
        feed=feed,
        url=f"https://example.org/{i}",
        published=T0 + timedelta(days=days),
    )


# Two events of the same kind in the same country, plus unrelated filler stories.
QUAKE = [
    (
        "Earthquake strikes northern Chile",
        "A magnitude 7.6 earthquake struck near Iquique in northern Chile on Tuesday, "
        "damaging homes and cutting power. Officials in Iquique ordered a tsunami evacuation.",
        [("Chile", "place"), ("Iquique", "place")],
    ),
    (
        "Iquique quake: tsunami warning lifted",
        "Chile lifted the tsunami warning after the 7.6 magnitude earthquake near Iquique. "
        "Damaged homes and power cuts were reported across the Iquique region.",
        [("Chile", "place"), ("Iquique", "place")],
    ),
    (
        "Aftershocks rattle Iquique after earthquake",
        "Strong aftershocks shook Iquique a day after the magnitude 7.6 earthquake; "
        "evacuated residents slept outside as the tsunami evacuation ended.",
        [("Iquique", "place")],
    ),
]
ELECTION = [
    (
        "Chile votes in presidential election",
        "Voters in Chile chose a new president on Sunday. Santiago polling stations stayed "
        "open late as Michelle Bachelet led the count with a wide margin.",
        [("Chile", "place"), ("Santiago", "place"), ("Michelle Bachelet", "person")],
    ),
    (
        "Bachelet wins Chile presidency",
        "Michelle Bachelet won the presidential runoff in Chile, taking most votes in "
        "Santiago. The president-elect promised education reform.",
        [("Chile", "place"), ("Santiago", "place"), ("Michelle Bachelet", "person")],
    ),
]
FILLER = [
    ("Barcelona wins the cup", "Lionel Messi scored twice as Barcelona beat Sevilla in Madrid."),
    ("New phone unveiled", "The company unveiled a phone with a bigger battery and camera."),
    ("Bread prices rise", "Bakers blamed wheat costs as bread prices rose again this spring."),
    ("Museum reopens", "The city museum reopened after a long renovation of its galleries."),
]


def _corpus() -> tuple[list[Doc], Stats]:
    docs = []
    for i, (title, text, ents) in enumerate(QUAKE):
        docs.append(_doc(i, title, text, ents, feed=f"Quake feed {i}", days=i * 0.5))
    for i, (title, text, ents) in enumerate(ELECTION, start=10):
        docs.append(_doc(i, title, text, ents, days=40))
    for i, (title, text) in enumerate(FILLER, start=20):
        docs.append(_doc(i, title, text, days=5))
    return docs, _stats(docs)


def _stats(docs: list[Doc]) -> Stats:
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.df_keys())
    return Stats(df, len(docs))


def test_terms_for_is_json_and_light_stemmed() -> None:
    data = terms_for("Earthquakes hit Chile's coast", "The earthquakes hit Chile.", [])
    assert data["v"] == related.TERMS_VERSION
    assert data["t"]["earthquake"] == 2 and data["t"]["chile"] == 2
    assert "the" not in data["t"]  # stop word
    assert "earthquake" in data["h"]
    import json

    assert json.loads(json.dumps(data)) == data


def test_capitalised_mid_sentence_words_are_name_like() -> None:
    data = terms_for("", "Officials said Tara Reid checked in. Rehab is common.", [])
    assert {"tara", "reid"} <= set(data["p"])
    assert "rehab" not in data["p"]  # capitalised only after a full stop
    assert "official" not in data["p"]  # first word of the line


def test_same_event_ranks_above_same_country_other_event() -> None:
    docs, stats = _corpus()
    ranked = related.rank(docs[0], docs, stats)
    ids = [s.doc.id for s in ranked]
    assert ids[:2] == [1, 2] or set(ids[:2]) == {1, 2}
    # The election shares "Chile" with the quake but is another event: below both quakes.
    assert ids.index(10) > 1 and ids.index(11) > 1
    assert 0 not in ids  # never itself


def test_election_finds_its_own_event_first() -> None:
    docs, stats = _corpus()
    ranked = related.rank(docs[3], docs, stats)
    assert ranked[0].doc.id == 11
    assert all(s.doc.id != 3 for s in ranked)


def test_reasons_name_shared_entities_and_terms() -> None:
    docs, stats = _corpus()
    stories = related.related(docs[0], docs, stats, limit=3)
    first = stories[0]
    assert first.id in (1, 2)
    assert "Iquique" in first.shared_entities
    assert "Iquique" == first.shared_entities[0]  # rarer than Chile: more telling
    assert "earthquake" in first.shared_terms or "tsunami" in first.shared_terms
    # Entity names are not repeated as terms.
    assert "iquique" not in first.shared_terms


def test_near_duplicates_are_grouped_with_also_in() -> None:
    docs, _ = _corpus()
    title, text, ents = QUAKE[0]
    copies = [
        _doc(30, title, text, ents, feed="Wire A"),
        _doc(31, title, text + " More soon.", ents, feed="Wire B"),
        _doc(32, title, text, ents, feed="Wire A"),  # same feed twice: named once
    ]
    all_docs = docs + copies
    stats = _stats(all_docs)
    stories = related.related(docs[1], all_docs, stats, limit=10)
    groups = [s for s in stories if {0, 30, 31, 32} & {s.id, *s.duplicate_ids}]
    assert len(groups) == 1
    group = groups[0]
    assert sorted([group.id, *group.duplicate_ids]) == [0, 30, 31, 32]
    others = {"Quake feed 0", "Wire A", "Wire B"} - {group.feed}
    assert set(group.also_in) == others
    assert len(group.also_in) == len(set(group.also_in))
    assert group.feed not in group.also_in


def test_same_title_counts_as_duplicate() -> None:
    a = _doc(1, "Storm closes schools across the state", "Heavy snow closed schools.", feed="A")
    b = _doc(2, "Storm closes schools across the state", "Governor urges people to stay in.")
    q = _doc(3, "Snow storm", "Snow storm closes schools; governor urges people to stay in.")
    stats = _stats([a, b, q])
    stories = related.related(q, [a, b], stats)
    assert len(stories) == 1 and stories[0].duplicate_ids


def test_closeness_in_time_breaks_ties() -> None:
    text = "Parliament passed the budget bill after a long debate on taxes."
    q = _doc(1, "Budget passes", text, days=0)
    near = _doc(2, "Budget passes", text, days=1)
    far = _doc(3, "Budget passes", text, days=300)
    stats = _stats([q, near, far])
    ranked = related.rank(q, [far, near], stats, related.Params(feedback_docs=0))
    assert [s.doc.id for s in ranked] == [2, 3]


def test_unanalysed_or_old_term_data_gives_empty_doc() -> None:
    assert Doc.from_terms(1, None).terms == {}
    assert Doc.from_terms(1, {"v": -1, "t": {"x": 1}}).terms == {}


def test_search_terms_skip_unique_and_too_common_terms() -> None:
    docs, stats = _corpus()
    terms = related.search_terms(docs[0], stats, budget=10_000)
    assert "iquique" in terms
    assert all(stats.df.get(t, 0) >= 2 for t in terms)
    assert related.search_terms(docs[0], stats, budget=1) == []


def test_rare_entities_prefers_the_rarest_shared() -> None:
    docs, stats = _corpus()
    assert related.rare_entities(docs[0], stats) == ["place:iquique", "place:chile"]


def test_rank_without_candidates_is_empty() -> None:
    docs, stats = _corpus()
    assert related.rank(docs[0], [docs[0]], stats) == []
    assert related.related(docs[0], [], stats) == []


def test_search_phrases_only_multiword_names_of_known_cost() -> None:
    docs, stats = _corpus()
    vote = docs[3]
    keys = ["person:michelle bachelet", "place:santiago"]
    assert related.search_phrases(vote, stats, keys) == ["Michelle Bachelet"]
    assert related.search_phrases(vote, stats, keys, budget=1) == []
    odd = Doc(99, {"x": 1}, entities={"org:bank of chile": ["Bank of Chile", 1]})
    assert related.search_phrases(odd, stats, ["org:bank of chile"]) == []  # "of": unknown cost


def test_common_terms_are_the_best_remaining() -> None:
    docs, stats = _corpus()
    best = related.common_terms(docs[0], stats)
    assert len(best) == 2 and "iquique" in best
    assert "iquique" not in related.common_terms(docs[0], stats, ["iquique"])
