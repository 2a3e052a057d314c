from __future__ import annotations

import json

import pytest

from assistant.evaluation.bench import parse_sizes, synthetic_documents
from assistant.indexing.chunking import chunk_document
from assistant.interfaces import cli


def test_synthetic_corpus_is_deterministic_and_role_like():
    a = synthetic_documents(120, seed=3)
    b = synthetic_documents(120, seed=3)
    assert a == b
    assert a != synthetic_documents(120, seed=4)
    chunks = [c for d in a for c in chunk_document(d)]
    assert len(chunks) == 120
    assert any("$" in c.text for c in chunks) and any("% above national average" in c.text for c in chunks)


def test_parse_sizes():
    assert parse_sizes("1k,10k,100k") == [1000, 10000, 100000]
    assert parse_sizes("250") == [250]
    with pytest.raises(ValueError, match="1k,10k"):
        parse_sizes("lots")


@pytest.mark.integration
def test_bench_runs_both_query_paths_at_a_tiny_size(tmp_path, capsys):
    out = tmp_path / "bench.json"
    assert cli.main(["bench", "--sizes", "60", "--embed-limit", "30", "--no-model", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "role corpus:" in printed and "search p95" in printed and "new process to first result" in printed
    data = json.loads(out.read_text())
    rows = data["sizes"]["60"]
    assert set(rows) == {"torch", "onnx"}
    for row in rows.values():
        assert set(row) >= {
            "chunks",
            "ingest_chunks_per_s",
            "index_mb",
            "ingest_peak_rss_mb",
            "serve_peak_rss_mb",
            "server_extractive_mb",
            "search_hybrid_p50_ms",
            "search_hybrid_p95_ms",
            "faiss_flat_p95_ms",
            "faiss_hnsw_p95_ms",
            "hnsw_recall@10",
        }
        assert row["chunks"] == 60 and 0 <= row["hnsw_recall@10"] <= 1
    # the point of the ONNX path: a search process without PyTorch is far smaller
    assert rows["onnx"]["serve_peak_rss_mb"] < rows["torch"]["serve_peak_rss_mb"] - 150
    assert set(data["cold_start"]) == {"torch", "onnx"}
    assert data["role_corpus"]["chunks"] > 0


def test_bad_sizes_are_a_clear_error(capsys):
    assert cli.main(["bench", "--sizes", "lots", "--no-model"]) == 2
    assert "sizes must look like" in capsys.readouterr().err
