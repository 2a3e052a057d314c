"""How people type a question: chat short forms written out, abbreviations, words often mistyped."""

from __future__ import annotations

import re

# short forms people type for the words role names use
ABBREVIATIONS = {
    "eng": "engineer",
    "engr": "engineer",
    "dev": "developer",
    "devs": "developers",
    "tech": "technician",
    "techs": "technicians",
    "mgr": "manager",
    "admin": "administrator",
    "asst": "assistant",
    "rep": "representative",
    "spec": "specialist",
    "sw": "software",
    "swe": "software engineer",
    "sde": "software developer",
    "mle": "machine learning engineer",
    "ds": "data scientist",
    "de": "data engineer",
    "pt": "physical therapist",
    "pharm": "pharmacist",
    "hygienist": "hygienist",
    "qa": "quality assurance",
    "ux": "user experience",
    "ed": "education",
    "vet": "veterinary",  # "vet tech"
    "auto": "automotive",  # "auto mechanic"
    "surg": "surgical",  # "surg tech"
    "lab": "laboratory",  # "lab tech", "med lab scientist"
    "med": "medical",
    "sysadmin": "systems administrator",
    "sysadmins": "systems administrators",
    "ops": "operations",  # "ops research analyst", "ops manager"
    "voc": "vocational",  # "voc rehab counselor"
    "rehab": "rehabilitation",
    "admins": "administrators",
    "reps": "representatives",
    "mgmt": "management",
}

# the short forms people type in chat, written out before a question is read: "how many yrs of exp",
# "which programming langs"; words that could be a name ("R", "HR", "BC") are left alone
SHORTHAND = {
    "u": "you",
    "ur": "your",
    "yrs": "years",
    "yr": "year",
    "yoe": "years of experience",
    "exp": "experience",
    "mgmt": "management",
    "mgt": "management",
    "langs": "languages",
    "lang": "language",
    "reqs": "requirements",
    "req": "requirement",
    "quals": "qualifications",
    "cert": "certification",
    "certs": "certifications",
    "avg": "average",
    "hrs": "hours",
    "govt": "government",
    "dept": "department",
    "diff": "difference",
    "edu": "education",
    "uni": "university",
    "ppl": "people",
    "abt": "about",
    "pls": "please",
    "plz": "please",
    "tho": "though",
    "nlp": "natural language processing",
    "w/o": "without",
}
# "comp" is pay ("total comp"), not "comp sci", "comp-eng" or "comp time"
COMP_WORD = r"comp\b(?![\s-]*(?:sci|science|eng|engineering|time)\b)"
# a word on its own: not the "U" of "U.S." or a part of "e-cert"
_SHORTHAND_RE = re.compile(
    r"(?<![\w.'\-])(" + "|".join(sorted(SHORTHAND, key=len, reverse=True)) + r")(?![\w'\-]|\.\w)", re.I
)


_COMP = re.compile(r"\b(?:total\s+)?" + COMP_WORD + r"(?!\.\w)", re.I)
# "TC" is total compensation in pay talk ("TC for a lead?", "what's the tc")
_TC = re.compile(r"(?<![\w.&-])tc(?![\w.&-])", re.I)


# "people skills" are what role documents call soft skills
_PEOPLE_SKILLS = re.compile(r"\b(people)(?= skills\b)", re.I)


def written_out(text: str) -> str:
    """The question with chat short forms written out.

    >>> written_out("how many yrs of exp do u need?")
    'how many years of experience do you need?'
    >>> written_out("total comp for a comp sci grad?"), written_out("a comp-sci degree")
    ('total compensation for a comp sci grad?', 'a comp-sci degree')
    >>> written_out("TC for a lead?"), written_out("which people skills matter?")
    ('total compensation for a lead?', 'which soft skills matter?')
    >>> written_out("Ed Lang went to U of M")
    'Ed Lang went to U of M'
    """
    # typed in lower case: "Ed Lang" and "U of M" are names
    text = _SHORTHAND_RE.sub(lambda m: SHORTHAND[m.group(1)] if m.group(1).islower() else m.group(1), text)
    text = _TC.sub("total compensation", text)
    text = _PEOPLE_SKILLS.sub(lambda m: "soft" if m.group(1)[0].islower() else "Soft", text)
    return _COMP.sub(lambda m: m.group(0)[: -len("comp")] + "compensation", text)


# words of questions about roles that people often mistype ("salery", "certifcation"): put right
# when the corpus never uses the typed word
QUESTION_WORDS = tuple(
    sorted(
        """salary salaries wages hourly median average annual yearly compensation bonus benefits
        certification certifications certified license licensed responsibilities requirements
        qualifications experience education degree bachelor master doctorate schedule
        entry junior senior principal required necessary mandatory preferred recommended""".split()
    )
)
