"""Job names and people: the head word of a job's name, the people a text names, who is asked about."""

from __future__ import annotations

import re

# -- jobs ---------------------------------------------------------------------------------------
# the last word of a job's name: "biologist", "welder", "nurses", "DevOps Engineer", "Data Analyst"
_JOB_HEAD = re.compile(
    r"(ist|ists|er|ers|or|ors|ian|ians|ant|ants|ent|ents|man|men|woman|women|nurse|nurses|chef|chefs|cook|"
    r"cooks|clerk|clerks|aide|aides|officer|officers|agent|agents|pilot|pilots|judge|judges|surgeon|surgeons|"
    r"architect|architects|attorney|attorneys|therapist|therapists|tech|techs|guard|guards|staff|analyst|analysts|"
    r"paralegals?|mechanics?|masons?|medics?|actuar(?:y|ies)|secretar(?:y|ies)|midwi(?:fe|ves)|athletes?|"
    r"umpires?|referees?|baristas?|nann(?:y|ies)|maids?|models?|pharmacists?|smiths?)$"
)
_NOT_JOB_HEAD = {
    "number",
    "other",
    "career",
    "answer",
    "water",
    "paper",
    "order",
    "after",
    "per",
    "or",
    "for",
    "under",
    "over",
    "better",
    "center",
    "computer",
    "power",
    "matter",
    "layer",
    "major",
    "minor",
    "sector",
    "factor",
    "factors",
    "percent",
    "content",
    "environment",
    "management",
    "requirement",
    "development",
    "employment",
    "government",
    "payment",
    "experience",
    # words that only look like job names by their ending
    *"later earlier never ever however rather either neither whether together further higher lower "
    "bigger smaller faster greater larger longer shorter newer older easier harder cheaper wider "
    "upper inner outer prior error errors behavior behaviour interior labor labour favor honor "
    "color colour floor door human list lists exist exists assist insist resist "
    "median meridian "  # a statistic, a line: they end like "librarian"
    "important relevant significant different current recent frequent urgent efficient excellent "
    "independent dependent confident present event events talent talents extent intent "
    "represent represents prevent prevents invent implement implements document documents comment "
    "proficient fluent competent sufficient consistent persistent "
    "offer counteroffer letter member quarter summer winter chapter semester filter cluster shelter "
    "ancient patient patients restaurant restaurants plant plants element elements equipment "
    "instrument instruments apartment apartments department departments tournament tournaments".split(),
}


def without_plural_s(name: str) -> str:
    """A name without a plural's final s: "mail carriers" -> "mail carrier" ("boss" keeps its s)."""
    return name[:-1] if len(name) > 3 and name.endswith("s") and not name.endswith("ss") else name


def plural_or_not(name: str) -> set[str]:
    """A job's name as typed, with its last word in the plural and in the singular: "mail carrier"
    is the "mail carriers" a page names."""
    base = without_plural_s(name)
    return {name, base, f"{base}s"}


def is_job_word(word: str) -> bool:
    """Does a word look like the head of a job's name ("biologist", "welder", "Nurses")?

    >>> [w for w in ("Engineer", "analysts", "cities", "Requirement", "Salary") if is_job_word(w)]
    ['Engineer', 'analysts']
    >>> is_job_word("Advancements"), is_job_word("assignments")
    (False, False)
    """
    word = word.lower()
    if word.endswith("s") and word[:-1] in _NOT_JOB_HEAD:
        return False  # "papers", "numbers": the plural of a word that names no job
    if re.search(r"ments?$", word):
        return False  # "Advancements", "assignments": no job's name ends in -ment
    return bool(_JOB_HEAD.search(word)) and word not in _NOT_JOB_HEAD and len(word) > 3


# the people a job deals with, besides job names: "stakeholders", "clients", "senior leaders"
_PEOPLE_WORDS = frozenset(
    """stakeholders clients customers partners vendors suppliers leaders leadership executives
    colleagues peers teams departments members users patients students families public""".split()
)
_ASKS_WHO = re.compile(
    r"^\W*(?:(?:and|so|ok|okay)\W+)?(?:who|whom)\b(?!\s+(?:earns?|makes?|gets?|pays?|is paid)\b)|"
    r"\bwith whom\b|\bwho (?:do|does|will|would|should) (?:they|i|you|we|he|she|\w+(?: \w+){0,3}) "
    r"(?:work|report|collaborate|interact|deal|answer|talk|communicate)",
    re.I,
)


def asks_who(question: str) -> bool:
    """Does the question ask which people ("who do they work with?", "who does X report to?")?

    >>> asks_who("Who do AI lead engineers work with day to day?"), asks_who("Who earns more, X or Y?")
    (True, False)
    """
    return bool(_ASKS_WHO.search(question or ""))


_PEOPLE_PLURAL = re.compile(r"(?:ers|ors|ists|ians|men|analysts|nurses|aides|staff)$")
# plural "-er"/"-or" words that name machines and parts, not people
_MACHINES = frozenset(
    """transformers breakers compressors servers routers sensors controllers computers printers containers
    filters meters motors generators processors monitors boilers heaters coolers condensers thermostats
    conductors connectors resistors capacitors inverters adapters chargers scanners trailers tractors
    elevators ventilators detectors indicators accelerators processors headers parameters centers layers
    clusters""".split()
)


def people_named(text: str) -> int:
    """How many words of a text name people: jobs in the plural ("data scientists") and others
    ("stakeholders"); a singular "-er" word is as often a thing ("proper", "foster") as a person.

    >>> people_named("Report on progress to engineering managers and senior leaders")
    2
    >>> people_named("Ensure proper documentation; foster a culture of learning")
    0
    >>> people_named("Inspect transformers, panels and circuit breakers")
    0
    """
    n = 0
    for w in re.findall(r"[A-Za-z]+", text):
        low = w.lower()
        if low in _PEOPLE_WORDS or (
            _PEOPLE_PLURAL.search(low)
            and is_job_word(low)
            and low[:-1] not in _NOT_JOB_HEAD
            and low not in _MACHINES
        ):
            n += 1
    return n


def names_a_job(label: str) -> bool:
    """Does a label end with a job's name ("DevOps Engineer", "Registered Nurses"), not a place or a thing?"""
    words = re.findall(r"[A-Za-z]+", label)
    return bool(words) and is_job_word(words[-1])


# a field's other names in role titles: machine learning is a branch of AI, so an "ML engineer" is
# looked for among the AI roles too (a corpus with its own ML role matches that one fully as well)
FIELD_NAMES = {"ml": "ai", "machine learning": "ai", "artificial intelligence": "ai"}
# job titles people use for the occupations the statistics name otherwise: software engineers are
# counted as software developers
JOB_NAMES = {"software engineer": "software developer"}
# the job words people use for another one, read beside them when roles are matched: a "diesel
# mechanic" is a Diesel Technician, "linemen" are line workers, a "tech" may be a technologist too
OTHER_JOB_WORDS = {
    "mechanic": "technician",
    "mechanics": "technicians",
    "lineman": "lineworker",
    "linemen": "lineworkers",
    "tech": "technologist",
    "techs": "technologists",
}


# kinds of company whose names end like a job's ("tech"): "compete with big tech"
COMPANY_KINDS = frozenset("big tech|fintech|edtech|adtech|medtech|healthtech|biotech|regtech".split("|"))
# verbs a role phrase picks up before a role's name: "what drives ai lead pay", "does exp raise ..."
CHANGE_VERBS = frozenset(
    "drive drives raise raises boost boosts affect affects increase increases push pushes bump bumps "
    "lift lifts help helps hurt hurts change changes".split()
)
# chat short forms that are never part of a job's name ("exp", "yrs"); "nlp" or "govt" may be
CHAT_WORDS = frozenset("u ur yrs yr yoe exp avg hrs ppl abt pls plz tho diff".split())
