"""The Gradio chat: ``build_app(pool)`` makes the Blocks (tests build it unserved); ``launch`` serves it."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from assistant.answering.assistant import ClientProfile
from assistant.build import AssistantPool
from assistant.errors import AssistantError, InvalidInputError
from assistant.facts.report import facts_html, report_for, to_markdown
from assistant.interfaces.render import answer_markdown, conversation_markdown, sources_html

log = logging.getLogger(__name__)

EXAMPLES = [
    "What does a Lead AI Engineer earn in Seattle?",
    "What are the key responsibilities of a lead engineer in AI?",
    "How many years of experience are required?",
    "Is a PhD a must?",
    "What would a new grad AI engineer make?",
]

CSS = """
.ra-src{border-left:3px solid #ccc;padding:4px 8px;margin:6px 0}
.ra-src pre{white-space:pre-wrap;font-size:0.85em;margin:4px 0}
.ra-src.ra-active{border-left-color:#f59e0b;background:#fffbeb}
.ra-refused{color:#b45309;font-weight:bold}
mark{background:#fde68a}
.ra-facts td,.ra-facts th{padding:3px 8px;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}
"""

# citation links point at #src-<turn>-<n>; scroll the sources panel there instead of navigating
JS = """
() => {
  document.addEventListener('click', (ev) => {
    const a = ev.target.closest('a');
    if (!a) return;
    const href = a.getAttribute('href') || '';
    const i = href.indexOf('#src-');
    if (i < 0) return;
    ev.preventDefault(); ev.stopPropagation();
    const el = document.getElementById(href.slice(i + 1));
    if (!el) return;
    document.querySelectorAll('.ra-src.ra-active').forEach(x => x.classList.remove('ra-active'));
    el.classList.add('ra-active');
    el.scrollIntoView({behavior: 'smooth', block: 'center'});
  }, true);
}
"""


def build_app(pool: AssistantPool):
    import gradio as gr

    def respond(message, chat, turns, backend, k, level="", location=""):
        chat = list(chat or [])
        turns = list(turns or [])
        message = (message or "").strip()
        if not message:
            gr.Warning("Type a question about a role first.")
            yield chat, turns, sources_html(turns), ""
            return
        chat += [{"role": "user", "content": message}, {"role": "assistant", "content": "…"}]
        yield chat, turns, sources_html(turns), ""
        history = [t["question"] for t in turns]
        answer = None
        draft = ""
        try:
            profile = (
                ClientProfile(level.strip(), location.strip() or None) if (level or "").strip() else None
            )
            for event in pool.get(backend).stream(message, history, k=int(k), profile=profile):
                if event.kind == "token":
                    draft += event.text
                    chat[-1] = {"role": "assistant", "content": f"_drafting…_ {draft}"}
                    yield chat, turns, sources_html(turns), ""
                else:
                    answer = event.answer
        except AssistantError as err:
            chat[-1] = {"role": "assistant", "content": f"⚠️ {err}"}
            yield chat, turns, sources_html(turns), ""
            return
        except Exception:  # never a traceback in the chat
            log.exception("answering %r failed", message)
            chat[-1] = {
                "role": "assistant",
                "content": "⚠️ Something went wrong while answering; see the server log.",
            }
            yield chat, turns, sources_html(turns), ""
            return
        turns.append(answer.to_dict())
        chat[-1] = {"role": "assistant", "content": answer_markdown(turns[-1], len(turns) - 1)}
        yield chat, turns, sources_html(turns), ""

    def export(turns):
        if not turns:
            raise gr.Error("Nothing to export yet: ask a question first.")
        folder = Path(tempfile.mkdtemp(prefix="role-assistant-export-"))
        path = folder / "conversation.md"
        path.write_text(conversation_markdown(turns), encoding="utf-8")
        return gr.File(value=str(path), visible=True)

    def client_report(level, location):
        if not (level or "").strip():
            raise gr.Error("Choose the client's level first (Settings > Client profile).")
        r = report_for(
            pool.retriever.chunks,
            pool.figures,
            level=level.strip(),
            location=(location or "").strip() or None,
        )
        folder = Path(tempfile.mkdtemp(prefix="role-assistant-report-"))
        path = folder / f"client-report-{level.strip().lower()}.md"
        path.write_text(to_markdown(r), encoding="utf-8")
        return gr.File(value=str(path), visible=True)

    def ask(question: str, history: list[str] | None = None, backend: str = "", k: int = 5) -> dict:
        """Answer one question; returns the answer, its citations and conflicts as JSON."""
        try:
            answer = pool.get(backend or None).ask(question, list(history or []), k=int(k))
        except AssistantError as err:
            raise gr.Error(str(err)) from None
        return answer.to_dict()

    levels = sorted({f.subject for f in pool.figures if f.kind == "salary" and f.subject != f.role})
    with gr.Blocks(title="Role assistant") as app:
        gr.Markdown("## Role assistant\n" + pool.corpus_note(), elem_id="corpus-note")
        turns = gr.State([])
        with gr.Tab("Chat"):
            with gr.Row():
                with gr.Column(scale=3):
                    chat = gr.Chatbot(label="Chat", height=480, elem_id="chat", buttons=["copy"])
                    with gr.Row():
                        box = gr.Textbox(
                            placeholder="Ask about duties, requirements or pay…",
                            show_label=False,
                            scale=5,
                            elem_id="question",
                            max_length=2000,
                            submit_btn=False,
                        )
                        send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                    gr.Examples(EXAMPLES, inputs=box, label="Try")
                    with gr.Row():
                        new = gr.Button("New chat", elem_id="new-chat")
                        export_btn = gr.Button("Export conversation (.md)", elem_id="export")
                    with gr.Accordion("Settings", open=False):
                        backend = gr.Dropdown(
                            list(pool.backends),
                            value=pool.default_backend,
                            label="Backend",
                            elem_id="backend",
                        )
                        k = gr.Slider(1, 10, value=pool.settings.k, step=1, label="Passages to retrieve")
                        gr.Markdown(
                            "**Client profile** — pay questions are answered for this level and city."
                        )
                        with gr.Row():
                            level = gr.Dropdown(
                                [""] + levels,
                                value="",
                                label="Level",
                                allow_custom_value=True,
                                elem_id="level",
                            )
                            location = gr.Textbox(
                                label="Location", placeholder="e.g. Seattle", elem_id="location"
                            )
                        report_btn = gr.Button("Client report (.md)", elem_id="report")
                    download = gr.File(label="Download", interactive=False, elem_id="download", visible=False)
                with gr.Column(scale=2):
                    gr.Markdown("### Sources")
                    sources = gr.HTML(sources_html([]), elem_id="sources")
        with gr.Tab("Role facts"):
            gr.Markdown(
                "Figures extracted from the documents, each with its passage. Where documents "
                "disagree, every value is listed."
            )
            gr.HTML(facts_html(pool.figures), elem_id="facts")
        outputs = [chat, turns, sources, box]
        inputs = [box, chat, turns, backend, k, level, location]
        send.click(respond, inputs, outputs, api_visibility="private")
        box.submit(respond, inputs, outputs, api_visibility="private")
        new.click(lambda: ([], [], sources_html([]), ""), None, outputs, api_visibility="private")
        export_btn.click(export, turns, download, api_visibility="private")
        report_btn.click(client_report, [level, location], download, api_visibility="private")
        gr.api(ask, api_name="ask")
    return app


def parse_auth(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise InvalidInputError("--auth must look like user:password")
    return user, password


def launch(
    pool: AssistantPool,
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: str | None = None,
    concurrency: int = 2,
    max_queue: int = 32,
    block: bool = True,
):
    """Serve the chat; requests queue with ``concurrency`` workers and at most ``max_queue`` waiting."""
    import gradio as gr

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    app = build_app(pool)
    app.queue(default_concurrency_limit=concurrency, max_size=max_queue)
    app.launch(
        server_name=host,
        server_port=port,
        auth=parse_auth(auth or os.environ.get("ROLE_ASSISTANT_AUTH")),
        show_error=False,
        quiet=True,
        prevent_thread_lock=not block,
        css=CSS,
        js=JS,
        theme=gr.themes.Soft(),
        footer_links=["api"],
    )
    return app
