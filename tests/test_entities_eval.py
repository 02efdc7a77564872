"""The NER scorer (benchmarks/ner_eval.py): its measures on a made-up example, and its
readers of the shared datasets (skipped when ../shared/datasets is absent)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.conftest import dataset

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "ner_eval.py"


@pytest.fixture(scope="module")
def ner_eval():
    spec = importlib.util.spec_from_file_location("ner_eval", _PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["ner_eval"] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        yield module
    finally:
        sys.modules.pop("ner_eval", None)


def test_measures(ner_eval):
    Gold = ner_eval.Gold
    gold = [Gold(0, 14, "PER", 0, 14), Gold(20, 26, "LOC", 16, 26), Gold(30, 35, "ORG", 30, 35)]
    pred = [(0, 14, "PER"), (16, 26, "LOC"), (30, 35, "LOC"), (40, 44, "MISC")]
    score = ner_eval.Score()
    score.add(gold, pred)
    assert score.prf("exact") == pytest.approx((1 / 4, 1 / 3, 2 / 7))
    p, r, f = score.prf("lenient")
    assert (p, r) == pytest.approx((2 / 4, 2 / 3))
    assert score.prf("untyped")[:2] == pytest.approx((3 / 4, 1.0))
    assert score.prf("lenient", "PER") == pytest.approx((1.0, 1.0, 1.0))


def test_gum_split_and_offsets(ner_eval):
    dataset("gum_news_ner")
    dev, test = ner_eval.load_gum("dev"), ner_eval.load_gum("test")
    assert len(dev) == len(test) == 12
    assert dev[0].id < test[0].id  # file order: 1-12 develop, 13-24 held out
    for doc in dev + test:
        for g in doc.gold:
            assert g.mstart <= g.start < g.end <= g.mend
            assert doc.text[g.start : g.end].strip()


def test_wikigold_reader(ner_eval):
    dataset("wikigold_ner")
    docs = ner_eval.load_wikigold()
    assert len(docs) == 145
    assert sum(len(d.gold) for d in docs) > 3000
    first = docs[0]
    g = first.gold[0]
    assert first.text[g.start : g.end] == "010" and g.type == "MISC"
    assert {g.type for d in docs for g in d.gold} == {"PER", "ORG", "LOC", "MISC"}


def test_lenient_pairs_one_to_one(ner_eval):
    """Two predictions inside one gold mention: one hit and one false positive (the measure
    that reproduces the issue's raw-model figures)."""
    Gold = ner_eval.Gold
    gold = [Gold(0, 27, "PER", 0, 27)]  # "U.S. President Donald Trump"
    score = ner_eval.Score()
    score.add(gold, [(15, 27, "PER"), (0, 4, "PER")])
    assert score.prf("lenient")[:2] == pytest.approx((1 / 2, 1.0))
    assert score.prf("untyped")[:2] == pytest.approx((1 / 2, 1.0))
