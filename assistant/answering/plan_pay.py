"""Plans for figure questions: pay for the role, level and place asked, and years of experience."""

from __future__ import annotations

import dataclasses
import re

from assistant.answering import phrasing
from assistant.answering.lines import Line, lines_of, tokens_of
from assistant.answering.plan import (
    _LEVEL_TOKENS,
    ASKS_MORE,
    Plan,
    Planned,
    Scope,
    _all_lines,
    _best,
    specific_tokens,
)
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
    place = line.place_label()
    if query.place:
        if line.names_place(query.place):
            score += 5
        elif place:
            return None
    elif place or line.is_premium:
        return None
    label = (line.label or "").lower()
    q = re.sub(r"\bnot (the )?\w+", " ", query.text.lower())
    if "median" in label or "median" in line.text.lower():
        score += 1.2 if "median" in q or not re.search(r"range|average|mean", q) else 0.4
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
    if re.search(r"percentile", label + " " + line.text.lower()):
        score += 1.5 if re.search(r"percentile|top|bottom|highest|lowest", q) else -0.6
        wanted = asked_percentile(query.text)
        if wanted is not None:
            m = re.search(r"(\d+)(?:st|nd|rd|th)? percentile", label + " " + line.text.lower())
            score += 3.0 if m and int(m.group(1)) == wanted else -1.0
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
    score += 0.7 * len((specific_tokens(query, scope) & heading) - _PAY_TOKENS)
    if line.is_premium and _ASKS_PREMIUM.search(query.text):
        score += 3
    return score


_OTHER_PLACES = re.compile(r"^\s*(?:other|all other|remaining|rest of)\b|^\s*elsewhere\b", re.I)
_WITHHELD = re.compile(r"\bnot (?:released|published|available|reported)\b|\bsuppressed\b", re.I)
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
_KIND_WORDS = set(tokenize("base national nationwide overall estimate estimated range"))

_NOT_QUALIFIERS = _LEVEL_TOKENS | _PAY_TOKENS | _ANSWER_WORDS | _KIND_WORDS

_ASKS_HOURLY = re.compile(r"\b(hourly|per hour|an hour|by the hour|hour rate)\b", re.I)
_ASKS_MONTHLY = re.compile(r"\b(monthly|per month|a month|weekly|per week|a week|paycheck)\b", re.I)


_ASKS_PREMIUM = re.compile(
    r"how much more|premium|more in|higher in|less in|lower in|above|below|compared", re.I
)
# words that only say which kind of answer is wanted; the rest of a question says what it is about


def range_verdict(query: Query, fact: Planned) -> Planned | None:
    """Whether the figure a yes/no question names lies within the range the answer gives."""
    asked = vocab.extract_numbers(re.sub(r"(\d+)\s*thousand", r"\1k", query.text, flags=re.I))
    have = [r for ln in fact.support for r in vocab.ranges(ln.body)]
    if not asked or not have:
        return None
    x, (lo, hi) = asked[0], have[0]
    name = "within_range" if lo <= x <= hi else ("below_range" if x < lo else "above_range")
    return Planned(phrasing.render(name), kind="note")


def asks_about_figure(query: Query) -> bool:
    """A yes/no question that names a pay figure without asking if pay goes above it: "is 200k normal?"."""
    return bool(vocab.extract_numbers(query.text)) and not ASKS_MORE.search(query.text)


def _range_key(line: Line) -> tuple[float, ...]:
    return tuple(vocab.extract_numbers(line.body))


def _money_lines_instead(lines: list[Line], query: Query, scope: Scope, keep, **instead):
    """Scored figures (no premiums) that ``keep`` accepts, for the query with ``instead`` in place
    of what it asked: another place (the state, or None for national), another level."""
    other = dataclasses.replace(query, **instead)
    return [
        (s, ln)
        for ln in lines
        if keep(ln) and not ln.is_premium and (s := _pay_score(ln, other, scope)) is not None
    ]


_NUMBER = re.compile(r"\d")
_PAY_TEXT = r"\b(earn\w*|salar\w*|pay|paid|compensation|wages?)\b"
_PAY_HEADING = rf"\b(?:{vocab.ASPECT_SECTIONS['pay']})"


def _pay_remark(
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


# "are salaries going up?", "what will pay look like in 2027?": where pay is heading
_PAY_TREND = re.compile(
    r"\b(?:going up|go up|goes up|rising|rise|increas\w*|grow\w*|trend\w*|outlook|future|forecast|"
    r"next (?:year|few years)|coming years|will\b[^?]{0,40}\blook like)\b",
    re.I,
)
_INDUSTRY_TRENDS = re.compile(
    r"\b(?:according to|per|by) (?:the )?industry trends?\b|\bindustry trends\b", re.I
)
_TREND_WORDS = re.compile(
    r"\b(?:likely|expected|projected|future|growth|grow\w*|continu\w*|remain\w*|trends?|increas\w*|rising)\b",
    re.I,
)
_PAY_WORDS = re.compile(r"\b(?:salar\w*|pay|compensation|wages?|earnings?)\b", re.I)


def plan_pay_trend(query: Query, scope: Scope, plan: Plan) -> bool:
    """ "Are salaries going up?": the lines that say where pay is heading ("salaries are likely to remain
    strong, with potential for further growth"), before any figure."""
    if "pay" not in query.aspects or not _PAY_TREND.search(
        _INDUSTRY_TRENDS.sub(" ", vocab.asked_part(query.text))
    ):
        return False
    if query.answer_type == vocab.LIST or vocab.asks_years(query.text):
        return (
            False  # "what makes the salary go up?" asks for the factors, "how many years before..." for years
        )
    scored = []
    for ln in _all_lines(scope):
        heading = ln.chunk.section[-1] if ln.chunk.section else ""
        if ln.has_money or not _PAY_WORDS.search(f"{heading} {ln.text}"):
            continue
        trend = len(_TREND_WORDS.findall(ln.text)) + 2 * bool(_TREND_WORDS.search(heading))
        if not trend or not _PAY_WORDS.search(ln.text) and not _PAY_WORDS.search(heading):
            continue
        rank = scope.rank(ln.chunk)
        scored.append((trend + (0.5 / rank if rank else 0.0), ln))
    best = _best(scored)[:2]
    for _, ln in best:
        plan.add(Planned(phrasing.line_sentence(ln), (ln,)))
    return bool(best)


def plan_remark(query: Query, scope: Scope, plan: Plan) -> bool:
    """A pay answer led by the line about the particular thing the question names ("do AI leads at
    startups earn more?": the startup line, then the headline figure); False when there is none."""
    lines = _all_lines(scope)
    remark = _pay_remark(query, scope, lines)
    if remark is None:
        return False
    sub = Plan()
    _plan_figures(query, scope, sub, lines)
    heads = [ln for s in sub.facts[:1] for ln in s.support]
    # "the average base salary?": the headline's own label ("Average Base Salary") already says what
    # the remark's ("Base Salary: ... 70-80% of total compensation") would
    said = any(remark.label and tokens_of(remark.label) <= tokens_of(h.label or "") for h in heads)
    if not said and not any(remark in s.support for s in sub.sentences):
        plan.add(Planned(phrasing.line_sentence(remark), (remark,)))
    for sentence in sub.sentences:
        plan.add(sentence)
    return True


def plan_sides(query: Query, scope: Scope, plan: Plan) -> bool:
    """Two places or two levels set against each other: each side's figure, then which is higher.

    "Does a lead earn more in Seattle or New York?" -> Seattle's premium, New York's premium (each
    applied to the figure), and the place whose figures are higher.
    """
    if len(query.sides) == 2 and not (query.places or query.levels):
        return _plan_variants(query, scope, plan)
    field, values = ("place", query.places) if len(query.places) == 2 else ("level", query.levels)
    if len(values) != 2:
        return False
    lines = _all_lines(scope)
    if field == "level":
        # "do lead engineers make more than senior developers?": a line that says so comes first
        remark = _pay_remark(dataclasses.replace(query, level=None, levels=()), scope, lines, any_level=True)
        if remark is not None and not remark.has_money:
            plan.add(Planned(phrasing.line_sentence(remark), (remark,)))
    heads: list[tuple[str, Planned]] = []
    own_figures = True  # each side has a figure of its own (no "no figures for Denver" stand-in)
    for value in values:
        side = Plan()
        _plan_figures(dataclasses.replace(query, places=(), levels=(), **{field: value}), scope, side, lines)
        facts = [s for s in side.sentences if s.kind == "fact"]
        if not facts:
            return False
        computed = [s for s in facts if s.computed]  # "Pay in Seattle is 5-15% above ... that is about ..."
        for s in side.sentences:
            if s.kind == "note" or (s in computed if computed else s is facts[0]):
                plan.add(s)
        head = computed[0] if computed else facts[0]
        line = _compared_line(head)
        names_it = line.names_place(value) if field == "place" else value in line.levels
        own_figures = own_figures and names_it and not any(s.kind == "note" for s in side.sentences)
        heads.append((value, head))
    if own_figures:
        plan.add(_higher_side(field, heads))
    return True


def _plan_variants(query: Query, scope: Scope, plan: Plan) -> bool:
    """Two kinds of the role compared ("a pharmacy manager compared to a staff pharmacist"): the pay
    line each side's words name, then which is higher when the figures are alike."""
    lines = _all_lines(scope)
    found = []
    for part in query.sides:
        side = dataclasses.replace(query, text=part, level=None, place=None, places=(), levels=(), sides=())
        # a level word names the kind here ("a staff pharmacist"), so the line must have it too
        line = _pay_remark(side, scope, lines, also=frozenset(tokenize(part)) & _LEVEL_TOKENS, any_level=True)
        if line is None or not line.has_money:
            return False
        found.append(line)
    if found[0] == found[1]:
        return False
    who = phrasing.role_words(scope.role)
    heads = []
    for line in found:
        head = Planned(phrasing.pay_sentence(line, who=who), (line,))
        plan.add(head)
        heads.append((phrasing.words(line.label or line.text), head))
    plan.add(_higher_side("level", heads))
    return True


def _compared_line(head: Planned) -> Line:
    """The line a side is compared by: a premium applied to a figure is compared by its premium."""
    return next((ln for ln in head.support if ln.is_premium), head.support[0])


def midpoint(line: Line) -> float | None:
    """The middle of a figure's first range (or its first number); a premium below the national
    average counts negative. None for a line without a number."""
    found = vocab.ranges(line.body) or [(x, x) for x in line.numbers[:1]]
    if not found:
        return None
    middle = sum(found[0]) / 2
    below = line.is_premium and re.search(r"\bbelow\b|\bless than\b|\blower than\b", line.body, re.I)
    return -middle if below else middle


def _higher_side(field: str, heads: list[tuple[str, Planned]]) -> Planned | None:
    """Which side's figure is higher, when both are of one kind (two ranges, or two premiums)."""
    (va, a), (vb, b) = heads
    la, lb = _compared_line(a), _compared_line(b)
    if la.is_premium != lb.is_premium or not (la.is_premium or (la.has_money and lb.has_money)):
        return None
    if not la.is_premium and _figure_kind(la) != _figure_kind(lb):
        return None  # a yearly range against an hourly one, a median against a range
    mid_a, mid_b = midpoint(la), midpoint(lb)
    if mid_a is None or mid_b is None or mid_a == mid_b or (not la.is_premium and _figure_kind(la) is None):
        return None
    hi, lo = (va, vb) if mid_a > mid_b else (vb, va)
    if field == "level":
        hi, lo = vocab.LEVEL_LABELS.get(hi, hi), vocab.LEVEL_LABELS.get(lo, lo)
    return Planned(phrasing.render(f"higher_{field}", higher=hi, lower=lo), (la, lb))


def plan_every_level(query: Query, scope: Scope, plan: Plan) -> bool:
    """ "The salary range at each level": every level's figure from the passage that lists them by level."""
    by_chunk: dict[str, list[Line]] = {}
    for ln in _all_lines(scope):
        if ln.is_pay and ln.has_money and len(ln.levels) == 1 and not ln.place_label() and not ln.is_premium:
            by_chunk.setdefault(ln.chunk.chunk_id, []).append(ln)
    tables = [lns for lns in by_chunk.values() if len({lv for ln in lns for lv in ln.levels}) >= 3]
    if not tables:
        return False
    table = max(
        tables,
        key=lambda lns: (len({lv for ln in lns for lv in ln.levels}), -(scope.rank(lns[0].chunk) or 99)),
    )
    lines = sorted(table, key=lambda ln: vocab.LEVELS.index(next(iter(ln.levels))))
    who = phrasing.role_words(scope.role)
    plan.add(Planned(" ".join(phrasing.pay_sentence(ln, who=who) for ln in lines), tuple(lines)))
    return True


def plan_pay(query: Query, scope: Scope, plan: Plan) -> None:
    # "how much more than software leads?": that line first; the headline figure follows
    if not plan_remark(query, scope, plan):
        _plan_part_share(query, scope, plan)
        _plan_figures(query, scope, plan, _all_lines(scope))


def _plan_part_share(query: Query, scope: Scope, plan: Plan) -> None:
    """ "How much of the package is equity?": the line the documents give for that part of pay, in
    their words, though it has no figure ("Stock Options/RSUs: May constitute a significant portion")."""
    part = vocab.PAY_PART.search(query.text)
    if part is None or not vocab.ASKS_SHARE.search(query.text):
        return
    names = set(tokenize(part.group(0), expand=True))
    found = [ln for ln in _all_lines(scope) if ln.label and names & set(tokenize(ln.label, expand=True))]
    if found and not found[0].has_money and not found[0].numbers:
        plan.add(Planned(phrasing.line_sentence(found[0]), (found[0],)))


def _plan_figures(query: Query, scope: Scope, plan: Plan, lines: list[Line]) -> None:
    who = phrasing.role_words(scope.role)
    scored = [(s, ln) for ln in lines if (s := _pay_score(ln, query, scope)) is not None]
    money_lines = [(s, ln) for s, ln in scored if not ln.is_premium]
    premium_lines = [(s, ln) for s, ln in scored if ln.is_premium and query.place]
    # a figure for the place and level asked, stated directly, beats one computed from a premium
    direct = [
        (s, ln)
        for s, ln in money_lines
        if not query.place or (ln.names_place(query.place) and not ln.is_premium)
    ]
    if query.place and not direct and not premium_lines:
        # "Aspen, Colorado": the state's figure when the documents give one, else the national
        state = vocab.state_of(query.place)
        if state:
            direct = _money_lines_instead(lines, query, scope, lambda ln: ln.names_place(state), place=state)
        withheld = next(
            (ln for ln in lines if _WITHHELD.search(ln.text) and ln.names_place(query.place)), None
        )
        if withheld is not None:
            # "Detroit-Warren-Dearborn, MI: wage figures not released": the documents say why
            plan.add(Planned(phrasing.line_sentence(withheld), (withheld,)))
        if direct:
            text = phrasing.render("place_state_instead", place=query.place, who=who, state=state)
        else:
            text = phrasing.render("place_not_covered", place=query.place, who=who)
        plan.add(Planned(text, kind="note"))
        others = [ln for ln in lines if ln.is_premium and _OTHER_PLACES.match(ln.label or "")]
        if others and not direct:
            # "Other major cities: Generally align with the national average": what the documents say
            # of the places they do not list
            plan.add(Planned(phrasing.pay_sentence(others[0], who=who), (others[0],)))
    if _ASKS_HOURLY.search(query.text) and not any(
        re.search(r"hour", ln.text, re.I) for ln in lines if ln.is_pay
    ):
        plan.add(Planned(phrasing.render("no_hourly", who=who), kind="note"))
    elif _ASKS_MONTHLY.search(query.text) and not any(
        re.search(r"month|week", ln.text, re.I) for ln in lines if ln.is_pay
    ):
        plan.add(Planned(phrasing.render("no_monthly", who=who), kind="note"))
    if query.level and not any(query.level in ln.levels for _, ln in money_lines):
        known = sorted({lv for ln in lines if ln.is_pay for lv in ln.levels}, key=vocab.LEVELS.index)
        plan.add(
            Planned(
                phrasing.render(
                    "level_not_covered",
                    level=vocab.LEVEL_LABELS.get(query.level, query.level),
                    who=who,
                    known=phrasing.join([vocab.LEVEL_LABELS[k] for k in known]) if known else "",
                ),
                kind="note",
            )
        )
        said = next(
            (
                ln
                for ln in lines
                if not ln.is_pay
                and ln.label
                and query.level in vocab.levels(ln.label)
                and vocab.names_a_job(ln.label)  # "Principal AI Engineer", not "Entry-Level Training"
                and ln.body.strip()
            ),
            None,
        )
        if said is not None:
            # "Principal AI Engineer: Focus on complex AI system architecture ...": what the documents
            # do say about the level, as a career step
            plan.add(Planned(phrasing.line_sentence(said), (said,)))
        if known and not query.place:
            # "principal" where the table stops at "lead": the nearest level's figure, said so
            rank = vocab.LEVELS.index
            nearest = min(known, key=lambda lv: (abs(rank(lv) - rank(query.level)), -rank(lv)))
            if query.level == "entry":
                # the bottom rung of the document's own ladder ("Staff Accountant: $60,000 - $75,000"
                # below "Senior Accountant"), whatever its title calls it
                pay = {lv: _lowest_pay(lines, lv) for lv in known}
                nearest = min(known, key=lambda lv: (pay[lv] is None, pay[lv] or 0.0, rank(lv)))
            near = _money_lines_instead(lines, query, scope, lambda ln: nearest in ln.levels, level=nearest)
            if near:
                direct = near
                label = vocab.LEVEL_LABELS.get(nearest, nearest)
                plan.add(Planned(phrasing.render("level_nearest", level=label), kind="note"))
    if not direct:
        # the national figure for the level (or the role) stands in, and a premium may adjust it
        direct = _money_lines_instead(lines, query, scope, lambda ln: not ln.place_label(), place=None)
    if not direct and not premium_lines:
        return
    best = _best(direct)
    headline = best[0][1] if best else None
    if premium_lines and _ASKS_PREMIUM.search(query.text):
        prem = _best(premium_lines)[0][1]
        plan.add(Planned(phrasing.pay_sentence(prem, who=who), (prem,)))
    if headline is not None:
        plan.add(Planned(phrasing.pay_sentence(headline, who=who), (headline,)))
        if query.level and not headline.levels and vocab.PAY_PART.search(query.text):
            # "the bonus for a senior engineer": the bonus is the same share at every level; the
            # level's own pay says what it is a share of
            own = [(sc, ln) for sc, ln in money_lines if query.level in ln.levels and not ln.place_label()]
            if own:
                line = _best(own)[0][1]
                plan.add(Planned(phrasing.pay_sentence(line, who=who), (line,)))
        if query.national and query.place and headline.names_place(query.place) and not headline.is_premium:
            # "more in Chicago than nationally?": the national figure of the same kind beside it
            kind = _figure_kind(headline)
            national = _money_lines_instead(
                lines, query, scope, lambda ln: not ln.place_label() and _figure_kind(ln) == kind, place=None
            )
            if national:
                line = _best(national)[0][1]
                text = phrasing.render(
                    "nationally", sentence=phrasing.lower_first(phrasing.pay_sentence(line, who=who))
                )
                plan.add(Planned(text, (line,)))
        if query.level and query.place and query.level not in headline.levels and headline.place_label():
            # "a senior one in Washington DC": the place's figure is for every level; the level's own
            # figure is national, and both are said
            level = vocab.LEVEL_LABELS.get(query.level, query.level)
            national = _money_lines_instead(
                lines, query, scope, lambda ln: query.level in ln.levels and not ln.place_label(), place=None
            )
            if national:
                note = phrasing.render("level_not_by_place", level=level, place=query.place)
                plan.add(Planned(note, kind="note"))
                line = _best(national)[0][1]
                plan.add(Planned(phrasing.pay_sentence(line, who=who), (line,)))
    if (
        premium_lines
        and headline is not None
        and not headline.names_place(query.place or "")
        and headline.has_money
    ):
        # (a premium applies to a sum, not to "10-20% of base salary")
        prem = _best(premium_lines)[0][1]
        plan.add(phrasing.premium_sentence(prem, headline))
    elif premium_lines and headline is not None and not _ASKS_PREMIUM.search(query.text):
        prem = _best(premium_lines)[0][1]  # another document's premium for the same place
        plan.add(Planned(phrasing.pay_sentence(prem, who=who), (prem,)))
    elif premium_lines and headline is None:
        prem = _best(premium_lines)[0][1]
        plan.add(Planned(phrasing.pay_sentence(prem, who=who), (prem,)))
    if headline is not None:
        # the average next to the range comes before any note that other passages disagree
        _pay_extras(query, scope, best, headline, plan, who)
        _years_factor(query, scope, plan)
        _pay_conflicts(headline, best, plan, who, scope)


# "10 years in, what should I be making?": the asker's own years of experience
_HAS_YEARS = re.compile(r"\b\d{1,2}\+?\s*(?:years?|yrs?)\b(?!\s+(?:ago|from now|later|time))", re.I)
_EARNS_MORE = re.compile(r"\b(?:increase|raise|boost|earning|higher|more)\b", re.I)


def _years_factor(query: Query, scope: Scope, plan: Plan) -> None:
    """A pay question telling the asker's years of experience also gets what the documents say years
    do to pay ("5-10 years of experience can significantly increase earning potential")."""
    if not _HAS_YEARS.search(query.text) or vocab.YEAR_RE.search(query.text):
        return
    found = [
        ln
        for ln in _all_lines(scope)
        if not ln.has_money and vocab.YEARS_RE.search(ln.text) and _EARNS_MORE.search(ln.text)
    ]
    if found:
        plan.add(Planned(phrasing.line_sentence(found[0]), (found[0],)))


def _lowest_pay(lines: list[Line], level: str) -> float | None:
    """The lowest yearly figure the lines give for a level (None when they give none)."""
    found = [
        m
        for ln in lines
        if ln.is_pay and level in ln.levels and not ln.is_premium and (m := midpoint(ln)) is not None
    ]
    return min(found) if found else None


def _figure_kind(line: Line) -> str | None:
    """What a pay figure measures, so only like is compared with like: median, mean, range, hourly..."""
    text = f"{line.label or ''} {line.text}".lower()
    if re.search(r"total|bonus|percentile|%|stock|equity", text):
        return None
    unit = "hour" if re.search(r"hour", text) else "year"
    for kind in ("median", "mean", "average"):
        if kind in text:
            return f"{kind}/{unit}"
    if len(vocab.ranges(line.body)) == 1:
        return f"range/{unit}"
    return None


def _qualifiers(line: Line, scope: Scope) -> set[str]:
    """What a pay label says besides the role, its level and the kind of figure: "Associate" in
    "Associate Product Manager", "Specialty ICU OR" in "Senior Specialty RN (ICU, OR)"."""
    # scored for every pay line of a role (7,000 of them in the OEWS import): the role's words once
    own = tokens_of(" ".join((scope.role or "", *scope.aliases))) | _NOT_QUALIFIERS
    return {t for t in tokens_of(line.label or "") - own if not any(c.isdigit() for c in t)}


def _pay_conflicts(
    headline: Line, best: list[tuple[float, Line]], plan: Plan, who: str, scope: Scope
) -> None:
    """Other lines giving a different figure for the same thing (same kind, level and place) disagree."""
    kind = _figure_kind(headline)
    if kind is None:
        return
    # the role's own names ("staff nurse" for Registered Nurse): their level words name no level
    own = vocab.levels(" ".join(scope.aliases)) - vocab.levels(scope.role or "")

    def qualifiers(ln: Line) -> set[str]:
        return _qualifiers(ln, scope) - _YEARS

    same = [
        ln
        for _, ln in best[1:]
        if _figure_kind(ln) == kind
        and ln.levels - own == headline.levels - own
        and (ln.place_label() or "") == (headline.place_label() or "")  # Jackson, TN is not Jackson, MS
        and _range_key(ln) != _range_key(headline)
        and qualifiers(ln) == qualifiers(headline)
    ]
    if same:
        values = [headline, *same[:2]]
        what = f"pay range for {who}" if kind.startswith("range") else f"{kind.split('/')[0]} pay for {who}"
        stated = tuple(phrasing.value_of(v) for v in values)
        text = phrasing.render("conflict", what=what, values=phrasing.join(list(stated)))
        plan.add(Planned(text, tuple(values), kind="conflict", values=stated))


def _pay_extras(query: Query, scope: Scope, best, headline: Line, plan: Plan, who: str) -> None:
    """A second figure when the question is broad (the average next to a range, the median's spread)."""
    if _middle_half(headline, plan):
        return
    if query.level or query.place or len(plan.facts) >= 2:
        return
    # next to a range its average; next to an average ("what do they typically earn") its range
    typical = re.search(r"average|mean|median|typical", headline.label or "", re.I)
    want = r"average|median|total compensation" + (r"|\brange\b" if typical else "")
    for _, ln in best[1:4]:
        if ln.chunk.chunk_id != headline.chunk.chunk_id or ln.levels != headline.levels:
            continue
        if re.search(want, ln.label or "", re.I) and ln.label != headline.label:
            plan.add(Planned(phrasing.pay_sentence(ln, who=who), (ln,)))
            return


def _middle_half(headline: Line, plan: Plan) -> bool:
    """Next to a median, the 25th and 75th percentiles of the same place, when the section gives them."""
    if not re.search(r"median|\b50th\b", (headline.label or headline.text), re.I):
        return False
    by_pct = {}
    for ln in lines_of(headline.chunk):
        m = re.search(r"\b(25|75)(?:th)? percentile", ln.label or "", re.I)
        if m and ln.numbers:
            by_pct[m.group(1)] = ln
    if set(by_pct) != {"25", "75"}:
        return False
    low, high = by_pct["25"], by_pct["75"]
    text = phrasing.render("middle_half", low=phrasing.value_of(low), high=phrasing.value_of(high))
    plan.add(Planned(text, (low, high)))
    return True


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


_LEADERSHIP_ASKED = re.compile(
    r"\bleadership\b|\bleading\b|\bmanaging\b|\bmanagement\b|\b(?:in|as) (?:a |the )?(?:tech |team )?lead\b"
    r"(?! (?:ai |ml )?(?:engineer|role|job|position))|\bin a lead(?:ing)? role\b",
    re.I,
)
_YEAR_WORDS = set(tokenize(vocab.YEAR_WORDS))
_REQUIREMENT = re.compile(r"requir|minimum|necessary|at least|typically|need|expected", re.I)


def plan_years(query: Query, scope: Scope, plan: Plan) -> bool:
    """Years of experience: the requirement line first, and every other figure the documents give."""
    # years of leading, not the lead role applied for ("is 3 yrs enough to apply for lead roles?")
    wants_leadership = bool(_LEADERSHIP_ASKED.search(query.text))
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
        # minimum answers it (a requirement, not "5-10 years can increase earning potential"); where
        # the documents' minimums disagree and the years fall between them, no verdict is given
        has = int(asked.group(1) or asked.group(2))
        lows = [int(m.group(1)) for v in values[:3] if (m := re.match(r"(\d{1,2})", years_in(v.text)[0]))]
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
