"""Plans for years of experience: the requirement, leadership years, what the asker's years do to pay."""

from __future__ import annotations

import re

from assistant.answering import phrasing
from assistant.answering.lines import tokens_of
from assistant.answering.plan import Plan, Planned, Scope, _all_lines, _best, specific_tokens
from assistant.indexing.text import tokenize
from assistant.understanding import vocabulary as vocab
from assistant.understanding.analysis import Query


def years_factor(query: Query, scope: Scope, plan: Plan) -> None:
    """A pay question telling the asker's years of experience also gets what the documents say years
    do to pay ("5-10 years of experience can significantly increase earning potential")."""
    if not vocab.HAS_YEARS.search(query.text) or vocab.YEAR_RE.search(query.text):
        return
    found = [
        ln
        for ln in _all_lines(scope)
        if not ln.has_money and vocab.YEARS_RE.search(ln.text) and vocab.EARNS_MORE.search(ln.text)
    ]
    if found:
        plan.add(Planned(phrasing.line_sentence(found[0]), (found[0],)))


_LEADERSHIP = re.compile(
    r"^\s*(?:of\s+)?(?:experience\s+)?in a (leadership|lead|senior technical|management)", re.I
)


def general_years(text: str) -> list[str]:
    """Years-of-experience figures of a line, without those about a leadership role.

    >>> general_years("Minimum of 5-7 years of experience, with at least 2-3 years in a leadership role.")
    ['5-7 years']
    """
    return [
        m.group(0)
        for m in vocab.YEARS_RE.finditer(text)
        if not _LEADERSHIP.match(text[m.end() : m.end() + 40])
    ]


def leadership_years(text: str) -> list[str]:
    return [
        m.group(0) for m in vocab.YEARS_RE.finditer(text) if _LEADERSHIP.match(text[m.end() : m.end() + 40])
    ]


_YEAR_WORDS = set(tokenize(vocab.YEAR_WORDS))
_REQUIREMENT = re.compile(r"requir|minimum|necessary|at least|typically|need|expected", re.I)


# the asker's years are years of leading: "2 years as a tech lead", "3 of them managing a team"
_OF_LEADING = re.compile(
    r"^(?:\w+\s+){0,3}?(?:as (?:a |the )?(?:tech |team )?lead|leading|managing|in (?:a )?lead)", re.I
)


def _minimum(years: str) -> int:
    """ "5-7 years" -> 5; "7+ years" -> 7."""
    m = re.search(r"\d{1,2}", years)
    return int(m.group(0)) if m else 0


def plan_years(query: Query, scope: Scope, plan: Plan) -> bool:
    """Years of experience: the requirement line first, and every other figure the documents give."""
    # years of leading, not the lead role applied for ("is 3 yrs enough to apply for lead roles?")
    wants_leadership = bool(vocab.LEADERSHIP_ASKED.search(query.text))
    years_in = leadership_years if wants_leadership else general_years
    # the question's own words ("does senior technical experience count?") pick among the year lines
    own = specific_tokens(query, scope) - _YEAR_WORDS
    scored = []
    for ln in _all_lines(scope):
        if not years_in(ln.text) or not re.search(r"experience|leadership|role", ln.text, re.I):
            continue
        s = 1.0
        if _REQUIREMENT.search(ln.text):
            s += 1
        if re.search(r"increase|earning|salary|pay", ln.text, re.I):
            s -= 2  # "5-10 years of experience can increase earning potential" is not a requirement
        if re.search(r"requirement|qualification|experience", ln.chunk.section_path, re.I):
            s += 0.5
        rank = scope.rank(ln.chunk)
        s += 0.5 / rank if rank else 0
        s += 0.5 * len(own & tokens_of(ln.text))
        scored.append((s, ln))
    scored = [t for t in _best(scored) if t[0] > 0]
    if not scored:
        return False
    first = scored[0][1]
    sentence = phrasing.line_sentence(first)
    asked = vocab.ASKERS_YEARS.search(query.text)
    low = re.match(r"(\d{1,2})", years_in(first.text)[0])
    values, seen = [first], {years_in(first.text)[0]}
    for _, ln in scored[1:]:
        y = years_in(ln.text)[0]
        if y not in seen:
            seen.add(y)
            values.append(ln)
    if query.answer_type == vocab.YESNO and asked and low and _REQUIREMENT.search(first.text):
        # "Is 3 years of experience enough?", "can I become a lead with 3 years?": the documents'
        # requirements answer it (not "5-10 years can increase earning potential"): "Yes" only when the
        # years meet every minimum the documents state, "No" when they meet none; in between the
        # figures and their disagreement are given without a verdict
        has = int(asked.group(1) or asked.group(2))
        said = " ".join(query.text[asked.end() : asked.end() + 40].split())
        if not wants_leadership or _OF_LEADING.search(said):  # "2 years as a tech lead", not total years
            lows = [_minimum(years_in(v.text)[0]) for v in values]
            verdict = "yes" if has >= max(lows) else "no" if has < min(lows) else None
            if verdict:
                sentence = phrasing.render(f"verdict_{verdict}", sentence=sentence)
    plan.add(Planned(sentence, (first,)))
    if len(values) > 1:
        what = "years in a leadership role" if wants_leadership else "years of experience required"
        shown = values[:3]
        stated = tuple(years_in(v.text)[0] for v in shown)
        text = phrasing.render("conflict", what=what, values=phrasing.join(list(stated)))
        plan.add(Planned(text, tuple(shown), kind="conflict", values=stated))
    return True
