"""One frozen dataclass of settings; defaults carry a one-line why; ``from_env()`` reads ROLE_ASSISTANT_*."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

from assistant.errors import InvalidInputError


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    # all-MiniLM-L6-v2 truncates at 256 word pieces; 180 words of body plus the heading stay under it
    chunk_words: int = 180
    # five passages hold a whole answer for a role question and fit a small model's context
    k: int = 5
    # each ranker contributes this many candidates to the fusion; more costs little, finds more
    candidates: int = 50
    # reciprocal-rank-fusion constant from Cormack et al. (2009); dampens the top of each list
    rrf_k: int = 60
    embed_batch_size: int = 64
    # auto: ONNX Runtime when the export beside the index exists (a question is embedded without
    # importing PyTorch, ~10 s), else sentence-transformers; "onnx" or "sentence-transformers" force one
    embedder: str = "auto"
    # ingest embeds documents with the int8 export: 40% less CPU per chunk than fp32, and on
    # eval/questions.yaml only MRR moved (0.9254 -> 0.9240)
    ingest_int8: bool = True
    # below this cosine similarity the closest passage is not about the question: on
    # eval/questions.yaml off-corpus questions scored 0.02-0.28, answerable ones 0.24 and up
    min_relevance: float = 0.20
    # a question with words no document uses ("nurse", "Chicago") must be this much closer than
    # min_relevance (twice as much with two such words) to count as covered
    unknown_words_margin: float = 0.1
    # an open question is answered with a section's items when the section's heading scores this much
    # (2 per specific question word in the heading, 1.5 for the aspect, 1/rank): one word plus the aspect
    section_match_score: float = 3.5
    backend: str = "llamacpp"
    model_path: str | None = None
    ollama_model: str = "gemma3:270m"
    ollama_url: str = "http://127.0.0.1:11434"
    openai_url: str = "http://127.0.0.1:8080/v1"
    openai_model: str = "local"
    openai_api_key: str = "not-needed"
    # passages shown to the language model: prompt length sets time to first token on 2 cores
    # (p50 2.5 s with 5 passages, 1.9 s with 3); grounding still checks against all k
    model_passages: int = 3
    # a base model's answers are short; longer generations only ramble
    max_tokens: int = 160
    # unreachable servers must fail fast, not hang the chat
    request_timeout: float = 60.0
    max_question_chars: int = 2000
    # occupations with no pay table by level (official statistics) read a level as a wage percentile:
    # a starter earns like the lower quarter, a senior like the upper quarter
    level_percentiles: str = "entry=25,mid=50,senior=75,lead=90,staff=90,principal=90"
    # earlier turns a follow-up may use; each is capped like the question (a 2 MB history cost 9 s)
    max_history_turns: int = 20
    # chat feedback (thumbs and notes) for evaluators, one JSON object per line
    feedback_path: Path = Path("feedback/feedback.jsonl")
    # the chat's "Save as test case" appends here; `assistant eval eval/saved.yaml` runs it
    saved_cases_path: Path = Path("eval/saved.yaml")
    # uploads (serve --allow-upload) above this are refused: 5 MB of text is ~1,000 pages
    max_upload_bytes: int = 5_000_000
    # chat downloads (exports, reports, CSV) are private to a session and deleted after this
    download_ttl_seconds: int = 900

    def __post_init__(self) -> None:
        for name in (
            "k",
            "candidates",
            "chunk_words",
            "embed_batch_size",
            "max_tokens",
            "model_passages",
            "max_history_turns",
            "max_upload_bytes",
            "download_ttl_seconds",
        ):
            value = getattr(self, name)
            if not isinstance(value, int) or value <= 0:
                raise InvalidInputError(f"{name} must be greater than 0. Currently, {name} is {value!r}")
        _check_ranges(self)

    def with_(self, **changes) -> Settings:
        """A copy with the given fields changed; None values are ignored (unset CLI flags)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        changes: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f"ROLE_ASSISTANT_{f.name.upper()}")
            if raw is None:
                continue
            default = f.default
            try:
                if isinstance(default, Path):
                    changes[f.name] = Path(raw)
                elif isinstance(default, bool):
                    changes[f.name] = raw.lower() in ("1", "true", "yes")
                elif isinstance(default, int):
                    changes[f.name] = int(raw)
                elif isinstance(default, float):
                    changes[f.name] = float(raw)
                else:
                    changes[f.name] = raw
            except ValueError:
                raise InvalidInputError(
                    f"ROLE_ASSISTANT_{f.name.upper()}={raw!r} is not a valid {type(default).__name__}"
                ) from None
        for name, value in changes.items():
            try:
                cls(**{name: value})  # checked one by one, so the message names the variable
            except InvalidInputError as err:
                raise InvalidInputError(f"{err} (set by ROLE_ASSISTANT_{name.upper()})") from None
        return cls(**changes)


# bounds beyond "greater than 0": values outside them are typos, and huge ones overflow (a timeout
# of 1e300 s cannot be waited on) or exhaust memory (10**8 passages per question)
_RANGES: dict[str, tuple[float, float]] = {
    "k": (1, 1000),
    "candidates": (1, 100_000),
    "rrf_k": (1, 10_000),
    "chunk_words": (10, 100_000),
    "embed_batch_size": (1, 100_000),
    "min_relevance": (0.0, 1.0),
    "model_passages": (1, 1000),
    "max_tokens": (1, 1_000_000),
    "request_timeout": (0.1, 86_400.0),
    "max_question_chars": (1, 10_000_000),
}
# every other whole-number or decimal setting
_DEFAULT_RANGE = (0, 10**12)


def _check_ranges(settings: Settings) -> None:
    """Reject NaN, infinities, wrong types and out-of-range numbers, naming the field."""
    for f in fields(settings):
        if f.type not in ("int", "float"):
            continue
        value = getattr(settings, f.name)
        whole = f.type == "int"
        if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)):
            kind = "a whole number" if whole else "a number"
            raise InvalidInputError(f"{f.name} must be {kind}. Currently, {f.name} is {value!r}")
        low, high = _RANGES.get(f.name, _DEFAULT_RANGE)
        if not (math.isfinite(value) and low <= value <= high):
            raise InvalidInputError(
                f"{f.name} must be between {low:g} and {high:g}. Currently, {f.name} is {value!r}"
            )
