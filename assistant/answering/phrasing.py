"""Plain sentences from passage lines, with the fixed wording in prompts/phrases.yaml."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from assistant.answering.lines import Line
from assistant.understanding import vocabulary as vocab

# names a label keeps capitalised: a month of a year ("May 2025") and the states
_PROPER = re.compile(
    rf"(?:{'|'.join(vocab.MONTHS)})\s+\d{{4}}\b|"
    + "|".join(rf"\b{re.escape(s)}\b" for s in sorted(vocab.US_STATES.values(), key=len, reverse=True))
)
# acronyms and words that stay as written when a label is lower-cased
_KEEP_CASE = re.compile(r"^([A-Z]{2,}s?|[A-Z][a-z]*[A-Z]\w*|I|(?:[A-Z]\.){2,})$")
# values that read as a verb phrase after their label: "Total Compensation: Can exceed $300,000"
_VERB_START = re.compile(
    r"^(can|may|might|typically|usually|generally|often|is|are|was|were|ranges?|accounts?|averages?|"
    r"exceeds?|starts|start(?! as\b)|reaches?|tends?|varies|vary|includes?|requires?|should|must|will)\b",
    re.I,
)


@lru_cache(maxsize=1)
def _phrases() -> dict[str, str]:
    import yaml

    text = resources.files("assistant").joinpath("prompts", "phrases.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def render(name: str, **slots: object) -> str:
    template = _phrases()[name]
    if name == "level_not_covered":
        known = slots.get("known") or ""
        slots["known_clause"] = _phrases()["known_clause"].format(known=known) if known else ""
    return template.format(**slots)


def render_cover(roles: list[str]) -> str:
    """What the documents do cover, for a refusal: a few role names and the kinds of facts."""
    if not roles:
        return ""
    shown = join(roles[:3]) + (f" and {len(roles) - 3} more roles" if len(roles) > 3 else "")
    return render("cover", roles=shown)


def join(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if _KEEP_CASE.match(first.rstrip(",:;")):
        return text
    if text.startswith(("United States", "America")) or (
        (p := vocab.named_place(text[:40])) and text.startswith(p)
    ):
        return text  # a place's name: "United States — $95,780", "Ohio's median is ..."
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def words(label: str) -> str:
    """A label as words in a sentence: ``Average Base Salary`` -> ``average base salary``; AI stays AI.

    >>> words("Stock Options/RSUs"), words("AI-Specific Design"), words("U.S. Overall")
    ('stock options/RSUs', 'AI-specific design', 'U.S. overall')
    >>> words("Pay (BLS May 2025)"), words("New York Median Wage"), words("May Include")
    ('pay (BLS May 2025)', 'New York median wage', 'may include')
    """
    label = " ".join(label.split())
    return re.sub(  # initials and names stay as written: "U.S. overall", "BLS May 2025", "Ohio median"
        rf"{_PROPER.pattern}|(?:[A-Z]\.){{2,}}|[A-Za-z][\w']*",
        lambda m: (
            m.group(0)
            if "." in m.group(0) or _KEEP_CASE.match(m.group(0)) or _PROPER.fullmatch(m.group(0))
            else m.group(0).lower()
        ),
        label,
    )


def heading_words(heading: str) -> str:
    return words(re.sub(r"\s*\(.*?\)\s*", " ", heading).strip())


def role_words(role: str | None) -> str:
    return f"the {role} role" if role else "this role"


def sentence(text: str) -> str:
    text = text.strip().rstrip(":;,")
    return text if text[-1:] in ".!?" else text + "."


def value_of(line: Line) -> str:
    """The figure of a line as the document states it: ``$150,000 - $250,000 per year``."""
    m = vocab.MONEY_RANGE_RE.search(line.body) or vocab.PERCENT_RANGE_RE.search(line.body)
    if m:
        return line.body[m.start() : m.end()].strip()
    m = vocab.MONEY_RE.search(line.body)
    return m.group(0).strip() if m else line.body.rstrip(".")


def years_of(line: Line) -> str:
    m = vocab.YEARS_RE.search(line.text)
    return m.group(0) if m else line.text


def _level_only(label: str) -> bool:
    """``Entry level (10th percentile)`` names only a level; ``Experienced RN (5-10 years)`` a person."""
    rest = re.sub(r"\(.*?\)|\d+\w*|percentile|levels?|[-–]", " ", vocab.LEVEL_RE.sub(" ", label), flags=re.I)
    names_job = any(vocab.is_job_word(w) for w in re.findall(r"[A-Za-z]+", rest))
    return not rest.strip() or not names_job and not re.search(r"\b[A-Z]{2,}\b", rest)


def _looks_like_role(label: str) -> bool:
    return bool(vocab.find_levels(label)) or vocab.names_a_job(label)


def pay_sentence(line: Line, *, who: str = "") -> str:
    """A pay line as a sentence, in the line's own figures and words.

    ``Senior AI Engineer: $160,000 - $200,000`` -> ``A senior AI engineer earns $160,000 - $200,000.``;
    ``Average Base Salary: $180,000`` -> ``The average base salary is $180,000.``
    """
    label, body = line.label, line.body.strip().rstrip(".")
    if label is None:
        return sentence(line.text)
    place = line.place_label()
    if line.is_premium:
        if not body[:1].isdigit():  # "Other major cities: Generally align with the national average"
            return sentence(f"{place or label} {lower_first(_national(body))}")
        return sentence(render("premium", place=place or label, value=_national(body)))
    if place:
        value = lower_first(body)
        if place != label and not _VERB_START.match(body) and not _is_place(label):
            # the place is the section's ("Seattle-Tacoma-Bellevue, WA" heading): keep what the figure is
            return sentence(render("place_pay", place=place, value_phrase=f"the {words(label)} is {body}"))
        value_phrase = value if _VERB_START.match(body) else f"pay is {value}"
        return sentence(render("place_pay", place=place, value_phrase=value_phrase))
    if _VERB_START.match(body):
        return sentence(render("labelled_verb", Label=upper_first(words(label)), value=lower_first(body)))
    if re.search(r"\(\d+\w* percentile\)", label, re.I):
        # "Top earners (90th percentile): $214,670 a year" says best what the figure is as it stands
        return sentence(f"{upper_first(label)}: {body}")
    if _DATE_LABEL.match(label):
        return sentence(f"{label}: {body}")  # "June 1, 2025: $37.85 per hour", as dated
    if vocab.NATIONAL_LABEL.fullmatch(label.strip()) and _VALUE_START.match(body):
        # a table's "United States" row: "In the United States, pay is $61,770 a year"
        return sentence(
            render("place_pay", place="the United States", value_phrase=f"pay is {lower_first(body)}")
        )
    if _is_place(label) and _VALUE_START.match(body):
        # "Texas (RDA registration): $21.84/hr", "Phoenix-Mesa-Chandler: $63,330": a place, as written
        return sentence(render("place_pay", place=label, value_phrase=f"pay is {lower_first(body)}"))
    if vocab.find_levels(label) and _level_only(label):
        # "Entry level (10th percentile): $42,640 a year" names a level, not a person
        return sentence(render("level_only_pay", level=words(label), value=body))
    if len(re.findall(r"[\w']+", re.sub(r"\(.*?\)", "", label))) > 6:
        # 'BLS lumps copywriters into "writers and authors": national median $76,910': a clause before
        # its colon, no label to make a subject of
        return sentence(f"{label}: {body}")
    if _looks_like_role(label) and not re.search(r"salary|pay|wage|compensation|income", label, re.I):
        who_words = words(label)
        article = "An" if who_words[:1].lower() in "aeiou" else "A"
        return sentence(render("level_pay", Who=f"{article} {who_words}", value=body))
    if not _VALUE_START.match(body):
        # "Total Compensation: At large tech companies, can exceed $300,000": no "the X is" value
        return sentence(f"{upper_first(words(label))}: {body}")
    return sentence(render("labelled", label=words(label), value=body))


def place_part(line: Line, place: str) -> str | None:
    """The one part of a line of several places' figures that is about ``place``, as a sentence:
    "In Minneapolis, pay is $78k–$100k." (None when the line is not such a line)."""
    named = [(where, value) for where, value in line.place_parts if vocab.Place(place).matches(where)]
    if len(named) != 1:
        return None
    where, value = named[0]
    return sentence(render("place_pay", place=where, value_phrase=f"pay is {value}"))


def _is_place(label: str) -> bool:
    # "Phoenix-Mesa-Chandler", "Texas (highest-paying state)": a place, though "Chandler" ends like a job
    return bool(vocab.named_place(label)) and not vocab.names_a_job(vocab.without_named_places(label))


# a date or a year a figure is for: "June 1, 2025", "2026", "Jan. 2025"
_DATE_LABEL = re.compile(
    r"^(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d|(?:19|20)\d\d\b)"
)
# a body that is a value ("$180,000", "about $57,300 per year", "10-20% of base"), not a clause
_VALUE_START = re.compile(
    r"^(?:[$€£]|\d|about|around|roughly|approximately|approx\.?|up to|between|over|under|more than|"
    r"less than|from|typically|usually|generally|often|median|mean|average|an? )",
    re.I,
)


def _national(body: str) -> str:
    return re.sub(r"\b(above|below|than) national average\b", r"\1 the national average", body)


def _the(label: str | None) -> str:
    """``Salary Range`` -> ``the salary range``; ``Senior AI Engineer`` -> ``senior AI engineer``."""
    if not label:
        return "the national range"
    return words(label) if _looks_like_role(label) else f"the {words(label)}"


def premium_sentence(prem: Line, base: Line):
    """The premium line and, when the base is a range, the adjusted range with its arithmetic."""
    from assistant.answering.plan import Planned

    first = pay_sentence(prem)
    pct = vocab.PERCENT_RANGE_RE.search(prem.body)
    base_range = vocab.ranges(base.body)
    if not pct or not base_range or re.search(r"align|in line", prem.body, re.I):
        return Planned(first, (prem,))
    lo_p, hi_p = float(pct.group(1)), float(pct.group(2))
    if re.search(r"below|lower", prem.body, re.I):
        lo_p, hi_p = -hi_p, -lo_p
    b_lo, b_hi = base_range[0]
    f_lo, f_hi = 1 + lo_p / 100, 1 + hi_p / 100
    low, high = round(b_lo * f_lo, -3), round(b_hi * f_hi, -3)
    applied = render(
        "premium_applied",
        base=f"{_the(base.label)} ({value_of(base)})",
        low=vocab.money(low),
        high=vocab.money(high),
        base_low=vocab.money(b_lo),
        f_low=f"{f_lo:.2f}",
        base_high=vocab.money(b_hi),
        f_high=f"{f_hi:.2f}",
    )
    text = f"{first[:-1]}. {sentence(applied)}"
    return Planned(text, (prem, base), computed=(low, high, round(f_lo, 2), round(f_hi, 2)))


_CLAUSE_VERB = re.compile(
    r"\b(is|are|was|were|requires?|required|includes?|involves?|can|may|should|must)\b", re.I
)


def line_sentence(line: Line) -> str:
    """Any line as a sentence; a labelled line keeps its label when the body does not stand alone."""
    if line.label is None:
        return sentence(line.text)
    if line.has_money or line.is_premium:
        return pay_sentence(line)
    body = line.body.strip()
    if _VERB_START.match(body):
        # "Stock Options/RSUs: May constitute ..." -> "Stock options/RSUs may constitute ..."
        return sentence(f"{upper_first(words(line.label))} {lower_first(body)}")
    # a label that is a name ("NAPLEX", "EPA 608") says what the body does not: it stays
    named = bool(re.fullmatch(r"[A-Z][A-Z0-9&/-]+(?:\s+[A-Z0-9][\w&/-]*)*", line.label.strip()))
    if body[:1].isupper() and _CLAUSE_VERB.search(body) and len(body.split()) > 5 and not named:
        return sentence(body)  # "Advanced Education: A master's degree ... is often preferred" reads alone
    return sentence(f"{line.label}: {body}")
