"""Exact reading of the lines `assistant import oews` writes: no guessing, every published number.

The importer's format is ours, so it is parsed deterministically rather than by the general
patterns: a section heading ``Seattle-Tacoma-Bellevue, WA (metro area), BLS OEWS May 2025`` gives
the place, its kind and the release; a line ``- 90th percentile wage: $137,470 a year, $66.09 an
hour`` gives two figures (annual and hourly) with their percentile.
"""

from __future__ import annotations

import re

HEADING = re.compile(
    r"^(?P<place>.+) \((?P<kind>national|state|metro area|nonmetropolitan area)\), "
    r"BLS OEWS (?P<release>[A-Z][a-z]+ (?P<year>\d{4}))$"
)
LINE = re.compile(
    r"^- (?P<label>Median wage|Mean wage|(?P<pct>10|25|75|90)th percentile wage|Employment): (?P<rest>.+)$"
)
_PART = re.compile(r"^(?P<q>at least )?\$(?P<num>[\d,]+(?:\.\d+)?) (?P<unit>a year|an hour)$")
_JOBS = re.compile(r"^(?P<num>[\d,]+) jobs$")
PLACE_KIND = {
    "national": "national",
    "state": "state",
    "metro area": "metro",
    "nonmetropolitan area": "metro",
}


def oews_section(section: tuple[str, ...]) -> re.Match[str] | None:
    """The importer's heading among a chunk's section path, or None for any other document."""
    for part in reversed(section):
        m = HEADING.match(part)
        if m:
            return m
    return None


def parse_line(line: str) -> list[dict]:
    """Field dicts for one importer line; [] for anything else.

    >>> line = "- Median wage: $97,550 a year, $46.90 an hour"
    >>> [(d["kind"], d["value"], d["low"], d["period"]) for d in parse_line(line)]
    [('median', '$97,550 a year', 97550.0, 'year'), ('median', '$46.90 an hour', 46.9, 'hour')]
    >>> parse_line("- 90th percentile wage: at least $239,200 a year")[0]["high"] is None
    True
    """
    m = LINE.match(line.strip())
    if not m:
        return []
    label, rest = m.group("label"), m.group("rest").strip()
    if label == "Employment":
        jobs = _JOBS.match(rest)
        n = float(jobs.group("num").replace(",", "")) if jobs else None
        return [_fields("employment", label, rest, n, n, "", "", None, "")]
    kind = "median" if label.startswith("Median") else "mean" if label.startswith("Mean") else "percentile"
    pct = 50 if kind == "median" else int(m.group("pct")) if m.group("pct") else None
    if rest == "not published":
        return [_fields(kind, label, rest, None, None, "USD", "", pct, "")]
    out = []
    for part in rest.split(", "):
        p = _PART.match(part)
        if not p:
            return []  # not our format after all
        v = float(p.group("num").replace(",", ""))
        period = "year" if p.group("unit") == "a year" else "hour"
        qualifier = "at least" if p.group("q") else ""
        out.append(_fields(kind, label, part, v, None if qualifier else v, "USD", period, pct, qualifier))
    return out


def _fields(kind, subject, value, low, high, unit, period, percentile, qualifier) -> dict:
    return {
        "kind": kind,
        "subject": subject,
        "value": value,
        "low": low,
        "high": high,
        "unit": unit,
        "period": period,
        "percentile": percentile,
        "qualifier": qualifier,
    }
