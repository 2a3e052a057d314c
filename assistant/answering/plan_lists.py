"""Plans for list and yes/no questions: the section's items, the passage's strength."""

from __future__ import annotations

import dataclasses
import re

from assistant.answering import phrasing
from assistant.answering.lines import Line, lines_of, tokens_of
from assistant.answering.plan import (
    _FULL_ITEMS,
    _GENERIC_TOKENS,
    _TYPE_WORDS,
    ASKS_MORE,
    MAX_LIST_ITEMS,
    Plan,
    Planned,
    Scope,
    specific_tokens,
)
from assistant.indexing.text import stem, tokenize
from assistant.types import Chunk
from assistant.understanding import vocabulary as vocab
from assistant.understanding.analysis import Query


def _sections(scope: Scope) -> dict[tuple[str, ...], list[Chunk]]:
    out: dict[tuple[str, ...], list[Chunk]] = {}
    for c in scope.chunks:
        out.setdefault(c.section, []).append(c)
    return out


# kinds of content the aspects already steer to ("project management duties": the words before
# "duties" are what is specific)
_ASPECT_NOUNS = set(
    tokenize(
        "duties duty responsibilities responsibility tasks skills skill requirements requirement "
        "qualifications qualification certifications certification"
    )
)


def _asked_nouns(query: Query) -> set[str]:
    """Stems of the head noun of what the question wants listed, with its synonyms ("sectors": sector,
    industry); none when that noun is a kind of content an aspect already names ("duties")."""
    return set().union(*_asked_groups(query))


def _asked_groups(query: Query) -> list[set[str]]:
    """Each alternative of what is asked ("teams or departments", "skills / tools") as its head noun's
    stems with synonyms; none when one is a kind of content an aspect already names ("skills")."""
    if not query.asks_for:
        return []
    parts = re.split(r"\s*(?:/|,|\band\b|\bor\b|&|\+)\s*", query.asks_for)
    words = [vocab.ASKED_KINDS.get(w, w) for w in (p.split()[-1].lower() for p in parts if p.split())]
    if not words or any(set(tokenize(w)) & _ASPECT_NOUNS or not tokenize(w) for w in words):
        return []
    return [set(tokenize(w, expand=True)) for w in words]


_ENUMERATION = re.compile(
    r"^[^.;!?]{0,40}?(?:\b(?:such as|including|like|for example|from)\b|\be\.g\.)|^\s*:", re.I
)
_WORDS = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _enumerates(text: str, nouns: set[str]) -> bool:
    """The line names the asked-for things and lists some: "across sectors, including healthcare, ..."."""
    for m in _WORDS.finditer(text):
        if stem(m.group(0).lower()) in nouns and _ENUMERATION.search(text[m.end() :]):
            return True
    return False


def _enumerating_line(query: Query, scope: Scope, nouns: set[str]) -> Line | None:
    """The line that lists the ``nouns`` a "what X" question asks for when no heading names X."""
    specific = specific_tokens(query, scope)
    best: tuple[float, int, int, Line] | None = None
    for c in scope.chunks:
        rank = scope.rank(c) or 99
        for ln in lines_of(c):
            if ln.text.endswith(":") or not _enumerates(ln.text, nouns):
                continue
            overlap = len(specific & (tokens_of(ln.text) | tokens_of(c.section_path)))
            # "Degree: A bachelor's degree ..." is named by the thing asked, before a line listing
            # some of them ("Advanced degrees (e.g., Master's or Ph.D.)")
            named = bool(ln.label and set(tokenize(ln.label)) and set(tokenize(ln.label)) <= nouns)
            key = (-overlap, not named, rank, ln.index)
            if best is None or key < best[:4]:
                best = (*key, ln)
    return best[4] if best else None


def _head_parts(heading: str) -> list[str]:
    """What a heading is a list of, each thing it joins: "Factors Influencing Salary" -> ["Factors"],
    "Certifications and Tools" -> ["Certifications", "Tools"]; the head ends before a preposition or
    participle."""
    words = phrasing.heading_words(heading)
    first = re.split(r"\s+(?:in|of|for|at|with|within|across|by|to|\w+ing)\b", words, flags=re.I)[0]
    return [p for p in re.split(r"\s*(?:,|&|/|\band\b|\bor\b)\s*", first) if tokenize(p)]


def _head_conjuncts(heading: str) -> list[set[str]]:
    """The stems of each thing a heading joins: "Education and Experience" -> [{educ}, {experi}]."""
    return [set(tokenize(p, expand=True)) for p in _head_parts(heading)]


def _head_nouns(heading: str) -> set[str]:
    """The stems (with synonyms) of what a heading is a list of: "Trends" in "Industry Trends",
    "Roles" in "Specific Roles in AI", "Certifications" and "Tools" in "Certifications and Tools"."""
    return {t for p in _head_parts(heading) for t in tokenize(" ".join(p.split()[-1:]), expand=True)}


# aspects whose sections nest under one another's headings ("Requirements > Technical Skills",
# "Salary Ranges > Additional Benefits")
_FAMILY = {
    "education": "requirements",
    "experience": "requirements",
    "certifications": "requirements",
    "skills": "requirements",
    "benefits": "pay",
}


_ASIDE = 1.0
_REQUIREMENT_ASPECTS = frozenset(("education", "experience", "certifications", "skills"))


def _aside(path: tuple[str, ...], query: Query) -> bool:
    """Is the heading nested under one about another topic than the question's?"""
    asked = {_FAMILY.get(a, a) for a in query.aspects}
    for parent in path[:-1]:
        about = {_FAMILY.get(a, a) for a, rx in vocab.ASPECT_SECTIONS.items() if re.search(rx, parent, re.I)}
        if asked and about and not about & asked:
            return True
    return False


def _section_score(
    path: tuple[str, ...], query: Query, scope: Scope, chunks: list[Chunk], nouns: set[str]
) -> float:
    """How well a heading names what a list question asks for; the question's specific words count most."""
    if not path:
        return -1.0
    heading = path[-1]
    h_tokens = set(tokenize(heading))
    specific = specific_tokens(query, scope)
    broad = set(tokenize(query.text, expand=True)) - set(tokenize(scope.role or ""))
    score = 2.0 * len(specific & h_tokens) + 1.0 * len((broad - specific) & h_tokens)
    score += 0.5 * len(broad & set(tokenize(" ".join(path[:-1]))))
    # the document's title ("Pharmacy Aides: Pay and Duties") names what the whole document covers
    is_title = len(path) == 1 and any(c.title == heading for c in chunks) and len(chunks) > 1
    for aspect in query.aspects[:2]:
        rx = vocab.ASPECT_SECTIONS.get(aspect)
        if rx and re.search(rx, heading, re.I) and not is_title:
            score += 1.5
            if aspect in _REQUIREMENT_ASPECTS and stem(aspect) in h_tokens:
                score += 0.5  # "Professional Experience" names the aspect itself, "Requirements" its kind
    if nouns & set(tokenize(heading, expand=True)):
        score += 2.0  # "Specific Roles in AI" for "what kinds of specialized roles exist"
    conjuncts = _head_conjuncts(heading)
    if len(conjuncts) > 1 and any(not (c & broad) for c in conjuncts) and any(c & broad for c in conjuncts):
        score -= 1.0  # "Education and Experience" names more than "what kind of experience" asks
    own = [c for c in chunks if c.section == path] or chunks
    # the question's own examples among the items ("conferences, courses" under Continuous Learning)
    said = set().union(*(tokens_of(ln.text) for c in own for ln in lines_of(c))) if own else set()
    score += min(1.5, 0.5 * len((specific - h_tokens) & said))
    ranks = [r for c in own if (r := scope.rank(c))]
    if ranks:
        score += 1.0 / min(ranks)
    return score


# the most a heading's score gets from its passage's retrieval rank (1 / rank)
_RANK_NOISE = 1.0

_WRAP_UP = re.compile(
    r"^\s*(conclusions?|summary|in summary|final thoughts|introduction|overview|"
    r"(additional|other|further) (considerations|notes|information))\s*$",
    re.I,
)


def _heading_order(scope: Scope) -> dict[tuple[str, ...], int]:
    """Where each heading (and each of its parents) first starts, in document order."""
    order: dict[tuple[str, ...], int] = {}
    for c in sorted(scope.chunks, key=lambda c: (c.source, c.start_line)):
        for i in range(1, len(c.section) + 1):
            order.setdefault(c.section[:i], c.start_line)
    return order


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
    not_pay = bool(query.aspects) and "pay" not in query.aspects
    # "what should I major in if I want to lead AI teams?": an education line, not "Team Leadership"
    aspect_rx = vocab.ASPECT_SECTIONS.get(query.aspects[0]) if query.aspects else None
    if aspect_rx and not any(re.search(aspect_rx, c.section_path, re.I) for c in scope.chunks):
        aspect_rx = None
    for c in scope.chunks:
        outside = bool(aspect_rx) and not re.search(aspect_rx, c.section_path, re.I)
        rank = scope.rank(c)
        for ln in lines_of(c):
            if not ln.is_bullet or ln.text.endswith(":"):
                continue
            if not_pay and (ln.is_pay or re.search(vocab.ASPECT_SECTIONS["pay"], c.section_path, re.I)):
                continue  # "what should I major in?" is not answered by "Other major cities: ..." pay
            label = set(tokenize(ln.label)) if ln.label else set()
            if outside and len(specific & label) < 2:
                continue  # outside the aspect's sections only a label naming the thing itself answers
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


def _other_things_asked(query: Query, scope: Scope, line: Line) -> list[Line]:
    """For "which ML frameworks and cloud platforms?" answered by the "Cloud Platforms" line: the line
    naming each other thing asked ("AI frameworks (e.g., TensorFlow, PyTorch)")."""
    asked = query.asks_for
    if asked is None and len(query.text.split()) <= 6:
        # "ok and frameworks + cloud?": a follow-up that is only the things asked
        lead_in = r"^\W*(?:(?:ok|okay|so|and|also|what about|how about)\b\W*)+"
        asked = re.sub(lead_in, "", query.text).rstrip(" ?")
    parts = re.split(r"\s*(?:,|&|\+|\band\b)\s*", asked or "")  # (not "or": alternatives, one answer)
    said = tokens_of(line.text)
    out: list[Line] = []
    for part in parts if len(parts) > 1 else []:
        words = specific_tokens(dataclasses.replace(query, text=part), scope)
        if not words or words & said:
            continue  # the line found already names this one
        other = _label_answer(dataclasses.replace(query, text=part), scope, 0.0)
        if other is None and len(part.split()) > 1:  # "ML frameworks": the frameworks, as the line says
            other = _label_answer(dataclasses.replace(query, text=part.split()[-1]), scope, 0.0)
        if other is not None and other is not line and all(o is not other for o in out):
            out.append(other)
            said |= tokens_of(other.text)
    return out


def plan_list(query: Query, scope: Scope, plan: Plan, *, min_score: float = 1.0) -> bool:
    """Every item of the section the question names (its bullets, or its sub-headings)."""
    sections = _sections(scope)
    # a heading and its sub-headings are candidates; a parent without own bullets lists its children
    candidates = set(sections)
    for p in list(sections):
        for i in range(1, len(p)):
            candidates.add(p[:i])
    nouns = _asked_nouns(query)
    scored = []
    for path in candidates:
        chunks = [c for p, cs in sections.items() if p[: len(path)] == path for c in cs]
        if "pay" not in query.aspects:
            own = _items([ln for c in chunks if c.section == path for ln in lines_of(c)])
            if own and all(ln.has_money for ln in own):
                continue  # "what experience level is typical?" is not "Salary by Experience Level"
        scored.append((_section_score(path, query, scope, chunks, nouns), len(path), path))
    # on a tie: a section with items of its own ("Key Responsibilities") over one that only has
    # sub-headings, then the shallower, then the earlier in its document (deterministic: the
    # candidates are a set, whose order changes from run to run)
    own_items = {p: len(_items([ln for c in cs for ln in lines_of(c)])) >= 2 for p, cs in sections.items()}
    first = {
        p: min((c.source, c.start_line) for q, cs in sections.items() if q[: len(p)] == p for c in cs)
        for p in candidates
    }
    # a heading under another topic's ("Industry Trends > Responsibilities") tells it in passing: it
    # is ranked lower, though its score still says how well it names what is asked
    scored.sort(
        key=lambda t: (
            -(t[0] - _ASIDE * _aside(t[2], query)),
            not own_items.get(t[2], False),
            t[1],
            first[t[2]],
        )
    )
    parent_score = scored[0][0] if scored else 0.0
    path_chosen = False
    if scored:
        # a heading that names the asked things as well as its sub-heading does is the whole answer
        # ("Common Challenges" over its "Organizational Challenges"), unless the question's words
        # chose the sub-heading
        top = scored[0]
        asked = specific_tokens(query, scope) | nouns
        named = asked & set(tokenize(top[2][-1], expand=True))
        # and by the other words for them ("split" names the "Salary Breakdown", not "Salary Ranges")
        said_as = set(tokenize(query.text, expand=True)) - set(tokenize(query.text))
        named_as = (asked | said_as) & set(tokenize(top[2][-1], expand=True))
        parents = [
            t
            for t in scored
            if t[1] < top[1]
            and top[2][: t[1]] == t[2]
            and named
            and named_as <= set(tokenize(t[2][-1], expand=True))
        ]
        # not the kind of thing asked ("problems" of a challenges question)
        kind = set(tokenize(" ".join(vocab.aspect_words(query.text, query.aspects))))
        own_words = specific_tokens(query, scope) - nouns - kind
        chosen = [
            t
            for t in scored[1:]
            if t[1] == top[1] + 1
            and t[2][: top[1]] == top[2]
            and own_words & set(tokenize(t[2][-1]))
            and not own_words & set(tokenize(top[2][-1]))
        ]
        # "soft skills - communication, emotional intelligence, that kind of thing?": the question's
        # examples name two sub-headings of one parent, whose list of them is the answer
        examples = (
            [
                t
                for t in scored
                if len(t[2]) == top[1] and t[2][:-1] == top[2][:-1] and own_words & set(tokenize(t[2][-1]))
            ]
            if top[1] > 1
            else []
        )
        parent = next((t for t in scored if t[2] == top[2][:-1]), None)
        said = [own_words & set(tokenize(t[2][-1])) for t in examples]
        several = any(not (a & b) for i, a in enumerate(said) for b in said[i + 1 :])  # different examples
        if parents:
            scored.insert(0, min(parents, key=lambda t: t[1]))
        elif several and parent is not None and parent[0] >= top[0] - _RANK_NOISE:
            scored.insert(0, parent)
        elif chosen and not named - nouns:
            # "budget wise, what problems...": the sub-heading naming the question's own word
            # ("Resource Allocation and Budgeting") over its parent that only names the kind asked;
            # the parent's score says the question asks for this list at all
            scored.insert(0, chosen[0])
            path_chosen = True
        elif not own_items.get(top[2], False):
            # a heading of sub-headings only ("Core Responsibilities") ahead of one with items of its
            # own ("Key Responsibilities") by no more than a passage's rank: the items answer directly
            # and it names what the top heading names ("Technical Skills" is no "Essential Soft Skills")
            said = specific_tokens(query, scope) & set(tokenize(top[2][-1], expand=True))
            near = [
                t
                for t in scored[1:]
                if t[0] >= top[0] - _RANK_NOISE
                and own_items.get(t[2], False)
                and t[2][: top[1]] != top[2]
                and said <= set(tokenize(t[2][-1], expand=True))
            ]
            if near:
                scored.insert(0, near[0])
    section_score = scored[0][0] if scored else 0.0
    heading = set(tokenize(scored[0][2][-1], expand=True)) if scored else set()
    heads = _head_nouns(scored[0][2][-1]) if scored else set()
    if nouns and not all(group & heads for group in _asked_groups(query)):
        # no heading names the things asked for ("teams or departments"); a line that lists them is
        listing = _enumerating_line(query, scope, nouns)
        if listing is not None:
            for ln in (listing, *_other_things_asked(query, scope, listing)):
                plan.add(Planned(phrasing.line_sentence(ln), (ln,)))
            return True
    line = _label_answer(query, scope, section_score)
    specific = specific_tokens(query, scope)
    heading_match = 2.0 * (len(specific & heading) + bool(nouns & heading))
    label = set(tokenize(line.label or "", expand=True)) if line else set()
    label_match = 2.0 * (len(specific & label) + bool(nouns & label))
    if not label_match and _ASPECT_NOUNS & set(tokenize(query.text)) & heading:
        heading_match += 2.0  # "Skills" for "what skills / tools do I need" over a line saying "tools"
    if line is not None and (heading_match == 0 or label_match > heading_match):
        for ln in (line, *_other_things_asked(query, scope, line)):  # "frameworks and cloud platforms"
            plan.add(Planned(phrasing.line_sentence(ln), (ln,)))
        return True
    if not scored or max(section_score, parent_score if path_chosen else 0.0) < min_score:
        return False
    path = scored[0][2]
    order = _heading_order(scope)
    # a closing "Conclusion" or "Summary" section is the document's wrap-up, not an item of the list
    children = [c for c in _children(path, candidates, order) if not _WRAP_UP.match(c[-1])]
    own = _items([ln for c in sections.get(path, []) for ln in lines_of(c)])

    def under(p: tuple[str, ...]) -> list[Line]:
        return [ln for q, cs in sections.items() if q[: len(p)] == p for c in cs for ln in lines_of(c)]

    names_them = bool(nouns & set(tokenize(path[-1], expand=True)))  # "roles" under "Specific Roles"
    if (
        children
        and len(own) < 2
        and len(children) <= 3
        and not names_them
        and all(_items(under(ch)) for ch in children)
    ):
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
    aspect_rx = vocab.ASPECT_SECTIONS.get(query.aspects[0]) if query.aspects else None
    if aspect_rx and support and not re.search(aspect_rx, " ".join(path), re.I):
        # "what certs should a DevOps engineer get?" under "Requirements": the item labelled
        # "Certifications", not the education and experience beside it
        # the label or the text says it: "CDL: A Class A commercial driver's license is required"
        named = [ln for ln in support if ln.label and re.search(aspect_rx, ln.text, re.I)]
        if named and len(named) < len(support):
            support, items = named, [ln.label for ln in named]
    conjuncts = _head_conjuncts(path[-1])
    asked = [c for c in conjuncts if c & set(tokenize(query.text, expand=True))]
    if len(conjuncts) > 1 and len(asked) == 1 and support:
        # "what tools should I learn?" under "Certifications and Tools": the items about tools (a licence
        # is a certification's kind: the asked thing's aspect words count too)
        kind = next(
            (rx for rx in vocab.ASPECT_SECTIONS.values() if any(re.search(rx, w, re.I) for w in asked[0])),
            None,
        )
        named = [
            ln
            for ln in support
            if asked[0] & set(tokenize(ln.text, expand=True)) or (kind and re.search(kind, ln.text, re.I))
        ]
        if named and len(named) < len(support):
            support = named
            items = [ln.label if ln.label else ln.text.rstrip(".") for ln in named]
    return _render_items(scope, plan, path, items, support)


def _render_items(
    scope: Scope, plan: Plan, path: tuple[str, ...], items: list[str], support: list[Line]
) -> bool:
    """A section's items as the answer: labelled items in full when short, else the list by name."""
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
    what = phrasing.heading_words(path[-1])
    # "key responsibilities", "challenges in AI" are plural; "market demand", "business" are not
    head = re.split(r"\s+(?:in|of|for|at|within|across)\s+", what)[0]
    # a clause or gerund heading ("What the Job Involves", "Staying Updated with AI Advancements")
    # reads "Under ..., the documents list ..."
    plural = bool(re.search(r"(?<!s)s$", head)) and not re.match(
        r"(what|where|how|when|who|why)\b|\w+ing\b", what, re.I
    )
    text = phrasing.render(
        "list" if plural else "list_singular",
        what=what,
        What=re.sub(r"\s*\(.*?\)\s*", " ", path[-1]).strip(),
        who=phrasing.role_words(scope.role),
        items=phrasing.join(shown),
    )
    if len(items) > len(shown):
        text += phrasing.render("list_more", n=len(items) - len(shown))
    plan.add(Planned(text, tuple(support)))
    return True


_ASKS_REQUIRED = re.compile(
    r"\b(required|require|requirement|must|need|needed|necessary|mandatory|have to|essential)\b", re.I
)


_BENEFIT_WORDS = set(tokenize("benefit benefits perk perks offer offered come with"))
# "would a master's help?", "is a PMP worth it?": whether it counts for something, not whether it is required
_ASKS_WORTH = re.compile(r"\b(preferred|help|helps|helpful|useful|beneficial|worth|advantage|valued)\b", re.I)
_DEFINITE = re.compile(r"\b(required|mandatory)\b", re.I)
# generic words of a yes/no question other than its verb of need ("necessary" matches "may be necessary")
_FILLER = _GENERIC_TOKENS - set(tokenize("required require requires need needs needed necessary must should"))


# a count of things that is no figure a line could give: "~15 papers", "3 kids" (not "15 years", "15%")
_COUNT_OF_THINGS = re.compile(
    r"(?<![$\d.,])\b\d+\s+(?!(?:years?|yrs?|months?|percent|%|k|thousand|million|hours?|an? |per\b)\b)[a-z]",
    re.I,
)


def _asked_figures(text: str) -> set[str]:
    """The figures a yes/no question names ("over 300 thousand?", "with 3 years"), not its counts."""
    text = re.sub(r"(\d+)\s*thousand", r"\1k", text, flags=re.I)
    return set(vocab.extract_numbers(_COUNT_OF_THINGS.sub(" ", text)))


def _yes_no_line(query: Query, scope: Scope) -> Line | None:
    ranked = _yes_no_lines(query, scope)
    return ranked[0][1] if ranked and ranked[0][0] >= 1.0 else None


def _yes_no_lines(query: Query, scope: Scope) -> list[tuple[float, Line]]:
    """Every line scored as the answer to a yes/no question, best first."""
    q_tokens = set(tokenize(query.text, expand=True)) - set(tokenize(scope.role or ""))
    # "do I need", "is ... required": the question's verb, not what it is about
    # and words that say nothing about the topic ("to get one of these jobs")
    q_tokens = (q_tokens - (_TYPE_WORDS - _ASPECT_NOUNS) - _FILLER) or q_tokens
    q_numbers = _asked_figures(query.text)
    asks_required = bool(_ASKS_REQUIRED.search(query.text))
    # the question itself, not the situation told before it ("~15 papers, never led an industry team.")
    asked = vocab.asked_part(query.text)
    in_question = q_tokens & set(tokenize(asked, expand=True)) if asked != query.text else set()
    scored: list[tuple[float, Line]] = []
    for c in scope.chunks:
        rank = scope.rank(c)
        for ln in lines_of(c):
            own = set(tokenize(ln.text))
            t = own | set(tokenize(c.section_path))
            s = len(q_tokens & t) / (len(q_tokens) ** 0.5 + 1e-9)
            s += 0.2 * len(q_tokens & own)  # the line itself says it, not only its heading
            s += 0.3 * len(in_question & own)
            if asks_required:
                # "need any certification?": the line that says what is (not) required, then one that
                # says how much it is wanted, over one that only names it
                s += 0.3 if _DEFINITE.search(ln.text) else 0.2 if vocab.claim_strength(ln.text) else 0.0
            if q_numbers and q_numbers & set(ln.numbers):
                s += 2
            for aspect in query.aspects[:1]:
                rx = vocab.ASPECT_SECTIONS.get(aspect)
                if rx and re.search(rx, c.section_path, re.I):
                    s += 0.5
                if rx and ln.label and re.search(rx, ln.label, re.I):
                    s += 0.05  # a tie-break: "Education: ..." names what is asked
            if rank:
                s += 0.6 / rank
            if ln.text.endswith(":"):
                continue
            scored.append((s, ln))
    # a stable sort: the first line found wins a tie (document order within a passage)
    return sorted(scored, key=lambda t: -t[0])


def _strength_line(query: Query, scope: Scope, line: Line) -> Line | None:
    """For "are certifications required?" answered by a line that names them without saying how much
    they are wanted ("AI Certifications: ... AWS Certified ..."): the best line on the same thing that
    does say it ("certifications ... can be highly beneficial"), close enough in score to answer too."""
    if not _ASKS_REQUIRED.search(query.text) or vocab.claim_strength(line.text):
        return None
    credentials = [a for a in query.aspects[:2] if a in ("certifications", "education")]
    if query.aspects[:1] not in (("certifications",), ("education",)):
        return None  # a credential is what is asked; "experience with cloud platforms" asks of the platforms
    # the thing asked about, as the question names it ("certifications") and as the line does
    named = set(tokenize(" ".join(vocab.aspect_words(query.text, credentials))))
    thing = named & tokens_of(line.text)
    if not thing:
        return None
    specific = specific_tokens(query, scope)
    found = [
        (len(specific & tokens_of(ln.text)), s, ln)
        for s, ln in _yes_no_lines(query, scope)
        if s >= 1.0 and ln is not line and vocab.claim_strength(ln.text) and thing <= tokens_of(ln.text)
    ]
    # the one naming most of what else the question says ("machine learning" of an AWS ML cert)
    return max(found, key=lambda t: (t[0], t[1]))[2] if found else None


def plan_yes_no(query: Query, scope: Scope, plan: Plan) -> bool:
    line = _yes_no_line(query, scope)
    if line is None:
        return False
    said = _strength_line(query, scope, line)
    if said is not None:
        _plan_yes_no_line(query, scope, plan, said)  # how much it is wanted, then what it names
        plan.add(Planned(phrasing.line_sentence(line), (line,)))
        return True
    done = _plan_yes_no_line(query, scope, plan, line)
    for other in _labels_named(query, scope, line):
        plan.add(Planned(phrasing.line_sentence(other), (other,)))  # "company size or my specialization"
    also = _second_statement(query, scope, line)
    if also is not None:
        plan.add(Planned(phrasing.line_sentence(also), (also,)))
    return done


def _second_statement(query: Query, scope: Scope, line: Line) -> Line | None:
    """For a yes/no question on how much a credential or experience is wanted ("would a master's
    help?"), what another passage says of the same thing, in its own strength ("... may be necessary for
    more advanced positions"): documents often state a requirement twice, each with a different nuance."""
    if query.aspects[:1] not in (("education",), ("certifications",), ("experience",)):
        return None
    if not vocab.claim_strength(line.text):
        return None
    thing = set(tokenize(" ".join(vocab.aspect_words(query.text, query.aspects[:1])))) & tokens_of(line.text)
    if not thing:
        return None
    ranked = _yes_no_lines(query, scope)
    best = ranked[0][0] if ranked else 0.0
    for s, ln in ranked:
        if s < max(1.0, 0.7 * best):
            break
        if (
            ln.chunk is not line.chunk
            and vocab.claim_strength(ln.text)
            and thing <= tokens_of(ln.text)
            and not ln.has_money
            # it adds a nuance ("... may be necessary"), not the same claim again in other words
            and vocab.modal_strength(ln.text) != vocab.modal_strength(line.text)
            and _degrees(line.text) <= _degrees(ln.text)  # of a bachelor's, not of "advanced degrees"
        ):
            return ln
    return None


def _labels_named(query: Query, scope: Scope, line: Line) -> list[Line]:
    """The other lines of the answer's passage whose labels the question names in full ("does company
    size or my specialization change it?" -> "Company Size: ...", "Specialization: ...")."""
    if not line.label:
        return []
    asked = specific_tokens(query, scope)

    def named(ln: Line) -> set[str]:
        label = set(tokenize(ln.label or "")) - _GENERIC_TOKENS
        return label if ln.label and label and label <= asked and not ln.text.endswith(":") else set()

    out = [ln for ln in lines_of(line.chunk) if ln is not line and named(ln)]
    # one word naming one label ("degree" of "Degree: ...") may only be the kind of thing asked about;
    # two labels named, or one of two words ("Company Size"), are things asked about
    names = [named(ln) for ln in out] + ([named(line)] if named(line) else [])
    return out if len(names) >= 2 or any(len(n) >= 2 for n in names) else []


def _plan_yes_no_line(query: Query, scope: Scope, plan: Plan, line: Line) -> bool:
    verdict = None
    text = line.text
    q_numbers = _asked_figures(query.text)
    if q_numbers and q_numbers & set(line.numbers) and ASKS_MORE.search(query.text):
        if re.search(r"exceed|above|over|more than|\+", text, re.I):
            verdict = "yes"
    elif _ASKS_REQUIRED.search(query.text):
        strength = vocab.claim_strength(text)
        if vocab.NEGATION.search(text) and re.search(
            r"not (required|necessary|needed|mandatory)", text, re.I
        ):
            # "may be necessary for clinical positions; not required for retail": it depends
            depends = re.search(
                r"\b(may|might|can|often|sometimes|but)\b[^.;]*\b(necessary|required|needed)\b", text, re.I
            )  # "not required for all positions, but required to sign audit reports": it depends
            verdict = "not_always" if depends else "no"
        else:
            verdict = {
                "required": "yes",
                "typical": "usually",
                "preferred": "not_always",
                "possible": "not_always",
            }.get(strength or "", None)
    elif _ASKS_WORTH.search(query.text):
        if vocab.claim_strength(text) in ("preferred", "possible", "typical", "required"):
            verdict = "yes"
    sentence = phrasing.line_sentence(line)
    if line.label and phrasing.words(line.label).lower() not in sentence.lower():
        sentence = phrasing.sentence(f"{line.label}: {line.body}")  # "EPA Section 608: required for..."
    elif not line.label and line.is_bullet and len(line.text.split()) <= 6 and line.chunk.section:
        # a bare list item says little alone: "Additional Benefits: 401(k) matching"
        sentence = phrasing.sentence(f"{line.chunk.section[-1]}: {line.text}")
        named = specific_tokens(query, scope) - _BENEFIT_WORDS
        if (
            verdict is None
            and "benefits" in query.aspects
            and re.search(vocab.ASPECT_SECTIONS["benefits"], line.chunk.section_path, re.I)
            and named
            and named <= tokens_of(line.text)  # the line names every word of what was asked, no more
        ):
            verdict = "yes"  # "do they get health insurance?": it is one of the benefits listed
    if verdict and not vocab.asks_either_or(query.text):  # "A or B?" is answered by the line, not "Yes"
        sentence = phrasing.render(f"verdict_{verdict}", sentence=sentence)
    plan.add(Planned(sentence, (line,)))
    if verdict in ("not_always", "no") and "education" in query.aspects[:1]:
        # "Do I need a PhD?" - "Not always. ... often preferred"; and what the documents do require
        base = _required_instead(line, scope)
        if base is not None:
            plan.add(Planned(phrasing.line_sentence(base), (base,)))
    return True


_REQUIREMENT_SECTIONS = re.compile(
    "|".join(vocab.ASPECT_SECTIONS[a] for a in ("education", "experience", "certifications", "skills")), re.I
)


def plan_strengths(query: Query, scope: Scope, plan: Plan) -> bool:
    """ "What's a must-have vs a nice-to-have?": the requirement lines that say they are required (or
    typically required), then those that say they are preferred or helpful, in the documents' words."""
    must: list[Line] = []
    nice: list[Line] = []
    for c in sorted(scope.chunks, key=lambda c: (scope.rank(c) or 99, c.start_line)):
        if not _REQUIREMENT_SECTIONS.search(c.section_path):
            continue
        for ln in lines_of(c):
            strength = vocab.claim_strength(ln.text)
            if not ln.is_bullet or ln.text.endswith(":") or ln.has_money or not strength:
                continue
            group = (
                must if strength in ("required", "typical") and not vocab.NEGATION.search(ln.text) else nice
            )
            if all(o.text != ln.text for o in must + nice):
                group.append(ln)
    if not must or not nice:
        return False
    for key, lines in (("must_have", must[:2]), ("nice_to_have", nice[:3])):
        for i, ln in enumerate(lines):
            text = phrasing.line_sentence(ln)
            plan.add(Planned(phrasing.render(key, sentence=text) if i == 0 else text, (ln,)))
    return True


_DEGREE = re.compile(r"\b(degree|bachelor|master|ph\.?\s?d|doctorate|diploma|associate)", re.I)


def _degrees(text: str) -> set[str]:
    return {stem(m.lower()) for m in _DEGREE.findall(text)}


def _required_instead(line: Line, scope: Scope) -> Line | None:
    """The degree line that says what is required or typical, next to one about a degree that is not."""
    for c in sorted(scope.chunks, key=lambda c: (scope.rank(c) or 99, c.start_line)):
        for ln in lines_of(c):
            if ln is line or ln.text == line.text or not _DEGREE.search(ln.text):
                continue
            if vocab.claim_strength(ln.text) in ("required", "typical") and not vocab.NEGATION.search(
                ln.text
            ):
                return ln
    return None


_DEMAND_HEADING = re.compile(vocab.ASPECT_SECTIONS["demand"], re.I)
# a lead-in that says what drives the demand: "The demand ... continues to grow, driven by several factors:"
_DRIVEN = re.compile(r"\b(driven by|due to|because of|fuell?ed by|factors?|reasons?)\b", re.I)


def plan_demand_drivers(query: Query, scope: Scope, plan: Plan) -> bool:
    """What the documents say drives the demand for a role: a demand section's lead-in ("continues to
    grow, driven by several factors:") with the sub-headings it introduces ("Skill Scarcity", ...)."""
    if scope.role is None:
        return False
    sections = _sections(scope)
    order = _heading_order(scope)
    paths = {p[:i] for p in sections for i in range(1, len(p) + 1)}
    for path in sorted(paths, key=lambda p: (len(p), order.get(p, 0))):
        if not _DEMAND_HEADING.search(path[-1]):
            continue
        # the lead-in sits before the first sub-heading's bullets, in that passage
        under = sorted(
            (c for p, cs in sections.items() if p[: len(path)] == path for c in cs),
            key=lambda c: c.start_line,
        )
        lead = next(
            (
                ln
                for c in under[:1]
                for ln in lines_of(c)
                if not ln.is_bullet and ln.text.rstrip().endswith(":") and _DRIVEN.search(ln.text)
            ),
            None,
        )
        children = []
        for ch in _children(path, {p[: len(path) + 1] for p in sections if len(p) > len(path)}, order):
            if _WRAP_UP.match(ch[-1]) or _DEMAND_HEADING.search(ch[-1]):
                break  # the factors end where the outlook itself ("Job Outlook") or a wrap-up begins
            children.append(ch)
        if lead is None or len(children) < 2:
            continue
        names = [phrasing.heading_words(ch[-1]) for ch in children[:MAX_LIST_ITEMS]]
        text = phrasing.sentence(f"{lead.text.rstrip().rstrip(':')}: {phrasing.join(names)}")
        plan.add(Planned(text, (lead,)))
        return True
    return False


def plan_named_section(query: Query, scope: Scope, plan: Plan) -> bool:
    """A pay question naming a heading in full whose items give no figure ("what are the salary
    trends?" -> "Salary Trends"): that section's items, not the pay figures."""
    if scope.role is None:
        return False
    words = tokenize(query.text)
    asked = " ".join(words)  # the heading's words in a row: "salary trends"
    names = set(tokenize(" ".join((scope.role, *scope.aliases))))
    sections = _sections(scope)
    # every word of the heading in the question (cached per heading), then their order
    said = set(words)
    named = [p for p in sections if p and tokens_of(p[-1]) - names <= said]
    for path in sorted(named, key=lambda p: min(c.start_line for c in sections[p])):
        heading = [t for t in tokenize(path[-1]) if t not in names]
        if len(heading) < 2 or f" {' '.join(heading)} " not in f" {asked} ":
            continue
        own = _items([ln for c in sections[path] for ln in lines_of(c)])
        if len(own) < 2 or any(ln.has_money for ln in own):
            continue  # the figures themselves are the pay planner's
        items = [ln.label if ln.label else ln.text.rstrip(".") for ln in own]
        return _render_items(scope, plan, path, items, own)
    return False
