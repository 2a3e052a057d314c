"""The planning dispatch: which planner answers a question about one role, and the notes said first."""

from __future__ import annotations

import dataclasses
import re

from assistant.answering import (
    compose,
    phrasing,
    plan_career,
    plan_lists,
    plan_pay,
    plan_pay_notes,
    plan_subroles,
    plan_years,
    plan_yesno,
)
from assistant.answering import plan as planner
from assistant.answering.lines import lines_of
from assistant.settings import Settings
from assistant.types import Hit
from assistant.understanding import vocabulary as vocab
from assistant.understanding.analysis import Query


def roles_in(hits: list[Hit], catalog) -> list[str]:
    out: list[str] = []
    for h in hits:
        r = catalog.role_of(h.chunk.source)
        if r and r not in out:
            out.append(r)
    return out


def notes(query: Query, plan: planner.Plan, *, chunks: list, catalog) -> None:
    """Say plainly what the documents do not cover before giving what they do."""
    pay = "pay" in query.aspects
    if query.foreign and pay:
        plan.add(planner.Planned(phrasing.render("foreign", place=query.foreign), kind="note"))
    if query.year and pay:
        # the years of the pay figures, not of a projection ("grow 2 percent from 2024 to 2034")
        have = sorted(
            {
                y
                for c in chunks
                if not query.roles or catalog.role_of(c.source) in query.roles
                for ln in lines_of(c)
                if ln.is_pay
                for y in vocab.YEAR_RE.findall(f"{c.section_path} {ln.text}")
            }
        )
        if str(query.year) not in have:
            note = (
                phrasing.render("year_not_covered", have=phrasing.join(have), year=query.year)
                if have
                else phrasing.render("no_year", year=query.year)
            )
            plan.add(planner.Planned(note, kind="note"))


def arrangement_note(query: Query, scope: planner.Scope, plan: planner.Plan) -> None:
    """ "do fully remote jobs pay less?": said plainly when no pay line of the role speaks of it."""
    arrangement = vocab.work_arrangement(vocab.asked_part(query.text))  # not "I work remotely. ..."
    if not arrangement or "pay" not in query.aspects:
        return
    rx = vocab.WORK_ARRANGEMENTS[arrangement]
    if any(
        (ln.is_pay or ln.numbers) and re.search(rx, ln.text, re.I) for c in scope.chunks for ln in lines_of(c)
    ):
        return
    who = phrasing.role_words(scope.role)
    plan.add(
        planner.Planned(
            phrasing.render("arrangement_not_covered", arrangement=arrangement, who=who), kind="note"
        )
    )


def plan_sub_roles(query: Query, scope: planner.Scope, plan: planner.Plan, *, settings: Settings) -> bool:
    """A job a family page covers under its own heading, answered from its sections as a role is:
    "how much does a CNC programmer make?" from "### CNC programmer"; "mail carrier vs postal clerk
    pay" side by side, each from its own heading."""
    pay = "pay" in query.aspects
    if query.sides and len(query.sides) == 2 and query.answer_type == vocab.COMPARISON:
        jobs = [plan_subroles.scope_of(scope, side) for side in query.sides]
        if not (jobs[0] and jobs[1]) or jobs[0].name == jobs[1].name:
            return False
        one = dataclasses.replace(
            query, sides=(), subject=None, answer_type=vocab.FIGURE if pay else vocab.EXPLANATION
        )
        heads, at = [], len(plan.sentences)
        for job in jobs:
            sub = planner.Plan()
            _plan_job(one, job, sub, settings=settings)
            # each side from its own sections: a figure for the whole family is neither job's own
            own = {c.chunk_id for c in job.own}
            facts = [s for s in sub.facts if s.support and all(ln.chunk.chunk_id in own for ln in s.support)]
            for s in facts[: 1 if pay else 2]:
                plan.add(compose.for_role(job.name, s))
            heads += [(job.name, s) for s in facts[:1]]
        if len(heads) < 2:
            del plan.sentences[at:]
            return False
        plan.add(compose.who_earns_more(heads) if pay else None)
        return True
    # "what does a school counselor do?" names the family page's heading, not only its role
    name = query.subject or (query.text if len(query.roles) == 1 else None)
    job = plan_subroles.scope_of(scope, name) if name else None
    if job is None and name and query.follow_up and query.search_text:
        # "what about in texas?" after "how much do private investigators make": the same job's
        job = plan_subroles.scope_of(scope, query.search_text)
    if job is None:
        return False
    at = len(plan.sentences)
    _plan_job(dataclasses.replace(query, subject=None), job, plan, settings=settings)
    if len(plan.facts) and len(plan.sentences) > at:
        return True
    del plan.sentences[at:]  # nothing of its own sections: what the whole page says of it
    return False


def _plan_job(query: Query, job: plan_subroles.SubRole, plan: planner.Plan, *, settings: Settings) -> None:
    if (
        query.aspects[:1] == ("duties",)
        and query.answer_type != vocab.YESNO
        and plan_subroles.plan_duties(job, plan)
    ):
        return
    plan_one(query, job.scope, plan, settings=settings)


def plan_one(query: Query, scope: planner.Scope, plan: planner.Plan, *, settings: Settings) -> None:
    if plan_sub_roles(query, scope, plan, settings=settings):
        return
    arrangement_note(query, scope, plan)
    before = len(plan.facts)
    t = query.answer_type
    pay = "pay" in query.aspects
    if (
        pay
        and not vocab.find_levels(query.text)
        and not query.place  # "at each level in Seattle": the place's figures, by the place logic
        and vocab.asks_every_level(query.text)
        and plan_pay.plan_every_level(query, scope, plan)
    ):
        return  # "the salary range at each level": the by-level table, level by level
    if (
        pay
        and not query.level
        and not query.place
        and t in (vocab.FIGURE, vocab.EXPLANATION)
        and vocab.ASKERS_YEARS.search(query.text)
        and plan_pay.plan_every_level(query, scope, plan)
    ):
        plan.sentences.insert(0, planner.Planned(phrasing.render("pay_by_level_not_years"), kind="note"))
        # "what does an AI engineer with 3 years of experience make?": the documents tie pay to
        # levels, not to years; every level's figure, and what they say years do to pay
        plan_years.years_factor(query, scope, plan)
        return
    if pay and (query.places or query.levels or query.sides) and plan_pay.plan_sides(query, scope, plan):
        return  # "more in Seattle or New York?", "a pharmacy manager compared to a staff pharmacist"
    if query.subject and planner.plan_subject(query, scope, plan):
        return
    if not pay and vocab.asks_strengths(query.text) and plan_yesno.plan_strengths(query, scope, plan):
        return  # "a must-have vs a nice-to-have?": what is required, then what is only preferred
    if (
        query.aspects == ("career",)  # "which certifications before lead?" asks of certifications
        and t in (vocab.LIST, vocab.EXPLANATION)  # "could I start a company after lead?" names its step
        and not vocab.asks_years(query.text)  # "how many years to get there?"
        and plan_career.plan_career_step(query, scope, plan)
    ):
        return  # "what comes after lead?": the steps above the level, from the career sections
    if pay and not query.level and not query.place and plan_lists.plan_named_section(query, scope, plan):
        return  # "what are the salary trends?": the section it names, which gives no figure
    if pay and plan_pay_notes.plan_pay_trend(query, scope, plan):
        # "are salaries going up?": where pay is heading, then the figures (no verdict of our own)
        plan_pay.plan_pay(query, scope, plan)
        return
    if (
        t == vocab.YESNO
        and pay
        and query.level
        and not (query.places or query.levels)
        and plan_pay.plan_level_figure(query, scope, plan)
    ):
        return  # "does a mid-level engineer earn over 100k?": the level's figure, whether it clears it
    if t == vocab.YESNO and pay and plan_pay.asks_about_figure(query):
        at = len(plan.sentences)
        plan_pay.plan_pay(query, scope, plan)  # "is 200k normal?": the figure the documents give
        if len(plan.facts) > before:
            verdict = plan_pay.range_verdict(query, plan.facts[before])
            if verdict:
                plan.sentences.insert(at, verdict)
            return
    if (
        t == vocab.YESNO
        and not pay
        and not vocab.asks_years(query.text)  # "does IC time count toward the leadership years, or...?"
        and planner.plan_both_line(query, scope, plan)
    ):
        return  # "still coding, or all management?": the lines saying the job is both
    asks_years = not pay and (
        vocab.asks_years(query.text)
        # "how many of those need to be in a leadership role?" after a question on the years
        or (
            "aspect" in query.inherited
            and vocab.HOW_MANY.search(query.text)
            and vocab.asks_years(query.search_text)
        )
    )
    if not pay and vocab.asks_who(query.text):
        planner.plan_explanation(query, scope, plan)  # "who do they work with?": lines naming people
    elif asks_years:
        plan_years.plan_years(query, scope, plan)
    elif t == vocab.COMPARISON and pay and len(query.roles) >= 2:
        plan_pay.plan_pay(query, scope, plan)
    elif t == vocab.LIST:
        plan_lists.plan_list(query, scope, plan)
    elif t == vocab.YESNO and pay and plan_pay.plan_remark(query, scope, plan):
        pass  # "do AI leads at startups earn more?": the startup line, then the figure
    elif t == vocab.YESNO and not (pay and query.place):
        plan_yesno.plan_yes_no(query, scope, plan)
    elif pay and t in (vocab.FIGURE, vocab.YESNO, vocab.EXPLANATION):
        plan_pay.plan_pay(query, scope, plan)
    elif t == vocab.EXPLANATION and query.aspects:
        # a question whose words name a section ("career path", "continuous learning") gets its items
        plan_lists.plan_list(query, scope, plan, min_score=settings.section_match_score)
    if len(plan.facts) == before:
        planner.plan_explanation(query, scope, plan)
    if not pay and t in (vocab.COMPARISON, vocab.YESNO, vocab.EXPLANATION):
        planner.plan_side_lines(query, scope, plan)  # "at big tech vs a startup": each side said
    if t in (vocab.YESNO, vocab.EXPLANATION) and query.aspects[:1] == ("demand",) and not pay:
        # "is the demand real?", "what's driving the hiring?": and what the documents say drives it
        plan_lists.plan_demand_drivers(query, scope, plan)
