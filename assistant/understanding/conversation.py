"""Rewrite a follow-up question with the conversation so retrieval sees what it refers to."""

from __future__ import annotations

import re

# short questions that lean on an earlier turn: "And in New York?", "What about a senior one?"
_FOLLOW_UP = re.compile(
    r"^\s*(?:(?:ok|okay|alright|right|cool|great|thanks|hmm|um)\b[,.!]?\s*)?"
    r"(and|also|but|so|what about|how about|and what about|same for|what of|then|or|what if)\b"
    r"|\b(that|this|it|they|them|those|these|there|one|ones|he|she|his|her|their|instead)\b"
    r"|\bthe same (?:job|role|position|work)\b",
    re.I,
)
_MAX_WORDS_TO_REWRITE = 16  # "how does that compare with someone doing the same job in the Bay Area?"


def is_follow_up(question: str) -> bool:
    q = question.strip()
    return bool(q) and len(q.split()) <= _MAX_WORDS_TO_REWRITE and bool(_FOLLOW_UP.search(q))


def rewrite(question: str, history: list[str] | None) -> str:
    """Join a follow-up with the user's previous question; leave standalone questions alone.

    >>> rewrite("And in New York?", ["How much does a lead AI engineer earn?"])
    'How much does a lead AI engineer earn? And in New York?'
    >>> rewrite("Is a PhD required?", ["How much does a lead AI engineer earn?"])
    'Is a PhD required?'
    >>> is_follow_up("ok and for an HR specialist?")
    True
    """
    turns = [h.strip() for h in (history or []) if h and h.strip()]
    if not turns or not is_follow_up(question):
        return question.strip()
    previous = turns[-1]
    # a chain of follow-ups reaches back to the last standalone question
    for earlier in reversed(turns[:-1]):
        if not is_follow_up(previous):
            break
        previous = f"{earlier} {previous}"
    if previous[-1] not in ".?!":
        previous += "?"
    return f"{previous} {question.strip()}"


# where one message asks a second question: "..., and how much is stock?", "...? Is NATE required?"
_SECOND_QUESTION = re.compile(
    r"(?<=\?)\s+(?=\S)|\s*;\s+|,?\s+and\s+(?=(?:what|how|which|is|are|do|does|can|could|will|would|"
    r"should|who|where|when|why)\b(?!\s+(?:about|of)\b))"
    # "leave and do my own thing": "do" a verb with its object, no second question
    r"(?!(?:do|does|did)\s+(?:my|your|his|her|our|their|something|anything|nothing)\b)",
    re.I,
)
_MAX_PARTS = 3
_ASKS = re.compile(
    r"(?:and\s+|also\s+|but\s+|so\s+|ok\s+)?(?:what|whats|what's|how|which|who|where|when|why|is|are|do|does|"
    r"did|can|could|will|would|should|must|has|have|am)\b",
    re.I,
)
_REWORDS = re.compile(r"(?:like|i mean|as in|say|e\.?g\.?|i\.?e\.?|such as|or rather)\b", re.I)


def question_parts(message: str) -> list[str]:
    """The questions one message asks, in order (one when it asks one).

    >>> question_parts("What's the base pay for a senior PM, and what can total comp reach?")
    ["What's the base pay for a senior PM", 'what can total comp reach?']
    >>> question_parts("Do HVAC techs need a certification? Is NATE required?")
    ['Do HVAC techs need a certification?', 'Is NATE required?']
    >>> question_parts("what if i want to leave and do my own thing instead?")
    ['what if i want to leave and do my own thing instead?']
    >>> question_parts("What education and experience are needed?")
    ['What education and experience are needed?']
    >>> len(question_parts("How do they keep up to date? conferences, courses, that kind of thing?"))
    1
    """
    parts = [p.strip(" ,") for p in _SECOND_QUESTION.split(message or "") if p and p.strip(" ,")]
    # a fragment of a word or two ("and?", "thanks!"), examples ("conferences, courses, that kind of
    # thing?") or a rewording ("like whats the next step up") is no question of its own
    merged: list[str] = []
    for p in parts:
        if merged and (len(p.split()) < 3 or not _ASKS.match(p) or _REWORDS.match(p)):
            merged[-1] = f"{merged[-1]} {p}"
        else:
            merged.append(p)
    return merged if 1 < len(merged) <= _MAX_PARTS else [message]
