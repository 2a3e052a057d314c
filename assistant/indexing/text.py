"""Text helpers shared by retrieval and grounding: tokens for BM25, sentences, numbers."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from functools import lru_cache

STOPWORDS = frozenset(
    """a an and are as at be been being but by can could do does did for from had has have how i
    if in into is it its me my of on or our so such than that the their them then there these they
    this to was we were what when where which who whom why will with would you your about should
    much many any some also often may""".split()
)

# question words users type -> words role documents use; keeps BM25 from missing paraphrases
SYNONYMS: dict[str, tuple[str, ...]] = {
    "earn": ("salary", "compensation"),
    "earns": ("salary", "compensation"),
    "make": ("salary",),
    "makes": ("salary",),
    "paid": ("salary", "compensation"),
    "pay": ("salary", "compensation"),
    "wage": ("salary",),
    "income": ("salary", "compensation"),
    "comp": ("compensation",),
    "grad": ("entry", "junior"),
    "graduate": ("entry", "junior"),
    "beginner": ("entry", "junior"),
    "junior": ("entry",),
    "doctorate": ("phd",),
    "vacation": ("pto", "time", "off"),  # "how much vacation?" ~ "Time off: 20 PTO days"
    "vacations": ("pto", "time", "off"),
    "masters": ("master",),
    "sector": ("industry",),
    "sectors": ("industries",),
    "industries": ("sectors",),
    "employers": ("companies",),
    "duties": ("responsibilities",),
    "duty": ("responsibilities",),
    "tasks": ("responsibilities",),
    "job": ("role",),
    "certs": ("certifications",),
    "certificate": ("certifications",),
    "sf": ("san", "francisco"),
    "nyc": ("new", "york"),
    "perks": ("benefits",),
    "raise": ("salary",),
    "bonus": ("bonuses",),
    "equity": ("stock", "options"),
    "rsu": ("stock",),
    "problems": ("issues", "challenges"),
    "issues": ("problems", "challenges"),
    "hard": ("challenges",),
    "difficult": ("challenges",),
    "demand": ("market", "demand"),
    "promotion": ("career", "progression", "advancement"),
    "path": ("progression",),
    "qualifications": ("requirements",),
    "mandatory": ("required",),
    "switch": ("transition",),
    "pivot": ("transition",),
    "compulsory": ("required",),
    "stack": ("skills", "tools", "technologies"),
    # a senior "individual contributor" leads by technical work, not by managing people
    "contributor": ("senior", "technical"),
    "individual": ("technical",),
    "company": ("startup",),
    "founder": ("found", "startup", "entrepreneurship"),
    "freelance": ("consulting",),
    "remote": ("remote", "work"),
    "current": ("updated",),
    "papers": ("publications",),
    "package": ("compensation",),
    "split": ("breakdown",),
    "regular": ("traditional",),
    "normal": ("traditional",),
    "divided": ("breakdown",),
    "published": ("publications",),
    "home": ("remote",),
    # the verbs of a duty question and the words role documents use for that work
    "talk": ("communicate", "communicating"),
    "speak": ("communicate", "present"),
    "write": ("create",),
    "speed": ("accelerate",),
    "faster": ("accelerate",),
    "git": ("version", "control"),
    "github": ("version", "control"),
}

_WORD = re.compile(r"[a-z0-9]+")

# a list item: "- ", "* ", "+ ", "• ", "▪ ", "– " or "1. " / "1) " at the start of a line
BULLET = re.compile(r"^\s*(?:[-*+\u2022\u25aa\u2013]|\d{1,2}[.)])\s+")

_MARKER = r"(\s*(?:[-*+\u2022\u25aa\u2013]|\d{1,2}[.)])\s+)?"
# "**Education:** ..." and "1. **Inspect equipment** — ...": a bold lead is the line's label
_BOLD_LABEL = re.compile(
    "^" + _MARKER + r"(?:\*\*|__)([^*_\n$]{1,80}?):(?:\*\*|__)\s*"
    "|^" + _MARKER + r"(?:\*\*|__)([^*_\n$]{1,80}?)(?:\*\*|__)\s*(?::|\u2014|\u2013|--?(?=\s))\s*"
)
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=\S)\*(?![*\w])")
_CODE = re.compile(r"`([^`\n]+)`")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_INLINE_HINT = re.compile(r"[*_`]|\]\(")
_QUOTE_MARK = re.compile(r"^\s{0,3}(?:>\s?)+")


def plain_markdown(line: str) -> str:
    """A line without Markdown's inline marks, read as what they mean: a bold lead is a label
    (``**Median pay:** $66,290`` -> ``Median pay: $66,290``), emphasis, code and links are their text.

    >>> plain_markdown("1. **Record proceedings** — Attend hearings.")
    '1. Record proceedings: Attend hearings.'
    >>> plain_markdown("**Median pay (2025):** $66,290 a year, *before* [tax](https://x.org)")
    'Median pay (2025): $66,290 a year, before tax'
    >>> plain_markdown("* a bullet with 5 * 3 stars"), plain_markdown("> **Required:** a PTIN")
    ('* a bullet with 5 * 3 stars', 'Required: a PTIN')
    >>> plain_markdown("Entry-level nurses earn **$60,000** — seniors earn $90,000")
    'Entry-level nurses earn $60,000 — seniors earn $90,000'
    >>> plain_markdown("Pay range: **$30,000** - **$40,000** a year")
    'Pay range: $30,000 - $40,000 a year'
    """
    line = _QUOTE_MARK.sub("", line)  # "> **Median pay:** $X": a quick-facts box quoted
    if not _INLINE_HINT.search(line):
        return line
    line = _BOLD_LABEL.sub(
        lambda m: f"{m.group(1) or m.group(3) or ''}{m.group(2) or m.group(4)}: ", line, count=1
    )
    line = _LINK.sub(r"\1", line)
    line = _CODE.sub(r"\1", line)
    return _EMPHASIS.sub(lambda m: m.group(2) if m.group(2) is not None else m.group(3), line)


def normalize_text(text: str) -> str:
    t = text.lower()
    t = re.sub(r"ph\.?\s?d\.?", "phd", t)
    t = re.sub(r"401\s*\(k\)", "401k", t)
    t = t.replace("master's", "master").replace("bachelor's", "bachelor")
    t = re.sub(r"\bup[- ]to[- ]date\b", "updated", t)  # "keep skills up to date" ~ "Staying Updated"
    t = re.sub(r"\bkeep (?:on )?learning\b", "continuous learning", t)  # ~ "Continuous Learning"
    t = re.sub(r"\bwork(?:s|ing)? (?:closely )?with\b", "collaborate with", t)  # ~ "Collaborate with ..."
    t = re.sub(r"(?<=[a-z])['\u2019]s\b", "", t)  # "an electrician's helper": no word "s"
    # "$300,000", "300k" and "300000" are one token, so a figure typed any way finds its passage
    t = re.sub(r"(?<=\d),(?=\d{3}\b)", "", t)
    t = re.sub(r"\b(\d+)k\b", lambda m: m.group(1) + "000", t)
    t = re.sub(r"\b(\d+)\s*thousand\b", lambda m: m.group(1) + "000", t)
    return t


_LOCAL = threading.local()


def _stemmer():
    """This thread's stemmer: PyStemmer's (which snowballstemmer uses when present) may not be shared
    between threads, and the chat answers two questions at once."""
    stemmer = getattr(_LOCAL, "stemmer", None)
    if stemmer is None:
        import snowballstemmer

        stemmer = _LOCAL.stemmer = snowballstemmer.stemmer("english")
    return stemmer


_BRITISH_ISE = re.compile(r"^(\w{3,}?)is(e|es|ed|ing|ation|ations)$")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem: ``communicate`` and ``communication`` both -> ``communic``.

    Porter 2 leaves two families apart that users and documents mix: British "-ise" spellings
    ("specialise" -> "specialis", "specialize" -> "special") and "-ify" verbs against their nouns
    ("certified" -> "certifi", "certification" -> "certif"). Both are joined here.
    >>> stem("specialising") == stem("specialized") == stem("specialty")
    True
    >>> stem("certified") == stem("certification")
    True
    >>> stem("precise") == stem("precision")  # a word that only ends like "-ise" keeps its stem
    True
    """
    s = _stemmer().stemWord(word)
    m = _BRITISH_ISE.match(word)
    if m:
        american = _stemmer().stemWord(f"{m.group(1)}iz{m.group(2)}")
        if not american.endswith("z"):  # Porter 2 took "-ize" as a suffix: a real -ise/-ize verb
            s = american
    if s.endswith("ifi"):
        s = s[:-1]
    elif s.endswith("ialti"):  # "specialty" -> "special"
        s = s[:-2]
    return s


def tokenize(text: str, *, expand: bool = False) -> list[str]:
    words = _WORD.findall(normalize_text(text))
    out = []
    for w in words:
        if w in STOPWORDS:
            continue
        out.append(stem(w))
        if expand:
            out.extend(stem(s) for s in SYNONYMS.get(w, ()))
    return out


# sentence ends: . ! ? followed by space and a capital/digit/bullet; newlines always end one
_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\[$-])|\n+")
# a full stop that ends no sentence: initials ("U.S.", "Ph.D."), titles, "e.g.", "St."
_ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Za-z]\.){1,3}|\b(?:Dr|Mr|Mrs|Ms|St|Inc|vs|etc|approx|No)\.)$")


def split_sentences(text: str) -> list[str]:
    """Sentences; a line break always ends one, a full stop after initials ("U.S.") does not.

    >>> split_sentences("Data from the U.S. Bureau of Labor Statistics. Median $97,550.")
    ['Data from the U.S. Bureau of Labor Statistics.', 'Median $97,550.']
    """
    out: list[str] = []
    for line in text.split("\n"):
        merged: list[str] = []
        for piece in (p.strip() for p in _SENT_SPLIT.split(line)):
            if not piece:
                continue
            if merged and _ABBREVIATION_END.search(merged[-1]):
                merged[-1] = f"{merged[-1]} {piece}"
            else:
                merged.append(piece)
        out.extend(merged)
    return out


_NUM = re.compile(r"\$?\s?\d[\d,]*(?:\.\d+)?\s?(?:k\b|K\b|m\b|M\b|million\b|thousand\b|%|\+)?")


# a retirement plan's name, not a sum: "401(k)", "403(b)", "a 401k", "401k matching" ("$401k" and
# "earn 403k" are sums)
RETIREMENT_PLAN = (
    r"(?<![$\d.,])\b(?:401|403|457)\s?\([kb]\)"
    r"|(?<![$\d.,])\b(?:401|403|457)[kb]\b(?=\s*(?:match\w*|plans?|retirement|contributions?|accounts?)\b)"
    r"|(?:(?<=\ba )|(?<=\bthe )|(?<=\bany )|(?<=\btheir )|(?<=\byour ))(?:401|403|457)[kb]\b"
)
_PLAN_NAME = re.compile(RETIREMENT_PLAN, re.I)


def extract_numbers(text: str) -> list[float]:
    """Numbers as values: ``$150,000`` -> 150000, ``150k`` -> 150000, ``20%`` -> 20.

    Citation markers ``[3]`` are not numbers of the answer, nor retirement plans' names:
    >>> extract_numbers("401(k) matching; do they get a 401k?"), extract_numbers("earn $457k or 403k?")
    ([], [457000.0, 403000.0])
    >>> extract_numbers("Senior: $160,000 - 200k, 5-15% above [2]")
    [160000.0, 200000.0, 5.0, 15.0]
    """
    text = re.sub(r"\[\d+\]", " ", text or "")
    text = _PLAN_NAME.sub(" ", text)  # a 401(k) is a retirement plan, not $401,000
    values = []
    for m in _NUM.finditer(text):
        raw = m.group(0).strip()
        digits = re.sub(r"[^\d.]", "", raw)
        if not digits or digits == ".":
            continue
        try:
            v = float(digits.rstrip("."))
        except ValueError:
            continue
        low = raw.lower().rstrip("+")
        if low.endswith("k") or low.endswith("thousand"):
            v *= 1000
        elif low.endswith("m") or low.endswith("million"):
            v *= 1_000_000
        values.append(v)
    return values


# -- Markdown tables: each row read as a labelled line --------------------------------------------
_TABLE_RULE = re.compile(r":?-{2,}:?")


def table_cells(line: str) -> list[str] | None:
    """The cells of a Markdown table row (``| a | b |``), or None for any other line."""
    if not line.lstrip().startswith("|"):
        return None
    return [c.strip() for c in line.strip().strip("|").split("|")]


def is_table_rule(cells: list[str]) -> bool:
    """``|---|:---:|``: the rule under a table's header."""
    return all(_TABLE_RULE.fullmatch(c) for c in cells if c)


def table_row(cells: list[str], header: list[str]) -> str:
    """A row as a labelled line: ``| Entry level | 10th | $61,110 a year |`` under ``| Level |
    Percentile | Pay |`` -> ``- Entry level (10th percentile): $61,110 a year``; a row without
    figures keeps its cells in order (``- Python: Expert``). Several figures say their column:
    ``| 75th | $37.10 | $77,170 |`` under ``| Percentile | Hourly | Annual |`` -> ``- 75th percentile:
    $37.10 an hour; $77,170 a year``; under ``| | CNA | LPN |`` -> ``$42,260 (CNA); $64,400 (LPN)``,
    and words the same way: ``- Education: High school (CNA); Diploma (LPN)``."""
    label, rest, notes = cells[0], [], []
    named = list(header)
    header = [h.lower() for h in header]
    if header and "percentile" in header[0] and "percentile" not in label.lower():
        label = re.sub(r"^(\d{1,2}(?:st|nd|rd|th))\b", r"\1 percentile", label)
    figures = sum(1 for c in cells[1:] if "$" in c or "%" in c)
    words = sum(1 for c in cells[1:] if c and "$" not in c and "%" not in c)
    for i, cell in enumerate(cells[1:], start=1):
        col = header[i] if i < len(header) else ""
        if "$" in cell or "%" in cell:
            rest.append(_in_its_column(cell, col, named[i]) if figures > 1 and col else cell)
        elif cell and "percentile" in col and "percentile" not in cell:
            notes.append(f"{cell} percentile")
        elif cell:
            # "| Education | High school | Bachelor's |" under "| | Assistant | Teacher |": whose is whose
            notes.append(f"{cell} ({named[i]})" if words > 1 and not figures and col else cell)
    if not rest:
        return f"- {label}: {'; '.join(notes)}" if notes else f"- {label}"
    about = f" ({', '.join(notes)})" if notes else ""
    return f"- {label}{about}: {'; '.join(rest) if figures > 1 else ' '.join(rest)}"


def _in_its_column(cell: str, col: str, name: str) -> str:
    """A figure with what its column says of it: its period, else the column's name."""
    if re.search(r"hour", col):
        return cell if re.search(r"hour|/\s?hr", cell, re.I) else f"{cell} an hour"
    if re.search(r"annual|year|salary", col):
        return cell if re.search(r"year|annual", cell, re.I) else f"{cell} a year"
    return f"{cell} ({name})"


def read_tables(text: str) -> Iterator[tuple[str, str]]:
    """(line as written, line as read) for each line of the text but a table's header and rule rows:
    a data row reads as a labelled bullet line, every other line as itself without Markdown's inline
    marks. One reader for the answers and the facts layer."""
    lines = text.splitlines()
    header: list[str] = []
    for i, line in enumerate(lines):
        cells = table_cells(line)
        if cells is None:
            header = []
            yield line, plain_markdown(line)
            continue
        following = table_cells(lines[i + 1]) if i + 1 < len(lines) else None
        if is_table_rule(cells):
            continue
        if following is not None and is_table_rule(following):
            header = cells  # the row above the rule names the columns
            continue
        yield line, plain_markdown(table_row(cells, header))


def tables_as_lines(text: str) -> str:
    """The text with each Markdown table's data rows as labelled bullet lines, its header and rule
    rows dropped: a table of pay by level reads like a list of pay by level."""
    if "|" not in text and ">" not in text and not _INLINE_HINT.search(text):
        return text
    return "\n".join(read for _, read in read_tables(text))
