"""Deterministic extraction of labelled figures, with their source lines, from any role document.

Role documents state figures as labelled lines: ``Senior AI Engineer: $160,000 - $200,000``,
``Median annual wage: $97,550``, ``Seattle: 5-15% above national average``, ``Chicago, IL:
median $112,000 a year``, ``10th percentile: $63,720``. Each becomes a Figure with its role,
level, place, period and the passage it came from, so every figure stays traceable and
documents that disagree show every value. The OEWS importer's own lines are read exactly
(``oews_lines``). Levels, money, ranges, periods and places come from the one vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import lru_cache

from assistant.facts.oews_lines import PLACE_KIND, oews_section, parse_line
from assistant.indexing.text import BULLET, read_tables, split_sentences
from assistant.types import Chunk
from assistant.understanding.vocabulary import (
    ASPECT_SECTIONS,
    COST,
    DEGREE,
    MONEY_RANGE_RE,
    MONEY_RE,
    NATIONAL_LABEL,
    PAY_STEMS,
    PERCENT_RANGE_RE,
    STATE_IN,
    STATE_OF,
    US_STATES,
    YEARS_RE,
    normalize_level,
    parse_money,
    period_of,
    stated_percentiles,
)

PAY_KINDS = ("salary", "median", "mean", "percentile", "total_comp", "average_base_salary")
_LABEL = re.compile(r"^\s*(?:[-*•+]|\d+[.)])?\s*([A-Z0-9$][^:]{0,79}?):\s*(.*)$")
_YEAR = re.compile(r"\b(?:199\d|20[0-3]\d)\b")
_REGION = re.compile(r"\b(US|United States|UK|Europe|EU|Canada|India|Germany)\b")
_CERT = re.compile(r"\bcertif", re.I)
_SKILL_SECTION = re.compile(r"skill|expertise|proficien|tools", re.I)
_REQUIREMENT_WORDS = re.compile(r"requir|minimum|necessary|at least|typically|need|expected", re.I)
_PAY_WORDS = re.compile(rf"{PAY_STEMS}|range", re.I)
_NOT_PAY = re.compile(rf"{COST.pattern}|revenue|funding|spend|\bexam|shift|differential", re.I)
_PAY_SECTION = re.compile(ASPECT_SECTIONS["pay"], re.I)
_EXTRA = re.compile(r"\b(extra|additional|on top)\b", re.I)
_REGIONAL = re.compile(r"region|location|geograph|\bcit(y|ies)\b|metro|by state|\bstates?\b|\bareas?\b", re.I)
# words that make a label a job title, not a place, where a chunk mixes pay by level and by city
_TITLE_WORDS = re.compile(
    r"\b(engineer|manager|developer|analyst|designer|scientist|nurse|specialist|technician|administrator|"
    r"director|officer|assistant|associate|architect|consultant|coordinator|tester|programmer|chef|cook|"
    r"teacher|accountant|electrician|plumber|driver|hygienist|pharmacist|therapist|paralegal|rn|dba)s?\b",
    re.I,
)
_CITY_ST = re.compile(r"\b((?:[A-Z][A-Za-z.'-]+[ -])*[A-Z][A-Za-z.'-]+), ([A-Z]{2})\b")
_PCT_ONE = re.compile(r"(?<![\d.-])(\d{1,3}(?:\.\d+)?)\s*%")
# words just before a figure that bound it: (words, bound) where bound says which side is open
_QUALIFIERS = (
    (
        r"can exceed|could exceed|may exceed|exceeds?|exceeding|more than|over|above|at least|upwards of|"
        r"starting (?:at|from)|from",
        "low",
    ),
    (r"up to|under|less than|below|at most|no more than", "high"),
    (r"about|around|approximately|roughly|nearly|almost|close to|an estimated", "about"),
)
_QUALIFIER_RES = [(re.compile(rf"\b({w})\s*$", re.I), bound) for w, bound in _QUALIFIERS]


@dataclass(frozen=True, slots=True)
class Figure:
    kind: str  # salary | median | mean | percentile | total_comp | average_base_salary | regional_premium |
    #            bonus | base_share | pay_comparison | experience | leadership_experience | degree |
    #            certification | skill | employment
    subject: str  # the label as written ("Senior AI Engineer", "Seattle", "Median annual wage")
    value: str  # as the document states it: "can exceed $300,000", "$150,000 - $250,000", "5-15%"
    low: float | None
    high: float | None
    chunk: Chunk
    line: str  # the source line
    unit: str = ""  # USD | % | years
    period: str = ""  # year | hour | month | ""
    region: str = ""  # kept for compatibility
    year: str = ""  # "2024" when the section/line says so
    role: str = ""  # the catalog role of chunk.source; falls back to chunk.title
    level: str | None = None  # canonical level (vocabulary.normalize_level) or None
    place: str | None = None  # as named: "Seattle", "Seattle-Tacoma-Bellevue, WA"; None = national
    place_kind: str | None = None  # city | metro | state | national
    percentile: int | None = None  # 10/25/50/75/90 for percentile figures (median is 50)
    qualifier: str = ""  # "more than", "can exceed", "up to", "about": words that bound the figure

    def to_dict(self) -> dict:
        d = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("chunk", "line")}
        c = self.chunk
        return d | {
            "source": c.source,
            "section": c.section_path,
            "lines": [c.start_line, c.end_line],
            "passage": self.line.strip().lstrip("-").strip(),
            "chunk_id": c.chunk_id,
        }


def place_of(label: str, *, regional: bool = False) -> tuple[str | None, str] | None:
    """(place, kind) a label names: ``Boston, MA`` -> ("Boston, MA", "city"); national -> (None, "national").

    >>> place_of("Seattle-Tacoma-Bellevue, WA"), place_of("Texas"), place_of("National average")
    (('Seattle-Tacoma-Bellevue, WA', 'metro'), ('Texas', 'state'), (None, 'national'))
    >>> place_of("Senior AI Engineer", regional=True) is None
    True
    """
    text = label.strip().strip("*").strip()
    if NATIONAL_LABEL.fullmatch(text):
        return None, "national"
    m = re.match(r"^(.+?),\s*([A-Z]{2})(?:[-–][A-Z]{2})*$", text)
    if m and m.group(2) in US_STATES:
        return text, "metro" if re.search(r"[-–]|metro", m.group(1)) else "city"
    if text in US_STATES.values():
        return text, "state"
    if (
        regional
        and len(text.split()) <= 6
        and not normalize_level(text)
        and not _PAY_WORDS.search(text)
        and not _TITLE_WORDS.search(text)
    ):
        return text, ("metro" if re.search(r"metro|bay area|area$", text, re.I) else "city")
    return None


def _period(text: str) -> str | None:
    return period_of(text) or ("week" if re.search(r"per week|a week|weekly|/wk", text, re.I) else None)


def _qualifier(before: str) -> tuple[str, str]:
    for rx, bound in _QUALIFIER_RES:
        m = rx.search(before)
        if m:
            return m.group(1).lower(), bound
    return "", ""


def _pay_kind(label: str, text: str) -> str:
    low, whole = label.lower(), (label + " " + text).lower()
    if "median" in low:
        return "median"
    if re.search(r"\d{1,2}(st|nd|rd|th) percentile", whole):
        return "percentile"
    if re.search(r"total (comp|pay|earn|cash)", whole):
        return "total_comp"
    if "average base" in low:
        return "average_base_salary"
    if re.search(r"\b(mean|average)\b", low):
        return "mean"
    if re.search(r"\bmedian\b", text, re.I):
        return "median"
    if re.search(r"\b(mean|average)\b", text, re.I):
        return "mean"
    return "salary"


class _Line:
    """What the line, its label and its section say about a figure: kind, level, place, period."""

    def __init__(self, line: str, chunk: Chunk, *, text: str | None = None) -> None:
        self.line = line  # as written: what a figure cites
        self.text = text or line  # what is parsed: a table row is read as "Label (column): value"
        clean = self.text.replace("**", "")
        m = _LABEL.match(clean)
        self.label = m.group(1).strip() if m else ""
        self.rest = m.group(2) if m else clean.strip().lstrip("-*• ").strip()
        self.path = chunk.section_path
        self.regional = bool(_REGIONAL.search(chunk.section[-1] if chunk.section else ""))
        where = f"{self.path} {self.text}"
        year = _YEAR.search(where)
        self.year = year.group(0) if year else ""
        region = _REGION.search(where)
        self.region = region.group(0) if region else ""
        self.section_level = next(
            ((p, lv) for p in reversed(chunk.section) if (lv := normalize_level(p))), (None, None)
        )
        self.section_place = next(
            (pl for p in reversed(chunk.section) if (pl := place_of(p)) and pl[0]), None
        )

    def subject_level_place(self, chunk: Chunk, role: str) -> tuple[str, str | None, str | None, str | None]:
        label = self.label
        level = normalize_level(label) if label else None
        place = None if level else place_of(label, regional=self.regional) if label else None
        subject = label
        if level is None and place is None:
            sec, sec_level = self.section_level
            if sec_level and (not label or _PAY_WORDS.search(label)):
                level = sec_level  # "Salary Range:" under the "Lead AI Engineer" heading
                if not label or _pay_kind(label, self.rest) == "salary":
                    subject = sec
            elif not label:
                subject = chunk.title
                # "Senior developers typically earn $150,000 to $190,000": the level the sentence
                # names before its figure, else the level the role itself names ("Lead Engineer in AI")
                head = self.rest[: m.start()] if (m := MONEY_RE.search(self.rest)) else self.rest
                level = normalize_level(head) or normalize_level(role)
        if place is None and not label:
            # "In Chicago, IL, electricians earn a median of $102,350": a City, ST the sentence names
            head = self.rest[: m.start()] if (m := MONEY_RE.search(self.rest)) else self.rest
            place = _city_in(head)
        if place is None and self.section_place:
            place = self.section_place
        if place is None and re.search(r"\b(national(ly)?|nationwide|united states|u\.s\.)", self.text, re.I):
            place = (None, "national")
        name, kind = place if place else (None, "national")
        return subject or chunk.title, level, name, kind


# "$79,750 a year in California": the words of a period between a figure and its place
_PERIOD_AFTER = re.compile(r"^[\s,]*(?:(?:a|an|per)\s+(?:year|hour|month)\b)?[\s,]*")


def _city_in(text: str) -> tuple[str | None, str] | None:
    """The City, ST a sentence names ("In Chicago, IL, electricians earn ..."), as place_of reads it."""
    city = _CITY_ST.search(text)
    if not city or city.group(2) not in US_STATES:
        return None
    name = re.sub(r"^((In|At|Around|Near|For|The|Across)\s+)+", "", city.group(1))
    return place_of(f"{name}, {city.group(2)}")


def _clause(text: str, start: int, spans: list[tuple[int, int]]) -> str:
    """The words between the figure before this one (or the sentence's start) and this figure; a
    place right after the figure before is that figure's ("... $62,240 in Texas and $61,950")."""
    begin = max((b for _, b in spans if b <= start), default=None)
    if begin is None:
        return text[:start]
    clause = text[begin:start]
    rest = _PERIOD_AFTER.sub("", clause, count=1)
    owned = STATE_IN.match(rest)
    return rest[owned.end() :] if owned else clause


def _clause_reading(clause: str, after: str = "") -> dict:
    """What the words right before one figure say of it, over what the whole line says: "in Texas,
    ... a median of", "the highest 10 percent earned more than"; and a place right after it ("the
    median was $79,750 in California")."""
    out: dict = {}
    city = _city_in(clause)
    if state := STATE_IN.match(_PERIOD_AFTER.sub("", after, count=1)):
        out["place"], out["place_kind"] = state.group(1), "state"
    elif city is not None:
        out["place"], out["place_kind"] = city
    elif state := STATE_IN.search(clause) or STATE_OF.search(clause):
        out["place"], out["place_kind"] = state.group(1), "state"
    level = normalize_level(clause)
    if level is not None:
        out["level"] = level  # "while lead technicians can earn $80,000 or more"
    shares = stated_percentiles(clause)
    if shares:
        out["percentile"], out["kind"] = shares[-1], "percentile"
    elif re.search(r"\bmedian\b", clause, re.I):
        out["kind"], out["percentile"] = "median", 50
    elif re.search(r"\b(?:mean|average)\b", clause, re.I):
        out["kind"] = "mean"
    return out


@lru_cache(maxsize=65_536)
def prose_places(sentence: str) -> tuple[str, ...]:
    """The places a sentence's figures are about, clause by clause: "In Texas, technicians earn a
    median of $60,250; in California, $71,400" -> ["Texas", "California"].

    >>> prose_places("In Texas, they earn a median of $60,250; in California, $71,400.")
    ('Texas', 'California')
    >>> prose_places("The median annual wage was $62,580 in May 2025.")
    ()
    >>> prose_places("Ohio's median is lower at $42,810."), prose_places("the Texas median of $78,000")
    (('Ohio',), ('Texas',))
    """
    return tuple(dict.fromkeys(p for p in figure_places(sentence) if p))


@lru_cache(maxsize=65_536)
def figure_places(sentence: str) -> tuple[str | None, ...]:
    """Each figure's place in a sentence, None for a figure no place is said of: "Nationally it is
    $38,000; Oregon's median is $41,000" -> (None, "Oregon").

    >>> figure_places("Nationally the median is $38,000; Oregon's median is $41,000.")
    (None, 'Oregon')
    """
    spans = [m.span() for m in MONEY_RE.finditer(sentence)]
    return tuple(_clause_reading(_clause(sentence, a, spans), sentence[b:]).get("place") for a, b in spans)


def _pay_figures(ln: _Line, chunk: Chunk, role: str) -> list[Figure]:
    if (ln.label and _NOT_PAY.search(ln.label)) or _EXTRA.search(ln.rest):
        return []  # costs, and pay on top of pay (shift differentials), are no salary
    subject, level, place, place_kind = ln.subject_level_place(chunk, role)
    text = ln.rest
    line_period = _period(ln.label + " " + text)
    kind = _pay_kind(ln.label, text)
    if re.search(r"bonus", ln.label, re.I):
        kind = "bonus"
    pct = re.search(r"(\d{1,2})(?:st|nd|rd|th) percentile", (ln.label + " " + text).lower())
    percentile = 50 if kind == "median" else int(pct.group(1)) if kind == "percentile" and pct else None
    common = dict(
        unit="USD",
        region=ln.region,
        year=ln.year,
        role=role,
        level=level,
        place=place,
        place_kind=place_kind,
        percentile=percentile,
    )
    out: list[Figure] = []
    taken: list[tuple[int, int]] = []
    spans = sorted(
        [m.span() for m in MONEY_RANGE_RE.finditer(text)] + [m.span() for m in MONEY_RE.finditer(text)]
    )

    def reading(m: re.Match[str]) -> tuple[str, dict]:
        """The figure's kind and facts: a labelled line is read whole, a sentence clause by clause."""
        if ln.label:
            return kind, common
        said = _clause_reading(_clause(text, m.start(), spans), text[m.end() :])
        return said.pop("kind", kind), common | said

    for m in MONEY_RANGE_RE.finditer(text):
        low, high = parse_money(m.group(1)), parse_money(m.group(2))
        period = _period(text[m.end() : m.end() + 20]) or line_period or ("year" if low >= 1000 else "")
        if high <= low or not (low >= 1000 or period in ("hour", "month")):
            continue  # "$1 - $2" noise, or a range that is no pay
        taken.append(m.span())
        fig_kind, facts = reading(m)
        out.append(
            Figure(fig_kind, subject, m.group(0).strip(), low, high, chunk, ln.line, period=period, **facts)
        )
    pay_context = bool(
        kind != "salary"
        # a sentence that speaks of pay: "the lowest 10 percent earned less than $47,120"
        or (not ln.label and _PAY_WORDS.search(text) and _PAY_SECTION.search(ln.path))
        or _PAY_WORDS.search(ln.label)
        or level
        or (place and ln.label)
        or (ln.label and _PAY_SECTION.search(ln.path))  # "Master Electrician: up to $110,000" under Earnings
    )
    for m in MONEY_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken) or not pay_context:
            continue
        v = parse_money(m.group(0))
        period = _period(text[m.end() : m.end() + 20]) or line_period or ("year" if v >= 1000 else "hour")
        qualifier, bound = _qualifier(text[max(0, m.start() - 25) : m.start()])
        money = m.group(0).strip().rstrip(",")
        if money.endswith("+") and not qualifier:
            qualifier, bound = "or more", "low"
        lo, hi = (v, None) if bound == "low" else (None, v) if bound == "high" else (v, v)
        value = f"{qualifier} {money}" if qualifier and qualifier != "or more" else money
        fig_kind, facts = reading(m)
        out.append(
            Figure(
                fig_kind, subject, value, lo, hi, chunk, ln.line, period=period, qualifier=qualifier, **facts
            )
        )
    return out


def _percent_figures(ln: _Line, chunk: Chunk, role: str) -> list[Figure]:
    text = ln.text.lower()
    label = ln.label
    m = PERCENT_RANGE_RE.search(ln.text)
    one = None if m else _PCT_ONE.search(ln.text)
    common = dict(unit="%", role=role, year=ln.year, region=ln.region)
    if not m and not one:
        if label and re.search(r"align with (the )?national average", text):
            return [Figure("regional_premium", label, "national average", 0.0, 0.0, chunk, ln.line,
                           place=label, place_kind="city", **common)]  # fmt: skip
        return []
    low, high = (float(m.group(1)), float(m.group(2))) if m else (float(one.group(1)),) * 2
    value = m.group(0) if m else one.group(0)
    if "national average" in text and label:
        kind, subject = "regional_premium", label
        if "below" in text or "lower" in text:
            low, high = -high, -low
        place, place_kind = place_of(label, regional=True) or (label, "city")
        return [Figure(kind, subject, value, low, high, chunk, ln.line, place=place, place_kind=place_kind,
                       **common)]  # fmt: skip
    if "bonus" in text:
        kind, subject = "bonus", "annual bonus (of base salary)"
    elif "of total compensation" in text:
        kind, subject = "base_share", "base salary (of total compensation)"
    elif re.search(r"more than|higher than|less than", text):
        kind, subject = "pay_comparison", (label or ln.text.strip("- ")[:60])
    else:
        return []
    return [Figure(kind, subject, value, low, high, chunk, ln.line, **common)]


def _year_figures(ln: _Line, chunk: Chunk, role: str) -> list[Figure]:
    out = []
    line = ln.text
    for m in YEARS_RE.finditer(line):
        after = line[m.end() : m.end() + 40].lower()
        if "experience" not in line.lower() and "leadership" not in after:
            continue
        low = float(m.group(1))
        high = float(m.group(2)) if m.group(2) else None if "+" in m.group(0) else low
        kind = "leadership_experience" if "leadership" in after else "experience"
        if kind == "experience" and not _REQUIREMENT_WORDS.search(line):
            continue  # "5-10 years of experience can increase earning potential" is no requirement
        level = normalize_level(ln.label) if ln.label else ln.section_level[1]
        out.append(Figure(kind, chunk.title, m.group(0).strip(), low, high, chunk, ln.line, unit="years",
                          role=role, level=level))  # fmt: skip
    return out


def _employment(ln: _Line, chunk: Chunk, role: str) -> list[Figure]:
    if not re.search(r"^(employment|number of jobs|jobs|workers employed)\b", ln.label, re.I):
        return []
    m = re.search(r"\b(\d{1,3}(?:,\d{3})+|\d{4,})\b", ln.rest)
    if not m:
        return []
    n = float(m.group(1).replace(",", ""))
    _, level, place, place_kind = ln.subject_level_place(chunk, role)
    return [Figure("employment", ln.label, ln.rest.strip(), n, n, chunk, ln.line, role=role, year=ln.year,
                   place=place, place_kind=place_kind)]  # fmt: skip


def _qualitative(ln: _Line, chunk: Chunk, role: str) -> list[Figure]:
    line = ln.line
    # the sentence as read (bullet marker and Markdown marks gone), cited by its line as written
    text = BULLET.sub("", ln.text).strip()
    name = ln.label or text[:80]
    if DEGREE.search(text) and re.search(r"educat|degree|requir", ln.path + text, re.I):
        return [Figure("degree", name, text, None, None, chunk, line, role=role)]
    if _CERT.search(text) and ln.label:
        return [Figure("certification", name, text, None, None, chunk, line, role=role)]
    if ln.label and _SKILL_SECTION.search(ln.path) and BULLET.match(ln.text):
        return [Figure("skill", name, text, None, None, chunk, line, role=role)]
    return []


def _oews_figures(chunk: Chunk, role: str, heading: re.Match[str]) -> list[Figure]:
    kind = PLACE_KIND[heading.group("kind")]
    place = None if kind == "national" else heading.group("place")
    out = []
    for line in chunk.text.splitlines():
        for d in parse_line(line):
            out.append(Figure(chunk=chunk, line=line, year=heading.group("year"), role=role, place=place,
                              place_kind=kind, region="US", **d))  # fmt: skip
    return out


def figures_in(chunk: Chunk, *, role: str = "") -> list[Figure]:
    """Every figure one passage states, in line order."""
    role = role or chunk.title
    heading = oews_section(chunk.section)
    if heading:
        return _oews_figures(chunk, role, heading)
    out: list[Figure] = []
    for line, read in read_tables(chunk.text):
        if not line.strip():
            continue
        # a paragraph is read sentence by sentence: "The median was $62,580. The lowest 10 percent
        # earned less than $47,120" holds a median and a percentile, not two medians
        pieces = [read] if _LABEL.match(read) else split_sentences(read) or [read]
        for piece in pieces:
            ln = _Line(line, chunk, text=piece if piece != line else None)
            found = (
                _pay_figures(ln, chunk, role)
                + _percent_figures(ln, chunk, role)
                + _year_figures(ln, chunk, role)
                + _employment(ln, chunk, role)
            )
            out.extend(found or _qualitative(ln, chunk, role))
    return out


def corpus_figures(chunks: list[Chunk], *, roles_by_source: Mapping[str, str] | None = None) -> list[Figure]:
    """The figures of every chunk; ``roles_by_source`` (the index's role catalog) names each role."""
    roles = roles_by_source or {}
    return [f for c in chunks for f in figures_in(c, role=roles.get(c.source, ""))]


def roles_by_source(manifest: Mapping) -> dict[str, str]:
    """source -> role from an index manifest (``files.<source>.role``, else its title)."""
    files = manifest.get("files", {}) or {}
    return {src: str(meta.get("role") or meta.get("title") or "") for src, meta in files.items() if meta}
