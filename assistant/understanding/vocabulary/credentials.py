"""Degrees and credentials: what "a bachelor's", "a PhD", "a diploma" or "a licence" names."""

from __future__ import annotations

import re

from assistant.indexing.text import stem

# "master" is the degree only as "master's", "masters" or "master of/degree": a "Master electrician"
# licence is a trade's level (seniority reads it so)
AFTER_MASTER_DEGREE = r"(?:['\u2019]s|s\b|\s+(?:degree|of)\b)"

DEGREE = re.compile(
    # "an associate's", "associate degree", "Associate of Science"; not "sales associates"
    rf"\b(degree|bachelor|master(?={AFTER_MASTER_DEGREE})|ph\.?\s?d|doctorate|diploma|"
    r"associate(?=['\u2019]s\b|s?\s+(?:degree|of)\b))",
    re.I,
)

# a certificate, licence or credential, in any of the ways questions shorten them
CERTIFICATE = re.compile(r"(?:certs?\b|certif\w*|licen[cs]\w*|credentials?\b)", re.I)

# words that name a credential, never a job: "bachelors" in "jobs for bachelors in nursing"
CREDENTIAL_STEMS = frozenset(
    stem(w) for w in "bachelor bachelors associates doctorate phd diploma ged".split()
)

_SAME_DEGREE = {"doctor": "phd", "doctoral": "phd"}


def degrees(text: str) -> set[str]:
    """The degrees a text names, one spelling each ("Ph.D." and "a doctorate" are a PhD).

    >>> sorted(degrees("A bachelor's is typical; a Ph.D. or doctorate helps."))
    ['bachelor', 'phd']
    >>> degrees("Master electrician license")
    set()
    """
    return {
        _SAME_DEGREE.get(d, d) for m in DEGREE.findall(text) if (d := stem(re.sub(r"[.\s]", "", m.lower())))
    }


# a driver's license or a driving record: a condition of the job, not the job's own license
DRIVERS_LICENSE = re.compile(r"\bdriv(?:er|ing)\W{0,3}s?\W{0,2}(?:licen[cs]e|record)|\bcdl\b", re.I)
# a question about driving, where a driver's license is the answer
ASKS_DRIVING = re.compile(r"\bdriv|\bcdl\b|\bcars?\b|\btrucks?\b|\bvehicles?\b", re.I)
# a line that names the job's own license besides the driver's ("a state license and a driver's license")
JOB_LICENSE = re.compile(r"\b(?:state|professional|occupational|trade|board)\W+(?:\w+\W+)?licen[cs]", re.I)
