"""Question sets: YAML cases validated by pydantic, their regexes compiled once at load."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationError, field_validator, model_validator

from assistant.errors import EvalFileError

_PATTERN_FIELDS = ("facts", "sources", "forbid")
_HEADER_HINT = "a question set is a list of cases, or a mapping with 'cases' and an optional 'corpus'"


def _compile(pattern: str) -> re.Pattern:
    try:
        return re.compile(pattern, re.I)
    except re.error as err:
        raise ValueError(f"invalid regex {pattern!r}: {err}") from None


class Case(BaseModel):
    """One question and what its answer must (facts, sources) and must not (forbid) contain.

    >>> c = Case(question="Is a PhD required?", facts=["PhD"], forbid=["PhD is required"])
    >>> c.facts_found("A PhD is often preferred."), c.forbidden_found("A PhD is required.")
    ([True], ['PhD is required'])
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    question: str
    category: str = "general"
    facts: tuple[str, ...] = ()  # regexes the answer must match, case-insensitive
    sources: tuple[str, ...] = ()  # regexes; a retrieved / cited passage must match one
    forbid: tuple[str, ...] = ()  # regexes the answer must NOT match (a false claim)
    history: tuple[str, ...] = ()  # earlier user turns, for follow-up questions
    refuse: bool = False

    _n: int = PrivateAttr(default=0)
    _compiled: dict[str, tuple[re.Pattern, ...]] = PrivateAttr(default_factory=dict)

    @field_validator("question", "category", mode="before")
    @classmethod
    def _non_empty_text(cls, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValueError("must be a non-empty string")
        return value.strip()

    @field_validator("facts", "sources", "forbid", "history", mode="before")
    @classmethod
    def _string_list(cls, value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        # YAML reads `facts: [2024]` as a number; it is meant as text
        if not isinstance(value, list) or not all(
            isinstance(v, str | int | float) and not isinstance(v, bool) for v in value
        ):
            raise ValueError("must be a list of strings")
        return tuple(str(v) for v in value)

    @field_validator(*_PATTERN_FIELDS)
    @classmethod
    def _valid_regexes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in value:
            _compile(pattern)
        return value

    @field_validator("refuse", mode="before")
    @classmethod
    def _strict_bool(cls, value: Any) -> bool:
        if not isinstance(value, bool):  # pydantic would read "no" or 0 as False
            raise ValueError("must be true or false")
        return value

    @model_validator(mode="after")
    def _checkable(self) -> Case:
        if not self.refuse and not (self.facts or self.sources or self.forbid):
            raise ValueError("an answerable case needs 'facts', 'sources' or 'forbid'")
        return self

    def model_post_init(self, context: Any) -> None:
        self._compiled = {name: tuple(_compile(p) for p in getattr(self, name)) for name in _PATTERN_FIELDS}

    @property
    def n(self) -> int:
        """1-based position in its file (0 for a case built in code)."""
        return self._n

    def source_matches(self, section_path: str, text: str) -> bool:
        haystack = f"{section_path}\n{text}"
        return any(p.search(haystack) for p in self._compiled["sources"])

    def facts_found(self, answer: str) -> list[bool]:
        return [bool(p.search(answer)) for p in self._compiled["facts"]]

    def forbidden_found(self, answer: str) -> list[str]:
        """The forbid patterns the answer matches."""
        return [p.pattern for p in self._compiled["forbid"] if p.search(answer)]


@dataclass(frozen=True)
class QuestionSet:
    path: Path | None
    cases: list[Case]
    corpus: Path | None = None  # from the file's header, resolved against the file's folder


def _problem(err: dict) -> str:
    loc = [str(part) for part in err.get("loc", ()) if not isinstance(part, int)]
    field = loc[0] if loc else ""
    if err["type"] == "extra_forbidden":
        return f"unknown field {field!r}"
    if err["type"] == "missing":
        return f"{field!r} is missing"
    if err["type"] == "value_error":
        msg = str(err.get("ctx", {}).get("error", err["msg"]))
    else:
        msg = err["msg"][:1].lower() + err["msg"][1:]
    return f"{field!r}: {msg}" if field else msg


def _case(item: Any, n: int, origin: str) -> Case:
    where = f"{origin}: case {n}"
    if not isinstance(item, dict):
        raise EvalFileError(f"{where}: expected a mapping with a 'question', got {type(item).__name__}")
    try:
        case = Case.model_validate(item)
    except ValidationError as err:
        problems = list(dict.fromkeys(_problem(e) for e in err.errors()))
        raise EvalFileError(f"{where}: {'; '.join(problems)}") from None
    case._n = n
    return case


def parse_cases(data: Any, *, origin: str = "question set") -> list[Case]:
    """Cases from a YAML list; the first malformed case raises one line naming it and its field."""
    if not isinstance(data, list) or not data:
        raise EvalFileError(f"{origin}: expected a non-empty YAML list of cases ({_HEADER_HINT})")
    return [_case(item, n, origin) for n, item in enumerate(data, start=1)]


def parse_question_set(data: Any, *, origin: str = "question set", base: Path | None = None) -> QuestionSet:
    """A list of cases, or ``{corpus: PATH, cases: [...]}`` with PATH relative to ``base``."""
    if not isinstance(data, dict):
        return QuestionSet(path=None, cases=parse_cases(data, origin=origin))
    unknown = sorted(str(key) for key in data if key not in ("corpus", "cases"))
    if unknown:
        raise EvalFileError(f"{origin}: unknown field {unknown[0]!r}; {_HEADER_HINT}")
    if "cases" not in data:
        raise EvalFileError(f"{origin}: 'cases' is missing; {_HEADER_HINT}")
    corpus = data.get("corpus")
    if corpus is not None:
        if not isinstance(corpus, str) or not corpus.strip():
            raise EvalFileError(f"{origin}: 'corpus' must be a folder path relative to the question set")
        corpus = Path(base or ".", corpus.strip()).resolve()
    return QuestionSet(path=None, cases=parse_cases(data["cases"], origin=origin), corpus=corpus)


def load_question_set(path: Path) -> QuestionSet:
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
    qs = parse_question_set(data, origin=str(path), base=path.parent)
    return QuestionSet(path=path, cases=qs.cases, corpus=qs.corpus)


def load_cases(path: Path) -> list[Case]:
    """Only the cases of a question set (its header, if any, is checked and dropped)."""
    return load_question_set(path).cases
