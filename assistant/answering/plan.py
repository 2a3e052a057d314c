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

# a list never runs on: past this many items the rest are one click away in the cited passage
MAX_LIST_ITEMS = 10
# a question asking whether a figure is exceeded ("can pay go above 300k?")
ASKS_MORE = re.compile(r"\b(above|over|exceed|more than|beyond|top|higher than|at least)\b", re.I)
# labelled list items whose text fits in this many words are given in full, not as bare labels
_FULL_ITEMS = 100
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
    aliases: tuple[str, ...] = ()  # the role's other names ("HR", "HR Specialist"): no specific words

    def rank(self, chunk: Chunk) -> int | None:
        for h in self.hits:
            if h.chunk.chunk_id == chunk.chunk_id:
                return h.rank
        return None


# -- choosing pay lines -------------------------------------------------------------------------
_TYPE_WORDS = set(
    tokenize(
        "what which who how are is does do the list name some typical "
        "duties duty responsibilities responsibility tasks skills skill requirements qualifications "
        "certifications certification role job position work include includes involve mentioned need "
        "needed required expected should know have all day days daily everyday"
    )
)


def _initials(names: tuple[str, ...]) -> set[str]:
    """ "hr" for "Human Resources Specialist", "qa" for "Software Quality Assurance ...": a role's
    initials name the role, they say nothing specific."""
    out = set()
    for name in names:
        words = re.findall(r"[A-Za-z]+", name)
        for n in (2, 3, 4):
            out |= {"".join(w[0] for w in words[i : i + n]).lower() for i in range(len(words) - n + 1)}
    return out


def role_words(query: Query, scope: Scope, *, aliases: bool = True) -> set[str]:
    """The question's words that name its role: the role's names, and short forms of them ("vet tech"
    for Veterinary Technicians). ``aliases=False`` leaves out the other names' words ("CDL" of "CDL
    driver" is also the licence a yes/no question asks about)."""
    names = (scope.role or "", *(scope.aliases if aliases else ()), *query.roles)
    words = set(tokenize(" ".join(names)))
    short = {
        t
        for w in re.findall(r"[a-z]+", query.text.lower())
        if w in vocab.ABBREVIATIONS and set(tokenize(vocab.ABBREVIATIONS[w])) & words
        for t in tokenize(w)
    }
    return words | short | _initials(names)


def specific_tokens(query: Query, scope: Scope) -> set[str]:
    """The words that make a question specific: "programming languages" in "Which programming languages"."""
    role_words_ = role_words(query, scope) | vocab.LEVEL_TOKENS
    out = set(tokenize(vocab.topic_text(query.text))) - _TYPE_WORDS - role_words_ - _GENERIC_TOKENS
    # "beyond the technical side, what soft skills?": what is set aside is not asked for
    out -= set(tokenize(vocab.set_aside_words(query.text))) - set(
        tokenize(vocab.without_set_aside(query.text))
    )
    # "security" of "Cybersecurity Analyst" names the role too
    return {t for t in out if not any(w != t and len(t) >= 5 and w.endswith(t) for w in role_words_)}


def _best(scored: list[tuple[float, Line]]) -> list[tuple[float, Line]]:
    return sorted(scored, key=lambda t: (-t[0], t[1].chunk.start_line, t[1].index))


def _all_lines(scope: Scope) -> list[Line]:
    return [ln for c in scope.chunks for ln in lines_of(c)]


def plan_subject(query: Query, scope: Scope, plan: Plan) -> bool:
    """A role the documents only mention (a career step, a specialisation): what they say about it."""
    subject = set(tokenize(query.subject or ""))
    if not subject:
        return False
    found: list[Line] = []
    if vocab.career_direction(query.text) or "career" in query.aspects:
        # "what jobs come before nurse manager?": the career lines that name it ("Clinical Ladder: Staff
        # nurse, then charge nurse, nurse manager ..."), not its pay
        rx = re.compile(rf"\b{re.escape(query.subject or '')}\b", re.I)
        career = re.compile(vocab.ASPECT_SECTIONS["career"], re.I)
        found = [
            ln
            for c in scope.chunks
            for ln in lines_of(c)
            if rx.search(ln.text)
            and not ln.has_money
            and (career.search(c.section_path) or career.search(ln.text))
        ]
    for c in scope.chunks if not found else []:
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


# -- explanations ---------------------------------------------------------------------------------
def _aspect_hits(query: Query, scope: Scope, hits: list[Hit]) -> list[Hit]:
    """The passages under a heading of the aspect asked ("what should I major in?" is answered from an
    education section, not from a line that shares the word "major"); a role's such passages when
    retrieval found none."""
    rx = vocab.ASPECT_SECTIONS.get(query.aspects[0]) if query.aspects else None
    if rx is None:
        return []
    fits = [h for h in hits if re.search(rx, h.chunk.section_path, re.I)]
    if not fits and scope.role is not None:
        chunks = [c for c in scope.chunks if re.search(rx, c.section_path, re.I)]
        fits = [Hit(chunk=c, rank=i + 1, score=0.0) for i, c in enumerate(chunks[:3])]
    return fits


_DUTIES_LABEL = re.compile(vocab.ASPECT_SECTIONS["duties"], re.I)


def _answers_aspect(query: Query, line: Line) -> bool:
    if query.aspects[:1] == ("demand",):
        # the job's numbers ("employment ... to decline about 5%"), not pay's ("salaries growing 5%")
        return bool(vocab.PROJECTION.search(line.text) and not vocab.PAY_WORDS.search(line.text))
    # duties: "What the job is: you set up the sterile field ...", not a bare "Duties:" lead-in, nor
    # an employer's "What we do: ..."
    return bool(
        line.label
        and _DUTIES_LABEL.search(line.label)
        and not _EMPLOYER_VOICE.search(line.label)
        and len(line.body.split()) >= 6
    )


_EMPLOYER_VOICE = re.compile(r"\b(?:we|our|us)\b", re.I)


def _aspect_line(query: Query, scope: Scope, hits: list[Hit]) -> Line | None:
    """The line that answers the aspect by what it is, from the passages found first, else the role's:
    for demand the projection ("BLS expects ... to decline about 5% between 2024 and 2034"), for duties
    a line labelled as the job's description ("What the job is: you set up the sterile field ...")."""
    if not (
        query.aspects[:1] == ("demand",)
        or (query.aspects[:1] == ("duties",) and query.answer_type != vocab.YESNO)
    ):
        return None
    chunks = [h.chunk for h in sorted(hits, key=lambda h: h.rank)]
    if scope.role is not None:
        chunks += scope.chunks
    return next((ln for c in chunks for ln in lines_of(c) if _answers_aspect(query, ln)), None)


# what an aspect's answer names, read with the aspect: "what schooling do you need" is answered by "an
# associate degree in mortuary science"
_ASPECT_READ = {
    "education": "degree",
    "certifications": "certification license",
    "experience": "years",
}


def plan_explanation(
    query: Query, scope: Scope, plan: Plan, *, max_sentences: int = MAX_EXPLANATION_SENTENCES
) -> bool:
    people = vocab.asks_who(query.text)
    hits = [h for h in scope.hits] or [
        Hit(chunk=c, rank=i + 1, score=0.0) for i, c in enumerate(scope.chunks[:5])
    ]
    focus = query.text if query.search_text != query.text else None
    projected = _aspect_line(query, scope, hits)
    fits = _aspect_hits(query, scope, hits)
    picked = []
    if fits:
        # "what should I major in?": the aspect's own passages, read with the aspect's name
        aspect = query.aspects[0]
        picked = extract(
            f"{query.search_text or query.text} {aspect} {_ASPECT_READ.get(aspect, '')}",
            fits,
            focus=focus,
            people=people,
        )
        hits = fits
    if not picked:
        hits = [h for h in scope.hits] or [
            Hit(chunk=c, rank=i + 1, score=0.0) for i, c in enumerate(scope.chunks[:5])
        ]
        read = _ASPECT_READ.get(query.aspects[0], "") if query.aspects else ""
        picked = extract(
            f"{query.search_text or query.text} {read}".strip(), hits, focus=focus, people=people
        )
    by_text = {}
    for h in hits:
        for ln in lines_of(h.chunk):
            by_text.setdefault((h.chunk.chunk_id, ln.text), ln)
    added = 0
    if projected is not None:
        plan.add(Planned(phrasing.line_sentence(projected), (projected,)))
        added += 1
    for unit, hi in picked:
        if projected is not None and unit == projected.text:
            continue
        ln = by_text.get((hits[hi].chunk.chunk_id, unit))
        support = (ln,) if ln else tuple(lines_of(hits[hi].chunk)[:1])
        plan.add(Planned(phrasing.line_sentence(ln) if ln else phrasing.sentence(unit), support))
        added += 1
        if added >= max_sentences:
            break
    return added > 0


def plan_both_line(query: Query, scope: Scope, plan: Plan) -> bool:
    """ "Do they still code, or is it all management?": a line saying the job is both ("serve as both
    technologists and team leaders", "balancing technical expertise with leadership") answers first."""
    if len(query.sides) != 2 or set(query.aspects) - {"duties", "conditions"}:
        return False  # "does senior technical experience count, or must it be management?" asks of years
    kinds = [vocab.work_kinds(side) for side in query.sides]
    if not all(kinds) or kinds[0] == kinds[1]:
        return False
    wanted = kinds[0] | kinds[1]
    # a section about both ("Leadership and Technical Expertise") first, then the passages found first
    found = sorted(
        (not wanted <= vocab.work_kinds(c.section[-1] if c.section else ""), scope.rank(c) or 99, n, i)
        for n, c in enumerate(scope.chunks)
        for i, ln in enumerate(lines_of(c))
        if vocab.BOTH.search(ln.text) and wanted <= vocab.work_kinds(ln.text)
    )
    for *_, n, i in found[:2]:
        ln = lines_of(scope.chunks[n])[i]
        plan.add(Planned(phrasing.line_sentence(ln), (ln,)))
    return bool(found)


def plan_side_lines(query: Query, scope: Scope, plan: Plan) -> bool:
    """Things set side by side ("at a big tech company vs a startup", "a research lead, a devops lead
    and an ethics lead"): for each side, the line that names it and no other side, so none goes
    unanswered."""
    if len(query.sides) != 2:
        return False
    parts = [p for side in query.sides for p in re.split(r",\s*(?:and\s+|or\s+)?", side) if p.strip()]
    names = (scope.role or "", *scope.aliases, *query.roles)
    common = set(tokenize(" ".join(names))) | _TYPE_WORDS | _GENERIC_TOKENS | vocab.LEVEL_TOKENS
    if "education" in query.aspects:
        common -= {"master"}  # "a master's or a bachelor's?": the degree, not a trade's master level
    sides = [set(tokenize(side)) - common for side in parts[:4]]
    added = False
    for i, own in enumerate(sides):
        others = set().union(*(o for j, o in enumerate(sides) if j != i))
        only = own - others
        if not only:
            continue
        best: tuple[float, int, Line] | None = None
        for c in scope.chunks:
            heading = set(tokenize(c.section[-1] if c.section else ""))
            rank = scope.rank(c)
            if rank is None and not only & heading:
                continue  # the passages found for the question, or one headed by the side's name
            rank = rank or 99
            for ln in lines_of(c):
                t = set(tokenize(ln.text)) | heading
                if not (only & t) or (others - own) & t or ln.text.endswith(":"):
                    continue
                key = (-len(own & t), rank, ln)
                if best is None or key[:2] < best[:2]:
                    best = key
        if best is not None:
            ln = best[2]
            text = phrasing.line_sentence(ln)
            if not ln.label and ln.chunk.section and only & set(tokenize(ln.chunk.section[-1])):
                # the side is named by the heading, not the line: "AI Research Lead Engineer: Focuses on ..."
                text = phrasing.sentence(f"{ln.chunk.section[-1]}: {ln.text}")
            said = next((i for i, p in enumerate(plan.sentences) if p.support == (ln,)), None)
            if said is not None:
                plan.sentences[said] = Planned(text, (ln,))  # the line is already said: name its side
                continue
            before = len(plan.sentences)
            plan.add(Planned(text, (ln,)))
            added = added or len(plan.sentences) > before
    return added
