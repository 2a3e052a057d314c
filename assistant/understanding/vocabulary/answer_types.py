"""Answer types and claims: figure, list, yes/no, comparison or explanation; what is listed; modals."""

from __future__ import annotations

import re

from assistant.understanding.vocabulary.jobs import is_job_word

# -- answer types -------------------------------------------------------------------------------
FIGURE, LIST, YESNO, COMPARISON, EXPLANATION = "figure", "list", "yes/no", "comparison", "explanation"
YESNO_START = re.compile(
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
    r"tools|tasks|benefits|qualifications|factors)|key |main |types of|kinds of|examples? of|factors?)\b"
    # a terse "requirements to get into the apprenticeship", "qualifications for a CNA"
    r"|^\s*(?:(?:the|main|basic|minimum|entry|admission)\s+)*(?:requirements|qualifications|prerequisites)\b",
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
    r"\bwhat do (?:i|you) need to (?:get|land) (?:hired|the job|a job)\b|\bto get hired\b|"
    r"\bstand out\b)",  # "what would make my resume stand out?"
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
    if YESNO_START.search(q) or (last != q.strip() and YESNO_START.search(last)):
        return YESNO
    if _TERSE_YESNO.search(q) and not re.match(r"\s*(?:what|which|how|who|why|where|when)\b", q, re.I):
        return YESNO
    if (
        (_LIST_OVER_PAY.search(q) and _LIST.search(q))
        or _PAY_FACTORS.search(q)
        or _WHAT_IT_TAKES.search(q)
        or ("pay" in aspects and _PAY_SPLIT.search(q))
    ):
        return LIST
    if _KIND_OF.search(q):
        return LIST  # "which kinds of companies pay the most" asks for kinds, not a figure
    if "pay" in aspects and _FIGURE.search(q):
        return FIGURE
    if re.search(r"\b(how many years|how much experience|how long)\b", q, re.I):
        return FIGURE
    if re.search(r"\bhow (?:much|many)\b", q, re.I) and {"benefits", "conditions"} & set(aspects):
        return EXPLANATION  # "how much vacation do you get?": an amount the documents state, no list
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
# "how is the package split between base, bonus and equity?": the parts of the pay, listed
_PAY_SPLIT = re.compile(
    r"\b(?:split|splits|(?:broken|break(?:s)?) down(?! by)|made up of|consists? of|divided)\b", re.I
)
# "would a master's help?", "is a PMP worth it?": whether it counts for something, not whether required
ASKS_WORTH = re.compile(r"\b(preferred|help|helps|helpful|useful|beneficial|worth|advantage|valued)\b", re.I)
# "how many of those need to be in a leadership role?": a number asked of what an earlier turn named
HOW_MANY = re.compile(r"\bhow (?:many|much|long)\b", re.I)
_PAY_FACTORS = re.compile(
    # every form names the pay: "how can I grow my skills" asks about skills
    r"^(?=.*\b(?:pay|paid|salar\w*|wages?|earn\w*|earning|compensation|income|comp)\b)"
    r".*?(?:\bwhat\s+(?:\w+\s+)?(?:makes?|drives?|push(?:es)?|gets?|can make)\b.*"
    r"\b(?:go(?:es)? up|up|higher|increase|rise|grow|bigger)\b|"
    r"\bwhat\s+(?:\w+\s+)?(?:affects|influences|determines|raises|increases|boosts|drives|bumps up|pushes up)"
    r"\b.*"
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
    >>> claim_strength("Proficiency in languages commonly used in AI, such as Python") is None
    True
    >>> claim_strength("License: required in about 22 states"), claim_strength("Required in most states")
    ('possible', 'typical')
    >>> claim_strength("Many states require court reporters to be licensed")
    'possible'
    >>> claim_strength("ASE certification: preferred by most employers")
    'preferred'
    >>> claim_strength("Required in all 50 states"), claim_strength("A few states require it; Texas does")
    ('required', 'possible')
    >>> claim_strength("A barber license is required in 50 states.")
    'required'
    >>> claim_strength("A state license is required; many employers help pay for the exam.")
    'required'
    >>> claim_strength("A master's degree may substitute for one year of the experience required")
    'possible'
    >>> claim_strength("License: none req'd for most tech roles")
    'typical'
    """
    hedged = r"\b(may|might|can|could) be (required|necessary|needed|essential)\b"
    t = re.sub(r"\breq'?d\b", "required", text or "", flags=re.I)  # a deck's "none req'd"
    t = re.sub(hedged, "may", t, flags=re.I)
    # a requirement that holds only somewhere ("required in about 22 states", "Many states require") is
    # at most possible, wherever else the line says "requires"; in most places ("Required in most
    # states") typical; "preferred by most employers" is still preferred
    t, partial = _PARTIAL_REQUIREMENT.subn("sometimes", t)
    t = _MOST_REQUIRE.sub("usually", t)
    t = re.sub(r"\b(preferred|recommended) by (most|many|nearly all|almost all)\b", r"\1", t, flags=re.I)
    # "languages commonly used in AI": how the thing is used, not how much it is wanted
    t = re.sub(
        r"\b(commonly|typically|usually|generally|often|widely)\s+(used|found|seen|applied|employed|known)\b",
        r"\2",
        t,
        flags=re.I,
    )
    typical = r"\b(typically|usually|generally|often) (required|requires?|necessary|needed)\b"
    t = re.sub(typical, r"\1", t, flags=re.I)
    strength = modal_strength(t)
    if _SUBSTITUTES.search(t) and strength in ("required", "typical"):
        # "A master's degree may substitute for one year of the experience required": the degree is
        # one way in, the requirement is the experience's
        return "possible"
    return "possible" if partial and strength in ("required", "typical") else strength


_SUBSTITUTES = re.compile(r"\bsubstitut\w*|\bin (?:place|lieu) of\b", re.I)


# the words between "many states" and their "require", with no negation ("Most employers don't
# require it") or other clause ("; many employers help pay for the exam")
_SAME_CLAUSE = r"(?:(?!n't\b|\bnot\b|\bno\b)[^.;,])*?"
_PARTIAL_REQUIREMENT = re.compile(
    r"\b(required|necessary|needed|mandatory) (by|for|in) (only )?(some|many|certain|a few|several|"
    r"about \d+|around \d+|roughly \d+|(?!50\b)\d+)\b|\bsometimes required\b"
    r"|\b(some|many|certain|a few|several) (states|employers|jobs|positions|hospitals|cities|counties)\b"
    rf"{_SAME_CLAUSE}\brequires?\b",
    re.I,
)
_MOST_REQUIRE = re.compile(
    r"\b(required|necessary|needed|mandatory) (by|for|in) most\b"
    rf"|\bmost (states|employers)\b{_SAME_CLAUSE}\brequires?\b",
    re.I,
)


NEGATION = re.compile(r"\b(not|no|never|none|without|cannot|neither|nor)\b|n't\b", re.I)  # "don't"
