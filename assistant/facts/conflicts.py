"""Figures the documents state differently for the same thing: same role, same level, same place."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.facts.extraction import Figure
from assistant.understanding.vocabulary import LEVEL_LABELS, Place, find_levels, normalize_level

PAY_Q = re.compile(r"\b(pay|paid|earn\w*|make|makes|salar\w*|compensation|income|wage)\b", re.I)
YEARS_Q = re.compile(
    r"\b(years?|how long|how much experience|experience (?:is |are )?(?:required|needed|necessary|expected)"
    r"|experience do|experience does|much experience)\b",
    re.I,
)
# pay questions about something other than the salary itself do not need the salary conflict
NOT_SALARY_Q = re.compile(r"\b(bonus|benefit|stock|equity|rsu|401|perks|share|factors?)\b", re.I)
LEADERSHIP_Q = re.compile(r"\b(lead(ership|ing)?\s+role|leadership|managing|management experience)\b", re.I)


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
    """The first level a question names: ``new grad`` -> ``entry``."""
    found = find_levels(question)
    return found[0] if found else None


def question_place(question: str, figures: list[Figure]) -> str | None:
    """The place among the figures' places that the question names (``Seattle`` -> the Seattle line)."""
    words = re.findall(r"[A-Za-z][A-Za-z.'-]*", question)
    places = {(f.place, f.place_kind or "city") for f in figures if f.place}
    for name, kind in sorted(places, key=lambda p: -len(p[0])):
        place = Place(name, kind)
        for n in (3, 2, 1):
            if any(place.matches(" ".join(words[i : i + n])) for i in range(len(words) - n + 1)):
                return name
    return None


def find_conflicts(
    question: str,
    figures: list[Figure],
    sources: set[str],
    *,
    role: str | None = None,
    level: str | None = None,
    place: str | None = None,
) -> list[FigureConflict]:
    """Conflicts relevant to ``question`` among figures from ``sources``, for one role, level and place.

    Without a level asked, the level the role's own name carries ("Lead Engineer in AI" -> lead)
    stands; without a place asked, only national figures compete.
    """
    figs = [f for f in figures if f.chunk.source in sources and (role is None or f.role == role)]
    level = normalize_level(level) if level else question_level(question)
    place = place or question_place(question, figs)
    out: list[FigureConflict] = []
    if PAY_Q.search(question) and not NOT_SALARY_Q.search(question):
        for r in dict.fromkeys(f.role for f in figs):
            wanted = level or normalize_level(r)
            pay = _distinct(
                [
                    f
                    for f in figs
                    if f.role == r
                    and f.kind == "salary"
                    and f.level == wanted
                    and (f.place == place if place else f.place is None)
                ]
            )
            if len(pay) > 1:
                who = r if level is None else LEVEL_LABELS.get(level, level)
                out.append(
                    FigureConflict(f"salary range for {who}" + (f" in {place}" if place else ""), tuple(pay))
                )
    if YEARS_Q.search(question) and not PAY_Q.search(question):
        kinds = ["leadership_experience"] if LEADERSHIP_Q.search(question) else ["experience"]
        for kind in kinds:
            for r in dict.fromkeys(f.role for f in figs):
                years = _distinct(
                    [
                        f
                        for f in figs
                        if f.role == r and f.kind == kind and (level is None or f.level in (None, level))
                    ]
                )
                if len(years) > 1:
                    what = (
                        "years in a leadership role"
                        if kind == "leadership_experience"
                        else "years of experience"
                    )
                    out.append(FigureConflict(f"{what} required", tuple(years)))
    return out
