"""Composing an answer from its plan: sentences with citation marks, the citations, the conflicts."""

from __future__ import annotations

import re

from assistant.answering import phrasing, plan_pay
from assistant.answering import plan as planner
from assistant.answering.lines import Line
from assistant.facts.extraction import Figure
from assistant.types import Citation, Conflict, Hit


def for_role(role: str, s: planner.Planned) -> planner.Planned:
    if s.kind == "note":
        return s
    return planner.Planned(
        phrasing.render("for_role", role=role, sentence=phrasing.lower_first(s.text)),
        s.support,
        s.kind,
        s.computed,
        s.values,
    )


def who_earns_more(heads: list[tuple[str, planner.Planned]]) -> planner.Planned | None:
    """Which of two roles earns more, when both figures are of the same kind (both medians, both ranges)."""
    if len(heads) != 2:
        return None
    (ra, a), (rb, b) = heads
    la, lb = a.support[0], b.support[0]
    kind = [re.sub(r"[^a-z ]", "", (ln.label or "").lower()).split()[:1] for ln in (la, lb)]
    if kind[0] != kind[1] or la.has_percent or lb.has_percent:
        return None
    mid_a, mid_b = plan_pay.midpoint(la), plan_pay.midpoint(lb)
    if mid_a is None or mid_b is None:
        return None
    if mid_a == mid_b:
        return planner.Planned(phrasing.render("earns_same", a=ra, b=rb), (la, lb))
    hi, lo = (ra, rb) if mid_a > mid_b else (rb, ra)
    return planner.Planned(phrasing.render("earns_more", higher=hi, lower=lo), (la, lb))


def reranked(used: list[Hit], hits: list[Hit]) -> list[Hit]:
    ids = {h.chunk.chunk_id for h in used}
    ordered = used + [h for h in hits if h.chunk.chunk_id not in ids]
    return [
        Hit(h.chunk, rank=i, score=h.score, dense_score=h.dense_score, bm25_score=h.bm25_score)
        for i, h in enumerate(ordered, start=1)
    ]


def interleave(lists: list[list[Hit]], k: int) -> list[Hit]:
    out: list[Hit] = []
    for group in zip(*lists, strict=False):
        for h in group:
            if all(h.chunk.chunk_id != o.chunk.chunk_id for o in out):
                out.append(h)
    return out[: max(k, len(lists))]


def figure_line(f: Figure) -> Line:
    from assistant.answering.lines import lines_of

    for ln in lines_of(f.chunk):
        if ln.text.strip() and ln.text.strip() in f.line:
            return ln
    return lines_of(f.chunk)[0]


def compose(plan: planner.Plan, final: list[str], hits: list[Hit], provenance=lambda source: ""):
    numbers: dict[str, int] = {}  # chunk_id -> citation number, in order of first use
    cited: dict[str, Hit] = {}
    supports: dict[str, list[str]] = {}
    by_id = {h.chunk.chunk_id: h for h in hits}

    def cite(line: Line, text: str) -> int:
        cid = line.chunk.chunk_id
        if cid not in numbers:
            numbers[cid] = len(numbers) + 1
            cited[cid] = by_id.get(cid) or Hit(chunk=line.chunk, rank=0, score=0.0)
        supports.setdefault(cid, []).append(line.text)
        return numbers[cid]

    parts, conflicts, computed = [], [], []
    for planned, text in zip(plan.sentences, final, strict=True):
        s = phrasing.sentence(text)
        marks = "".join(f"[{n}]" for n in dict.fromkeys(cite(ln, s) for ln in planned.support))
        parts.append(f"{s[:-1]} {marks}{s[-1]}" if marks else s)
        computed.extend(planned.computed)
        if planned.kind == "conflict":
            conflicts.append(
                Conflict(
                    about=re.sub(r"^Note: the documents disagree on the |:.*$", "", s),
                    citations=tuple(numbers[ln.chunk.chunk_id] for ln in planned.support),
                    values=planned.values,
                )
            )
    citations = [
        Citation(
            n=n,
            hit=cited[cid],
            sentences=tuple(supports.get(cid, ())),
            provenance=provenance(cited[cid].chunk.source),
        )
        for cid, n in sorted(numbers.items(), key=lambda kv: kv[1])
    ]
    return " ".join(parts), citations, conflicts, computed
