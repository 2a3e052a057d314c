"""Evaluation results for people: a terminal table, and Markdown and HTML reports from jinja2 templates."""

from __future__ import annotations

import functools
import re
import time
from typing import Any

from assistant.evaluation.metrics import METRICS

# Markdown punctuation that would turn a question or an answer into emphasis, a link, code or a
# table cell; < > & are left to HTML escaping, which Markdown renders as text
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def _fmt(v: Any, metric: str = "") -> str:
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


def _markdown_text(value: Any) -> Any:
    """Every value a Markdown template prints: one line, its Markdown punctuation backslash-escaped.

    >>> _markdown_text("**Paid?**\\n# [link](x) | <b>")
    '\\\\*\\\\*Paid?\\\\*\\\\* \\\\# \\\\[link\\\\](x) \\\\| <b>'
    """
    from markupsafe import Markup

    if isinstance(value, Markup):
        return value
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


@functools.cache
def _environment(kind: str):
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("assistant", "templates"),
        autoescape=True,  # both formats: a question holding <script> must stay text
        finalize=_markdown_text if kind == "md" else None,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["fmt"] = _fmt
    # plain text, not jinja's join (which returns markup the Markdown escaping would skip)
    env.filters["semicolons"] = lambda items: "; ".join(str(i) for i in items)
    return env


def _render(kind: str, files: list[dict], generated: str | None) -> str:
    from markupsafe import Markup

    template = _environment(kind).get_template(f"eval_report.{kind}.j2")
    return template.render(
        files=files,
        # our own names, printed as they are (fact_recall, not fact\_recall)
        metrics=[Markup(m) for m in METRICS],
        generated=generated or time.strftime("%Y-%m-%d %H:%M"),
    )


def markdown(files: list[dict], *, generated: str | None = None) -> str:
    """One Markdown report with a section per question set (see ``metrics.file_report``)."""
    return _render("md", files, generated)


def html_page(files: list[dict], *, generated: str | None = None) -> str:
    """One HTML page with a section per question set (see ``metrics.file_report``)."""
    return _render("html", files, generated)
