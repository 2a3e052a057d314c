"""Pay for a client profile: a level's range adjusted by a location's premium, with the arithmetic."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.facts.extraction import Figure, level_key

_LEVEL_ALIASES = {
    "junior": "entry",
    "new grad": "entry",
    "graduate": "entry",
    "intern": "entry",
    "middle": "mid",
    "intermediate": "mid",
    "sr": "senior",
    "snr": "senior",
}
_CITY_ALIASES = {"sf": "san francisco", "bay area": "san francisco", "nyc": "new york", "ny": "new york"}


@dataclass(frozen=True)
class ProfilePay:
    level: str
    location: str | None
    base: Figure | None  # the level's national range
    premium: Figure | None  # the location's premium, None when not covered
    low: float | None
    high: float | None
    notes: tuple[str, ...]

    @property
    def figures(self) -> list[Figure]:
        return [f for f in (self.base, self.premium) if f is not None]


def normalize_level(level: str) -> str:
    """``Senior AI Engineer``, ``senior``, ``Sr`` -> ``senior``; ``new grad`` -> ``entry``."""
    key = level.strip().lower().replace("-level", "").replace(" level", "").strip()
    key = _LEVEL_ALIASES.get(key, key)
    return level_key(key)


def _norm_city(text: str) -> str:
    t = re.sub(r"[^a-z ]", " ", text.lower())
    t = " ".join(w for w in t.split() if w not in ("city", "area", "metro", "greater", "the"))
    return _CITY_ALIASES.get(t, t)


def find_level(figures: list[Figure], level: str, role: str | None = None) -> Figure | None:
    want = normalize_level(level)
    for f in figures:
        if (
            f.kind == "salary"
            and (role is None or f.role == role)
            and level_key(f.subject) == want
            and f.subject != f.role
        ):
            return f
    return None


def find_location(figures: list[Figure], location: str, role: str | None = None) -> Figure | None:
    want = _norm_city(location)
    if not want:
        return None
    for f in figures:
        if f.kind != "regional_premium" or (role is not None and f.role != role):
            continue
        have = _norm_city(f.subject)
        if want == have or want in have.split(" bay")[0] or have.startswith(want):
            return f
    return None


def money(v: float) -> str:
    return f"${round(v, -3):,.0f}"


def pay_for_profile(
    figures: list[Figure], level: str, location: str | None, *, role: str | None = None
) -> ProfilePay:
    """Senior ($160,000 - $200,000) in Seattle (5-15% above) -> $168,000 - $230,000.

    A level or city the documents do not cover is said plainly; the national figure stands.
    """
    notes = []
    base = find_level(figures, level, role)
    if base is None:
        known = sorted({f.subject for f in figures if f.kind == "salary" and f.subject != f.role})
        # the national figure for the role the document is about stands in for the missing level
        base = next(
            (
                f
                for f in figures
                if f.kind == "salary"
                and (role is None or f.role == role)
                and level_key(f.subject) == level_key(f.role)
            ),
            None,
        )
        notes.append(
            f"The documents give no pay range for the level '{level}'"
            + (f" (they cover: {', '.join(known)})" if known else "")
            + ("; the role's national range is given instead." if base else ".")
        )
        if base is None:
            return ProfilePay(level, location, None, None, None, None, tuple(notes))
    premium = find_location(figures, location, role) if location else None
    low, high = base.low, base.high
    if location and premium is None:
        cities = sorted({f.subject for f in figures if f.kind == "regional_premium"})
        notes.append(
            f"The documents give no pay adjustment for {location}; the national range applies"
            + (f" (covered: {', '.join(cities)})." if cities else ".")
        )
    elif premium is not None:
        low = base.low * (1 + premium.low / 100)
        high = base.high * (1 + premium.high / 100)
    return ProfilePay(level, location, base, premium, low, high, tuple(notes))


def explain(p: ProfilePay) -> list[tuple[str, list[Figure]]]:
    """Sentences with the figures each one rests on (the caller turns figures into citations)."""
    out: list[tuple[str, list[Figure]]] = [(n, []) for n in p.notes if "no pay range" in n]
    if p.base is None:
        return out
    b = p.base
    out.append((f"{b.subject}: {b.value} nationally.", [b]))
    if p.premium is not None:
        pr = p.premium
        if pr.low == pr.high == 0:
            out.append(
                (
                    f"{pr.subject} pays about the national average, so about {money(p.low)} - "
                    f"{money(p.high)}.",
                    [b, pr],
                )
            )
        else:
            out.append(
                (
                    f"{pr.subject}: {pr.value} above the national average, so "
                    f"{money(b.low)} x {1 + pr.low / 100:.2f} to {money(b.high)} x {1 + pr.high / 100:.2f} "
                    f"= about {money(p.low)} - {money(p.high)}.",
                    [b, pr],
                )
            )
    out += [(n, []) for n in p.notes if "no pay range" not in n]
    return out
