"""The one vocabulary: seniority levels, aspects, answer types, places, money, ranges and years.

Every stage that needs to know what "new grad", "$150k", "Seattle" or "is it required" means
imports it from here, so the question, the facts and the answer agree on the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.indexing.text import BULLET, RETIREMENT_PLAN, extract_numbers

# re-exported: bullets and numbers are read where chunking and BM25 need them, and named here
__all__ = ["BULLET", "extract_numbers"]

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
LEVELS = tuple(LEVEL_WORDS)  # in order of seniority
_LEVEL_ALIAS = {w: lv for lv, ws in LEVEL_WORDS.items() for w in ws}
# every level word but "master" (a trade level, never the degree), longest first
_LEVEL_NAMES = "|".join(re.escape(w) for w in sorted(set(_LEVEL_ALIAS) - {"master"}, key=len, reverse=True))
_LEVEL_RE = re.compile(
    r"\b(?:("
    + _LEVEL_NAMES
    # plurals count ("seniors"); "master" is a trade level ("master electrician"), never a degree;
    # a middle school is no level of its teachers
    + r")s?(?<!middle)|(master)(?!['\u2019]s|s\b|\s+(?:degree|of)\b)"
    + r"|(middle)(?![- ]school|\s+(?:half|50|fifty)\b))\b\.?",
    re.I,
)


def find_levels(text: str) -> list[str]:
    """Canonical levels a text names, in order of appearance, without repeats.

    >>> find_levels("What would a new grad or a Senior AI Engineer earn?")
    ['entry', 'senior']
    >>> find_levels("Entry-Level AI Engineer: $90,000 - $120,000")
    ['entry']
    """
    out: list[str] = []
    for m in _LEVEL_RE.finditer(text or ""):
        lv = _LEVEL_ALIAS[(m.group(1) or m.group(2) or m.group(3)).lower()]
        if lv not in out:
            out.append(lv)
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

# words of a question that say nothing about its topic, so their absence from the corpus means nothing
GENERIC_WORDS = frozenset(
    """tell know want need get become like good best typical typically usual usually average kind type
    someone person people job jobs role roles work working day much many long often really help explain
    describe list give show find say said mean means expect expected thing things way ways one ones new
    come comes besides beside share mentioned mention own after before also other others else got look
    looking start starting wanted go goes going went take taking lot lots quite very thousand thousands
    million up actually basically usually mostly mainly primarily largely just still even anyway
    honestly pretty candidate candidates applicant applicants comfortable familiar
    daily basis too eventually stuck reasonably route every etc
    required require requires need needs needed necessary must should could would will can""".split()
)

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


def written_out(text: str) -> str:
    """The question with chat short forms written out.

    >>> written_out("how many yrs of exp do u need?")
    'how many years of experience do you need?'
    >>> written_out("total comp for a comp sci grad?"), written_out("a comp-sci degree")
    ('total compensation for a comp sci grad?', 'a comp-sci degree')
    >>> written_out("TC for a lead?")
    'total compensation for a lead?'
    >>> written_out("Ed Lang went to U of M")
    'Ed Lang went to U of M'
    """
    # typed in lower case: "Ed Lang" and "U of M" are names
    text = _SHORTHAND_RE.sub(lambda m: SHORTHAND[m.group(1)] if m.group(1).islower() else m.group(1), text)
    text = _TC.sub("total compensation", text)
    return _COMP.sub(lambda m: m.group(0)[: -len("comp")] + "compensation", text)


# "I'm a senior backend dev with no ML background, ...": who the asker is, up to the clause's end
BACKGROUND = re.compile(
    r"\b(?:i['\u2019]?m|i am|i work as|i['\u2019]ve been|i have been|currently working as)\s+"
    r"(?:currently\s+|now\s+)?(?:an?\s+)[^,.;?!]{0,60}?(?=\s*(?:[,.;?!]|\s(?:and|but|so|with|for|who|at)\b))",
    re.I,
)


# the other side of a comparison with one place: everywhere else
ANYWHERE_ELSE = re.compile(
    r"\s*(?:(?:in|at)\s+)?(?:elsewhere|anywhere else|everywhere else|other (?:cities|places|areas|states)|"
    r"the rest of (?:the )?(?:us|u\.s\.|country|nation)|(?:the )?(?:national )?average|nationally)\W*$",
    re.I,
)


# a move from one level to the next ("moved up to lead", "a jump in pay", "promoted to")
STEP_UP = re.compile(
    r"\b(?:jump|bump|raise|increase|difference|step up|move[ds]? up|moving up|promot\w*|going from)\b", re.I
)
# a share of the pay asked about ("what share of the package is base pay?"), and the whole of it
ASKS_SHARE = re.compile(r"\b(share|percent(age)?|portion|proportion|fraction|how much of)\b|%", re.I)
ASKS_TOTAL = re.compile(r"\btotal\b|all in|altogether|whole package", re.I)


# a field's other names in role titles: machine learning is a branch of AI, so an "ML engineer" is
# looked for among the AI roles too (a corpus with its own ML role matches that one fully as well)
FIELD_NAMES = {"ml": "ai", "machine learning": "ai", "artificial intelligence": "ai"}
# job titles people use for the occupations the statistics name otherwise: software engineers are
# counted as software developers
JOB_NAMES = {"software engineer": "software developer"}

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

# -- aspects: what a question is about ----------------------------------------------------------
ASPECT_PATTERNS: dict[str, str] = {
    # "what makes a good lead" is about the person, not the pay
    "pay": r"pay|paid(?!\s+(?:vacations?|time off|leave|holidays?|sick))|earn\w*|"
    r"(?:make|makes|making)\b(?!\s+(?:the\s+(?:\w+\s+)?)?(?:calls?|decisions?|sure|changes?|use|progress)\b)"
    r"(?!\s+(?:a|an|the|you|someone|one)\s+(?:good|great|"
    r"successful|effective|strong|better|best)\b)|salar\w*|compensation|" + COMP_WORD + r"|tc\b|"
    r"income|wage\w*|money|"
    r"hourly|rate|"
    r"\$|(?!" + RETIREMENT_PLAN + r")\d+\s?k\b|bonus\w*|stock|equity|rsus?|percentile|median|"
    # "how much do they get", not "how much parental leave do they get"
    r"how much (?!(?:\w+ )?(?:leave|vacation|time off|pto|holidays?|days?|sick|notice|travel|training)\b).*"
    r"(get|take home)|"
    r"per (year|annum|month|hour)|annual(ly)?\b|yearly|take[- ]home|(pull|bring|rake)s? in|paycheck|"
    r"(?:be|get|gets|getting|was|were) offered\b(?! (?:as|by|in|through)\b)",
    "benefits": r"benefit\w*|perks?|" + RETIREMENT_PLAN + r"|health insurance|pto|vacation|allowance",
    "duties": r"dut(y|ies)|responsib\w*|tasks?|do all day|day[- ]to[- ]day|(?:on a )?daily basis|"
    r"daily (?:tasks|work|routine|duties|life)|(?:do|doing) (?:\w+ )?(?:daily|every ?day)\b|"
    r"what does .* do\b|"
    r"what do .* do\b|job involve|role involve|work on|in charge of|oversee|"
    r"involved in (?!becoming|getting|being)|responsible for|take part in|tasked with|"
    r"(?<!hardest )(?<!hard )(?<!toughest )(?<!worst )(?<!best )(?<!easiest )(?<!difficult )(?<!rewarding )"
    r"part of (?:the|their|your|my|a|an)\b[^?.]{0,40}?\b(?:job|role|work)\b|"
    r"accountable for|(?:typical|average|normal|usual) (?:work ?|working )?day|day in the life",
    "education": r"degree|bachelor\w*|master\w*|ph\.?\s?d|doctorate|educat\w*|diploma|study|studied|"
    r"college|university|school|major(?:ed|ing)? in\b|what does it take|get hired|bootcamps?|self[- ]taught|"
    r"how (do i|to|can i) become|qualif\w*|"
    r"requirements?",
    # what a candidate has done: "a track record", "a portfolio", "published papers", "patents"
    "experience": r"experience|years? of|how many years|how long|track records?|portfolios?|"
    r"publications?|published|(?:research )?papers\b|patents?",
    "certifications": r"certif\w*|licen[cs]\w*|credential\w*|pmp\b|aws certified",
    "skills": r"skills?|abilit(y|ies)|competenc\w*|know-how|proficien\w*|tools?|languages?|"
    r"(?:tech )?stack\b|(?:what|which) software\b|software (?:do|does|should|would|is|are)\b|"
    r"frameworks?|good at|strengths?",
    "career": r"career|progression|progressing|work (?:my|your|their|one's|his|her) way up|climb\w*|"
    r"(?:i|you|they|we|one|someone|to|can|and) progress\b|promot\w*|advance\w*|path|next step|move up|"
    r"move into|next role|"
    r"become|transition|"
    r"grow into|ladder",
    "demand": r"demand|outlook|job market|growth|growing|hiring(?! managers?| teams?)|hires?\b|"
    r"recruit(?!ers?\b)\w*|"
    r"jobs? (are )?available|"
    r"future|employment|how many (people|jobs|workers)|trend\w*|shortage|hype\b|"
    r"hard to (?:find|fill|hire)|(?:find|enough) (?:people|candidates|talent)",
    "conditions": r"remote|hybrid|hours|schedule|overtime|travel|work environment|conditions|"
    r"stress\w*|shifts?|on[- ]call|physical",
    "challenges": r"challeng\w*|hard(est)? part|difficult\w*|problems?|obstacles?|risks?",
}
_ASPECT_RES = {a: re.compile(rf"\b(?:{p})", re.I) for a, p in ASPECT_PATTERNS.items()}


def aspect_words(text: str, aspects: tuple[str, ...] | list[str]) -> list[str]:
    """The words of a text that name its aspects: "problems" in "what problems do they face?"."""
    return [m.group(0) for a in aspects if a in _ASPECT_RES for m in _ASPECT_RES[a].finditer(text or "")]


# the people who judge a candidate: "what do hiring managers look for?" asks what the job needs,
# not about managing ("Management") or hiring ("demand")
GATEKEEPERS = re.compile(
    # and a coach's "my client", who asks through them: no "clients" of the job
    r"\b(?:hiring managers?|hiring teams?|recruiters?|interviewers?|"
    r"(?:my|our) (?:clients?|coachees?|mentees?))\b",
    re.I,
)
# "I'm", "they've": a contraction's ending says nothing of the topic
_CONTRACTION_END = re.compile(r"(?<=[A-Za-z])['\u2019](?:m|ve|re|ll|d|s)\b", re.I)


def topic_text(text: str) -> str:
    """The text without the words that name no topic of a job: the people judging a candidate and the
    endings of contractions.

    >>> topic_text("I'm told hiring managers want a portfolio")
    'I told   want a portfolio'
    """
    return _CONTRACTION_END.sub("", GATEKEEPERS.sub(" ", text or ""))


# -- topics: things people ask about a job that role documents often never mention -------------
# name -> words that ask about it in a question, and that would cover it in a passage. A question
# about a topic no passage of its role mentions is refused, naming the topic, instead of being
# answered from a passage that only shares its other words ("interview process" -> "processes").
TOPICS: dict[str, str] = {
    "interviews": r"interview\w*",
    "vacation and paid time off": r"(?:paid )?vacations?|pto\b|paid time off|time off|holidays?|annual leave|"
    r"sick (days|leave)",
    "parental leave": r"parental leave|maternity|paternity",
    "visa sponsorship": r"visas?\b|sponsor\w*|h-?1b\b|green card|immigra\w*|work permits?",
    "relocation": r"relocat\w*",
    "gender": r"women|gender|female|males?\b",
    "diversity and inclusion": r"diversity|inclusion|\bdei\b",
    "age limits": r"too old|older workers|age limits?|ageism",
    "unions": r"unions?\b|unioni[sz]\w*",
    "layoffs and job security": r"layoffs?|laid off|job security",
    "retirement and pensions": r"retire\w*|pensions?",
    "dress code": r"dress code|attire",
    "commuting": r"commut\w*",
    "working hours": r"(?:working |work )?hours\b|overtime|(?:night |weekend )?shifts?\b|on[- ]call\b|"
    r"weekends?\b",
    "work-life balance": r"work[- ]life balance|burn ?out",
    "job satisfaction": r"job satisfaction|satisfied|happiness",
    "job openings at named employers": r"job openings?|vacanc(?:y|ies)|job postings?|"
    r"(?:which|what) (?:hospitals|companies|employers|firms|schools|stores)\b[\w ,]{0,30}? (?:are|is) hiring|"
    r"who is hiring",
}
_TOPIC_RES = {t: re.compile(rf"\b(?:{p})", re.I) for t, p in TOPICS.items()}


def find_topics(text: str) -> list[str]:
    """The topics (TOPICS) a text names.

    >>> find_topics("What's the typical interview process?"), find_topics("How many vacation days?")
    (['interviews'], ['vacation and paid time off'])
    >>> find_topics("What does a lead AI engineer earn?")
    []
    >>> find_topics("which hospitals in boston are hiring nurses right now")
    ['job openings at named employers']
    """
    return [t for t, rx in _TOPIC_RES.items() if rx.search(text or "")]


def without_topics(text: str) -> str:
    """The text with every topic's words taken out: what else the question asks."""
    for rx in _TOPIC_RES.values():
        text = rx.sub(" ", text)
    return text


def topic_pattern(topic: str) -> re.Pattern[str]:
    return _TOPIC_RES[topic]


# the section headings that hold each aspect in a role document (matched against section paths)
ASPECT_SECTIONS: dict[str, str] = {
    "pay": r"salar|pay|compensation|wage|earning",
    "benefits": r"benefit|perk",
    "duties": r"responsib|duties|what .* do|day[- ]to[- ]day|tasks|role overview|involves|work activities",
    "education": r"educat|degree|qualif|requirement",
    "experience": r"experience|requirement|qualif",
    "certifications": r"certif|licen",
    "skills": r"skill|competenc|abilit|tools",
    "career": r"career|progress|path|opportunit",  # "Rapid Technological Advancements" is no career step
    "demand": r"demand|outlook|trend|market|employment|growth",
    "conditions": r"condition|environment|schedule|remote|hours",
    "challenges": r"challeng",
}


_EXCEPT_PAY = re.compile(
    r"\b(?:besides|other than|apart from|aside from|except(?: for)?|beyond|not counting|on top of|"
    r"in addition to|outside(?: of)?)\s+(?:(?:the|a|their|your|my|base)\s+)*"
    r"(?:salary|salaries|pay|wages?|money|compensation|base)\b",
    re.I,
)


# "do they manage budgets?", "does a lead AI engineer still write code?": is that work part of the job
_DOES_THE_WORK = re.compile(
    # the job's holders do it ("they", "nurses", "a lead AI engineer"), not the asker ("do I have to")
    r"^\s*(?:and\s+|so\s+|but\s+)?(?:do|does)\s+(?!i\b|you\b|u\b|we\b|it\b|my\b|me\b)[^?]{0,60}?\b"
    r"(?:manage|write|cod(?:e|ing)|review|hire|interview|talk|speak|meet|present|mentor|coach|design|build|"
    r"test|deploy|report|approve|supervise|train|plan|oversee|handle|communicate|collaborate|work with)\b",
    re.I,
)


def find_aspects(text: str) -> list[str]:
    """Aspects a text asks about, most specific first.

    >>> find_aspects("Is a master's degree required?")
    ['education']
    >>> find_aspects("What perks come with the job besides salary?")
    ['benefits']
    >>> find_aspects("What are the key responsibilities?")
    ['duties']
    >>> find_aspects("Who makes the architecture calls?"), find_aspects("How much do they make a year?")
    ([], ['pay'])
    """
    # "perks besides salary", "benefits on top of pay": the pay is what is not asked about
    rest = _EXCEPT_PAY.sub(" ", text or "")
    found = [a for a, rx in _ASPECT_RES.items() if rx.search(rest)] or [
        a for a, rx in _ASPECT_RES.items() if rx.search(text or "")
    ]
    # "years of experience" is experience, not pay; "skills" in "soft skills" is skills not duties
    if (
        "experience" in found
        and "pay" in found
        and not re.search(r"pay|earn|salar|make|wage|compens", text or "", re.I)
    ):
        found.remove("pay")
    if not found and _DOES_THE_WORK.search(text):
        found.append("duties")  # "do they manage budgets?": whether that is part of the job
    if not found and career_direction(text):
        found.append("career")  # "once I'm a lead, where can I go from there?"
    return found


# -- answer types -------------------------------------------------------------------------------
FIGURE, LIST, YESNO, COMPARISON, EXPLANATION = "figure", "list", "yes/no", "comparison", "explanation"
_YESNO = re.compile(
    r"^\s*(?:and\s+|so\s+|but\s+)?(is|are|do|does|did|can|could|should|will|would|must|has|have|am)\b", re.I
)
# "phd required for lead ai role?", "masters worth it?": a yes/no question typed without its verb
_TERSE_YESNO = re.compile(
    r"^[^?.!]{0,60}\b(?:required|needed|necessary|mandatory|a must|enough|worth it)\b[^?.!]{0,40}\?\s*$", re.I
)
_COMPARISON = re.compile(
    r"\b(compare[ds]?|comparison|versus|vs\.?|difference (?:(?:in|of) \w+ )?between|differ|"
    r"who (earns|makes|gets) more|"
    r"which (one |role )?(pays|earns|makes) more|more than|less than|better paid|higher paid|"
    r"out-?earns?|out-?paid|out-?paces?|different from|differs? from)\b",
    re.I,
)
# "which pays better nationally, financial analyst or accountant?": two named, one asked for
_WHICH_PAYS_MORE = (
    re.compile(r"\b(?:or|vs\.?|versus)\b", re.I),
    re.compile(r"\b(?:which|who|whose)\b", re.I),
    re.compile(r"\b(?:pays?|earns?|makes?|paid|salary|salaries|wages?)\b", re.I),
    re.compile(r"\b(?:more|better|higher|most|bigger)\b", re.I),
)
# "how much more does a dentist make than a hygienist?"
_HOW_MUCH_MORE = re.compile(r"\bhow much (?:more|less)\b[^?]{0,120}?\bthan\b", re.I)
_FIGURE = re.compile(
    r"\b(how much|how many|what (is|are) the (salary|pay|wage|median|average|range|bonus)|salary|"
    r"earn\w*|make|makes|paid|pay|wage\w*|income|compensation|median|average|percentile|"
    r"how long|how big|what percent\w*|range)\b",
    re.I,
)
_LIST = re.compile(
    r"\b(what are|which|list|name (the|some)|what (skills|duties|responsibilities|certifications|"
    r"tools|tasks|benefits|qualifications|factors)|key |main |types of|kinds of|examples? of|factors?)\b",
    re.I,
)
_KIND_OF = re.compile(
    r"^\s*(which|what)\s+(kinds?|types?|sorts?|sectors?|industries|companies|areas?)\b", re.I
)
# a list of things around the pay, not the pay itself: "benefits besides salary", "factors of salary"
_LIST_OVER_PAY = re.compile(r"\b(benefits?|perks?|factors?|influences?|affects?|determines?)\b", re.I)


# "what does it take to get hired": every requirement, as the documents list them
_WHAT_IT_TAKES = re.compile(
    r"^(?!.*\bhow long\b).*?(?:"  # "how long does it take to get hired" asks for a time
    r"\bwhat (?:does it|would it|will it) take\b|"
    r"\bwhat do (?:i|you) need to (?:get|land) (?:hired|the job|a job)\b|\bto get hired\b)",
    re.I,
)


def answer_type(question: str, aspects: list[str]) -> str:
    """What kind of answer fits: a figure, a list, yes/no, a comparison or an explanation.

    >>> answer_type("Can total pay go above 300 thousand?", ["pay"])
    'yes/no'
    >>> answer_type("Which soft skills does the role need?", ["skills"])
    'list'
    >>> answer_type("Who earns more, nurses or electricians?", ["pay"])
    'comparison'
    >>> answer_type("Which pays better nationally, financial analyst or accountant?", ["pay"])
    'comparison'
    >>> answer_type("I studied software engineering, not CS. Does that degree work?", ["education"])
    'yes/no'
    >>> answer_type("phd required for lead ai role?", ["education"]), answer_type("what is required?", [])
    ('yes/no', 'explanation')
    """
    q = question or ""
    if re.search(_WHY_PAID_MORE, q, re.I) and _PAY_FACTORS.search(q):
        return LIST  # "why would one lead get paid more than another?": the factors
    if _COMPARISON.search(q) or all(rx.search(q) for rx in _WHICH_PAYS_MORE) or _HOW_MUCH_MORE.search(q):
        return COMPARISON
    # "I studied software engineering, not CS. Does that degree work?": the question is the last sentence
    last = re.split(r"(?<=[.!])\s+(?=[A-Za-z])", q.strip())[-1]
    if _YESNO.search(q) or (last != q.strip() and _YESNO.search(last)):
        return YESNO
    if _TERSE_YESNO.search(q) and not re.match(r"\s*(?:what|which|how|who|why|where|when)\b", q, re.I):
        return YESNO
    if (_LIST_OVER_PAY.search(q) and _LIST.search(q)) or _PAY_FACTORS.search(q) or _WHAT_IT_TAKES.search(q):
        return LIST
    if _KIND_OF.search(q):
        return LIST  # "which kinds of companies pay the most" asks for kinds, not a figure
    if "pay" in aspects and _FIGURE.search(q):
        return FIGURE
    if re.search(r"\b(how many years|how much experience|how long)\b", q, re.I):
        return FIGURE
    if _LIST.search(q) or any(a in aspects for a in ("duties", "skills", "certifications", "benefits")):
        return LIST
    return EXPLANATION


_ASKS_FOR = re.compile(
    r"^\s*(?:and\s+|so\s+)?(?:what|which)\s+(?:are\s+|were\s+)?(?:the\s+|some\s+)?"
    r"(?:(?:main|common|different|other)\s+)?(?:(?:kinds?|types?|sorts?|examples?)\s+of\s+)?"
    r"(?P<np>(?:[a-z][a-z'-]*(?:\s*[,&]\s*|\s+)){0,6}?[a-z][a-z'-]*)"  # "languages, frameworks & tools"
    r"(?=\s+(?:are|is|was|were|do|does|did|can|could|should|will|would|might|must|has|have|exist|"
    r"of|for|in|on|at|to|that|which|with|an?|the|this|pay|pays|earn|offer|hire|employ|need|drive|"
    r"make|help|use|matter|require|affect|influence|create|come|comes|get|gets|stand|stands|go|goes|"
    r"count|counts|look|looks|keep|being|set)\b|\s*[?.!]?\s*$)",
    re.I,
)
_NOT_A_THING = {
    *"does do did is are was were has have had can could should will would might must it".split(),
    *"kind type sort".split(),
    # "what drives demand", "what makes a good lead": a verb, so no thing is being listed
    *"drives makes helps uses matters requires affects influences creates offers hires employs needs "
    "earns pays counts happens goes comes gets".split(),
}


# "what makes the salary go up", "how can I raise my pay": the things that move pay
# "why would one lead get paid way more than another?": what sets pay apart, not two sides
_WHY_PAID_MORE = (
    r"\bwhy\s+(?:would|do|does|is|are|might|can|could|do some)\b.{0,80}?\b(?:more|less|higher|lower|better)\b"
)
_PAY_FACTORS = re.compile(
    # every form names the pay: "how can I grow my skills" asks about skills
    r"^(?=.*\b(?:pay|paid|salar\w*|wages?|earn\w*|earning|compensation|income|comp)\b)"
    r".*?(?:\bwhat\s+(?:makes|drives|pushes|gets|can make)\b.*"
    r"\b(?:go(?:es)? up|higher|increase|rise|grow|bigger)\b|"
    r"\bwhat\s+(?:affects|influences|determines|raises|increases|boosts|drives)\b.*"
    r"\b(?:pay|salar\w*|wages?|earnings|compensation)\b|"
    r"\bhow\s+(?:can|do|could|would)\s+(?:i|you|one|they|someone)\s+(?:increase|raise|boost|grow|maximi[sz]e)\b|"
    + _WHY_PAID_MORE
    + r")",
    re.I,
)


# things asked for by another name than the headings use: "what software do they use" -> tools
ASKED_KINDS = {"software": "tools", "stack": "skills", "apps": "tools", "applications": "tools"}


def asks_for(question: str) -> str | None:
    """The things a "what/which X ..." question asks to be listed: the noun phrase X.

    >>> asks_for("What sectors are driving demand for AI leads?")
    'sectors'
    >>> asks_for("what kinds of specialized lead engineer roles exist in AI")
    'specialized lead engineer roles'
    >>> asks_for("Which areas of AI are creating the most need for leads?")
    'areas'
    >>> asks_for("What are the key responsibilities?")
    'key responsibilities'
    >>> asks_for("What does it take to get hired?") is None
    True
    >>> asks_for("what makes the salary go up?")
    'factors'
    >>> asks_for("what are the biggest challenges lead engineers in AI deal with?")
    'biggest challenges'
    """
    if _PAY_FACTORS.search(question or ""):
        return "factors"
    m = _ASKS_FOR.search(question or "")
    if not m:
        return None
    words = m.group("np").split()
    if not words or words[0].lower() in _NOT_A_THING or words[-1].lower() in _NOT_A_THING:
        return None
    if len(words) > 2 and is_job_word(words[-1]):
        # "what are the biggest challenges lead engineers deal with": the things end at the plural
        # before the people who deal with them
        cut = next((i for i in range(len(words) - 2, -1, -1) if re.fullmatch(r"[a-z]+[^s]s", words[i])), None)
        if cut is not None:
            words = words[: cut + 1]
    return " ".join(words)


# -- strength of a claim ------------------------------------------------------------------------
# from strongest to weakest: a rephrasing may keep or weaken a claim, never strengthen it
MODALS: tuple[tuple[str, str], ...] = (
    ("required", r"\b(required|requires?|must|mandatory|necessary|essential|needed|minimum of|at least)\b"),
    ("typical", r"\b(typically|usually|generally|commonly|most)\b"),
    ("preferred", r"\b(preferred|prefer|desired|ideally|advantage|plus|beneficial|helpful|valued)\b"),
    ("possible", r"\b(may|might|can|could|sometimes|often|some)\b"),
)
_MODAL_RES = [(name, re.compile(p, re.I)) for name, p in MODALS]


def modal_strength(text: str) -> str | None:
    """The strongest modal a text uses: ``required`` > ``typical`` > ``preferred`` > ``possible``.

    >>> modal_strength("A Ph.D. is often preferred and may be necessary for advanced positions")
    'required'
    >>> modal_strength("Advanced degrees are often preferred.")
    'preferred'
    """
    for name, rx in _MODAL_RES:
        if rx.search(text or ""):
            return name
    return None


def claim_strength(text: str) -> str | None:
    """Like ``modal_strength`` but reading hedges first: "may be necessary" is possible, not required.

    >>> claim_strength("A Ph.D. is often preferred and may be necessary for more advanced positions")
    'preferred'
    >>> claim_strength("A bachelor's degree is typically required.")
    'typical'
    >>> claim_strength("A license is required.")
    'required'
    """
    hedged = r"\b(may|might|can|could) be (required|necessary|needed|essential)\b"
    t = re.sub(hedged, "may", text or "", flags=re.I)
    some = r"\b(required|necessary|needed|mandatory) (by|for|in) (some|many|certain|a few)\b"
    some += r"|\bsometimes required\b"
    t = re.sub(some, "sometimes", t, flags=re.I)
    typical = r"\b(typically|usually|generally|often) (required|requires?|necessary|needed)\b"
    t = re.sub(typical, r"\1", t, flags=re.I)
    return modal_strength(t)


NEGATION = re.compile(r"\b(not|no|never|none|without|n't|cannot|neither|nor)\b", re.I)

# -- money, percentages, ranges, years ----------------------------------------------------------
MONEY = r"\$\s?\d[\d,]*(?:\.\d+)?\s?(?:[kK]\b|[mM]\b|million\b|thousand\b)?\+?"
MONEY_RE = re.compile(MONEY)
MONEY_RANGE_RE = re.compile(rf"({MONEY})\s*(?:-|–|—|to|and)\s*({MONEY}|\d[\d,]*(?:\.\d+)?\s?[kK]?\b\+?)")
PERCENT_RANGE_RE = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%?\s*(?:-|–|—|to)\s*(\d{1,3}(?:\.\d+)?)\s*%")
YEARS_RE = re.compile(r"\b(\d{1,2})\s*(?:(?:-|–|to)\s*(\d{1,2})|\+)?\s*\+?\s*years?\b", re.I)
YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
PERIODS = {
    "hour": r"per hour|an hour|/hr|/hour|hourly",
    "year": r"per year|a year|/yr|/year|annual\w*|yearly|per annum",
    "month": r"per month|a month|/mo|monthly",
}


def parse_money(text: str) -> float:
    """``$150,000`` -> 150000.0; ``$150k`` -> 150000.0; ``$1.2M`` -> 1200000.0.

    >>> parse_money("$150k"), parse_money("$97,550"), parse_money("$1.2 million")
    (150000.0, 97550.0, 1200000.0)
    """
    t = text.strip().rstrip("+").strip().lower()
    v = float(re.sub(r"[^\d.]", "", t) or 0)
    if t.endswith("k") or t.endswith("thousand"):
        v *= 1000
    elif t.endswith("m") or t.endswith("million"):
        v *= 1_000_000
    return v


_RANGE = re.compile(r"(\$?\s?\d[\d,.]*\s?[kK]?%?)\s*(?:-|–|to)\s*(\$?\s?\d[\d,.]*\s?[kK]?\+?%?)")


def ranges(text: str) -> list[tuple[float, float]]:
    """(low, high) of every range a text states: ``$100,000 to $160,000``, ``5-15%``.

    >>> ranges("Seattle: 5-15% above; Senior: $160,000 - $200,000")
    [(5.0, 15.0), (160000.0, 200000.0)]
    """
    out = []
    for m in _RANGE.finditer(text or ""):
        a, b = extract_numbers(m.group(1)), extract_numbers(m.group(2))
        if a and b:
            out.append((a[0], b[0]))
    return out


def period_of(text: str) -> str | None:
    """``per hour`` -> ``hour``; ``annual`` -> ``year``; nothing said -> None."""
    for period, p in PERIODS.items():
        if re.search(p, text or "", re.I):
            return period
    return None


def money(v: float) -> str:
    """A figure as people write it: whole dollars, thousands separated, cents only for hourly pay.

    >>> money(168000.4), money(23.5)
    ('$168,000', '$23.50')
    """
    return f"${v:,.2f}" if v < 1000 and v != int(v) else f"${v:,.0f}"


# -- places -------------------------------------------------------------------------------------
US_STATES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "PR": "Puerto Rico",
}
STATE_CODES = {name.lower(): code for code, name in US_STATES.items()}  # "colorado" -> "CO"
# the largest US cities and metro names, so "how about denver" is read as a place even without "in"
US_CITIES = tuple(
    c.strip()
    for c in """New York, Los Angeles, Chicago, Houston, Phoenix, Philadelphia, San Antonio, San Diego,
    Dallas,
    San Jose, Austin, Jacksonville, Fort Worth, Columbus, Charlotte, San Francisco, Indianapolis, Seattle,
    Denver, Washington, Boston, El Paso, Nashville, Detroit, Oklahoma City, Portland, Las Vegas, Memphis,
    Louisville, Baltimore, Milwaukee, Albuquerque, Tucson, Fresno, Sacramento, Kansas City, Mesa, Atlanta,
    Omaha, Colorado Springs, Raleigh, Miami, Long Beach, Virginia Beach, Oakland, Minneapolis, Tulsa,
    Tampa, Arlington, New Orleans, Wichita, Cleveland, Bakersfield, Aurora, Anaheim, Honolulu, Santa Ana,
    Riverside, Corpus Christi, Lexington, Pittsburgh, Anchorage, Stockton, Cincinnati, St. Louis,
    Saint Paul, Toledo, Greensboro, Newark, Plano, Henderson, Lincoln, Buffalo, Jersey City, Chula Vista,
    Fort Wayne, Orlando, St. Petersburg, Chandler, Laredo, Norfolk, Durham, Madison, Lubbock, Irvine,
    Winston-Salem, Glendale, Garland, Hialeah, Reno, Chesapeake, Gilbert, Baton Rouge, Irving,
    Scottsdale, North Las Vegas, Fremont, Boise, Richmond, San Bernardino, Birmingham, Spokane,
    Rochester, Des Moines, Modesto, Fayetteville, Tacoma, Oxnard, Fontana, Salt Lake City, Bellevue,
    Hartford, Providence, Knoxville, Charleston, Savannah, Ann Arbor, Boulder, Palo Alto, Mountain View,
    Sunnyvale, Cambridge, Brooklyn, Manhattan, Silicon Valley, Bay Area, Twin Cities""".replace(
        "\n", " "
    ).split(", ")
)
NATIONAL = "United States"
_NATIONAL_RE = re.compile(
    r"\b(nationally|national(ly)?|nationwide|across the (us|u\.s\.|country)|in the (us|u\.s\.|usa|"
    r"united states)|us-wide|the us|the u\.s\.|america)\b",
    re.I,
)
# nicknames people type -> the words documents use
PLACE_ALIASES = {
    "sf": "San Francisco",
    "san fran": "San Francisco",
    "bay area": "San Francisco",
    "silicon valley": "San Jose",
    "nyc": "New York",
    "new york city": "New York",
    "manhattan": "New York",
    "la": "Los Angeles",
    "l.a.": "Los Angeles",
    "dc": "Washington",
    "d.c.": "Washington",
    "philly": "Philadelphia",
    "vegas": "Las Vegas",
    "chi-town": "Chicago",
    "atl": "Atlanta",
    "seatac": "Seattle",
    "twin cities": "Minneapolis",
}
# places and currencies outside the United States: the documents may not cover them at all
FOREIGN = (
    "Canada",
    "Mexico",
    "UK",
    "United Kingdom",
    "Britain",
    "England",
    "London",
    "Scotland",
    "Ireland",
    "Dublin",
    "Germany",
    "Berlin",
    "Munich",
    "France",
    "Paris",
    "Spain",
    "Madrid",
    "Italy",
    "Netherlands",
    "Amsterdam",
    "Europe",
    "EU",
    "Switzerland",
    "Zurich",
    "Sweden",
    "Norway",
    "Denmark",
    "Poland",
    "India",
    "Bangalore",
    "Bengaluru",
    "China",
    "Beijing",
    "Shanghai",
    "Japan",
    "Tokyo",
    "Korea",
    "Seoul",
    "Singapore",
    "Australia",
    "Sydney",
    "Melbourne",
    "New Zealand",
    "Brazil",
    "Argentina",
    "Africa",
    "Nigeria",
    "Kenya",
    "Israel",
    "Tel Aviv",
    "Dubai",
    "UAE",
    "Toronto",
    "Vancouver",
    "Montreal",
    "Asia",
    "Hong Kong",
    "Philippines",
    "Vietnam",
    "Indonesia",
    "Russia",
    "Ukraine",
    "Portugal",
    "Lisbon",
)
CURRENCIES = {
    "pounds": "GBP",
    "pound": "GBP",
    "sterling": "GBP",
    "£": "GBP",
    "euros": "EUR",
    "euro": "EUR",
    "€": "EUR",
    "rupees": "INR",
    "rupee": "INR",
    "yen": "JPY",
    "¥": "JPY",
    "yuan": "CNY",
    "canadian dollars": "CAD",
    "cad": "CAD",
    "aud": "AUD",
    "australian dollars": "AUD",
    "francs": "CHF",
}
_FOREIGN_RE = re.compile(r"\b(" + "|".join(re.escape(p) for p in FOREIGN) + r")\b")
_CURRENCY_RE = re.compile(
    r"(" + "|".join(re.escape(c) for c in sorted(CURRENCIES, key=len, reverse=True)) + r")", re.I
)


_FOREIGN_LONG_RE = re.compile(r"\b(" + "|".join(re.escape(p) for p in FOREIGN if len(p) > 3) + r")\b", re.I)


def foreign_place(text: str) -> str | None:
    """A place outside the US a text names; short names (UK, EU) only as capitals.

    >>> foreign_place("pay in bangalore?"), foreign_place("a bulk order"), foreign_place("in the UK")
    ('Bangalore', None, 'UK')
    """
    m = _FOREIGN_RE.search(text or "") or _FOREIGN_LONG_RE.search(text or "")
    if not m:
        return None
    return next((p for p in FOREIGN if p.lower() == m.group(1).lower()), m.group(1))


def currency(text: str) -> str | None:
    """A currency other than US dollars a text asks for, as typed: ``in pounds`` -> ``pounds``.

    >>> currency("salary in pounds?"), currency("compounds"), CURRENCIES[currency("in euros")]
    ('pounds', None, 'EUR')
    """
    for m in _CURRENCY_RE.finditer(text or ""):
        word = m.group(1)
        if word.isalpha() and not re.search(rf"\b{re.escape(word)}\b", text, re.I):
            continue
        return word.lower()
    return None


def asks_national(text: str) -> bool:
    return bool(_NATIONAL_RE.search(text or ""))


# words around a place's name that are not part of it ("the Seattle metro area", "greater Boston")
PLACE_FILLER = {"city", "area", "metro", "metropolitan", "greater", "the", "region", "nonmetropolitan"}


@lru_cache(maxsize=8192)  # a place name is compared with every pay line's label: 170k calls a question
def normalize_place(text: str) -> str:
    """A comparable key for a place: ``Seattle-Tacoma-Bellevue, WA`` -> ``seattle tacoma bellevue wa``.

    >>> normalize_place("New York City"), normalize_place("NYC")
    ('new york', 'new york')
    """
    t = (text or "").strip()
    t = PLACE_ALIASES.get(t.lower(), t)
    t = re.sub(r"[^a-z ]", " ", t.lower())
    return " ".join(w for w in t.split() if w not in PLACE_FILLER)


def state_of(place: str) -> str | None:
    """The US state a "City, State" place names: "Aspen, Colorado" and "Aspen, CO" -> "Colorado".

    >>> state_of("Aspen, CO"), state_of("Jackson Hole, Wyoming"), state_of("Seattle")
    ('Colorado', 'Wyoming', None)
    """
    m = re.search(r",\s*([A-Za-z .]+?)\s*$", place or "")
    if not m:
        return None
    want = m.group(1).strip()
    code = want.upper() if want.upper() in US_STATES else STATE_CODES.get(want.lower())
    return US_STATES[code] if code else None


_CITY_STATE = re.compile(
    r"((?:(?:[a-z]{1,2}')?[A-Z][\w.'-]*\s+)*(?:[a-z]{1,2}')?[A-Z][\w.'-]*),\s*"
    r"([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|[A-Z]{2})\b"
)
_NOT_CITY_WORDS = {"in", "at", "near", "around", "for", "of", "from", "to", "and", "or", "the"}


def city_and_state(question: str) -> tuple[list[str], str] | None:
    """A "City, State" the question names: the city's possible names, longest first, and the state.

    >>> city_and_state("How much do electricians make in Aspen, Colorado?")
    (['Aspen'], 'Colorado')
    >>> city_and_state("Nurse pay in St. Louis, MO")
    (['St. Louis', 'Louis'], 'Missouri')
    >>> city_and_state("What Does A Nurse Earn In Boise, ID?")
    (['Boise'], 'Idaho')
    >>> city_and_state("nurse pay in Coeur d'Alene, ID")[0]
    ["Coeur d'Alene", "d'Alene"]
    >>> city_and_state("Nurses, electricians and plumbers") is None
    True
    """
    for m in _CITY_STATE.finditer(question or ""):
        state = state_of(m.group(0))
        if not state:
            continue
        words = m.group(1).split()
        # the name starts after the last little word of a title-cased question ("... Earn In Boise")
        cut = max((i + 1 for i, w in enumerate(words) if w.lower() in _NOT_CITY_WORDS), default=0)
        words = words[cut:]
        if not words or " ".join(words).lower() in STATE_CODES:
            continue
        return [" ".join(words[k:]) for k in range(len(words))], state
    return None


def state_codes(place_name: str) -> set[str]:
    """The state codes a place's name carries: "Portland-Vancouver-Hillsboro, OR-WA" -> {OR, WA}."""
    m = re.search(r",\s*([A-Z]{2}(?:-[A-Z]{2})*)\b", place_name or "")
    codes = set(m.group(1).split("-")) if m else set()
    if code := STATE_CODES.get((place_name or "").strip().lower()):
        codes.add(code)
    return codes


def state_code(state: str) -> str | None:
    return STATE_CODES.get(state.lower())


# state names that are not also the name of a large city ("New York", "Washington" are both)
_STATE_ONLY_NAMES = {normalize_place(s) for s in US_STATES.values()} - {"new york", "washington"}


@dataclass(frozen=True)
class Place:
    """A place as the corpus names it: ``Seattle`` or ``Seattle-Tacoma-Bellevue, WA`` (a metro)."""

    name: str
    kind: str = "city"  # city | metro | state | national | region

    @property
    def key(self) -> str:
        return normalize_place(self.name)

    def matches(self, asked: str) -> bool:
        """Does a place the user typed name this place? ``Seattle`` matches the Seattle metro.

        >>> Place("Seattle-Tacoma-Bellevue, WA", "metro").matches("Seattle")
        True
        >>> Place("San Francisco Bay Area").matches("SF")
        True
        >>> Place("Washington", "state").matches("Washington DC")
        False
        """
        want, have = normalize_place(asked), self.key
        if not want or not have:
            return False
        asks_city = re.search(r"\bcity\b", asked, re.I)
        if have in _STATE_ONLY_NAMES and asks_city and "city" not in self.name.lower():
            return False  # "Oklahoma City" is not the state of Oklahoma, though both normalise alike
        if want == have:
            return True
        if self.kind == "state":
            return False  # a state matches only by its full name (or its code, handled by callers)
        if want in _STATE_ONLY_NAMES and not re.search(r"\bcity\b", asked, re.I):
            return False  # "Colorado" asks for the state, not "Colorado Springs, CO" ("Iowa City" is a city)
        have_words, want_words = have.split(), want.split()
        # the asked words must start the place's name or one of its hyphenated cities
        # ... or of a place it lists: "Northeast (Boston, New York)" is asked for as "Boston"
        names = [normalize_place(p) for p in re.split(r"[-/,()]", self.name) if p.strip()]
        return any(n.split()[: len(want_words)] == want_words for n in names if n) or (
            have_words[: len(want_words)] == want_words
        )


# -- jobs ---------------------------------------------------------------------------------------
# the last word of a job's name: "biologist", "welder", "nurses", "DevOps Engineer", "Data Analyst"
_JOB_HEAD = re.compile(
    r"(ist|ists|er|ers|or|ors|ian|ians|ant|ants|ent|ents|man|men|woman|women|nurse|nurses|chef|chefs|cook|"
    r"cooks|clerk|clerks|aide|aides|officer|officers|agent|agents|pilot|pilots|judge|judges|surgeon|surgeons|"
    r"architect|architects|attorney|attorneys|therapist|therapists|tech|techs|guard|guards|staff|analyst|analysts|"
    r"paralegals?|mechanics?|masons?|medics?|actuar(?:y|ies)|secretar(?:y|ies)|midwi(?:fe|ves)|athletes?|"
    r"umpires?|referees?|baristas?|nann(?:y|ies)|maids?|models?|pharmacists?)$"
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
    "important relevant significant different current recent frequent urgent efficient excellent "
    "independent dependent confident present event events talent talents extent intent "
    "represent represents prevent prevents invent implement implements document documents comment "
    "ancient patient patients restaurant restaurants plant plants element elements equipment "
    "instrument instruments apartment apartments department departments tournament tournaments".split(),
}


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
    """
    q = question or ""
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
# a part of pay asked about by name ("the bonus for a senior engineer"): its line answers whatever the level
PAY_PART = re.compile(r"\b(?:bonus(?:es)?|stock|equity|rsus?)\b", re.I)
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
