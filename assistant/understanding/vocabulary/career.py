"""Career questions: the asker's background and years, steps up, before and aside, work kinds."""

from __future__ import annotations

import re

from assistant.understanding.vocabulary.asked import without_set_aside
from assistant.understanding.vocabulary.seniority import _LEVEL_NAMES

# "I'm a senior backend dev with no ML background, ...": who the asker is, up to the clause's end
BACKGROUND = re.compile(
    r"\b(?:i['\u2019]?m|i am|i work as|i['\u2019]ve been|i have been|currently working as)\s+"
    r"(?:currently\s+|now\s+)?(?:an?\s+)[^,.;?!]{0,60}?(?=\s*(?:[,.;?!]|\s(?:and|but|so|with|for|who|at)\b))",
    re.I,
)


_ASKS_YEARS = re.compile(r"\b(how many years|how much experience|how long|years? of experience)\b", re.I)
_BARE_YEARS = re.compile(r"\byears?\b", re.I)
# "over the next 5 years", "in recent years", "by 2030": a span of time, not years of experience
_TIME_SPAN = re.compile(
    r"\b(?:next|last|past|coming|recent|few|couple of|several|over the|in the|within|in)\s+"
    r"(?:(?:few|couple of|several|\d{1,2}|two|three|five|ten)\s+)?years?\b|\bin \d{1,2} years\b",
    re.I,
)


def asks_years(question: str) -> bool:
    """Does the question ask how many years (of experience) it takes?

    >>> asks_years("is 3 years enough?"), asks_years("how long does it take to become a lead?")
    (True, True)
    >>> asks_years("What's the job outlook over the next 5 years?"), asks_years("growth in recent years?")
    (False, False)
    >>> asks_years("Beyond years on the job, what track record should a lead show?")
    False
    """
    q = without_set_aside(question or "")  # "beyond years on the job, what track record?"
    if _ASKS_YEARS.search(q):
        return True
    return bool(_BARE_YEARS.search(q)) and not _TIME_SPAN.search(q)


# -- career steps ---------------------------------------------------------------------------------
# a step above any level: a role that manages or directs, or "more senior positions", "advanced roles"
ABOVE_LEVELS = re.compile(
    r"\b(?:directors?|(?:engineering |team |general |department )?managers?|management roles?|"
    r"heads? of|vp|vice presidents?|chief|cto|executives?|more senior|advanced roles?|senior positions)\b",
    re.I,
)
MORE_SENIOR = re.compile(r"\bmore senior\b", re.I)
# a career line that names a move out of the track: "Transition into AI product management", "Found
# AI startups", "Apply AI expertise across various sectors"
MOVE_ASIDE = re.compile(
    r"\b(?:transition\w*|mov(?:e|es|ing) into|switch\w*|found(?:ing)? |start(?:ing)? (?:a|an|their|your) |"
    r"consult\w*|entrepreneur\w*|freelanc\w*|across (?:various |different |other )?(?:sectors|industries))",
    re.I,
)
# "what comes after lead?", "where can I go from there?": the steps above
# a level named in a career question: "lead", "a senior", "principal" (every level word but the degree)
_A_LEVEL = r"(?:a |an |the )?(?:" + _LEVEL_NAMES + r")"
_STEP_UP = re.compile(
    r"\b(?:(?:comes?|go|goes|move|step|next) (?:up )?after\b(?! (?:that|this|it)\b)|"
    rf"after (?:being |becoming |reaching ){{0,1}}{_A_LEVEL}\b|"
    r"what(?:'s| is|s| comes)? next\b(?! for)|next (?:steps?|roles?|levels?|moves?|jobs?)\b(?! in the)|"
    r"step up|"
    rf"beyond {_A_LEVEL}\b|move (?:up|on)\b|(?:move|go|grow|progress) (?:in)?to\b[^?.]{{0,30}}\blater|"
    r"later on|"  # (not "once I'm senior": "and once I'm senior?" follows a pay question)
    # "what roles can a lead move into?": the roles the level leads to
    r"(?:roles?|positions?|jobs?|titles?) (?:can|could|do|does|might|would|will) (?:[\w-]+ ){0,5}?"
    r"(?:move|progress|advance|grow|step|go|transition) (?:up )?(?:in)?to\b|"
    r"where (?:can|do|does|could) (?:i|you|they|one|someone) go (?:from|after|next)|"
    r"exit (?:opportunit\w*|options?|paths?))",
    re.I,
)
# "what jobs do people hold before lead?", "what does the path look like, step by step?": the steps up to it
_STEP_BEFORE = re.compile(
    rf"\b(?:before (?:becoming |being |getting to |reaching |you'?re |i'?m |they'?re ){{0,1}}{_A_LEVEL}\b|"
    r"step[- ]by[- ]step|work (?:my|your|their|one's) way up|(?:start|starting) (?:out )?as\b|"
    r"comes? before\b|leads? up to\b|(?:jobs?|roles?|positions?) (?:\w+ ){0,4}?before\b|"
    r"(?:career )?path (?:into|to)\b|go through (?:a |the )?\w+ (?:role|level|position)s? first)",
    re.I,
)


# "if I get tired of engineering, what other career moves are open?": a move sideways, out of the track
_STEP_ASIDE = re.compile(
    r"\b(?:other (?:career )?(?:moves|directions|paths|options|routes|careers|fields|tracks)|"
    r"move (?:away|out) (?:from|of)|tired of|leave (?:engineering|the field|tech|and)|"
    r"(?:switch|change) (?:careers?|fields?|tracks?)|outside (?:of )?(?:engineering|tech)|"
    r"do my own thing|alternatives? to|besides (?:engineering|tech))\b",
    re.I,
)


def career_direction(question: str) -> str | None:
    """ "up" for the steps after a level, "before" for the steps up to it, "aside" for moves out of the
    track, None for neither.

    >>> career_direction("what comes after lead?"), career_direction("where can I go from there?")
    ('up', 'up')
    >>> career_direction("what jobs do ppl hold before lead?"), career_direction("what is the career path?")
    ('before', None)
    >>> career_direction("if I get tired of engineering, what other career moves are open?")
    'aside'
    >>> career_direction("what comes before senior?"), career_direction("what's next for leads in AI hiring?")
    ('before', None)
    >>> career_direction("I am a junior, what comes next?")
    'up'
    >>> career_direction("What roles can a lead AI engineer move into after gaining more experience?")
    'up'
    >>> career_direction("after that what should I learn?"), career_direction("where can I go to study?")
    (None, None)
    """
    q = question or ""
    if _STEP_ASIDE.search(q):
        return "aside"
    if _STEP_BEFORE.search(q):
        return "before"
    return "up" if _STEP_UP.search(q) else None


# the asker's own years, held against a minimum: "is 3 years enough?", "can I lead with only 3 yrs?",
# "I've got 4 years"; not "do I need 10 years of experience with ML?" (the years asked about)
ASKERS_YEARS = re.compile(
    r"\b(\d{1,2})\+?\s*(?:years?|yrs?)\b[^?.]{0,60}?\b(?:enough|sufficient)\b|"
    r"\b(?:with|after|only|just|i have|i've got|i've had|i have had|i've been \w+ for)\s+(?:only\s+|just\s+)?"
    r"(\d{1,2})\+?\s*(?:years?|yrs?)\b",
    re.I,
)


# "10 years in, what should I be making?", "with 8 yrs": the asker's own years of experience, not a
# time to come ("in 5 years") or gone ("5 years ago")
HAS_YEARS = re.compile(
    r"(?<!\bin )(?<!\bwithin )(?<!\bafter )\b\d{1,2}\+?\s*(?:years?|yrs?)\b"
    r"(?!\s+(?:ago|from now|later|time|out))",
    re.I,
)
# years of leading, not the lead role applied for ("is 3 yrs enough to apply for lead roles?")
LEADERSHIP_ASKED = re.compile(
    r"\bleadership\b|\bleading\b|\bmanaging\b|\bmanagement\b|\b(?:in|as) (?:a |the )?(?:tech |team )?lead\b"
    r"(?! (?:ai |ml )?(?:engineer|role|job|position))|\bin a lead(?:ing)? role\b",
    re.I,
)


# the words of years and experience themselves, which say nothing about which experience is asked
YEAR_WORDS = "years year experience experienced leadership leading lead role roles minimum"


# "what's a must-have vs a nice-to-have?": what is required, and what is only preferred
_ASKS_STRENGTHS = re.compile(
    r"\bmust[- ]haves?\b[^?]{0,40}\bnice[- ]to[- ]haves?\b|"
    r"\bnice[- ]to[- ]haves?\b[^?]{0,40}\bmust[- ]haves?\b|"
    # "what's required and what's only preferred?", not "is a PhD required or just helpful?" (one thing)
    r"\bwhat(?:'s|s| is| are)?\s+(?:\w+\s+){0,2}?(?:required|essential|mandatory|needed)\b[^?]{0,30}\b"
    r"(?:vs\.?|versus|or|and)\s+(?:what(?:'s| is| are)?\s+)?"
    r"(?:just\s+|only\s+)?(?:preferred|optional|nice|helpful|a plus)\b",
    re.I,
)


def asks_strengths(question: str) -> bool:
    """Does the question ask what is required and what is only preferred?

    >>> asks_strengths("whats a must-have vs a nice-to-have for getting hired?")
    True
    >>> asks_strengths("what's required and what's just preferred?"), asks_strengths("is a PhD required?")
    (True, False)
    >>> asks_strengths("is a PhD required or just helpful?"), asks_strengths("what is required vs preferred?")
    (False, True)
    """
    return bool(_ASKS_STRENGTHS.search(question or ""))


# "does it have to be AI, or does general engineering count?": two questions, no yes or no
_EITHER_OR = re.compile(r"\bor (?:is|are|does|do|just|mostly|mainly|all|only)\b", re.I)


# the two kinds of work a lead's question sets against each other ("still code, or all management?")
WORK_KINDS = {
    # (work, not people: "technical people or managers?" sets no kind of work against another)
    "hands-on": re.compile(
        r"\b(?:cod(?:e|es|ing)|hands[- ]on|programm\w*|technical (?:work|tasks?|expertise|side|skills)|"
        r"technologists?|individual contributor)\b",
        re.I,
    ),
    "leadership": re.compile(
        r"\b(?:manag(?:e|es|ing|ement)\b(?! people\b)|mgmt|leaders?|leadership|leading (?:people|teams?)|"
        r"managing people|people management)",
        re.I,
    ),
}
# a line that says a job is the one and the other: "both technologists and team leaders", "balancing"
BOTH = re.compile(r"\b(?:both|balanc\w*|combin\w*|as well as|blend of|mix of)\b", re.I)


def work_kinds(text: str) -> set[str]:
    """The kinds of work (WORK_KINDS) a text names.

    >>> sorted(work_kinds("do they still write code or is it mostly mgmt?"))
    ['hands-on', 'leadership']
    """
    return {k for k, rx in WORK_KINDS.items() if rx.search(text or "")}


def asks_either_or(question: str) -> bool:
    """Does a yes/no-looking question offer two alternatives to choose from?

    >>> asks_either_or("do they still write code or is it all management?")
    True
    >>> asks_either_or("Is a master's or PhD required?"), asks_either_or("is it required or not?")
    (False, False)
    """
    return bool(_EITHER_OR.search(question or ""))
