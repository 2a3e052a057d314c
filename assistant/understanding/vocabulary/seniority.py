"""Seniority levels: the words for each level, finding them in a text, and asking for every level."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.indexing.text import tokenize
from assistant.understanding.vocabulary.credentials import AFTER_MASTER_DEGREE
from assistant.understanding.vocabulary.jobs import is_job_word

# -- seniority levels ---------------------------------------------------------------------------
# canonical level -> the words people and documents use for it (longest phrases are tried first)
LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "entry": (
        "entry-level",
        "entry level",
        "entry",
        "junior",
        "jr",
        "new grad",
        "new graduate",
        "recent graduate",
        "recent grad",
        "graduate",
        "grad",
        "starting out",
        "just starting",
        "beginner",
        "beginning",
        "intern",
        "internship",
        "trainee",
        "first job",
        "new hire",
        "new hires",
        "fresh out",
        "no experience",
        "early career",
        "early-career",
        "apprentice",
        "first year",
        "first-year",
        "starting salary",
        "starting pay",
        "starting wage",
        # "assistant editors typically start between $45,000 and $58,000": the pay a job starts at
        "start at",
        "starts at",
        "start between",
        "starts between",
        "start around",
        "starts around",
        # "start out at $18 an hour", not "start out as helpers"
        "start out at",
        "start out around",
        "start out earning",
        "start out making",
        "start off at",
    ),
    "mid": (
        "mid-level",
        "mid level",
        "mid-career",
        "mid career",
        "mid",
        "intermediate",
        "middle",
        "journeyman",
        "journey-level",
        "journeyworker",
    ),
    "senior": ("senior", "sr", "snr", "experienced", "master"),
    "lead": ("lead", "team lead", "tech lead"),
    "staff": ("staff",),
    "principal": ("principal", "distinguished"),
}

# the level words as tokens, to tell a job's own words from its level's: LEVEL_TOKENS holds the single
# words ("senior", "lead", "jr"), LEVEL_PHRASE_TOKENS the words of phrases too ("new", "grad")
LEVEL_TOKENS = frozenset(t for ws in LEVEL_WORDS.values() for w in ws if " " not in w for t in tokenize(w))
LEVEL_PHRASE_TOKENS = frozenset(t for ws in LEVEL_WORDS.values() for w in ws for t in tokenize(w))
LEVELS = tuple(LEVEL_WORDS)  # in order of seniority
_LEVEL_ALIAS = {w: lv for lv, ws in LEVEL_WORDS.items() for w in ws}
# every level word but "master" (a trade level, never the degree), longest first
_LEVEL_NAMES = "|".join(re.escape(w) for w in sorted(set(_LEVEL_ALIAS) - {"master"}, key=len, reverse=True))
LEVEL_RE = re.compile(
    r"\b(?:("
    + _LEVEL_NAMES
    # plurals count ("seniors"); "master" is a trade level ("master electrician"), never a degree;
    # a middle school is no level of its teachers
    + rf")s?(?<!middle)|(master)(?!{AFTER_MASTER_DEGREE})"
    + r"|(middle)(?![- ]school|\s+(?:half|50|fifty)\b))\b\.?",
    re.I,
)


def find_levels(text: str) -> list[str]:
    """Canonical levels a text names, in order of appearance, without repeats.

    >>> find_levels("What would a new grad or a Senior AI Engineer earn?")
    ['entry', 'senior']
    >>> find_levels("Entry-Level AI Engineer: $90,000 - $120,000")
    ['entry']
    >>> find_levels("Editors start between $45,000 and $58,000"), find_levels("Seniors start at $150k")
    (['entry'], ['senior'])
    """
    out: list[str] = []
    entry_named = False  # by a word of its own ("apprentices start at ..."), not only by "start at"
    for m in LEVEL_RE.finditer(text or ""):
        said = (m.group(1) or m.group(2) or m.group(3)).lower()
        lv = _LEVEL_ALIAS[said]
        entry_named = entry_named or (lv == "entry" and not said.startswith("start"))
        if lv not in out:
            out.append(lv)
    if "entry" in out and not entry_named and len(out) > 1:
        # "senior engineers start at $150,000": where the senior level starts, no entry level
        out.remove("entry")
    return out


def levels(text: str) -> set[str]:
    """The set of canonical levels a text names: ``new grad`` and ``Entry-Level`` are ``entry``."""
    return set(find_levels(text))


def normalize_level(text: str | None) -> str | None:
    """``Sr``, ``senior``, ``Senior AI Engineer`` -> ``senior``; unknown words -> None.

    >>> normalize_level("New Grad"), normalize_level("sr."), normalize_level("wizard")
    ('entry', 'senior', None)
    """
    found = find_levels(text or "")
    return found[0] if found else None


LEVEL_LABELS = {
    "entry": "entry level",
    "mid": "mid level",
    "senior": "senior level",
    "lead": "lead level",
    "staff": "staff level",
    "principal": "principal level",
}


_EVERY_LEVEL = re.compile(
    r"\b(?:at|for|by|across)\s+(?:each|every|all|the different|different|all the)\s+"
    r"(?:levels?|stages?|seniorit(?:y|ies))\b|"
    r"\b(?:by|per)\s+(?:experience\s+)?(?:level|seniority)\b|\beach level\b|\ball (?:the )?levels\b",
    re.I,
)


def asks_every_level(question: str) -> bool:
    """Does the question ask for the figure at every level ("the salary range at each level")?

    >>> asks_every_level("What's the salary range for AI engineers at each level?")
    True
    >>> asks_every_level("What does a senior AI engineer earn?")
    False
    """
    return bool(_EVERY_LEVEL.search(question or ""))


# -- grades: a ladder's rungs within one job ("CSM II", "Claims Adjuster I", "Level 2", "L4") ------
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6"}
# (not "a Level 1 trauma center", nor "grade 9 teachers": a place's or a school's grade)
_NAMED_GRADE = re.compile(
    r"\b(?:level|grade|band|tier)\s+([1-9]\d?|i{1,3}|iv|vi?)\b"
    r"(?!\s+(?:trauma|center|centre|hospital|nicu|city|teachers?|students?|school|classroom|math|english)\b)"
    r"|\b(?:l|ic)([1-9])\b",
    re.I,
)
_ROMAN_GRADE = re.compile(r"\b([A-Za-z][A-Za-z'-]+)\s+(I{1,3}|IV|VI?)\b(?!['\u2019])")
# grade "I" ends the job's name: before a pay word, a bracket or the end ("Claims Adjuster I (desk)",
# "a CSM I earn?"); otherwise "I" is the asker ("a nurse I know", "as a tech I made $24/hr")
_GRADE_I_BEFORE = re.compile(
    r"\s*(?:$|[(),.;:?!|\u2014\u2013-]|(?:pay|salary|wage|hourly|rate|band)\b)", re.I
)
_EARN_VERB = re.compile(r"\s+(?:make|makes|earn|earns|get|gets)\b", re.I)

# a grade that ends a job's name: "Payroll Specialist II", "Accountant 3"
GRADE_AFTER_NAME = re.compile(r"\s+(?:I{1,3}|IV|VI?|[1-6])$")

_AUXILIARY = re.compile(r"\b(?:do|does|did|will|would|can|could|should)\b", re.I)


@lru_cache(maxsize=65_536)
def grades(text: str) -> frozenset[str]:
    """The grades of a job a text names, as numbers: a Roman numeral after a job's word or short form
    ("CSM II", "Claims Adjuster I"), "Level 2", "grade III", "L4".

    >>> sorted(grades("what does a CSM II make?")), sorted(grades("### Claims Adjuster I (desk, hourly)"))
    (['2'], ['1'])
    >>> [sorted(grades(t)) for t in ("as an engineer I make 100k", "what does a CSM I earn?", "Level 3 pay")]
    [[], ['1'], ['3']]
    >>> grades("Would a nurse I know earn more?") | grades("a nurse at a Level 1 trauma center")
    frozenset()
    """
    out = set()
    for m in _NAMED_GRADE.finditer(text):
        g = (m.group(1) or m.group(2)).lower()
        out.add(_ROMAN.get(g, g))
    for m in _ROMAN_GRADE.finditer(text):
        before, g = m.group(1), m.group(2)
        if not (before.isupper() or is_job_word(before)):
            continue
        # "as an engineer I make 100k" is the asker; "what does a CSM I earn?" asks of grade I
        if g == "I" and not _GRADE_I_BEFORE.match(text, m.end()):
            # "what does a CSM I earn?" asks of grade I; "as an engineer I make 100k" is the asker
            if not (_EARN_VERB.match(text, m.end()) and _AUXILIARY.search(text, 0, m.start())):
                continue
        out.add(_ROMAN[g.lower()])
    return frozenset(out)
