"""Role facts tables (text, CSV, HTML, comparison) and the one-page client report (jinja2 templates)."""

from __future__ import annotations

import csv
import html
import io
import re
import time
from collections.abc import Mapping
from functools import lru_cache

from assistant.facts.conflicts import FigureConflict
from assistant.facts.extraction import PAY_KINDS, Figure
from assistant.facts.profile import explain, pay_for_profile
from assistant.facts.table import FactTable
from assistant.types import Chunk
from assistant.understanding.vocabulary import LEVEL_LABELS

NUMERIC_KINDS = (
    *PAY_KINDS,
    "regional_premium",
    "bonus",
    "base_share",
    "pay_comparison",
    "experience",
    "leadership_experience",
    "employment",
)
KIND_LABELS = {
    "salary": "Pay range",
    "median": "Median",
    "mean": "Mean",
    "percentile": "Percentile",
    "average_base_salary": "Average base salary",
    "total_comp": "Total compensation",
    "regional_premium": "Regional premium",
    "bonus": "Bonus",
    "base_share": "Base share of pay",
    "pay_comparison": "Pay comparison",
    "experience": "Years of experience",
    "leadership_experience": "Years in leadership",
    "employment": "Employment",
    "degree": "Degree",
    "certification": "Certification",
    "skill": "Skill",
}
CSV_FIELDS = [
    "role",
    "kind",
    "subject",
    "value",
    "low",
    "high",
    "unit",
    "period",
    "level",
    "place",
    "place_kind",
    "percentile",
    "qualifier",
    "region",
    "year",
    "source",
    "section",
    "lines",
    "passage",
]
FACTS_HTML_ROWS = 2000  # the chat's facts tab: a corpus of official statistics holds millions


def facts_table(figures: list[Figure], *, numeric_only: bool = False) -> str:
    rows = [f for f in figures if not numeric_only or f.kind in NUMERIC_KINDS]
    out = []
    for role in sorted({f.role for f in rows}):
        out.append(f"== {role} ==")
        for f in rows:
            if f.role != role:
                continue
            where = f"{f.chunk.source}:{f.chunk.start_line}-{f.chunk.end_line} {f.chunk.section_path}"
            value = f.value if f.kind in NUMERIC_KINDS else f.value[:70]
            about = f.subject if not f.place else f"{f.subject} ({f.place})"
            out.append(f"{KIND_LABELS.get(f.kind, f.kind):<22} {about[:40]:<40} {value:<30} {where}")
    return "\n".join(out)


def facts_csv(figures: list[Figure]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, extrasaction="ignore")
    w.writeheader()
    for f in figures:
        d = f.to_dict()
        d["lines"] = f"{d['lines'][0]}-{d['lines'][1]}"
        w.writerow(d)
    return buf.getvalue()


def _unknown_role(names: list[str], table: FactTable) -> ValueError:
    roles = table.roles()
    shown = ", ".join(roles[:12]) + (f" and {len(roles) - 12} more" if len(roles) > 12 else "")
    return ValueError(f"no role matches {', '.join(repr(n) for n in names)}; roles indexed: {shown}")


def _row_key(f: Figure) -> tuple[str, str]:
    if f.kind == "salary" and f.level:
        return f.kind, f.level
    if f.kind in ("median", "mean", "percentile"):
        what = "median" if f.percentile == 50 else f"{f.percentile}th" if f.percentile else f.kind
        return f.kind, f"{what} ({f.period or 'year'})"
    return f.kind, f.subject.lower()


def compare(figures: list[Figure], a: str, b: str) -> tuple[str, list[str]]:
    """Two roles' national numeric facts side by side: (table, resolved role names)."""
    table = FactTable(figures)
    roles = [table.resolve(a), table.resolve(b)]
    missing = [n for n, r in zip((a, b), roles, strict=True) if r is None]
    if missing:
        raise _unknown_role(missing, table)
    keys: list[tuple[str, str]] = []
    cells: dict[tuple[str, str, str], list[str]] = {}
    for r in roles:
        for f in table.for_role(r):
            if f.kind not in NUMERIC_KINDS or f.place is not None:
                continue  # places differ by role; the national figures are comparable
            key = _row_key(f)
            if key not in keys:
                keys.append(key)
            vals = cells.setdefault((*key, r), [])
            if f.value not in vals:
                vals.append(f.value)
    w = 34
    out = [f"{'fact':<44}{roles[0][:w]:<{w}}  {roles[1][:w]:<{w}}"]
    for kind, subject in keys:
        label = f"{KIND_LABELS[kind]}: {subject}"[:43]
        vals = ["; ".join(cells.get((kind, subject, r), ["-"]))[:w] for r in roles]
        out.append(f"{label:<44}{vals[0]:<{w}}  {vals[1]:<{w}}")
    return "\n".join(out), roles


def _sections(chunks: list[Chunk], words: str, limit: int) -> list[Chunk]:
    return [c for c in chunks if re.search(words, c.section_path, re.I)][:limit]


def client_report(
    chunks: list[Chunk],
    figures: list[Figure],
    conflicts: list[FigureConflict],
    *,
    level: str,
    location: str | None,
    role: str | None = None,
    level_percentiles: str | dict[str, int] | None = None,
) -> dict:
    """Everything the one-page report shows, with numbered sources (rendered by to_markdown/to_html)."""
    table = FactTable(figures)
    role = role or next((f.role for f in figures if f.kind == "salary" and f.level), None)
    role = role or (table.roles() or sorted({c.title for c in chunks}) or ["(no role)"])[0]
    mine_src = {f.chunk.source for f in table.for_role(role)}
    mine = [c for c in chunks if c.source in mine_src or c.title == role]
    sources: list[Chunk] = []

    def cite(chunk: Chunk) -> int:
        if chunk not in sources:
            sources.append(chunk)
        return sources.index(chunk) + 1

    summary = next((c for c in mine if c.text.strip()), None)
    duties = _sections(mine, r"responsibilit|duties", 2)
    reqs = _sections(mine, r"education|experience|certification|requirement", 3)
    pay = pay_for_profile(figures, level, location, role=role, level_percentiles=level_percentiles)
    pay_lines = [(text, [cite(f.chunk) for f in figs]) for text, figs in explain(pay)]
    disputed = {id(f) for c in conflicts for f in c.figures}
    rows = [f for f in table.for_role(role) if f.kind == "salary" and f.place is None]
    if not rows:  # official statistics: the national wages, and the location's own where given
        rows = [f for f in table.pay(role, kinds=("median", "percentile", "mean")) if f.period == "year"]
        if location:
            rows += [
                f
                for f in table.pay(role, place=location, kinds=("median", "percentile"))
                if f.period == "year"
            ]
    pay_table = [
        (f.subject if not f.place else f"{f.subject}, {f.place}", f.value, cite(f.chunk), id(f) in disputed)
        for f in rows
    ]
    premiums = [
        (f.subject, f.value, cite(f.chunk)) for f in table.for_role(role) if f.kind == "regional_premium"
    ]
    conflict_lines = [(c.about, [(f.value, cite(f.chunk)) for f in c.figures]) for c in conflicts]
    return {
        "role": role,
        "level": level,
        "level_label": LEVEL_LABELS.get(pay.level, level),
        "location": location,
        "date": time.strftime("%Y-%m-%d"),
        "summary": (summary.text.splitlines()[0], cite(summary)) if summary else None,
        "duties": [(c.section[-1] if c.section else role, c.text, cite(c)) for c in duties],
        "requirements": [(c.section[-1] if c.section else role, c.text, cite(c)) for c in reqs],
        "pay": pay_lines,
        "pay_table": pay_table,
        "premiums": premiums,
        "conflicts": conflict_lines,
        "adjusted": (pay.low, pay.high),
        "sources": sources,
    }


def report_for(
    chunks: list[Chunk],
    figures: list[Figure],
    *,
    level: str,
    location: str | None,
    role: str | None = None,
    roles_by_source: Mapping[str, str] | None = None,
    level_percentiles: str | dict[str, int] | None = None,
) -> dict:
    """The client report for a profile, with the conflicting pay and experience figures of its role."""
    from assistant.facts.conflicts import find_conflicts

    del roles_by_source  # the figures already carry their roles; kept for callers that pass it
    table = FactTable(figures)
    if role is not None:
        resolved = table.resolve(role)
        if resolved is None:
            raise _unknown_role([role], table)
        role = resolved
    sources = {f.chunk.source for f in figures if role is None or f.role == role}
    conflicts = find_conflicts(f"salary pay ({level} level)", figures, sources, role=role, place=location)
    conflicts += find_conflicts("years of experience required", figures, sources, role=role)
    return client_report(
        chunks,
        figures,
        conflicts,
        level=level,
        location=location,
        role=role,
        level_percentiles=level_percentiles,
    )


def facts_html(figures: list[Figure], *, limit: int = FACTS_HTML_ROWS) -> str:
    e = html.escape
    numeric = [f for f in figures if f.kind in NUMERIC_KINDS]
    rows = "".join(
        f"<tr><td>{e(f.role)}</td><td>{e(KIND_LABELS.get(f.kind, f.kind))}</td>"
        f"<td>{e(f.subject if not f.place else f'{f.subject}, {f.place}')}</td>"
        f"<td><b>{e(f.value)}</b></td><td>{e(f.chunk.section_path)}<br><small>{e(f.chunk.source)}, lines "
        f"{f.chunk.start_line}-{f.chunk.end_line}</small></td></tr>"
        for f in numeric[:limit]
    )
    more = (
        f"<p>Showing {limit:,} of {len(numeric):,} figures; "
        "<code>assistant facts --role NAME</code> lists a role's.</p>"
        if len(numeric) > limit
        else ""
    )
    return (
        "<table class='ra-facts'><tr><th>role</th><th>fact</th><th>about</th><th>value</th>"
        "<th>source</th></tr>" + rows + "</table>" + more
    )


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def md_escape(text: object) -> str:
    """User text as literal Markdown: no markup, no raw HTML.

    >>> md_escape("<b>Senior</b> *x*")
    '&lt;b&gt;Senior&lt;/b&gt; \\\\*x\\\\*'
    """
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


@lru_cache(maxsize=2)
def _env(kind: str):
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("assistant", "templates"),
        autoescape=kind == "html",  # Markdown escapes user text with the md filter instead
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    return env


def to_markdown(r: dict) -> str:
    return _env("md").get_template("report.md.j2").render(r=r).rstrip() + "\n"


def to_html(r: dict) -> str:
    return _env("html").get_template("report.html.j2").render(r=r)
