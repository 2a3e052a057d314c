"""How well a pay line answers a figure question: its level, place, label and kind of figure."""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from assistant.answering.lines import Line, tokens_of
from assistant.answering.plan import Scope, specific_tokens
from assistant.indexing.text import tokenize
from assistant.understanding import vocabulary as vocab
from assistant.understanding.analysis import Query


def _pay_score(line: Line, query: Query, scope: Scope) -> float | None:
    """How well a pay line answers a figure question for the query's level and place (None: it does not)."""
    if not line.is_pay:
        return None
    score = 0.0
    levels = line.levels
    own = scope.role_level
    if vocab.grades(query.text) & line.grades:
        levels = set()  # "engineer I": the grade asked names the step, whatever level its page calls it
    if query.level:
        if query.level in levels:
            score += 4
        elif levels - {own}:
            return None  # another level's figure answers another question
        elif levels:
            score -= 1  # the role's own level when another was asked: a fallback only
    elif levels and (levels - {own}):
        # "Entry level (10th percentile)": a percentile's career-stage name is no level asked about
        if not (_PERCENTILE.search(line.text) and asks_percentile(query.text)):
            return None if not line.is_premium else score
    under = line.section_grades
    if asked := vocab.grades(query.text):
        # "a CSM II": the pay band under "### CSM II", not another grade's
        stated = line.grades
        if stated & asked:
            score += 5 if under & asked else 3  # its own section's grade, over one said in passing
        elif stated:
            return None
    elif under:
        score -= 2.0  # no grade asked: a figure for every grade over one grade's
    place = line.place_label()
    if query.place:
        if line.names_place(query.place):
            score += 5
        elif place:
            return None
    elif place or line.is_premium or line.place_parts:
        return None  # (a line of several places' figures is no figure of the nation's)
    label = (line.label or "").lower()
    q = re.sub(r"\bnot (the )?\w+", " ", query.text.lower())
    if "median" in label or "median" in line.text.lower():
        score += 1.2 if "median" in q or not re.search(r"range|average|mean", q) else 0.4
    if query.national and not query.place and vocab.names_nation(f"{label} {line.text}"):
        score += (
            2.0  # "the median for sysadmins nationally": "U.S. overall: median $99,130", not a firm's own
        )
    # the question's own words (not its role's, its level's or its pay words), and of them the ones
    # that qualify what is asked ("freelance"), not the kind of figure ("median") or a comparison
    specific = specific_tokens(query, scope) - _PAY_TOKENS
    qualifiers = specific - _ANSWER_WORDS - _KIND_WORDS - _COMPARING
    if (
        not query.place
        and not place
        and _SOMEWHERE.search(line.text)
        and not qualifiers & set(tokenize(line.text))
    ):
        # "Metro median is $119,430": some place's figure, its name said elsewhere (not "freelance
        # interpreters in my area charge ..." for "what about freelance rates")
        score -= 1.0
    if re.search(r"salary range|range|salaries", label + " " + line.text.lower()):
        score += 1.0 if re.search(r"range|salar|earn|make|pay", q) else 0.5
    if re.search(r"average|mean", label):
        score += 1.0 if re.search(r"average|mean|typical", q) else 0.3
    if re.search(r"total|bonus|stock|equity|rsu", label + " " + line.text.lower()):
        score += 1.5 if re.search(r"total|bonus|stock|equity|rsu|above|exceed|over", q) else -0.8
        part = vocab.PAY_PART.search(q)
        # "equity" is the documents' "stock options": the part's words with their synonyms
        names_part = part and set(tokenize(part.group(0), expand=True)) & tokens_of(f"{label} {line.text}")
        if names_part and query.level and not levels:
            score += 5  # "the bonus for a senior engineer": the bonus the documents give for every level
        if "total" in label and vocab.ASKS_TOTAL.search(q):
            score += 1.5  # "total comp once you add bonus and equity": the total, not one of its parts
    stated = vocab.stated_percentiles(f"{label} {line.text}")
    if stated:
        score += 1.5 if re.search(r"percentile|top|bottom|highest|lowest", q) else -0.6
        wanted = asked_percentile(query.text)
        if wanted is not None:
            score += 3.0 if wanted in stated else -1.0
    if re.search(r"hour", label + " " + line.text.lower()):
        score += 1.0 if re.search(r"hour", q) else -0.4
    rank = scope.rank(line.chunk)
    if rank is not None:
        score += 0.6 / rank
    if line.is_bullet:
        score += 0.2
    if line.label:
        score += 0.5  # a labelled figure ("Salary Range: ...") is the document's own headline
        # a narrower kind than asked ("Associate Product Manager" for "a product manager")
        if _qualifiers(line, scope) - _YEARS - tokens_of(query.text) and not line.place_label():
            score -= 1.0
        # the question's own words in the label: "annual bonus" -> "Annual Bonus: ..."
        shared = set(tokenize(query.text)) & set(tokenize(line.label)) - set(tokenize(scope.role or ""))
        score += 1.0 * len(shared - _PAY_TOKENS)
    if line.has_percent and not line.has_money and not line.is_premium:
        # a share of pay answers only a question about that share
        score += 0 if re.search(r"bonus|share|percent|%|portion|base", query.text, re.I) else -2.5
        if vocab.ASKS_SHARE.search(query.text):
            score += 2.0  # "what share of the package is base pay?": the line that gives the share
    if line.chunk.section and re.search(vocab.ASPECT_SECTIONS["pay"], line.chunk.section[0], re.I):
        score += 0.5  # a section of its own about pay, not a remark inside "Industry Trends"
    # "by experience level" -> the "Salary by Experience Level" table
    heading = set(tokenize(line.chunk.section[-1])) if line.chunk.section else set()
    score += 0.7 * len(specific & heading)
    qualifiers -= set(tokenize(" ".join([query.place or "", *query.places])))  # the place is scored above
    qualifiers = {t for t in qualifiers if not t[:1].isdigit()}  # "100k-160k": a figure asked about
    if not line.label and not _compares(query.text):
        # "what about freelance rates": "onsite freelance medical interpreters ... charge $45-$70/hour"
        # (not in a comparison, whose other side's words are no qualifier of this one)
        score += 0.7 * len((qualifiers - heading) & set(tokenize(line.text)))
    if line.is_premium and _ASKS_PREMIUM.search(query.text):
        score += 3
    if asked_years := set(vocab.YEAR_RE.findall(query.text)):
        # "starting sept 2025": the rate effective September 1, 2025, not the 2024 or 2026 step
        said = set(vocab.YEAR_RE.findall(line.text))
        if said & asked_years:
            score += 2.0 + (1.0 if _same_month(query.text, line.text) else 0.0)
        elif said and _EFFECTIVE.search(line.text):
            score -= 0.5
    if (spans := vocab.year_spans(query.text)) and spans & vocab.year_spans(line.text):
        score += 3.0  # "after 5 yrs on the job" -> "after five years, operators are at about $31.20"
    if _CONTEXT.match(line.text) and not re.search(r"national|median|average|typical|compar", q):
        score -= 2.0  # "For reference, the national median ...": beside the document's own figure
    return score


# a figure of some place the line does not name: "Metro median is $119,430", "around here it's $22/hr"
_SOMEWHERE = re.compile(
    r"\b(?:metro|local(?:ly)?|around here|in my (?:area|city|state|region)|our (?:area|city|region|state))\b",
    re.I,
)
_EFFECTIVE = re.compile(r"\b(?:effective|as of|starting|beginning|from)\b", re.I)


@lru_cache(maxsize=256)
def _compares(question: str) -> bool:
    return vocab.answer_type(question, ["pay"]) == vocab.COMPARISON


def _same_month(question: str, text: str) -> bool:
    """Do a question and a line name the same month ("sept 2025", "September 1, 2025")?"""
    return bool(vocab.months_named(question) & vocab.months_named(text))


_CONTEXT = re.compile(r"(?:for|by|in) (?:reference|comparison|context)\b", re.I)


_PERCENTILE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)? percentile", re.I)
_MIDDLE_HALF = re.compile(r"\bmiddle (?:half|50\s*(?:%|percent))|interquartile|\b25th\b.*\b75th\b", re.I)


def asks_percentile(question: str) -> bool:
    """Does the question ask for a percentile or a spread of pay ("top 10%", "the middle half")?"""
    return asked_percentile(question) is not None or bool(
        _MIDDLE_HALF.search(question) or re.search(r"percentile|top earners|lowest[- ]paid", question, re.I)
    )


def asked_percentile(question: str) -> int | None:
    """The percentile a question asks for: "top 10%" is the 90th, "bottom 25%" the 25th.

    >>> asked_percentile("What do the top 10% of electricians earn?"), asked_percentile("90th percentile pay")
    (90, 90)
    >>> asked_percentile("the lowest-paid 10 percent"), asked_percentile("median pay") is None
    (10, True)
    """
    q = question.lower()
    if _MIDDLE_HALF.search(q):
        return 50  # its median, then the 25th and 75th around it
    if m := re.search(r"\b(\d{1,2})(?:st|nd|rd|th)? percentile", q):
        return int(m.group(1))
    if m := re.search(r"\b(top|highest[- ]paid|best[- ]paid|upper)\s+(\d{1,2})\s*(%|percent)", q):
        return 100 - int(m.group(2))
    if m := re.search(r"\b(bottom|lowest[- ]paid|lowest|lower)\s+(\d{1,2})\s*(%|percent)", q):
        return int(m.group(2))
    return None


_PAY_TOKENS = set(tokenize("pay salary salaries earn wage compensation income"))
_COMPARING = set(tokenize("vs versus higher lower more less better worse compared"))
# words that say what kind of figure is wanted, which the scoring already weighs
_ANSWER_WORDS = set(
    tokenize(
        "much many big typical typically average mean median range normal usual good high low total "
        "annual annually year yearly month monthly hour hourly per get gets make makes paid take home "
        "above over exceed below under more less higher lower top bottom highest lowest best worst "
        "percentile percentiles earners middle half compared compare comparison versus vs than"
    )
)


# words that say which figure a label is, not what it is about
_YEARS = set(tokenize("year years"))
_KIND_WORDS = set(
    tokenize(
        "base national nationwide overall estimate estimated range picture snapshot overview summary "
        "figure figures data statistics stats official government federal bls oews"
    )
)

_NOT_QUALIFIERS = vocab.LEVEL_TOKENS | _PAY_TOKENS | _ANSWER_WORDS | _KIND_WORDS


_ASKS_PREMIUM = re.compile(
    r"how much more|premium|more in|higher in|less in|lower in|above|below|compared", re.I
)
# words that only say which kind of answer is wanted; the rest of a question says what it is about


def _money_lines_instead(lines: list[Line], query: Query, scope: Scope, keep, **instead):
    """Scored figures (no premiums) that ``keep`` accepts, for the query with ``instead`` in place
    of what it asked: another place (the state, or None for national), another level."""
    other = dataclasses.replace(query, **instead)
    return [
        (s, ln)
        for ln in lines
        if keep(ln) and not ln.is_premium and (s := _pay_score(ln, other, scope)) is not None
    ]


def _qualifiers(line: Line, scope: Scope) -> set[str]:
    """What a pay label says besides the role, its level and the kind of figure: "Associate" in
    "Associate Product Manager", "Specialty ICU OR" in "Senior Specialty RN (ICU, OR)"."""
    # scored for every pay line of a role (7,000 of them in the OEWS import): the role's words once
    own = tokens_of(" ".join((scope.role or "", *scope.aliases))) | _NOT_QUALIFIERS
    return {t for t in tokens_of(line.label or "") - own if not any(c.isdigit() for c in t)}
