"""Aspects and topics: what a question is about, and the section headings that hold each aspect."""

from __future__ import annotations

import re

from assistant.indexing.text import RETIREMENT_PLAN
from assistant.understanding.vocabulary.asked import without_set_aside
from assistant.understanding.vocabulary.career import career_direction
from assistant.understanding.vocabulary.shorthand import COMP_WORD

# -- aspects: what a question is about ----------------------------------------------------------
ASPECT_PATTERNS: dict[str, str] = {
    # "what makes a good lead" is about the person, not the pay
    "pay": r"pay|paid(?!\s+(?:vacations?|time off|leave|holidays?|sick))|earn\w*|"
    r"(?:make|makes|making)\b(?!\s+(?:the\s+(?:\w+\s+)?)?(?:calls?|decisions?|sure|changes?|use|progress|sense)\b)"
    # "what would make my resume stand out": what makes something of theirs, not what they make
    r"(?!\s+(?:my|your|his|her|their|our|it|them)\b)"
    # "should we make an AWS cert a hard requirement?"
    r"(?!\s+(?:(?!and\b)[\w-]+\s+){1,10}(?:a |an )?(?:hard |firm |strict )?"
    r"(?:requirement|prerequisite|priority)\b)"
    r"(?!\s+(?:a|an|the|you|someone|one)\s+(?:good|great|"
    r"successful|effective|strong|better|best)\b)|salar\w*|compensation|" + COMP_WORD + r"|tc\b|"
    r"income|wage\w*|money|"
    r"hourly|rate|"
    r"\$|(?!" + RETIREMENT_PLAN + r")\d+\s?k\b|"
    # "mandatory, or just a bonus?": a nice extra, not the pay's bonus
    r"(?<!just a )(?<!more of a )(?<!only a )bonus\w*|stock|equity|rsus?|percentile|median|"
    # "how much do they get", not "how much parental leave do they get"
    r"how much (?!(?:\w+ )?(?:leave|vacation|time off|pto|holidays?|days?|sick|notice|travel|training)\b).*"
    r"(get|take home)|"
    r"per (year|annum|month|hour)|annual(ly)?\b|yearly|take[- ]home|(pull|bring|rake)s? in|paycheck|"
    r"(?:be|get|gets|getting|was|were) offered\b(?! (?:as|by|in|through)\b)",
    "benefits": r"benefit\w*|perks?|"
    + RETIREMENT_PLAN
    + r"|health insurance|pto|vacation|allowance|pensions?",
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
    # "what training do they need?", "an apprenticeship": how people learn a trade is its schooling
    r"training\b(?! (?:others|staff|new hires|juniors?|teams?)\b)|apprentice\w*|vocational|"
    r"how (do i|to|can i) become|qualif\w*|"
    r"requirements?",
    # what a candidate has done: "a track record", "a portfolio", "published papers", "patents"
    "experience": r"experience|years? of|how many years|how long|track records?|portfolios?|"
    r"(?:leadership|management|industry|relevant|professional) years|"
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
    # "is bookkeeping a dying job?", "will it be automated away?"
    r"dying|dead[- ]end|disappear\w*|obsolete|declin\w*|shrink\w*|replaced by|automated away|"
    r"job security|prospects?\b|"
    r"hard to (?:find|fill|hire)|(?:find|enough) (?:people|candidates|talent)",
    "conditions": r"remote|hybrid|hours|schedule|overtime|travel|work environment|conditions|"
    r"stress\w*|shifts?|on[- ]call|physical",
    "challenges": r"challeng\w*|hard(est)? part|difficult\w*|problems?|obstacles?|risks?",
}
# "how much $$", "is $150,000 fair?": a dollar sign follows a space, where no word boundary is; a sum
# in the thousands is pay, "a $300 certification" is not
_DOLLARS = r"|\$\$|\$\s?\d{1,3}(?:,\d{3})+|\$\s?\d{4,}|\$\s?\d+(?:\.\d+)?\s?(?:[kKmM]|million)\b"
_ASPECT_RES = {
    a: re.compile(rf"\b(?:{p})" + (_DOLLARS if a == "pay" else ""), re.I) for a, p in ASPECT_PATTERNS.items()
}


def aspect_words(text: str, aspects: tuple[str, ...] | list[str]) -> list[str]:
    """The words of a text that name its aspects: "problems" in "what problems do they face?"."""
    return [m.group(0) for a in aspects if a in _ASPECT_RES for m in _ASPECT_RES[a].finditer(text or "")]


# the people who judge a candidate: "what do hiring managers look for?" asks what the job needs,
# not about managing ("Management") or hiring ("demand")
GATEKEEPERS = re.compile(
    # and a coach's "my client", who asks through them: no "clients" of the job
    r"\b(?:hiring managers?|hiring teams?|recruiters?|interviewers?|employers?|"
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
    # "the 401k match at Georgia Power?": the match, not any mention of a retirement plan
    "retirement plan matching": r"(?:401\s?\(?k\)?|403\s?\(?b\)?|retirement|employer)(?: plans?)?"
    r"(?: with an?(?: \d+ ?%)?)? match\w*|\d+ ?% match\w*|"
    r"match(?:ing)? (?:percentages?|contributions?|rates?)|"
    r"match\w*\s+(?:up to\s+)?\d+\s*%\s+of\s+(?:your\s+|their\s+|employee\s+)?(?:401|403|retirement|contrib)",
    "retirement and pensions": r"retire\w*|pensions?",
    "signing bonuses": r"sign(?:ing|[- ]on)[- ]bonus\w*|hiring bonus\w*",
    # "do you need a license to be a lead AI engineer?": said plainly when no passage speaks of one,
    # not answered from the certifications the documents list
    "licensing": r"licen[cs](?:e|es|ed|ing|ure)\b",
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
    "duties": r"responsib|duties|what .* do|day[- ]to[- ]day|tasks|role overview|involves|work activities|"
    r"what the job is|typical day|(?:job|role|position) (?:summary|description)|"
    r"(?:^|[\u2014\u2013:|-]\s*)the (?:job|role)\s*$",  # a deck's "Slide 2 — The job"
    "education": r"educat|degree|qualif|requirement|how to become|apprentice",
    "experience": r"experience|requirement|qualif",
    "certifications": r"certif|licen|credential",
    "skills": r"skill|competenc|abilit|tools",
    "career": r"career|progress|path|opportunit",  # "Rapid Technological Advancements" is no career step
    "demand": r"demand|outlook|trend|market|employment|growth|growing|\bgrow\b|job prospects|future of|"
    r"projected",
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


# a requirement of any kind: "requirements", "qualifications", "to get hired", "what does it take"
_ANY_REQUIREMENT = re.compile(r"\b(?:requirements?|qualif\w*|(?:to )?get hired|what does it take)\b", re.I)
_CAREER_STAGE = re.compile(
    r"\b(?:early|mid|late)[- ]career\b"
    # "is a CS degree a must for this career?": the job itself, not a career path
    r"|\b(?:this|that) career\b(?! (?:path|progression|ladder|growth|moves?|steps?|change|switch))"
    # "what roles can they move into after gaining more experience?": when, not what is asked
    r"|\b(?:after|once|with) (?:gaining |getting |having |some |more |enough )*experience\b(?= ?\?|$)",
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
    # "a mid-career engineer" names a level, not a question about careers; "beyond the license, what
    # skills?" asks about skills
    text = _CAREER_STAGE.sub(" ", text or "")
    rest_of_it = without_set_aside(text)
    if rest_of_it != text and any(rx.search(rest_of_it) for rx in _ASPECT_RES.values()):
        text = rest_of_it
    # "perks besides salary", "benefits on top of pay": the pay is what is not asked about
    rest = _EXCEPT_PAY.sub(" ", text)
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
    if (
        "education" in found
        and len(found) > 1
        and not _ASPECT_RES["education"].search(_ANY_REQUIREMENT.sub(" ", rest))
    ):
        # "make a cert a hard requirement", "what qualifications, skills...": a requirement of any kind
        # names no education when the question names another kind
        found.remove("education")
    if not found and _DOES_THE_WORK.search(text):
        found.append("duties")  # "do they manage budgets?": whether that is part of the job
    if not found and career_direction(text):
        found.append("career")  # "once I'm a lead, where can I go from there?"
    return found


# words of a question that say nothing about its topic, so their absence from the corpus means nothing
GENERIC_WORDS = frozenset(
    """tell know want need get become like good best typical typically usual usually average kind type
    count counts toward towards
    someone person people job jobs role roles work working day much many long often really help explain
    describe list give show find say said mean means expect expected thing things way ways one ones new
    come comes besides beside share mentioned mention own after before also other others else got look
    looking start starting wanted go goes going went take taking lot lots quite very thousand thousands
    million up actually basically usually mostly mainly primarily largely just still even anyway
    honestly pretty candidate candidates applicant applicants comfortable familiar
    daily basis too eventually stuck reasonably route every etc
    required require requires need needs needed necessary must should could would will can""".split()
)


# a projection of the job's numbers: "projected to grow 12%", "to decline about 3% between 2024 and 2034"
PROJECTION = re.compile(
    r"\b(?:project\w*|expect\w*|forecast\w*)\b[^.;]*\b(?:grow\w*|declin\w*|increas\w*|decreas\w*|"
    r"shrink\w*|rise|fall)\b[^.;]*\d+\s*(?:%|percent)|\b(?:grow\w*|declin\w*)\b[^.;]*\d+\s*(?:%|percent)",
    re.I,
)
# a question whether the job is growing
ASKS_GROWING = re.compile(r"\b(?:grow\w*|expanding|increasing|on the rise)\b", re.I)
