"""FactTable: the corpus's figures by role, level and place, for the answer planner and the coach tools."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from assistant.facts.extraction import PAY_KINDS, Figure, figures_in
from assistant.types import Chunk
from assistant.understanding.vocabulary import LEVELS, US_STATES, Place, normalize_level, normalize_place

_STATE_BY_NAME = {v.lower(): v for v in US_STATES.values()}


def split_state(asked: str) -> tuple[str, str | None]:
    """``Seattle, WA`` -> ("Seattle", "Washington"); ``WA`` -> ("", "Washington"); ``Ohio`` -> ("", "Ohio").

    >>> split_state("Seattle, WA"), split_state("wa"), split_state("Ohio"), split_state("Boston")
    (('Seattle', 'Washington'), ('', 'Washington'), ('', 'Ohio'), ('Boston', None))
    """
    text = (asked or "").strip()
    if text.upper() in US_STATES and len(text) == 2:
        return "", US_STATES[text.upper()]
    if text.lower() in _STATE_BY_NAME:
        return "", _STATE_BY_NAME[text.lower()]
    m = re.match(r"^(.+?),\s*([A-Za-z]{2}|[A-Za-z][A-Za-z ]+)$", text)
    if m:
        code = m.group(2).strip()
        state = US_STATES.get(code.upper()) if len(code) == 2 else _STATE_BY_NAME.get(code.lower())
        if state:
            return m.group(1).strip(), state
    return text, None


def _state_codes(name: str) -> set[str]:
    """State codes a place name ends with: ``Washington-Arlington-Alexandria, DC-VA-MD-WV``."""
    m = re.search(r",\s*([A-Z]{2}(?:-[A-Z]{2})*)\s*$", name)
    return set(m.group(1).split("-")) if m else set()


def _named(place: str, kind: str, asked: str) -> bool:
    """Place.matches, but only where the place's own words hold the asked words: the vocabulary's
    nicknames apply to what users type ("NYC"), not to corpus names ("Manhattan, KS" is no New York)."""
    words = set(re.sub(r"[^a-z ]", " ", place.lower()).split())
    return Place(place, kind).matches(asked) and set(normalize_place(asked).split()) <= words


@lru_cache(maxsize=65536)  # a role has ~580 places and roles share them: each check is done once
def place_matches(place: str | None, kind: str | None, asked: str) -> bool:
    """Does a place the user typed name this figure's place? State codes and ``City, ST`` handled.

    >>> place_matches("Seattle-Tacoma-Bellevue, WA", "metro", "Seattle, WA")
    True
    >>> place_matches("Portland-Vancouver-Hillsboro, OR-WA", "metro", "Portland, ME")
    False
    >>> place_matches("Washington", "state", "WA"), place_matches("Washington", "state", "Seattle, WA")
    (True, False)
    """
    if not place or not asked or not asked.strip():
        return False
    city, state = split_state(asked)
    if kind == "state":
        return (not city and state == place) or Place(place, "state").matches(asked)
    if not city:
        # "New York" names the state and the city: the city's metro matches too (a code like NY does not)
        return state is not None and len(asked.strip()) > 2 and _named(place, kind or "city", asked)
    if state is not None:
        codes = _state_codes(place)
        want = next(code for code, name in US_STATES.items() if name == state)
        if codes and want not in codes:
            return False
    return _named(place, kind or "city", city)


class FactTable:
    """Figures indexed by role; queries filter by level and place (``vocabulary.Place`` matching).

    ``FactTable(figures)`` indexes figures already extracted; ``FactTable.from_chunks(chunks, ...)``
    extracts a role's figures when that role is first asked for: the full OEWS import holds 2.8
    million figures (about a minute and 1.5 GB to extract at once), a question needs one role's.
    """

    def __init__(self, figures: Iterable[Figure] = ()) -> None:
        self._all: list[Figure] | None = list(figures)
        self._by_role: dict[str, list[Figure]] = {}
        self._chunks: dict[str, list[Chunk]] = {}
        for f in self._all:
            self._by_role.setdefault(f.role, []).append(f)

    @classmethod
    def from_chunks(
        cls, chunks: Iterable[Chunk], *, roles_by_source: Mapping[str, str] | None = None
    ) -> FactTable:
        table = cls()
        table._all = None
        roles = roles_by_source or {}
        for c in chunks:
            table._chunks.setdefault(roles.get(c.source) or c.title, []).append(c)
        return table

    def _role(self, role: str) -> list[Figure]:
        if role not in self._by_role and role in self._chunks:
            self._by_role[role] = [f for c in self._chunks[role] for f in figures_in(c, role=role)]
        return self._by_role.get(role, [])

    @property
    def figures(self) -> list[Figure]:
        """Every figure (extracts every role of a lazy table)."""
        if self._all is None:
            self._all = [f for r in self.roles() for f in self._role(r)]
        return self._all

    def roles(self) -> list[str]:
        return sorted(set(self._by_role) | set(self._chunks))

    def for_role(self, role: str) -> list[Figure]:
        return list(self._role(role))

    def resolve(self, name: str) -> str | None:
        """A role by exact name (any case), else the only role containing the name; None if unknown."""
        low = (name or "").strip().lower()
        roles = self.roles()
        exact = [r for r in roles if r.lower() == low]
        if exact:
            return exact[0]
        part = [r for r in roles if low and low in r.lower()]
        return part[0] if part else None

    def pay(
        self,
        role: str,
        *,
        level: str | None = None,
        place: str | None = None,
        kinds: tuple[str, ...] = PAY_KINDS,
    ) -> list[Figure]:
        """Pay figures of a role; with ``place`` only that place's (exact names first), else national ones.

        ``level`` keeps figures of that level (figures that name no level stay only when none do).
        """
        figs = [f for f in self._role(role) if f.kind in kinds]
        if place:
            figs = [f for f in figs if place_matches(f.place, f.place_kind, place)]
            key = normalize_place(split_state(place)[0] or place)
            # the most specific place first: a city or metro before a state of the same name
            figs.sort(key=lambda f: (f.place_kind == "state", normalize_place(f.place or "") != key))
        else:
            figs = [f for f in figs if f.place is None]
        if level:
            want = normalize_level(level) or level
            at_level = [f for f in figs if f.level == want]
            figs = at_level or [f for f in figs if f.level is None and not self.levels(role)]
        return figs

    def premium(self, role: str, place: str) -> Figure | None:
        """The regional premium a role's documents state for a city, or None."""
        for f in self._role(role):
            if f.kind == "regional_premium" and place_matches(f.place, f.place_kind or "city", place):
                return f
        return None

    def places(self, role: str | None = None) -> list[Place]:
        figs = self.figures if role is None else self._role(role)
        seen = {(f.place, f.place_kind or "city"): None for f in figs if f.place}
        return [Place(name, kind) for name, kind in seen]

    def levels(self, role: str) -> list[str]:
        """Levels the role's pay figures name, in order of seniority."""
        have = {f.level for f in self._role(role) if f.level and f.kind in PAY_KINDS}
        return [lv for lv in LEVELS if lv in have]
