"""Benchmarks, PyTorch and ONNX query paths side by side: ingest, memory, search, cold start, TTFT.

Each size and path runs in its own process so peak memory is that step's own. Everything is
written to temporary folders; the user's index is never touched.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np

from assistant.evaluation.metrics import percentile
from assistant.evaluation.synthetic import synthetic_documents
from assistant.indexing.chunking import chunk_document

__all__ = ["PATHS", "parse_sizes", "run", "synthetic_documents", "table"]

# "torch": sentence-transformers for documents and questions (the reference);
# "onnx": what `assistant ingest` and the query path use when the export exists
PATHS = ("torch", "onnx")
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
# the real chat server is measured up to this size (BM25 over 100k chunks alone takes minutes)
SERVER_MAX_CHUNKS = 10_000


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB.

    Linux keeps ``ru_maxrss`` across fork and exec, so a child started from a large process (a test
    runner) would report its parent's peak; ``VmHWM`` belongs to the new program only.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _latency(fn, queries, repeat: int = 3) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        for q in queries:
            t = time.perf_counter()
            fn(q)
            times.append((time.perf_counter() - t) * 1000)
    return round(percentile(times, 50), 2), round(percentile(times, 95), 2)


def _embedder(path: str, export: str | None, *, documents: bool):
    """The embedder ``path`` means; ONNX documents use the int8 export when settings say so."""
    if path == "torch":
        from assistant.indexing.embeddings import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder()
    from assistant.indexing.onnx import OnnxEmbedder
    from assistant.settings import Settings

    if export is None:
        raise ValueError("the onnx path needs an export folder")
    return OnnxEmbedder(Path(export), int8=documents and Settings().ingest_int8)


def bench_build(
    n: int, index_dir: str, *, path: str = "torch", export: str | None = None, embed_limit: int = 2000
) -> dict:
    """Ingest side of one size: chunk, embed (up to ``embed_limit``; the rest are perturbed copies of
    real vectors), save the flat index; measure HNSW against flat on the same vectors."""
    from assistant.indexing.store import IndexStore, build_faiss_index

    docs = synthetic_documents(n, 0)
    t = time.perf_counter()
    chunks = [c for doc in docs for c in chunk_document(doc)][:n]
    chunk_s = time.perf_counter() - t
    emb = _embedder(path, export, documents=True)
    emb.embed(["warm up"])
    m = min(n, embed_limit)
    t = time.perf_counter()
    real = emb.embed([c.embed_text() for c in chunks[:m]])
    embed_s = time.perf_counter() - t
    if n > m:
        rng = np.random.default_rng(0)
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
    qv = _embedder(path, export, documents=False).embed(QUESTIONS)
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


def bench_serve(index_dir: str, *, path: str = "torch", export: str | None = None) -> dict:
    """Serving side, in a fresh process: load the index and answer searches (hybrid, as users do)."""
    from assistant.answering.retrieval import Retriever
    from assistant.indexing.store import IndexStore

    emb = _embedder(path, export, documents=False)
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


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "assistant.interfaces.cli", *args]


def _env(path: str) -> dict[str, str]:
    """A child's environment: ``torch`` forces sentence-transformers, ``onnx`` is the default (auto)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROLE_ASSISTANT_")}
    env["ROLE_ASSISTANT_EMBEDDER"] = "sentence-transformers" if path == "torch" else "auto"
    return env


def role_index(corpus: Path, index: Path) -> dict:
    """`assistant ingest` of the role corpus (exports the ONNX model beside the index)."""
    t = time.perf_counter()
    subprocess.run(
        _cli("ingest", "--corpus", str(corpus), "--index", str(index)), check=True, capture_output=True
    )
    wall = time.perf_counter() - t
    manifest = json.loads((index / (index / "CURRENT").read_text().strip() / "manifest.json").read_text())
    return {
        "files": len(manifest.get("files", {})),
        "chunks": manifest.get("count", 0),
        "ingest_s": round(wall, 2),
    }


def bench_model(corpus: Path, index: Path) -> dict:
    """Time to first token of the default model on pay questions, with the passages retrieval returns.

    ``ttft_cold_s``: first question, no warm-up; ``ttft_first_s``: first question after ``warm()``
    (what the server does at start); ``ttft_warm_p50_s``: the later questions (other prompts);
    ``ttft_first_again_s``: the first question asked again last (the same prompt, not cached).
    """
    from assistant.answering.retrieval import Retriever
    from assistant.generation.llamacpp import LlamaCppGenerator
    from assistant.indexing.embeddings import query_embedder
    from assistant.indexing.store import IndexStore
    from assistant.settings import Settings

    retriever = Retriever(IndexStore(index).load(), query_embedder(index))
    prompts = []
    for q in PAY_QUESTIONS:
        hits = retriever.search(q, 5).hits[: Settings().model_passages]  # as the assistant prompts it
        prompts.append((q, [f"{h.chunk.section_path}: {h.chunk.text}" for h in hits]))

    def ttft(gen, q, passages) -> tuple[float, float, str]:
        t = time.perf_counter()
        first, text = None, ""
        for tok in gen.stream(q, passages):
            first = first or time.perf_counter() - t
            text += tok
        total = time.perf_counter() - t
        return first or total, total, text

    cold_gen = LlamaCppGenerator()
    cold_gen._load()
    cold = ttft(cold_gen, *prompts[0])[0]
    del cold_gen
    gen = LlamaCppGenerator()
    t = time.perf_counter()
    gen.warm()
    warm_s = time.perf_counter() - t
    runs = []
    for q, passages in prompts:
        first, total, text = ttft(gen, q, passages)
        n_tok = len(gen._llm.client.tokenize(text.encode("utf-8"), add_bos=False)) if text else 0
        runs.append((first, total, n_tok))
    # the first question once more: the same prompt length, now with other questions before it
    again = ttft(gen, *prompts[0])[0]
    later = [r[0] for r in runs[1:]]
    tps = [r[2] / max(1e-6, r[1] - r[0]) for r in runs if r[2] > 1]
    return {
        "load_and_warm_s": round(warm_s, 2),
        "ttft_cold_s": round(cold, 3),
        "ttft_first_s": round(runs[0][0], 3),
        "ttft_warm_p50_s": round(percentile(later, 50), 3),
        "ttft_first_again_s": round(again, 3),
        "tokens_per_s": round(percentile(tps, 50), 1),
    }


def cold_start(corpus: Path, index: Path, path: str, *, model: bool = True) -> dict:
    """New process to first result: search, extractive answer, default-backend answer."""
    common = ["--corpus", str(corpus), "--index", str(index)]
    runs = {
        "first_search_s": ["search", PAY_QUESTION, "--k", "1"],
        "first_extractive_s": ["ask", PAY_QUESTION, "--backend", "extractive"],
    }
    if model:
        runs["first_answer_s"] = ["ask", PAY_QUESTION, "--backend", "llamacpp"]
    out = {}
    for key, args in runs.items():
        t = time.perf_counter()
        subprocess.run(_cli(*args, *common), check=True, capture_output=True, env=_env(path))
        out[key] = round(time.perf_counter() - t, 2)
    return out


def server_memory(index: Path, path: str, backend: str, *, timeout: float = 300.0) -> dict:
    """Start `assistant serve`, wait until it answers HTTP, read its resident memory, stop it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    args = ["serve", "--index", str(index), "--corpus", str(index / "no-corpus"), "--backend", backend]
    t = time.perf_counter()
    proc = subprocess.Popen(
        _cli(*args, "--port", str(port)),
        env=_env(path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"assistant serve exited with {proc.returncode}")
            if time.perf_counter() - t > timeout:
                raise RuntimeError("assistant serve did not start in time")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                    break
            except OSError:
                time.sleep(0.25)
        ready = time.perf_counter() - t
        status = Path(f"/proc/{proc.pid}/status").read_text()
        rss = {
            k: int(v.split()[0]) / 1024
            for k, v in (ln.split(":", 1) for ln in status.splitlines())
            if k in ("VmRSS", "VmHWM")
        }
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return {
        "ready_s": round(ready, 1),
        "rss_mb": round(rss.get("VmRSS", 0)),
        "peak_mb": round(rss.get("VmHWM", 0)),
    }


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


def run(sizes: list[int], *, corpus: Path, model: bool = True, embed_limit: int = 2000) -> dict:
    results: dict = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}, "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="bench-") as root:
        role = Path(root) / "role-index"
        results["role_corpus"] = role_index(corpus, role)
        export = str(role / "onnx")
        if not (role / "onnx" / "export.json").is_file():
            raise RuntimeError(f"`assistant ingest` did not export the model to ONNX in {export}")
        for n in sizes:
            rows = {}
            for path in PATHS:
                # fresh processes per size, path and side, so each peak memory figure is its own
                idx = Path(root) / f"{n}-{path}"
                row = _in_subprocess(
                    f"bench.bench_build({n}, {str(idx)!r}, path={path!r}, export={export!r}, "
                    f"embed_limit={embed_limit})"
                )
                row.update(
                    _in_subprocess(f"bench.bench_serve({str(idx)!r}, path={path!r}, export={export!r})")
                )
                if n <= SERVER_MAX_CHUNKS:
                    os.symlink(role / "onnx", idx / "onnx")
                    row["server_extractive_mb"] = server_memory(idx, path, "extractive")["rss_mb"]
                    if model:
                        row["server_default_mb"] = server_memory(idx, path, "llamacpp")["rss_mb"]
                rows[path] = row
                shutil.rmtree(idx, ignore_errors=True)
            results["sizes"][str(n)] = rows
        results["cold_start"] = {path: cold_start(corpus, role, path, model=model) for path in PATHS}
        if model:
            results["model"] = bench_model(corpus, role)
    return results


def table(results: dict) -> str:
    rc = results["role_corpus"]
    lines = [
        f"role corpus: {rc['files']} files, {rc['chunks']} chunks, `assistant ingest` {rc['ingest_s']} s",
        "",
    ]
    cols = [
        ("chunks", "chunks"),
        ("path", "path"),
        ("ingest_chunks_per_s", "ingest/s"),
        ("index_mb", "index MB"),
        ("ingest_peak_rss_mb", "ingest MB"),
        ("serve_peak_rss_mb", "search MB"),
        ("server_extractive_mb", "server MB"),
        ("server_default_mb", "+model MB"),
        ("search_hybrid_p50_ms", "search p50"),
        ("search_hybrid_p95_ms", "search p95"),
        ("faiss_flat_p95_ms", "flat p95"),
        ("faiss_hnsw_p95_ms", "hnsw p95"),
        ("hnsw_recall@10", "hnsw R@10"),
    ]
    lines.append("  ".join(f"{h:>10}" for _, h in cols))
    for rows in results["sizes"].values():
        for path, row in rows.items():
            row = {**row, "path": path}
            lines.append("  ".join(f"{row.get(c, '-'):>10}" for c, _ in cols))
    cs = results["cold_start"]
    lines += ["", "new process to first result (s):"]
    for key, label in (
        ("first_search_s", "search"),
        ("first_extractive_s", "extractive answer"),
        ("first_answer_s", "default-backend answer"),
    ):
        if all(key in cs[p] for p in cs):
            lines.append(f"  {label:<24}" + "  ".join(f"{p} {cs[p][key]:>6}" for p in cs))
    if "model" in results:
        m = results["model"]
        lines += [
            "",
            f"default model: load + warm-up {m['load_and_warm_s']} s; time to first token: first question "
            f"{m['ttft_cold_s']} s without warm-up, {m['ttft_first_s']} s after it, {m['ttft_warm_p50_s']} s "
            f"p50 later, {m['ttft_first_again_s']} s for it again at the end; {m['tokens_per_s']} tokens/s",
        ]
    return "\n".join(lines)
