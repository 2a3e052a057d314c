"""Pay lines said in the documents' words: a remark on what the question names, the trend, a part's share."""

from __future__ import annotations

import re

from assistant.answering import phrasing
from assistant.answering.lines import Line, tokens_of
from assistant.answering.plan import Plan, Planned, Scope, _all_lines, _best, specific_tokens
from assistant.answering.plan_pay_score import _ANSWER_WORDS, _PAY_TOKENS
from assistant.indexing.text import tokenize
from assistant.understanding import vocabulary as vocab
from assistant.understanding.analysis import Query

_NUMBER = re.compile(r"\d")
_PAY_TEXT = r"\b(earn\w*|salar\w*|pay|paid|compensation|wages?)\b"
_PAY_HEADING = rf"\b(?:{vocab.ASPECT_SECTIONS['pay']})"


def pay_remark(
    query: Query,
    scope: Scope,
    lines: list[Line],
    *,
    also: frozenset[str] = frozenset(),
    any_level: bool = False,
) -> Line | None:
    """A pay line about the particular thing a question names besides the pay itself: "than software
    leads" -> "AI Lead Engineers often earn 10-20% more than traditional software Lead Engineers".

    Only for questions without a level or place (those have their own figures), and only a line
    with no level of its own, in a section about pay (or with a number and pay words), that has
    every such word of the question the role's passages have anywhere.
    """
    if query.level or query.place or query.foreign:
        return None
    allowed = {scope.role_level, *vocab.find_levels(query.text)}  # "a staff pharmacist": its level line
    words = {w for w in specific_tokens(query, scope) - _PAY_TOKENS - _ANSWER_WORDS if not _NUMBER.search(w)}
    words |= also
    seen = set().union(*(tokens_of(ln.text) for ln in lines)) if lines else set()
    words &= seen
    if not words:
        return None
    found = [
        ln
        for ln in lines
        if (any_level or not (ln.levels - allowed))  # another level's figure is the level logic's
        and not ln.text.endswith(":")
        and not re.match(r"(?:data )?sources?$|notes?$", ln.label or "", re.I)  # where figures come from
        and words <= tokens_of(ln.text) | tokens_of(ln.label or "")
        and (
            # its own heading is about pay ("Factors Influencing Salary"; not "Continuous Learning")
            re.search(_PAY_HEADING, ln.chunk.section[-1] if ln.chunk.section else "", re.I)
            or ((ln.has_money or ln.has_percent) and re.search(_PAY_TEXT, ln.text, re.I))
        )
    ]
    if not found:
        return None
    # a line labelled with the thing ("Specialization: ... premium salaries") before one using the word
    return min(
        found,
        key=lambda ln: (
            not (words & tokens_of(ln.label or "")),
            scope.rank(ln.chunk) or 99,
            ln.chunk.start_line,
            ln.index,
        ),
    )


def plan_pay_trend(query: Query, scope: Scope, plan: Plan) -> bool:
    """ "Are salaries going up?": the lines that say where pay is heading ("salaries are likely to remain
    strong, with potential for further growth"), before any figure."""
    if "pay" not in query.aspects or not vocab.PAY_TREND.search(
        vocab.INDUSTRY_TRENDS.sub(" ", vocab.asked_part(query.text))
    ):
        return False
    if query.answer_type == vocab.LIST or vocab.asks_years(query.text):
        return (
            False  # "what makes the salary go up?" asks for the factors, "how many years before..." for years
        )
    scored = []
    for ln in _all_lines(scope):
        heading = ln.chunk.section[-1] if ln.chunk.section else ""
        if ln.has_money or not vocab.PAY_WORDS.search(f"{heading} {ln.text}"):
            continue
        trend = len(vocab.TREND_WORDS.findall(ln.text)) + 2 * bool(vocab.TREND_WORDS.search(heading))
        if not trend or not vocab.PAY_WORDS.search(ln.text) and not vocab.PAY_WORDS.search(heading):
            continue
        rank = scope.rank(ln.chunk)
        scored.append((trend + (0.5 / rank if rank else 0.0), ln))
    best = _best(scored)[:2]
    for _, ln in best:
        plan.add(Planned(phrasing.line_sentence(ln), (ln,)))
    return bool(best)


def plan_part_share(query: Query, scope: Scope, plan: Plan) -> bool:
    """ "How much of the package is equity?": the line the documents give for that part of pay, in
    their words, though it has no figure ("Stock Options/RSUs: May constitute a significant portion")."""
    part = vocab.PAY_PART.search(query.text)
    if part is None or not vocab.ASKS_SHARE.search(query.text):
        return False
    names = set(tokenize(part.group(0), expand=True))
    found = [ln for ln in _all_lines(scope) if ln.label and names & set(tokenize(ln.label, expand=True))]
    if found and not found[0].has_money and not found[0].numbers:
        plan.add(Planned(phrasing.line_sentence(found[0]), (found[0],)))
        return True
    return False
