"""The role catalog: which roles the corpus covers, and which of them a question names."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from assistant.indexing.text import STOPWORDS, normalize_text, stem
from assistant.understanding import vocabulary as vocab
from assistant.understanding.role_names import (
    english_words,
    file_role,
    intro_aliases,
    names_a_job,
    proper_names,
    role_name,
)

# words in role names that say nothing about the occupation itself
_FILLER = {
    "a",
    "an",
    "and",
    "the",
    "of",
    "in",
    "for",
    "to",
    "with",
    "all",
    "other",
    "except",
    "s",
    "or",
    # a pay grade ("Payroll Specialist II") is no word of the job a question names
    "ii",
    "iii",
    "iv",
} | STOPWORDS
# level words are not part of a role's identity: a "senior AI engineer" is asked about the AI engineer role
_LEVEL_TOKENS = {stem(w) for ws in vocab.LEVEL_WORDS.values() for w in ws if " " not in w and "-" not in w}
# a role question names an occupation; these words are never one (so "what do they do" names no role)
_NOT_ROLE = {
    stem(w)
    for w in (
        "what how much many does do earn make pay salary job role work career year years experience "
        "need required typical average median range skills duties degree certification city state "
        "country someone person people they them it this that these those you your i me my "
        "half percent percentile top bottom same other employer employers"
    ).split()
} | {stem(w) for w in vocab.GENERIC_WORDS}
_NOT_ROLE |= {f"{t}~" for t in _NOT_ROLE}  # as role_stem marks them ("workers" -> "worker~")
# words a role phrase never keeps: question words, levels ("senior"), credentials ("bachelors")
_NO_ROLE_WORD = _NOT_ROLE | _LEVEL_TOKENS | vocab.CREDENTIAL_STEMS
# words that say what is asked about a role, though a role's name may hold them ("Compensation and
# Benefits Managers", "Training and Development Specialists"): alone they name no role
_ASKED_WORDS = {
    stem(w) for w in "compensation benefits wage wages salary salaries pay training outlook".split()
}
_ASKED_WORDS |= _NOT_ROLE


_BOILERPLATE = (
    r"(?:role|job|occupation|occupational|career|position)\s+(?:profile|description|summary|overview|guide)"
    r"|(?:pay|salary|wages?|earnings|compensation)\s+(?:and|&)\s+(?:duties|outlook|responsibilities)"
    r"|(?:duties|responsibilities)\s+(?:and|&)\s+(?:pay|salary)|salary guide|pay guide|career guide"
    r"|fact sheet|at a glance|overview|profile|summary|what they do"
)
_BOILER_PREFIX = re.compile(rf"^\s*(?:{_BOILERPLATE})\s*[:\-–—|]\s*", re.I)
_BOILER_SUFFIX = re.compile(rf"\s*[:\-–—|]\s*(?:{_BOILERPLATE})\s*$", re.I)


def _display_name(name: str) -> str:
    """A role's name without codes or title boilerplate.

    >>> _display_name("Software Developers (SOC 15-1252)"), _display_name("Role profile: Actors")
    ('Software Developers', 'Actors')
    >>> _display_name("Engineers, All Other: Pay and Duties")
    'Engineers, All Other'
    """
    name = re.sub(r"\s*[(\[]\s*(?:SOC\s*)?\d{2}-\d{4}(?:\.\d+)?\s*[)\]]", "", name)
    name = re.sub(r"\s*[-–:]?\s*\bSOC\s*\d{2}-\d{4}\b", "", name)
    for _ in range(2):
        name = _BOILER_PREFIX.sub("", _BOILER_SUFFIX.sub("", name))
    return " ".join(name.split())


# school levels are names, not a person's seniority: "Middle School Teachers" are no "mid" teachers,
# and the statistics call high schools secondary schools
_SCHOOLS = (
    (re.compile(r"\bhigh[- ]school\b"), "secondary school"),
    (re.compile(r"\bmiddle[- ]school\b"), "middleschool"),
)


def _words(text: str, *, expand: bool = False) -> list[str]:
    text = normalize_text(text.replace("&", " and "))
    for rx, name in _SCHOOLS:
        text = rx.sub(name, text)
    words = re.findall(r"[a-z0-9]+", text)
    if not expand:
        return words
    out = []
    for w in words:
        out.extend([w, *vocab.ABBREVIATIONS[w].split()] if w in vocab.ABBREVIATIONS else [w])
    return out


def _with_other_job_words(words: list[str]) -> list[str]:
    """The words and the job words people use them for ("mechanic": technician), for matching names."""
    return words + [vocab.OTHER_JOB_WORDS[w] for w in words if w in vocab.OTHER_JOB_WORDS]


def name_stems(name: str) -> set[str]:
    """Every stemmed word of a name, short forms written out too ("rad techs": rad, tech, technician)."""
    return {role_stem(w) for w in _words(name, expand=True)}


def _with_fields(words: list[str]) -> list[str]:
    """The words and the other names of the fields they name ("ml" -> "ai"): see vocab.FIELD_NAMES."""
    joined = f" {' '.join(words)} "
    return words + [v for k, v in vocab.FIELD_NAMES.items() if f" {k} " in joined and v not in words]


def role_stem(word: str) -> str:
    """A word's stem, marked when the word names a job: "engineer" is not "engine", nor "officer"
    "office", though both stem alike.

    >>> role_stem("Engineers") == role_stem("engineer") != role_stem("engine")
    True
    """
    word = word.lower()
    s = stem(word)
    return f"{s}~" if s not in _LEVEL_TOKENS and vocab.is_job_word(word) else s


def role_tokens(name: str) -> frozenset[str]:
    """The stemmed words that identify a role, without filler and level words.

    ``Lead Engineer in AI`` and ``Senior AI Engineers`` give the same tokens:
    >>> sorted(role_tokens("Lead Engineer in AI")) == sorted(role_tokens("Senior AI Engineers"))
    True
    >>> sorted(role_tokens("Helpers--Electricians"))  # job words are marked (see role_stem)
    ['electrician~', 'helper~']
    """
    words = [role_stem(w) for w in _words(name) if w not in _FILLER]
    core = [w for w in words if w not in _LEVEL_TOKENS]
    # a level word stays when nothing else would be left of two words ("Staff Nurse", "Master Electrician")
    return frozenset(core if len(core) >= 2 or len(words) < 2 else words)


_NOT_ACRONYMS = {
    "it",
    "us",
    "ai",
    "as",
    "or",
    "an",
    "at",
    "be",
    "by",
    "do",
    "go",
    "if",
    "in",
    "is",
    "me",
    "my",
    "no",
    "of",
    "on",
    "so",
    "to",
    "up",
    "we",
    "am",
    "he",
    "hi",
    "ok",
    "pa",
    "ma",
    "ca",
    "la",
}
# a state's code is a place ("Boise, ID"), never a role's initials ("Interior Designers")
_NOT_ACRONYMS |= {code.lower() for code in vocab.US_STATES}


def _acronyms(name: str) -> list[frozenset[str]]:
    """``Human Resources Specialist`` is also ``HRS`` and ``HR Specialist``; ``Registered Nurse``, ``RN``."""
    words = [w for w in _words(name) if w not in _FILLER and stem(w) not in _LEVEL_TOKENS]
    if len(words) < 2:
        return []
    out = []
    # a short form that is also a word ("co", "pr") names the role only when typed in capitals
    # ("COs", "a PR specialist"): RoleCatalog.match marks capitals with "^"
    whole = "".join(w[0] for w in words)
    if len(whole) <= 4:
        out.append(frozenset([whole if whole not in _NOT_ACRONYMS else f"{whole}^"]))
    head = "".join(w[0] for w in words[:-1])
    if len(words) >= 3:
        out.append(frozenset([head if head not in _NOT_ACRONYMS else f"{head}^", role_stem(words[-1])]))
    return out


_CAPITALS = re.compile(r"\b([A-Z]{2,5})(s?)\b(?:\s+([A-Za-z]+))?")


def _typed_in_capitals(text: str) -> set[str]:
    """Short forms typed in capitals, marked "^" (see _acronyms). A place's short form ("LA", "in
    CO") is one only as a job's: plural ("COs") or before a job's word ("PR specialist").

    >>> sorted(_typed_in_capitals("what shifts do COs work? PR specialist pay in LA and CO"))
    ['co^', 'pr^']
    """
    out = set()
    for m in _CAPITALS.finditer(text):
        short, plural, after = m.group(1), m.group(2), m.group(3) or ""
        place = short in vocab.US_STATES or short.lower() in vocab.PLACE_ALIASES
        if not place or plural or vocab.is_job_word(after):
            out.add(f"{short.lower()}^")
    return out


@dataclass(frozen=True)
class Role:
    name: str
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    passages: int = 0
    # the page titles it was named from ("Correctional Officer I — Alder County ..."): they match a
    # question, but their words ("Licensing", "Pay") are no other name of the job
    titles: tuple[str, ...] = ()

    @cached_property
    def head(self) -> str | None:
        """The stemmed noun that says what the person is: "nurse" in "Registered Nurse"."""
        words = [w for w in _words(self.name) if w not in _FILLER]
        heads = [w for w in words if vocab.is_job_word(w)]
        return role_stem(heads[-1]) if heads else (role_stem(words[-1]) if words else None)

    @cached_property
    def excluded(self) -> tuple[tuple[str, ...], ...]:
        """The occupations the name leaves out, as phrases: "Dispatchers, Except Police, Fire, and
        Ambulance" leaves out police dispatchers; "..., Except Special and Career/Technical Education"
        special education and technical education (named together in a question, not word by word)."""
        m = _EXCEPT.search(self.name)
        if not m:
            return ()
        parts = [p for p in _LIST_SEP.split(m.group(1)) if p.strip()]
        head = parts[-1].split()[-1] if parts and len(parts[-1].split()) > 1 else ""
        out = []
        for p in parts:
            words = tuple(_words(p if " " in p or not head else f"{p} {head}"))
            if words and not {stem(w) for w in words} <= _NOT_ROLE:
                out.append(words)
        return tuple(out)

    def variants(self) -> tuple[frozenset[str], ...]:
        """Token sets that name this role: each name, and each part of a list-like name
        ("Plumbers, Pipefitters, and Steamfitters" is also "plumbers"; "Chefs and Head Cooks", "chefs").
        Worked out once per role: every question is matched against every role."""
        return self._variants

    @cached_property
    def _variants(self) -> tuple[frozenset[str], ...]:
        out = []
        for n in (self.name, *self.aliases, *self.titles):
            # "... Technicians in Washington State": the place a page is about names no role
            n = _without_trailing_place(n)
            # "Elementary School Teachers, Except Special Education": the words after "Except" are
            # the occupations left out, no part of this one's name
            parts = [_EXCEPT.sub("", n), *_list_parts(n)]
            # "Cybersecurity Analyst" is a security analyst too
            parts += [_FIELD_PREFIX.sub("", p) for p in parts if _FIELD_PREFIX.search(p)]
            # a "Medical Coding Specialist" is a medical coder, a "Billing Clerk" a biller (not a "Teaching
            # Associate" a teacher)
            parts += [_AGENT_NOUN.sub(r"\1er", p) for p in parts if _AGENT_NOUN.search(p)]
            for part in parts:
                t = role_tokens(part)
                # a part made only of topic words ("Pay and Duties") names no role
                if t and t not in out and not t <= _NOT_ROLE:
                    out.append(t)
            for t in _acronyms(n):
                if t not in out:
                    out.append(t)
        return tuple(out)


_TRAILING_PLACE = re.compile(r"\s+(?:in|for)\s+(?:the\s+)?([A-Z][\w.'-]*(?:[\s,]+[A-Z][\w.'-]*){0,3})\s*$")


def _without_trailing_place(name: str) -> str:
    """ "Aircraft Mechanics and Service Technicians in Washington State" -> "... Technicians"; not
    "Lead Engineer in AI"."""
    m = _TRAILING_PLACE.search(name)
    if m and vocab.named_place(m.group(1)) and not vocab.names_a_job(m.group(1)):
        return name[: m.start()]
    return name


_FIELD_PREFIX = re.compile(r"\bcyber(?=[a-z]{5})", re.I)
_AGENT_NOUN = re.compile(r"\b([a-z]{3,})ing (?:specialists?|clerks?)$", re.I)
_CATCH_ALL = re.compile(r",\s*all other\b", re.I)
_LIST_SEP = re.compile(r"\s*(?:,|;|/|\band\b|&)\s*")  # "Plumbers, Pipefitters, and Steamfitters"
_EXCEPT = re.compile(r",?\s*\b(?:except|excluding)\b\s*(.*)$", re.I)


def _list_parts(name: str) -> list[str]:
    """The occupations a list-like name is made of, each as a role name of its own.

    A qualifier before "--" applies to every part; "Except ..." and "Including ..." parts name other
    or narrower occupations, not this one.
    >>> _list_parts("Helpers--Pipelayers, Plumbers, and Steamfitters")
    ['Helpers Pipelayers', 'Helpers Plumbers', 'Helpers Steamfitters']
    >>> _list_parts("Dispatchers, Except Police, Fire, and Ambulance")
    ['Dispatchers']
    >>> _list_parts("Chefs and Head Cooks")
    ['Chefs', 'Head Cooks']
    >>> _list_parts("Police and Sheriff's Patrol Officers")
    ['Police Officers', "Sheriff's Patrol Officers"]
    >>> _list_parts("Engine and Other Machine Assemblers")
    ['Engine Assemblers', 'Machine Assemblers']
    >>> _list_parts("Cardiovascular Technologists and Technicians")
    ['Cardiovascular Technologists', 'Cardiovascular Technicians']
    """
    prefix, _, rest = name.rpartition("--")
    if not re.search(r",|;|/|\band\b|&", rest):
        return []
    parts = []
    for part in _LIST_SEP.split(rest):
        if re.match(r"(except|including|excluding|all other)\b", part, re.I):
            break  # the rest of the list is what the occupation leaves out, or its members
        if part:
            parts.append(part)
    # a part that names no job shares the last part's job word: "Police and Sheriff's Patrol
    # Officers" is also "Police Officers", "Engine and Other Machine Assemblers" "Engine Assemblers"
    head = parts[-1].split()[-1] if parts and vocab.names_a_job(parts[-1]) else ""
    out = []
    for i, part in enumerate(parts):
        part = re.sub(r"^other\s+", "", part, flags=re.I)
        if not vocab.names_a_job(part):
            if not head:
                continue
            part = f"{part} {head}"
        elif i and " " not in part and " " in parts[i - 1] and vocab.names_a_job(parts[i - 1]):
            # "Cardiovascular Technologists and Technicians": the technicians are cardiovascular too
            part = f"{' '.join(parts[i - 1].split()[:-1])} {part}"
        out.append(f"{prefix} {part}".strip())
    return out


@dataclass(frozen=True)
class RoleMatch:
    role: str
    score: float  # share of the role's identifying words (weighted by rarity) the question contains
    full: bool  # every identifying word of one of the role's names is in the question


class RoleCatalog:
    """Roles with their documents; ``match(question)`` finds the roles a question names."""

    # a partial match must carry at least this share of a role's (rarity-weighted) words: "nurse" in
    # "Registered Nurses" is 0.5+ because "registered" is common, "data" alone in "Data Scientist" is not
    min_partial = 0.5

    def __init__(self, roles: list[Role]) -> None:
        self.proper: dict[str, str] = {}  # set by from_manifest: a proper name -> the one role naming it
        self.roles = sorted(roles, key=lambda r: r.name.lower())
        self._by_name = {r.name: r for r in self.roles}
        self._by_source = {s: r.name for r in self.roles for s in r.sources}
        self._by_tokens: dict[frozenset[str], str] | None = None
        df: dict[str, int] = {}
        for r in self.roles:
            for t in set().union(*r.variants()) if r.variants() else set():
                df[t] = df.get(t, 0) + 1
        n = max(1, len(self.roles))
        # rare words identify a role; words shared by many roles ("engineer", "worker") identify less
        self._idf = {t: math.log(1 + n / c) for t, c in df.items()}

    @classmethod
    def from_manifest(
        cls,
        manifest: dict,
        chunk_sources: list[str] | None = None,
        *,
        intros: Mapping[str, str] | None = None,
    ) -> RoleCatalog:
        """Roles from the index manifest (``files[source]`` has role, aliases, chunks); ``intros``
        (each document's first passages) add the other names a document declares for its job."""
        groups: dict[frozenset, dict] = {}
        for source, meta in sorted((manifest.get("files") or {}).items()):
            title = _display_name(str(meta.get("role") or meta.get("title") or source))
            name, bracketed = role_name(title)
            # a front matter role; a .txt file's first line is its title, though stored as its role
            plain = source.lower().endswith((".txt", ".text"))
            declared = meta.get("role") and meta.get("role") != meta.get("title") and not plain
            job = None if declared or names_a_job(name) else file_role(source)
            # the title names the file's job too ("Baggage Porters and Bellhops"): the title stands
            if job and role_stem(job.split()[-1]) not in {role_stem(w) for w in _words(title)}:
                # "COLLECTIVE BARGAINING AGREEMENT", "r/SurgicalTechs": a title that names no job; the
                # file's name does ("custodian-lakeview-unified.md"); the title still names the role
                name = job
            # grades keep their roles apart ("Accountant I", "Accountant III")
            key = (role_tokens(name) or frozenset([name.lower()])) | frozenset(vocab.grades(name))
            g = groups.setdefault(
                key, {"names": {}, "aliases": [], "sources": [], "passages": 0, "titles": []}
            )
            if name != title and title not in g["titles"]:
                g["titles"].append(title)  # the page's own title still names it
            g["names"][name] = g["names"].get(name, 0) + 1
            g["sources"].append(source)
            g["passages"] += int(meta.get("chunks") or 0)
            for a in [*(meta.get("aliases") or []), *bracketed, *intro_aliases(intros or {}, source)]:
                if str(a) not in g["aliases"]:
                    g["aliases"].append(str(a))
        for g in groups.values():
            # the name most documents use, the shortest on a tie ("Registered Nurse" over "...Nurses")
            g["name"] = min(g["names"], key=lambda n: (-g["names"][n], len(n), n))
            g["aliases"] += [n for n in g["names"] if n != g["name"] and n not in g["aliases"]]
        if chunk_sources is not None:
            counts: dict[str, int] = {}
            for s in chunk_sources:
                counts[s] = counts.get(s, 0) + 1
            for g in groups.values():
                g["passages"] = sum(counts.get(s, 0) for s in g["sources"])
        catalog = cls(
            [
                Role(g["name"], tuple(g["aliases"]), tuple(g["sources"]), g["passages"], tuple(g["titles"]))
                for g in groups.values()
            ]
        )
        owners: dict[str, set[str]] = {}
        for source, intro in (intros or {}).items():
            for word in proper_names(intro):
                owners.setdefault(word, set()).add(catalog.role_of(source))
        # a name only one role's documents give: "Harborline" of one job posting
        # (not a state's name: "and in washington state?" asks of a place, not of the Washington page)
        states = {w for name in vocab.US_STATES.values() for w in name.lower().split()}
        catalog.proper = {
            w: next(iter(rs)) for w, rs in owners.items() if len(rs) == 1 and "" not in rs and w not in states
        }
        return catalog

    def proper_names_of(self, name: str) -> tuple[str, ...]:
        return tuple(sorted(w for w, r in self.proper.items() if r == name))

    def named_by_proper_name(self, text: str) -> str | None:
        """The one role whose documents name an employer, product or place the text names ("the
        Harborline job"): words no English word list holds, capitalised in the document's opening."""
        found = {self.proper[w] for w in re.findall(r"[a-z]+", text.lower()) if w in self.proper}
        return next(iter(found)) if len(found) == 1 else None

    def __len__(self) -> int:
        return len(self.roles)

    @property
    def names(self) -> list[str]:
        return [r.name for r in self.roles]

    def get(self, name: str) -> Role | None:
        if name in self._by_name:
            return self._by_name[name]
        m = self.match(name)
        return self._by_name[m[0].role] if m and m[0].full else None

    def role(self, name: str) -> Role | None:
        """The role with exactly this name."""
        return self._by_name.get(name)

    def named_exactly(self, tokens: frozenset[str]) -> str | None:
        """The one role one of whose names is exactly these word stems (no other role's is)."""
        if self._by_tokens is None:
            seen: dict[frozenset[str], set[str]] = {}
            for r in self.roles:
                for n in (r.name, *r.aliases):
                    if t := role_tokens(n):
                        seen.setdefault(t, set()).add(r.name)
            self._by_tokens = {t: next(iter(rs)) for t, rs in seen.items() if len(rs) == 1}
        return self._by_tokens.get(tokens)

    def role_of(self, source: str) -> str:
        return self._by_source.get(source, "")

    def sources_of(self, name: str) -> set[str]:
        r = self._by_name.get(name)
        return set(r.sources) if r else set()

    def _weight(self, tokens: frozenset[str]) -> float:
        return sum(self._idf.get(t, 1.0) for t in tokens)

    def match(self, text: str) -> list[RoleMatch]:
        """Roles the text names, best first: full matches (most specific first), then strong partial ones.

        >>> cat = RoleCatalog([Role("Electricians"), Role("Helpers--Electricians"), Role("Nurses")])
        >>> [m.role for m in cat.match("What does an electrician do?")]
        ['Electricians', 'Helpers--Electricians']
        >>> cat.match("What does a helper to an electrician earn?")[0].role
        'Helpers--Electricians'
        """
        words = _with_fields(_with_other_job_words(_words(text, expand=True)))
        q = {role_stem(w) for w in words}
        said = f" {' '.join(vocab.ABBREVIATIONS.get(w, w) for w in _words(text))} "  # "special ed" in full
        # a loose match without the role's job word ("fine" of "Fine Artists" in "a sommelier at a fine
        # dining restaurant") names no role when the text names another job; a level may stand in
        # for the job ("AI leads")
        loose_ok = bool(vocab.find_levels(text)) or not any(
            is_occupation(p.split()[-1]) for p in role_phrases(text)
        )
        # a field of work names its job: "nursing" the nurse, "accounting" the accountant
        q |= {f"{stem(w)}~" for w in words if re.search(r"(ing|ment|ance|ancy)$", w)}
        # "RNs", "NPs": the plural of an acronym
        q |= {w[:-1] for w in words if w.endswith("s") and 2 < len(w) <= 5}
        q |= _typed_in_capitals(text)
        out: list[tuple[float, int, RoleMatch]] = []
        for r in self.roles:
            if any(f" {' '.join(t)} " in said for t in r.excluded):
                continue  # "a special ed teacher": not the teachers "Except Special Education"
            best: tuple[float, bool, int] | None = None
            for variant in r.variants():
                have = variant & q
                if not have:
                    continue
                score = self._weight(have) / self._weight(variant)
                full = have == variant
                cand = (score, full, len(variant))
                if best is None or cand[:2] > best[:2] or (cand[:2] == best[:2] and cand[2] > best[2]):
                    best = cand
            if best is None:
                continue
            score, full, size = best
            # the role's head noun named alone ("nurse" for "Registered Nurse") is a loose match too
            if not full and r.head and r.head in q:
                score = max(score, self.min_partial)
            elif not full and all(t in _ASKED_WORDS for v in r.variants() for t in v & q):
                continue  # only what is asked is named: "compensation" is no compensation manager
            elif not full and not loose_ok and not any(t.endswith("~") for v in r.variants() for t in v & q):
                continue
            if full or score >= self.min_partial:
                named = len(q & role_tokens(_EXCEPT.sub("", r.name)))
                out.append((score, size, named, RoleMatch(r.name, round(score, 3), full)))
        # full matches first; among them the most specific name ("Helpers--Electricians" over "Electricians"
        # when both are fully named), then the one whose whole name the text names most ("special ed
        # teacher at an elementary school": Kindergarten and Elementary School), a catch-all ("Dentists,
        # All Other Specialists") after the named kinds; then partial matches by score
        out.sort(
            key=lambda t: (
                not t[3].full,
                -(t[1] if t[3].full else 0),
                -t[2],
                bool(_CATCH_ALL.search(t[3].role)),
                -t[0],
                t[3].role,
            )
        )
        return [m for *_, m in out]

    @cached_property
    def _name_words(self) -> tuple[str, ...]:
        words = {w for r in self.roles for n in (r.name, *r.aliases) for w in _words(n) if len(w) >= 5}
        words |= {w[:-1] for w in words if w.endswith("s")}  # "analist" is closer to "analyst"
        return tuple(sorted(words | set(vocab.QUESTION_WORDS)))

    def job_names(self, text: str) -> str:
        """The text with job titles the catalog lacks put in the names it uses (vocab.JOB_NAMES):
        "software engineers" -> "software developers" where no role is named "Software Engineer"."""
        for title, name in self._unnamed_titles.items():
            if re.search(rf"\b{title}", text, re.I):
                text = re.sub(rf"\b{title}(s?)\b", rf"{name}\1", text, flags=re.I)
        return text

    @cached_property
    def _unnamed_titles(self) -> dict[str, str]:
        """The vocab.JOB_NAMES titles no role of this catalog has (a catch-all does not count): the
        same for every question, so worked out once."""
        return {
            title: name
            for title, name in vocab.JOB_NAMES.items()
            if not any(m.full and not _CATCH_ALL.search(m.role) for m in self.match(title))
        }

    def spelled(self, text: str, known: set[str]) -> str:
        """The text with misspelled words of role names and questions put right ("financial analist"
        -> "financial analyst", "salery" -> "salary"): a word of five letters or more that is no
        English word (the embedding model's word list), that the corpus never uses, and that is close
        to a role name's word or a common question word (vocab.QUESTION_WORDS).

        >>> RoleCatalog([Role("Financial Analysts")]).spelled("a junior financial analist", {"financi"})
        'a junior financial analyst'
        >>> RoleCatalog([Role("Drivers")]).spelled("what does a river guide earn", set())
        'what does a river guide earn'
        """

        def fix(m: re.Match[str]) -> str:
            word = m.group(0)
            low = word.lower()
            if len(low) < 5 or stem(low) in known or low in self._name_words or low in english_words():
                return word
            if low not in self._spelling:
                import difflib

                # a typo keeps the first letter ("analist"); "oncologist" is no "sociologist"
                same_start = [w for w in self._name_words if w[0] == low[0]]
                close = difflib.get_close_matches(low, same_start, n=1, cutoff=0.82)
                if close:
                    # "actualy" is "actually" misspelled, not "actuary": an English word as close wins,
                    # unless it is the role word's own stem ("estimate" of "estimator")
                    ratio = difflib.SequenceMatcher(None, low, close[0]).ratio()
                    english = [w for w in english_words() if w[:1] == low[0] and abs(len(w) - len(low)) <= 2]
                    rival = difflib.get_close_matches(low, english, n=1, cutoff=max(ratio, 0.82) + 1e-9)
                    if rival and stem(rival[0]) != stem(close[0]):
                        self._spelling[low] = word
                        self._vetoed[low] = close[0]
                        return self._completes_a_name(close[0], m) or word
                self._spelling[low] = close[0] if close else word
            if low in self._vetoed:
                return self._completes_a_name(self._vetoed[low], m) or word
            return self._spelling[low]

        return re.sub(r"[A-Za-z]+", fix, text)

    @cached_property
    def _spelling(self) -> dict[str, str]:
        return {}  # each unknown word is looked up once

    @cached_property
    def _vetoed(self) -> dict[str, str]:
        return {}  # a correction an English word stood against: kept where it completes a role's name

    @cached_property
    def _name_pairs(self) -> frozenset[tuple[str, str]]:
        """Neighbouring words of the roles' names: ("private", "investigator"), ("cost", "estimator")."""
        pairs = set()
        for r in self.roles:
            for n in (r.name, *r.aliases):
                ws = [w.lower() for w in re.findall(r"[A-Za-z]+", n)]
                pairs |= {(role_stem(a), role_stem(b)) for a, b in zip(ws, ws[1:], strict=False)}
        return frozenset(pairs)

    def _completes_a_name(self, fixed: str, m: re.Match[str]) -> str | None:
        """ "pirvate investigator", "cost estimater": the correction with the word beside it names a
        role, so it stands though an English word ("pirate", "estimate") is as close."""
        text = m.string
        after = re.match(r"\W+([A-Za-z]+)", text[m.end() :])
        before = re.search(r"([A-Za-z]+)\W+$", text[: m.start()])
        pairs = self._name_pairs
        if after and (role_stem(fixed), role_stem(after.group(1).lower())) in pairs:
            return fixed
        if before and (role_stem(before.group(1).lower()), role_stem(fixed)) in pairs:
            return fixed
        return None

    def closest(self, text: str, n: int = 3) -> list[str]:
        """Up to ``n`` role names sharing the most (rarity-weighted) words with the text, for refusals."""
        q = {role_stem(w) for w in _words(text)}
        scored = []
        for r in self.roles:
            shared = max((self._weight(v & q) for v in r.variants()), default=0.0)
            if shared:
                scored.append((-shared, r.name))
        scored.sort()
        return [name for _, name in scored[:n]]

    def to_list(self) -> list[dict]:
        return [
            {"role": r.name, "aliases": list(r.aliases), "documents": list(r.sources), "passages": r.passages}
            for r in self.roles
        ]


# the head noun of an occupation: "biologist", "dentist", "welder", "surveyor", "technician"
_ROLE_PATTERNS = (
    r"\b(?:an?|as an?|become an?|becoming an?|for an?|being an?)\s+((?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*)"
    r"(?:\s+(?:earn|earns|make|makes|do|does|get|gets|need|needs|require|requires|work|works|have|has|"
    r"typically|usually|in|at|job|role|position|salary|pay|with)(?![\w-])|\s*\?|\s*$)",
    r"\b(?:do|does|are|can)\s+((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*s)\s+(?:earn|make|do|get|need|work|"
    r"have|typically|usually|in)\b",
    r"\b((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\s+(?:salary|salaries|pay|wages?|earnings|jobs?|careers?|"
    r"duties|responsibilities|compensation)\b",
)


# "need a bachelors degree?": a degree, not a job
# "head of engineering", "VP of sales": the title is the whole phrase
_TITLE_HEADS = {"head", "heads", "vp", "vps", "svp", "evp", "chief", "dean", "chair"}


def role_phrases(question: str) -> list[str]:
    """Phrases of the question in a role position ("a marine biologist earn", "plumber salary").

    Level words are no part of them ("a first-year teacher" -> "teacher").
    >>> role_phrases("What does a marine biologist earn?")
    ['marine biologist']
    >>> role_phrases("What is the weather today?")
    []
    >>> role_phrases("Why is there a shortage of marine biologists?")
    ['marine biologists']
    """
    # "an LPN (licensed practical nurse) make": the brackets hold another name of the same role
    low = re.sub(r"[()\[\]]", " ", question.lower())
    low = vocab.LEVEL_RE.sub(" ", " ".join(low.split())).rstrip("?.! ") + " ?"
    out = []
    for p in _ROLE_PATTERNS:
        for m in re.finditer(p, low):
            text = m.group(1)
            parts = re.split(r"\s+(?:of|for)\s+", text)
            before = parts[-2].split()[-1] if len(parts) > 1 else ""
            if len(parts) > 1 and not is_occupation(before) and before not in _TITLE_HEADS:
                # "a shortage of AI leads", "a PhD mandatory for AI leads": the role follows the
                # preposition ("director of nursing" stays whole)
                text = parts[-1]
            words = [w for w in _words(text, expand=True) if w not in _FILLER]
            content = [w for w in words if stem(w) not in _NO_ROLE_WORD]
            if content:
                phrase = " ".join(content)
                if any(phrase == k or phrase.startswith(k + " ") for k in vocab.COMPANY_KINDS):
                    continue  # "compete with big tech": companies, not technicians
                if phrase not in out:
                    out.append(phrase)
    return out


def is_occupation(word: str) -> bool:
    """Does a word look like the head of an occupation's name ("biologist", "welder", "nurses")?"""
    return vocab.is_job_word(word)


def as_typed(phrase: str, question: str) -> str:
    """A role phrase as the user wrote it, for the answer: abbreviations not doubled with their
    expansion ("special ed", not "special ed education"), school names and capitals as typed.

    >>> as_typed("special ed education teacher", "a special ed teacher?"), as_typed("cna", "CNA pay")
    ('special ed teacher', 'CNA')
    >>> as_typed("middleschool secondary school teacher", "a middle school or high school teacher")
    'middle school high school teacher'
    """
    words = phrase.split()
    out: list[str] = []
    for i, w in enumerate(words):
        before = words[i - 1] if i else ""
        if before in vocab.ABBREVIATIONS and w in vocab.ABBREVIATIONS[before].split():
            continue  # "ed education": the expansion of the word before
        typed = re.search(rf"\b{re.escape(w)}\b", question, re.I)
        shown = typed.group(0) if typed else w
        out.append(shown if shown.isupper() or (shown[:-1].isupper() and shown.endswith("s")) else w)
    text = " ".join(out).replace("middleschool", "middle school")
    if re.search(r"\bhigh[- ]school\b", question, re.I):
        text = text.replace("secondary school", "high school")
    return text


def _names_a_role(phrase: str, catalog: RoleCatalog) -> bool:
    """The phrase names a role in full, or by the role's job word ("nurse" for "Registered Nurse"); a
    shared modifier ("pediatric" of "Pediatric Surgeons" in "pediatric oncologist") is not enough."""
    said = {role_stem(w) for w in _with_fields(_with_other_job_words(_words(phrase, expand=True)))}
    for m in catalog.match(phrase):
        r = catalog.role(m.role)
        if m.full or (r is not None and r.head in said):
            return True
    return False


_DEFINED = re.compile(r"((?:[A-Za-z][\w'-]* ){0,4}[A-Za-z][\w'-]*) \(([A-Z]{2,5})s?\)")
# the short form in brackets alone, which every definition ends with: a fast test that spares the
# full pattern the many passages with none (8.4 s to 0.2 s over the 223,222 OEWS passages)
_DEFINED_END = re.compile(r" \([A-Z]{2,5}s?\)")


def _definitions(text: str) -> list[tuple[str, str]]:
    """(words, short form) of each "Database administrators (DBAs)" in a text."""
    return _DEFINED.findall(text) if _DEFINED_END.search(text) else []


def defined_acronyms(text: str, role: Role) -> list[str]:
    """Short forms (lower case) a role's document defines for the role itself, right after its name:
    "Database administrators (DBAs) keep ..." -> ["dba"]; not a career step named in passing
    ("a Chief Information Security Officer (CISO)").

    >>> defined_acronyms("Database administrators (DBAs) keep data safe.", Role("Database Administrator"))
    ['dba']
    >>> defined_acronyms("then Chief Information Security Officer (CISO).", Role("Cybersecurity Analyst"))
    []
    """
    out = []
    names = set().union(*role.variants()) if role.variants() else set()
    for words, short in _definitions(text):
        said = [role_stem(w) for w in _words(words)]
        # the words before the brackets end with the role's job word ("administrators")
        if said and said[-1] == role.head and said[-1] in names:
            out.append(short.lower())
    return out


def named_acronyms(text: str, catalog: RoleCatalog) -> list[tuple[str, str]]:
    """Short forms a text defines right after a role's full name, whichever document it is in: "A
    physical therapist assistant (PTA) has ..." -> [("pta", "Physical Therapist Assistant")].

    Only a name that is one role's whole name, so a text's "Chief Information Security Officer (CISO)"
    is no short form of a "Security Officer" role."""
    out = []
    for words, short in _definitions(text):
        for start in range(len(words.split())):  # "A physical therapist assistant": without "A"
            said = role_tokens(" ".join(words.split()[start:]))
            named = catalog.named_exactly(said) if said else None
            if named:
                out.append((short.lower(), named))
                break
    return out


def acronym_role(question: str, acronyms: dict[str, str]) -> str | None:
    """The role whose document defines a short form the question uses ("a junior DBA", "a dba"):
    typed in capitals, or in lower case from three letters."""
    said = {w.lower().rstrip("s") for w in re.findall(r"\b[A-Z]{2,5}s?\b", question)}
    said |= {w.lower().rstrip("s") for w in re.findall(r"\b[a-z]{3,5}s?\b", question)}
    return next((r for a, r in acronyms.items() if a in said and r), None)


def _paid_after(phrase: str, question: str) -> bool:
    """The short form is where a paid job stands: "does an LPN make", "LPN salary" (not "do I need
    a PMP", a credential)."""
    p = re.escape(phrase)
    return bool(
        re.search(rf"\b{p}s?\s+(?:earns?|makes?|salar\w*|pay|paid|wages?|get paid|income)\b", question, re.I)
        # "the average salary for an LPN", "pay of an RN"
        or re.search(
            rf"\b(?:salar\w*|pay|wages?|earnings|income)\s+(?:for|of)\s+(?:an?\s+|the\s+)?{p}s?\b",
            question,
            re.I,
        )
    )


def _is_acronym(phrase: str, question: str) -> bool:
    """A single word typed in capitals ("LPN", "CNA"), not one of the short words that look alike."""
    return (
        " " not in phrase
        and 2 <= len(phrase) <= 5
        and phrase not in _NOT_ACRONYMS
        and bool(re.search(rf"\b{re.escape(phrase.upper())}s?\b", question))
    )


def unknown_role_phrase(
    question: str,
    vocabulary: set[str],
    catalog: RoleCatalog | None = None,
    *,
    mentioned: set[str] = frozenset(),
) -> str | None:
    """A role the question names that no document covers: "a marine biologist" -> "marine biologist".

    A phrase in a role position counts when its head noun looks like an occupation ("dentist") and no
    role of the catalog is named by it, nor any heading or label of the documents (``mentioned``).
    >>> unknown_role_phrase("What does a marine biologist earn?", {"earn", "engin"})
    'marine biologist'
    >>> unknown_role_phrase("What does an AI engineer earn?", {"ai", "engin", "earn"}) is None
    True
    >>> unknown_role_phrase("Is a PhD required?", {"phd"}) is None
    True
    """
    for phrase in role_phrases(question):
        head = phrase.split()[-1]
        if catalog is not None and _names_a_role(phrase, catalog):
            continue
        # ("a mail carrier" is the family page's "Mail carriers")
        if (vocab.plural_or_not(phrase) | vocab.plural_or_not(head)) & mentioned:
            continue
        unknown_words = [w for w in phrase.split() if stem(w) not in vocabulary]
        named_elsewhere = catalog is not None and is_occupation(head)
        # an unknown head names a job when it looks like one or is no English word ("a sommelier");
        # among many roles also an English word after an article ("a NASA astronaut"), while with
        # one role such a word is more likely about that role; "does company size affect salary"
        # names none
        after_article = bool(
            re.search(rf"\b(?:an?|the)\s+(?:[\w-]+\s+){{0,2}}{re.escape(head)}\b", question, re.I)
        )
        many = catalog is not None and len(catalog) > 1
        job_like = is_occupation(head) or head not in english_words() or (many and after_article)
        if named_elsewhere or (
            unknown_words and head in unknown_words and len(phrase.split()) <= 3 and job_like
        ):
            return phrase
        if (
            catalog is not None
            and (len(catalog) > 1 or unknown_words)  # one role: "an RN" the documents never name
            and _is_acronym(phrase, question)
            and _paid_after(phrase, question)
        ):
            # "What does an LPN make?": an acronym in a role's place names a role, though a document
            # mentions it in passing ("a step toward LPN"); no role of the catalog is it
            return phrase.upper()
    return None
