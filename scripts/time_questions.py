"""Time search and extractive answers over an existing index, in one process after start.

    .venv/bin/python scripts/time_questions.py --corpus build/oews-all/corpus --index build/oews-all/index

Prints the load time, the time the first question's corpus-wide preparation takes, then p50/p95 of
hybrid search and of whole extractive answers over a fixed list of pay questions (asked twice).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

QUESTIONS = [
    "What does a registered nurse earn in Seattle?",
    "What do electricians make?",
    "median pay for software developers in Austin",
    "How much do plumbers make in Chicago?",
    "What is the 90th percentile wage for pharmacists?",
    "hourly wage for a dental hygienist in Denver",
    "What do truck drivers earn in Texas?",
    "accountant salary in Boston",
    "What do data scientists earn?",
    "Who earns more, a registered nurse or an electrician?",
    "How much does a chef make in New York?",
    "What do teachers make in Ohio?",
    "welder pay in Houston",
    "What does a paralegal earn in Miami?",
    "physical therapist salary in Los Angeles",
    "What do actors earn per hour?",
    "What is the median wage for cashiers?",
    "How much do web developers make in San Francisco?",
    "carpenter wages in Portland, OR",
    "What does a firefighter earn in Phoenix?",
]


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        return next(int(ln.split()[1]) / 1024 for ln in fh if ln.startswith("VmRSS"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("corpus"))
    ap.add_argument("--index", type=Path, default=Path("index"))
    args = ap.parse_args()

    from assistant.answering.assistant import Assistant
    from assistant.build import open_retriever
    from assistant.generation.extractive import ExtractiveRenderer
    from assistant.settings import Settings

    t = time.perf_counter()
    s = Settings().with_(index_dir=args.index, corpus_dir=args.corpus, backend="extractive")
    retriever = open_retriever(s)
    print(f"load {time.perf_counter() - t:.1f} s, resident {_rss_mb():.0f} MB")
    assistant = Assistant(retriever, ExtractiveRenderer(), s)
    t = time.perf_counter()
    assistant.prepare()
    print(f"corpus-wide preparation {time.perf_counter() - t:.1f} s")
    search, answer = [], []
    for _ in range(2):
        for q in QUESTIONS:
            t = time.perf_counter()
            retriever.search(q, 5)
            search.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            assistant.ask(q)
            answer.append((time.perf_counter() - t) * 1000)
    for name, xs in (("search", search), ("answer", answer)):
        print(f"{name}: p50 {np.percentile(xs, 50):.0f} ms, p95 {np.percentile(xs, 95):.0f} ms")
    print(f"resident {_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
