"""Figures as documents write them: money, percentages, ranges, periods, years, and the parts of pay."""

from __future__ import annotations

import re

from assistant.indexing.text import extract_numbers

# -- money, percentages, ranges, years ----------------------------------------------------------
MONEY = r"\$\s?\d[\d,]*(?:\.\d+)?\s?(?:[kK]\b|[mM]\b|million\b|thousand\b)?\+?"
MONEY_RE = re.compile(MONEY)
MONEY_RANGE_RE = re.compile(rf"({MONEY})\s*(?:-|–|—|to|and)\s*({MONEY}|\d[\d,]*(?:\.\d+)?\s?[kK]?\b\+?)")
PERCENT_RANGE_RE = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%?\s*(?:-|–|—|to)\s*(\d{1,3}(?:\.\d+)?)\s*%")
YEARS_RE = re.compile(r"\b(\d{1,2})\s*(?:(?:-|–|to)\s*(\d{1,2})|\+)?\s*\+?\s*years?\b", re.I)
YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
MONTHS = "January February March April May June July August September October November December".split()
# a month as written: "September", "Sept.", "sep"; "may" only before a year, where it is no verb
MONTH_RE = re.compile(
    r"\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may(?=\s+(?:\d{1,2},\s*)?(?:19|20)\d\d)|june?|july?|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?",
    re.I,
)


def months_named(text: str) -> set[str]:
    """The months a text names, by their first three letters: "starting sept 2025" -> {"sep"}."""
    return {m.group(1)[:3].lower() for m in MONTH_RE.finditer(text or "")}


PERIODS = {
    "hour": r"per hour|an hour|/hr|/hour|hourly",
    "year": r"per year|a year|/yr|/year|annual\w*|yearly|per annum",
    "month": r"per month|a month|/mo|monthly",
}


def parse_money(text: str) -> float:
    """``$150,000`` -> 150000.0; ``$150k`` -> 150000.0; ``$1.2M`` -> 1200000.0.

    >>> parse_money("$150k"), parse_money("$97,550"), parse_money("$1.2 million")
    (150000.0, 97550.0, 1200000.0)
    """
    t = text.strip().rstrip("+").strip().lower()
    v = float(re.sub(r"[^\d.]", "", t) or 0)
    if t.endswith("k") or t.endswith("thousand"):
        v *= 1000
    elif t.endswith("m") or t.endswith("million"):
        v *= 1_000_000
    return v


_RANGE = re.compile(r"(\$?\s?\d[\d,.]*\s?[kK]?%?)\s*(?:-|–|to)\s*(\$?\s?\d[\d,.]*\s?[kK]?\+?%?)")


def ranges(text: str) -> list[tuple[float, float]]:
    """(low, high) of every range a text states: ``$100,000 to $160,000``, ``5-15%``.

    >>> ranges("Seattle: 5-15% above; Senior: $160,000 - $200,000")
    [(5.0, 15.0), (160000.0, 200000.0)]
    """
    out = []
    for m in _RANGE.finditer(text or ""):
        a, b = extract_numbers(m.group(1)), extract_numbers(m.group(2))
        if a and b:
            out.append((a[0], b[0]))
    return out


# "90th percentile", "the highest 10 percent", "Lowest 10%": a point of a wage distribution
_STATED_PERCENTILE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)[- ]percentile"
    r"|\b(?:(lowest|bottom)|(highest|top))[- ](\d{1,2})\s*(?:percent\b|%)",
    re.I,
)


def stated_percentiles(text: str) -> list[int]:
    """The percentiles a text states, in order: "top 10 percent" is the 90th.

    >>> stated_percentiles("The lowest 10 percent earned less than $36,000, the highest 10 percent more")
    [10, 90]
    >>> stated_percentiles("75th percentile: $61,000"), stated_percentiles("grew 10 percent")
    ([75], [])
    """
    out = []
    for m in _STATED_PERCENTILE.finditer(text):
        n = int(m.group(1) or m.group(4))
        out.append(100 - n if m.group(3) else n)
    return out


_NUMBER_WORDS = {
    w: i for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), 1)
}
_SPAN = re.compile(rf"\b(\d{{1,2}}|{'|'.join(_NUMBER_WORDS)})\s*\+?\s*(?:years?|yrs?)\b", re.I)


def year_spans(text: str) -> set[int]:
    """The numbers of years a text names, in figures or words: "after five years", "5 yrs in".

    >>> sorted(year_spans("after five years most earn $27.60; 10+ yrs more")), year_spans("in 2025")
    ([5, 10], set())
    """
    return {int(n) if n.isdigit() else _NUMBER_WORDS[n.lower()] for n in _SPAN.findall(text)}


def period_of(text: str) -> str | None:
    """``per hour`` -> ``hour``; ``annual`` -> ``year``; nothing said -> None."""
    for period, p in PERIODS.items():
        if re.search(p, text or "", re.I):
            return period
    return None


def money(v: float) -> str:
    """A figure as people write it: whole dollars, thousands separated, cents only for hourly pay.

    >>> money(168000.4), money(23.5)
    ('$168,000', '$23.50')
    """
    return f"${v:,.2f}" if v < 1000 and v != int(v) else f"${v:,.0f}"


# a move from one level to the next ("moved up to lead", "a jump in pay", "promoted to")
STEP_UP = re.compile(
    r"\b(?:jump|bump|raise|increase|difference|step up|move[ds]? up|moving up|promot\w*|going from)\b", re.I
)
# a share of the pay asked about ("what share of the package is base pay?"), and the whole of it
ASKS_SHARE = re.compile(r"\b(share|percent(age)?|portion|proportion|fraction|how much of)\b|%", re.I)
ASKS_TOTAL = re.compile(r"\btotal\b|all in|altogether|whole package", re.I)


# a part of pay asked about by name ("the bonus for a senior engineer"): its line answers whatever the level
PAY_PART = re.compile(r"\b(?:bonus(?:es)?|stock|equity|rsus?)\b", re.I)


# ways of working a pay question may ask about, and the words a pay line would use for them (an
# employment "contract" one signs is no contract work)
WORK_ARRANGEMENTS: dict[str, str] = {
    "remote work": r"\b(?:remote(?:ly)?|work(?:ing)? from home|wfh|telework\w*)\b",
    "part-time work": r"\bpart[- ]time\b",
    "contract or freelance work": r"\b(?:contractors?|on (?:a )?contract|freelanc\w*|1099|"
    r"contract (?:[\w-]+ ){0,3}?(?:engineers?|developers?|leads?|hires?|workers?|staff|roles?|positions?|"
    r"jobs?|work|basis|rates?))\b",
}


def work_arrangement(text: str) -> str | None:
    """The way of working a question names ("fully remote" -> "remote work"), if any.

    >>> work_arrangement("do fully remote jobs pay less?"), work_arrangement("I'm signing the contract")
    ('remote work', None)
    """
    for name, rx in WORK_ARRANGEMENTS.items():
        if re.search(rx, text or "", re.I):
            return name
    return None


# pay per hour or per month asked of documents that may give yearly pay ("I start in a month" asks no
# monthly pay)
ASKS_HOURLY = re.compile(r"\b(hourly|per hour|an hour|by the hour|hour rate)\b", re.I)
ASKS_MONTHLY = re.compile(
    r"\b(?:monthly|per month|weekly|per week|paycheck|"
    r"(?:make|makes|earn|earns|get|gets|paid|salary|pay|take home)\b[^?.]{0,30}?\ba (?:month|week))\b",
    re.I,
)

# "are salaries going up?", "what will pay look like in 2027?": where pay itself is heading; not
# "do growing startups pay more?", "does salary increase with experience?" (a factor of pay)
PAY_TREND = re.compile(
    r"\b(?:pay|salar\w*|compensation|wages?)\b[^?.]{0,25}?\b(?:going up|go up|goes up|rising|rise|"
    r"grow(?:ing)?|trend\w*|outlook|forecast|future)\b(?![^?.]{0,25}\b(?:with|if|when|after|once)\b)|"
    r"\b(?:trend\w*|outlook|forecast|future)\b[^?.]{0,25}?\b(?:pay|salar\w*|compensation|wages?)\b|"
    r"\bwill\b[^?]{0,40}\b(?:pay|salar\w*|compensation)\b[^?]{0,30}\blook like\b|"
    r"\b(?:pay|salar\w*|compensation)\b[^?]{0,40}\b(?:next year|coming years|next few years)\b",
    re.I,
)
# a source the question names, not a question about trends: "according to industry trends"
INDUSTRY_TRENDS = re.compile(
    r"\b(?:according to|per|by) (?:the )?industry trends?\b|\bindustry trends\b", re.I
)
# the words of a line that says where something is heading
TREND_WORDS = re.compile(
    r"\b(?:likely|expected|projected|future|growth|grow\w*|continu\w*|remain\w*|trends?|increas\w*|rising)\b",
    re.I,
)
PAY_WORDS = re.compile(r"\b(?:salar\w*|pay|compensation|wages?|earnings?)\b", re.I)
# what years of experience do to pay: "5-10 years of experience can significantly increase earning
# potential"
EARNS_MORE = re.compile(r"\b(?:increase|raise|boost|earning|higher|more)\b", re.I)

# a count of things in a question is no figure a line could give: "~15 papers", "3 kids" (not "15
# years", "15%", "300000 dollars", "200 grand", "10 YOE")
COUNT_OF_THINGS = re.compile(
    r"(?<![$\d.,])\b\d+\s+(?!(?:years?|yrs?|yoe|months?|percent|%|k|thousand|million|grand|dollars?|usd|bucks|"
    r"hours?|an? |per\b)\b)[a-z]",
    re.I,
)


def figures_asked(text: str) -> str:
    """The question as its figures read: "300 thousand" is 300k, and a count of things ("~15 papers")
    is no figure."""
    return COUNT_OF_THINGS.sub(" ", re.sub(r"(\d+)\s*thousand", r"\1k", text or "", flags=re.I))


def asked_figures(text: str) -> list[float]:
    """The figures a question names ("over 300 thousand?", "with 3 years"), not its counts.

    >>> asked_figures("over 300 Thousand? I wrote 15 papers")
    [300000.0]
    """
    return extract_numbers(figures_asked(text))


# "do they make six figures?": at least $100,000 a year
SIX_FIGURES = re.compile(r"\bsix[- ]figures?\b", re.I)


# money a worker spends, not earns: "the starter tool list costs roughly $1,500", "Estimated tuition"
COST = re.compile(
    r"\b(?:costs?|costing|tuition|fees?|prices?|priced|budget|loans?|debt|deposits?|expenses?)\b", re.I
)
# the words that make a figure pay: a label's or a sentence's ("Median annual wage", "earns"), and its
# statistics ("Mean", "Average"); each reader adds the few words its kind of line needs
PAY_STEMS = r"salar|pay|wage|earn|compensation|income|median|mean|average|percentile"
# money earned, said beside a cost word: "$38,000 plus tuition reimbursement" is pay, "costs $1,500" not
EARNING = re.compile(
    r"salar|\bpa(?:y|id)|wage|earn|compensation|income|median|percentile|bonus|hourly|stipend|take-home|"
    r"commission|revenue",
    re.I,
)
