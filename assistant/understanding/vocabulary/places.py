"""Places: US states and cities, their nicknames, places and currencies abroad, and matching them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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
# a state a sentence puts a figure in: "in Texas", "across California"; "in Kansas City", "in
# Virginia Beach", "in Washington, DC" are cities, not the state
STATE_IN = re.compile(
    r"\b(?i:in|across|for)\s+(" + "|".join(sorted(US_STATES.values(), key=len, reverse=True)) + r")\b"
    r"(?!\s+(?:City|Beach|Springs|Falls|Heights)\b|,?\s+D\.?C\b)"
)
# a state a figure belongs to, said before it without "in": "Ohio's median is $42,810", "the Texas
# median of $78,000", "California is highest — $128,530", "Ohio pays $82,870"
STATE_OF = re.compile(
    r"\b(" + "|".join(sorted(US_STATES.values(), key=len, reverse=True)) + r")"
    r"(?:['\u2019]s?(?=\s)|\s+(?=(?i:median|average|mean|wages?|pay|salar))"
    r"|\s+(?=(?:is|was|pays|paid|leads|tops|sits|comes in)\b[^$.;]{0,30}(?:\$|\Z)))"
)
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
# a state or a large city named anywhere in a short text, as written (capitalised): the place of a
# label such as "Pay (California median, 2025)" or "Denver metro"
_NAMED_PLACE = re.compile(
    r"\b("
    + "|".join(re.escape(p) for p in sorted({*US_STATES.values(), *US_CITIES}, key=len, reverse=True))
    + r")\b"
)


def without_named_places(text: str) -> str:
    """The text without the states and large cities it names: "Phoenix-Mesa-Chandler" -> "--"."""
    return _NAMED_PLACE.sub("", text)


def named_place(text: str) -> str | None:
    """The first US state or large city a text names, as the documents spell it.

    >>> named_place("Pay (California median, 2025)"), named_place("Pay (US median, 2025)")
    ('California', None)
    """
    m = _NAMED_PLACE.search(text)
    return m.group(1) if m else None


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


# the whole country as a document names it: a table's row or a label ("United States", "U.S.
# overall", "National picture", "All metros"), and in a line's text
NATIONAL_LABEL = re.compile(
    r"(?:the )?(?:United States(?: of America)?|U\.\s?S\.(?:A\.)?|(?-i:USA?)|America|National|Nationwide|"
    r"All (?:metros|areas|states|locations))(?: total| average| median)?(?!\w)",
    re.I,
)
_NATION_IN_TEXT = re.compile(
    r"(?<!\w)(?:national(?:ly)?|nationwide|U\.\s?S\.(?:A\.)?|(?-i:US|USA)|United States|"
    r"across the country)(?!\w)",
    re.I,
)


def names_nation(text: str) -> bool:
    """Does a line say its figure is the whole country's ("U.S. overall: median $99,130")?"""
    return bool(_NATION_IN_TEXT.search(text or ""))


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


def _state_code(key: str) -> str | None:
    """The code of a state named by its code or its name, in normalize_place's form ("tx", "texas")."""
    return key.upper() if key.upper() in US_STATES else STATE_CODES.get(key)


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
        if want == have or (_state_code(want) or "?") == _state_code(have):
            return True  # "TX" is Texas
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


# the other side of a comparison with one place: everywhere else
ANYWHERE_ELSE = re.compile(
    r"\s*(?:(?:in|at)\s+)?(?:elsewhere|anywhere else|everywhere else|other (?:cities|places|areas|states)|"
    r"the rest of (?:the )?(?:us|u\.s\.|country|nation)|(?:the )?(?:national )?average|nationally)\W*$",
    re.I,
)
