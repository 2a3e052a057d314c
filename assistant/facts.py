"""Deterministic extraction of figures from passages: pay ranges and years of experience.

Used to spot documents that disagree with themselves (two salary ranges for the same role,
several years-of-experience figures) so an answer can show every value with its source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.types import Chunk

_MONEY = r"\$\s?\d[\d,]*(?:\.\d+)?\s?[kK]?\+?"
_MONEY_RANGE = re.compile(rf"({_MONEY})\s*(?:-|–|to)\s*({_MONEY})")
_YEARS = re.compile(r"\b(\d{1,2})\s*(?:(?:-|–|to)\s*(\d{1,2})|\+)?\s*\+?\s*years?\b", re.I)
_LEVEL_LABEL = re.compile(r"^\s*-?\s*((?:Entry|Junior|Mid|Senior|Principal|Staff|Lead)[\w\s-]*?):", re.I)
_REQUIREMENT_WORDS = re.compile(r"requir|minimum|necessary|at least|typically|need|expected", re.I)


@dataclass(frozen=True)
class Figure:
    kind: str  # "salary" | "experience" | "leadership_experience"
    subject: str  # who it is about: a level label or the document's role
    value: str  # as written: "$150,000 - $250,000", "5-7 years"
    low: float
    high: float
    chunk: Chunk
    line: str


def _money(text: str) -> float:
    v = float(re.sub(r"[^\d.]", "", text))
    return v * 1000 if text.rstrip("+").strip().lower().endswith("k") else v


def _subject(line: str, chunk: Chunk) -> str:
    m = _LEVEL_LABEL.match(line)
    if m:
        return m.group(1).strip()
    for part in reversed(chunk.section):
        if _LEVEL_LABEL.match(part + ":"):
            return part
    return chunk.title


def figures_in(chunk: Chunk) -> list[Figure]:
    out: list[Figure] = []
    for line in chunk.text.splitlines():
        for m in _MONEY_RANGE.finditer(line):
            low, high = _money(m.group(1)), _money(m.group(2))
            if low >= 1000 and high > low:  # salaries, not "$1 - $2" noise
                out.append(
                    Figure("salary", _subject(line, chunk), m.group(0).strip(), low, high, chunk, line)
                )
        for m in _YEARS.finditer(line):
            after = line[m.end() : m.end() + 40].lower()
            if "experience" not in line.lower() and "leadership" not in after:
                continue
            low = float(m.group(1))
            high = float(m.group(2)) if m.group(2) else low
            kind = "leadership_experience" if "leadership" in after else "experience"
            if kind == "experience" and not _REQUIREMENT_WORDS.search(line):
                continue  # "5-10 years of experience can increase earning potential" is no requirement
            out.append(Figure(kind, chunk.title, m.group(0).strip(), low, high, chunk, line))
    return out


_LEVELS = ("entry", "junior", "mid", "senior", "principal", "staff", "lead")


def level_key(subject: str) -> str:
    """The seniority a subject names: ``Lead AI Engineer`` and ``Lead Engineer in AI`` -> ``lead``."""
    low = subject.lower()
    return next((lv for lv in _LEVELS if re.search(rf"\b{lv}", low)), low)


def corpus_figures(chunks: list[Chunk]) -> list[Figure]:
    return [f for c in chunks for f in figures_in(c)]
