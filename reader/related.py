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
gain weight over the terms of the same *kind* of event), blended with the overlap of nearest
neighbours among the candidates (a story of another event has its own neighbourhood) and an
IDF-weighted cosine of shared entities, and nudged up when both stories have dates a few days
apart. Near-duplicates (the same wire story in several feeds) are grouped into one result
with ``also_in``. The weights were tuned on ECB+ topics 1-20 (benchmarks/related_eval.py).
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
MAX_TERMS = 150
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
    don't can't won't didn't isn't wasn't there's that's he's she's they're we're i'm
    however still yet though although meanwhile also even ever never often rather quite
    much many well back first last next since via per""".split()
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
    terms: Mapping[str, int] = field(default_factory=dict)
    title_terms: frozenset[str] = frozenset()
    proper: frozenset[str] = frozenset()
    entities: Mapping[str, Sequence] = field(default_factory=dict)  # key -> (name, count)
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
            entities=data.get("e") or {},  # key -> [name, count], as stored
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
    neighbour_weight: float = 0.4  # share of shared-nearest-neighbour overlap in the score
    neighbour_k: int = 8
    entity_weight: float = 0.1  # share of the entity cosine in the score
    time_weight: float = 0.3  # bonus for stories dated close together
    time_scale_days: float = 7.0
    duplicate_cosine: float = 0.8  # text cosine above which two stories are one
    reasons: int = 5  # shared terms and entities shown


DEFAULT = Params()


class Stats:
    """Document frequencies (terms and ``@entity`` keys) and the number of documents.

    Also caches idf values and the weighted vectors made from them, so each document is
    weighed once per ranking (the hot loop of "related": keep it lean).
    """

    def __init__(self, df: Mapping[str, int], n_docs: int) -> None:
        self.df = df
        self.n_docs = n_docs
        self._idf: dict[str, float] = {}
        self._vectors: dict[tuple[int, int, Params], tuple[dict[str, float], float]] = {}
        self._rows: dict[int, int] = {}  # doc id -> row of the last ranking's matrix
        self._matrix: Any = None

    def idf(self, key: str) -> float:
        value = self._idf.get(key)
        if value is None:
            value = self._fill([key])[key]
        return value

    def _fill(self, keys: Iterable[str]) -> dict[str, float]:
        # Smoothed idf; a key the cache has not counted yet is as rare as can be.
        table, df, log, top = self._idf, self.df, math.log, math.log(self.n_docs + 1) + 1.0
        for key in keys:
            if key not in table:
                table[key] = top - log(df.get(key, 0) + 1)
        return table

    def weights(self, doc: Doc, kind: int, params: Params) -> tuple[dict[str, float], float]:
        """(weight per key, Euclidean norm) of the doc's terms (kind 0) or entities (kind 1)."""
        key = (doc.id, kind, params)
        cached = self._vectors.get(key)
        if cached is None:
            cached = _term_weights(doc, self, params) if kind == 0 else _entity_weights(doc, self)
            self._vectors[key] = cached
        return cached

    def vector(self, doc: Doc, kind: int, params: Params) -> dict[str, float]:
        """The unit-length term (kind 0) or entity (kind 1) vector of ``doc``."""
        vec, norm = self.weights(doc, kind, params)
        return {k: x / norm for k, x in vec.items()} if norm else {}


_LOG_TF = [0.0] + [1.0 + math.log(n) for n in range(1, 64)]


def _log_tf(count: int) -> float:
    return _LOG_TF[count] if count < 64 else 1.0 + math.log(count)


def _term_weights(doc: Doc, stats: Stats, params: Params) -> tuple[dict[str, float], float]:
    idf = stats._fill(doc.terms)
    if params.idf_power != 1.0:
        power = params.idf_power
        vec = {t: _log_tf(c) * idf[t] ** power for t, c in doc.terms.items()}
    else:
        vec = {t: _log_tf(c) * idf[t] for t, c in doc.terms.items()}
    if params.proper_boost != 1.0:
        for term in doc.proper:
            if term in vec:
                vec[term] *= params.proper_boost
    if params.title_boost != 1.0:
        for term in doc.title_terms:
            if term in vec:
                vec[term] *= params.title_boost
    return vec, math.hypot(*vec.values())


def _entity_weights(doc: Doc, stats: Stats) -> tuple[dict[str, float], float]:
    idf = stats._fill([ENTITY_PREFIX + key for key in doc.entities])
    vec = {
        key: _log_tf(count) * idf[ENTITY_PREFIX + key] for key, (_, count) in doc.entities.items()
    }
    return vec, math.hypot(*vec.values())


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    # The key intersection runs in C; news vectors share few terms.
    return sum([a[k] * b[k] for k in a.keys() & b.keys()])


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


def _matrix(bags: Sequence[Mapping[str, int]], stats: Stats, prefix: str = "", power=1.0):
    """Unit-length (1 + log tf) x idf rows over the union of the bags' keys (numpy).

    Returns (matrix, column of each key). The per-key work runs in C (set union, map);
    this is the hot loop of "related".
    """
    import numpy as np  # only when ranking: the refresh worker never needs it

    vocab = {key: i for i, key in enumerate(set().union(*bags))}
    cols: list[int] = []
    counts: list[int] = []
    for bag in bags:
        cols += map(vocab.__getitem__, bag)
        counts += bag.values()
    rows = np.repeat(np.arange(len(bags)), [len(b) for b in bags])
    table = stats._fill(prefix + k for k in vocab) if prefix else stats._fill(vocab)
    idf = np.fromiter((table[prefix + k] for k in vocab), float, len(vocab))
    if power != 1.0:
        idf **= power
    matrix = np.zeros((len(bags), len(vocab)))
    col = np.asarray(cols, dtype=np.intp)
    matrix[rows, col] = (1.0 + np.log(np.asarray(counts, dtype=float))) * idf[col]
    return matrix, vocab


def _unit_rows(matrix) -> None:
    import numpy as np

    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1.0
    matrix /= norms[:, None]


def _term_matrix(docs: Sequence[Doc], stats: Stats, params: Params):
    """Unit-length TF-IDF rows of ``docs`` (name-like and title terms weighted up)."""
    matrix, vocab = _matrix([d.terms for d in docs], stats, power=params.idf_power)
    for boost, attr in ((params.proper_boost, "proper"), (params.title_boost, "title_terms")):
        if boost != 1.0:
            for i, doc in enumerate(docs):
                hit = [vocab[t] for t in getattr(doc, attr) if t in vocab]
                matrix[i, hit] *= boost
    _unit_rows(matrix)
    return matrix


def _entity_matrix(docs: Sequence[Doc], stats: Stats):
    """Unit-length IDF-weighted rows of the docs' entities."""
    bags = [{k: c for k, (_, c) in d.entities.items()} for d in docs]
    matrix, _ = _matrix(bags, stats, ENTITY_PREFIX)
    _unit_rows(matrix)
    return matrix


def _neighbour_overlap(matrix, scores, k: int):
    """Share of each candidate's k nearest neighbours (among the query and the candidates)
    that are also the query's: stories of another event of the same kind have their own
    neighbourhood, stories of this event share the query's."""
    import numpy as np

    sims = matrix @ matrix.T
    np.fill_diagonal(sims, -np.inf)
    sims[1:, 0] = scores  # the query's row: the expanded scores
    theirs = np.argpartition(-sims[1:], k, axis=1)[:, :k]
    ours = np.zeros(len(matrix), dtype=bool)
    ours[0] = True
    ours[1 + np.argpartition(-scores, k - 1)[: k - 1]] = True
    return ours[theirs].sum(axis=1) / k


def rank(
    query: Doc, candidates: Iterable[Doc], stats: Stats, params: Params = DEFAULT
) -> list[Scored]:
    """Every candidate (but the query) scored against the query, best first."""
    docs = [d for d in candidates if d.id != query.id]
    if not docs:
        return []
    matrix = _term_matrix([query, *docs], stats, params)
    stats._rows = {d.id: i for i, d in enumerate(docs, 1)}
    stats._matrix = matrix
    first = matrix[1:] @ matrix[0]
    expanded = first
    if params.feedback_docs:
        # Pseudo-relevance feedback: add the best neighbours' vectors to the query, so the
        # terms of this event outweigh those of other events of the same kind.
        best = (-first).argsort(kind="stable")[: params.feedback_docs] + 1
        grown = matrix[0] + params.feedback_weight / len(best) * matrix[best].sum(axis=0)
        size = float((grown @ grown) ** 0.5) or 1.0
        expanded = matrix[1:] @ (grown / size)
    if params.neighbour_weight and len(docs) > params.neighbour_k:
        expanded = (1 - params.neighbour_weight) * expanded + params.neighbour_weight * (
            _neighbour_overlap(matrix, expanded, params.neighbour_k)
        )
    if query.entities and params.entity_weight:
        entities = _entity_matrix([query, *docs], stats)
        shared = (entities[1:] @ entities[0]).tolist()
    else:
        shared = [0.0] * len(docs)
    text_share = 1.0 - params.entity_weight
    out = []
    for doc, text, score, ent in zip(docs, first.tolist(), expanded.tolist(), shared, strict=True):
        score = text_share * score + params.entity_weight * ent
        if query.published and doc.published and params.time_weight:
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
    doc: Doc, stats: Stats, params: Params = DEFAULT, *, most: int = 12, budget: int = 4_000
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


def common_terms(doc: Doc, stats: Stats, skip: Iterable[str] = (), *, most: int = 2) -> list[str]:
    """The doc's most distinctive terms among those too common for a ranked search (the
    store finds the newest articles having all of them instead)."""
    vec = stats.vector(doc, 0, DEFAULT)
    skipped = set(skip)
    ranked = sorted(vec, key=lambda t: (-vec[t], t))
    return [t for t in ranked if t not in skipped and stats.df.get(t, 0) >= 2][:most]


def search_phrases(
    doc: Doc, stats: Stats, keys: Iterable[str], *, budget: int = 2_000
) -> list[str]:
    """Names of the given entities to search as phrases, while their cost fits ``budget``.

    A phrase costs the postings of all its words; a name with a stop word (or a word the
    cache has not counted) has an unknown, possibly huge, cost and is left out.
    """
    chosen: list[str] = []
    total = 0
    for key in keys:
        name = doc.entities[key][0]
        words = name.split()
        found = tokens(name)
        if len(words) < 2 or len(found) != len(words):
            continue  # one word: already a search term; stop words: unknown cost
        cost = sum(stats.df.get(term, budget + 1) for term, _ in found)
        if total + cost <= budget:
            chosen.append(name)
            total += cost
    return chosen


def rare_entities(doc: Doc, stats: Stats, *, most: int = 3) -> list[str]:
    """Keys of the doc's rarest entities that some other article also mentions."""
    keys = [k for k in doc.entities if stats.df.get(ENTITY_PREFIX + k, 0) >= 2]
    keys.sort(key=lambda k: (stats.df.get(ENTITY_PREFIX + k, 0), k))
    return keys[:most]


def _title_key(doc: Doc) -> str:
    """The title, normalised; empty when too short to say two stories are one."""
    words = doc.title.lower().split()
    return " ".join(words) if len(words) >= 3 else ""


def group_duplicates(
    scored: Sequence[Scored], stats: Stats, params: Params = DEFAULT
) -> list[list[Scored]]:
    """Near-duplicates grouped together (each group best first, groups in rank order).

    Two stories are one when their titles are the same or their text cosine is at least
    ``params.duplicate_cosine``; each story joins the first group whose head it matches.
    """
    rows = stats._rows
    if stats._matrix is not None and all(s.doc.id in rows for s in scored):
        # The rows of the last ranking: all pairwise cosines in one product.
        sub = stats._matrix[[rows[s.doc.id] for s in scored]]
        cosines = (sub @ sub.T).tolist()
    else:
        vecs = [stats.vector(s.doc, 0, params) for s in scored]
        cosines = [[_dot(a, b) for b in vecs] for a in vecs]
    titles = [_title_key(s.doc) for s in scored]
    groups: list[list[Scored]] = []
    heads: list[int] = []
    for i, item in enumerate(scored):
        for group, head in zip(groups, heads, strict=True):
            if (titles[i] and titles[i] == titles[head]) or (
                cosines[head][i] >= params.duplicate_cosine
            ):
                group.append(item)
                break
        else:
            groups.append([item])
            heads.append(i)
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
    groups = group_duplicates(scored[: limit * 3], stats, params)[:limit]
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
