"""Retrieval quality on a question set: hit@1, hit@5, MRR for dense, BM25 and fused, plus latency.

.venv/bin/python scripts/retrieval_eval.py eval/questions.yaml [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from assistant.build import open_retriever
from assistant.evaluation.cases import load_cases
from assistant.evaluation.metrics import first_source_rank, percentile, retrieval_scores
from assistant.settings import Settings
from assistant.understanding.conversation import rewrite


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", type=Path)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--misses", action="store_true", help="list cases whose source is not at rank 1")
    args = ap.parse_args()
    cases = [c for c in load_cases(args.file) if c.sources and not c.refuse]
    t0 = time.perf_counter()
    retriever = open_retriever(Settings.from_env(), notify=lambda m: print(m, file=sys.stderr))
    retriever.search("warm up", 5)
    print(f"cold start to first search: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    out = {}
    for mode in ("dense", "bm25", "hybrid"):
        ranks, times = [], []
        for c in cases:
            q = rewrite(c.question, list(c.history))
            t = time.perf_counter()
            res = retriever.search(q, 10, mode=mode)
            times.append((time.perf_counter() - t) * 1000)
            r = first_source_rank(c, res.hits)
            ranks.append(r)
            if args.misses and mode == "hybrid" and r != 1:
                print(f"  miss (rank {r}): {c.question} -> {res.hits[0].chunk.section_path}")
        out[mode] = {
            **retrieval_scores(ranks),
            "p50_ms": round(percentile(times, 50), 1),
            "p95_ms": round(percentile(times, 95), 1),
            "cases": len(cases),
        }
    print(f"{'mode':8} {'hit@1':>6} {'hit@5':>6} {'mrr':>6} {'p50 ms':>7} {'p95 ms':>7}")
    for mode, m in out.items():
        print(
            f"{mode:8} {m['hit@1']:6.3f} {m['hit@5']:6.3f} {m['mrr']:6.3f} "
            f"{m['p50_ms']:7.1f} {m['p95_ms']:7.1f}"
        )
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
