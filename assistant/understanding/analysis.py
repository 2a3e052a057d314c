"""Question analysis: which role(s), level, place, aspect, answer type and year a question asks about."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from assistant.indexing.text import stem
from assistant.understanding import vocabulary as vocab
from assistant.understanding.conversation import is_follow_up
from assistant.understanding.roles import (
    RoleCatalog,
    acronym_role,
    as_typed,
    is_occupation,
    role_phrases,
    role_stem,
    role_tokens,
    unknown_role_phrase,
)

# "in ..." phrases that are not places
_NOT_PLACE = re.compile(
    r"^(ai|ml|it|tech|technology|healthcare|health care|finance|the field|the industry|general|total|"
    r"practice|person|office|demand|charge|management|leadership|addition|order|terms|school|college|"
    r"a|an|the|this|that|my|your|their|his|her|our|its|high|higher|top|entry|senior|mid|big|large|small)\b",
    re.I,
)
_PLACE_PHRASE = re.compile(
    r"\b(?:in|near|around|based in|living in|move to|moving to|relocate to)\s+([A-Za-z][\w.' -]{1,40})"
)


@dataclass(frozen=True)
class Query:
    """What a question asks for; every later stage reads this instead of re-reading the words."""

    text: str  # the question as asked (cleaned)
    roles: tuple[str, ...] = ()  # catalog roles the question (or the conversation) is about
    unknown_role: str | None = None  # a role the question names that no document covers
    ambiguous: tuple[str, ...] = ()  # other roles a loosely named role could mean
    level: str | None = None  # canonical level (vocabulary.LEVELS)
    place: str | None = None  # a place as the user typed it
    national: bool = False  # the user asked for national (US-wide) figures, or a place's against them
    foreign: str | None = None  # a place outside the US, or a currency other than dollars
    aspects: tuple[str, ...] = ()  # vocabulary.ASPECT_PATTERNS keys, most specific first
    topics: tuple[str, ...] = ()  # vocabulary.TOPICS the question names (interviews, vacation, ...)
    answer_type: str = vocab.EXPLANATION
    year: int | None = None
    follow_up: bool = False
    inherited: tuple[str, ...] = ()  # fields taken from earlier turns
    search_text: str = ""  # what retrieval is given
    subject: str | None = None  # a role the documents only mention ("AI research scientist" in a career list)
    asks_for: str | None = None  # the things a "what/which X" question wants listed ("sectors")
    places: tuple[str, ...] = ()  # two places compared: "more in Seattle or New York?"
    levels: tuple[str, ...] = ()  # two levels compared: "a lead compared to a senior engineer"
    # the two parts of any other comparison: "a pharmacy manager" / "a staff pharmacist"
    sides: tuple[str, ...] = ()

    @property
    def aspect(self) -> str | None:
        return self.aspects[0] if self.aspects else None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["roles"] = list(self.roles)
        d["aspects"] = list(self.aspects)
        d["topics"] = list(self.topics)
        d["ambiguous"] = list(self.ambiguous)
        d["inherited"] = list(self.inherited)
        d["places"] = list(self.places)
        d["levels"] = list(self.levels)
        d["sides"] = list(self.sides)
        return d


_BETWEEN = re.compile(
    r"\bbetween\s+((?:an?\s+|the\s+)?[a-z][\w-]*(?:,?\s+[a-z][\w-]*){0,7}?)\s+and\s+([a-z].*)", re.I
)
# "the pay bump going from senior to lead", "moving from Austin to Seattle": a step between two sides
_FROM_TO = re.compile(
    r"\bfrom\s+((?:an?\s+|the\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)\s+to\s+"
    r"((?:an?\s+|the\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})",
    re.I,
)
_SIDES = re.compile(
    r"\s+(?:or|vs\.?|versus|compared? (?:to|with)|compares (?:to|with)|against|than|"
    r"(?:different|differs?) from)\s+",
    re.I,
)


Sides = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def compared_sides(question: str, places: list[vocab.Place]) -> Sides:
    """(places, levels, parts) a question sets against each other: two places, two levels, or else
    the question's two parts as typed; all empty when it has not two parts.

    >>> known = [vocab.Place("Seattle"), vocab.Place("New York City")]
    >>> compared_sides("Does it pay more in Seattle or New York?", known)
    (('Seattle', 'New York City'), (), ())
    >>> compared_sides("What does a lead earn compared to a senior engineer?", [])
    ((), ('lead', 'senior'), ())
    >>> compared_sides("Does a pharmacist earn more than a pharmacy manager?", [])
    ((), (), ('Does a pharmacist earn more', 'a pharmacy manager?'))
    >>> compared_sides("What does a senior engineer earn in Seattle?", [])
    ((), (), ())
    >>> compared_sides("What is the difference in pay between senior and lead engineers?", [])
    ((), ('senior', 'lead'), ())
    >>> compared_sides("how big is the pay bump going from senior to lead?", [])
    ((), ('senior', 'lead'), ())
    >>> compared_sides("How big is the salary jump going from senior AI engineer to lead?", [])
    ((), ('senior', 'lead'), ())
    >>> compared_sides("how do I get from junior to senior?", [])
    ((), ('entry', 'senior'), ())
    """
    parts = tuple(_SIDES.split(_clean(question)))
    between = _BETWEEN.search(_clean(question))
    if len(parts) != 2 and between:
        parts = between.groups()  # "the difference in pay between senior and lead engineers"
    step = _FROM_TO.search(_clean(question)) if len(parts) != 2 else None
    if step:
        # "going from senior to lead": two levels or two places, never two free parts
        return _places_or_levels(step.groups(), places) or ((), (), ())
    if len(parts) != 2:
        return (), (), ()
    return _places_or_levels(parts, places) or ((), (), parts)


def _places_or_levels(parts: tuple[str, ...], places: list[vocab.Place]) -> Sides | None:
    """Two different places, or two different levels, one in each part; None when they are not."""
    found_places = [find_place(part, places)[0] for part in parts]
    if all(found_places) and found_places[0] != found_places[1]:
        return tuple(found_places), (), ()
    found_levels = [vocab.find_levels(part)[:1] for part in parts]
    if all(found_levels) and found_levels[0] != found_levels[1]:
        return (), tuple(lv[0] for lv in found_levels), ()
    return None


def _same_job(phrase: str, catalog: RoleCatalog, name: str) -> bool:
    """Does a role phrase's job word ("admin" of "network admin") name this role's job ("Senior
    Network Administrator")?"""
    from assistant.understanding.roles import name_stems

    role = catalog.role(name)
    if role is None:
        return False
    words = set().union(*(name_stems(n) for n in (role.name, *role.aliases)))
    return bool(name_stems(phrase.split()[-1]) & words)


def _without_role_words(question: str, roles: tuple[str, ...]) -> str:
    """The question without the words of the roles it names.

    >>> _without_role_words("What training do physical therapists need?", ("Physical Therapists",))
    'What training do they need?'
    """
    own = set()
    for role in roles:
        own |= role_tokens(re.split(r",\s*except\b", role, flags=re.I)[0])
    out: list[str] = []
    for w in question.split():
        # "speech-language" of "Speech-Language Pathologist": each part is the role's
        parts = [
            role_stem(re.sub(r"\W", "", p.lower())) for p in re.split(r"[-/]", w) if re.sub(r"\W", "", p)
        ]
        if not parts or not all(p in own for p in parts):
            out.append(w)
        elif not out or out[-1] != "they":
            out.append("they")  # "what do registered nurses do" -> "what do they do"
    return " ".join(out)


def _without_background(question: str) -> str:
    """The question without the asker's description of their own job.

    >>> _without_background("I'm a senior backend dev with no ML background, could I become a lead?")
    ' with no ML background, could I become a lead?'
    """
    return vocab.BACKGROUND.sub("", question)


def _clean(question: str) -> str:
    return " ".join(str(question).split())


_PLACE_WORDS = vocab.PLACE_FILLER | {"county", "bay", "downtown"}  # may follow a place's name


def _name_goes_on(question: str, key: str) -> bool:
    """Does the capitalised name in the question continue past ``key``? "Jackson Hole" is not
    "Jackson"; "Seattle Washington" and "Austin area" are still Seattle and Austin."""
    m = re.search(rf"\b{re.escape(key)}\b", question, re.I)
    if not m:
        return False
    nxt = re.match(r"\s+([A-Z][a-z]+)", question[m.end() :])
    if not nxt:
        return False
    word = nxt.group(1).lower()
    return word not in _PLACE_WORDS and word not in vocab.STATE_CODES


def find_place(question: str, places: list[vocab.Place]) -> tuple[str | None, bool]:
    """(the place asked, whether the corpus names it). A US state or city the corpus lacks is still a place.

    >>> seattle = vocab.Place("Seattle-Tacoma-Bellevue, WA", "metro")
    >>> find_place("What does a nurse earn in Seattle?", [seattle])
    ('Seattle', True)
    >>> find_place("pay in denver?", [vocab.Place("Seattle")])
    ('Denver', False)
    >>> find_place("How much in AI?", [])
    (None, False)
    """
    q = _clean(question)
    low = " " + re.sub(r"[^a-z0-9 ]", " ", q.lower()) + " "
    # nicknames first: "SF", "NYC", "the Bay Area"
    for alias, name in vocab.PLACE_ALIASES.items():
        typed = re.search(rf"(?<![\w.]){re.escape(alias)}(?![\w])", q, re.I)
        if typed:  # a word of its own: "sf", "SF", not "sf" inside a word
            if alias in ("la", "dc") and not re.search(rf"\b{alias.upper()}\b", q):
                continue  # "la" and "dc" only when typed as capitals ("la" is also a word)
            return name, any(p.matches(name) for p in places)
    # "Portland, ME", "Aspen, Colorado": the city in that state, or a city the corpus does not name
    city_state = vocab.city_and_state(q)
    if city_state:
        cities, state = city_state
        code = vocab.state_code(state)
        for city in cities:
            named = [p for p in places if p.matches(city)]
            in_state = [p for p in named if code in vocab.state_codes(p.name)]
            if in_state:
                return in_state[0].name, True
            if named:
                return f"{city}, {state}", False  # Portland, Maine where only Portland, OR has figures
        return f"{cities[0]}, {state}", False
    # a place the corpus names, longest name first so "New York City" wins over "York"
    best = None
    found: dict[str, str] = {}  # every corpus place named: its key -> its name
    for p in places:
        for part in [p.name, *re.split(r"[-/,]", p.name)]:
            key = vocab.normalize_place(part)
            if len(key) < 3 or (p.kind == "state" and part == p.name and len(key) < 4):
                continue
            words = key.split()
            # "San Francisco Bay Area" is also asked for as "san francisco"
            keys = [" ".join(words[:n]) for n in range(len(words), 1, -1)] or [key]
            # as typed beats as normalised: "Oklahoma City" is the metro, not the state "Oklahoma"
            typed = len(part.strip()) if part.strip().lower() in q.lower() else 0
            for k in keys:
                rank = (typed, len(k))
                if f" {k} " in low and not _name_goes_on(q, k):
                    found.setdefault(k, part.strip())
                    if best is None or rank > best[0]:
                        best = (rank, part.strip())
    if best:
        # "columbus ohio": the city named before its state, not the state
        state, code = vocab.normalize_place(best[1]), vocab.state_code(best[1])
        cities = [*found.items(), *((vocab.normalize_place(c), c) for c in vocab.US_CITIES)]
        for k, name in cities if code else ():
            if f" {k} {state} " not in low:
                continue
            # the corpus's place of that name, if in that state ("Rochester, NY" is no Rochester, MN)
            named = [p for p in places if p.matches(name)]
            in_state = [p for p in named if code in (vocab.state_codes(p.name) or {code})]
            if in_state:
                return in_state[0].name, True
            return (f"{name}, {best[1]}", False) if named else (name, False)
        return best[1], True
    # a large US city the documents may not list: still a place, whose figures they lack
    for city in sorted(vocab.US_CITIES, key=len, reverse=True):
        key = vocab.normalize_place(city)
        if len(key) >= 4 and f" {key} " in low and city.lower() not in ("washington", "aurora", "mesa"):
            return city, any(p.matches(city) for p in places)
    for state in vocab.US_STATES.values():
        if re.search(rf"\b{re.escape(state.lower())}\b", low) and state.lower() not in ("washington",):
            return state, any(p.matches(state) for p in places)
    if re.search(r"\bwashington\b", low) and not re.search(r"\bwashington,? ?d\.?c\b", low):
        return "Washington", any(p.matches("Washington") for p in places)
    for m in _PLACE_PHRASE.finditer(q):
        phrase = re.split(
            r"[?,.!;]| (?:as|with|for|and|or|if|who|than|compared|vs|versus|per|a|an|the)\b", m.group(1)
        )[0]
        phrase = phrase.strip()
        if (
            not phrase
            or _NOT_PLACE.match(phrase)
            or vocab.YEAR_RE.fullmatch(phrase)
            or vocab.find_levels(phrase)
        ):
            continue
        words = phrase.split()[:3]
        # a place is a proper name: capitalised as typed, or not an English word of the corpus
        if not (words[0][:1].isupper() or m.group(0).split()[0].lower() in ("in", "near", "around")):
            continue
        if vocab.asks_national(f"in {phrase}"):
            continue
        name = " ".join(w[:1].upper() + w[1:] for w in words)
        if any(c.isdigit() for c in name) or vocab.find_aspects(phrase):
            continue
        return name, any(p.matches(name) for p in places)
    return None, False


# one side of a comparison that is only a sum: "150k?", "$200,000", "200 thousand"
_A_SUM = re.compile(r"\W*\$?\s?\d[\d,.]*\s*(?:k|thousand|grand|dollars?|a year|per year)?\W*", re.I)
_ASKS_REQUIREMENT = re.compile(r"\b(required|requirement|need|needed|must|mandatory|necessary)\b", re.I)


def analyze(
    question: str,
    *,
    catalog: RoleCatalog | None = None,
    places: list[vocab.Place] | None = None,
    vocabulary: set[str] | None = None,
    history: list[str] | None = None,
    role: str | None = None,
    mentioned: set[str] = frozenset(),
    acronyms: dict[str, str] | None = None,
) -> Query:
    """Analyse ``question``; follow-ups inherit what they leave out from the earlier turns.

    ``acronyms`` maps short forms the documents define ("dba") to their role.

    ``role`` scopes the conversation to one catalog role (the chat's role selector).
    """
    q = _clean(question)
    earlier = None
    turns = [_clean(h) for h in (history or []) if h and str(h).strip()]
    for i, turn in enumerate(turns):
        earlier = _analyze_one(
            turn, catalog, places or [], vocabulary, turns[:i], earlier, role, mentioned, acronyms or {}
        )
    return _analyze_one(q, catalog, places or [], vocabulary, turns, earlier, role, mentioned, acronyms or {})


def _analyze_one(
    q: str,
    catalog: RoleCatalog | None,
    places: list[vocab.Place],
    vocabulary: set[str] | None,
    history: list[str],
    earlier: Query | None,
    scoped_role: str | None,
    mentioned: set[str] = frozenset(),
    acronyms: dict[str, str] | None = None,
) -> Query:
    # chat short forms ("yrs", "langs") and words typed wrong ("whats the salery for a junior financial
    # analist") are read as meant
    q = vocab.written_out(q)
    q = catalog.spelled(q, vocabulary) if catalog is not None and vocabulary else q
    # "software engineers" are the statistics' software developers, where no role has that title
    qr = catalog.job_names(q) if catalog is not None else q
    asked = q  # the question without the asker's own job, when that is their background
    background = vocab.BACKGROUND.search(qr) if catalog is not None else None
    if background is not None:
        # "I'm a senior backend dev, could I become a lead AI engineer?": the asker's own job is their
        # background, not the role asked about, when the question names another covered role besides
        # it ("I'm a new grad" names no job: its level is the asker's; "I'm an entry-level software
        # developer ... as a software developer" names the role asked)
        own = _without_background(qr)
        said = re.findall(r"[A-Za-z]+", background.group(0))
        names_job = any(vocab.is_job_word(w) or w.lower() in vocab.ABBREVIATIONS for w in said[2:])
        asked_roles = [m.role for m in catalog.match(own) if m.full]
        their_roles = [m.role for m in catalog.match(background.group(0)) if m.full]
        if names_job and asked_roles and not set(their_roles) & set(asked_roles):
            qr, asked = own, _without_background(q)
    matches = catalog.match(qr) if catalog is not None else []
    full = [m for m in matches if m.full]
    roles: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    if full:
        # roles named in full; a comparison may name two; "electrician" named inside "helpers--electricians"
        # counts only once: keep roles whose words are not all inside a longer named role
        roles = tuple(m.role for m in full[:3])
        if len(full) > 1 and vocab.answer_type(q, vocab.find_aspects(q)) != vocab.COMPARISON:
            # "teacher" names three occupations in full: answer for one, say which others it could mean
            # (not "Electricians" for "electrician's helper": its words are all inside the first)
            first = role_tokens(full[0].role)
            others = [m.role for m in full[1:] if not role_tokens(m.role) <= first]
            roles, ambiguous = (full[0].role,), tuple(others[:5])
        elif re.search(r",\s*all other\b", full[0].role, re.I):
            # "engineers" is "Engineers, All Other" in full, but more likely one of the named kinds
            ambiguous = tuple(m.role for m in matches if not m.full)[:5]
    elif matches:
        top = matches[0].score
        near = [m.role for m in matches if m.score >= top - 1e-9]
        roles = (near[0],)
        ambiguous = tuple(near[1:6])
        owner = catalog.named_by_proper_name(q) if catalog is not None else None
        if owner in {m.role for m in matches}:
            # "the junior designer job at Bright Thicket": of the designers, the posting naming it
            roles, ambiguous = (owner,), ()
    if not roles and acronyms and (found := acronym_role(q, acronyms)):
        roles = (found,)  # "a junior dba": the role whose document defines the short form
    elif roles and ambiguous and acronyms and (found := acronym_role(q, acronyms)) in ambiguous:
        # "PTAs" by their initials are a Physical Therapist Aide too; the documents say which one
        roles, ambiguous = (found,), ()
    unknown = None
    subject = None
    if roles and catalog is not None and len(catalog) > 1:
        unknown = _finer_than_catch_all(qr, catalog, roles[0])
        if unknown:
            roles, ambiguous = (), ()
    if matches and catalog is not None and not unknown:
        other = _other_occupation(qr, catalog, roles, partial=not full)
        if other and vocab.plural_or_not(other) & mentioned:
            subject = other  # a role the documents name inside another role's document
        elif other:
            # "licensed practical nurse" only shares "nurse" with "Registered Nurse"; "AI product manager"
            # shares "AI" with "Lead Engineer in AI": other occupations
            roles, ambiguous, unknown = (), (), other
    if not full and subject is None and not unknown and mentioned:
        # "what jobs come before nurse manager?": a job the documents name ("Nurse Manager: ...") typed
        # whole, where no role is named in full ("manager" alone is no Product Manager)
        # ("a mail carrier" is the family page's "Mail carriers")
        # ("a tool and die maker" is the "tool die maker" the page's heading names)
        low = " " + re.sub(r"[^a-z0-9&+ ]", " ", q.lower()) + " "
        low += re.sub(r" (?:and|&) ", " ", low) + " "
        named = [m for m in mentioned if " " in m and any(f" {v} " in low for v in vocab.plural_or_not(m))]
        # "network architects" of the "Computer Network Architect" role is that role, shortened, not
        # the "Network architect" row of its level table
        own = role_tokens(roles[0]) if roles else frozenset()
        named = [m for m in named if not (own and role_tokens(m) <= own)]
        if named:
            subject = max(named, key=len)
    if not roles and not unknown and vocabulary is not None and subject is None:
        unknown = unknown_role_phrase(qr, vocabulary, catalog, mentioned=mentioned)
    if (
        not roles
        and subject is None
        and catalog is not None
        and (owner := catalog.named_by_proper_name(q))
        # "the harborline network job", "a network admin at Harborline": the posting that names
        # Harborline; "a plumber in Riverton" names a job no document there is about
        and not (unknown and is_occupation(unknown.split()[-1]) and not _same_job(unknown, catalog, owner))
    ):
        roles, unknown = (owner,), None
    # the role's own words say nothing about what is asked: "physical" in "physical therapists" is no
    # question about working conditions, "school" in "high school teachers" none about education
    aspects = tuple(vocab.find_aspects(_without_role_words(q, roles) if roles else q))
    levels = vocab.find_levels(asked)  # "senior" in "I'm a senior backend dev" is not the level asked
    level = levels[0] if levels else None
    # "lead" in a role name ("Lead Engineer in AI") is the role's own level only if the user said it
    place, known = find_place(q, places)
    if place and len(place) == 2 and place.upper() in vocab.US_STATES:
        place = vocab.US_STATES[place.upper()]  # "in MN": Minnesota, as the documents write it
    if place and not known and catalog is not None and catalog.match(place):
        place = None  # "in nursing", "in HVAC": a field of work, not a place
    if (
        place
        and not known
        and vocabulary
        and place.lower() in q  # typed in lower case: "specializing in deep learning"
        and not vocab.state_of(place)
        and place not in vocab.US_STATES.values()  # "in ohio" is Ohio, typed in lower case or not
        and place not in vocab.US_CITIES
        and all(stem(w) in vocabulary for w in place.lower().split())
    ):
        place = None  # words the documents use, not the name of a place they lack
    foreign = vocab.foreign_place(q) or vocab.currency(q)
    if foreign and place and (place.lower() in foreign.lower() or foreign.lower() in place.lower()):
        place = None
    year_m = vocab.YEAR_RE.search(q)
    # the question sentence leans on the earlier turn, whatever the situation told after it
    asked_q = vocab.asked_part(q)
    follow = bool(earlier) and (
        is_follow_up(asked_q) or (not roles and not aspects and len(asked_q.split()) <= 8)
    )
    inherited: list[str] = []
    answer_type = asked_type = vocab.answer_type(q, list(aspects))
    if earlier is not None:
        if not roles and not unknown:
            if earlier.roles:
                roles, inherited = earlier.roles, [*inherited, "role"]
        if follow:
            if level is None and earlier.level:
                level, inherited = earlier.level, [*inherited, "level"]
            if place is None and not foreign and earlier.place and not levels:
                place, inherited = earlier.place, [*inherited, "place"]
            # "is a PharmD required?" after a pay question asks about a requirement, not the pay
            asks_own = answer_type == vocab.YESNO and _ASKS_REQUIREMENT.search(q)
            if not aspects and earlier.aspects and not (asks_own and not vocab.REFERS_BACK.search(q)):
                aspects, inherited = earlier.aspects, [*inherited, "aspect"]
                if not asks_own:
                    answer_type = earlier.answer_type
    if answer_type == vocab.COMPARISON and not aspects and len(roles) >= 2:
        aspects = ("pay",)  # "compare software developers and data scientists": their pay, side by side
    if scoped_role and not roles and not unknown:
        roles = (scoped_role,)
    compared, levels_compared, parts = compared_sides(q, places) if len(roles) < 2 else ((), (), ())
    if answer_type == vocab.COMPARISON and len(roles) == 1 and len(parts) == 2 and catalog is not None:
        # "sonographer vs surgical tech": the side that names no role in full names one by itself
        if sides := _roles_of_sides(parts, roles[0], catalog):
            roles, ambiguous, parts = sides, (), ()
    if len(parts) == 2 and _A_SUM.fullmatch(parts[1]):
        # "do senior engineers earn more than 150k?": whether pay clears a sum, not two things compared
        parts = ()
        if answer_type == vocab.COMPARISON:
            answer_type = vocab.YESNO if vocab.YESNO_START.search(q) else vocab.FIGURE
    national = False
    if not compared and not parts and "pay" in aspects:
        # "what about NYC and Seattle?": two places named together are each answered and set side by side
        found = [find_place(p, places) for p in re.split(r"\s+and\s+|\s*,\s*", q)]
        named = list(dict.fromkeys(p for p, known in found if p and known))
        if len(named) == 2:
            compared = tuple(named)
        # "I'm a senior engineer; how big a jump if I moved up to lead?": the step between two levels
        elif len(set(levels)) >= 2 and vocab.STEP_UP.search(q) and not levels_compared:
            levels_compared = tuple(dict.fromkeys(levels))[:2]
    if (
        not compared
        and "pay" in aspects
        and asked_type == vocab.COMPARISON
        and "place" not in inherited
        and earlier is not None
        and earlier.place
        and place
        and place != earlier.place
    ):
        # "how does that compare with someone doing the same job in the Bay Area?" after New York
        compared, parts = (earlier.place, place), ()
    if place and len(parts) == 2 and vocab.ANYWHERE_ELSE.match(parts[1]):
        # "do they earn more in NYC than elsewhere?": the place's own figure against the national one
        parts, answer_type, national = (), vocab.FIGURE, True
    search_text = q
    if follow and history:
        prev = earlier.text if earlier is not None else history[-1]  # as read: "certifcations" put right
        search_text = f"{prev if prev[-1:] in '.?!' else prev + '?'} {q}"
    return Query(
        text=q,
        roles=roles,
        unknown_role=as_typed(unknown, q) if unknown else None,
        ambiguous=ambiguous,
        level=level,
        place=place,
        national=national or (vocab.asks_national(q) and place is None),
        foreign=foreign,
        aspects=aspects,
        topics=tuple(vocab.find_topics(vocab.asked_part(q))),  # not "my client is interviewing. ..."
        answer_type=answer_type,
        year=int(year_m.group(0)) if year_m else None,
        follow_up=follow,
        inherited=tuple(inherited),
        search_text=search_text,
        subject=subject,
        asks_for=vocab.asks_for(q),
        places=compared,
        levels=levels_compared,
        # "do they still code or is it mostly management?": two things to choose from, each answered
        sides=parts if answer_type == vocab.COMPARISON or vocab.asks_either_or(q) else (),
    )


def _finer_than_catch_all(question: str, catalog: RoleCatalog, role: str) -> str | None:
    """A role phrase that a catch-all role ("Engineers, All Other") matches only by its job word, with
    words no role of the catalog has ("a prompt engineer"): an occupation the documents do not cover."""
    from assistant.understanding.roles import role_tokens

    if not re.search(r",\s*all other\b", role, re.I):
        return None
    known = set().union(*(v for r in catalog.roles for v in r.variants()))
    generic = set(role_tokens(" ".join(vocab.GENERIC_WORDS)))
    for phrase in role_phrases(question):
        extra = role_tokens(phrase) - known - generic
        if extra and is_occupation(phrase.split()[-1]):
            return phrase
    return None


# words a role phrase picks up that name no kind of job: places ("nyc ai lead pay"), verbs ("what
# drives ai lead pay"), chat short forms ("does exp raise ai lead pay")
_NO_JOB_WORDS = {
    stem(w)
    for w in (
        *" ".join(vocab.PLACE_ALIASES).split(),
        *" ".join(vocab.US_CITIES).lower().split(),
        *vocab.CHAT_WORDS,
        *vocab.CHANGE_VERBS,
    )
}


def _other_occupation(
    question: str, catalog: RoleCatalog, roles: tuple[str, ...], *, partial: bool
) -> str | None:
    """A role phrase of the question that names another occupation than the roles matched: its head noun
    is in none of them ("AI engineering manager" vs "Lead Engineer in AI"), or, for a loose match, its
    other words are ("licensed practical nurse" vs "Registered Nurse")."""
    from assistant.understanding.roles import name_stems, role_stem, role_tokens

    have: set[str] = set()
    for name in roles:
        r = catalog.role(name)
        if r is not None:
            have |= set().union(*r.variants()) if r.variants() else set()
            # "rad techs" of Radiologic Technologist is a technician too, as the question's words are read
            have |= set().union(*(name_stems(n) for n in (r.name, *r.aliases)))
    generic = {role_stem(w) for w in vocab.GENERIC_WORDS} | {role_stem(w) for w in vocab.ABBREVIATIONS}
    # "lineman" beside the "lineworker" it stands for names no other job
    generic |= {role_stem(w) for w, other in vocab.OTHER_JOB_WORDS.items() if role_stem(other) in have}
    for phrase in role_phrases(question):
        last = phrase.split()[-1]
        head = role_stem(last)
        # "diesel mechanic" of a Diesel Technician: the job word it stands for is the role's
        said = phrase.split()  # ("surg tech" is read "surg surgical tech technician")
        same = bool({role_stem(vocab.OTHER_JOB_WORDS[w]) for w in said if w in vocab.OTHER_JOB_WORDS} & have)
        if is_occupation(last) and head not in have and not same:
            return phrase
        # (only a job's head noun makes it an occupation: "the chem tech QC lab" is a place of work)
        if (
            partial
            and is_occupation(last)
            and (head in have or same)
            and role_tokens(phrase) - have - generic - _NO_JOB_WORDS
        ):
            return phrase
    return None


def _roles_of_sides(parts: tuple[str, ...], found: str, catalog: RoleCatalog) -> tuple[str, str] | None:
    """Both roles of a comparison in the order asked, when one side named ``found`` and the other names
    exactly one other role on its own ("sonographer" of "Diagnostic Medical Sonographer")."""
    matched = [catalog.match(p) for p in parts]
    own = [i for i, ms in enumerate(matched) if any(m.role == found for m in ms)]
    if len(own) != 1:
        return None
    matches = matched[1 - own[0]]  # the other side, which does not name ``found``
    if not matches:
        return None
    top = [m for m in matches if m.score >= matches[0].score - 1e-9]
    if len(top) != 1:
        return None
    return (found, top[0].role) if own[0] == 0 else (top[0].role, found)
