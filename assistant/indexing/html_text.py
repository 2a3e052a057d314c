"""HTML inside a Markdown file, read as the Markdown it stands for: a CMS export's ``<h2>``,
``<li>``, ``<table>`` and ``&amp;`` become headings, bullets, table rows and characters."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# a tag that shapes the text (a heading, a paragraph, a list, a table), not one in a sentence's prose
HAS_HTML = re.compile(
    r"</?(?:h[1-6]|p|br|li|ul|ol|table|tr|td|th|div|article|section|header|footer|strong|b|em|span|a)\b[^>]*>"
    r"|&(?:[a-z]+|#\d+|#x[0-9a-f]+);",
    re.I,
)
_BLOCK = {"p", "div", "article", "section", "header", "footer", "ul", "ol", "table",
          "blockquote", "details", "summary", "figure", "main", "nav", "aside", "dl"}  # fmt: skip
_SKIP = {"script", "style", "head", "title", "noscript", "svg"}
_BULLET = re.compile(r"^\s*(?:[-*+\u2022]|\d+[.)])\s")


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

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self._emit("\n\n" + "#" * int(tag[1]) + " ")
        elif tag == "li":
            self._emit("\n- ")
        elif tag in ("dt",):
            self._emit("\n\n")
        elif tag == "dd":
            self._emit("\n: ")
        elif tag == "br":
            self._emit(" / " if self.cell is not None else "\n")
        elif tag in ("strong", "b"):
            self._emit("**")
        elif tag == "table":
            self.rows_done = 0
            self._emit("\n\n")
        elif tag == "tr":
            self.row, self.header_row = [], False
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
            self.header_row |= tag == "th"
        elif tag in _BLOCK:
            self._emit("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif re.fullmatch(r"h[1-6]", tag) or tag in _BLOCK or tag in ("dd", "dt"):
            self._emit("\n\n" if tag != "dt" else "")
        elif tag in ("strong", "b"):
            self._emit("**")
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()).replace("|", "/"))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.row:
                self.out.append("\n| " + " | ".join(self.row) + " |")
                if self.header_row and self.rows_done == 0:
                    self.out.append("\n|" + "---|" * len(self.row))
                self.rows_done += 1
            self.row = None
        if tag == "table":
            self.out.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.skip or (self.row is not None and self.cell is None):
            return  # a script, or the space between a table's cells
        if not data.strip() and "\n" in data:
            return  # the line breaks between tags: the tags say where lines break
        self._emit(data)


def html_to_markdown(text: str) -> str:
    """The Markdown a text with HTML tags and entities stands for; Markdown around them is kept.

    >>> print(html_to_markdown("<h2>Pay &amp; Hours</h2>\\n<ul><li>Median: $50,670</li></ul>\\n## Next"))
    ## Pay & Hours
    <BLANKLINE>
    - Median: $50,670
    <BLANKLINE>
    ## Next
    >>> row = "<tr><td>CPA</td><td>No<br>(rare)</td></tr>"
    >>> print(html_to_markdown(f"<table><tr><th>Item</th><th>Required?</th></tr>{row}</table>"))
    | Item | Required? |
    |---|---|
    | CPA | No / (rare) |
    """
    if not HAS_HTML.search(text):
        return text
    parser = _ToMarkdown()
    parser.feed(text)
    parser.close()
    lines = []
    for line in "".join(parser.out).splitlines():
        line = re.sub(r"[ \t\u00a0]+", " ", line).rstrip()
        # HTML's own indentation means nothing; a Markdown sub-item's does
        lines.append(line if _BULLET.match(line) else line.lstrip())
    out = re.sub(r"\*\*\s*\*\*", "", "\n".join(lines))  # the emphasis of a tag around nothing
    return re.sub(r"\n{3,}", "\n\n", out).strip()
