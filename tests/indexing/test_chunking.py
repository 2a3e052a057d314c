from __future__ import annotations

import re

from assistant.indexing.chunking import chunk_document, is_plain_heading
from assistant.indexing.readers import scan_corpus
from assistant.types import Document
from tests.helpers import ROLE_DOC

TOP_LEVEL = [
    "Overview",
    "Core Responsibilities",
    "Requirements",
    "Career Development",
    "Market Demand",
    "Salary Ranges (US Market, 2024)",
    "Industry Trends",
    "Essential Soft Skills",
    "Best Practices",
    "Common Challenges",
]


def role_chunks():
    text = ROLE_DOC.read_text(encoding="utf-8")
    return text, chunk_document(Document("lead-engineer-in-ai.txt", "Lead Engineer in AI", text))


def test_salary_by_experience_level_bullets_form_one_chunk_with_section_path():
    _, chunks = role_chunks()
    matching = [c for c in chunks if "Senior AI Engineer: $160,000" in c.text]
    assert len(matching) == 1
    c = matching[0]
    assert c.section == ("Salary Ranges (US Market, 2024)", "Salary by Experience Level")
    for level in ("Entry-Level", "Mid-Level", "Senior", "Lead AI Engineer: $180,000"):
        assert level in c.text
    assert "Seattle" not in c.text  # the next section's bullets stay out


def test_top_level_sections_are_detected_and_never_merged():
    text, chunks = role_chunks()
    tops = []
    for c in chunks:
        if c.section[0] not in tops:
            tops.append(c.section[0])
    assert tops == TOP_LEVEL
    lines = text.split("\n")
    top_lines = {i + 1 for i, line in enumerate(lines) if line.strip() in TOP_LEVEL}
    for c in chunks:
        inside = {ln for ln in top_lines if c.start_line < ln <= c.end_line}
        assert not inside, f"{c.section_path} spans a top-level heading at {inside}"


def test_every_line_lands_in_exactly_one_chunk():
    text, chunks = role_chunks()
    lines = text.split("\n")
    covered: dict[int, int] = {}
    for c in chunks:
        for ln in range(c.start_line, c.end_line + 1):
            covered[ln] = covered.get(ln, 0) + 1
    for ln, line in enumerate(lines, start=1):
        if line.strip():
            assert covered.get(ln) == 1, f"line {ln} covered {covered.get(ln, 0)} times: {line[:60]}"
    # and the body text itself is kept, including paragraphs that run on after a bullet
    all_text = "\n".join(c.text for c in chunks)
    headings = {h for c in chunks for h in c.section}
    for line in lines:
        s = line.strip()
        if s and s not in headings:
            assert s in all_text


def test_short_lead_in_paragraph_joins_the_first_subsection():
    _, chunks = role_chunks()
    c = next(c for c in chunks if "Here's an overview of salary ranges" in c.text)
    assert c.section_path == "Salary Ranges (US Market, 2024) > Lead AI Engineer"
    assert "Salary Range: $150,000 - $250,000 per year" in c.text
    assert c.start_line == 157  # the span starts at the section heading


def test_run_on_paragraph_stays_with_its_section():
    _, chunks = role_chunks()
    c = next(c for c in chunks if "The role of a Lead Engineer in AI is multifaceted" in c.text)
    assert c.section[0] == "Overview"


def test_nested_group_and_closing_sections_get_paths():
    _, chunks = role_chunks()
    paths = {c.section_path for c in chunks}
    assert "Overview > Specific Roles in AI > AI Ethics Lead Engineer" in paths
    assert "Career Development > Conclusion" in paths
    assert "Salary Ranges (US Market, 2024) > Regional Variations" in paths
    assert "Industry Trends > Compensation" in paths


def test_chunk_ids_are_stable_and_unique():
    _, a = role_chunks()
    _, b = role_chunks()
    assert [c.chunk_id for c in a] == [c.chunk_id for c in b]
    assert len({c.chunk_id for c in a}) == len(a)


def test_embed_text_carries_title_and_section_path():
    _, chunks = role_chunks()
    c = next(c for c in chunks if "Seattle: 5-15%" in c.text)
    first = c.embed_text().splitlines()[0]
    assert first == "Lead Engineer in AI | Salary Ranges (US Market, 2024) > Regional Variations"


def test_long_section_is_split_on_bullet_boundaries_within_budget():
    bullets = "\n".join(f"- Bullet number {i} " + "word " * 20 for i in range(12))
    doc = Document("long.txt", "Long", f"Duties\nIntro paragraph here.\nDaily Work\n{bullets}\n")
    chunks = chunk_document(doc, budget_words=60)
    parts = [c for c in chunks if c.section == ("Duties", "Daily Work")]
    assert len(parts) > 1
    for c in parts:
        assert len(c.text.split()) <= 60
        bullets_only = [ln for ln in c.text.splitlines() if ln != "Intro paragraph here."]
        assert all(line.startswith("- Bullet number") for line in bullets_only)
    # the short lead-in paragraph travels with the first part; all 12 bullets are kept
    assert parts[0].text.startswith("Intro paragraph here.\n- Bullet number 0")
    assert sum(len(c.text.splitlines()) for c in parts) == 13


def test_markdown_headings():
    doc = Document(
        "r.md",
        "R",
        "# Data Scientist\nIntro.\n## Pay\n- Junior: $80,000\n"
        "### Regions\n- Austin: 5% above\n## Skills\n- SQL\n",
    )
    chunks = chunk_document(doc)
    assert [c.section_path for c in chunks] == [
        "Data Scientist > Pay",
        "Data Scientist > Pay > Regions",
        "Data Scientist > Skills",
    ]
    assert chunks[0].text == "Intro.\n- Junior: $80,000"


def test_plain_heading_rules():
    assert is_plain_heading("Salary by Experience Level", "- Entry")
    assert not is_plain_heading("- Seattle: 5-15% above national average", "x")
    assert not is_plain_heading("This is a sentence.", "x")
    assert not is_plain_heading("Last line without anything after", None)


def test_scan_corpus_reads_the_role_document(role_corpus):
    scan = scan_corpus(role_corpus)
    assert [d.title for d in scan.documents] == ["Lead Engineer in AI"]
    assert re.fullmatch(r"[0-9a-f]{64}", scan.hashes["lead-engineer-in-ai.txt"])


def test_a_file_without_line_breaks_or_spaces_is_split():
    from assistant.indexing.chunking import CHARS_PER_WORD

    blob = "".join(chr(ord("a") + i % 26) for i in range(1_000_000))
    chunks = chunk_document(Document("blob.txt", "Blob", blob), budget_words=180)
    assert len(chunks) > 100
    assert max(len(c.text) for c in chunks) <= 180 * CHARS_PER_WORD
    assert "".join(c.text for c in chunks) == blob  # nothing lost, nothing repeated


def test_one_huge_paragraph_line_is_split_within_the_word_budget():
    words = [f"w{i}" for i in range(5000)]
    doc = Document("para.txt", "Para", "Duties\n- " + " ".join(words) + "\n")
    chunks = chunk_document(doc, budget_words=100)
    assert all(len(c.text.split()) <= 100 for c in chunks)
    assert " ".join(c.text for c in chunks).split() == ["-", *words]
    assert all(c.section == ("Duties",) for c in chunks)


def test_setext_headings_and_plus_bullets_make_sections():
    text = (
        "911 Dispatcher\n==============\n\nLast updated: 2023\n\nWhat the job is\n---------------\n"
        "+ Answer 911 calls\n+ Send units to the scene\n\nPay\n---\nA median of $24.10 an hour.\n"
    )
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "dispatcher.md").write_text(text, encoding="utf-8")
        doc = scan_corpus(Path(d)).documents[0]
    assert doc.title == "911 Dispatcher"
    chunks = chunk_document(doc)
    by_section = {c.section_path: c.text for c in chunks}
    # the title's lead-in line joins its first section, as under any heading
    assert by_section["911 Dispatcher > What the job is"].splitlines()[-2:] == [
        "+ Answer 911 calls",
        "+ Send units to the scene",
    ]
    assert by_section["911 Dispatcher > Pay"] == "A median of $24.10 an hour."
    assert not any("===" in c.text or "---" in c.text for c in chunks)


def test_bold_lines_between_blank_lines_are_the_sections_of_a_document_without_subheadings():
    doc = Document(
        "pr.md",
        "PR",
        "# PR Specialist\n\n**What they do**\n\nThey write press releases.\n\n**Salary**\n\n"
        "The median was $74,750.\n\n**Note:** bold labels stay text.\n",
    )
    paths = {c.section_path: c.text for c in chunk_document(doc)}
    assert paths["PR Specialist > What they do"] == "They write press releases."
    assert paths["PR Specialist > Salary"].startswith("The median was $74,750.")


def test_a_sections_number_is_no_part_of_its_name():
    doc = Document(
        "slp.md", "SLP", "# SLP\n\n## 2. Day-to-day work\n\n### 2.1 Assessment\n\n- Screen clients\n"
    )
    assert [c.section_path for c in chunk_document(doc)] == ["SLP > Day-to-day work > Assessment"]


def test_a_bold_fact_is_no_heading_and_a_text_file_keeps_its_own_headings():
    md = Document("w.md", "W", "# Welder\n\n**Median pay: $51,000 a year**\n\n**Duties**\n\n- Weld\n")
    chunks = chunk_document(md)
    assert any("51,000" in c.text for c in chunks)  # a fact in bold stays text
    assert "Welder > Duties" in {c.section_path for c in chunks}
    txt = Document(
        "w.txt", "W", "Welder Career Guide\n=====\nOverview\nWelders join metal.\nPay\nA median of $51,000.\n"
    )
    # one underline does not make a plain text file Markdown: its plain headings stay headings
    assert {"Pay", "Overview"} <= {c.section[-1] for c in chunk_document(txt)}


def test_html_in_a_markdown_file_is_read_as_the_markdown_it_stands_for(tmp_path):
    """A CMS export: headings, list items and table rows in tags, entities for "&" and "'"."""
    (tmp_path / "bookkeeper.md").write_text(
        '<article><header><h1 class="t">Bookkeeper: Job Description &amp; Pay</h1></header>\n'
        "<p>That&#39;s the bookkeeper.</p>\n"
        "<h3>What a bookkeeper does</h3>\n<ul>\n  <li>Reconciles bank &amp; card statements</li>\n"
        "  <li>Runs payroll</li>\n</ul>\n"
        "## Pay\n\n<table>\n<thead><tr><th>Where</th><th>Median</th></tr></thead>\n"
        "<tr><td>California</td><td>$59,230<br>$28.48/hr</td></tr>\n</table>\n",
        encoding="utf-8",
    )
    (tmp_path / "notes.txt").write_text("Salary: <b>$50,000</b> &amp; up\n", encoding="utf-8")
    docs = {d.source: d for d in scan_corpus(tmp_path).documents}
    book = docs["bookkeeper.md"]
    assert book.title == "Bookkeeper: Job Description & Pay"
    chunks = chunk_document(book)
    duties = next(c for c in chunks if c.section[-1] == "What a bookkeeper does")
    assert "- Reconciles bank & card statements\n- Runs payroll" in duties.text
    pay = next(c for c in chunks if c.section[-1] == "Pay")
    assert "| California | $59,230 / $28.48/hr |" in pay.text
    assert not any("<" in c.text or "&#39;" in c.text for c in chunks)
    assert "<b>$50,000</b> &amp; up" in docs["notes.txt"].text  # only Markdown files are read so


def test_html_left_open_or_in_passing_loses_no_text_and_no_line():
    from assistant.indexing.html_text import html_to_markdown

    # end tags HTML lets a page leave out, and a table never closed: the sections after it stay
    page = (
        "# Electrician\n\n## Pay by level\n\n"
        "<table><tr><th>Level<th>Median pay<tr><td>Apprentice<td>$40,000\n\n"
        "## Outlook\n\nGood.\n"
    )
    out = html_to_markdown(page)
    assert "| Apprentice | $40,000 |" in out and "## Outlook\n\nGood." in out
    # a Markdown file with a stray tag or entity is read line for line: same lines, same numbers
    md = "---\nrole: Welder\n---\n\n- R&amp;D pay: $50,000\n    - needed if x\n| CPA | No<br>(rare) |\n"
    out = html_to_markdown(md)
    assert out.split("\n") == [
        "---", "role: Welder", "---", "", "- R&D pay: $50,000",
        "    - needed if x", "| CPA | No / (rare) |", "",
    ]  # fmt: skip
    # only known tags are tags
    prose = "<p>Apply at <https://jobs.example.com> with a <license number>; pay x <b and more</p>"
    assert (
        html_to_markdown(prose)
        == "Apply at <https://jobs.example.com> with a <license number>; pay x <b and more"
    )


def test_a_definition_lists_terms_are_the_labels_of_their_definitions_on_their_own_lines():
    text = (
        "# Claims Adjuster\n\n## Kinds of adjuster\n\n"
        "Staff adjuster\n: Employed by one insurer; salaried.\n\n"
        "Claims examiner\n: Reviews claims and adjusters' work.\n: Approves payments.\n\n"
        "## Pay\n\nA median of $76,790 a year.\n"
    )
    doc = Document("claims-adjuster.md", "Claims Adjuster", text)
    chunks = chunk_document(doc)
    kinds = next(c for c in chunks if c.section[-1] == "Kinds of adjuster")
    assert kinds.text.splitlines() == [
        "- Staff adjuster: Employed by one insurer; salaried.",
        "- Claims examiner: Reviews claims and adjusters' work.",
        "- Claims examiner: Approves payments.",
    ]
    # the definitions keep their own line numbers: the last one is line 10
    assert kinds.end_line == 10
    # a plain text file, and a colon line with no term above it, are left as they are
    plain = chunk_document(Document("x.txt", "X", "Pay\nTerm\n: its meaning\n"))
    assert ": its meaning" in plain[0].text
