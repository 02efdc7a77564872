"""NER speed and memory: words/s per core (batched), one 1,000-word article, first load, RSS.

Text: the 24 GUM Wikinews articles (../shared/datasets/gum_news_ner), repeated to reach
--words words. Each figure is measured in a fresh process pinned to one thread (BLAS and
OpenMP), so "per core" means what it says.

Usage: python benchmarks/ner_speed.py [--words 60000] [--raw]
  --raw  also time the raw model (all pipeline components, no post-processing, spaCy's
         default matrix library blis; reader's own pipeline uses numpy's BLAS, see
         reader/entities/model.py)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "datasets" / "gum_news_ner" / "gum_news_entities.jsonl"
ONE_THREAD = {v: "1" for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}

CHILD = r"""
import json, resource, statistics, sys, time
sys.path.insert(0, {root!r})
mode, words_wanted = {mode!r}, {words!r}
t0 = time.perf_counter()
if mode == "raw":
    import spacy
    from reader.entities import model
    nlp = spacy.load(model.data_dir(model.package_dir()))
    run = lambda texts: [d.ents for d in nlp.pipe(texts, batch_size=64)]
    one = lambda text: nlp(text).ents
else:
    import reader.entities as ents
    assert ents.backend() == mode, ents.problem()
    run, one = ents.tag_many, ents.tag
load = time.perf_counter() - t0
texts = [json.loads(line)["text"] for line in open({data!r}, encoding="utf-8")]
corpus, n = [], 0
while n < words_wanted:
    for t in texts:
        corpus.append(t)
        n += len(t.split())
run(corpus[:4])  # warm up
t0, c0 = time.perf_counter(), time.process_time()
run(corpus)
batched, batched_cpu = time.perf_counter() - t0, time.process_time() - c0
article = " ".join(" ".join(texts).split()[:1000])
times, cpu = [], []
for _ in range(7):
    t0, c0 = time.perf_counter(), time.process_time()
    one(article)
    times.append(time.perf_counter() - t0)
    cpu.append(time.process_time() - c0)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(dict(load=load, words=n, wps=n / batched, wps_cpu=n / batched_cpu,
                      article_ms=statistics.median(times) * 1000,
                      article_cpu_ms=statistics.median(cpu) * 1000, rss_mb=rss)))
"""


def measure(mode: str, words: int) -> dict:
    code = CHILD.format(root=str(ROOT), mode=mode, words=words, data=str(DATA))
    env = {**os.environ, **ONE_THREAD}
    if mode == "fallback":
        env["READER_NER"] = "fallback"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def first_load(runs: int = 3) -> tuple[float, float]:
    """Median seconds for a fresh process to import reader.entities, load the model and the
    place gazetteer (loaded at the first tag), for the import of spaCy alone, and for the
    gazetteer alone."""
    code = (
        "import time; t0 = time.perf_counter(); import spacy; t1 = time.perf_counter();"
        "import reader.entities as e; e.backend(); t2 = time.perf_counter();"
        "from reader.entities.gazetteer import world_places; world_places();"
        "t3 = time.perf_counter(); print(t3 - t0, t1 - t0, t3 - t2)"
    )
    totals, imports, places = [], [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, **ONE_THREAD},
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        total, imp, place = map(float, out.stdout.split())
        totals.append(total)
        imports.append(imp)
        places.append(place)
    return statistics.median(totals), statistics.median(imports), statistics.median(places)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=60000)
    ap.add_argument("--raw", action="store_true")
    args = ap.parse_args()
    if not DATA.is_file():
        print(f"dataset not found: {DATA}", file=sys.stderr)
        return 1
    modes = (["raw"] if args.raw else []) + ["spacy", "fallback"]
    # CPU time of the (single-threaded) process is what "per core" means, and unlike wall
    # time it does not change when other processes share the machine; both are shown.
    print(
        f"{'':10} {'words/s/core (CPU)':>19} {'wall':>8} {'1,000 words CPU':>16} {'wall':>9}"
        f" {'load':>7} {'RSS':>7}"
    )
    for mode in modes:
        r = measure(mode, args.words)
        name = {"raw": "raw model", "spacy": "ours", "fallback": "fallback"}[mode]
        print(
            f"{name:10} {r['wps_cpu']:>19,.0f} {r['wps']:>8,.0f} {r['article_cpu_ms']:>13.1f} ms"
            f" {r['article_ms']:>6.1f} ms {r['load']:>5.2f} s {r['rss_mb']:>4.0f} MB"
        )
    total, imp, place = first_load()
    print(
        f"first load (fresh process, import spaCy + verify + load + place gazetteer):"
        f" {total:.2f} s (of which importing spaCy {imp:.2f} s, place gazetteer {place:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
