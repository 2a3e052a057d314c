"""Question sets: loading with clear errors, and the retrieval and answer metrics."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import EvalFileError

_KNOWN_FIELDS = {"question", "category", "facts", "sources", "history", "refuse"}


@dataclass(frozen=True)
class Case:
    n: int  # 1-based position in the file
    question: str
    category: str = "general"
    facts: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    history: tuple[str, ...] = ()
    refuse: bool = False
    _facts_re: tuple[re.Pattern, ...] = field(default=(), repr=False, compare=False)
    _sources_re: tuple[re.Pattern, ...] = field(default=(), repr=False, compare=False)

    def source_matches(self, section_path: str, text: str) -> bool:
        haystack = f"{section_path}\n{text}"
        return any(p.search(haystack) for p in self._sources_re)

    def facts_found(self, answer: str) -> list[bool]:
        return [bool(p.search(answer)) for p in self._facts_re]


def _str_list(value, n: int, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise EvalFileError(f"case {n}: '{name}' must be a list of strings")
    return tuple(str(v) for v in value)


def _compile(patterns: tuple[str, ...], n: int, name: str) -> tuple[re.Pattern, ...]:
    out = []
    for p in patterns:
        try:
            out.append(re.compile(p, re.I))
        except re.error as err:
            raise EvalFileError(f"case {n}: '{name}' has an invalid regex {p!r}: {err}") from None
    return tuple(out)


def parse_cases(data, *, origin: str = "question set") -> list[Case]:
    if not isinstance(data, list) or not data:
        raise EvalFileError(f"{origin}: expected a non-empty YAML list of cases")
    cases = []
    for n, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise EvalFileError(f"case {n}: expected a mapping with a 'question', got {type(item).__name__}")
        unknown = set(item) - _KNOWN_FIELDS
        if unknown:
            raise EvalFileError(f"case {n}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
        q = item.get("question")
        if not isinstance(q, str) or not q.strip():
            raise EvalFileError(f"case {n}: 'question' is missing or empty")
        refuse = item.get("refuse", False)
        if not isinstance(refuse, bool):
            raise EvalFileError(f"case {n}: 'refuse' must be true or false")
        category = item.get("category", "general")
        if not isinstance(category, str) or not category.strip():
            raise EvalFileError(f"case {n}: 'category' must be a non-empty string")
        facts = _str_list(item.get("facts"), n, "facts")
        sources = _str_list(item.get("sources"), n, "sources")
        history = _str_list(item.get("history"), n, "history")
        if not refuse and not (facts or sources):
            raise EvalFileError(f"case {n}: an answerable case needs 'facts' or 'sources'")
        cases.append(
            Case(
                n=n,
                question=q.strip(),
                category=category.strip(),
                facts=facts,
                sources=sources,
                history=history,
                refuse=refuse,
                _facts_re=_compile(facts, n, "facts"),
                _sources_re=_compile(sources, n, "sources"),
            )
        )
    return cases


def load_cases(path: Path) -> list[Case]:
    import yaml

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EvalFileError(f"question set {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as err:
        raise EvalFileError(f"question set {path} is unreadable: {err}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise EvalFileError(f"{path} is not valid YAML{where}") from None
    return parse_cases(data, origin=str(path))


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
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return 0.0
    s = sorted(values)
    idx = max(0, min(len(s) - 1, int(round(q / 100 * len(s) + 0.5)) - 1))
    return s[idx]


METRICS = (
    "hit@1",
    "hit@5",
    "mrr",
    "fact_recall",
    "citation_hit",
    "ungrounded_numbers",
    "refusal_accuracy",
    "latency_p50_ms",
    "latency_p95_ms",
    "ttft_p50_ms",
)
# metrics where smaller is better (a --min-... threshold makes no sense for them)
LOWER_IS_BETTER = {"ungrounded_numbers", "latency_p50_ms", "latency_p95_ms", "ttft_p50_ms"}


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
        ungrounded=[] if answer.refused else ungrounded_numbers(answer.answer, [ch.text for ch in cited]),
        latency_ms=answer.timings.get("total_ms", 0.0),
        ttft_ms=answer.timings.get("ttft_ms", 0.0),
        citations=[{"n": c.n, "section": c.hit.chunk.section_path} for c in answer.citations],
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


def check_thresholds(summary: dict[str, dict], minimums: dict[str, float]) -> list[str]:
    """Messages for each backend metric below its ``--min-...`` value (empty when all pass)."""
    failures = []
    for backend, metrics in summary.items():
        for name, floor in minimums.items():
            value = metrics.get(name)
            if value is None or value < floor:
                failures.append(f"{backend}: {name} = {value} is below the minimum {floor}")
    return failures
