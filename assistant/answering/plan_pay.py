"""Plans for figure questions: pay for the role, level and place asked, two sides compared."""

from __future__ import annotations

import dataclasses
import re

from assistant.answering import phrasing
from assistant.answering.lines import Line, lines_of, tokens_of
from assistant.answering.plan import ASKS_MORE, Plan, Planned, Scope, _all_lines, _best
from assistant.answering.plan_pay_notes import pay_remark, plan_part_share
from assistant.answering.plan_pay_score import (
    _ASKS_PREMIUM,
    _YEARS,
    _money_lines_instead,
    _pay_score,
    _qualifiers,
)
from assistant.answering.plan_years import years_factor
from assistant.indexing.text import tokenize
from assistant.understanding import vocabulary as vocab
from assistant.understanding.analysis import Query

_OTHER_PLACES = re.compile(r"^\s*(?:other|all other|remaining|rest of)\b|^\s*elsewhere\b", re.I)
_WITHHELD = re.compile(r"\bnot (?:released|published|available|reported)\b|\bsuppressed\b", re.I)


def range_verdict(query: Query, fact: Planned) -> Planned | None:
    """Whether the figure a yes/no question names lies within the range the answer gives."""
    asked = vocab.extract_numbers(re.sub(r"(\d+)\s*thousand", r"\1k", query.text, flags=re.I))
    have = [r for ln in fact.support for r in vocab.ranges(ln.body)]
    if not asked or not have:
        return None
    x, (lo, hi) = asked[0], have[0]
    name = "within_range" if lo <= x <= hi else ("below_range" if x < lo else "above_range")
    return Planned(phrasing.render(name), kind="note")


def plan_level_figure(query: Query, scope: Scope, plan: Plan) -> Planned | None:
    """ "Does a mid-level AI engineer earn over 100k?": the level's own figure (not a remark, not a line
    sharing the number), then whether the range clears the sum asked about."""
    before = len(plan.facts)
    at = len(plan.sentences)
    _plan_figures(query, scope, plan, _all_lines(scope))
    if len(plan.facts) == before:
        return None
    text = vocab.figures_asked(vocab.SIX_FIGURES.sub("100k", query.text))
    asked = sorted(vocab.extract_numbers(text))
    have = [r for ln in plan.facts[before].support for r in vocab.ranges(ln.body)]
    if asked and have and not (ASKS_MORE.search(text) or vocab.SIX_FIGURES.search(query.text)):
        verdict = range_verdict(query, plan.facts[before])  # "95k as an entry level, is that fair?"
        if verdict is not None:
            plan.sentences.insert(at, verdict)
        return plan.facts[before]
    if not asked or not have:
        return plan.facts[before]
    x, (lo, hi) = asked[-1], have[0]
    name = "more_yes" if lo >= x else "more_no" if hi <= x else "more_partly"
    plan.sentences.insert(at, Planned(phrasing.render(name), kind="note"))
    return plan.facts[before]


def asks_about_figure(query: Query) -> bool:
    """A yes/no question that names a pay figure without asking if pay goes above it: "is 200k normal?"."""
    return bool(vocab.extract_numbers(query.text)) and not ASKS_MORE.search(query.text)


def _range_key(line: Line) -> tuple[float, ...]:
    return tuple(vocab.extract_numbers(line.body))


def plan_remark(query: Query, scope: Scope, plan: Plan) -> bool:
    """A pay answer led by the line about the particular thing the question names ("do AI leads at
    startups earn more?": the startup line, then the headline figure); False when there is none."""
    lines = _all_lines(scope)
    remark = pay_remark(query, scope, lines)
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
        return _plan_steps(query, scope, plan) or _plan_variants(query, scope, plan)
    field, values = ("place", query.places) if len(query.places) == 2 else ("level", query.levels)
    if len(values) != 2:
        return False
    lines = _all_lines(scope)
    if field == "level":
        # "do lead engineers make more than senior developers?": a line that says so comes first
        remark = pay_remark(dataclasses.replace(query, level=None, levels=()), scope, lines, any_level=True)
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


def _plan_steps(query: Query, scope: Scope, plan: Plan) -> bool:
    """Two steps of one ladder, each named by its level or grade ("engineer I vs senior engineer pay in
    milwaukee"): each step's figure for the place asked, then which is higher."""
    steps = [(vocab.levels(side), vocab.grades(side)) for side in query.sides]
    if not all(lv or gr for lv, gr in steps) or steps[0] == steps[1]:
        return False
    lines = _all_lines(scope)
    heads: list[tuple[str, Planned]] = []
    for side, (levels, _) in zip(query.sides, steps, strict=True):
        one = Plan()
        level = next(iter(levels)) if len(levels) == 1 else None
        _plan_figures(
            dataclasses.replace(query, text=side, level=level, places=(), levels=(), sides=()),
            scope,
            one,
            lines,
        )
        facts = [s for s in one.facts if not s.computed]
        if not facts or any(s.kind == "note" for s in one.sentences):
            return False  # a step the documents give no figure of: the general plan says so
        plan.add(facts[0])
        heads.append((side, facts[0]))
    if heads[0][1].support[0] == heads[1][1].support[0]:
        return False
    plan.add(_higher_side("level", heads))
    return True


def _plan_variants(query: Query, scope: Scope, plan: Plan) -> bool:
    """Two kinds of the role compared ("a pharmacy manager compared to a staff pharmacist"): the pay
    line each side's words name, then which is higher when the figures are alike."""
    lines = _all_lines(scope)
    found = []
    for part in query.sides:
        side = dataclasses.replace(query, text=part, level=None, place=None, places=(), levels=(), sides=())
        # a level word names the kind here ("a staff pharmacist"), so the line must have it too
        line = pay_remark(
            side, scope, lines, also=frozenset(tokenize(part)) & vocab.LEVEL_TOKENS, any_level=True
        )
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
    # "how much of the package is equity?": the part's own line; "how much more than software leads?":
    # that line; the headline figure follows either
    if plan_part_share(query, scope, plan) or not plan_remark(query, scope, plan):
        _plan_figures(query, scope, plan, _all_lines(scope))


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
    if vocab.ASKS_HOURLY.search(query.text) and not any(
        re.search(r"hour", ln.text, re.I) for ln in lines if ln.is_pay
    ):
        plan.add(Planned(phrasing.render("no_hourly", who=who), kind="note"))
    elif vocab.ASKS_MONTHLY.search(query.text) and not any(
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
        said = query.place and phrasing.place_part(headline, query.place)
        plan.add(Planned(said or phrasing.pay_sentence(headline, who=who), (headline,)))
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
        years_factor(query, scope, plan)
        _pay_conflicts(headline, best, plan, who, scope)


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


def _many_figures(line: Line) -> bool:
    return len(vocab.MONEY_RE.findall(line.text)) > 2


def _pay_conflicts(
    headline: Line, best: list[tuple[float, Line]], plan: Plan, who: str, scope: Scope
) -> None:
    """Other lines giving a different figure for the same thing (same kind, level and place) disagree."""
    kind = _figure_kind(headline)
    if kind is None or len(headline.prose_places) > 1 or _many_figures(headline):
        # "$79,750 in California, $62,240 in Texas", "$42,260 a year ($20.32/hour) (CNA); $64,400
        # ... (LPN)": which figure is the one asked is the line's, no disagreement with another
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
        and len(ln.prose_places) <= 1
        and not _many_figures(ln)
        and _range_key(ln) != _range_key(headline)
        and qualifiers(ln) == qualifiers(headline)
        and ln.grades == headline.grades  # "### CSM II" and "### Senior CSM" pay differ
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
