"""The ONNX export against sentence-transformers, on the real model, corpus and question sets."""

from __future__ import annotations

import numpy as np
import pytest
import yaml

from assistant.indexing.chunking import chunk_document
from assistant.indexing.embeddings import (
    DEFAULT_MODEL_NAME,
    SentenceTransformerEmbedder,
    default_model_path,
    query_embedder,
)
from assistant.indexing.onnx import OnnxEmbedder, ensure_export, export_dir
from assistant.indexing.readers import scan_corpus
from tests.helpers import ROOT

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    directory = export_dir(tmp_path_factory.mktemp("index"))
    notes: list[str] = []
    assert ensure_export(
        directory, model_path=default_model_path(), name=DEFAULT_MODEL_NAME, notify=notes.append
    )
    return directory


@pytest.fixture(scope="module")
def texts() -> dict[str, list[str]]:
    chunks = [c.embed_text() for doc in scan_corpus(ROOT / "corpus").documents for c in chunk_document(doc)]
    questions = []
    for case in yaml.safe_load((ROOT / "eval" / "questions.yaml").read_text(encoding="utf-8")):
        questions += [case["question"], *case.get("history", [])]
    assert len(chunks) > 50 and len(questions) > 50
    return {"chunks": chunks, "questions": questions}


@pytest.fixture(scope="module")
def reference(texts) -> dict[str, np.ndarray]:
    st = SentenceTransformerEmbedder()
    return {k: st.embed(v) for k, v in texts.items()}


@pytest.mark.parametrize("kind", ["chunks", "questions"])
def test_onnx_matches_sentence_transformers(export, texts, reference, kind):
    out = OnnxEmbedder(export).embed(texts[kind])
    cos = np.sum(out * reference[kind], axis=1)
    assert cos.min() >= 0.999, f"lowest cosine {cos.min():.5f} on {texts[kind][int(cos.argmin())][:80]!r}"
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-4)


def test_int8_document_embeddings_stay_close(export, texts, reference):
    out = OnnxEmbedder(export, int8=True).embed(texts["chunks"])
    cos = np.sum(out * reference["chunks"], axis=1)
    # retrieval metrics are checked with `assistant eval` (README); this guards the export itself
    assert cos.mean() >= 0.98 and cos.min() >= 0.95


def test_long_text_is_truncated_as_sentence_transformers_does(export):
    text = " ".join(f"word{i}" for i in range(600))  # far past 256 word pieces
    a = OnnxEmbedder(export).embed([text])
    b = SentenceTransformerEmbedder().embed([text])
    assert float(a[0] @ b[0]) >= 0.999


def test_index_built_by_sentence_transformers_is_queried_by_onnx_without_rebuild(export, tmp_path):
    import shutil

    from assistant.answering.retrieval import Retriever
    from assistant.indexing.indexer import ingest
    from assistant.indexing.store import IndexStore

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "corpus" / "lead-engineer-in-ai.txt", corpus)
    index = tmp_path / "index"
    ingest(corpus, IndexStore(index), SentenceTransformerEmbedder(), force=True)
    shutil.copytree(export, export_dir(index))
    emb = query_embedder(index)
    assert isinstance(emb, OnnxEmbedder)
    loaded = IndexStore(index).load()
    onnx_search = Retriever(loaded, emb)  # the manifest's model name is accepted
    st_search = Retriever(loaded, SentenceTransformerEmbedder())
    for q in ("What does a senior AI engineer make?", "Is a PhD required?", "Pay in Seattle?"):
        a, b = onnx_search.search(q, 5), st_search.search(q, 5)
        assert [h.chunk.chunk_id for h in a.hits] == [h.chunk.chunk_id for h in b.hits]
        assert a.best_dense == pytest.approx(b.best_dense, abs=1e-3)
