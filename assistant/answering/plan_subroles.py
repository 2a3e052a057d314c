"""The jobs a role family's page covers under their own headings ("### Mail carriers", "## Private
investigator" > "#### Pay"): a question about one is answered from its sections, as if it were a role."""

from __future__ import annotations

import dataclasses
import re

from assistant.answering import phrasing
from assistant.answering import plan as planner
from assistant.answering.lines import lines_of
from assistant.indexing.text import tokenize
from assistant.types import Chunk
from assistant.understanding import vocabulary as vocab

_BRACKETS = re.compile(r"\s*[\(\[][^()\[\]]*[\)\]]")


def _words(text: str) -> list[str]:
    """A name's word stems, without stopwords and notes in brackets: "Postal service clerks" -> postal,
    servic, clerk."""
    return tokenize(_BRACKETS.sub("", text or ""))


def _job_headings(chunks: list[Chunk]) -> list[str]:
    """The headings that name a job and cover part of the page, not all of it (its title); the
    outermost ones ("## Mediators", not its "### Path to becoming a mediator")."""
    seen: dict[str, int] = {}
    for c in chunks:
        for h in dict.fromkeys(c.section):
            seen[h] = seen.get(h, 0) + 1
    jobs = [h for h, n in seen.items() if n < len(chunks) and vocab.names_a_job(_BRACKETS.sub("", h))]
    inner = {h for c in chunks for i, h in enumerate(c.section) if any(j in jobs for j in c.section[:i])}
    return [h for h in jobs if h not in inner]


def _owners(chunks: list[Chunk], jobs: set[str]) -> dict[str, str | None]:
    """Each passage's job heading (chunk id -> heading), None for the family's own sections.

    A sub-heading under a job is that job's when the page gives its jobs sub-headings alike ("## Private
    investigator" > "#### Pay", as every job has); "### Outlook" under the last job of a page whose other
    jobs have none is the family's, however the page nested it."""
    children: dict[str, set[str]] = {}
    for c in chunks:
        for h, below in zip(c.section, c.section[1:], strict=False):
            if h in jobs:
                children.setdefault(h, set()).add(below)
    alike = len(children) >= 2
    out: dict[str, str | None] = {}
    for c in chunks:
        job = next((h for h in reversed(c.section) if h in jobs), None)
        out[c.chunk_id] = job if job is None or c.section[-1] == job or alike else None
    return out


def heading_for(chunks: list[Chunk], name: str, role: str | None = None) -> str | None:
    """The one job heading a name asks about: its job word and (when it has more) one more of its words,
    and a word the role's own name and the levels lack ("School counselors" of "Counselors and
    Therapists"; no "Senior Engineer" level heading of a Mechanical Engineer's page).

    "postal clerk" is "Postal service clerks"; "mental health counselor" is "Mental health counselors
    (LPC / LMHC)", not "Rehabilitation counselors"."""
    return _heading_among(_job_headings(chunks), name, role)


def _heading_among(jobs: list[str], name: str, role: str | None) -> str | None:
    asked = set(_words(name))
    own = set(_words(role or "")) | vocab.LEVEL_PHRASE_TOKENS
    best: list[tuple[float, str]] = []
    for h in jobs:
        words = _words(h)
        if not words or words[-1] not in asked or not (set(words) - own) & asked:
            continue
        shared = len(set(words) & asked)
        if len(words) > 1 and shared < 2:
            continue
        best.append((shared / len(set(words)), h))
    if not best:
        # "an LMFT": the initials a heading gives in brackets ("Marriage and family therapists (LMFT)")
        typed = set(re.findall(r"\b[A-Z]{2,6}\b", name))
        best = [
            (1.0, h)
            for h in jobs
            if typed & {i for b in _BRACKETS.findall(h) for i in re.findall(r"\b[A-Z]{2,6}\b", b)}
        ]
    best.sort(key=lambda t: -t[0])
    if not best or (len(best) > 1 and best[1][0] == best[0][0]):
        return None
    return best[0][1]


@dataclasses.dataclass(frozen=True)
class SubRole:
    """A job of a family page: its name, the role's passages to answer from, and its own passages."""

    name: str
    scope: planner.Scope
    own: tuple[Chunk, ...]


def scope_of(scope: planner.Scope, name: str) -> SubRole | None:
    """The role's passages about one of its jobs: under that job's heading, or under no job's heading
    (the family's outlook, benefits, career path); never under another job's heading."""
    jobs = _job_headings(scope.chunks)
    heading = _heading_among(jobs, name, scope.role)
    if heading is None:
        return None
    owners = _owners(scope.chunks, set(jobs))
    keep = [c for c in scope.chunks if owners[c.chunk_id] in (heading, None)]
    if len(keep) == len(scope.chunks):
        return None
    ids = {c.chunk_id for c in keep}
    hits = [h for h in scope.hits if h.chunk.chunk_id in ids]
    own = tuple(c for c in keep if owners[c.chunk_id] == heading)
    return SubRole(
        _BRACKETS.sub("", heading).strip(), dataclasses.replace(scope, chunks=keep, hits=hits), own
    )


# a run-in heading: one to three capitalised words and a full stop ("Requirements.", "Pay and Benefits.")
_RUN_IN_HEADING = re.compile(r"^[A-Z][\w'&-]*(?:\s+(?:and|&|of|[A-Z][\w'&-]*)){0,2}\.$")


def plan_duties(job: SubRole, plan: planner.Plan) -> bool:
    """ "what does a tool and die maker do?": the opening lines under its heading, which describe it,
    when it has no duties section of its own; up to the first line about something else (pay, "Getting
    in:", "Extra requirements for carriers:")."""
    own = job.own
    duties = re.compile(vocab.ASPECT_SECTIONS["duties"], re.I)
    if not own or any(duties.search(c.section[-1]) for c in own):
        return False  # its duties section answers it
    said = []
    # the lines right under it, not "#### Pay"'s; a short opening may share its passage with the first
    # sub-heading's list ("Gathers facts for lawyers, ..." above "#### Requirements")
    under = [c for c in own if _BRACKETS.sub("", c.section[-1]).strip() == job.name] or own[:1]
    merged = _BRACKETS.sub("", under[0].section[-1]).strip() != job.name
    for ln in (ln for c in under for ln in lines_of(c)):
        text = ln.text.rstrip()
        if ln.has_money or text.endswith(":") or _RUN_IN_HEADING.match(text):
            # a figure, a list's lead-in, a run-in heading ("**Requirements.**"), not "Writes the programs."
            break
        if merged and ln.is_bullet:
            break
        if text.startswith("(") and text.rstrip(".").endswith(")"):
            continue  # an aside ("(BLS groups them with college advisors.)")
        if ln.label and not duties.search(ln.label):
            break
        said.append(ln)
        if len(said) == 4:
            break
    for ln in said:
        plan.add(planner.Planned(phrasing.line_sentence(ln), (ln,)))
    return bool(said)
