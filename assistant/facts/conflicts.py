"""Find figures the documents state differently for the same thing (salary, years of experience)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.facts.extraction import Figure, level_key

PAY_Q = re.compile(r"\b(pay|paid|earn\w*|make|makes|salar\w*|compensation|income|wage)\b", re.I)
YEARS_Q = re.compile(
    r"\b(years?|how long|how much experience|experience (?:is |are )?(?:required|needed|necessary|expected)"
    r"|experience do|experience does|much experience)\b",
    re.I,
)
# pay questions about something other than the salary itself do not need the salary conflict
NOT_SALARY_Q = re.compile(r"\b(bonus|benefit|stock|equity|rsu|401|perks|share|factors?)\b", re.I)
LEADERSHIP_Q = re.compile(r"\b(lead(ership|ing)?\s+role|leadership|managing|management experience)\b", re.I)
_LEVEL_Q = re.compile(r"\b(entry|junior|new grad|graduate|mid|senior|principal|staff)\b", re.I)
_LEVEL_ALIASES = {"new grad": "entry", "graduate": "entry", "junior": "entry"}


@dataclass(frozen=True)
class FigureConflict:
    about: str
    figures: tuple[Figure, ...]  # one per distinct value, in document order


def _distinct(figs: list[Figure]) -> list[Figure]:
    seen, out = set(), []
    for f in figs:
        key = (f.low, f.high)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def question_level(question: str) -> str | None:
    m = _LEVEL_Q.search(question)
    if not m:
        return None
    word = m.group(1).lower()
    return _LEVEL_ALIASES.get(word, word)


def find_conflicts(question: str, figures: list[Figure], sources: set[str]) -> list[FigureConflict]:
    """Conflicts relevant to ``question`` among figures from the documents in ``sources``."""
    figs = [f for f in figures if f.chunk.source in sources]
    level = question_level(question)
    out: list[FigureConflict] = []
    if PAY_Q.search(question) and not NOT_SALARY_Q.search(question):
        if level is None:
            # no level asked: the role the document is about (its title), e.g. "lead"
            titles = {f.chunk.title for f in figs}
            wanted = {level_key(t) for t in titles}
        else:
            wanted = {level}
        pay = _distinct([f for f in figs if f.kind == "salary" and level_key(f.subject) in wanted])
        if len(pay) > 1:
            role = pay[0].chunk.title if level is None else f"{level} level"
            out.append(FigureConflict(f"salary range for {role}", tuple(pay)))
    if YEARS_Q.search(question) and not PAY_Q.search(question):
        kinds = ["leadership_experience"] if LEADERSHIP_Q.search(question) else ["experience"]
        for kind in kinds:
            years = _distinct([f for f in figs if f.kind == kind])
            if len(years) > 1:
                what = (
                    "years in a leadership role" if kind == "leadership_experience" else "years of experience"
                )
                out.append(FigureConflict(f"{what} required", tuple(years)))
    return out
