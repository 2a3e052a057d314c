"""Plans for list questions: the section the question names and its items, or the line listing them."""

from __future__ import annotations

import dataclasses
import re

from assistant.answering import phrasing
from assistant.answering.lines import Line, lines_of, tokens_of
from assistant.answering.plan import MAX_LIST_ITEMS, Plan, Planned, Scope, specific_tokens
from assistant.answering.plan_sections import (
    _WRAP_UP,
    _children,
    _head_conjuncts,
    _head_nouns,
    _heading_order,
    _item_name,
    _items,
    _render_items,
    _section_score,
    _sections,
)
from assistant.indexing.text import stem, tokenize
from assistant.understanding import vocabulary as vocab
from assistant.understanding.analysis import Query

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


def _aside(path: tuple[str, ...], query: Query) -> bool:
    """Is the heading nested under one about another topic than the question's?"""
    asked = {_FAMILY.get(a, a) for a in query.aspects}
    for parent in path[:-1]:
        about = {_FAMILY.get(a, a) for a, rx in vocab.ASPECT_SECTIONS.items() if re.search(rx, parent, re.I)}
        if asked and about and not about & asked:
            return True
    return False


# the most a heading's score gets from its passage's retrieval rank (1 / rank)
_RANK_NOISE = 1.0


# a forum post's heading: its poster and its votes or date ("u/ORtechDallas · CST, travel · 141 points",
# "Post #6 · dkessler_CHI · Jan 10, 2025")
_POST_HEADER = re.compile(
    r"(?:^|\s)u/\w|\b\d+ (?:points|upvotes|votes|likes)\b|^(?:Post|Reply|Comment) #?\d", re.I
)


def _names_aspect_in_items(query: Query, sections, scored) -> bool:
    """Does the best section list the things asked among its items ("CDL: ... license", "Medical
    Certificate: ..." under "Requirements")?"""
    rx = vocab.ASPECT_SECTIONS.get(query.aspects[0]) if query.aspects else None
    if not scored or rx is None:
        return False
    path = scored[0][2]
    items = _items([ln for c in sections.get(path, []) for ln in lines_of(c)])
    return any(re.search(rx, ln.item_text, re.I) for ln in items)


def _aspect_label(query: Query, scope: Scope) -> Line | None:
    """ "list the skills landscape architects need" where no heading names skills: the line labelled
    with them ("Strongly preferred skills: AutoCAD & design software, plant knowledge, ...")."""
    aspect = query.aspects[0] if query.aspects else None
    if aspect not in ("skills", "certifications", "education", "experience", "benefits"):
        return None
    rx = re.compile(vocab.ASPECT_SECTIONS[aspect], re.I)
    if any(rx.search(h) for c in scope.chunks for h in c.section[1:]):
        return None  # a section of its own answers
    found = [
        (scope.rank(c) or 99, i, ln)
        for i, c in enumerate(scope.chunks)
        for ln in lines_of(c)
        if ln.label and rx.search(ln.label) and ln.body.strip() and not ln.is_pay
    ]
    return min(found, key=lambda t: t[:2])[2] if found else None


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
            # a bullet, or a line led by its label ("**Flight hours:** The ATP requires 1,500 hours")
            if not (ln.is_bullet or ln.label) or ln.text.endswith(":"):
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
    # the lines before a document's first heading have no heading to name as the list
    candidates = {p for p in sections if p}
    for p in list(sections):
        for i in range(1, len(p)):
            candidates.add(p[:i])
    nouns = _asked_nouns(query)
    scored = []
    for path in candidates:
        chunks = [c for p, cs in sections.items() if p[: len(path)] == path for c in cs]
        if (
            len(path) == 1
            and len(candidates) > 1
            and any(c.title == path[0] for c in chunks)
            and not _items([ln for c in chunks if c.section == path for ln in lines_of(c)])
        ):
            continue  # the document's title, with no items of its own: its sections are no list
        if "pay" not in query.aspects:
            own = _items([ln for c in chunks if c.section == path for ln in lines_of(c)], pay=False)
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
        elif not own_items.get(top[2], False) and any(
            len(p) > top[1] and p[: top[1]] == top[2] for p in sections
        ):
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
    if line is None and not specific and not _names_aspect_in_items(query, sections, scored):
        # no heading names the things asked, nor the question's own words: the line labelled with them
        if (labelled := _aspect_label(query, scope)) is not None:
            plan.add(Planned(phrasing.sentence(f"{labelled.label}: {labelled.body}"), (labelled,)))
            return True
    if not scored or max(section_score, parent_score if path_chosen else 0.0) < min_score:
        return False
    path = scored[0][2]
    order = _heading_order(scope)
    # a closing "Conclusion" or "Summary" section is the document's wrap-up, not an item of the list
    children = [c for c in _children(path, candidates, order) if not _WRAP_UP.match(c[-1])]
    if children and sum(bool(_POST_HEADER.search(c[-1])) for c in children) * 2 >= len(children):
        return False  # a thread's posts ("u/scrubbedin_cbus · CST, 9 yrs · 188 points") are no list
    own = _items([ln for c in sections.get(path, []) for ln in lines_of(c)], pay="pay" in query.aspects)

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
        items = [_item_name(ln) for ln in support]
    elif children and len(own) < 2:
        items, support = [], []
        for child in children:
            items.append(child[-1])
            first = under(child)[:1]
            support.extend(first)
    else:
        support = own
        items = [_item_name(ln) for ln in own]
    aspect_rx = vocab.ASPECT_SECTIONS.get(query.aspects[0]) if query.aspects else None
    if aspect_rx and support and not re.search(aspect_rx, " ".join(path), re.I):
        # "what certs should a DevOps engineer get?" under "Requirements": the item labelled
        # "Certifications", not the education and experience beside it
        # the label or the text says it: "CDL: A Class A commercial driver's license is required"
        named = [ln for ln in support if ln.label and re.search(aspect_rx, ln.item_text, re.I)]
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
            items = [_item_name(ln) for ln in named]
    return _render_items(scope, plan, path, items, support)


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
        items = [_item_name(ln) for ln in own]
        return _render_items(scope, plan, path, items, own)
    return False
