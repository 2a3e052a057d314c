"""Scoring question sets: retrieval ranks, facts, citations, refusals, false claims and latency."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

# the CLI's parser reads METRICS on every start: numpy and pydantic are imported only when scoring
if TYPE_CHECKING:
    from assistant.evaluation.cases import Case


def load_cases(path: Path) -> list[Case]:
    """The cases of a question set (moved to ``assistant.evaluation.cases``; older callers import it here)."""
    from assistant.evaluation.cases import load_cases as load

    return load(path)


def first_source_rank(case: Case, hits) -> int | None:
    """1-based rank of the first hit matching one of the case's sources, or None."""
    for h in hits:
        if case.source_matches(h.chunk.section_path, h.chunk.text):
            return h.rank
    return None


def retrieval_scores(ranks: list[int | None]) -> dict[str, float]:
    """hit@1, hit@5 and MRR over cases with sources.

    >>> retrieval_scores([1, 3, None, 2])
    {'hit@1': 0.25, 'hit@5': 0.75, 'mrr': 0.4583}
    """
    n = len(ranks)
    if not n:
        return {"hit@1": 0.0, "hit@5": 0.0, "mrr": 0.0}
    return {
        "hit@1": round(sum(1 for r in ranks if r == 1) / n, 4),
        "hit@5": round(sum(1 for r in ranks if r is not None and r <= 5) / n, 4),
        "mrr": round(sum(1 / r for r in ranks if r is not None) / n, 4),
    }


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100): the smallest value with at least q% of values at or below it.

    numpy's ``inverted_cdf`` method. The hand-written version it replaces agreed except when
    q% of n is a whole odd number, where it took the next value (p50 of 66 latencies: the 34th
    instead of the 33rd).

    >>> percentile([5, 1, 3, 2, 4], 50), percentile([1, 2, 3, 4, 100], 95), percentile([], 50)
    (3.0, 100.0, 0.0)
    """
    import numpy as np

    if len(values) == 0:
        return 0.0
    return float(np.percentile(values, q, method="inverted_cdf"))


METRICS = (
    "hit@1",
    "hit@5",
    "mrr",
    "fact_recall",
    "citation_hit",
    "ungrounded_numbers",
    "refusal_accuracy",
    "false_claims",
    "latency_p50_ms",
    "latency_p95_ms",
    "ttft_p50_ms",
)
# metrics where smaller is better: they take a --max threshold, the others a --min
LOWER_IS_BETTER = {"ungrounded_numbers", "false_claims", "latency_p50_ms", "latency_p95_ms", "ttft_p50_ms"}


@dataclass
class CaseResult:
    case: Case
    answer: str
    refused: bool
    rank: int | None  # first retrieved passage matching sources
    facts_found: list[bool]
    citation_hit: bool | None  # None when the case has no sources or should be refused
    ungrounded: list[float]
    latency_ms: float
    citations: list[dict] = field(default_factory=list)
    ttft_ms: float = 0.0
    false_claims: list[str] = field(default_factory=list)  # forbid patterns an answer matched

    @property
    def failures(self) -> list[str]:
        c = self.case
        out = []
        if c.refuse and not self.refused:
            out.append("should have refused")
        if not c.refuse and self.refused:
            out.append("refused wrongly")
        if not c.refuse and not self.refused:
            missing = [f for f, ok in zip(c.facts, self.facts_found, strict=True) if not ok]
            if missing:
                out.append("missing fact " + ", ".join(repr(m) for m in missing))
            if self.citation_hit is False:
                out.append("wrong source")
        out += [f"false claim {p!r}" for p in self.false_claims]
        if self.ungrounded:
            out.append(f"ungrounded numbers {self.ungrounded}")
        return out

    def to_dict(self) -> dict:
        return {
            "n": self.case.n,
            "question": self.case.question,
            "category": self.case.category,
            "answer": self.answer,
            "refused": self.refused,
            "expected_refusal": self.case.refuse,
            "source_rank": self.rank,
            "facts_found": self.facts_found,
            "citation_hit": self.citation_hit,
            "ungrounded_numbers": self.ungrounded,
            "false_claims": self.false_claims,
            "latency_ms": round(self.latency_ms, 1),
            "ttft_ms": round(self.ttft_ms, 1),
            "failures": self.failures,
            "citations": self.citations,
        }


def score_case(case: Case, answer) -> CaseResult:
    from assistant.answering.grounding import ungrounded_numbers

    cited = [c.hit.chunk for c in answer.citations]
    citation_hit = None
    if case.sources and not case.refuse:
        citation_hit = any(case.source_matches(ch.section_path, ch.text) for ch in cited)
    return CaseResult(
        case=case,
        answer=answer.answer,
        refused=answer.refused,
        rank=first_source_rank(case, answer.retrieved) if case.sources else None,
        facts_found=case.facts_found(answer.answer),
        citation_hit=citation_hit,
        ungrounded=[]
        if answer.refused
        else [
            n
            # a citation shows its document and headings too: "(SOC 15-1252)", "Salary (US, 2025)"
            for n in ungrounded_numbers(answer.answer, [ch.embed_text() for ch in cited])
            # figures code derived from cited ones, with the arithmetic in the answer (a place premium)
            if n not in set(getattr(answer, "computed", None) or ())
        ],
        latency_ms=answer.timings.get("total_ms", 0.0),
        ttft_ms=answer.timings.get("ttft_ms", 0.0),
        citations=[{"n": c.n, "section": c.hit.chunk.section_path} for c in answer.citations],
        # a refusal claims nothing, whatever words its wording shares with a pattern
        false_claims=[] if answer.refused else case.forbidden_found(answer.answer),
    )


def summarize(results: list[CaseResult]) -> dict[str, float]:
    """The metrics over a list of case results (see METRICS)."""
    with_sources = [r for r in results if r.case.sources and not r.case.refuse]
    ranks = [r.rank for r in with_sources]
    answerable = [r for r in results if not r.case.refuse]
    facts = [ok for r in answerable for ok in r.facts_found]
    cite = [r.citation_hit for r in with_sources]
    correct_refusals = sum(1 for r in results if r.refused == r.case.refuse)
    lat = [r.latency_ms for r in results]
    out = retrieval_scores(ranks) if ranks else {"hit@1": None, "hit@5": None, "mrr": None}
    out.update(
        {
            "fact_recall": round(sum(facts) / len(facts), 4) if facts else None,
            "citation_hit": round(sum(1 for c in cite if c) / len(cite), 4) if cite else None,
            "ungrounded_numbers": sum(len(r.ungrounded) for r in results),
            "refusal_accuracy": round(correct_refusals / len(results), 4) if results else None,
            # answered cases that matched a forbid pattern; None when no case has one
            "false_claims": sum(1 for r in results if r.false_claims)
            if any(r.case.forbid for r in results)
            else None,
            "latency_p50_ms": round(percentile(lat, 50), 1),
            "latency_p95_ms": round(percentile(lat, 95), 1),
            # answered cases only: a refusal never starts generating
            "ttft_p50_ms": round(percentile([r.ttft_ms for r in results if not r.refused], 50), 1),
        }
    )
    return out


def by_category(results: list[CaseResult]) -> dict[str, dict[str, float]]:
    cats: dict[str, list[CaseResult]] = {}
    for r in results:
        cats.setdefault(r.case.category, []).append(r)
    return {c: summarize(rs) for c, rs in sorted(cats.items())}


def run_cases(
    assistant, cases: list[Case], *, k: int | None = None, progress: bool = False
) -> list[CaseResult]:
    """Ask every case (follow-ups carry their ``history``) and score the answers."""
    from tqdm import tqdm

    results = []
    for case in tqdm(cases, desc=f"eval {assistant.backend}", disable=not progress, unit="case"):
        answer = assistant.ask(case.question, list(case.history), k=k)
        results.append(score_case(case, answer))
    return results


def check_thresholds(
    summary: dict[str, dict],
    minimums: dict[str, float],
    *,
    maximums: dict[str, float] | None = None,
) -> list[str]:
    """Messages for each backend metric below its ``--min`` or above its ``--max`` (empty when all pass).

    >>> summary = {"extractive": {"mrr": 0.8, "false_claims": 1}}
    >>> check_thresholds(summary, {"mrr": 0.9}, maximums={"false_claims": 0})
    ['extractive: mrr = 0.8 is below the minimum 0.9', 'extractive: false_claims = 1 is above the maximum 0']
    """
    failures = []
    for backend, metrics in summary.items():
        for name, floor in minimums.items():
            value = metrics.get(name)
            if value is None:
                failures.append(f"{backend}: {name} was not measured (no case in the set checks it)")
            elif value < floor:
                failures.append(f"{backend}: {name} = {value} is below the minimum {floor:g}")
        for name, ceiling in (maximums or {}).items():
            value = metrics.get(name)
            if value is None:
                failures.append(f"{backend}: {name} was not measured (no case in the set checks it)")
            elif value > ceiling:
                failures.append(f"{backend}: {name} = {value} is above the maximum {ceiling:g}")
    return failures


def file_report(results: dict[str, list[CaseResult]], *, file: str, corpus: str) -> dict:
    """One question set's report: per backend its summary, its categories and every case."""
    return {
        "file": file,
        "corpus": corpus,
        "cases_count": len(next(iter(results.values()), [])),
        "summary": {b: summarize(rs) for b, rs in results.items()},
        "by_category": {b: by_category(rs) for b, rs in results.items()},
        "cases": {b: [r.to_dict() for r in rs] for b, rs in results.items()},
    }
