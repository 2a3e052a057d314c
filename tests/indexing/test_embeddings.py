"""The ONNX embedder's batching, the choice between ONNX and sentence-transformers, bad exports.

A tiny hand-built ONNX graph stands in for MiniLM: its "embedding" of a text is (sum of token
ids, number of tokens), so order, truncation and padding are visible in the output.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant.errors import BackendError, InvalidInputError
from assistant.indexing import onnx as onnx_mod
from assistant.indexing.embeddings import (
    SentenceTransformerEmbedder,
    default_model_path,
    ingest_embedder,
    query_embedder,
)
from assistant.indexing.onnx import OnnxEmbedder, export_dir, read_meta
from tests.fakes import FakeEmbedder

onnx = pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")


def _tiny_model(path: Path) -> None:
    from onnx import TensorProto, helper

    ids = helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["b", "s"])
    mask = helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["b", "s"])
    types = helper.make_tensor_value_info("token_type_ids", TensorProto.INT64, ["b", "s"])
    out = helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["b", 2])
    axis = helper.make_tensor("axis", TensorProto.INT64, [1], [1])
    nodes = [
        helper.make_node("Cast", ["input_ids"], ["idf"], to=TensorProto.FLOAT),
        helper.make_node("Cast", ["attention_mask"], ["mf"], to=TensorProto.FLOAT),
        helper.make_node("Mul", ["idf", "mf"], ["masked"]),
        helper.make_node("ReduceSum", ["masked", "axis"], ["total"], keepdims=1),
        helper.make_node("ReduceSum", ["mf", "axis"], ["count"], keepdims=1),
        helper.make_node("Concat", ["total", "count"], ["embedding"], axis=1),
    ]
    graph = helper.make_graph(nodes, "tiny", [ids, mask, types], [out], initializer=[axis])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(path))


@pytest.fixture
def tiny_export(tmp_path: Path) -> Path:
    d = export_dir(tmp_path / "index")
    d.mkdir(parents=True)
    _tiny_model(d / onnx_mod.MODEL_FILE)
    shutil.copy(Path(default_model_path()) / "tokenizer.json", d / onnx_mod.TOKENIZER_FILE)
    meta = {"version": onnx_mod.EXPORT_VERSION, "name": "all-MiniLM-L6-v2", "dim": 2, "max_seq_length": 8}
    (d / onnx_mod.META_FILE).write_text(json.dumps(meta))
    return d


def test_batches_by_length_and_returns_rows_in_input_order(tiny_export):
    emb = OnnxEmbedder(tiny_export, batch_size=2)
    texts = ["a", "one two three four five", "hello world", "x y z"]
    widths = []
    emb._load()
    run = emb._session.run
    emb._session = type(
        "Spy", (), {"run": lambda self, o, feed: widths.append(feed["input_ids"].shape) or run(o, feed)}
    )()
    out = emb.embed(texts)
    tok = emb._tokenizer
    for text, row in zip(texts, out, strict=True):
        enc = tok.encode(text)
        assert row[0] == sum(enc.ids) and row[1] == len(enc.ids)  # [CLS] ... [SEP] of that text
    # sorted longest first: each batch pads only to its own longest text
    assert widths == [(2, 7), (2, 4)]


def test_truncates_at_max_seq_length_like_sentence_transformers(tiny_export):
    out = OnnxEmbedder(tiny_export).embed(["word " * 50])
    assert out[0, 1] == 8


def test_missing_or_damaged_export_is_one_line(tmp_path, tiny_export):
    with pytest.raises(BackendError, match="no ONNX export"):
        read_meta(tmp_path / "nowhere")
    (tiny_export / onnx_mod.META_FILE).write_text("{not json")
    with pytest.raises(BackendError, match="unreadable"):
        read_meta(tiny_export)


def test_corrupt_model_file_falls_back_with_a_warning(tiny_export, caplog):
    (tiny_export / onnx_mod.MODEL_FILE).write_bytes(b"garbage")
    fake = FakeEmbedder()
    with caplog.at_level(logging.WARNING):
        out = OnnxEmbedder(tiny_export, fallback=lambda: fake).embed(["pay in Seattle"])
    assert fake.calls == [1] and out.shape == (1, fake.dim)
    assert "cannot be loaded" in caplog.text and "assistant ingest" in caplog.text
    with pytest.raises(BackendError, match="cannot load the ONNX export"):
        OnnxEmbedder(tiny_export).embed(["pay"])


def test_query_embedder_picks_onnx_when_exported(tiny_export, tmp_path, caplog):
    index = tiny_export.parent
    emb = query_embedder(index)
    assert isinstance(emb, OnnxEmbedder) and emb.name == "all-MiniLM-L6-v2"
    # no export: sentence-transformers, same model name (the manifest check passes), a notice on load
    other = query_embedder(tmp_path / "other")
    assert isinstance(other, SentenceTransformerEmbedder) and other.name == emb.name
    assert "no ONNX export" in other.notice and "assistant ingest" in other.notice
    with pytest.raises(BackendError, match="no ONNX export.*assistant ingest"):
        query_embedder(tmp_path / "other", choice="onnx")
    assert isinstance(query_embedder(index, choice="sentence-transformers"), SentenceTransformerEmbedder)
    with pytest.raises(InvalidInputError, match="embedder must be one of"):
        query_embedder(index, choice="tensorflow")


def test_ingest_embedder_uses_the_export_and_leaves_other_embedders_alone(tiny_export, monkeypatch):
    index = tiny_export.parent
    fake = FakeEmbedder()
    assert ingest_embedder(fake, index) is fake
    calls = []
    monkeypatch.setattr(onnx_mod, "ensure_export", lambda d, **kw: calls.append((d, kw["quantize"])) or True)
    doc = ingest_embedder(query_embedder(index), index, int8=True)
    assert isinstance(doc, OnnxEmbedder) and calls == [(tiny_export, True)]
    assert not doc.int8  # this export has no int8 graph: fp32 is used rather than failing
    given = query_embedder(index)
    assert ingest_embedder(given, index, choice="sentence-transformers") is given  # no export then
    monkeypatch.setattr(onnx_mod, "ensure_export", lambda d, **kw: False)  # export failed: PyTorch
    assert isinstance(ingest_embedder(query_embedder(index), index), SentenceTransformerEmbedder)


def test_failed_export_is_a_notice_not_a_traceback(tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("tracer exploded")

    monkeypatch.setattr(onnx_mod, "export_model", boom)
    notes = []
    ok = onnx_mod.ensure_export(
        tmp_path / "onnx", model_path=default_model_path(), name="m", notify=notes.append
    )
    assert not ok and "tracer exploded" in notes[-1] and "using PyTorch" in notes[-1]


def test_export_is_reused_until_the_model_files_change(tiny_export, tmp_path, monkeypatch):
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text("{}")
    meta = json.loads((tiny_export / onnx_mod.META_FILE).read_text())
    meta.update(source=onnx_mod.source_fingerprint(model), int8=False, word_embeddings=onnx_mod.COMPACT)
    (tiny_export / onnx_mod.META_FILE).write_text(json.dumps(meta))
    exported = []
    monkeypatch.setattr(onnx_mod, "export_model", lambda *a, **kw: exported.append(a))
    kw = {"model_path": model, "name": "all-MiniLM-L6-v2", "quantize": False}
    assert onnx_mod.ensure_export(tiny_export, **kw) and exported == []
    (model / "config.json").write_text('{"hidden_size": 768}')
    assert onnx_mod.ensure_export(tiny_export, **kw) and len(exported) == 1


def test_an_export_from_before_compact_embeddings_is_made_again_at_ingest(tiny_export, tmp_path, monkeypatch):
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text("{}")
    meta = json.loads((tiny_export / onnx_mod.META_FILE).read_text())
    meta.update(source=onnx_mod.source_fingerprint(model), int8=False)  # no word_embeddings mark
    (tiny_export / onnx_mod.META_FILE).write_text(json.dumps(meta))
    assert read_meta(tiny_export)["name"] == "all-MiniLM-L6-v2"  # still usable for questions meanwhile
    exported = []
    monkeypatch.setattr(onnx_mod, "export_model", lambda *a, **kw: exported.append(a))
    kw = {"model_path": model, "name": "all-MiniLM-L6-v2", "quantize": False}
    assert onnx_mod.ensure_export(tiny_export, **kw) and len(exported) == 1


def _lookup_model(path: Path, table: np.ndarray) -> None:
    """ids -> word_embeddings rows -> ReduceSum over tokens: the lookup a BERT graph starts with."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    graph = helper.make_graph(
        [
            helper.make_node("Gather", ["model.embeddings.word_embeddings.weight", "ids"], ["rows"]),
            helper.make_node("ReduceSum", ["rows", "axes"], ["out"], keepdims=0),
        ],
        "lookup",
        [helper.make_tensor_value_info("ids", TensorProto.INT64, ["batch", "tokens"])],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, ["batch", table.shape[1]])],
        [
            numpy_helper.from_array(table, "model.embeddings.word_embeddings.weight"),
            numpy_helper.from_array(np.array([1], dtype=np.int64), "axes"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(path))


def test_word_embeddings_are_stored_as_int8_rows_and_looked_up_almost_unchanged(tmp_path):
    import onnx
    import onnxruntime as ort

    rng = np.random.default_rng(0)
    table = rng.normal(0, 0.05, (500, 16)).astype(np.float32)
    table[7] *= 40  # a row with large values must not cost the others their precision
    table[9] = 0.0  # an all-zero row (padding) stays zero
    path = tmp_path / "lookup.onnx"
    _lookup_model(path, table)
    before = path.stat().st_size
    ids = np.array([[1, 7, 9, 42], [499, 3, 3, 0]], dtype=np.int64)
    assert onnx_mod.compact_word_embeddings(path)
    assert path.stat().st_size < before * 0.4
    kinds = {i.name: i.data_type for i in onnx.load(str(path)).graph.initializer}
    assert onnx.TensorProto.FLOAT not in {kinds[n] for n in kinds if n.endswith(".int8")}
    assert "model.embeddings.word_embeddings.weight" not in kinds
    got = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(None, {"ids": ids})[0]
    want = table[ids].sum(axis=1)
    cos = (got * want).sum(1) / np.linalg.norm(got, axis=1) / np.linalg.norm(want, axis=1)
    assert cos.min() > 0.9999
    row = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(
        None, {"ids": np.array([[9]], dtype=np.int64)}
    )[0]
    assert not row.any()
    assert not onnx_mod.compact_word_embeddings(path)  # already compact: nothing to do
