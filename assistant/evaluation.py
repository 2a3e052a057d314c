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
