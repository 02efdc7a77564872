"""Named-entity accuracy: the raw spaCy model vs reader's tagger, on real annotated text.

Datasets (../shared/datasets, read-only):
  gum_news_ner   24 Wikinews articles; documents 1-12 (file order) to develop, 13-24 held out
  wikigold_ner   145 Wikipedia articles, CoNLL-2003 tags (held out: never tuned on)

Both are scored in CoNLL types. spaCy labels map PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC,
NORP/EVENT/WORK_OF_ART/LAW/PRODUCT/LANGUAGE->MISC (dates, numbers, money dropped); reader's
labels map person->PER, org->ORG, place->LOC, group/event/work/other->MISC.

Measures, per type and overall: precision, recall, F1
  exact     same span and type
  lenient   one-to-one: each prediction, in text order, is paired with the first gold mention
            not yet paired that it overlaps (GUM: the full mention span given as
            mention_start/mention_end; wikigold: the name) and that has its type; a pair is a
            true positive for both precision and recall. So two predictions inside one gold
            mention count one hit and one false positive. This measure reproduces the issue's
            figures for the raw model (0.575 on GUM 13-24, 0.633 on wikigold; untyped 0.87
            and 0.89).
  untyped   lenient, ignoring the type

Usage: python benchmarks/ner_eval.py [--split dev|test|wikigold|all] [--systems raw,ours]
       [--errors] [--confusion]  (error listing, gold x predicted types: development only)
The last line printed is the lenient typed F1 of reader's tagger on the first split shown.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATASETS = ROOT.parent / "shared" / "datasets"

SPACY_TO_CONLL = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    **dict.fromkeys(["NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"], "MISC"),
}
READER_TO_CONLL = {
    "person": "PER",
    "org": "ORG",
    "place": "LOC",
    **dict.fromkeys(["group", "event", "work", "other"], "MISC"),
}
TYPES = ("PER", "ORG", "LOC", "MISC")


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    type: str
    mstart: int  # the mention span used by the lenient measure
    mend: int


@dataclass
class Doc:
    id: str
    text: str
    gold: list[Gold]


def load_gum(part: str) -> list[Doc]:
    path = DATASETS / "gum_news_ner" / "gum_news_entities.jsonl"
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        gold = [
            Gold(e["start"], e["end"], e["type"], e["mention_start"], e["mention_end"])
            for e in d["entities"]
        ]
        docs.append(Doc(d["id"], d["text"], gold))
    return docs[:12] if part == "dev" else docs[12:]


def load_wikigold() -> list[Doc]:
    path = DATASETS / "wikigold_ner" / "wikigold.conll.txt"
    docs: list[Doc] = []
    lines: list[str] = []
    gold: list[Gold] = []
    pos = 0
    open_ent: list | None = None  # [start, end, type]

    def close() -> None:
        nonlocal open_ent
        if open_ent:
            gold.append(Gold(open_ent[0], open_ent[1], open_ent[2], open_ent[0], open_ent[1]))
        open_ent = None

    def flush_doc() -> None:
        nonlocal lines, gold, pos
        close()
        if lines:
            docs.append(Doc(f"wikigold-{len(docs) + 1}", "\n".join(lines), gold))
        lines, gold, pos = [], [], 0

    sentence: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        if raw.startswith("-DOCSTART-"):
            flush_doc()
            continue
        if not raw.strip():
            close()
            if sentence:
                lines.append(" ".join(sentence))
                pos += 1  # the newline
                sentence = []
            continue
        token, tag = raw.rsplit(" ", 1)
        start = pos
        pos += len(token) + (1 if sentence else 0)
        start = pos - len(token)
        sentence.append(token)
        if tag == "O":
            close()
            continue
        kind, typ = tag.split("-", 1)
        if open_ent and open_ent[2] == typ and kind == "I":
            open_ent[1] = pos
        else:
            close()
            open_ent = [start, pos, typ]
    flush_doc()
    return docs


# --- systems -------------------------------------------------------------------------------


def system_raw(exclude: bool):
    import spacy

    from reader.entities import model

    package = model.package_dir()
    assert package is not None, "model not installed"
    nlp = spacy.load(model.data_dir(package), exclude=list(model.EXCLUDE) if exclude else [])

    def run(texts: list[str]) -> list[list[tuple[int, int, str]]]:
        out = []
        for doc in nlp.pipe(texts):
            out.append(
                [
                    (e.start_char, e.end_char, SPACY_TO_CONLL[e.label_])
                    for e in doc.ents
                    if e.label_ in SPACY_TO_CONLL
                ]
            )
        return out

    return run


def system_reader(force_fallback: bool):
    import reader.entities as ents

    if force_fallback:
        from reader.entities import fallback

        def run(texts: list[str]) -> list[list[tuple[int, int, str]]]:
            return [
                [(s.start, s.end, READER_TO_CONLL[s.label]) for s in fallback.tag(t)] for t in texts
            ]

        return run

    def run(texts: list[str]) -> list[list[tuple[int, int, str]]]:
        assert ents.backend() == "spacy", ents.problem()
        return [
            [(s.start, s.end, READER_TO_CONLL[s.label]) for s in spans]
            for spans in ents.tag_many(texts)
        ]

    return run


SYSTEMS = {
    "raw": lambda: system_raw(exclude=False),
    "raw-ner-only": lambda: system_raw(exclude=True),
    "ours": lambda: system_reader(force_fallback=False),
    "fallback": lambda: system_reader(force_fallback=True),
}


# --- scoring -------------------------------------------------------------------------------


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def match(gold: list[Gold], pred: list[tuple[int, int, str]], typed: bool) -> dict[int, int]:
    """Pair predictions (in text order) with gold mentions one to one: prediction index ->
    gold index."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for i, (s, e, t) in enumerate(pred):
        for j, g in enumerate(gold):
            if j not in used and (not typed or g.type == t) and _overlap(s, e, g.mstart, g.mend):
                pairs[i] = j
                used.add(j)
                break
    return pairs


class Score:
    def __init__(self) -> None:
        # measure -> type -> [tp_pred, n_pred, tp_gold, n_gold]
        self.c: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0] * 4))

    def add(self, gold: list[Gold], pred: list[tuple[int, int, str]]) -> None:
        pred = sorted(pred)  # text order: match() pairs greedily
        exact_gold = {(g.start, g.end, g.type) for g in gold}
        exact_pred = set(pred)
        pairs = {
            "lenient": match(gold, pred, typed=True),
            "untyped": match(gold, pred, typed=False),
        }
        for i, (s, e, t) in enumerate(pred):
            hits = {
                "exact": (s, e, t) in exact_gold,
                **{m: i in pairs[m] for m in ("lenient", "untyped")},
            }
            for measure, hit in hits.items():
                for key in (t, "ALL"):
                    cell = self.c[measure][key]
                    cell[0] += hit
                    cell[1] += 1
        for j, g in enumerate(gold):
            hits = {
                "exact": (g.start, g.end, g.type) in exact_pred,
                **{m: j in pairs[m].values() for m in ("lenient", "untyped")},
            }
            for measure, hit in hits.items():
                for key in (g.type, "ALL"):
                    cell = self.c[measure][key]
                    cell[2] += hit
                    cell[3] += 1

    def prf(self, measure: str, key: str = "ALL") -> tuple[float, float, float]:
        tp_p, n_p, tp_g, n_g = self.c[measure][key]
        p = tp_p / n_p if n_p else 0.0
        r = tp_g / n_g if n_g else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def report(name: str, score: Score) -> None:
    print(f"  {name}")
    print(f"    {'':8} {'exact P/R/F1':>22} {'lenient P/R/F1':>22} {'untyped P/R/F1':>22}")
    for key in (*TYPES, "ALL"):
        cells = []
        for measure in ("exact", "lenient", "untyped"):
            p, r, f = score.prf(measure, key)
            cells.append(f"{p:.3f} {r:.3f} {f:.3f}")
        print(f"    {key:8} " + " ".join(f"{c:>22}" for c in cells))


def show_errors(docs: list[Doc], preds: list[list[tuple[int, int, str]]]) -> None:
    kinds: Counter = Counter()
    for doc, pred in zip(docs, preds, strict=True):
        print(f"--- {doc.id}")
        pred = sorted(pred)
        pairs = match(doc.gold, pred, typed=True)
        for i, (s, e, t) in enumerate(pred):
            if i in pairs:
                continue
            same = [g for g in doc.gold if _overlap(s, e, g.mstart, g.mend)]
            gtxt = ", ".join(f"{doc.text[g.start : g.end]!r}/{g.type}" for g in same) or "-"
            kind = f"pred {t} gold {same[0].type}" if same else f"spurious {t}"
            kinds[kind] += 1
            print(f"  FP {doc.text[s:e]!r}/{t}  gold: {gtxt}")
        for j, g in enumerate(doc.gold):
            if j not in pairs.values():
                kinds[f"missed {g.type}"] += 1
                print(f"  FN {doc.text[g.start : g.end]!r}/{g.type}")
    print(kinds.most_common())


def confusion(docs: list[Doc], preds: list[list[tuple[int, int, str]]]) -> None:
    """Print gold type x predicted type: each gold mention counts under the type of the
    predictions overlapping it (its own type when one of them has it, "-" when none do);
    predictions overlapping no gold mention count in the "-" row."""
    table: Counter = Counter()
    for doc, pred in zip(docs, preds, strict=True):
        for g in doc.gold:
            types = {t for s, e, t in pred if _overlap(s, e, g.mstart, g.mend)}
            got = g.type if g.type in types else (sorted(types)[0] if types else "-")
            table[g.type, got] += 1
        for s, e, t in pred:
            if not any(_overlap(s, e, g.mstart, g.mend) for g in doc.gold):
                table["-", t] += 1
    cols = (*TYPES, "-")
    print("    gold \\ predicted " + " ".join(f"{c:>6}" for c in cols))
    for row in cols:
        print(f"    {row:17} " + " ".join(f"{table[row, c]:>6}" for c in cols))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="all", choices=["dev", "test", "wikigold", "all"])
    ap.add_argument("--systems", default="raw,ours")
    ap.add_argument("--errors", action="store_true", help="list errors (dev split only)")
    ap.add_argument(
        "--confusion", action="store_true", help="gold x predicted types (dev split only)"
    )
    args = ap.parse_args(argv)
    if not DATASETS.is_dir():
        print(f"datasets not found at {DATASETS}", file=sys.stderr)
        return 1
    if (args.errors or args.confusion) and args.split != "dev":
        ap.error("--errors and --confusion are for the development documents only (--split dev)")
    splits = {
        "dev": ("GUM news, documents 1-12 (development)", lambda: load_gum("dev")),
        "test": ("GUM news, documents 13-24 (held out)", lambda: load_gum("test")),
        "wikigold": ("wikigold (held out)", load_wikigold),
    }
    chosen = ["test", "wikigold", "dev"] if args.split == "all" else [args.split]
    systems = {name: SYSTEMS[name]() for name in args.systems.split(",")}
    last = None
    for split in chosen:
        title, loader = splits[split]
        docs = loader()
        n_gold = sum(len(d.gold) for d in docs)
        print(f"{title}: {len(docs)} documents, {n_gold} gold entities")
        for name, run in systems.items():
            t0 = time.perf_counter()
            preds = run([d.text for d in docs])
            elapsed = time.perf_counter() - t0
            score = Score()
            for doc, pred in zip(docs, preds, strict=True):
                score.add(doc.gold, pred)
            report(f"{name} ({elapsed:.2f} s)", score)
            if name == "ours" and last is None:
                last = (title, score.prf("lenient")[2])
            if args.confusion:
                confusion(docs, preds)
            if args.errors and name == "ours":
                show_errors(docs, preds)
    if last:
        print(f"F1 (lenient typed, ours, {last[0]}): {last[1]:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
