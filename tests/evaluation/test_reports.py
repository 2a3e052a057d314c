from __future__ import annotations

from html.parser import HTMLParser

import pytest

from assistant.evaluation.cases import parse_cases
from assistant.evaluation.metrics import METRICS, file_report, score_case
from assistant.evaluation.reports import failures_text, html_page, markdown, table
from assistant.types import Answer, Chunk, Citation, Hit

HOSTILE_Q = "<script>alert(1)</script> Is **a PhD** [required](http://evil.example) | really?"
HOSTILE_A = "Yes <img src=x onerror=alert(2)> a PhD is _required_ [1].\n# Not a heading\n| not | a row |"


def hit(text: str) -> Hit:
    return Hit(Chunk("c1", "r.txt", "R", ("Education",), text, 1, 1), 1, 1.0)


def report(file: str = "eval/roles.yaml") -> dict:
    cases = parse_cases(
        [
            {
                "question": HOSTILE_Q,
                "category": "<b>req|s</b>",
                "facts": ["often preferred"],
                "forbid": ["required"],
            },
            {"question": "Senior pay?", "category": "pay", "facts": ["160,000"], "sources": ["Senior"]},
        ]
    )
    passage = hit("- Senior: $160,000 - $200,000; a PhD is often preferred")
    answers = [
        Answer(
            question="q",
            answer=HOSTILE_A,
            refused=False,
            citations=[Citation(1, passage)],
            retrieved=[passage],
        ),
        Answer(
            question="q",
            answer="Senior: $160,000 - $200,000 [1].",
            refused=False,
            citations=[Citation(1, passage)],
            retrieved=[passage],
            timings={"total_ms": 12.0},
        ),
    ]
    results = [score_case(c, a) for c, a in zip(cases, answers, strict=True)]
    return file_report({"extractive": results}, file=file, corpus="tests/data/roles")


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)

    def handle_data(self, data) -> None:
        self.text.append(data)


def parsed(page: str) -> Tags:
    p = Tags()
    p.feed(page)
    return p


def test_html_report_shows_user_text_as_text():
    page = html_page([report()], generated="2025-01-01 00:00")
    p = parsed(page)
    assert "script" not in p.tags and "img" not in p.tags and "a" not in p.tags and "b" not in p.tags
    text = " ".join(p.text)
    assert "<script>alert(1)</script> Is **a PhD**" in text  # the question, exactly as asked
    assert "<img src=x onerror=alert(2)>" in text
    assert "false claim 'required'" in text and "missing fact 'often preferred'" in text
    assert "Run on 2025-01-01 00:00." in text


def test_markdown_report_shows_user_text_as_text_once_rendered():
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown([report()], generated="2025-01-01 00:00")
    rendered = markdown_it.MarkdownIt("commonmark").enable("table").render(md)
    p = parsed(rendered)
    # nothing the user wrote became markup: no script, image, link, bold, extra heading or table
    assert "script" not in p.tags and "img" not in p.tags and "a" not in p.tags
    assert "strong" not in p.tags
    assert p.tags.count("h1") == 1 and p.tags.count("table") == 2  # summary and categories only
    text = " ".join(p.text)
    assert "<script>alert(1)</script> Is **a PhD** [required](http://evil.example) | really?" in text
    assert "a PhD is _required_ [1]. # Not a heading | not | a row |" in text
    # the category's | did not split its row: a cell for the category and one per metric
    (row,) = [r for r in rendered.split("<tr>") if "req|s" in r]
    assert row.count("<td") == 1 + len(METRICS)


def test_reports_hold_every_metric_and_a_section_per_file():
    files = [report("eval/questions.yaml"), report("eval/roles.yaml")]
    md = markdown(files, generated="now")
    assert md.startswith("# Evaluation of 2 question sets\n")
    assert [line for line in md.splitlines() if line.startswith("## ")] == [
        "## eval/questions.yaml",
        "## eval/roles.yaml",
    ]
    for m in METRICS:
        assert f"| {m} |" in md
    assert "| fact_recall | 0.500 |" in md  # one of the two facts found
    assert "| false_claims | 1 |" in md
    assert "### extractive: failing cases (1)" in md
    page = html_page(files, generated="now")
    assert page.startswith("<!doctype html>")
    assert [t for t in parsed(page).tags if t == "h2"] == ["h2", "h2"]
    assert markdown([files[0]], generated="now").startswith("# Evaluation of eval/questions.yaml\n")


def test_terminal_table_and_failures():
    r = report()
    lines = table(r["summary"]).splitlines()
    assert lines[0].split() == ["metric", "extractive"]
    assert [line.split()[0] for line in lines[1:]] == list(METRICS)
    assert "false_claims" in lines[METRICS.index("false_claims") + 1]
    text = failures_text(r["cases"])
    assert text.startswith("extractive: 1 of 2 cases failing")
    assert "false claim 'required'" in text
