"""Benchmarks: ingest throughput, index size, memory, search latency (flat vs HNSW), cold start, TTFT.

Synthetic corpora are role-like documents generated from a fixed seed, never committed.
Each size runs in its own process so peak memory is that size's own.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from assistant.evaluation.metrics import percentile
from assistant.indexing.chunking import chunk_document
from assistant.types import Document

QUESTIONS = [
    "What does a senior engineer earn?",
    "Which certifications are useful?",
    "How many years of experience?",
    "What are the key responsibilities?",
    "Is a PhD required?",
    "What is the pay in Seattle?",
    "What skills does a data lead need?",
    "How big is the annual bonus?",
    "What tools are used daily?",
    "What are the common challenges?",
]
PAY_QUESTION = "How much does a senior AI engineer make?"
PAY_QUESTIONS = [
    PAY_QUESTION,
    "What does a Lead AI Engineer earn in Seattle?",
    "What would a new grad make?",
    "How big is the annual bonus?",
    "What is the average base salary of a lead AI engineer?",
]

_ROLES = [
    "Data Engineer",
    "ML Engineer",
    "Product Manager",
    "Security Analyst",
    "Research Scientist",
    "Platform Engineer",
    "Data Analyst",
    "Solutions Architect",
    "QA Engineer",
    "DevOps Engineer",
]
_AREAS = [
    "Responsibilities",
    "Required Skills",
    "Education",
    "Salary by Level",
    "Regional Variations",
    "Career Progression",
    "Tools and Technologies",
    "Common Challenges",
    "Best Practices",
    "Benefits",
]
_VERBS = [
    "Design",
    "Lead",
    "Review",
    "Maintain",
    "Coordinate",
    "Evaluate",
    "Mentor",
    "Plan",
    "Build",
    "Monitor",
]
_OBJECTS = [
    "data pipelines",
    "model deployments",
    "security audits",
    "stakeholder reports",
    "cloud budgets",
    "team roadmaps",
    "test suites",
    "feature stores",
    "incident reviews",
    "hiring loops",
]
_LEVELS = ["Entry-Level", "Mid-Level", "Senior", "Lead", "Principal"]
_CITIES = ["Austin", "Boston", "Denver", "Chicago", "Seattle", "Atlanta", "Portland", "Miami"]


def synthetic_documents(n_chunks: int, seed: int = 0) -> list[Document]:
    """Deterministic role-like documents with about ``n_chunks`` heading-delimited sections."""
    rng = random.Random(seed)
    docs, made, d = [], 0, 0
    while made < n_chunks:
        role = f"{rng.choice(_ROLES)} {d}"
        lines = []
        for s in range(min(40, n_chunks - made)):
            top = f"{rng.choice(_AREAS)} {s}"
            lines += [top, f"This section covers {top.lower()} for a {role}.", f"Details {s}"]
            for _ in range(rng.randint(3, 5)):
                if "Salary" in top:
                    lo = rng.randrange(60, 200) * 1000
                    lines.append(
                        f"- {rng.choice(_LEVELS)} {role}: ${lo:,} - ${lo + rng.randrange(20, 80) * 1000:,}"
                    )
                elif "Regional" in top:
                    a = rng.randint(2, 20)
                    lines.append(
                        f"- {rng.choice(_CITIES)}: {a}-{a + rng.randint(5, 10)}% above national average"
                    )
                else:
                    lines.append(
                        f"- {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} with {rng.choice(_OBJECTS)}."
                    )
            made += 1
        docs.append(Document(f"synthetic/{d:05d}.txt", role, "\n".join(lines) + "\n"))
        d += 1
    return docs


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _latency(fn, queries, repeat: int = 3) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        for q in queries:
            t = time.perf_counter()
            fn(q)
            times.append((time.perf_counter() - t) * 1000)
    return round(percentile(times, 50), 2), round(percentile(times, 95), 2)


def bench_build(n: int, index_dir: str, *, embed_limit: int = 2000, seed: int = 0) -> dict:
    """Ingest side of one size: chunk, embed (up to ``embed_limit``; the rest are perturbed copies of
    real vectors), save the flat index; measure HNSW against flat on the same vectors."""
    from assistant.indexing.embeddings import SentenceTransformerEmbedder
    from assistant.indexing.store import IndexStore, build_faiss_index

    docs = synthetic_documents(n, seed)
    t = time.perf_counter()
    chunks = [c for doc in docs for c in chunk_document(doc)][:n]
    chunk_s = time.perf_counter() - t
    emb = SentenceTransformerEmbedder()
    emb.embed(["warm up"])
    m = min(n, embed_limit)
    t = time.perf_counter()
    real = emb.embed([c.embed_text() for c in chunks[:m]])
    embed_s = time.perf_counter() - t
    if n > m:
        rng = np.random.default_rng(seed)
        base = real[rng.integers(0, m, n - m)]
        extra = base + rng.normal(0, 0.05, base.shape).astype(np.float32)
        vectors = np.vstack([real, extra / np.linalg.norm(extra, axis=1, keepdims=True)]).astype(np.float32)
    else:
        vectors = real
    store = IndexStore(Path(index_dir))
    t = time.perf_counter()
    gen = store.save({"embedding_model": emb.name, "dim": emb.dim, "files": {}}, chunks, vectors, kind="flat")
    save_s = time.perf_counter() - t
    size_mb = sum(f.stat().st_size for f in gen.iterdir()) / 2**20
    qv = emb.embed(QUESTIONS)
    flat = build_faiss_index(vectors, "flat")
    t = time.perf_counter()
    hnsw = build_faiss_index(vectors, "hnsw")
    hnsw_build_s = time.perf_counter() - t
    flat_lat = _latency(lambda i: flat.search(qv[i : i + 1], 10), range(len(QUESTIONS)), repeat=10)
    hnsw_lat = _latency(lambda i: hnsw.search(qv[i : i + 1], 10), range(len(QUESTIONS)), repeat=10)
    # recall@10 of HNSW against exact search, on the questions and on 200 stored vectors as queries
    probe = np.vstack([qv, vectors[:: max(1, n // 200)][:200]])
    _, exact = flat.search(probe, 10)
    _, approx = hnsw.search(probe, 10)
    recall = float(np.mean([len(set(a) & set(e)) / 10 for a, e in zip(approx, exact, strict=True)]))
    per_chunk = (chunk_s * m / max(1, len(chunks)) + embed_s) / m
    return {
        "chunks": len(chunks),
        "embedded": m,
        "ingest_chunks_per_s": round(1 / per_chunk, 1),
        "index_mb": round(size_mb, 1),
        "save_s": round(save_s, 2),
        "hnsw_build_s": round(hnsw_build_s, 2),
        "faiss_flat_p50_ms": flat_lat[0],
        "faiss_flat_p95_ms": flat_lat[1],
        "faiss_hnsw_p50_ms": hnsw_lat[0],
        "faiss_hnsw_p95_ms": hnsw_lat[1],
        "hnsw_recall@10": round(recall, 4),
        "ingest_peak_rss_mb": round(peak_rss_mb()),
    }


def bench_serve(index_dir: str) -> dict:
    """Serving side, in a fresh process: load the index and answer searches (hybrid, as users do)."""
    from assistant.answering.retrieval import Retriever
    from assistant.indexing.embeddings import SentenceTransformerEmbedder
    from assistant.indexing.store import IndexStore

    emb = SentenceTransformerEmbedder()
    emb.embed(["warm up"])
    t = time.perf_counter()
    retriever = Retriever(IndexStore(Path(index_dir)).load(), emb)
    load_s = time.perf_counter() - t
    hybrid = _latency(lambda q: retriever.search(q, 5), QUESTIONS)
    return {
        "load_s": round(load_s, 2),
        "search_hybrid_p50_ms": hybrid[0],
        "search_hybrid_p95_ms": hybrid[1],
        "serve_peak_rss_mb": round(peak_rss_mb()),
    }


def _in_subprocess(call: str) -> dict:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import json; from assistant.evaluation import bench; print(json.dumps({call}))",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_role_corpus(corpus: Path) -> dict:
    from assistant.indexing.embeddings import SentenceTransformerEmbedder
    from assistant.indexing.indexer import ingest
    from assistant.indexing.store import IndexStore

    emb = SentenceTransformerEmbedder()
    emb.embed(["warm up"])
    with tempfile.TemporaryDirectory() as tmp:
        report = ingest(corpus, IndexStore(Path(tmp)), emb, force=True)
    return {
        "files": report.files,
        "chunks": report.chunks,
        "ingest_s": round(report.seconds, 2),
        "ingest_chunks_per_s": round(report.chunks / report.seconds, 1),
    }


def bench_model(corpus: Path) -> dict:
    """Default model on pay questions with the passages retrieval really returns.

    llama.cpp reuses the KV cache of the previous prompt's common prefix (the few-shot examples),
    so the first question pays for the whole prompt and later ones mostly for their passages.
    """
    from assistant.answering.retrieval import Retriever
    from assistant.generation.llamacpp import LlamaCppGenerator
    from assistant.indexing.embeddings import SentenceTransformerEmbedder
    from assistant.indexing.indexer import ingest
    from assistant.indexing.store import IndexStore
    from assistant.settings import Settings

    emb = SentenceTransformerEmbedder()
    with tempfile.TemporaryDirectory() as tmp:
        store = IndexStore(Path(tmp))
        ingest(corpus, store, emb)
        retriever = Retriever(store.load(), emb)
    gen = LlamaCppGenerator()
    t = time.perf_counter()
    gen._load()
    load_s = time.perf_counter() - t
    runs = []
    for q in PAY_QUESTIONS:
        hits = retriever.search(q, 5).hits[: Settings().model_passages]  # as the assistant prompts it
        passages = [f"{h.chunk.section_path}: {h.chunk.text}" for h in hits]
        t = time.perf_counter()
        first, text = None, ""
        for tok in gen.stream(q, passages):
            first = first or time.perf_counter() - t
            text += tok
        total = time.perf_counter() - t
        n_tok = len(gen._llm.client.tokenize(text.encode("utf-8"), add_bos=False)) if text else 0
        runs.append((first or total, total, n_tok))
    warm = [r[0] for r in runs[1:]]
    tps = [r[2] / max(1e-6, r[1] - r[0]) for r in runs if r[2] > 1]
    return {
        "model_load_s": round(load_s, 2),
        "ttft_cold_s": round(runs[0][0], 3),
        "ttft_warm_p50_s": round(percentile(warm, 50), 3),
        "tokens_per_s": round(percentile(tps, 50), 1),
    }


def cold_start(repo: Path, index: Path, corpus: Path) -> dict:
    exe = [sys.executable, "-m", "assistant.interfaces.cli"]
    common = ["--corpus", str(corpus), "--index", str(index)]
    t = time.perf_counter()
    subprocess.run(exe + ["search", PAY_QUESTION, "--k", "1", *common], check=True, capture_output=True)
    search_s = time.perf_counter() - t
    t = time.perf_counter()
    subprocess.run(exe + ["ask", PAY_QUESTION, *common], check=True, capture_output=True)
    answer_s = time.perf_counter() - t
    return {"first_search_s": round(search_s, 2), "first_answer_s": round(answer_s, 2)}


def parse_sizes(text: str) -> list[int]:
    """``1k,10k,100k`` -> [1000, 10000, 100000]."""
    out = []
    for part in text.split(","):
        p = part.strip().lower()
        if not p:
            continue
        mult = 1000 if p.endswith("k") else 1
        try:
            value = int(float(p.rstrip("k")) * mult)
        except ValueError:
            raise ValueError(f"sizes must look like 1k,10k,100k; got {part!r}") from None
        if value <= 0:
            raise ValueError(f"sizes must be positive; got {part!r}")
        out.append(value)
    return out


def run(sizes: list[int], *, corpus: Path, index: Path, model: bool = True, embed_limit: int = 2000) -> dict:
    results: dict = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "role_corpus": bench_role_corpus(corpus),
        "sizes": {},
    }
    for n in sizes:
        # fresh processes per size and side, so each peak memory figure is that step's alone
        with tempfile.TemporaryDirectory() as tmp:
            row = _in_subprocess(f"bench.bench_build({n}, {tmp!r}, embed_limit={embed_limit})")
            row.update(_in_subprocess(f"bench.bench_serve({tmp!r})"))
        results["sizes"][str(n)] = row
    if model:
        results["model"] = bench_model(corpus)
        results["cold_start"] = cold_start(Path.cwd(), index, corpus)
    return results


def table(results: dict) -> str:
    rc = results["role_corpus"]
    lines = [
        f"role corpus: {rc['files']} files, {rc['chunks']} chunks, ingest {rc['ingest_s']} s "
        f"({rc['ingest_chunks_per_s']} chunks/s)",
        "",
    ]
    cols = [
        ("chunks", "chunks"),
        ("ingest_chunks_per_s", "ingest/s"),
        ("index_mb", "index MB"),
        ("ingest_peak_rss_mb", "ingest MB"),
        ("serve_peak_rss_mb", "serve MB"),
        ("search_hybrid_p50_ms", "search p50"),
        ("search_hybrid_p95_ms", "search p95"),
        ("faiss_flat_p95_ms", "flat p95"),
        ("faiss_hnsw_p95_ms", "hnsw p95"),
        ("hnsw_recall@10", "hnsw R@10"),
    ]
    lines.append("  ".join(f"{h:>10}" for _, h in cols))
    for row in results["sizes"].values():
        lines.append("  ".join(f"{row[c]:>10}" for c, _ in cols))
    if "model" in results:
        m, c = results["model"], results["cold_start"]
        lines += [
            "",
            f"default model: load {m['model_load_s']} s, time to first token {m['ttft_cold_s']} s "
            f"(first question), {m['ttft_warm_p50_s']} s (p50 after), {m['tokens_per_s']} tokens/s",
            f"cold start: first search {c['first_search_s']} s, first answer {c['first_answer_s']} s",
        ]
    return "\n".join(lines)
