from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.answering.assistant import Assistant, ClientProfile
from assistant.build import open_retriever
from assistant.facts.extraction import corpus_figures
from assistant.facts.profile import explain, pay_for_profile
from assistant.facts.report import client_report, compare, facts_csv, to_html, to_markdown
from assistant.generation import make_generator
from assistant.indexing.chunking import chunk_document
from assistant.indexing.readers import scan_corpus
from assistant.interfaces import cli
from assistant.settings import Settings
from tests.fakes import FakeEmbedder
from tests.helpers import ROLE_DOC

SECOND_ROLE = Path(__file__).resolve().parents[1] / "data" / "data-scientist.md"


def role_figures(*paths):
    chunks = [
        c
        for d in scan_corpus(paths[0].parent).documents
        if any(d.source == p.name for p in paths)
        for c in chunk_document(d)
    ]
    return chunks, corpus_figures(chunks)


@pytest.fixture
def two_roles(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    shutil.copy(ROLE_DOC, d / ROLE_DOC.name)
    shutil.copy(SECOND_ROLE, d / SECOND_ROLE.name)
    return d


def values(figs, kind):
    return {(f.subject, f.value, f.chunk.section[-1]) for f in figs if f.kind == kind}


def test_every_pay_experience_and_regional_figure_with_its_source():
    _, figs = role_figures(ROLE_DOC)
    assert values(figs, "salary") == {
        ("Lead AI Engineer", "$150,000 - $250,000", "Lead AI Engineer"),
        ("Entry-Level AI Engineer", "$90,000 - $120,000", "Salary by Experience Level"),
        ("Mid-Level AI Engineer", "$120,000 - $160,000", "Salary by Experience Level"),
        ("Senior AI Engineer", "$160,000 - $200,000", "Salary by Experience Level"),
        ("Lead AI Engineer", "$180,000 - $250,000+", "Salary by Experience Level"),
        ("Lead Engineer in AI", "$100,000 to $160,000", "Compensation"),
    }
    assert values(figs, "average_base_salary") == {("Average Base Salary", "$180,000", "Lead AI Engineer")}
    # the bound is part of the value: "Can exceed $300,000" is no $300,000 figure
    assert values(figs, "total_comp") == {("Total Compensation", "can exceed $300,000", "Lead AI Engineer")}
    total = next(f for f in figs if f.kind == "total_comp")
    assert (total.qualifier, total.low, total.high) == ("can exceed", 300000, None)
    assert values(figs, "regional_premium") == {
        ("San Francisco Bay Area", "20-30%", "Regional Variations"),
        ("New York City", "10-20%", "Regional Variations"),
        ("Seattle", "5-15%", "Regional Variations"),
        ("Other major cities", "national average", "Regional Variations"),
    }
    assert {f.value for f in figs if f.kind == "bonus"} == {"10-20%"}
    assert {f.value for f in figs if f.kind == "base_share"} == {"70-80%"}
    assert {f.value for f in figs if f.kind == "pay_comparison"} == {"10-20%"}
    assert {f.value for f in figs if f.kind == "experience"} == {"5-7 years", "7-8 years", "7+ years"}
    assert {f.value for f in figs if f.kind == "leadership_experience"} == {"2-5 years", "2-3 years"}
    seattle = next(f for f in figs if f.subject == "Seattle")
    assert "Seattle: 5-15% above national average" in seattle.chunk.text
    lead = next(f for f in figs if f.value == "$150,000 - $250,000")
    assert (lead.low, lead.high, lead.unit, lead.period, lead.region, lead.year) == (
        150000,
        250000,
        "USD",
        "year",
        "US",
        "2024",
    )
    assert any(f.kind == "degree" and "bachelor" in f.value.lower() for f in figs)
    assert any(f.kind == "certification" and "PMP" in f.value for f in figs)
    assert any(f.kind == "skill" and f.subject == "Programming Languages" for f in figs)


@pytest.mark.parametrize(
    "level, location, expected",
    [
        ("senior", "Seattle", (168000, 230000)),  # 160,000 x 1.05, 200,000 x 1.15
        ("Mid-Level", "NYC", (132000, 192000)),  # 120,000 x 1.10, 160,000 x 1.20
        ("entry", "San Francisco", (108000, 156000)),  # 90,000 x 1.20, 120,000 x 1.30
        ("senior", "Other major cities", (160000, 200000)),
        ("senior", "Denver", (160000, 200000)),  # not covered: the national range stands
    ],
)
def test_profile_arithmetic(level, location, expected):
    _, figs = role_figures(ROLE_DOC)
    p = pay_for_profile(figs, level, location)
    assert (round(p.low), round(p.high)) == expected
    text = " ".join(t for t, _ in explain(p))
    if location == "Denver":
        assert "no pay adjustment for Denver" in text and "Seattle" in text
    if location == "Seattle":
        assert "$168,000 - $230,000" in text and "5-15%" in text


def test_uncovered_level_says_so_and_gives_the_national_figure():
    _, figs = role_figures(ROLE_DOC)
    p = pay_for_profile(figs, "principal", "Seattle")
    text = " ".join(t for t, _ in explain(p))
    assert "no pay range for the level 'principal'" in text
    assert p.base is not None and p.base.value == "$150,000 - $250,000"


def test_ask_with_profile_cites_both_passages(role_corpus, tmp_path):
    r = open_retriever(Settings(corpus_dir=role_corpus, index_dir=tmp_path / "i"), embedder=FakeEmbedder())
    gen = make_generator(Settings(backend="extractive"))
    ans = Assistant(r, gen).ask("What would my client earn?", profile=ClientProfile("senior", "Seattle"))
    assert "about $168,000 - $230,000" in ans.answer
    sections = {c.hit.chunk.section[-1] for c in ans.citations}
    assert {"Salary by Experience Level", "Regional Variations"} <= sections


def test_report_contains_each_cited_passage(tmp_path):
    chunks, figs = role_figures(ROLE_DOC)
    r = client_report(chunks, figs, [], level="senior", location="Seattle")
    md = to_markdown(r)
    assert "about $168,000 - $230,000" in md and "## Sources" in md
    for c in r["sources"]:
        for line in c.text.splitlines():
            assert f"> {line}" in md
    assert to_html(r).startswith("<!doctype html>")


def test_two_roles_facts_name_the_role_and_compare(two_roles, tmp_path, monkeypatch, capsys):
    chunks, figs = role_figures(two_roles / ROLE_DOC.name, two_roles / SECOND_ROLE.name)
    assert {f.role for f in figs} == {"Lead Engineer in AI", "Data Scientist"}
    table, roles = compare(figs, "lead engineer", "data scientist")
    assert roles == ["Lead Engineer in AI", "Data Scientist"]
    senior = next(line for line in table.splitlines() if line.startswith("Pay range: senior"))
    assert "$160,000 - $200,000" in senior and "$140,000 - $175,000" in senior
    with pytest.raises(ValueError, match="no role matches 'nurse'"):
        compare(figs, "nurse", "data scientist")
    p = pay_for_profile(figs, "senior", "Boston", role="Data Scientist")
    assert (round(p.low), round(p.high)) == (151200, 196000)
    assert "Data Scientist" in facts_csv(figs)

    import assistant.build as build

    monkeypatch.setattr(build, "default_embedder", lambda s: FakeEmbedder())
    common = ["--corpus", str(two_roles), "--index", str(tmp_path / "idx")]
    assert cli.main(["facts", "--compare", "Lead Engineer in AI", "Data Scientist", *common]) == 0
    assert "Data Scientist" in capsys.readouterr().out
    out = tmp_path / "r.md"
    assert (
        cli.main(
            [
                "report",
                "--level",
                "senior",
                "--location",
                "Boston",
                "--role",
                "data scientist",
                "--out",
                str(out),
                *common,
            ]
        )
        == 0
    )
    assert "Data Scientist: client report (level: senior; location: Boston)" in out.read_text()
    assert cli.main(["report", "--level", "senior", "--out", str(tmp_path / "r.pdf"), *common]) == 2
    assert "--out must end in .md or .html" in capsys.readouterr().err


def test_a_pay_paragraph_is_read_clause_by_clause(tmp_path):
    """Prose pay: each figure gets what the words right before it say (median, percentile, level,
    state), not what the whole paragraph says."""
    (tmp_path / "windtech.md").write_text(
        "# Wind Turbine Technicians\n\n## Salary\n\n"
        "In May 2025, the median annual wage was $62,580. The lowest 10 percent earned less than "
        "$47,120, and the highest 10 percent earned more than $90,930.\n\n"
        "Entry-level technicians usually start around $45,000 a year, while lead technicians can earn "
        "$80,000 or more.\n\n"
        "In Texas, technicians earn a median of $60,250; in California, $71,400.\n",
        encoding="utf-8",
    )
    _, figs = role_figures(tmp_path / "windtech.md")
    got = {(f.kind, f.value, f.percentile, f.level, f.place) for f in figs}
    assert got == {
        ("median", "$62,580", 50, None, None),
        ("percentile", "less than $47,120", 10, None, None),
        ("percentile", "more than $90,930", 90, None, None),
        ("salary", "around $45,000", None, "entry", None),
        ("salary", "$80,000", None, "lead", None),
        ("median", "$60,250", 50, None, "Texas"),
        ("median", "$71,400", 50, None, "California"),
    }


def test_a_place_right_after_a_figure_is_that_figures(tmp_path):
    (tmp_path / "lpn.md").write_text(
        "# Licensed Practical Nurses\n\n## Pay\n\n"
        "By state, the median was $79,750 in California, $62,240 in Texas and $61,950 in Ohio.\n",
        encoding="utf-8",
    )
    _, figs = role_figures(tmp_path / "lpn.md")
    assert {(f.value, f.place) for f in figs} == {
        ("$79,750", "California"),
        ("$62,240", "Texas"),
        ("$61,950", "Ohio"),
    }


def test_a_city_named_like_a_state_is_no_state():
    from assistant.facts.extraction import prose_places

    assert prose_places("The median wage was $62,000 in Kansas City.") == ()
    assert prose_places("It was $58,000 in Kansas and $61,000 in Virginia Beach.") == ("Kansas",)


def test_education_facts_read_degrees_as_the_vocabulary_does(tmp_path):
    """A diploma is an education fact; a "Master Electrician" licence is no master's degree."""
    doc = tmp_path / "electrician.md"
    doc.write_text(
        "# Electrician\n\n## Requirements\n\n"
        "- High school diploma or GED required\n"
        "- Master electrician license required to pull permits\n",
        encoding="utf-8",
    )
    _, figs = role_figures(doc)
    degrees = {f.value for f in figs if f.kind == "degree"}
    assert any("diploma" in d for d in degrees)
    assert not any("Master" in d for d in degrees)
