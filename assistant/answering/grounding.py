"""Keep a model's rephrasing of a planned sentence only when it says the same thing; count ungrounded figures.

The answer plan decides what is true and which passage supports it. A language model may reword a
planned sentence; the rewording replaces it only if it keeps every number (``$150,000``, ``150k``
and ``150,000`` are the same number), the seniority levels, negation and the strength of a claim,
and adds no content word. Citations the model writes are ignored: code attaches them.
"""

from __future__ import annotations

import re

from assistant.indexing.text import extract_numbers, split_sentences, tokenize

_MODEL_CITATION = re.compile(r"\s*\[(?:\d+(?:\s*,\s*\d+)*)\]")
# the few-shot prompt's labels, echoed back by small base models
_ECHO = re.compile(r"^(answer|question|passages)\s*:\s*", re.I)


# "Salary Ranges (US Market, 2024) > Lead AI Engineer: ..." - a passage header echoed from the prompt
_ECHOED_HEADER = re.compile(r"^[^.:!?]{2,120}(?:\s>\s[^.:!?]{2,80})+:\s*(?:-\s*)?")


def lexical_support(sentence: str, passage: str) -> float:
    """Share of the sentence's words that the passage contains."""
    st = set(tokenize(sentence))
    return len(st & set(tokenize(passage))) / len(st) if st else 0.0


def clean_sentences(draft: str) -> list[str]:
    out = []
    for s in split_sentences(draft):
        s = _ECHOED_HEADER.sub("", s)
        s = _ECHO.sub("", re.sub(r"^\s*[-*\u2022]\s*", "", s))
        s = _MODEL_CITATION.sub("", s).strip()
        if len(s.split()) >= 3 and not re.match(r"^\[\d+\]", s):
            out.append(s)
    return out


_YEAR = re.compile(r"(?<![$\d,.])\b(?:19|20)\d{2}\b(?![\d,%]|\.\d|\s?k\b)")


def ungrounded_numbers(answer: str, cited_texts: list[str]) -> list[float]:
    """Numbers in the answer that appear in none of the cited passages (should always be empty).

    Years ("for 2019") are dates, not figures, and are not counted.
    >>> ungrounded_numbers("No figures for 2019; seniors earn $160,000 or $170,000.", ["Senior: $160,000"])
    [170000.0]
    """
    have: set[float] = set()
    for t in cited_texts:
        have |= set(extract_numbers(t))
    return [n for n in extract_numbers(_YEAR.sub(" ", answer)) if n not in have]


# words a rephrasing may add without adding content: verbs of pay, articles, hedges already counted
_FREE_WORDS = set(
    tokenize(
        "earn earns earning make makes making paid pay pays get gets receive receives salary salaries range "
        "ranges typically usually generally per year annually annual role job position people someone person "
        "they them it is are be can between from about around roughly approximately yes no usually "
        "answer according documents document passage say says note"
    )
)


_VERDICT = re.compile(r"^(yes|no|not always|usually)\b", re.I)
# share of the planned sentence's content words a rephrasing must keep
_MIN_COVERAGE = 0.6


def _proper_nouns(text: str) -> set[str]:
    words = re.findall(r"(?<![.!?:]\s)(?<!^)\b[A-Z][a-z]+\b", text)
    return {w.lower() for w in words}


_NEGATED = re.compile(r"\b(not|no|never|cannot|without|none|n't)\s+(\w+)", re.I)


def _negated(text: str) -> set[tuple[str, str]]:
    """Each negation with the word it negates: {("not", "required"), ("not", "always")}."""
    return {(m.group(1).lower(), m.group(2).lower()) for m in _NEGATED.finditer(text.replace("n't", " n't"))}


def faithful(planned: str, candidate: str, *, question: str = "") -> bool:
    """May ``candidate`` replace the planned sentence? Only if it says the same thing in other words.

    It must keep every number, the seniority levels, negation and the strength of any claim
    (required / typical / preferred / possible), and add no content word the plan lacks.
    >>> faithful("A PhD is often preferred.", "A PhD is required.")
    False
    >>> faithful("Senior engineers earn $160,000 - $200,000.", "Seniors make $160,000 - $200,000.")
    True
    >>> faithful("Senior engineers earn $160,000 - $200,000.", "Senior engineers earn $180,000.")
    False
    >>> plan = "Education: A bachelor's degree is required. Experience: Several years in AI, 2-5 leading."
    >>> faithful(plan, "Several years in AI, with 2-5 years leading a team.")
    False
    >>> faithful("Not always. CPA License: Not required for all positions, but required to sign audits.",
    ...          "Not always: a CPA license is required for all positions, but required to sign audits.")
    False
    """
    from assistant.understanding import vocabulary as vocab

    p, c = planned.strip(), _MODEL_CITATION.sub("", candidate).strip()
    if not c or len(c) > 1.6 * len(p) + 20:
        return False
    verdict = _VERDICT.match(p)
    if verdict and not c.lower().startswith(verdict.group(1).lower()):
        return False  # "Not always. ..." must keep its answer first
    if sorted(vocab.extract_numbers(c)) != sorted(vocab.extract_numbers(p)):
        return False
    if vocab.levels(c) != vocab.levels(p):
        return False
    if bool(vocab.NEGATION.search(c)) != bool(vocab.NEGATION.search(p)):
        return False
    if not _negated(p) <= _negated(c) or len(vocab.NEGATION.findall(c)) != len(vocab.NEGATION.findall(p)):
        return False  # "Not always. Not required for all" is not "Not always: required for all"
    if vocab.claim_strength(c) != vocab.claim_strength(p):
        return False
    # the question's words are not allowed in: "A sous chef makes $30.03" rewords the chefs' median
    # for a sous chef the documents do not cover
    allowed = set(tokenize(p, expand=True)) | _FREE_WORDS
    if set(tokenize(c)) - allowed:
        return False
    # and it must say all of it: a rephrasing that drops most of the planned words drops content
    planned_words = set(tokenize(p)) - _FREE_WORDS
    said = set(tokenize(c, expand=True))
    if planned_words and len(planned_words & said) < _MIN_COVERAGE * len(planned_words):
        return False
    # each sentence of a planned item ("Education: ... Experience: ...") is said, none dropped whole
    for part in split_sentences(p) if len(split_sentences(p)) > 1 else ():
        words = set(tokenize(part)) - _FREE_WORDS
        if words and len(words & said) < 0.5 * len(words):
            return False
    return _proper_nouns(c) <= _proper_nouns(p) | {"yes", "no"}


def match_rephrasings(planned: list[str], draft: str, *, question: str = "") -> dict[int, str]:
    """Planned sentence index -> the model sentence that faithfully rephrases it (each used once)."""
    out: dict[int, str] = {}
    for sentence in clean_sentences(draft):
        best = None
        for i, p in enumerate(planned):
            if i in out or not faithful(p, sentence, question=question):
                continue
            overlap = lexical_support(sentence, p)
            if best is None or overlap > best[0]:
                best = (overlap, i)
        if best is not None:
            out[best[1]] = sentence
    return out
