"""HTML inside a Markdown file, read as the Markdown it stands for: a CMS export's ``<h2>``,
``<li>``, ``<table>`` and ``&amp;`` become headings, bullets, table rows and characters.

A file with HTML blocks (headings, paragraphs, lists, tables) is converted; a Markdown file with a
stray ``<br>``, ``<b>`` or ``&amp;`` only has those read in place, line for line, so its passages
keep their line numbers. Only known HTML tags are tags: ``<license number>``, ``<https://...>`` and
``a < b`` stay text, and the parser never sees an unclosed ``<`` (whose cost grows faster than the file).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from assistant.indexing.text import BULLET

_TAGS = (
    "h[1-6]|p|br|hr|li|ul|ol|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|caption|div|span|article|section|"
    "header|footer|main|nav|aside|figure|figcaption|blockquote|details|summary|strong|b|em|i|u|small|sup|"
    "sub|a|img|code|pre|font|center|script|style|head|title|html|body|meta|link|noscript|svg"
)
_TAG = re.compile(rf"</?(?:{_TAGS})(?:\s[^<>]*)?/?>", re.I)
# an HTML block: the file is an HTML page (or a CMS export), not Markdown with a stray tag
_BLOCK_TAG = re.compile(r"<(?:h[1-6]|p|ul|ol|li|table|tr|div|article|section|header)(?:\s[^<>]*)?>", re.I)
_ENTITY = re.compile(r"&(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});", re.I)
HAS_HTML = re.compile(rf"{_TAG.pattern}|{_ENTITY.pattern}", re.I)

_BLOCK = {"p", "div", "article", "section", "header", "footer", "ul", "ol", "dl", "blockquote",
          "details", "summary", "figure", "main", "nav", "aside", "pre", "hr", "caption"}  # fmt: skip
_SKIP = {"script", "style", "head", "title", "noscript", "svg"}
_INLINE_BOLD = re.compile(r"</?(?:strong|b)(?:\s[^<>]*)?>", re.I)


class _ToMarkdown(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.row: list[str] | None = None  # the cells of the table row being read
        self.cell: list[str] | None = None
        self.header_row = False
        self.rows_done = 0

    def _emit(self, text: str) -> None:
        if self.cell is not None:
            self.cell.append(text)
        else:
            self.out.append(text)

    # table rows and cells may leave out their end tags: a new one, or the table's end, closes them
    def _end_cell(self) -> None:
        if self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()).replace("|", "/"))
        self.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self.row:
            self.out.append("\n| " + " | ".join(self.row) + " |")
            if self.header_row and self.rows_done == 0:
                self.out.append("\n|" + "---|" * len(self.row))
            self.rows_done += 1
        self.row = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "table":
            self._end_row()
            self.rows_done = 0
            self.out.append("\n\n")
        elif tag == "tr":
            self._end_row()
            self.row, self.header_row = [], False
        elif tag in ("td", "th"):
            if self.row is None:
                self.row, self.header_row = [], False
            self._end_cell()
            self.cell = []
            self.header_row |= tag == "th"
        elif re.fullmatch(r"h[1-6]", tag):
            self._end_row()
            self._emit("\n\n" + "#" * int(tag[1]) + " ")
        elif tag == "li":
            self._emit("\n- ")
        elif tag == "dt":
            self._emit("\n\n")
        elif tag == "dd":
            self._emit("\n: ")
        elif tag == "br":
            self._emit(" / " if self.cell is not None else "\n")
        elif tag in ("strong", "b"):
            self._emit("**")
        elif tag in _BLOCK:
            self._emit("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table":
            self._end_row()
            self.out.append("\n\n")
        elif re.fullmatch(r"h[1-6]", tag) or tag in _BLOCK or tag == "dd":
            self._emit("\n\n")
        elif tag in ("strong", "b"):
            self._emit("**")

    def handle_data(self, data: str) -> None:
        if self.skip or (self.row is not None and self.cell is None):
            return  # a script, or the space between a table's cells
        if not data.strip() and "\n" in data:
            return  # the line breaks between tags: the tags say where lines break
        self._emit(data)

    def close(self) -> None:
        super().close()
        self.skip = 0
        self._end_row()  # a table left open at the end of the file


def _only_known_tags(text: str) -> str:
    """The text with every "<" that opens no known HTML tag written as "&lt;", so the parser reads
    it as text: "a <license number>", "<https://example.com>", "salary < $50k"."""
    out, last = [], 0
    for m in _TAG.finditer(text):
        out.append(text[last : m.start()].replace("<", "&lt;"))
        out.append(m.group(0))
        last = m.end()
    out.append(text[last:].replace("<", "&lt;"))
    return "".join(out)


def _inline(line: str) -> str:
    """One Markdown line with its inline tags and entities read in place: bold stays bold, a break
    in a table row separates the cell's parts, other tags go."""
    br = " / " if line.lstrip().startswith("|") else " "
    line = re.sub(r"<br\s*/?>", br, line, flags=re.I)
    line = _INLINE_BOLD.sub("**", line)
    line = _TAG.sub("", line)
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), line)


def html_to_markdown(text: str) -> str:
    """The Markdown a text with HTML tags and entities stands for; Markdown around them is kept.

    >>> print(html_to_markdown("<h2>Pay &amp; Hours</h2>\\n<ul><li>Median: $50,670</li></ul>\\n## Next"))
    ## Pay & Hours
    <BLANKLINE>
    - Median: $50,670
    <BLANKLINE>
    ## Next
    >>> print(html_to_markdown("<table><tr><th>Item<th>Required?<tr><td>CPA<td>No<br>(rare)</table>"))
    | Item | Required? |
    |---|---|
    | CPA | No / (rare) |
    >>> html_to_markdown("| CPA | No<br>(rare) |\\nR&amp;D at <https://x.org>, a <license number>")
    '| CPA | No / (rare) |\\nR&D at <https://x.org>, a <license number>'
    """
    if not HAS_HTML.search(text):
        return text
    if not _BLOCK_TAG.search(text):
        return "\n".join(_inline(line) for line in text.split("\n"))  # line for line
    out = []
    # a Markdown heading ends whatever HTML before it left open (a table, a script): each section is
    # read on its own
    for part in re.split(r"(?m)^(?=#{1,6}\s)", _only_known_tags(text)):
        parser = _ToMarkdown()
        parser.feed(part)
        parser.close()
        out.append("".join(parser.out) + "\n\n")
    lines = []
    for line in "".join(out).splitlines():
        lead = line[: len(line) - len(line.lstrip(" \t"))]
        rest = re.sub(r"[ \t\u00a0]+", " ", line[len(lead) :]).rstrip()
        # HTML's own indentation means nothing; a Markdown sub-item's does
        lines.append(lead + rest if BULLET.match(line) else rest)
    text = re.sub(r"\*\*\s*\*\*", "", "\n".join(lines))  # the emphasis of a tag around nothing
    return re.sub(r"\n{3,}", "\n\n", text).strip()
