"""Pay for a client profile (level, location) of any role, with the arithmetic and the basis in words.

A role with a pay table by level uses its level's range, adjusted by the location's premium.
A role with only official wage statistics (OEWS) reads the level as a percentile (entry ~ 25th,
mid ~ median, senior ~ 75th, lead and above ~ 90th: ``Settings.level_percentiles``). A location
with its own figure (a metro, a state) is used directly; else a premium; else the national
figure, with a note saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.facts.extraction import Figure
from assistant.facts.table import FactTable, split_state
from assistant.understanding.vocabulary import LEVEL_LABELS, normalize_level

DEFAULT_LEVEL_PERCENTILES = "entry=25,mid=50,senior=75,lead=90,staff=90,principal=90"
_ORDINAL = {10: "10th", 25: "25th", 50: "median", 75: "75th", 90: "90th"}


@dataclass(frozen=True)
class ProfilePay:
    level: str
    location: str | None
    base: Figure | None  # the level's figure: a national range, a place's own figure or a percentile
    premium: Figure | None  # the location's premium, None when not covered or not needed
    low: float | None
    high: float | None
    notes: tuple[str, ...]
    role: str | None = None
    percentile: int | None = None  # set when the level was read as a percentile of official wages

    @property
    def figures(self) -> list[Figure]:
        return [f for f in (self.base, self.premium) if f is not None]


def parse_level_percentiles(text: str | None) -> dict[str, int]:
    """``entry=25,mid=50`` -> {"entry": 25, "mid": 50}; a malformed pair is a ValueError naming it.

    >>> parse_level_percentiles("entry=25, senior=75")
    {'entry': 25, 'senior': 75}
    """
    out = {}
    for pair in (text or DEFAULT_LEVEL_PERCENTILES).split(","):
        m = re.fullmatch(r"\s*([a-z-]+)\s*=\s*(10|25|50|75|90)\s*", pair)
        if not m:
            raise ValueError(f"level_percentiles: expected level=10|25|50|75|90, got {pair.strip()!r}")
        out[normalize_level(m.group(1)) or m.group(1)] = int(m.group(2))
    return out


def money(v: float) -> str:
    return f"${round(v, -3):,.0f}"


def _words(p: int) -> str:
    return "the median" if p == 50 else f"the {_ORDINAL.get(p, f'{p}th')} percentile"


def _release(f: Figure) -> str:
    m = re.search(r"BLS OEWS [A-Z][a-z]+ \d{4}", f.chunk.section_path)
    return f" ({m.group(0)})" if m else ""


def _stated(f: Figure) -> str:
    per = {"year": "a year", "hour": "an hour", "month": "a month"}.get(f.period, "")
    return f.value if not per or per in f.value else f"{f.value} {per}"


def _role_of(figures: list[Figure], role: str | None) -> str | None:
    if role is not None:
        return role
    # no role named: the first role that has a pay table (the old single-document behaviour)
    return next(
        (f.role for f in figures if f.kind == "salary" and f.level), figures[0].role if figures else None
    )


def _percentile_pay(
    table: FactTable, role: str, want: str | None, location: str | None, pcts: dict
) -> ProfilePay:
    notes: list[str] = []
    p = pcts.get(want or "", 50)
    groups: dict[int, list[str]] = {}
    for lv, n in pcts.items():
        groups.setdefault(n, []).append(lv)
    mapping = ", ".join(
        (" and ".join(lvs) if len(lvs) < 3 else ", ".join(lvs[:-1]) + " and " + lvs[-1])
        + " ~ "
        + _words(n).replace("the ", "")
        for n, lvs in sorted(groups.items())
    )
    asked = LEVEL_LABELS.get(want or "", want or "this level")
    notes.append(
        f"The documents give no pay by level for {role}, so {asked} "
        f"is read as {_words(p)} of its wages ({mapping})."
    )

    def pick(place: str | None) -> Figure | None:
        figs = [f for f in table.pay(role, place=place, kinds=("percentile", "median")) if f.percentile == p]
        figs = [f for f in figs if f.low is not None] or figs
        figs.sort(key=lambda f: f.period != "year")  # annual first, hourly where only hourly is published
        return figs[0] if figs else None

    base, premium = None, None
    if location:
        base = pick(location)
        if base is None:
            city, state = split_state(location)
            if state and city:
                base = pick(state)
                if base is not None:
                    notes.append(
                        f"The documents give no figure for {location}; the {state} state figure is used."
                    )
            if base is None:
                premium = table.premium(role, location)
    if base is None:
        base = pick(None)
        if location and premium is None and base is not None:
            covered = sorted({pl.name for pl in table.places(role)})
            notes.append(
                f"The documents give no figure for {location}; the national figure is used"
                + (f" ({len(covered)} places are covered)." if covered else ".")
            )
    if base is None:
        notes.append(f"The documents give no {_words(p)} wage for {role}.")
        return ProfilePay(want or "", location, None, None, None, None, tuple(notes), role, p)
    low, high = base.low, base.high
    if premium is not None and low is not None:
        low = low * (1 + premium.low / 100)
        high = None if high is None else high * (1 + premium.high / 100)
    return ProfilePay(want or "", location, base, premium, low, high, tuple(notes), role, p)


def pay_for_profile(
    figures: list[Figure],
    level: str,
    location: str | None,
    *,
    role: str | None = None,
    level_percentiles: str | dict[str, int] | None = None,
) -> ProfilePay:
    """Senior ($160,000 - $200,000) in Seattle (5-15% above) -> $168,000 - $230,000.

    A level or city the documents do not cover is said plainly; the national figure stands.
    """
    table = FactTable(figures)
    role = _role_of(figures, role)
    want = normalize_level(level)
    pcts = (
        level_percentiles
        if isinstance(level_percentiles, dict)
        else parse_level_percentiles(level_percentiles)
    )
    if role is None:
        return ProfilePay(level, location, None, None, None, None, ("The documents give no pay figures.",))
    levelled = [f for f in table.pay(role) if f.level]
    if not any(f.level == want for f in levelled) and not any(f.kind == "salary" for f in levelled):
        # no pay table by level: the level is read as a percentile of the role's wages
        return _percentile_pay(table, role, want, location, pcts)
    notes = []
    # the documents' own figure for the level: a range, or a percentile they label with it
    national = sorted(
        (f for f in levelled if f.level == want), key=lambda f: (f.kind != "salary", f.period != "year")
    )
    base = national[0] if national and want else None
    if base is None:
        known = sorted({f.subject for f in table.for_role(role) if f.kind == "salary" and f.level})
        own = normalize_level(role)
        base = next((f for f in table.pay(role, kinds=("salary",)) if f.level == own), None)
        notes.append(
            f"The documents give no pay range for the level '{level}'"
            + (f" (they cover: {', '.join(known)})" if known else "")
            + ("; the role's national range is given instead." if base else ".")
        )
        if base is None:
            return ProfilePay(level, location, None, None, None, None, tuple(notes), role)
    premium = None
    if location:
        direct = [
            f for f in table.pay(role, place=location, kinds=(base.kind,)) if f.level in (base.level, None)
        ]
        premium = None if direct else table.premium(role, location)
        if direct:
            base = direct[0]
        elif premium is None:
            cities = sorted({f.subject for f in table.for_role(role) if f.kind == "regional_premium"})
            notes.append(
                f"The documents give no pay adjustment for {location}; the national range applies"
                + (f" (covered: {', '.join(cities)})." if cities else ".")
            )
    low, high = base.low, base.high
    if premium is not None and low is not None and high is not None:
        low, high = low * (1 + premium.low / 100), high * (1 + premium.high / 100)
    return ProfilePay(level, location, base, premium, low, high, tuple(notes), role)


def explain(p: ProfilePay) -> list[tuple[str, list[Figure]]]:
    """Sentences with the figures each one rests on (the caller turns figures into citations)."""
    lead = [n for n in p.notes if "no pay range" in n or "no pay by level" in n]
    rest = [n for n in p.notes if n not in lead]
    out: list[tuple[str, list[Figure]]] = [(n, []) for n in lead]
    if p.base is None:
        return out + [(n, []) for n in rest]
    b = p.base
    if p.percentile is not None:
        where = f"In {b.place}" if b.place else "Nationally"
        out.append((f"{where}, {_words(p.percentile)} wage for {p.role} is {_stated(b)}{_release(b)}.", [b]))
    elif b.place:
        out.append((f"{b.subject}: {b.value} (the documents' own figure for {b.place}).", [b]))
    else:
        out.append((f"{b.subject}: {b.value} nationally.", [b]))
    pr = p.premium
    if pr is not None and p.low is not None:
        if pr.low == pr.high == 0:
            out.append((f"{pr.subject} pays about the national average, so about {money(p.low)} - "
                        f"{money(p.high or p.low)}.", [b, pr]))  # fmt: skip
        elif p.high is None or b.high is None:
            out.append((f"{pr.subject}: {pr.value} above the national average, so {money(b.low)} x "
                        f"{1 + pr.low / 100:.2f} = about {money(p.low)} or more.", [b, pr]))  # fmt: skip
        else:
            out.append(
                (
                    f"{pr.subject}: {pr.value} above the national average, so "
                    f"{money(b.low)} x {1 + pr.low / 100:.2f} to {money(b.high)} x {1 + pr.high / 100:.2f} "
                    f"= about {money(p.low)} - {money(p.high)}.",
                    [b, pr],
                )
            )
    return out + [(n, []) for n in rest]
