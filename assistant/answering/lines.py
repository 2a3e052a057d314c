"""Passages read as lines: each bullet or sentence with its label, levels, place words and figures."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.answering.extractive import units_with_kind, units_with_starts
from assistant.facts.extraction import figure_places, prose_places
from assistant.indexing.text import tokenize
from assistant.types import Chunk
from assistant.understanding import vocabulary as vocab

_LABEL = re.compile(r"^\s*([A-Z0-9$][^:]{0,70}?):\s+(.+)$")
# a cost word that the money follows: "costs roughly $1,500", "tuition of about $6,200"; not "$38,000
# plus tuition reimbursement"
_COST_OF_MONEY = re.compile(rf"(?:{vocab.COST.pattern})(?:\W+\w+){{0,3}}?\W*\$", re.I)
_ENTRY_GRADE = re.compile(r"\bnew (?:grad(?:uate)?s?|hires?)\b|\bentry[- ]level\b", re.I)
_ENTRY_YEARS = re.compile(
    r"\b(?:experience|yrs|years)\W+0\s*[-–]\s*[12]\s*(?:years|yrs)\b|\b0\s*[-–]\s*[12]\s*(?:years|yrs)\s+(?:of\s+)?experience",
    re.I,
)
# a pay line's words: the vocabulary's, and the parts of pay and the money sign
_PAY_WORDS = re.compile(rf"{vocab.PAY_STEMS}|bonus|stock|rsu|\$|hourly|annual", re.I)
_PREMIUM = re.compile(
    r"(above|below|higher than|lower than|align with|in line with|than the) (the )?national", re.I
)
# the parts of a line that gives one figure per place: "Chicago $80k–$105k · Minneapolis $78k–$100k",
# "Milwaukee $99,000–$121,000 / Greenville $101,000–$124,000", "New Jersey $72,460 · Massachusetts $67,210"
_PLACE_PARTS = re.compile(r"\s+[·•|/]\s+|;\s+")
_LOOKS_LIKE_PLACE = re.compile(r"[A-Z][\w.'-]*(?:[\s-]+[A-Z][\w.'-]*){0,3}(?:,\s*[A-Z]{2})?")
_CITY_ST = re.compile(r"^[A-Z][A-Za-z .'-]+(?:-[A-Z][A-Za-z .'-]+)*,\s*[A-Z]{2}(?:-[A-Z]{2})*\b")


@dataclass(frozen=True)
class Line:
    chunk: Chunk
    index: int  # position in the passage
    text: str  # the bullet or sentence, marker removed
    is_bullet: bool
    label: str | None  # "Senior AI Engineer" in "Senior AI Engineer: $160,000 - $200,000"
    body: str  # the text after the label (or the whole text)

    @property
    def levels(self) -> set[str]:
        own = vocab.levels(self.label or self.text)
        if (
            not own
            and self.chunk.section
            and len(heading := vocab.levels(self.chunk.section[-1])) == 1
            and not heading <= vocab.levels(self.chunk.title or "")
            and _names_a_step(self.chunk.section[-1])
        ):
            # "### Senior Copywriter" over "Chicago $80k–$105k · Minneapolis $78k–$100k", "## L3 — Senior
            # Engineer" over "Pay band: ...": a ladder's step (not "Lead AI Engineer" on the lead's page)
            return heading
        if not own and self.section_grades and _describes_entry(self.chunk):
            # "## L1 — Engineer I: New graduates and co-op converts ... Pay band: $72,000–$84,000":
            # the grade its section describes as the way in is the entry level
            return {"entry"}
        if own or not self.is_bullet:
            return own
        # "Journeyman ironworker wage rates:" over "- June 1, 2025: $37.85 per hour": a bullet is
        # about the level its lead-in line names
        lead_in = self.lead_in
        return vocab.levels(lead_in.text) if lead_in is not None else own

    @property
    def place_parts(self) -> tuple[tuple[str, str], ...]:
        """(place, figure) for each part of a line that gives one figure per place: "Chicago $80k–$105k ·
        Minneapolis $78k–$100k" -> (("Chicago", "$80k–$105k"), ("Minneapolis", "$78k–$100k")); ()
        for any other line."""
        parts = [p.strip() for p in _PLACE_PARTS.split(self.body) if p.strip()]
        out = []
        for part in parts:
            m = vocab.MONEY_RE.search(part)
            where = part[: m.start()].strip(" :—–-") if m else ""
            if not m or not (vocab.named_place(where) or _LOOKS_LIKE_PLACE.fullmatch(where)):
                return ()
            if vocab.find_levels(where) or vocab.names_a_job(where) or vocab.PAY_WORDS.search(where):
                return ()  # "Junior $50k · Senior $80k": levels, not places
            out.append((where, part[m.start() :].strip()))
        # one of them a place for certain: "Union $38.50 · Non-union $26.00" names none
        return tuple(out) if len(out) >= 2 and any(vocab.named_place(w) for w, _ in out) else ()

    @property
    def item(self) -> tuple[Line, ...]:
        """The sentences of the bullet this line is part of: "GWO Basic Safety Training (BST): working
        at heights ...", "Required by nearly all turbine manufacturers ...; it's included in our
        certificate." """
        start, end = _item_spans(self.chunk)[self.index]
        return lines_of(self.chunk)[start:end]

    @property
    def item_text(self) -> str:
        """The whole bullet from this line on."""
        _, end = _item_spans(self.chunk)[self.index]
        return " ".join(ln.text for ln in lines_of(self.chunk)[self.index : end])

    @property
    def starts_item(self) -> bool:
        """Is this a bullet's first sentence (not "Graduates who pass ..." after "CPC, from the AAPC.")?"""
        return _item_starts(self.chunk)[self.index]

    @property
    def lead_in(self) -> Line | None:
        """The line ending in ":" that introduces this bullet's list, if any."""
        i = _lead_ins(self.chunk)[self.index]
        return lines_of(self.chunk)[i] if i is not None else None

    @property
    def section_grades(self) -> frozenset[str]:
        """The grades its own section's heading names ("### CSM II")."""
        return vocab.grades(self.chunk.section[-1]) if self.chunk.section else frozenset()

    @property
    def grades(self) -> frozenset[str]:
        """The grades the line is about: its section's and its own ("Claims Adjuster I: $24.50/hr")."""
        return self.section_grades | vocab.grades(f"{self.label or ''} {self.text}")

    @property
    def numbers(self) -> list[float]:
        return vocab.extract_numbers(self.text)

    @property
    def has_money(self) -> bool:
        return bool(vocab.MONEY_RE.search(self.text))

    @property
    def is_premium(self) -> bool:
        """ "Seattle: 5-15% above national average": a place's pay relative to the national figure."""
        return bool(_PREMIUM.search(self.text)) and self.label is not None

    @property
    def has_percent(self) -> bool:
        return "%" in self.text

    @property
    def is_pay(self) -> bool:
        """A figure about pay: money, a place premium, or a share of pay ("Annual Bonus: 10-20% of base")."""
        where = f"{self.chunk.section_path} {self.label or ''}"
        if self.has_money:
            label = self.label or ""
            spent = (vocab.COST.search(label) and not vocab.EARNING.search(label)) or (
                _COST_OF_MONEY.search(self.text) and not vocab.EARNING.search(self.text)
            )
            if spent and not vocab.EARNING.search(self.chunk.section_path):
                return False  # "the starter tool list costs roughly $1,500", "Estimated tuition: $6,200"
            return bool(_PAY_WORDS.search(where + " " + self.text))
        if self.has_percent and self.label:
            return self.is_premium or bool(re.search(r"bonus|salary|compensation|pay|wage", self.text, re.I))
        return False

    def place_label(self) -> str | None:
        """The place a pay line is about: its label when the label is a place ("Seattle", "Chicago, IL")."""
        label = self.label or ""
        if self.is_premium:
            return label
        heading = _place_heading(self.chunk)
        if heading is not None:
            return heading or None  # "" marks a national section
        if _CITY_ST.match(label) or _CITY_ST.match(self.text):
            m = _CITY_ST.match(label) or _CITY_ST.match(self.text)
            return m.group(0)
        if not label and (said := self.prose_places) and not self._gives_national_figure():
            # "In Texas, technicians earn a median of $60,250": no national figure; "nationally it is
            # $38,000; Oregon's median is $41,000" gives both
            return said[0]
        if label and _PAY_WORDS.search(label) and (named := _place_in_label(label)):
            return named  # "Pay (California median, 2025): $105,330"
        heads = " ".join(self.chunk.section)
        if (
            re.search(r"\b(by (location|city|state|metro|area|region)|location|metro|where)\b", heads, re.I)
            and label
        ):
            # "Seattle: $X" in a "Pay by Location" section; "DevOps Engineer: $X" there names a role
            if (
                not vocab.find_levels(label)
                and not _PAY_WORDS.search(label)
                and not vocab.names_a_job(label)  # "DevOps Engineer", "Nurses": a job, not a place
                # "National picture", "U.S.", "All metros": the whole country beside the places
                and not vocab.asks_national(label)
                and not vocab.NATIONAL_LABEL.match(label)
            ):
                return label
        return None

    def _gives_national_figure(self) -> bool:
        """A sentence with a figure of no place besides its places' figures, and the word for the
        nation ("Nationally it is $38,000; Oregon's median is $41,000"); not "higher than the
        national median" said of a state's only figure."""
        return None in figure_places(self.text) and vocab.asks_national(self.text)

    @property
    def prose_places(self) -> tuple[str, ...]:
        """The places an unlabelled sentence's figures are about, clause by clause."""
        return () if self.label or not self.has_money else prose_places(self.text)

    def names_place(self, place: str) -> bool:
        """Does this line (its label, its text or its section) name the place the user asked about?"""
        p = vocab.Place(place)
        label = None if self.prose_places else self.place_label()
        if label:  # the line's own place decides: "Colorado Springs, CO" is not "Colorado"
            return vocab.Place(label, "metro").matches(place) or p.matches(label)
        key = vocab.normalize_place(place)
        text = " " + re.sub(r"[^a-z ]", " ", f"{self.text} {self.chunk.section_path}".lower()) + " "
        if len(key) >= 3 and f" {key} " in text:
            return True
        # a page about one state ("probation-officer-virginia.md"): its figures that name no place,
        # and not the nation, are that state's
        home = _file_words(self.chunk.source)
        return len(key) >= 3 and f" {key} " in home and not vocab.names_nation(self.text)


def _place_in_label(label: str) -> str | None:
    """A place a pay label names in brackets or after "in": "Pay (California median, 2025)", "Median
    pay in Denver"; not an employer's name ("Lincoln Electric welder pay", "Providence Health pay")."""
    said = " ".join([*re.findall(r"\(([^()]*)\)", label), *re.findall(r"\bin\s+(.+)$", label)])
    return vocab.named_place(said) if said else None


_AREA_HEADING = re.compile(r"\s*\((?:metro(?:politan)? area|nonmetropolitan area|state|national)\)", re.I)
_RELEASE = re.compile(r",?\s*(?:BLS\s+)?OEWS\b.*$|,?\s*\b(?:May|June|July)\s+(?:19|20)\d{2}\s*$", re.I)


@lru_cache(maxsize=20_000)
def _place_heading(chunk: Chunk) -> str | None:
    """The place a section is about, when its heading names one ("Seattle-Tacoma-Bellevue, WA (metro
    area), BLS OEWS May 2025" -> "Seattle-Tacoma-Bellevue, WA"); "" for a national section; None otherwise."""
    if not chunk.section:
        return None
    heading = _RELEASE.sub("", chunk.section[-1]).strip()
    if re.search(r"\(national\)|^united states\b|^national\b", heading, re.I):
        return ""
    name = _AREA_HEADING.sub("", heading).strip(" ,")
    if _AREA_HEADING.search(heading) or _CITY_ST.fullmatch(name):
        return name
    if name in vocab.US_STATES.values():
        return name
    return None


@lru_cache(maxsize=65_536)
def tokens_of(text: str) -> frozenset[str]:
    """A line's words, once per text: a role of the OEWS import has 7,000 lines, read per question."""
    return frozenset(tokenize(text))


@lru_cache(maxsize=20_000)
def lines_of(chunk: Chunk) -> tuple[Line, ...]:
    """The passage's lines, cached for the passages answers are planned from."""
    return read_lines(chunk)


def _label_and_body(text: str) -> tuple[str | None, str]:
    """``Median wage: $97,550`` -> ("Median wage", "$97,550"); a sentence with a colon has no label."""
    m = _LABEL.match(text)
    if not m or len(m.group(1).split()) > 9:
        return None, text
    return m.group(1).strip(), m.group(2).strip()


def read_lines(chunk: Chunk) -> tuple[Line, ...]:
    """The passage's lines, not cached: for scans over a whole corpus, which would fill the cache."""
    return tuple(
        Line(chunk, i, text, is_bullet, *_label_and_body(text))
        for i, (text, is_bullet) in enumerate(units_with_kind(chunk.text))
    )


@lru_cache(maxsize=4096)
def _names_a_step(heading: str) -> bool:
    """Is a heading a ladder's step, a level and a job ("Senior Copywriter", "L3 — Senior Engineer"),
    not a topic with a level word in it ("Staff Nurse Salary", "Principal Duties", "Entry
    Requirements", "Senior Living Facilities")?"""
    words = re.sub(r"\(.*?\)", " ", heading)
    if vocab.PAY_WORDS.search(words) or any(
        re.search(rx, words, re.I) for rx in vocab.ASPECT_SECTIONS.values()
    ):
        return False
    return vocab.names_a_job(vocab.LEVEL_RE.sub(" ", words))


@lru_cache(maxsize=20_000)
def _item_starts(chunk: Chunk) -> tuple[bool, ...]:
    return tuple(starts for _, _, starts in units_with_starts(chunk.text))


@lru_cache(maxsize=20_000)
def _item_spans(chunk: Chunk) -> tuple[tuple[int, int], ...]:
    """For each line of the passage, where the item it is part of starts and ends: a bullet's first
    sentence and the sentences after it, up to the next bullet or a line that is no bullet. One pass."""
    lines = lines_of(chunk)
    bounds = [i for i, ln in enumerate(lines) if ln.starts_item or not ln.is_bullet]
    if not bounds or bounds[0] != 0:
        bounds.insert(0, 0)
    spans: list[tuple[int, int]] = []
    for k, start in enumerate(bounds):
        end = bounds[k + 1] if k + 1 < len(bounds) else len(lines)
        spans += [(start, end)] * (end - start)
    return tuple(spans)


@lru_cache(maxsize=20_000)
def _describes_entry(chunk: Chunk) -> bool:
    """Does a grade's section open by describing the way in ("New graduates and co-op converts"), or
    give 0-2 years of experience? Not "Starts mentoring new hires" further on. Once per passage."""
    first = next(iter(lines_of(chunk)), None)
    opening = first.text if first is not None and not first.has_money else ""
    return bool(_ENTRY_GRADE.search(opening) or _ENTRY_YEARS.search(chunk.text))


@lru_cache(maxsize=4096)
def _file_words(source: str) -> str:
    """A file's name as spaced words: "probation-officer-virginia.md" -> " probation officer virginia "."""
    return " " + re.sub(r"[^a-z]+", " ", source.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()) + " "


@lru_cache(maxsize=20_000)
def _lead_ins(chunk: Chunk) -> tuple[int | None, ...]:
    """For each line of the passage, the index of the lead-in line its bullet list follows: one pass."""
    out: list[int | None] = []
    last: int | None = None
    for ln in lines_of(chunk):
        if not ln.is_bullet:
            last = ln.index if ln.text.rstrip().endswith(":") else None
            out.append(None)
        else:
            out.append(last)
    return tuple(out)


def labels_of(chunk: Chunk) -> list[str]:
    """The labels of a passage's lines ("Median wage", "Senior AI Engineer"), as ``lines_of`` reads
    them, without building (or caching) its Line objects: for scans over a whole corpus."""
    return [label for text, _ in units_with_kind(chunk.text) if (label := _label_and_body(text)[0])]


def pay_places(chunks: list[Chunk]) -> dict[str, str]:
    """Places the pay lines of these passages are about, name -> "metro" or "city".

    A statistics table repeats one area heading in every occupation's document ("Seattle-Tacoma-
    Bellevue, WA (metro area)" x 830): once a heading has given its place, its other passages
    are not read again, so 223,000 passages cost about as much as 600.
    """
    seen: dict[str, str] = {}
    done: set[str] = set()
    for c in chunks:
        heading = _place_heading.__wrapped__(c)  # not cached: a whole corpus would fill the cache
        if heading is not None and heading in done:
            continue
        found = False
        for ln in read_lines(c):
            if ln.is_pay and (name := ln.place_label()):
                seen.setdefault(name, "metro" if "," in name or "-" in name else "city")
                found = True
        if heading is not None and found:  # an area whose figures are all unpublished: look again
            done.add(heading)
    return seen
