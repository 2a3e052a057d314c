"""The chat's text and HTML: answers as Markdown, panels and tables from jinja2 templates (autoescaped)."""

from __future__ import annotations

import html
import re
import time
from functools import cache
from urllib.parse import quote

from assistant.facts.extraction import Figure
from assistant.facts.report import KIND_LABELS
from assistant.indexing.text import tokenize

_CITE = re.compile(r"\[(\d+)\]")
# every character Markdown (or the HTML inside it) could read as syntax
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$])")
_DISAGREE = "Note: the documents disagree"
_LISTED_BELOW = " The closest passages are listed below."


def _md_safe(value):
    """Markdown output: a tag in a question or passage must read as text, not render as HTML."""
    return value.replace("<", "&lt;") if isinstance(value, str) else value


@cache
def _env(markdown: bool = False):
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("assistant", "templates"),
        # everything rendered here holds user or document text; Markdown escapes only what opens a tag,
        # so "R&D" and "Salary > Senior" stay readable in the exported file
        autoescape=not markdown,
        finalize=_md_safe if markdown else None,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _render(name: str, **values) -> str:
    return _env(name.endswith(".md.j2")).get_template(name).render(**values)


def md_text(text: str) -> str:
    """Text that Markdown shows exactly as typed: ``<b>x</b>`` and ``**x**`` stay literal.

    >>> md_text("**x** <b>y</b>")
    '\\\\*\\\\*x\\\\*\\\\* &lt;b&gt;y&lt;/b&gt;'
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def doc_ref(source: str, first: int = 1, last: int = 1) -> str:
    """The fragment the page script reads to open a document at its lines: ``name.txt:3-5``."""
    return f"{quote(source, safe='')}:{first}-{last}"


def _close(hits: list[dict], close: float) -> list[dict]:
    """Closest passages worth showing with a refusal: only ones near the question in meaning."""
    return [h for h in hits if (h.get("dense_score") or 0.0) >= close]


def chips(turn: dict) -> str:
    """What the question was understood to be about: role, level, place (when known)."""
    c = turn.get("chips") or {}
    return " · ".join(f"{k}: {c[k]}" for k in ("role", "level", "place", "follow-up") if c.get(k))


def answer_markdown(answer: dict, turn: int, *, covers: str = "", close: float = 0.0) -> str:
    """The chat bubble: escaped text, citation markers as links to the passage in the Sources panel."""
    about = chips(answer)
    head = f"<sub>{md_text(about)}</sub>\n\n" if about else ""
    if answer["refused"]:
        closest = _close(answer.get("closest", []), close)
        text = answer["answer"]
        if not closest:
            text = text.replace(_LISTED_BELOW, "")
        listed = "".join(f"\n- {md_text(h['section'])} ({md_text(h['source'])})" for h in closest)
        # the refusal may already say what the documents cover; say it once
        tail = f"\n\n{md_text(covers)}" if covers and text.lower().count("cover") < 2 else ""
        return f"{head}⚠️ **Not covered by the documents.** {md_text(text)}{tail}{listed}"
    parts = _CITE.split(answer["answer"])
    linked = "".join(
        md_text(p) if i % 2 == 0 else f"[\\[{p}\\]](#src-{turn}-{p})" for i, p in enumerate(parts)
    )
    linked = linked.replace(_DISAGREE, "\n\n⚖️ **The documents disagree**", 1)
    notices = "".join(f"\n\n_({md_text(n)})_" for n in answer.get("notices", []))
    origin = provenance_line(answer.get("citations", []))
    return head + linked + notices + (f"\n\n<sub>{md_text(origin)}</sub>" if origin else "")


def provenance_line(citations: list[dict]) -> str:
    """Which corpus each cited passage comes from, when any is published data with a release.

    >>> provenance_line([{"n": 1, "provenance": "BLS OEWS May 2025"}, {"n": 2, "provenance": ""}])
    'Sources: BLS OEWS May 2025 [1]; role documents [2]'
    >>> provenance_line([{"n": 1, "provenance": ""}])
    ''
    """
    groups: dict[str, list[int]] = {}
    for c in citations:
        groups.setdefault(c.get("provenance") or "", []).append(c["n"])
    if not any(groups):
        return ""  # only role documents: the usual case needs no label
    parts = [
        f"{name or 'role documents'} " + "".join(f"[{n}]" for n in ns)
        for name, ns in sorted(groups.items(), key=lambda kv: kv[1][0])
    ]
    return "Sources: " + "; ".join(parts)


def pending_markdown(status: str, sentences: list[str]) -> str:
    """An answer being written: its verified sentences so far, then what is happening now."""
    said = " ".join(md_text(_CITE.sub("", s).strip()) for s in sentences)
    return f"{said}\n\n_{md_text(status)}_" if said else f"_{md_text(status)}_"


def _best_lines(passage: str, sentences: list[str]) -> set[int]:
    """The passage lines that best match each sentence they support (to highlight them)."""
    lines = [set(tokenize(line)) for line in passage.splitlines()]
    marked = set()
    for sentence in sentences:
        want = set(tokenize(sentence))
        if not want or not lines:
            continue
        scores = [len(want & line) for line in lines]
        best = max(range(len(lines)), key=lambda i: scores[i])
        if scores[best]:
            marked.add(best)
    return marked


def _without(section: str, provenance: str) -> str:
    """``Wages by metro area, BLS OEWS May 2025 > Seattle (metro area), BLS OEWS May 2025`` shown
    under a "BLS OEWS May 2025" badge reads ``Wages by metro area > Seattle (metro area)``."""
    return section.replace(f", {provenance}", "") if provenance else section


def sources_html(turns: list[dict], *, close: float = 0.0) -> str:
    """Every cited passage of the conversation, newest answer first and open, older ones folded."""
    view = []
    for index in range(len(turns) - 1, -1, -1):
        a = turns[index]
        cites = []
        for c in a["citations"]:
            cites.append(
                {
                    **c,
                    "doc_ref": doc_ref(c["source"], *c["lines"]),
                    # the badge names the source and release: the headings need not say it again
                    "section": _without(c["section"], c.get("provenance", "")),
                    "lines_text": c["text"].splitlines(),
                    "marked": _best_lines(c["text"], c.get("supports", [])),
                }
            )
        view.append(
            {
                "index": index,
                "question": a["question"],
                "refused": a["refused"],
                "closest": _close(a.get("closest", []), close) if a["refused"] else [],
                "citations": cites,
            }
        )
    return _render("chat_sources.html.j2", turns=view)


def _as_stated(f: Figure) -> str:
    """The value the way the document words it ("Can exceed $300,000"), not only the parsed figure."""
    if getattr(f, "qualifier", "") or f.value not in f.line:
        return f.value  # the extractor already kept the document's wording
    label, sep, rest = f.line.strip().lstrip("-*• ").partition(":")
    stated = rest.strip() if sep else ""
    return stated if stated and f.value in stated and len(stated) <= 120 else f.value


def _fact_key(f: Figure) -> tuple:
    """What two figures must share to disagree: a yearly and an hourly median never do."""
    level = getattr(f, "level", None) or f.subject.lower()
    return (f.role, f.kind, level, getattr(f, "place", None), f.period, f.percentile)


def fact_rows(figures: list[Figure], *, role: str | None = None) -> list[dict]:
    """One row per figure (not degrees or skills), grouped by role, disagreeing values flagged."""
    rows = [f for f in figures if (f.low is not None or f.high is not None) and (not role or f.role == role)]
    # one row per source line: "Median wage: $97,550 a year, $46.90 an hour" holds two figures
    seen: set[tuple] = set()
    unique = []
    for f in rows:
        key = (f.chunk.chunk_id, f.line, f.kind)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    rows = unique
    values: dict[tuple, set[str]] = {}
    for f in rows:
        values.setdefault(_fact_key(f), set()).add(f.value)
    groups: dict[str, list[dict]] = {}
    for f in rows:
        others = sorted(values[_fact_key(f)] - {f.value})
        groups.setdefault(f.role, []).append(
            {
                "kind": KIND_LABELS.get(f.kind, f.kind.replace("_", " ").capitalize()),
                "subject": f.subject,
                "value": _as_stated(f),
                "disagree": bool(others),
                "others": others,
                "section": f.chunk.section_path,
                "source": f.chunk.source,
                "lines": f"{f.chunk.start_line}-{f.chunk.end_line}",
            }
        )
    return [{"role": r, "rows": groups[r]} for r in sorted(groups)]


FACT_ROWS_SHOWN = 400  # per role; an official-statistics role has thousands (every area), the CSV has all


def facts_html(figures: list[Figure], *, role: str | None = None, limit: int = FACT_ROWS_SHOWN) -> str:
    groups = fact_rows(figures, role=role)
    for g in groups:
        g["total"] = len(g["rows"])
        g["rows"] = g["rows"][:limit]
    return _render("chat_facts.html.j2", groups=groups, role=role)


def documents_html(manifest: dict, roles: dict[str, str]) -> str:
    """The Documents tab: each indexed document, its role, passages and modification date."""
    files = manifest.get("files", {})
    docs = []
    for source, meta in sorted(files.items()):
        mtime = meta.get("mtime_ns")
        docs.append(
            {
                "source": source,
                "ref": doc_ref(source),
                "role": roles.get(source) or meta.get("role") or meta.get("title", ""),
                "chunks": meta.get("chunks", 0),
                "modified": time.strftime("%Y-%m-%d", time.localtime(mtime / 1e9)) if mtime else "",
            }
        )
    return _render(
        "chat_documents.html.j2",
        docs=docs,
        passages=sum(d["chunks"] for d in docs),
        built_at=str(manifest.get("built_at", "?"))[:16].replace("T", " "),
    )


def document_html(source: str, role: str, text: str, *, first: int = 0, last: int = -1) -> str:
    """A whole document with numbered lines; lines ``first``..``last`` (1-based) are marked."""
    return _render(
        "chat_document.html.j2", source=source, role=role, lines=text.splitlines(), first=first, last=last
    )


def conversation_markdown(
    turns: list[dict],
    *,
    title: str = "Role assistant conversation",
    role: str | None = None,
    profile: str | None = None,
    close: float = 0.0,
) -> str:
    """Export: each question, its answer and the full text of every cited passage (for a refusal,
    the closest passages it names); HTML escaped."""
    view = []
    for t in turns:
        closest = _close(t.get("closest", []), close) if t.get("refused") else []
        answer = t["answer"] if closest or not t.get("refused") else t["answer"].replace(_LISTED_BELOW, "")
        view.append({**t, "answer": answer, "chips": chips(t), "closest": closest})
    return (
        _render(
            "chat_export.md.j2",
            title=title,
            exported=time.strftime("%Y-%m-%d %H:%M"),
            role=role,
            profile=profile,
            turns=view,
        ).rstrip()
        + "\n"
    )


def status_html(text: str, *, running: bool = False) -> str:
    """The one-line status under the chat (what is happening, errors); escaped text."""
    cls = "ra-status ra-running" if running else "ra-status"
    return f"<div class='{cls}' role='status'>{html.escape(text)}</div>" if text else ""
