"""Answers without a language model: the passages' own sentences and bullets that best match."""

from __future__ import annotations

import re

from assistant.indexing.text import BULLET, split_sentences, tables_as_lines, tokenize
from assistant.types import Hit
from assistant.understanding.vocabulary import levels, people_named

_PAY = re.compile(r"\b(pay|paid|earn|make|salar|compensation|income|wage|bonus|\$|money|stock|benefit)", re.I)
_YEARS = re.compile(r"\b(years?|how long|how much experience)\b", re.I)


# a section's closing paragraph that runs on after its last bullet without a full stop:
# "... reports for AI systems By mastering these soft skills, ..."
# the words a section's closing paragraph starts with ("By mastering these ...", "Overall, ...")
_CLOSING = r"By|The|These|This|As|In|With|Successfully|Overall|Together"
_RUN_ON = re.compile(rf"(?<=[a-z)])\s+(?=(?:{_CLOSING})\s+\w)")
# after a bullet's first sentence, only the plainly closing ones ("The", "In", "As" start items too)
_WRAP_UP_START = re.compile(r"(?:By|These|Overall|In summary|In conclusion|Together|Successfully)\b")


# an interview's "Q: ..." and "A: ...": who speaks, no label of what is said
_SPEAKER = re.compile(r"^(?:Q|A|Question|Answer)\s*:\s+")
_OWN_ITEM = re.compile(r"^[A-Z0-9][^:]{0,60}:\s|\$\s?\d")
_SUB_ITEM = re.compile(r"^(?:\t|\s{2,})(?:[-*+\u2022\u25aa\u2013]|\d{1,2}[.)])\s+")


# pictographs that lead a wiki's or a slide's line: "💵 Median: ...", "✅ Required: ..."
_EMOJI_LEAD = re.compile(
    # (not the marks that say yes or no: "❌ College degree" is a requirement that is not one)
    r"^(?:(?![\u2705\u2611\u2612\u2713-\u2718\u274c\u274e\U0001f6ab])"
    r"[\u2190-\u21ff\u2300-\u23ff\u2460-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff][\ufe0f\u200d]?\s*)+"
)
# a contract's or a statute's lettered items: "(a) be at least eighteen (18) years of age;", "(2) ..."
_LETTERED = re.compile(r"^\s*(?:\([a-z]\)|[a-z]\)|\(\d{1,2}\))\s+")


def units_with_kind(text: str) -> list[tuple[str, bool]]:
    """(piece, is_bullet) for each bullet and each sentence of a paragraph (markers removed). A
    sub-item belongs to the bullet above it ("CDL: needed if ...; preferred by many contractors"); a
    question ("Is it a full-time job?", an FAQ's or an interviewer's) is no piece to answer from."""
    return [(u, bullet) for u, bullet, _ in units_with_starts(text)]


def units_with_starts(text: str) -> list[tuple[str, bool, bool]]:
    """(piece, is_bullet, starts) as units_with_kind, where ``starts`` marks a bullet's first sentence:
    "CPC (Certified Professional Coder), from the AAPC." starts an item, "Graduates who pass ..." after
    it in the same bullet does not."""
    out: list[tuple[str, bool, bool]] = []
    for line in tables_as_lines(text).splitlines():
        sub = bool(_SUB_ITEM.match(line))
        bullet = bool(BULLET.match(line) or _LETTERED.match(line))
        line = _SPEAKER.sub("", _LETTERED.sub("", BULLET.sub("", line)).strip())
        line = _EMOJI_LEAD.sub("", line)  # "💵 Median: $47,260 a year": the label is "Median"
        if not line or line.endswith("?"):
            continue
        if sub and out and out[-1][1] and _OWN_ITEM.search(line) is None and not out[-1][0].endswith(":"):
            # "needed if it hauls equipment" of "CDL"; a labelled or priced sub-item ("Entry level:
            # $55,000") under a lead-in ("Salary by experience:") is an item of its own
            parent = out[-1][0].rstrip(".")
            out[-1] = (f"{parent}{'; ' if ':' in parent else ': '}{line}", True, out[-1][2])
            continue
        head, *tail = _RUN_ON.split(line, maxsplit=1)
        for i, s in enumerate(split_sentences(head)):
            # "... within the AI team. By effectively managing these responsibilities, ...": the
            # section's closing words after its last bullet are no item
            if not s.endswith("?"):
                out.append((s, bullet and not (i and _WRAP_UP_START.match(s)), bullet and i == 0))
        # the run-on tail is prose about the whole section, not part of the bullet
        out.extend((s, False, False) for t in tail for s in split_sentences(t) if not s.endswith("?"))
    return out


def units(text: str) -> list[str]:
    """A passage's answerable pieces: each bullet, each sentence of a paragraph (markers removed)."""
    return [u for u, _ in units_with_kind(text)]


def score_unit(unit: str, q_tokens: set[str], *, wants_figures: bool) -> float:
    u_tokens = set(tokenize(unit))
    if not u_tokens:
        return 0.0
    overlap = len(q_tokens & u_tokens)
    score = overlap / (len(q_tokens) ** 0.5 * len(u_tokens) ** 0.25 + 1e-9)
    if wants_figures and re.search(r"\d", unit):
        score += 0.5
    return score


def extract(
    question: str, hits: list[Hit], *, max_units: int = 3, focus: str | None = None, people: bool = False
) -> list[tuple[str, int]]:
    """Pick up to ``max_units`` (text, hit index) pairs, best first (callers may keep only a few).

    ``focus`` is the user's latest words when ``question`` was rewritten from a follow-up: they
    say what is new ("And in New York?") and weigh double. A unit naming another seniority level
    than the question does is demoted. Lead-in lines ("Here's an overview:") are never picked.
    ``people``: the question asks who ("who do they work with?"), so units naming people count more.
    """
    q_tokens = set(tokenize(question, expand=True))
    focus_tokens = set(tokenize(focus, expand=True)) if focus else set()
    wants_figures = bool(_PAY.search(question) or _YEARS.search(question))
    q_levels = levels(focus or question)
    scored: list[tuple[float, int, int, str]] = []
    for hi, hit in enumerate(hits):
        section_tokens = set(tokenize(hit.chunk.section_path))
        section_bonus = 0.3 * len(q_tokens & section_tokens) / (len(q_tokens) ** 0.5 + 1e-9)
        rank_weight = 1.0 / (1 + 0.35 * hi)
        pieces = units_with_kind(hit.chunk.text)
        has_bullets = any(b for _, b in pieces)
        for ui, (unit, is_bullet) in enumerate(pieces):
            if len(unit.split()) > 60 or unit.endswith(":"):
                continue  # a run-on closing paragraph or a lead-in line, not an answer
            s = score_unit(unit, q_tokens, wants_figures=wants_figures) + section_bonus
            if people:
                # a "who" question is answered by lines that name people
                named = people_named(unit)
                s = s + 0.25 * min(3, named) if named else s * 0.3
            if has_bullets and not is_bullet:
                s *= 0.6  # a section's lead-in prose restates the topic; its bullets hold the facts
            if focus_tokens:
                s += score_unit(unit, focus_tokens, wants_figures=False)
            u_levels = levels(unit)
            if q_levels and u_levels and not (q_levels & u_levels):
                s *= 0.3
            s *= rank_weight
            scored.append((s, hi, ui, unit))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    chosen = [t for t in scored if t[0] > 0][:max_units]
    if chosen and scored and not any(t[1] == 0 for t in chosen):
        best_top = next((t for t in scored if t[1] == 0 and t[0] > 0), None)
        if best_top:
            chosen = [best_top] + chosen[: max_units - 1]
    if chosen:
        # a unit far weaker than the best one is noise, not part of the answer
        top = chosen[0][0]
        chosen = [t for t in chosen if t[0] >= 0.35 * top]
    return [(unit, hi) for _, hi, _, unit in chosen]
