"""A role's sections for list answers: their headings, how well one names what is asked, its items."""

from __future__ import annotations

import re

from assistant.answering import phrasing
from assistant.answering.lines import Line, lines_of, tokens_of
from assistant.answering.plan import (
    _FULL_ITEMS,
    MAX_LIST_ITEMS,
    Plan,
    Planned,
    Scope,
    role_words,
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


_REQUIREMENT_ASPECTS = frozenset(("education", "experience", "certifications", "skills"))


def _section_score(
    path: tuple[str, ...], query: Query, scope: Scope, chunks: list[Chunk], nouns: set[str]
) -> float:
    """How well a heading names what a list question asks for; the question's specific words count most."""
    if not path:
        return -1.0
    heading = path[-1]
    h_tokens = set(tokenize(heading))
    specific = specific_tokens(query, scope)
    # the role's names, its posting's title and employer ("at marlow county") say nothing of the section
    broad = set(tokenize(query.text, expand=True)) - role_words(query, scope)
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
    if "certifications" in query.aspects[:1] and own:
        # "what certifications do coders need": a list whose items are credentials ("CPC (Certified
        # Professional Coder)"), over a program's entrance requirements under a "certificate" heading
        items = [ln for c in own for ln in lines_of(c) if ln.is_bullet]
        if items:
            share = sum(bool(vocab.CERTIFICATE.search(ln.text)) for ln in items) / len(items)
            score += 1.5 * share - (1.0 if share == 0 else 0.0)  # no credential at all: no answer
    ranks = [r for c in own if (r := scope.rank(c))]
    if ranks:
        score += 1.0 / min(ranks)
    return score


_NUMBERED = re.compile(
    r"^(?:Slide|Section|Part|Step|Chapter|Module|Unit)\s+\d+\s*[\u2014\u2013:.-]+\s*", re.I
)
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


# a bullet longer than this many words is an item and its elaboration: its first sentence is the item
_SHORT_BULLET = 40


def _said_in_full(line: Line) -> bool:
    """Is the sentence part of its bullet's item: its first sentence, or any of a short bullet ("The
    facility operates 24 hours a day. Officers work 8-hour shifts ..."); not the elaboration after "CPC
    (Certified Professional Coder), from the AAPC." ("Graduates who pass the exam ...")."""
    return line.starts_item or sum(len(ln.text.split()) for ln in line.item) <= _SHORT_BULLET


def _items(lines: list[Line], *, pay: bool = True) -> list[Line]:
    """The list items of a section: its bullets; in a labelled list, only the labelled ones (a bullet's
    second sentence, "By meeting these requirements...", is no item of its own). Without ``pay``, a
    wage table beside the list ("Applicants must: (a) ... | Period 1: 60%; $22.71") is no item of it."""
    bullets = [ln for ln in lines if ln.is_bullet and not ln.text.endswith(":") and _said_in_full(ln)]
    if not pay:
        bullets = [ln for ln in bullets if not ln.is_pay] or bullets
    labelled = [ln for ln in bullets if ln.label]
    return labelled if len(labelled) >= max(2, len(bullets) // 2) else bullets


def _item_name(line: Line) -> str:
    """What a list item is called in the answer: its label, else its text without the closing stop."""
    return line.label or line.text.rstrip(".;, ")


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
    # a deck's or a manual's numbering is no part of the heading's name ("Slide 2 — The job")
    title = _NUMBERED.sub("", path[-1]) or path[-1]
    what = phrasing.heading_words(title)
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
        What=re.sub(r"^The\b", "the", re.sub(r"\s*\(.*?\)\s*", " ", title).strip()),
        who=phrasing.role_words(scope.role),
        items=phrasing.join(shown),
    )
    more = len(items) - len(shown)
    if more > 0:
        text += phrasing.render("list_more", n=more)
    # the count of the items not shown is code's, no figure of the documents
    plan.add(Planned(text, tuple(support), computed=(float(more),) if more > 0 else ()))
    return True
