"""Finding, verifying and loading the spaCy model (only what NER needs).

The model package is located without importing it (its ``__init__.py`` is code we did not
write), every file is checked against the sha256 digests in ``reader.entities.hashes``, and
only then is the data directory loaded with spaCy, without the components NER does not use.
Hashing the ~15 MB package takes ~40 ms, so the check runs at every first load (no stamp
file to trust or to go stale).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from reader.entities.hashes import MODEL_PACKAGE, MODEL_SHA256, MODEL_VERSION

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

#: Components of the pipeline that NER does not need. en_core_web_sm's ner has its own
#: tok2vec layer (no listener), so its output is the same without these (measured with
#: ``benchmarks/ner_eval.py --systems raw,raw-ner-only``: identical F1 on GUM, wikigold
#: within 0.001), at 2x the speed and a third of the memory.
EXCLUDE = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")


class ModelError(Exception):
    """The model is missing, or its files do not match the recorded digests."""


def package_dir() -> Path | None:
    """Where the model package is installed, found without importing (running) it."""
    try:
        spec = importlib.util.find_spec(MODEL_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).parent


def data_dir(package: Path) -> Path:
    """The directory with config.cfg and the component folders."""
    return package / f"{MODEL_PACKAGE}-{MODEL_VERSION}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify(package: Path, expected: dict[str, str] = MODEL_SHA256) -> None:
    """Raise ModelError unless the package's files are exactly the recorded ones."""
    found = {
        p.relative_to(package).as_posix(): p
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    problems = []
    for rel, digest in sorted(expected.items()):
        path = found.pop(rel, None)
        if path is None:
            problems.append(f"{rel} is missing")
        elif _sha256(path) != digest:
            problems.append(f"{rel} has changed")
    problems += [f"{rel} is not part of the vetted model" for rel in sorted(found)]
    if problems:
        shown = "; ".join(problems[:3]) + (f" (+{len(problems) - 3} more)" if problems[3:] else "")
        raise ModelError(
            f"refusing to load the spaCy model at {package}: its files do not match the sha256 "
            f"digests recorded in reader ({shown}); reinstall {MODEL_PACKAGE}=={MODEL_VERSION}"
        )


def load(package: Path | None = None) -> Language:
    """The verified NER-only pipeline (raises ModelError when missing or tampered with)."""
    package = package or package_dir()
    if package is None:
        raise ModelError(f"the spaCy model {MODEL_PACKAGE} is not installed")
    verify(package)
    try:
        import spacy
    except ImportError as exc:
        raise ModelError(f"spaCy is not installed ({exc})") from exc
    try:
        nlp = spacy.load(data_dir(package), exclude=list(EXCLUDE))
    except Exception as exc:  # spaCy raises many kinds on a broken model
        raise ModelError(f"could not load the spaCy model: {exc}") from exc
    _use_numpy_blas(nlp)
    return nlp


_blas_controller = None


def _use_numpy_blas(nlp: Language) -> None:
    """Let the model's matrix products go through numpy's BLAS (OpenBLAS) instead of blis.

    Why: on this kind of CPU (AMD EPYC, AVX-512) blis runs its generic kernels and is ~3x
    slower than OpenBLAS for the token-to-vector layers, which are half of NER's time; the
    output is the same (checked with benchmarks/ner_eval.py). Only done when threadpoolctl
    can hold OpenBLAS to one thread around tagging (one_blas_thread()): with a thread per
    core its idle threads spin and the CPU time per word gets worse, not better.
    """
    global _blas_controller
    try:
        from thinc.api import NumpyOps
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return
    _blas_controller = ThreadpoolController()
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        if hasattr(component, "model"):
            for node in component.model.walk():
                node.ops = ops


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Hold the BLAS library to one thread while the model runs (see _use_numpy_blas)."""
    if _blas_controller is None:
        yield
        return
    with _blas_controller.limit(limits=1, user_api="blas"):
        yield
