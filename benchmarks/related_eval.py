"""Quality of related stories on ECB+ (982 real articles, 86 same-event stories, 43 topics).

Loads every article into a fresh cache through reader's own path (ParsedEntry ->
``Store.upsert_entries``, then the refresh worker's ``enrich_job`` -> ``Store.save_enrichment``),
then, for every article, ranks the others with reader's two-stage related-stories pipeline
(``reader.services.related.candidates_for`` + ``reader.related.rank``) and with a plain TF-IDF
baseline over the same stored texts (log tf x idf, cosine, all 981 others). Reports P@1/5/10
of same-story results and the share of the top 5 from the same topic's *other* story (hard
negatives), on topics 1-20 (dev, used for tuning) and 21-45 (held out, the figure to report).

Variants: ``full`` (whole text) and ``lead`` (title + first sentence only).
Undated articles get a seeded random date in 2004-2013: the store would otherwise give them all
the same fetch time, and "close in time" would then leak which sub-corpus an article is from.
Near-duplicate grouping is not applied to the ranked lists (the baseline does not group).

    python benchmarks/related_eval.py [--variant full|lead|both] [--split dev|held|both]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "datasets" / "ecbplus_story_clusters" / "articles.jsonl"

from reader import related  # noqa: E402
from reader.models import Block, ParsedEntry  # noqa: E402
from reader.services.refresh_worker import enrich_job  # noqa: E402
from reader.services.related import candidates_for  # noqa: E402
from reader.store import Store  # noqa: E402

BATCH = 64


def load_articles() -> list[dict]:
    if not DATA.exists():
        sys.exit(f"dataset not found: {DATA}")
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]


def _date(article: dict, rng: random.Random) -> datetime:
    if article["published"]:
        return datetime.fromisoformat(article["published"]).replace(tzinfo=UTC)
    start = datetime(2004, 1, 1, tzinfo=UTC)
    return start + timedelta(days=rng.randrange(10 * 365), hours=rng.randrange(24))


def _entry(article: dict, variant: str, rng: random.Random) -> ParsedEntry:
    title = article["title"] or ""
    lines = [x for x in article["text"].split("\n") if x.strip()]
    if title and lines and lines[0] == title:
        lines = lines[1:]  # the headline is the title, not a paragraph
    if variant == "lead":
        lines = [article["lead"]]
    return ParsedEntry(
        guid=article["id"],
        url=article["url"] or f"urn:ecbplus:{article['id']}",
        title=title,
        published=_date(article, rng),
        content_blocks=tuple(Block("paragraph", x) for x in lines),
    )


def _feed_name(article: dict) -> str:
    # One feed per source host; ECB docs have none, so they are spread over a few
    # "wire" feeds by a hash of their id (never by story).
    if article["source"]:
        return article["source"]
    return f"wire-{zlib.crc32(article['id'].encode()) % 8}"


def build_cache(path: Path, articles: list[dict], variant: str) -> dict[int, dict]:
    """Ingest all articles; returns article id -> dataset record."""
    store = Store.open(path)
    rng = random.Random(42)
    by_feed: dict[str, list[dict]] = defaultdict(list)
    for article in articles:
        by_feed[_feed_name(article)].append(article)
    ids: dict[int, dict] = {}
    for name, group in sorted(by_feed.items()):
        feed = store.add_feed(f"http://{name}/feed", title=name)
        result = store.upsert_entries(feed.id, [_entry(a, variant, rng) for a in group])
        ids.update(zip(result.new_ids, group, strict=True))
    rows = store.articles_to_enrich(sorted(ids))
    for i in range(0, len(rows), BATCH):
        jobs = [
            {"id": r["id"], "title": r["title"], "text": r["text"], "page_state": "skipped"}
            for r in rows[i : i + BATCH]
        ]
        results, _ = enrich_job(jobs)
        for e in results:
            store.save_enrichment(
                e.article_id,
                page=e.page,
                page_state=e.page_state,
                spans=e.analysis.spans,
                terms=e.analysis.terms,
                version=e.analysis.version,
            )
    store.close()
    return ids


_WORD = re.compile(r"\w+")
_BASE_STOP = frozenset(
    "a an the and or of to in on at for by with from as is are was were be been it its this that"
    " he she they his her their has have had but not said".split()
)


def baseline_rankings(store: Store, ids: list[int]) -> dict[int, list[int]]:
    """Plain TF-IDF (1 + log tf) x idf, cosine, every other article ranked."""
    counts = {}
    for i in ids:
        art = store.get_article(i)
        words = _WORD.findall(f"{art.title}\n{art.text}".lower())
        counts[i] = Counter(w for w in words if w not in _BASE_STOP)
    df: Counter[str] = Counter()
    for c in counts.values():
        df.update(c.keys())
    n = len(ids)
    vecs, index = {}, defaultdict(list)
    for i, c in counts.items():
        v = {t: (1 + math.log(k)) * (math.log((n + 1) / (df[t] + 1)) + 1) for t, k in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs[i] = {t: x / norm for t, x in v.items()}
        for t, x in vecs[i].items():
            index[t].append((i, x))
    out = {}
    for i in ids:
        scores: dict[int, float] = defaultdict(float)
        for t, x in vecs[i].items():
            for j, y in index[t]:
                scores[j] += x * y
        out[i] = sorted((j for j in ids if j != i), key=lambda j: (-scores.get(j, 0.0), j))
    return out


def reader_rankings(store: Store, ids: list[int]) -> tuple[dict[int, list[int]], list[float]]:
    out, times = {}, []
    for i in ids:
        t = time.perf_counter()
        query, docs, stats = candidates_for(store, i)
        ranked = [s.doc.id for s in related.rank(query, docs, stats)]
        times.append(time.perf_counter() - t)
        out[i] = ranked
    return out, times


def score(rankings: dict[int, list[int]], ids: dict[int, dict], split: str) -> dict[str, float]:
    p1 = p5 = p10 = hard = 0.0
    n = 0
    for i, ranked in rankings.items():
        a = ids[i]
        held = int(a["topic_id"]) > 20
        if (split == "held") != held:
            continue
        top = ranked[:10]
        same = [ids[j]["story_id"] == a["story_id"] for j in top] + [False] * (10 - len(top))
        p1 += same[0]
        p5 += sum(same[:5]) / 5
        p10 += sum(same[:10]) / 10
        hard += (
            sum(
                1
                for j in top[:5]
                if ids[j]["topic_id"] == a["topic_id"] and ids[j]["story_id"] != a["story_id"]
            )
            / 5
        )
        n += 1
    return {"P@1": p1 / n, "P@5": p5 / n, "P@10": p10 / n, "hard": hard / n, "n": n}


def _line(name: str, r: dict[str, float]) -> str:
    return (
        f"  {name:9} P@1 {r['P@1']:.3f}  P@5 {r['P@5']:.3f}  P@10 {r['P@10']:.3f}"
        f"  hard negatives in top 5 {100 * r['hard']:.1f}%  (n={r['n']})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", choices=["full", "lead", "both"], default="both")
    parser.add_argument("--split", choices=["dev", "held", "both"], default="both")
    args = parser.parse_args(argv)
    articles = load_articles()
    from reader import entities

    print(f"ECB+ {len(articles)} articles; entity tagger: {entities.backend()}")
    variants = ["full", "lead"] if args.variant == "both" else [args.variant]
    splits = ["dev", "held"] if args.split == "both" else [args.split]
    for variant in variants:
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            ids = build_cache(Path(tmp) / "ecb.db", articles, variant)
            load_s = time.perf_counter() - t
            store = Store.open(Path(tmp) / "ecb.db")
            ours, times = reader_rankings(store, sorted(ids))
            base = baseline_rankings(store, sorted(ids))
            store.close()
        times.sort()
        label = "title + first sentence" if variant == "lead" else "full text"
        print(
            f"\n{label}: ingest + analysis {load_s:.1f} s; related per article median"
            f" {1000 * times[len(times) // 2]:.1f} ms"
        )
        for split in splits:
            name = "topics 21-45 (held out)" if split == "held" else "topics 1-20 (dev)"
            print(f" {name}")
            print(_line("tf-idf", score(base, ids, split)))
            print(_line("reader", score(ours, ids, split)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
