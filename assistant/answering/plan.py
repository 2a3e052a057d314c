"""The answer plan: the content of an answer chosen from the question's analysis, sentence by sentence.

Code decides what is true; a language model may only rephrase the planned sentences later. Each
planned sentence carries the passage lines that support it, so the citation is never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.answering import phrasing
from assistant.answering.extractive import extract
from assistant.answering.lines import Line, lines_of
from assistant.indexing.text import tokenize
from assistant.types import Chunk, Hit
from assistant.understanding import vocabulary as vocab
from assistant.understanding.analysis import Query

_GENERIC_TOKENS = {t for w in vocab.GENERIC_WORDS for t in tokenize(w)}
_LEVEL_TOKENS = {t for ws in vocab.LEVEL_WORDS.values() for w in ws if " " not in w for t in tokenize(w)}

# a list never runs on: past this many items the rest are one click away in the cited passage
MAX_LIST_ITEMS = 10
# labelled list items whose text fits in this many words are given in full, not as bare labels
_FULL_ITEMS = 70
# explanations keep the passages' best lines, at most this many
MAX_EXPLANATION_SENTENCES = 3


@dataclass(frozen=True)
class Planned:
    """One sentence of the answer and the passage lines it rests on."""

    text: str
    support: tuple[Line, ...] = ()
    kind: str = "fact"  # fact | note | conflict
    computed: tuple[float, ...] = ()  # numbers derived by code (premium arithmetic), shown with their sums
    values: tuple[str, ...] = ()  # for a conflict: each disagreeing value as the documents state it

    @property
    def chunks(self) -> list[Chunk]:
        out: list[Chunk] = []
        for ln in self.support:
            if ln.chunk not in out:
                out.append(ln.chunk)
        return out


@dataclass
class Plan:
    sentences: list[Planned] = field(default_factory=list)
    refused: bool = False
    reason: str = ""  # why a refusal, in one sentence

    def add(self, p: Planned | None) -> None:
        if p is not None and p.text and all(p.text != s.text for s in self.sentences):
            self.sentences.append(p)

    @property
    def facts(self) -> list[Planned]:
        return [s for s in self.sentences if s.kind != "note"]


@dataclass
class Scope:
    """What the planner may read: the role's passages (all of them) and the retrieved hits."""

    role: str | None
    chunks: list[Chunk]
    hits: list[Hit]
    role_level: str | None = None  # the level in the role's own name ("Lead Engineer in AI" -> lead)
    corpus_words: set[str] = field(default_factory=set)  # every word of every document (stemmed)
    _vocabulary: set[str] | None = None

    def vocabulary(self) -> set[str]:
        if self._vocabulary is None:
            self._vocabulary = {t for c in self.chunks for t in tokenize(c.embed_text())}
        return self._vocabulary

    def rank(self, chunk: Chunk) -> int | None:
        for h in self.hits:
            if h.chunk.chunk_id == chunk.chunk_id:
                return h.rank
        return None


# -- choosing pay lines -------------------------------------------------------------------------
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
    if re.search(r"percentile", label + " " + line.text.lower()):
        score += 1.5 if re.search(r"percentile|top|bottom|highest|lowest", q) else -0.6
    if re.search(r"hour", label + " " + line.text.lower()):
        score += 1.0 if re.search(r"hour", q) else -0.4
    rank = scope.rank(line.chunk)
    if rank is not None:
        score += 0.6 / rank
    if line.is_bullet:
        score += 0.2
    if line.label:
        score += 0.5  # a labelled figure ("Salary Range: ...") is the document's own headline
        # the question's own words in the label: "annual bonus" -> "Annual Bonus: ..."
        shared = set(tokenize(query.text)) & set(tokenize(line.label)) - set(tokenize(scope.role or ""))
        score += 1.0 * len(shared - _PAY_TOKENS)
    if line.has_percent and not line.has_money and not line.is_premium:
        # a share of pay answers only a question about that share
        score += 0 if re.search(r"bonus|share|percent|%|portion|base", query.text, re.I) else -2.5
    if line.chunk.section and re.search(vocab.ASPECT_SECTIONS["pay"], line.chunk.section[0], re.I):
        score += 0.5  # a section of its own about pay, not a remark inside "Industry Trends"
    # "by experience level" -> the "Salary by Experience Level" table
    heading = set(tokenize(line.chunk.section[-1])) if line.chunk.section else set()
    score += 0.7 * len((specific_tokens(query, scope) & heading) - _PAY_TOKENS)
    if line.is_premium and _ASKS_PREMIUM.search(query.text):
        score += 3
    return score


_PAY_TOKENS = set(tokenize("pay salary salaries earn wage compensation income"))
_ASKS_HOURLY = re.compile(r"\b(hourly|per hour|an hour|by the hour|hour rate)\b", re.I)
_ASKS_PREMIUM = re.compile(
    r"how much more|premium|more in|higher in|less in|lower in|above|below|compared", re.I
)
# words that only say which kind of answer is wanted; the rest of a question says what it is about
_TYPE_WORDS = set(
    tokenize(
        "what which who how are is does do the list name some typical "
        "duties duty responsibilities responsibility tasks skills skill requirements qualifications "
        "certifications certification role job position work include includes involve mentioned need "
        "needed required expected should know have"
    )
)


def specific_tokens(query: Query, scope: Scope) -> set[str]:
    """The words that make a question specific: "programming languages" in "Which programming languages"."""
    role_words = set(tokenize(scope.role or "")) | _LEVEL_TOKENS | set(tokenize(" ".join(query.roles)))
    return set(tokenize(query.text)) - _TYPE_WORDS - role_words - _GENERIC_TOKENS


def _synonyms_of(tokens: set[str]) -> set[str]:
    from assistant.indexing.text import SYNONYMS

    out: set[str] = set()
    for word, syns in SYNONYMS.items():
        if set(tokenize(word)) & tokens:
            out.update(t for s in syns for t in tokenize(s))
    return out


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
    return bool(vocab.extract_numbers(query.text)) and not _ASKS_MORE.search(query.text)


def _best(scored: list[tuple[float, Line]]) -> list[tuple[float, Line]]:
    return sorted(scored, key=lambda t: (-t[0], t[1].chunk.start_line, t[1].index))


def _all_lines(scope: Scope) -> list[Line]:
    return [ln for c in scope.chunks for ln in lines_of(c)]


def _range_key(line: Line) -> tuple[float, ...]:
    return tuple(vocab.extract_numbers(line.body))


def plan_pay(query: Query, scope: Scope, plan: Plan) -> None:
    lines = _all_lines(scope)
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
        plan.add(Planned(phrasing.render("place_not_covered", place=query.place, who=who), kind="note"))
    if _ASKS_HOURLY.search(query.text) and not any(
        re.search(r"hour", ln.text, re.I) for ln in lines if ln.is_pay
    ):
        plan.add(Planned(phrasing.render("no_hourly", who=who), kind="note"))
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
    if not direct:
        # the national figure for the level (or the role) stands in, and a premium may adjust it
        national = Query(**{**query.__dict__, "place": None})
        direct = [
            (s, ln)
            for ln in lines
            if (s := _pay_score(ln, national, scope)) is not None
            and not ln.is_premium
            and not ln.place_label()
        ]
    if not direct and not premium_lines:
        return
    best = _best(direct)
    headline = best[0][1] if best else None
    if premium_lines and _ASKS_PREMIUM.search(query.text):
        prem = _best(premium_lines)[0][1]
        plan.add(Planned(phrasing.pay_sentence(prem, who=who), (prem,)))
    if headline is not None:
        plan.add(Planned(phrasing.pay_sentence(headline, who=who), (headline,)))
    if premium_lines and headline is not None and not headline.names_place(query.place or ""):
        prem = _best(premium_lines)[0][1]
        plan.add(phrasing.premium_sentence(prem, headline))
    elif premium_lines and headline is not None and not _ASKS_PREMIUM.search(query.text):
        prem = _best(premium_lines)[0][1]  # another document's premium for the same place
        plan.add(Planned(phrasing.pay_sentence(prem, who=who), (prem,)))
    elif premium_lines and headline is None:
        prem = _best(premium_lines)[0][1]
        plan.add(Planned(phrasing.pay_sentence(prem, who=who), (prem,)))
    if headline is not None:
        _pay_conflicts(headline, best, plan, who)
        _pay_extras(query, scope, best, headline, plan, who)


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


def _pay_conflicts(headline: Line, best: list[tuple[float, Line]], plan: Plan, who: str) -> None:
    """Other lines giving a different figure for the same thing (same kind, level and place) disagree."""
    kind = _figure_kind(headline)
    if kind is None:
        return
    same = [
        ln
        for _, ln in best[1:]
        if _figure_kind(ln) == kind
        and ln.levels == headline.levels
        and bool(ln.place_label()) == bool(headline.place_label())
        and _range_key(ln) != _range_key(headline)
    ]
    if same:
        values = [headline, *same[:2]]
        what = f"pay range for {who}" if kind.startswith("range") else f"{kind.split('/')[0]} pay for {who}"
        stated = tuple(phrasing.value_of(v) for v in values)
        text = phrasing.render("conflict", what=what, values=phrasing.join(list(stated)))
        plan.add(Planned(text, tuple(values), kind="conflict", values=stated))


def _pay_extras(query: Query, scope: Scope, best, headline: Line, plan: Plan, who: str) -> None:
    """A second figure when the question is broad (the average next to a range, the median's spread)."""
    if query.level or query.place or len(plan.facts) >= 2:
        return
    for _, ln in best[1:4]:
        if ln.chunk.chunk_id != headline.chunk.chunk_id or ln.levels != headline.levels:
            continue
        if (
            re.search(r"average|median|total compensation", ln.label or "", re.I)
            and ln.label != headline.label
        ):
            plan.add(Planned(phrasing.pay_sentence(ln, who=who), (ln,)))
            return


def plan_subject(query: Query, scope: Scope, plan: Plan) -> bool:
    """A role the documents only mention (a career step, a specialisation): what they say about it."""
    subject = set(tokenize(query.subject or ""))
    if not subject:
        return False
    found: list[Line] = []
    for c in scope.chunks:
        under_heading = bool(c.section) and subject <= set(tokenize(c.section[-1]))
        for ln in lines_of(c):
            if (under_heading and ln.is_bullet) or (ln.label and subject <= set(tokenize(ln.label))):
                found.append(ln)
    if not found:
        return False
    name = next((ln.label for ln in found if ln.label and subject <= set(tokenize(ln.label))), None)
    name = name or next(c.section[-1] for c in (ln.chunk for ln in found) if c.section)
    if "pay" in query.aspects and not any(ln.is_pay for ln in found):
        plan.add(Planned(phrasing.render("subject_no_pay", subject=name), kind="note"))
    for ln in found[:4]:
        plan.add(Planned(phrasing.line_sentence(ln), (ln,)))
    return True


# -- experience (years) ---------------------------------------------------------------------------
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


def plan_years(query: Query, scope: Scope, plan: Plan) -> bool:
    """Years of experience: the requirement line first, and every other figure the documents give."""
    wants_leadership = bool(
        re.search(r"lead(ership|ing)? role|leadership|managing|management", query.text, re.I)
    )
    years_in = leadership_years if wants_leadership else general_years
    scored = []
    for ln in _all_lines(scope):
        if not years_in(ln.text) or not re.search(r"experience|leadership|role", ln.text, re.I):
            continue
        s = 1.0
        if re.search(r"requir|minimum|necessary|at least|typically|need|expected", ln.text, re.I):
            s += 1
        if re.search(r"increase|earning|salary|pay", ln.text, re.I):
            s -= 2  # "5-10 years of experience can increase earning potential" is not a requirement
        if re.search(r"requirement|qualification|experience", ln.chunk.section_path, re.I):
            s += 0.5
        rank = scope.rank(ln.chunk)
        s += 0.5 / rank if rank else 0
        scored.append((s, ln))
    scored = [t for t in _best(scored) if t[0] > 0]
    if not scored:
        return False
    first = scored[0][1]
    plan.add(Planned(phrasing.line_sentence(first), (first,)))
    values, seen = [first], {years_in(first.text)[0]}
    for _, ln in scored[1:]:
        y = years_in(ln.text)[0]
        if y not in seen:
            seen.add(y)
            values.append(ln)
    if len(values) > 1:
        what = "years in a leadership role" if wants_leadership else "years of experience required"
        shown = values[:3]
        stated = tuple(years_in(v.text)[0] for v in shown)
        text = phrasing.render("conflict", what=what, values=phrasing.join(list(stated)))
        plan.add(Planned(text, tuple(shown), kind="conflict", values=stated))
    return True


# -- lists ----------------------------------------------------------------------------------------
def _sections(scope: Scope) -> dict[tuple[str, ...], list[Chunk]]:
    out: dict[tuple[str, ...], list[Chunk]] = {}
    for c in scope.chunks:
        out.setdefault(c.section, []).append(c)
    return out


def _section_score(path: tuple[str, ...], query: Query, scope: Scope, chunks: list[Chunk]) -> float:
    """How well a heading names what a list question asks for; the question's specific words count most."""
    if not path:
        return -1.0
    heading = path[-1]
    h_tokens = set(tokenize(heading))
    specific = specific_tokens(query, scope)
    broad = set(tokenize(query.text, expand=True)) - set(tokenize(scope.role or ""))
    score = 2.0 * len(specific & h_tokens) + 1.0 * len((broad - specific) & h_tokens)
    score += 0.5 * len(broad & set(tokenize(" ".join(path[:-1]))))
    for aspect in query.aspects[:2]:
        rx = vocab.ASPECT_SECTIONS.get(aspect)
        if rx and re.search(rx, heading, re.I):
            score += 1.5
    own = [c for c in chunks if c.section == path] or chunks
    ranks = [r for c in own if (r := scope.rank(c))]
    if ranks:
        score += 1.0 / min(ranks)
    return score


def _children(path: tuple[str, ...], sections, order: dict[tuple[str, ...], int]) -> list[tuple[str, ...]]:
    kids = [p for p in sections if len(p) == len(path) + 1 and p[: len(path)] == path]
    return sorted(kids, key=lambda p: order.get(p, 1 << 30))


def _items(lines: list[Line]) -> list[Line]:
    """The list items of a section: its bullets; in a labelled list, only the labelled ones (a bullet's
    second sentence, "By meeting these requirements...", is no item of its own)."""
    bullets = [ln for ln in lines if ln.is_bullet and not ln.text.endswith(":")]
    labelled = [ln for ln in bullets if ln.label]
    return labelled if len(labelled) >= max(2, len(bullets) // 2) else bullets


def _label_answer(query: Query, scope: Scope, section_score: float) -> Line | None:
    """A bullet whose label (or text) names the specific thing asked: "Programming Languages: ... Python"."""
    specific = specific_tokens(query, scope)
    if not specific:
        return None
    best: tuple[float, Line] | None = None
    for c in scope.chunks:
        rank = scope.rank(c)
        for ln in lines_of(c):
            if not ln.is_bullet or ln.text.endswith(":"):
                continue
            label = set(tokenize(ln.label)) if ln.label else set()
            body = set(tokenize(ln.body))
            s = 2.0 * len(specific & label) + 1.0 * len(specific & body)
            if not (specific & label) and len(specific & body) < min(2, len(specific)):
                continue
            if not (specific & label) and specific <= body:
                s = max(s, 2.0)  # every specific word of the question is in this bullet
            s += 0.5 / rank if rank else 0
            if best is None or s > best[0]:
                best = (s, ln)
    return best[1] if best and best[0] >= 2.0 and best[0] > section_score - 1.0 else None


def plan_list(query: Query, scope: Scope, plan: Plan, *, min_score: float = 1.0) -> bool:
    """Every item of the section the question names (its bullets, or its sub-headings)."""
    sections = _sections(scope)
    # a heading and its sub-headings are candidates; a parent without own bullets lists its children
    candidates = set(sections)
    for p in list(sections):
        for i in range(1, len(p)):
            candidates.add(p[:i])
    scored = []
    for path in candidates:
        chunks = [c for p, cs in sections.items() if p[: len(path)] == path for c in cs]
        scored.append((_section_score(path, query, scope, chunks), len(path), path))
    scored.sort(key=lambda t: (-t[0], t[1]))
    section_score = scored[0][0] if scored else 0.0
    line = _label_answer(query, scope, section_score)
    specific = specific_tokens(query, scope)
    heading_match = 2.0 * len(specific & set(tokenize(scored[0][2][-1]))) if scored else 0
    label_match = 2.0 * len(specific & set(tokenize(line.label or ""))) if line else 0
    if line is not None and (heading_match == 0 or label_match > heading_match):
        plan.add(Planned(phrasing.line_sentence(line), (line,)))
        return True
    if not scored or section_score < min_score:
        return False
    path = scored[0][2]
    order: dict[tuple[str, ...], int] = {}
    for c in sorted(scope.chunks, key=lambda c: (c.source, c.start_line)):
        for i in range(1, len(c.section) + 1):
            order.setdefault(c.section[:i], c.start_line)
    children = _children(path, candidates, order)
    own = _items([ln for c in sections.get(path, []) for ln in lines_of(c)])

    def under(p: tuple[str, ...]) -> list[Line]:
        return [ln for q, cs in sections.items() if q[: len(p)] == p for c in cs for ln in lines_of(c)]

    if children and len(own) < 2 and len(children) <= 3 and all(_items(under(ch)) for ch in children):
        # two or three small sub-headings ("Progression", "Business"): their items are the answer
        support = [ln for ch in children for ln in _items(under(ch))]
        items = [ln.label or ln.text.rstrip(".") for ln in support]
    elif children and len(own) < 2:
        items, support = [], []
        for child in children:
            items.append(child[-1])
            first = under(child)[:1]
            support.extend(first)
    else:
        support = own
        items = [ln.label if ln.label else ln.text.rstrip(".") for ln in own]
    if (
        support
        and all(ln.label for ln in support)
        and sum(len(ln.body.split()) for ln in support) <= _FULL_ITEMS
    ):
        # a few labelled items: their text is the answer ("AI Certifications: ... AWS Certified ...")
        plan.add(
            Planned(" ".join(phrasing.sentence(f"{ln.label}: {ln.body}") for ln in support), tuple(support))
        )
        return True
    if not items:
        return False
    shown = items[:MAX_LIST_ITEMS]
    text = phrasing.render(
        "list",
        what=phrasing.heading_words(path[-1]),
        who=phrasing.role_words(scope.role),
        items=phrasing.join(shown),
    )
    if len(items) > len(shown):
        text += phrasing.render("list_more", n=len(items) - len(shown))
    plan.add(Planned(text, tuple(support)))
    return True


# -- yes / no ---------------------------------------------------------------------------------------
_ASKS_REQUIRED = re.compile(
    r"\b(required|require|must|need|needed|necessary|mandatory|have to|essential)\b", re.I
)
_ASKS_MORE = re.compile(r"\b(above|over|exceed|more than|beyond|top|higher than|at least)\b", re.I)


def _yes_no_line(query: Query, scope: Scope) -> Line | None:
    q_tokens = set(tokenize(query.text, expand=True)) - set(tokenize(scope.role or ""))
    q_numbers = set(vocab.extract_numbers(re.sub(r"(\d+)\s*thousand", r"\1k", query.text, flags=re.I)))
    best: tuple[float, Line] | None = None
    for c in scope.chunks:
        rank = scope.rank(c)
        for ln in lines_of(c):
            t = set(tokenize(ln.text)) | set(tokenize(c.section_path))
            s = len(q_tokens & t) / (len(q_tokens) ** 0.5 + 1e-9)
            if q_numbers and q_numbers & set(ln.numbers):
                s += 2
            for aspect in query.aspects[:1]:
                rx = vocab.ASPECT_SECTIONS.get(aspect)
                if rx and re.search(rx, c.section_path, re.I):
                    s += 0.5
            if rank:
                s += 0.6 / rank
            if ln.text.endswith(":"):
                continue
            if best is None or s > best[0]:
                best = (s, ln)
    return best[1] if best and best[0] >= 1.0 else None


def plan_yes_no(query: Query, scope: Scope, plan: Plan) -> bool:
    line = _yes_no_line(query, scope)
    if line is None:
        return False
    verdict = None
    text = line.text
    q_numbers = set(vocab.extract_numbers(re.sub(r"(\d+)\s*thousand", r"\1k", query.text, flags=re.I)))
    if q_numbers and q_numbers & set(line.numbers) and _ASKS_MORE.search(query.text):
        if re.search(r"exceed|above|over|more than|\+", text, re.I):
            verdict = "yes"
    elif _ASKS_REQUIRED.search(query.text):
        strength = vocab.claim_strength(text)
        if vocab.NEGATION.search(text) and re.search(
            r"not (required|necessary|needed|mandatory)", text, re.I
        ):
            verdict = "no"
        else:
            verdict = {
                "required": "yes",
                "typical": "usually",
                "preferred": "not_always",
                "possible": "not_always",
            }.get(strength or "", None)
    elif re.search(r"\b(preferred|helpful|useful|beneficial|worth|advantage|valued)\b", query.text, re.I):
        if vocab.claim_strength(text) in ("preferred", "possible", "typical", "required"):
            verdict = "yes"
    sentence = phrasing.line_sentence(line)
    if line.label and phrasing.words(line.label).lower() not in sentence.lower():
        sentence = phrasing.sentence(f"{line.label}: {line.body}")  # "EPA Section 608: required for..."
    if verdict:
        sentence = phrasing.render(f"verdict_{verdict}", sentence=phrasing.lower_first(sentence))
    plan.add(Planned(sentence, (line,)))
    return True


# -- explanations ---------------------------------------------------------------------------------
def plan_explanation(
    query: Query, scope: Scope, plan: Plan, *, max_sentences: int = MAX_EXPLANATION_SENTENCES
) -> bool:
    hits = [h for h in scope.hits] or [
        Hit(chunk=c, rank=i + 1, score=0.0) for i, c in enumerate(scope.chunks[:5])
    ]
    focus = query.text if query.search_text != query.text else None
    picked = extract(query.search_text or query.text, hits, focus=focus)
    by_text = {}
    for h in hits:
        for ln in lines_of(h.chunk):
            by_text.setdefault((h.chunk.chunk_id, ln.text), ln)
    added = 0
    for unit, hi in picked:
        ln = by_text.get((hits[hi].chunk.chunk_id, unit))
        support = (ln,) if ln else tuple(lines_of(hits[hi].chunk)[:1])
        plan.add(Planned(phrasing.line_sentence(ln) if ln else phrasing.sentence(unit), support))
        added += 1
        if added >= max_sentences:
            break
    return added > 0
