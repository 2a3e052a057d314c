"""Split Documents along their headings into Chunks with section paths, line spans and stable ids.

Role documents mark headings only as short plain lines. The shape of what follows a heading
tells its level:

    Salary Ranges (US Market, 2024)      <- followed by a paragraph, then sub-headings: level 1
    Lead Engineers in AI command ...
    Salary by Experience Level           <- followed by bullets: level 2
    - Senior AI Engineer: $160,000 - $200,000

A heading followed directly by another heading is the parent of a group (``Specific Roles in AI``
> ``AI Research Lead Engineer``). Markdown ``#`` headings, where present, are used as they are.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass

from assistant.indexing.text import BULLET
from assistant.types import Chunk, Document

# v3: setext headings ("Pay" over "---") and "+ " bullets; v4: bold lines as headings; v5: heading
# numbers dropped; v6: those two for Markdown files only; v7: HTML in Markdown files read as the
# Markdown it stands for (a reader's change: an index read before must read its files again); v8:
# that reading keeps open tables' text and a stray tag's line numbers; v9: definition lists ("Term"
# over ": what it means") read as labelled items
CHUNKER_VERSION = "headings-v9"

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
# longer lines are never headings (and the heading pattern backtracks on long runs of spaces)
_MAX_HEADING_CHARS = 300
# a chunk holds at most this many characters per word of budget: text without spaces (a minified
# file, a base64 blob) is cut by length, not kept as one megabyte-long "word"
CHARS_PER_WORD = 10
# a paragraph-only section with such a title closes the section before it, it does not open one
_CLOSING_TITLES = re.compile(r"^(conclusion|summary|final thoughts|in summary|closing thoughts)\b", re.I)


@dataclass
class _Block:
    heading: str | None
    heading_line: int | None  # 1-based
    body: list[tuple[int, str]]  # (line number, text)
    level: int = 1

    @property
    def kind(self) -> str:
        first = next((t for _, t in self.body if t.strip()), None)
        if first is None:
            return "none"
        return "bullets" if BULLET.match(first) else "para"


_SETEXT_RULE = re.compile(r"^\s{0,3}(=+|-+)\s*$")


def _setext_as_atx(lines: list[str]) -> list[str]:
    """Markdown's underlined headings as ``#`` headings, the underline left blank (line numbers hold):
    ``Pay`` over ``===`` is a level 1 heading, over ``---`` a level 2 one. A rule after a blank line,
    a list item or a table row is no underline.

    >>> _setext_as_atx(["Nurse", "=====", "Pay", "---", "- a", "---", "", "---"])
    ['# Nurse', '', '## Pay', '', '- a', '---', '', '---']
    """
    out = list(lines)
    for i in range(1, len(lines)):
        m = _SETEXT_RULE.match(lines[i])
        above = lines[i - 1].strip()
        if not m or not above or BULLET.match(above) or above.startswith(("|", "#", "---")):
            continue
        if len(m.group(1)) < 2 or len(above) > _MAX_HEADING_CHARS or out[i - 1] != lines[i - 1]:
            continue
        out[i - 1] = ("# " if m.group(1)[0] == "=" else "## ") + above
        out[i] = ""
    return out


_DEFINITION = re.compile(r"^\s{0,3}[:~]\s+(\S.*)$")


def _definitions_as_items(lines: list[str]) -> list[str]:
    """A definition list's terms and definitions ("Claims examiner" over ": Reviews claims ...") as
    labelled list items, on the definitions' lines (the term's line left blank: line numbers hold).

    >>> _definitions_as_items(["Staff adjuster", ": Employed by one insurer.", ": Salaried.", "", "Text"])
    ['', '- Staff adjuster: Employed by one insurer.', '- Staff adjuster: Salaried.', '', 'Text']
    """
    out = list(lines)
    term = None
    for i, line in enumerate(lines):
        m = _DEFINITION.match(line)
        if m is None:
            stripped = line.strip()
            plain = stripped and not BULLET.match(stripped) and not stripped.startswith(("#", "|", ">"))
            term = (i, stripped) if plain and len(stripped) <= 80 and not stripped.endswith(":") else None
            continue
        if term is None:
            continue
        out[term[0]] = ""
        out[i] = f"- {term[1].strip('*_ ')}: {m.group(1).strip()}"
    return out


# "2.1 Assessment", "4. Pay": a section's number is no part of its name
_SECTION_NUMBER = re.compile(r"^(?:\d{1,2}\.)+\d{0,2}\s+(?=[A-Za-z])")
_SUBHEADING = re.compile(r"#{2,6}\s")
# a bold line naming a section: no figure ("**Median pay: $51,000 a year**" is a fact) and no label
_BOLD_LINE = re.compile(r"^\s{0,3}(?:\*\*|__)([^*_\n$:0-9]{1,80}?)(?:\*\*|__)\s*$")


def _bold_lines_as_atx(lines: list[str]) -> list[str]:
    """A line that is all bold, between blank lines, as a ``##`` heading, in a document whose
    sections are marked that way (no ``##`` heading of its own): "**Salary**" above its paragraphs.

    >>> _bold_lines_as_atx(["# Nurse", "", "**Salary**", "", "About $90,000.", "**Note:** none"])
    ['# Nurse', '', '## Salary', '', 'About $90,000.', '**Note:** none']
    """
    if any(_SUBHEADING.match(line) for line in lines):
        return lines
    out = list(lines)
    for i, line in enumerate(lines):
        m = _BOLD_LINE.match(line)
        before = lines[i - 1].strip() if i else ""
        after = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if (
            m
            and not before
            and after == ""
            and len(m.group(1).split()) <= 12
            and not m.group(1).endswith(":")
        ):
            out[i] = f"## {m.group(1).strip()}"
    return out


def is_plain_heading(line: str, next_line: str | None) -> bool:
    """A short line that is not a bullet or a sentence, with something after it."""
    s = line.strip()
    if not s or next_line is None or BULLET.match(line):
        return False
    if len(s) > 80 or len(s.split()) > 12:
        return False
    if s[-1] in ".!?,;:" or not (s[0].isupper() or s[0].isdigit()):
        return False
    return True


def _blocks_plain(lines: list[str]) -> list[_Block]:
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    following = {a: b for a, b in zip(nonblank, nonblank[1:], strict=False)}
    blocks: list[_Block] = []
    current = _Block(None, None, [])
    for i in nonblank:
        nxt = following.get(i)
        if is_plain_heading(lines[i], None if nxt is None else lines[nxt]):
            if current.heading is not None or current.body:
                blocks.append(current)
            current = _Block(lines[i].strip(), i + 1, [])
        else:
            current.body.append((i + 1, lines[i].rstrip()))
    blocks.append(current)
    _assign_levels(blocks)
    return blocks


def _assign_levels(blocks: list[_Block]) -> None:
    """Set each block's level from the shape of its body and of the blocks after it."""
    group_open = False  # inside a group opened by a heading with no body of its own
    # the next block with a heading, found in one backward pass (a scan per block was quadratic:
    # minutes for a 50 MB file)
    next_heading: list[_Block | None] = [None] * len(blocks)
    following = None
    for idx in range(len(blocks) - 1, -1, -1):
        next_heading[idx] = following
        if blocks[idx].heading is not None:
            following = blocks[idx]
    for idx, b in enumerate(blocks):
        if b.heading is None:
            b.level = 1
            continue
        nxt = next_heading[idx]
        kind = b.kind
        if kind == "para":
            next_is_sub = nxt is not None and nxt.kind in ("bullets", "none")
            closing = idx > 0 and not next_is_sub and _CLOSING_TITLES.match(b.heading)
            b.level = 2 if closing else 1
            group_open = False
        elif kind == "none":
            b.level = 2
            group_open = True
        else:
            b.level = 3 if group_open else 2
    # a document without any level-1 heading: shift so its outermost headings are top level
    levels = [b.level for b in blocks if b.heading is not None]
    if levels and min(levels) > 1:
        shift = min(levels) - 1
        for b in blocks:
            if b.heading is not None:
                b.level -= shift


def _blocks_markdown(lines: list[str]) -> list[_Block]:
    blocks: list[_Block] = []
    current = _Block(None, None, [])
    in_fence = False
    for i, line in enumerate(lines):
        if line.strip().startswith("```"):
            in_fence = not in_fence
        m = None if in_fence or len(line) > _MAX_HEADING_CHARS else _MD_HEADING.match(line)
        if m:
            if current.heading is not None or any(t.strip() for _, t in current.body):
                blocks.append(current)
            current = _Block(_SECTION_NUMBER.sub("", m.group(2).strip()) or m.group(2).strip(), i + 1, [],
                             level=len(m.group(1)))  # fmt: skip
        elif line.strip() or in_fence:
            current.body.append((i + 1, line.rstrip()))
    blocks.append(current)
    return blocks


def _split_units(body: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Group body lines into units that must stay whole: a bullet with its continuation lines."""
    units: list[list[tuple[int, str]]] = []
    for ln, text in body:
        if not units or BULLET.match(text) or not BULLET.match(units[-1][0][1]):
            units.append([(ln, text)])
        else:
            units[-1].append((ln, text))
    return units


def _cut_line(text: str, budget: int, max_chars: int) -> list[str]:
    """Cut one over-long line into pieces of at most ``budget`` words and ``max_chars`` characters.

    Pieces end at spaces where there are any; a run without spaces is cut every ``max_chars``.
    >>> _cut_line("aaaa bb cc dd ee", 2, 5)
    ['aaaa', 'bb cc', 'dd ee']
    >>> _cut_line("x" * 12, 100, 5)
    ['xxxxx', 'xxxxx', 'xx']
    """
    pieces: list[str] = []
    words: list[str] = []
    length = 0
    for word in text.split():
        for start in range(0, len(word), max_chars):
            part = word[start : start + max_chars]
            if words and (len(words) >= budget or length + 1 + len(part) > max_chars):
                pieces.append(" ".join(words))
                words, length = [], 0
            length += len(part) + (1 if words else 0)
            words.append(part)
    if words:
        pieces.append(" ".join(words))
    return pieces


def _cut_units(units: list[list[tuple[int, str]]], budget: int) -> list[list[tuple[int, str]]]:
    """Split units over the budget (in words or characters) into units that fit it."""
    max_chars = budget * CHARS_PER_WORD
    out: list[list[tuple[int, str]]] = []
    for unit in units:
        if sum(len(t) for _, t in unit) <= max_chars and sum(len(t.split()) for _, t in unit) <= budget:
            out.append(unit)
            continue
        for ln, text in unit:
            if len(text) <= max_chars and len(text.split()) <= budget:
                out.append([(ln, text)])
            else:
                out.extend([(ln, piece)] for piece in _cut_line(text, budget, max_chars))
    return out


def _pack(units: list[list[tuple[int, str]]], budget: int) -> list[list[tuple[int, str]]]:
    """Pack whole units into parts of at most ``budget`` words; longer units are cut first."""
    max_chars = budget * CHARS_PER_WORD
    parts: list[list[tuple[int, str]]] = []
    words = chars = 0
    for unit in _cut_units(units, budget):
        n = sum(len(t.split()) for _, t in unit)
        c = sum(len(t) + 1 for _, t in unit)
        if parts and words + n <= budget and chars + c <= max_chars:
            parts[-1].extend(unit)
            words += n
            chars += c
        else:
            parts.append(list(unit))
            words, chars = n, c
    return parts


def chunk_id(source: str, section: tuple[str, ...], part: int, text: str) -> str:
    h = hashlib.sha1("\x1f".join([source, *section, str(part), text]).encode("utf-8"))
    return h.hexdigest()[:16]


def chunk_document(doc: Document, *, budget_words: int = 180) -> list[Chunk]:
    """Split one document into chunks; every non-blank line lands in exactly one chunk.

    >>> doc = Document("x.txt", "X", "Pay\\nIntro.\\nBy Level\\n- Senior: $1\\nSkills\\nAll.\\n")
    >>> [(c.section_path, c.text) for c in chunk_document(doc)]
    [('Pay > By Level', 'Intro.\\n- Senior: $1'), ('Skills', 'All.')]
    """
    lines = doc.text.split("\n")
    if doc.source.lower().endswith((".md", ".markdown")):
        # Markdown's underlined and bold-line headings; a plain text file keeps its own headings
        lines = _definitions_as_items(_bold_lines_as_atx(_setext_as_atx(lines)))
    markdown = any(len(line) <= _MAX_HEADING_CHARS and _MD_HEADING.match(line) for line in lines)
    blocks = _blocks_markdown(lines) if markdown else _blocks_plain(lines)

    chunks: list[Chunk] = []
    stack: list[tuple[int, str]] = []  # (level, heading) of the open sections
    pending_start: int | None = None  # heading lines with no body join the next chunk's span
    intro: list[tuple[int, str]] = []  # a section's lead-in paragraph, waiting for its first child
    for idx, b in enumerate(blocks):
        if b.heading is not None:
            while stack and stack[-1][0] >= b.level:
                stack.pop()
            stack.append((b.level, b.heading))
        section = tuple(h for _, h in stack)
        if b.heading_line is not None and pending_start is None:
            pending_start = b.heading_line
        body = [(ln, t) for ln, t in b.body if t.strip()]
        nxt = blocks[idx + 1] if idx + 1 < len(blocks) else None
        if (
            body
            and b.heading is not None
            and b.kind == "para"
            and nxt is not None
            and nxt.level > b.level
            and sum(len(t.split()) for _, t in body) <= budget_words // 3
        ):
            # a short lead-in ("Here's an overview of salary ranges:") says nothing alone; it
            # travels with the first subsection, whose facts it introduces
            intro = body
            continue
        if intro:
            body = intro + body
            intro = []
        if not body:
            continue
        for part_no, part in enumerate(_pack(_split_units(body), budget_words)):
            text = "\n".join(t for _, t in part)
            start = part[0][0] if pending_start is None else min(pending_start, part[0][0])
            pending_start = None
            chunks.append(
                Chunk(
                    chunk_id=chunk_id(doc.source, section, part_no, text),
                    source=doc.source,
                    title=doc.title,
                    section=section,
                    text=text,
                    start_line=start,
                    end_line=part[-1][0],
                    outline=doc.outline,
                )
            )
    if pending_start is not None and chunks:
        # trailing headings without a body still belong to the document's last chunk
        last = chunks[-1]
        end = max(ln for ln, t in enumerate(lines, 1) if t.strip())
        chunks[-1] = dataclasses.replace(last, end_line=end)
    return chunks


def chunk_documents(docs: list[Document], *, budget_words: int = 180) -> list[Chunk]:
    return [c for d in docs for c in chunk_document(d, budget_words=budget_words)]
