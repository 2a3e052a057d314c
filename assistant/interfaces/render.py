"""Answers as Markdown and HTML for the chat, and a conversation export a coach can pass on."""

from __future__ import annotations

import html
import re
import time

from assistant.indexing.text import tokenize

_CITE = re.compile(r"\[(\d+)\]")


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


def answer_markdown(answer: dict, turn: int) -> str:
    """The chat bubble: citation markers become links to the passage in the sources panel."""
    text = answer["answer"]
    if answer["refused"]:
        closest = "".join(f"\n- {h['section']} ({h['source']})" for h in answer.get("closest", []))
        return f"⚠️ **Not covered by the documents.** {text}{closest}"
    linked = _CITE.sub(lambda m: f"[[{m.group(1)}]](#src-{turn}-{m.group(1)})", text)
    linked = linked.replace("Note: the documents disagree", "\n\n⚖️ **The documents disagree**", 1)
    notices = "".join(f"\n\n_({n})_" for n in answer.get("notices", []))
    return linked + notices


def sources_html(turns: list[dict]) -> str:
    """Every cited passage of the conversation, newest answer first, with its anchor id."""
    if not turns:
        return "<p class='ra-empty'>Cited passages appear here. Click a [n] marker to jump to one.</p>"
    e = html.escape
    parts = []
    for turn in range(len(turns) - 1, -1, -1):
        a = turns[turn]
        parts.append(f"<div class='ra-turn'><h4>Q{turn + 1}: {e(a['question'])}</h4>")
        if a["refused"]:
            parts.append("<p class='ra-refused'>Not covered. Closest passages:</p>")
            for h in a.get("closest", []):
                parts.append(
                    f"<div class='ra-src ra-closest'><b>{e(h['section'])}</b> "
                    f"<small>{e(h['source'])}</small><pre>{e(h['text'])}</pre></div>"
                )
        for c in a["citations"]:
            lines = c["text"].splitlines()
            marked = _best_lines(c["text"], c.get("supports", []))
            body = "\n".join(
                f"<mark>{e(line)}</mark>" if i in marked else e(line) for i, line in enumerate(lines)
            )
            parts.append(
                f"<div class='ra-src' id='src-{turn}-{c['n']}'><b>[{c['n']}] {e(c['section'])}</b> "
                f"<small>{e(c['source'])}, lines {c['lines'][0]}-{c['lines'][1]}</small>"
                f"<pre>{body}</pre></div>"
            )
        parts.append("</div>")
    return "".join(parts)


def conversation_markdown(turns: list[dict], *, title: str = "Role assistant conversation") -> str:
    """Export: each question, its answer, and the full text of every cited passage."""
    out = [f"# {title}", "", f"Exported {time.strftime('%Y-%m-%d %H:%M')}.", ""]
    for i, a in enumerate(turns, start=1):
        out += [f"## Q{i}. {a['question']}", "", a["answer"], ""]
        if a["citations"]:
            out += ["Sources:", ""]
            for c in a["citations"]:
                quoted = "\n".join(f"> {line}" for line in c["text"].splitlines())
                out += [
                    f"[{c['n']}] {c['source']}, lines {c['lines'][0]}-{c['lines'][1]}, {c['section']}",
                    "",
                    quoted,
                    "",
                ]
    return "\n".join(out).rstrip() + "\n"
