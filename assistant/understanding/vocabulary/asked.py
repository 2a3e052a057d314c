"""Which part of a question is asked: not the asker's situation told beside it, not what it sets aside."""

from __future__ import annotations

import re

# the asker's situation told around the question: "My client is interviewing for a lead role. What
# will she do day to day?", "postdoc in ML here, ~15 papers. do publications count?"
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")


def asked_part(text: str) -> str:
    """The question sentences without the statements around them: its topic is what is asked, not the
    asker's situation ("My client is strong technically but quiet in meetings.").

    >>> asked_part("My client is interviewing for a lead role. What will she do day to day?")
    ' What will she do day to day?'
    >>> asked_part("I have a PhD. Is that enough?"), asked_part("I have a PhD, is that enough?")
    (' Is that enough?', 'I have a PhD, is that enough?')
    """
    parts = _SENTENCE.findall(text or "")
    asked = [p for p in parts if p.rstrip().endswith("?")]
    return "".join(asked) if asked and len(parts) > len(asked) else text


# "beyond the technical side, what soft skills?", "besides years, what track record?": what is set
# aside is not what is asked
SET_ASIDE = re.compile(
    r"\b(?:beyond|besides|other than|apart from|aside from|except(?: for)?|not counting|leaving aside)"
    r"\s+((?:the\s+)?[\w\s-]{1,30}?)(?=[,;?]|\s+(?:what|which|how|do|does|is|are)\b)",
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
