"""A role family's page: the jobs it covers under their own headings are answered from their sections."""

from __future__ import annotations

import pytest

from assistant.answering.assistant import Assistant
from assistant.answering.plan_subroles import heading_for
from assistant.build import open_retriever
from assistant.generation.extractive import ExtractiveRenderer
from assistant.settings import Settings
from assistant.types import Chunk
from tests.fakes import FakeEmbedder

FAMILY = """# Machining careers

Four jobs make up the family; they share a shop floor but not the pay.

### Machinist

Sets up and runs manual and CNC lathes and mills to make parts from start to finish.

*Getting in:* a 1-2 year certificate or an apprenticeship of about 4 years. No license required.

*Pay:* median $58,750 a year. Ohio $57,950.

### CNC programmer

Writes the programs with CAM software and proves them out on the machine.

*Getting in:* several years as a machinist first; an associate degree is preferred by many employers.

*Pay:* US median $68,120 a year ($32.75/hr). Ohio $66,010.

### Tool and die maker

The top of the skill ladder. Builds and repairs the dies, molds, jigs and fixtures that production
depends on.

*Pay:* US median $64,050. Michigan $65,590.

### Outlook for the family

- CNC programmers: projected to grow about 10%.
- Tool and die makers: projected to decline about 5%.
"""

POSTAL = """## Postal Service Workers

The Postal Service hires through one exam for several jobs.

### Mail carriers

Carriers case mail for the route, load the truck and deliver mail and packages.

Pay:
- National median: $60,550 a year (May 2025).

### Postal service clerks

Clerks sell stamps and money orders at the counter and sort mail before the office opens.

Pay:
- National median: $62,130 a year.
"""

NURSE = "# Registered Nurse\n\n## Pay\n- Median pay: $93,600 a year\n\n## Duties\n- Assess patients\n"


@pytest.fixture(scope="module")
def family(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("family")
    (corpus / "machining-careers.md").write_text(FAMILY, encoding="utf-8")
    (corpus / "postal-service-workers.md").write_text(POSTAL, encoding="utf-8")
    (corpus / "registered-nurse.md").write_text(NURSE, encoding="utf-8")
    s = Settings(corpus_dir=corpus, index_dir=tmp_path_factory.mktemp("family-idx"))
    return Assistant(open_retriever(s, embedder=FakeEmbedder()), ExtractiveRenderer(), s)


def test_a_job_of_a_family_page_gets_its_own_sections_pay(family):
    a = family.ask("how much does a CNC programmer make")
    assert "$68,120" in a.answer and "$58,750" not in a.answer and "$64,050" not in a.answer
    a = family.ask("tool and die maker pay in michigan")
    assert "$65,590" in a.answer and "$66,010" not in a.answer


def test_two_jobs_of_one_family_page_are_compared_side_by_side(family):
    a = family.ask("mail carrier vs postal clerk pay")
    assert "$60,550" in a.answer and "$62,130" in a.answer
    assert a.answer.index("Mail carriers") < a.answer.index("Postal service clerks")


def test_what_a_job_of_a_family_page_does_is_its_opening_lines(family):
    a = family.ask("what does a tool and die maker do")
    assert "Builds and repairs the dies" in a.answer and "decline" not in a.answer
    a = family.ask("what do mail carriers do")
    assert "deliver mail and packages" in a.answer and "sell stamps" not in a.answer


def test_a_family_page_question_naming_no_job_of_it_reads_the_whole_page(family):
    a = family.ask("what is the outlook for machining careers")
    assert "10%" in a.answer or "5%" in a.answer


def _chunk(section: tuple[str, ...], i: int) -> Chunk:
    return Chunk(
        chunk_id=f"c{i}", source="p.md", title=section[0], section=section, text="x", start_line=i, end_line=i
    )


def test_a_level_heading_or_the_roles_own_name_is_no_job_of_a_family():
    chunks = [
        _chunk(("Mechanical Engineer",), 0),
        _chunk(("Mechanical Engineer", "Senior Engineer"), 1),
        _chunk(("Mechanical Engineer", "Pay"), 2),
    ]
    # "senior" is a level of the role, not a job of its own
    assert heading_for(chunks, "what does a senior mechanical engineer make", "Mechanical Engineer") is None
    chunks.append(_chunk(("Mechanical Engineer", "Test engineers"), 3))
    assert heading_for(chunks, "what do test engineers earn", "Mechanical Engineer") == "Test engineers"
    # two headings that fit as well as each other: none of them
    chunks.append(_chunk(("Mechanical Engineer", "Tests engineers"), 4))
    assert heading_for(chunks, "what do test engineers earn", "Mechanical Engineer") is None


def _scope(chunks):
    from assistant.answering.plan import Scope

    return Scope("Counselors", chunks, [])


def test_a_section_nested_under_the_last_job_is_the_familys_unless_every_job_has_sections():
    from assistant.answering.plan_subroles import scope_of

    t = "Counselors"
    flat = [
        _chunk((t,), 0),
        _chunk((t, "School counselors"), 1),
        _chunk((t, "Rehabilitation counselors"), 2),
        _chunk((t, "Rehabilitation counselors", "Outlook"), 3),  # the page's outlook, nested by mistake
    ]
    job = scope_of(_scope(flat), "job outlook for school counselors")
    assert job.name == "School counselors"
    assert [c.chunk_id for c in job.scope.chunks] == ["c0", "c1", "c3"]
    alike = [
        _chunk((t,), 0),
        _chunk((t, "School counselors", "Pay"), 1),
        _chunk((t, "Rehabilitation counselors", "Pay"), 2),
    ]
    job = scope_of(_scope(alike), "school counselor pay")
    assert [c.chunk_id for c in job.scope.chunks] == ["c0", "c1"] and [c.chunk_id for c in job.own] == ["c1"]


def test_a_figure_for_the_whole_family_is_neither_jobs_own_in_a_side_by_side(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "postal.md").write_text(
        "# Postal Service Workers\n\n## Pay\n\n- Median pay for postal service workers: $58,000\n\n"
        "## Mail carriers\n\nCarriers deliver mail.\n\n## Postal service clerks\n\nClerks sell stamps.\n",
        encoding="utf-8",
    )
    (corpus / "nurse.md").write_text(NURSE, encoding="utf-8")
    s = Settings(corpus_dir=corpus, index_dir=tmp_path / "idx")
    a = Assistant(open_retriever(s, embedder=FakeEmbedder()), ExtractiveRenderer(), s)
    answer = a.ask("mail carrier vs postal clerk pay").answer
    assert "pay is the same" not in answer and "For Mail carriers" not in answer
