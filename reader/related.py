"""Related stories: term data made at refresh time, and the ranking done when reading.

Two halves that never touch the store:

- ``terms_for(title, text, spans)`` runs in the refresh worker and returns a small JSON-able
  dict: term counts (lower-cased, lightly stemmed words), which terms are in the title, which
  look like names (capitalised mid-sentence), and the article's entities (key -> name, count).
  The store keeps it per article and maintains document frequencies from it.
- ``rank``/``related`` take the open article, candidate articles (found by the store) and the
  document frequencies, and return related stories best first, each with its reasons.

Score: TF-IDF cosine (log tf x smoothed idf, name-like terms weighted up), with the query
expanded by its best few neighbours (pseudo-relevance feedback: the terms of the same event
gain weight over the terms of the same *kind* of event), blended with an IDF-weighted cosine of
shared entities, and nudged up when both stories have dates a few days apart. Near-duplicates
(the same wire story in several feeds) are grouped into one result with ``also_in``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reader.models import EntitySpan, RelatedStory

#: Version of the term data format (stored with it; older data is ignored).
TERMS_VERSION = 1
#: At most this many distinct terms are kept per article (the most frequent).
MAX_TERMS = 400
#: Document-frequency keys of entities start with this (terms never do: they are \w+).
ENTITY_PREFIX = "@"

_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in into
    is it its itself just me more most my myself no nor not now of off on once only or other our
    ours out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your yours said says say told according
    one two new year years time people like get got may might must shall us mr mrs ms its it's
    don't can't won't didn't isn't wasn't there's that's he's she's they're we're i'm""".split()
)
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")


def stem(word: str) -> str:
    """A light stem: drops possessives and plural endings, so stems stay readable words."""
    word = _POSSESSIVE.sub("", word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> list[tuple[str, bool]]:
    """(term, capitalised mid-sentence) for each content word of ``text``."""
    out: list[tuple[str, bool]] = []
    for line in text.splitlines():
        first = True
        for match in _TOKEN.finditer(line):
            word = match.group(0)
            lower = word.lower().replace("’", "'")
            # A capital after a sentence end is not a sign of a name.
            after_stop = match.start() >= 2 and line[match.start() - 2] in ".!?"
            capital = word[0].isupper() and not first and not after_stop
            first = False
            if lower in _STOPWORDS or len(lower) < 2:
                continue
            out.append((stem(lower), capital))
    return out


def terms_for(title: str, text: str, spans: Sequence[EntitySpan] = ()) -> dict[str, Any]:
    """The term data of one article (JSON-able), computed at refresh time."""
    counts: Counter[str] = Counter()
    capitals: Counter[str] = Counter()
    title_terms = set()
    for term, _capital in tokens(title):
        counts[term] += 1
        title_terms.add(term)
    for term, capital in tokens(text):
        counts[term] += 1
        capitals[term] += capital
    kept = dict(counts.most_common(MAX_TERMS))
    proper = sorted(t for t, n in capitals.items() if t in kept and 2 * n >= counts[t])
    entities: dict[str, list] = {}
    for span in spans:
        if not span.key:
            continue
        entry = entities.setdefault(span.key, [span.name or span.text, 0])
        entry[1] += 1
    return {
        "v": TERMS_VERSION,
        "t": kept,
        "h": sorted(t for t in title_terms if t in kept),
        "p": proper,
        "e": entities,
    }


@dataclass(frozen=True)
class Doc:
    """One article as the ranker sees it: its term data and what is shown about it."""

    id: int
    terms: Mapping[str, int]
    title_terms: frozenset[str] = frozenset()
    proper: frozenset[str] = frozenset()
    entities: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    published: datetime | None = None
    title: str = ""
    url: str = ""
    feed: str = ""

    @classmethod
    def from_terms(cls, id: int, data: Mapping[str, Any] | None, **shown: Any) -> Doc:
        """A Doc from ``terms_for`` data (None or another version: no terms)."""
        if not data or data.get("v") != TERMS_VERSION:
            return cls(id=id, **shown)
        return cls(
            id=id,
            terms=data.get("t") or {},
            title_terms=frozenset(data.get("h") or ()),
            proper=frozenset(data.get("p") or ()),
            entities={k: (v[0], int(v[1])) for k, v in (data.get("e") or {}).items()},
            **shown,
        )

    def df_keys(self) -> list[str]:
        """The keys whose document frequency the ranking needs."""
        return [*self.terms, *(ENTITY_PREFIX + k for k in self.entities)]


@dataclass(frozen=True)
class Params:
    """Ranking weights (tuned on ECB+ topics 1-20 only; see benchmarks/related_eval.py)."""

    idf_power: float = 1.0  # idf ** power: above 1, rare terms count more
    proper_boost: float = 1.5  # weight of name-like terms
    title_boost: float = 1.0  # weight of terms in the title
    feedback_docs: int = 3  # neighbours that expand the query
    feedback_weight: float = 0.5
    entity_weight: float = 0.2  # share of the entity cosine in the score
    time_weight: float = 0.1  # bonus for stories dated close together
    time_scale_days: float = 3.0
    duplicate_cosine: float = 0.8  # text cosine above which two stories are one
    reasons: int = 5  # shared terms and entities shown


DEFAULT = Params()


class Stats:
    """Document frequencies (terms and ``@entity`` keys) and the number of documents.

    Also caches the vectors made from them, so a document is weighed once per ranking.
    """

    def __init__(self, df: Mapping[str, int], n_docs: int) -> None:
        self.df = df
        self.n_docs = n_docs
        self._idf: dict[str, float] = {}
        self._vectors: dict[tuple[int, int, Params], dict[str, float]] = {}

    def idf(self, key: str) -> float:
        value = self._idf.get(key)
        if value is None:
            # Smoothed idf; a key the cache has not counted yet is as rare as can be.
            value = math.log((self.n_docs + 1) / (self.df.get(key, 0) + 1)) + 1.0
            self._idf[key] = value
        return value

    def vector(self, doc: Doc, kind: int, params: Params) -> dict[str, float]:
        """The cached term (kind 0) or entity (kind 1) vector of ``doc``."""
        key = (doc.id, kind, params)
        vec = self._vectors.get(key)
        if vec is None:
            vec = term_vector(doc, self, params) if kind == 0 else entity_vector(doc, self)
            self._vectors[key] = vec
        return vec


def _normalise(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in vec.values()))
    return {k: x / norm for k, x in vec.items()} if norm else {}


def term_vector(doc: Doc, stats: Stats, params: Params = DEFAULT) -> dict[str, float]:
    """The unit-length TF-IDF vector of a document's terms."""
    vec = {}
    for term, count in doc.terms.items():
        weight = (1.0 + math.log(count)) * stats.idf(term) ** params.idf_power
        if term in doc.proper:
            weight *= params.proper_boost
        if term in doc.title_terms:
            weight *= params.title_boost
        vec[term] = weight
    return _normalise(vec)


def entity_vector(doc: Doc, stats: Stats) -> dict[str, float]:
    """The unit-length IDF-weighted vector of a document's entities."""
    return _normalise(
        {
            key: (1.0 + math.log(count)) * stats.idf(ENTITY_PREFIX + key)
            for key, (_, count) in doc.entities.items()
        }
    )


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b[k] for k, x in a.items() if k in b)


def _closeness(a: datetime | None, b: datetime | None, scale_days: float) -> float:
    if a is None or b is None:
        return 0.0
    days = abs((a - b).total_seconds()) / 86400.0
    return math.exp(-days / scale_days)


@dataclass(frozen=True)
class Scored:
    """A candidate with its score and the parts of it."""

    doc: Doc
    score: float
    text: float  # text cosine (before query expansion)
    entities: float


def rank(
    query: Doc, candidates: Iterable[Doc], stats: Stats, params: Params = DEFAULT
) -> list[Scored]:
    """Every candidate (but the query) scored against the query, best first."""
    docs = [d for d in candidates if d.id != query.id]
    qvec = stats.vector(query, 0, params)
    qent = stats.vector(query, 1, params)
    vecs = [stats.vector(d, 0, params) for d in docs]
    first = [_dot(qvec, v) for v in vecs]
    expanded = qvec
    if params.feedback_docs and docs:
        # Pseudo-relevance feedback: add the best neighbours' vectors to the query.
        best = sorted(range(len(docs)), key=lambda i: -first[i])[: params.feedback_docs]
        share = params.feedback_weight / len(best)
        grown = dict(qvec)
        for i in best:
            for key, x in vecs[i].items():
                grown[key] = grown.get(key, 0.0) + share * x
        expanded = _normalise(grown)
    out = []
    for doc, vec, text in zip(docs, vecs, first, strict=True):
        ent = _dot(qent, stats.vector(doc, 1, params)) if qent and doc.entities else 0.0
        score = (1 - params.entity_weight) * _dot(expanded, vec) + params.entity_weight * ent
        score *= 1.0 + params.time_weight * _closeness(
            query.published, doc.published, params.time_scale_days
        )
        out.append(Scored(doc, score, text, ent))
    out.sort(key=lambda s: (-s.score, s.doc.id))
    return out


def reasons(query: Doc, doc: Doc, stats: Stats, params: Params = DEFAULT) -> tuple[list, list]:
    """(shared entity names, shared key terms), most telling first."""
    shared = [k for k in query.entities if k in doc.entities]
    shared.sort(key=lambda k: (-stats.idf(ENTITY_PREFIX + k), k))
    names = []
    for key in shared:
        name = query.entities[key][0]
        if name not in names:
            names.append(name)
    named = {t for n in names for t, _ in tokens(n)}
    qvec, dvec = stats.vector(query, 0, params), stats.vector(doc, 0, params)
    common = [(qvec[t] * dvec[t], t) for t in qvec if t in dvec and t not in named]
    common.sort(key=lambda x: (-x[0], x[1]))
    return names[: params.reasons], [t for _, t in common[: params.reasons]]


def search_terms(
    doc: Doc, stats: Stats, params: Params = DEFAULT, *, most: int = 12, budget: int = 20_000
) -> list[str]:
    """The doc's most distinctive terms for the candidate search.

    Terms that no other article has are useless; terms so common that their postings would
    blow ``budget`` (the sum of their document frequencies) would make the search slow.
    """
    vec = stats.vector(doc, 0, params)
    chosen: list[str] = []
    total = 0
    for term in sorted(vec, key=lambda t: (-vec[t], t)):
        df = stats.df.get(term, 0)
        if df < 2 or total + df > budget:
            continue
        chosen.append(term)
        total += df
        if len(chosen) >= most:
            break
    return chosen


def rare_entities(doc: Doc, stats: Stats, *, most: int = 3) -> list[str]:
    """Keys of the doc's rarest entities that some other article also mentions."""
    keys = [k for k in doc.entities if stats.df.get(ENTITY_PREFIX + k, 0) >= 2]
    keys.sort(key=lambda k: (stats.df.get(ENTITY_PREFIX + k, 0), k))
    return keys[:most]


def _same_title(a: Doc, b: Doc) -> bool:
    ta, tb = " ".join(a.title.lower().split()), " ".join(b.title.lower().split())
    return bool(ta) and ta == tb and len(ta.split()) >= 3


def group_duplicates(
    scored: Sequence[Scored], stats: Stats, params: Params = DEFAULT
) -> list[list[Scored]]:
    """Near-duplicates grouped together (each group best first, groups in rank order)."""
    groups: list[list[Scored]] = []
    heads: list[dict[str, float]] = []
    for item in scored:
        vec = stats.vector(item.doc, 0, params)
        for group, head in zip(groups, heads, strict=True):
            if _same_title(group[0].doc, item.doc) or _dot(head, vec) >= params.duplicate_cosine:
                group.append(item)
                break
        else:
            groups.append([item])
            heads.append(vec)
    return groups


def related(
    query: Doc,
    candidates: Iterable[Doc],
    stats: Stats,
    *,
    limit: int = 10,
    params: Params = DEFAULT,
) -> list[RelatedStory]:
    """The best ``limit`` related stories, near-duplicates grouped, with their reasons."""
    scored = [s for s in rank(query, candidates, stats, params) if s.score > 0]
    # Only the head of the list can be shown; grouping more would only cost time.
    groups = group_duplicates(scored[: limit * 4], stats, params)[:limit]
    out = []
    for group in groups:
        head = group[0].doc
        entities, terms = reasons(query, head, stats, params)
        feeds = []
        for item in group[1:]:
            if item.doc.feed and item.doc.feed != head.feed and item.doc.feed not in feeds:
                feeds.append(item.doc.feed)
        out.append(
            RelatedStory(
                id=head.id,
                title=head.title,
                url=head.url,
                feed=head.feed,
                published=head.published,
                score=round(group[0].score, 4),
                shared_entities=tuple(entities),
                shared_terms=tuple(terms),
                also_in=tuple(feeds),
                duplicate_ids=tuple(item.doc.id for item in group[1:]),
            )
        )
    return out
