"""Deterministic extraction of role facts with their source passages.

Role documents state their figures as headed bullets (``Senior AI Engineer: $160,000 -
$200,000``, ``Seattle: 5-15% above national average``). Patterns over those bullets give a
table of facts, each keeping the passage it came from, so every figure stays traceable and
documents that disagree with themselves show every value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.types import Chunk

_MONEY = r"\$\s?\d[\d,]*(?:\.\d+)?\s?[kK]?\+?"
_MONEY_RANGE = re.compile(rf"({_MONEY})\s*(?:-|–|to)\s*({_MONEY})")
_MONEY_ONE = re.compile(rf"({_MONEY})")
_PCT_RANGE = re.compile(r"(\d{1,3})\s*(?:-|–|to)\s*(\d{1,3})\s*%")
_YEARS = re.compile(r"\b(\d{1,2})\s*(?:(?:-|–|to)\s*(\d{1,2})|\+)?\s*\+?\s*years?\b", re.I)
_LEVEL_LABEL = re.compile(r"^\s*-?\s*((?:Entry|Junior|Mid|Senior|Principal|Staff|Lead)[\w\s-]*?):", re.I)
_LABEL = re.compile(r"^\s*-?\s*([A-Z][^:]{1,60}):\s*(.*)$")
_REQUIREMENT_WORDS = re.compile(r"requir|minimum|necessary|at least|typically|need|expected", re.I)
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_REGION = re.compile(r"\b(US|United States|UK|Europe|EU|Canada|India|Germany)\b")
_DEGREE = re.compile(r"\b(bachelor|master|ph\.?\s?d|doctorate|degree)", re.I)
_CERT = re.compile(r"\bcertif", re.I)
_SKILL_SECTION = re.compile(r"skill|expertise|proficien|tools", re.I)
_LEVELS = ("entry", "junior", "mid", "senior", "principal", "staff", "lead")
_PERIOD = re.compile(r"per (year|annum|month|hour)|annual|/yr|/year", re.I)


@dataclass(frozen=True)
class Figure:
    kind: str  # salary | total_comp | regional_premium | bonus | base_share | pay_comparison |
    #            experience | leadership_experience | degree | certification | skill
    subject: str  # who or what it is about: a level label, a city, or the document's role
    value: str  # as written: "$150,000 - $250,000", "5-15%", "7+ years", or the bullet text
    low: float | None
    high: float | None
    chunk: Chunk
    line: str
    unit: str = ""  # USD | % | years
    period: str = ""  # year, month, ...
    region: str = ""
    year: str = ""

    @property
    def role(self) -> str:
        return self.chunk.title

    def to_dict(self) -> dict:
        return {
            "role": self.role,
            "kind": self.kind,
            "subject": self.subject,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "period": self.period,
            "region": self.region,
            "year": self.year,
            "source": self.chunk.source,
            "section": self.chunk.section_path,
            "lines": [self.chunk.start_line, self.chunk.end_line],
            "passage": self.line.strip().lstrip("-").strip(),
            "chunk_id": self.chunk.chunk_id,
        }


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


def _context(chunk: Chunk, line: str) -> dict:
    where = " ".join(chunk.section) + " " + line
    year = _YEAR.search(where)
    region = _REGION.search(where)
    period = _PERIOD.search(line)
    return {
        "year": year.group(0) if year else "",
        "region": region.group(0) if region else "",
        "period": (period.group(1) or "year").lower() if period and period.groups() else "",
    }


def _pay_figures(line: str, chunk: Chunk) -> list[Figure]:
    out = []
    label = _LABEL.match(line)
    ctx = _context(chunk, line)
    for m in _MONEY_RANGE.finditer(line):
        low, high = _money(m.group(1)), _money(m.group(2))
        if low >= 1000 and high > low:  # salaries, not "$1 - $2" noise
            out.append(
                Figure(
                    "salary",
                    _subject(line, chunk),
                    m.group(0).strip(),
                    low,
                    high,
                    chunk,
                    line,
                    unit="USD",
                    period=ctx["period"] or "year",
                    region=ctx["region"],
                    year=ctx["year"],
                )
            )
    if not out and label and re.search(r"compensation|average|base salary", label.group(1), re.I):
        m = _MONEY_ONE.search(line)
        if m:
            v = _money(m.group(1))
            kind = "total_comp" if "total" in label.group(1).lower() else "average_base_salary"
            lo_hi = (v, None) if re.search(r"exceed|over|more than|above", line, re.I) else (v, v)
            out.append(
                Figure(
                    kind,
                    label.group(1).strip(),
                    m.group(1).strip(),
                    *lo_hi,
                    chunk,
                    line,
                    unit="USD",
                    period="year",
                    region=ctx["region"],
                    year=ctx["year"],
                )
            )
    return out


def _percent_figures(line: str, chunk: Chunk) -> list[Figure]:
    m = _PCT_RANGE.search(line)
    label = _LABEL.match(line)
    if not m and label and re.search(r"align with (the )?national average", line, re.I):
        return [
            Figure(
                "regional_premium",
                label.group(1).strip(),
                "national average",
                0.0,
                0.0,
                chunk,
                line,
                unit="%",
            )
        ]
    if not m:
        return []
    low, high = float(m.group(1)), float(m.group(2))
    text = line.lower()
    if "national average" in text and label:
        kind, subject = "regional_premium", label.group(1).strip()
        if "below" in text:
            low, high = -high, -low
    elif "bonus" in text:
        kind, subject = "bonus", "annual bonus (of base salary)"
    elif "of total compensation" in text:
        kind, subject = "base_share", "base salary (of total compensation)"
    elif re.search(r"more than|higher than|less than", text):
        kind, subject = "pay_comparison", (label.group(1).strip() if label else line.strip("- ")[:60])
    else:
        return []
    return [Figure(kind, subject, m.group(0), low, high, chunk, line, unit="%")]


def _year_figures(line: str, chunk: Chunk) -> list[Figure]:
    out = []
    for m in _YEARS.finditer(line):
        after = line[m.end() : m.end() + 40].lower()
        if "experience" not in line.lower() and "leadership" not in after:
            continue
        low = float(m.group(1))
        high = float(m.group(2)) if m.group(2) else None if "+" in m.group(0) else low
        kind = "leadership_experience" if "leadership" in after else "experience"
        if kind == "experience" and not _REQUIREMENT_WORDS.search(line):
            continue  # "5-10 years of experience can increase earning potential" is no requirement
        out.append(Figure(kind, chunk.title, m.group(0).strip(), low, high, chunk, line, unit="years"))
    return out


def _qualitative(line: str, chunk: Chunk) -> list[Figure]:
    text = line.strip().lstrip("-").strip()
    label = _LABEL.match(line)
    name = label.group(1).strip() if label else text[:80]
    path = chunk.section_path
    if _DEGREE.search(line) and re.search(r"educat|degree|requir", path + line, re.I):
        return [Figure("degree", name, text, None, None, chunk, line)]
    if _CERT.search(line) and label:
        return [Figure("certification", name, text, None, None, chunk, line)]
    if label and _SKILL_SECTION.search(path) and line.lstrip().startswith("-"):
        return [Figure("skill", name, text, None, None, chunk, line)]
    return []


def figures_in(chunk: Chunk) -> list[Figure]:
    out: list[Figure] = []
    for line in chunk.text.splitlines():
        found = _pay_figures(line, chunk) + _percent_figures(line, chunk) + _year_figures(line, chunk)
        out.extend(found or _qualitative(line, chunk))
    return out


def level_key(subject: str) -> str:
    """The seniority a subject names: ``Lead AI Engineer`` and ``Lead Engineer in AI`` -> ``lead``."""
    low = subject.lower()
    return next((lv for lv in _LEVELS if re.search(rf"\b{lv}", low)), low)


def corpus_figures(chunks: list[Chunk]) -> list[Figure]:
    return [f for c in chunks for f in figures_in(c)]
