"""Render evaluation results: a terminal table, Markdown and HTML reports."""

from __future__ import annotations

import html
import time

from assistant.evaluation.metrics import METRICS


def _fmt(v, metric: str = "") -> str:
    if v is None:
        return "-"
    if metric.endswith("_ms"):
        return f"{v:.0f}"
    if isinstance(v, float):
        return f"{v:.3f}" if v <= 1.0 else f"{v:.0f}"
    return str(v)


def table(summary: dict[str, dict]) -> str:
    backends = list(summary)
    width = max(12, *(len(b) for b in backends))
    lines = [f"{'metric':<20}" + "".join(f"{b:>{width + 2}}" for b in backends)]
    for m in METRICS:
        lines.append(f"{m:<20}" + "".join(f"{_fmt(summary[b].get(m), m):>{width + 2}}" for b in backends))
    return "\n".join(lines)


def failures_text(cases: dict[str, list[dict]], limit: int = 30) -> str:
    lines = []
    for backend, rows in cases.items():
        failing = [r for r in rows if r["failures"]]
        lines.append(f"{backend}: {len(failing)} of {len(rows)} cases failing")
        for r in failing[:limit]:
            lines.append(f"  #{r['n']} [{r['category']}] {r['question']}: {'; '.join(r['failures'])}")
        if len(failing) > limit:
            lines.append(f"  ... and {len(failing) - limit} more")
    return "\n".join(lines)


def markdown(report: dict, source: str) -> str:
    summary, cats, cases = report["summary"], report["by_category"], report["cases"]
    backends = list(summary)
    out = [
        f"# Evaluation of {source}",
        "",
        f"Run on {time.strftime('%Y-%m-%d %H:%M')}.",
        "",
        "| metric | " + " | ".join(backends) + " |",
        "|---|" + "---|" * len(backends),
    ]
    out += [f"| {m} | " + " | ".join(_fmt(summary[b].get(m), m) for b in backends) + " |" for m in METRICS]
    for b in backends:
        out += [
            "",
            f"## {b} by category",
            "",
            "| category | " + " | ".join(METRICS) + " |",
            "|---|" + "---|" * len(METRICS),
        ]
        out += [
            f"| {c} | " + " | ".join(_fmt(v.get(m), m) for m in METRICS) + " |" for c, v in cats[b].items()
        ]
        failing = [r for r in cases[b] if r["failures"]]
        out += ["", f"### {b}: failing cases ({len(failing)})", ""]
        out += [
            f"- #{r['n']} *{r['question']}* — {'; '.join(r['failures'])}  \n  answer: {r['answer']}"
            for r in failing
        ] or ["None."]
    return "\n".join(out) + "\n"


def html_page(report: dict, source: str) -> str:
    summary, cases = report["summary"], report["cases"]
    backends = list(summary)
    e = html.escape
    rows = "".join(
        f"<tr><th>{e(m)}</th>"
        + "".join(f"<td>{e(_fmt(summary[b].get(m), m))}</td>" for b in backends)
        + "</tr>"
        for m in METRICS
    )
    parts = [
        f"<!doctype html><meta charset='utf-8'><title>Evaluation of {e(source)}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:auto}td,th{padding:2px 8px;"
        "border-bottom:1px solid #ddd;text-align:left}</style>",
        f"<h1>Evaluation of {e(source)}</h1><p>Run on {e(time.strftime('%Y-%m-%d %H:%M'))}.</p>",
        "<table><tr><th>metric</th>" + "".join(f"<th>{e(b)}</th>" for b in backends) + f"</tr>{rows}</table>",
    ]
    for b in backends:
        failing = [r for r in cases[b] if r["failures"]]
        parts.append(f"<h2>{e(b)}: failing cases ({len(failing)})</h2><ul>")
        parts += [
            f"<li>#{r['n']} <em>{e(r['question'])}</em>: {e('; '.join(r['failures']))}"
            f"<br><small>{e(r['answer'])}</small></li>"
            for r in failing
        ]
        parts.append("</ul>")
    return "".join(parts) + "\n"
