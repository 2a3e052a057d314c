"""General facts: any labelled figure in any role document, the FactTable, conflicts, profiles, reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.facts.conflicts import find_conflicts
from assistant.facts.extraction import corpus_figures
from assistant.facts.profile import explain, parse_level_percentiles, pay_for_profile
from assistant.facts.report import compare, report_for, to_html, to_markdown
from assistant.facts.table import FactTable, place_matches
from assistant.indexing.chunking import chunk_document
from assistant.indexing.readers import scan_corpus
from tests.helpers import DATA, ROLE_DOC

NURSE = """---
role: Registered Nurse
aliases: [RN]
---
# Registered Nurse

## Pay (US, 2025)
- Median annual wage: $97,550
- Median hourly wage: $46.90
- 10th percentile: $68,940
- 25th percentile: $80,330
- 75th percentile: $112,350
- 90th percentile: $137,470
- Total compensation can exceed $150,000 with overtime

### Pay by Metro Area
- Chicago, IL: median $100,490 a year
- Seattle-Tacoma-Bellevue, WA: median $128,260 a year
- Boston, MA: $105,000 - $130,000

### Pay by Experience
| Level | Percentile | Pay |
|---|---|---|
| Early career | 25th | $80,330 a year |
| Top earners | 90th | $137,470 a year |

### Regional Variations
- California: 30-50% above national average
- Southeast: 5-10% below national average
"""

ELECTRICIAN = """Electrician
Electricians install and repair wiring.
Earnings (US, 2025)
- Employment: 818,700 jobs
- Median annual wage: $62,350
- Apprentice Electrician: $40,000 - $52,000
- Journeyman Electrician: $60,000 - $85,000
- Weekend Shift: Often $5 - $8 per hour extra
- Master Electrician: up to $110,000
Senior electricians in industrial plants often earn $90,000 to $120,000 a year.
In Chicago, IL, electricians earn a median of $102,350 a year.
"""


def figures_of(folder: Path):
    scan = scan_corpus(folder)
    chunks = [c for d in scan.documents for c in chunk_document(d)]
    return chunks, corpus_figures(chunks, roles_by_source={d.source: d.role for d in scan.documents})


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "rn.md").write_text(NURSE)
    (d / "electrician.txt").write_text(ELECTRICIAN)
    (d / ROLE_DOC.name).write_text(ROLE_DOC.read_text())
    return d


def test_any_labelled_figure_with_role_kind_period_place_and_percentile(corpus):
    _, figs = figures_of(corpus)
    rn = {
        (f.kind, f.subject, f.value, f.period, f.place, f.place_kind, f.percentile)
        for f in figs
        if f.role == "Registered Nurse"
    }
    assert ("median", "Median annual wage", "$97,550", "year", None, "national", 50) in rn
    assert ("median", "Median hourly wage", "$46.90", "hour", None, "national", 50) in rn
    assert ("percentile", "10th percentile", "$68,940", "year", None, "national", 10) in rn
    assert ("median", "Chicago, IL", "$100,490", "year", "Chicago, IL", "city", 50) in rn
    assert (
        "median",
        "Seattle-Tacoma-Bellevue, WA",
        "$128,260",
        "year",
        "Seattle-Tacoma-Bellevue, WA",
        "metro",
        50,
    ) in rn
    assert ("salary", "Boston, MA", "$105,000 - $130,000", "year", "Boston, MA", "city", None) in rn
    # a Markdown table row reads like a labelled line and cites the row as written
    row = next(f for f in figs if f.line == "| Top earners | 90th | $137,470 a year |")
    assert (row.kind, row.percentile, row.value, row.period) == ("percentile", 90, "$137,470", "year")
    total = next(f for f in figs if f.role == "Registered Nurse" and f.kind == "total_comp")
    assert (total.value, total.qualifier, total.low, total.high) == (
        "can exceed $150,000",
        "can exceed",
        150000,
        None,
    )
    south = next(f for f in figs if f.subject == "Southeast")
    assert (south.kind, south.low, south.high) == ("regional_premium", -10, -5)
    assert all(f.year == "2025" for f in figs if f.role == "Registered Nurse" and f.unit == "USD")

    el = {(f.kind, f.subject, f.value, f.level) for f in figs if f.role == "Electrician"}
    assert ("salary", "Apprentice Electrician", "$40,000 - $52,000", "entry") in el
    assert ("employment", "Employment", "818,700 jobs", None) in el
    assert ("salary", "Master Electrician", "up to $110,000") in {e[:3] for e in el}
    assert not any("Weekend" in s for _, s, _, _ in el)  # a shift differential is no salary
    prose = next(f for f in figs if f.value == "$90,000 to $120,000")
    assert (prose.kind, prose.level, prose.subject) == ("salary", "senior", "Electrician")
    chicago = next(f for f in figs if f.value == "$102,350")
    assert (chicago.kind, chicago.place, chicago.place_kind) == ("median", "Chicago, IL", "city")
    master = next(f for f in figs if f.subject == "Master Electrician")
    assert (master.low, master.high, master.qualifier) == (None, 110000, "up to")


def test_fact_table_by_role_level_and_place(corpus):
    _, figs = figures_of(corpus)
    t = FactTable(figs)
    assert t.roles() == ["Electrician", "Lead Engineer in AI", "Registered Nurse"]
    assert t.resolve("registered nurse") == "Registered Nurse" and t.resolve("plumber") is None
    assert [f.value for f in t.pay("Registered Nurse", place="Chicago")] == ["$100,490"]
    assert [f.value for f in t.pay("Registered Nurse", place="Seattle, WA")] == ["$128,260"]
    assert t.pay("Registered Nurse", place="Portland") == []
    # nicknames apply to what users type, not to the corpus's names
    assert t.premium("Lead Engineer in AI", "Manhattan").subject == "New York City"
    assert not place_matches("Manhattan, KS", "metro", "New York")
    assert place_matches("New York-Newark-Jersey City, NY-NJ", "metro", "New York")
    assert not place_matches("New York-Newark-Jersey City, NY-NJ", "metro", "NY")
    assert t.premium("Registered Nurse", "California").value == "30-50%"
    assert t.premium("Lead Engineer in AI", "NYC").value == "10-20%"
    assert [f.value for f in t.pay("Lead Engineer in AI", level="senior")] == ["$160,000 - $200,000"]
    assert t.levels("Lead Engineer in AI") == ["entry", "mid", "senior", "lead"]
    assert t.levels("Electrician")[0] == "entry"
    assert {p.name for p in t.places("Registered Nurse")} >= {"Chicago, IL", "Boston, MA", "California"}


def test_a_lazy_table_extracts_one_role_at_a_time_and_agrees(corpus):
    chunks, figs = figures_of(corpus)
    roles = {f.chunk.source: f.role for f in figs}
    lazy = FactTable.from_chunks(chunks, roles_by_source=roles)
    eager = FactTable(figs)
    assert lazy.roles() == eager.roles()
    assert lazy.pay("Registered Nurse", place="Chicago") == eager.pay("Registered Nurse", place="Chicago")
    assert list(lazy._by_role) == ["Registered Nurse"]  # the other roles are not extracted yet
    assert lazy.figures == [f for r in eager.roles() for f in eager.for_role(r)]


def test_conflicts_only_for_the_role_level_and_place_asked(corpus, tmp_path):
    _, figs = figures_of(corpus)
    sources = {f.chunk.source for f in figs}
    lead = find_conflicts("What does a lead AI engineer earn?", figs, sources)
    assert len(lead) == 1 and lead[0].figures[0].role == "Lead Engineer in AI"
    assert {f.value for f in lead[0].figures} == {
        "$150,000 - $250,000",
        "$180,000 - $250,000+",
        "$100,000 to $160,000",
    }
    ai = "Lead Engineer in AI"
    assert find_conflicts("What does a senior AI engineer earn?", figs, sources, role=ai) == []
    assert find_conflicts("What does a lead AI engineer earn?", figs, sources, role="Registered Nurse") == []
    assert find_conflicts("What does a nurse earn in Boston?", figs, sources) == []


def test_profile_reads_a_level_as_a_percentile_when_there_is_no_level_table(corpus):
    _, figs = figures_of(corpus)
    # the document labels its 25th percentile "Early career": its own words win over the mapping
    p = pay_for_profile(figs, "entry", None, role="Registered Nurse")
    assert (p.percentile, p.base.value, p.base.subject) == (None, "$80,330", "Early career (25th percentile)")
    p = pay_for_profile(figs, "senior", None, role="Registered Nurse")
    assert (p.percentile, p.low, p.base.value) == (75, 112350, "$112,350")
    text = " ".join(t for t, _ in explain(p))
    assert "read as the 75th percentile" in text and "Nationally, the 75th percentile wage" in text
    # the mapping is a setting
    p = pay_for_profile(figs, "senior", None, role="Registered Nurse", level_percentiles="senior=90")
    assert p.low == 137470
    with pytest.raises(ValueError, match="level_percentiles"):
        parse_level_percentiles("senior=80")
    # a metro the documents name is used directly; one they do not is said, and the nation stands
    p = pay_for_profile(figs, "mid", "Chicago", role="Registered Nurse")
    assert p.base.place == "Chicago, IL" and p.low == 100490
    p = pay_for_profile(figs, "mid", "Denver", role="Registered Nurse")
    assert p.base.place is None and p.low == 97550
    assert "no figure for Denver; the national figure is used" in " ".join(t for t, _ in explain(p))


def test_profile_with_a_level_table_prefers_a_place_figure_then_the_premium(corpus):
    _, figs = figures_of(corpus)
    p = pay_for_profile(figs, "senior", "Seattle", role="Lead Engineer in AI")
    assert (round(p.low), round(p.high)) == (168000, 230000)
    p = pay_for_profile(figs, "entry", "Chicago", role="Electrician")
    assert p.base.subject == "Apprentice Electrician" and "no pay adjustment for Chicago" in p.notes[0]


def test_compare_any_two_roles(corpus):
    _, figs = figures_of(corpus)
    table, roles = compare(figs, "electrician", "registered nurse")
    assert roles == ["Electrician", "Registered Nurse"]
    median = next(line for line in table.splitlines() if line.startswith("Median: median (year)"))
    assert "$62,350" in median and "$97,550" in median
    with pytest.raises(ValueError, match="no role matches 'astronaut'"):
        compare(figs, "astronaut", "electrician")


def test_report_for_an_occupation_escapes_user_text_in_both_formats(corpus):
    chunks, figs = figures_of(corpus)
    evil = "<script>alert(1)</script> *bold* [x](y)"
    r = report_for(chunks, figs, level=evil, location=evil, role="registered nurse")
    md, page = to_markdown(r), to_html(r)
    assert "<script>" not in md and "<script>" not in page
    assert "&lt;script&gt;" in page and "\\*bold\\*" in md and "\\[x\\](y)" in md
    assert r["role"] == "Registered Nurse"
    r = report_for(chunks, figs, level="senior", location="Chicago", role="Registered Nurse")
    md = to_markdown(r)
    assert "75th percentile" in md and "$100,490" in md and "## Sources" in md
    lead = report_for(chunks, figs, level="lead", location=None, role="Lead Engineer in AI")
    assert "(documents disagree)" in to_markdown(lead) and 'class="disputed"' in to_html(lead)


ROLES = DATA / "roles"


def test_many_role_corpus_pay_for_every_role():
    _, figs = figures_of(ROLES)
    t = FactTable(figs)
    with_pay = [r for r in t.roles() if t.pay(r)]
    assert len(with_pay) >= 25, sorted(set(t.roles()) - set(with_pay))
    # near-identical names stay apart
    assert t.resolve("Electricians") == "Electricians"
    for role in with_pay:
        for f in t.pay(role):
            assert f.low is not None or f.high is not None, f
            assert f.value.lower() in f.line.lower()  # as stated; a leading qualifier is lower-cased
    places = [f for f in figs if f.place and f.kind in ("median", "salary")]
    assert places and all(f.place in f.line for f in places)
