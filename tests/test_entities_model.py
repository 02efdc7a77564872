"""The model's sha256 check: a tampered, missing or extra file is refused, and reader falls
back to the gazetteer tagger with a clear message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.entities import hashes, model
from tests.test_entities_support import needs_model


def test_recorded_digests_cover_the_model_data():
    rels = set(hashes.MODEL_SHA256)
    data = f"{hashes.MODEL_PACKAGE}-{hashes.MODEL_VERSION}"
    for needed in ("config.cfg", "meta.json", "ner/model", "ner/moves", "tokenizer"):
        assert f"{data}/{needed}" in rels
    assert all(len(d) == 64 for d in hashes.MODEL_SHA256.values())


def test_verify_on_a_made_up_package(tmp_path: Path):
    (tmp_path / "a").write_bytes(b"hello")
    expected = {"a": "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"}
    model.verify(tmp_path, expected)  # matches
    (tmp_path / "a").write_bytes(b"hellO")
    with pytest.raises(model.ModelError, match="a has changed"):
        model.verify(tmp_path, expected)
    (tmp_path / "a").unlink()
    with pytest.raises(model.ModelError, match="a is missing"):
        model.verify(tmp_path, expected)


def test_missing_package_is_a_clear_error(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(model, "package_dir", lambda: None)
    with pytest.raises(model.ModelError, match="not installed"):
        model.load()


@pytest.fixture
def model_copy(tmp_path: Path) -> Path:
    package = model.package_dir()
    assert package is not None
    copy = tmp_path / hashes.MODEL_PACKAGE
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@needs_model
def test_installed_model_passes_the_check():
    model.verify(model.package_dir())  # type: ignore[arg-type]


@needs_model
def test_tampered_model_is_refused(model_copy: Path):
    model.verify(model_copy)  # an untouched copy is fine
    target = model.data_dir(model_copy) / "ner" / "moves"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01  # flip one bit
    target.write_bytes(bytes(data))
    with pytest.raises(model.ModelError) as info:
        model.load(model_copy)
    message = str(info.value)
    assert "refusing to load" in message and "ner/moves has changed" in message
    assert "sha256" in message


@needs_model
def test_extra_file_is_refused(model_copy: Path):
    (model.data_dir(model_copy) / "ner" / "extra.bin").write_bytes(b"\0")
    with pytest.raises(model.ModelError, match="not part of the vetted model"):
        model.verify(model_copy)


@needs_model
def test_tampered_model_falls_back(model_copy: Path, monkeypatch: pytest.MonkeyPatch, caplog):
    import reader.entities as ents

    (model.data_dir(model_copy) / "config.cfg").write_text("[nlp]\nlang = 'en'\n")
    monkeypatch.setattr(model, "package_dir", lambda: model_copy)
    monkeypatch.delenv("READER_NER", raising=False)
    ents._reset()
    try:
        assert ents.backend() == "fallback"
        assert "refusing to load" in (ents.problem() or "")
        assert ents.version() == ents.FALLBACK_VERSION
        assert [s.text for s in ents.tag("Angela Merkel visited Berlin.")] == [
            "Angela Merkel",
            "Berlin",
        ]
        assert any("fallback" in r.getMessage() for r in caplog.records)
    finally:
        ents._reset()


@needs_model
def test_loaded_model_uses_numpy_blas_held_to_one_thread():
    import reader.entities as ents

    ents.backend()
    nlp = ents._nlp
    assert nlp is not None
    ops = {type(node.ops).__name__ for node in nlp.get_pipe("ner").model.walk()}
    assert ops == {"NumpyOps"}
    assert all(not node.ops.use_blis for node in nlp.get_pipe("ner").model.walk())
    with model.one_blas_thread():
        from threadpoolctl import threadpool_info

        assert all(
            lib["num_threads"] == 1 for lib in threadpool_info() if lib["user_api"] == "blas"
        )
    assert ents.tag("Angela Merkel visited Paris.")[0].label == "person"
