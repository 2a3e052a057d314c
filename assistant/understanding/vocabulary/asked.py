"""Which part of a question is asked: not the asker's situation told beside it, not what it sets aside."""

from __future__ import annotations

import re

# the asker's situation told around the question: "My client is interviewing for a lead role. What
# will she do day to day?", "postdoc in ML here, ~15 papers. do publications count?"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# a dot that ends a short form, not a sentence: "Ph.D.", "U.S.", "e.g.", "etc.", "vs."
_SHORT_FORM_END = re.compile(
    r"(?:\b(?:[A-Za-z]{1,2}\.){2,}|\b(?:e\.g|i\.e|etc|vs|approx|dr|mr|mrs|ms|sr|jr|st)\.)$", re.I
)
# the question leans on a thing the statement before it names: "Visa sponsorship matters to my
# client. Do employers offer it?"
REFERS_BACK = re.compile(r"\b(?:it|that|this|those|these|them|either|any of (?:it|that))\b", re.I)


def sentences(text: str) -> list[str]:
    """The text's sentences, a short form's dot not ending one.

    >>> sentences("Is a Ph.D. required? I'm asking for a friend.")
    ['Is a Ph.D. required?', "I'm asking for a friend."]
    """
    out: list[str] = []
    for piece in _SENTENCE_END.split((text or "").strip()):
        if out and _SHORT_FORM_END.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        elif piece:
            out.append(piece)
    return out


def asked_part(text: str) -> str:
    """The question sentences without the statements around them: its topic is what is asked, not the
    asker's situation ("My client is strong technically but quiet in meetings."), unless the question
    refers back to what a statement names.

    >>> asked_part("My client is interviewing for a lead role. What will she do day to day?")
    'What will she do day to day?'
    >>> asked_part("I have a PhD, is that enough?"), asked_part("In the U.S. what does a lead make?")
    ('I have a PhD, is that enough?', 'In the U.S. what does a lead make?')
    >>> asked_part("Visa sponsorship matters to my client. Do employers offer it?")
    'Visa sponsorship matters to my client. Do employers offer it?'
    """
    parts = sentences(text)
    asked = [i for i, p in enumerate(parts) if p.endswith("?")]
    if not asked or len(parts) == len(asked):
        return text
    # what the question refers back to is told before it, never after
    keep_before = any(REFERS_BACK.search(parts[i]) for i in asked)
    return " ".join(p for i, p in enumerate(parts) if i in asked or (keep_before and i < asked[0]))


# "beyond the technical side, what soft skills?", "besides years, what track record?": what is set
# aside is not what is asked
SET_ASIDE = re.compile(
    r"\b(?:beyond|besides|other than|apart from|aside from|except(?: for)?|not counting|leaving aside)"
    r"\s+((?:the\s+)?[\w\s'\u2019-]{1,30}?)(?=[,;?]|\s+(?:what|which|how|do|does|is|are)\b)",
    re.I,
)


# "setting the tech aside, which people skills?"
_SET_ASIDE_AFTER = re.compile(
    r"\b(?:setting|leaving|putting|set|leave|put)\s+((?:the\s+)?[\w-]+(?:\s+[\w-]+)?)\s+aside\b", re.I
)


def without_set_aside(text: str) -> str:
    """The question without what it sets aside.

    >>> without_set_aside("Beyond years on the job, what track record should a lead show?")
    ', what track record should a lead show?'
    >>> set_aside_words("Setting the tech aside, which soft skills does a lead need?")
    'the tech'
    """
    return _SET_ASIDE_AFTER.sub("", SET_ASIDE.sub("", text or ""))


def set_aside_words(text: str) -> str:
    """The words of what the question sets aside ("the technical side")."""
    found = [*SET_ASIDE.finditer(text or ""), *_SET_ASIDE_AFTER.finditer(text or "")]
    return " ".join(m.group(1) for m in found)
