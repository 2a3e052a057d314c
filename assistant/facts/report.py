"""Role facts tables (text, CSV, comparison) and the one-page client report."""

from __future__ import annotations

import csv
import html
import io
import time

from assistant.facts.conflicts import FigureConflict
from assistant.facts.extraction import Figure, level_key
from assistant.facts.profile import explain, pay_for_profile
from assistant.types import Chunk

NUMERIC_KINDS = (
    "salary",
    "average_base_salary",
    "total_comp",
    "regional_premium",
    "bonus",
    "base_share",
    "pay_comparison",
    "experience",
    "leadership_experience",
)
KIND_LABELS = {
    "salary": "Pay range",
    "average_base_salary": "Average base salary",
    "total_comp": "Total compensation",
    "regional_premium": "Regional premium",
    "bonus": "Bonus",
    "base_share": "Base share of pay",
    "pay_comparison": "Pay comparison",
    "experience": "Years of experience",
    "leadership_experience": "Years in leadership",
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
    "region",
    "year",
    "source",
    "section",
    "lines",
    "passage",
]


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
            out.append(f"{KIND_LABELS.get(f.kind, f.kind):<22} {f.subject[:40]:<40} {value:<30} {where}")
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


def _match_role(figures: list[Figure], name: str) -> str | None:
    names = sorted({f.role for f in figures})
    low = name.lower()
    exact = [r for r in names if r.lower() == low]
    return (exact or [r for r in names if low in r.lower()] or [None])[0]


def compare(figures: list[Figure], a: str, b: str) -> tuple[str, list[str]]:
    """Two roles' numeric facts side by side: (table, resolved role names)."""
    roles = [_match_role(figures, a), _match_role(figures, b)]
    missing = [n for n, r in zip((a, b), roles, strict=True) if r is None]
    if missing:
        known = ", ".join(sorted({f.role for f in figures}))
        raise ValueError(f"no role matches {', '.join(repr(m) for m in missing)}; roles indexed: {known}")
    keys: list[tuple[str, str]] = []
    cells: dict[tuple[str, str, str], list[str]] = {}
    for f in figures:
        if f.role not in roles or f.kind not in NUMERIC_KINDS:
            continue
        subject = level_key(f.subject) if f.kind == "salary" else f.subject.lower()
        key = (f.kind, subject)
        if key not in keys:
            keys.append(key)
        cells.setdefault((*key, f.role), []).append(f.value)
    w = 34
    out = [f"{'fact':<44}{roles[0][:w]:<{w}}  {roles[1][:w]:<{w}}"]
    for kind, subject in keys:
        label = f"{KIND_LABELS[kind]}: {subject}"[:43]
        vals = ["; ".join(cells.get((kind, subject, r), ["-"]))[:w] for r in roles]
        out.append(f"{label:<44}{vals[0]:<{w}}  {vals[1]:<{w}}")
    return "\n".join(out), roles


def _bullets(chunks: list[Chunk], section_words: tuple[str, ...], limit: int) -> list[Chunk]:
    return [c for c in chunks if any(w in c.section_path.lower() for w in section_words)][:limit]


def client_report(
    chunks: list[Chunk],
    figures: list[Figure],
    conflicts: list[FigureConflict],
    *,
    level: str,
    location: str | None,
    role: str | None = None,
) -> dict:
    """Everything the one-page report shows, with numbered sources (rendered by to_markdown/to_html)."""
    role = role or (sorted({c.title for c in chunks}) or ["(no role)"])[0]
    mine = [c for c in chunks if c.title == role]
    sources: list[Chunk] = []

    def cite(chunk: Chunk) -> int:
        if chunk not in sources:
            sources.append(chunk)
        return sources.index(chunk) + 1

    summary = mine[0] if mine else None
    duties = _bullets(mine, ("responsibilit",), 2)
    reqs = _bullets(mine, ("education", "experience", "certification"), 3)
    pay = pay_for_profile([f for f in figures if f.role == role], level, location, role=role)
    pay_lines = [(text, [cite(f.chunk) for f in figs]) for text, figs in explain(pay)]
    table = [(f.subject, f.value, cite(f.chunk)) for f in figures if f.role == role and f.kind == "salary"]
    premiums = [
        (f.subject, f.value, cite(f.chunk))
        for f in figures
        if f.role == role and f.kind == "regional_premium"
    ]
    conflict_lines = [(c.about, [(f.value, cite(f.chunk)) for f in c.figures]) for c in conflicts]
    return {
        "role": role,
        "level": level,
        "location": location,
        "date": time.strftime("%Y-%m-%d"),
        "summary": (summary.text.splitlines()[0], cite(summary)) if summary else None,
        "duties": [(c.section[-1], c.text, cite(c)) for c in duties],
        "requirements": [(c.section[-1], c.text, cite(c)) for c in reqs],
        "pay": pay_lines,
        "pay_table": table,
        "premiums": premiums,
        "conflicts": conflict_lines,
        "adjusted": (pay.low, pay.high),
        "sources": sources,
    }


def report_for(
    chunks: list[Chunk], figures: list[Figure], *, level: str, location: str | None, role: str | None = None
) -> dict:
    """The client report for a profile, with the conflicting pay and experience figures of its role."""
    from assistant.facts.conflicts import find_conflicts

    if role is not None:
        resolved = _match_role(figures, role)
        if resolved is None:
            raise ValueError(
                f"no role matches {role!r}; roles indexed: {', '.join(sorted({f.role for f in figures}))}"
            )
        role = resolved
    sources = {c.source for c in chunks if role is None or c.title == role}
    conflicts = find_conflicts(f"salary pay ({level} level)", figures, sources)
    conflicts += find_conflicts("years of experience required", figures, sources)
    return client_report(chunks, figures, conflicts, level=level, location=location, role=role)


def facts_html(figures: list[Figure]) -> str:
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(f.role)}</td><td>{e(KIND_LABELS.get(f.kind, f.kind))}</td><td>{e(f.subject)}</td>"
        f"<td><b>{e(f.value)}</b></td><td>{e(f.chunk.section_path)}<br><small>{e(f.chunk.source)}, lines "
        f"{f.chunk.start_line}-{f.chunk.end_line}</small></td></tr>"
        for f in figures
        if f.kind in NUMERIC_KINDS
    )
    return (
        "<table class='ra-facts'><tr><th>role</th><th>fact</th><th>about</th><th>value</th>"
        "<th>source</th></tr>" + rows + "</table>"
    )


def to_markdown(r: dict) -> str:
    loc = f"; location: {r['location']}" if r["location"] else ""
    out = [
        f"# {r['role']}: client report (level: {r['level']}{loc})",
        "",
        f"Prepared {r['date']} from the indexed role documents. "
        "Numbers in brackets are the sources at the end.",
        "",
    ]
    if r["summary"]:
        out += ["## Role summary", "", f"{r['summary'][0]} [{r['summary'][1]}]", ""]
    out += ["## Pay for this profile", ""] + [f"- {t} " + "".join(f"[{n}]" for n in ns) for t, ns in r["pay"]]
    out += ["", "| level | national range | source |", "|---|---|---|"]
    out += [f"| {s} | {v} | [{n}] |" for s, v, n in r["pay_table"]]
    if r["premiums"]:
        out += ["", "| location | premium over national average | source |", "|---|---|---|"]
        out += [f"| {s} | {v} | [{n}] |" for s, v, n in r["premiums"]]
    if r["conflicts"]:
        out += ["", "## Conflicting figures", ""]
        out += [f"- {about}: " + ", ".join(f"{v} [{n}]" for v, n in vals) for about, vals in r["conflicts"]]
    for title, key in (("Duties", "duties"), ("Requirements", "requirements")):
        out += ["", f"## {title}", ""]
        for head, text, n in r[key]:
            out += [f"**{head}** [{n}]", "", text, ""]
    out += ["## Sources", ""]
    for i, c in enumerate(r["sources"], start=1):
        out += [f"[{i}] {c.source}, lines {c.start_line}-{c.end_line}, {c.section_path}", ""]
        out += [f"> {line}" for line in c.text.splitlines()] + [""]
    return "\n".join(out).rstrip() + "\n"


def to_html(r: dict) -> str:
    import re

    md = to_markdown(r)
    e = html.escape
    body = []
    for line in md.splitlines():
        if line.startswith("# "):
            body.append(f"<h1>{e(line[2:])}</h1>")
        elif line.startswith("## "):
            body.append(f"<h2>{e(line[3:])}</h2>")
        elif line.startswith("> "):
            body.append(f"<blockquote>{e(line[2:])}</blockquote>")
        elif line.startswith("|---"):
            continue
        elif line.startswith("| "):
            cells = "".join(f"<td>{e(c.strip())}</td>" for c in line.strip("|").split("|"))
            body.append(f"<table><tr>{cells}</tr></table>")
        elif line.strip():
            bold = re.sub(r"[*][*](.+?)[*][*]", r"<b>\1</b>", e(line))
            body.append(f"<p>{bold}</p>")
    return (
        "<!doctype html><meta charset='utf-8'><title>" + e(r["role"]) + " report</title><style>"
        "body{font-family:sans-serif;max-width:50em;margin:auto}blockquote{color:#444;margin:0 1em}"
        "td{padding:2px 8px;border-bottom:1px solid #ddd}table{border-collapse:collapse}</style>"
        + "".join(body)
        + "\n"
    )
