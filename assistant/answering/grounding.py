"""Check each sentence of a draft against the passages and attach the citation that supports it.

A sentence is kept only if one passage contains, in a single bullet or sentence, every number
it states (``$150,000``, ``150k`` and ``150,000`` are the same number), does not name a different
seniority level, and is close to it in meaning. Citations the model wrote are ignored: the
citation is whichever passage passes the check best.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.answering.extractive import levels, units
from assistant.indexing.embeddings import Embedder
from assistant.indexing.text import extract_numbers, split_sentences, tokenize
from assistant.types import Hit

_MODEL_CITATION = re.compile(r"\s*\[(?:\d+(?:\s*,\s*\d+)*)\]")
# the few-shot prompt's labels, echoed back by small base models
_ECHO = re.compile(r"^(answer|question|passages)\s*:\s*", re.I)


@dataclass(frozen=True)
class Support:
    sentence: str  # cleaned, without the model's own citation markers
    hit_index: int  # index into the hits list
    similarity: float


# "Salary Ranges (US Market, 2024) > Lead AI Engineer: ..." - a passage header echoed from the prompt
_ECHOED_HEADER = re.compile(r"^[^.:!?]{2,120}(?:\s>\s[^.:!?]{2,80})+:\s*(?:-\s*)?")


def clean_sentences(draft: str) -> list[str]:
    out = []
    for s in split_sentences(draft):
        s = _ECHOED_HEADER.sub("", s)
        s = _ECHO.sub("", re.sub(r"^\s*[-*\u2022]\s*", "", s))
        s = _MODEL_CITATION.sub("", s).strip()
        if len(s.split()) >= 3 and not re.match(r"^\[\d+\]", s):
            out.append(s)
    return out


_RANGE = re.compile(r"(\$?\s?\d[\d,.]*\s?[kK]?%?)\s*(?:-|–|to)\s*(\$?\s?\d[\d,.]*\s?[kK]?\+?%?)")


def _ranges(text: str) -> list[tuple[float, float]]:
    out = []
    for m in _RANGE.finditer(text):
        a, b = extract_numbers(m.group(1)), extract_numbers(m.group(2))
        if a and b:
            out.append((a[0], b[0]))
    return out


def numbers_supported(sentence: str, units_text: list[str]) -> int | None:
    """Index of the first unit holding every number of the sentence (-1 if it has none).

    Half a range is not support: "a median salary of $160,000" is not what "$100,000 to
    $160,000" says.
    """
    nums = set(extract_numbers(sentence))
    if not nums:
        return -1
    for i, unit in enumerate(units_text):
        if not nums <= set(extract_numbers(unit)):
            continue
        if any((lo in nums) != (hi in nums) for lo, hi in _ranges(unit)):
            continue
        return i
    return None


def levels_agree(sentence: str, unit: str) -> bool:
    s, u = levels(sentence), levels(unit)
    return not (s and u) or bool(s & u)


def lexical_support(sentence: str, passage: str) -> float:
    st = set(tokenize(sentence))
    return len(st & set(tokenize(passage))) / len(st) if st else 0.0


def ground(
    draft: str,
    hits: list[Hit],
    embedder: Embedder,
    *,
    question: str | None = None,
    min_similarity: float = 0.5,
    min_lexical: float = 0.6,
    min_on_topic: float = 0.3,
) -> tuple[list[Support], list[str]]:
    """Split ``draft`` into sentences; return (supported sentences, dropped sentences).

    With ``question``, a sentence must also be about it (cosine >= ``min_on_topic``, and no
    other seniority level than the question names): small models like to copy a true but
    unrelated line from a passage.
    """
    sentences = [s for s in clean_sentences(draft) if not s.endswith(":")]
    if not sentences or not hits:
        return [], sentences
    passage_units = [units(h.chunk.text) or [h.chunk.text] for h in hits]
    flat = [u for pu in passage_units for u in pu]
    extra = [question] if question else []
    vecs = embedder.embed(sentences + flat + extra)
    s_vecs, u_vecs = vecs[: len(sentences)], vecs[len(sentences) : len(sentences) + len(flat)]
    on_topic = (s_vecs @ vecs[-1]) if question else np.ones(len(sentences))
    sims = s_vecs @ u_vecs.T  # sentence x unit cosine (vectors are normalized)
    offsets = np.cumsum([0] + [len(pu) for pu in passage_units])

    supported, dropped = [], []
    q_levels = levels(question) if question else set()
    for si, sentence in enumerate(sentences):
        best: tuple[float, int] | None = None
        s_levels = levels(sentence)
        # asked about seniors, a true line about entry-level pay is still the wrong answer
        if on_topic[si] < min_on_topic or (q_levels and s_levels and not q_levels & s_levels):
            dropped.append(sentence)
            continue
        for hi, pu in enumerate(passage_units):
            lo, hi_end = offsets[hi], offsets[hi + 1]
            ui = numbers_supported(sentence, pu)
            if ui is None:
                continue
            if ui >= 0 and not levels_agree(sentence, pu[ui]):
                continue
            sim = float(sims[si, lo:hi_end].max())
            lex = lexical_support(sentence, hits[hi].chunk.text)
            if sim < min_similarity and lex < min_lexical:
                continue
            score = sim + lex
            if best is None or score > best[0]:
                best = (score, hi)
        if best is None:
            dropped.append(sentence)
        else:
            supported.append(Support(sentence, best[1], round(float(sims[si].max()), 4)))
    return supported, dropped


def ungrounded_numbers(answer: str, cited_texts: list[str]) -> list[float]:
    """Numbers in the answer that appear in none of the cited passages (should always be empty)."""
    have: set[float] = set()
    for t in cited_texts:
        have |= set(extract_numbers(t))
    return [n for n in extract_numbers(answer) if n not in have]
