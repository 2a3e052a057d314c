"""The Gradio chat: ``build_app(pool)`` makes the Blocks (tests build it unserved); ``launch`` serves it."""

# no `from __future__ import annotations`: Gradio reads the gr.Request / gr.LikeData annotations
# of the handlers below as objects to know what to pass them
import logging
import os
import threading
from importlib.resources import files
from pathlib import Path
from types import SimpleNamespace

from assistant.build import AssistantPool
from assistant.errors import InvalidInputError
from assistant.interfaces import render
from assistant.interfaces.chat_actions import ChatApp
from assistant.interfaces.chat_files import Downloads
from assistant.interfaces.chat_guard import LoginThrottle

log = logging.getLogger(__name__)
LOOPBACK = ("127.0.0.1", "localhost", "::1")
# cheap page events (stop, new chat, exports) share a bound of their own, so they never wait
# behind answers, and index changes run one at a time
UI_LIMIT = 8


def asset(name: str) -> str:
    """A file from assistant/templates (the page's CSS and script ship with the package)."""
    return files("assistant").joinpath("templates", name).read_text(encoding="utf-8")


def build_app(pool: AssistantPool, *, allow_upload: bool = False, concurrency: int = 2, downloads=None):
    """The chat as gr.Blocks, not yet served; ``app.chat`` is its ChatApp."""
    import gradio as gr
    from gradio.utils import get_upload_folder

    ttl = pool.settings.download_ttl_seconds
    # inside Gradio's cache folder, so Gradio serves these files without a copy that would outlive them
    downloads = downloads or Downloads(Path(get_upload_folder()) / "role-assistant", ttl=ttl)
    ui = ChatApp(pool, downloads=downloads, allow_upload=allow_upload)
    c = SimpleNamespace()
    with gr.Blocks(title="Role assistant", delete_cache=(60, ttl)) as app:
        _header(gr, ui, c)
        with gr.Tab("Chat", id="chat-tab"):
            _chat_tab(gr, ui, c)
        with gr.Tab("Documents", id="documents-tab"):
            _documents_tab(gr, ui, c)
        with gr.Tab("Role facts", id="facts-tab"):
            _facts_tab(gr, ui, c)
        _wire_answering(gr, ui, c, concurrency)
        _wire_files(gr, ui, c)
        _wire_feedback(gr, ui, c)
        _wire_documents(gr, ui, c)
        _wire_api(gr, ui, concurrency)

        def session_ended(request: gr.Request):
            ui.sessions.stop(request.session_hash)
            downloads.end(request.session_hash)

        app.unload(session_ended)
    app.chat = ui
    return app


# -- layout -----------------------------------------------------------------------------------------
def _header(gr, ui: ChatApp, c) -> None:
    with gr.Row(equal_height=False, elem_id="header"):
        c.note = gr.Markdown(ui.header(), elem_id="corpus-note")
        c.role = gr.Dropdown(
            ui.role_options(),
            value="",
            label="Role",
            filterable=True,
            elem_id="role",
            scale=0,
            min_width=240,
        )


def _chat_tab(gr, ui: ChatApp, c) -> None:
    s = ui.settings
    c.turns = gr.State([])
    c.pending = gr.State("")
    c.rated = gr.State(None)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=300):
            c.chat = gr.Chatbot(
                show_label=False,
                elem_id="chat",
                buttons=["copy"],
                height=560,
                group_consecutive_messages=False,
                placeholder="Ask about a role's duties, requirements or pay; answers cite their passages.",
            )
            c.status = gr.HTML("", elem_id="status")
            with gr.Row(elem_id="input-row"):
                c.box = gr.Textbox(
                    placeholder="Ask about duties, requirements or pay…",
                    show_label=False,
                    scale=5,
                    min_width=160,
                    elem_id="question",
                    max_length=s.max_question_chars,
                    submit_btn=False,
                )
                c.send = gr.Button("Ask", variant="primary", scale=1, min_width=80, elem_id="ask")
                c.stop = gr.Button(
                    "Stop", variant="stop", scale=1, min_width=80, elem_id="stop", visible=False
                )
            with gr.Row(elem_id="chat-buttons"):
                c.new = gr.Button("New chat", size="sm", elem_id="new-chat")
                c.export = gr.Button("Export (.md)", size="sm", elem_id="export")
                c.save_case = gr.Button("Save as test case", size="sm", elem_id="save-case")
                gr.Button("Sources", size="sm", elem_id="sources-toggle")
            with gr.Row(visible=False, elem_id="note-row") as c.note_row:
                c.note_box = gr.Textbox(
                    placeholder="What was right or wrong? (optional)",
                    show_label=False,
                    scale=4,
                    max_length=2000,
                )
                c.note_send = gr.Button("Send note", size="sm", scale=1, elem_id="note-send")
            # a Dataset, not gr.Examples: its click is an event of ours, on the queue like every other
            c.examples = gr.Dataset(
                components=[c.box], samples=[[q] for q in ui.examples()], label="Try", elem_id="examples"
            )
            with gr.Accordion("Settings", open=False, elem_id="settings"):
                c.backend = gr.Dropdown(
                    list(ui.pool.backends), value=ui.pool.default_backend, label="Backend", elem_id="backend"
                )
                c.k = gr.Slider(1, 10, value=s.k, step=1, label="Passages to retrieve", elem_id="k")
                gr.Markdown("**Client profile**: pay questions are answered for this level and city.")
                with gr.Row():
                    c.level = gr.Dropdown(ui.levels(), value="", label="Level", elem_id="level")
                    c.location = gr.Textbox(
                        label="Location", placeholder="e.g. Seattle", elem_id="location", max_length=60
                    )
                c.report = gr.Button("Client report (.md)", size="sm", elem_id="report")
            c.download = gr.File(label="Download", interactive=False, elem_id="download", visible=False)
        with gr.Column(scale=2, min_width=280, elem_id="sources-col"):
            gr.Markdown("### Sources")
            c.sources = gr.HTML(render.sources_html([]), elem_id="sources")


def _documents_tab(gr, ui: ChatApp, c) -> None:
    c.docs = gr.HTML(ui.documents(), elem_id="documents")
    c.doc_request = gr.Textbox(visible="hidden", elem_id="doc-request")
    c.doc_view = gr.HTML("", elem_id="doc-view")
    c.doc_status = gr.HTML("", elem_id="doc-status")
    if not ui.allow_upload:
        return
    with gr.Accordion("Add or remove documents", open=False, elem_id="manage-docs"):
        c.upload = gr.File(
            label=f"Add a .txt, .md or .pdf (up to {_size(ui.settings.max_upload_bytes)})",
            file_types=[".txt", ".md", ".pdf"],
            type="filepath",
            elem_id="upload",
        )
        c.add = gr.Button("Add to the corpus", elem_id="add-doc")
        with gr.Row():
            c.remove_choice = gr.Dropdown(ui.document_sources(), label="Document", elem_id="remove-choice")
            c.remove = gr.Button("Remove", variant="stop", elem_id="remove-doc")


def _size(n: int) -> str:
    return f"{n / 1_000_000:g} MB" if n >= 1_000_000 else f"{n / 1000:g} KB"


def _facts_tab(gr, ui: ChatApp, c) -> None:
    names = ui.role_names()
    many = len(names) > 20  # thousands of rows would make the page crawl
    gr.Markdown(
        "Figures extracted from the documents, each with its passage. Values read as the document "
        "states them; where documents disagree the row is marked. Click a column to sort."
    )
    with gr.Row():
        c.facts_role = gr.Dropdown(
            ([] if many else [("All roles", "")]) + [(n, n) for n in names],
            value=names[0] if many else "",
            label="Role",
            filterable=True,
            elem_id="facts-role",
        )
        c.facts_csv = gr.Button("Download CSV", size="sm", elem_id="facts-csv")
    c.facts_file = gr.File(label="CSV", interactive=False, visible=False, elem_id="facts-file")
    c.facts = gr.HTML(render.facts_html(ui.pool.figures, role=names[0] if many else None), elem_id="facts")


# -- behaviour --------------------------------------------------------------------------------------
def _buttons(gr, busy: bool):
    return gr.update(interactive=not busy), gr.update(visible=busy)


def _wire_answering(gr, ui: ChatApp, c, concurrency: int) -> None:
    ui_opts = {"api_visibility": "private", "concurrency_id": "ui", "concurrency_limit": UI_LIMIT}

    def begin(message, chat, request: gr.Request):
        chat, box, pending, status, busy = ui.begin(request.session_hash, message, chat or [])
        return chat, box, pending, status, *_buttons(gr, busy)

    def respond(question, chat, turns, backend, k, level, location, role, request: gr.Request):
        for chat_, turns_, sources, status, busy in ui.respond(
            request.session_hash, question, chat, turns, backend, k, level, location, role
        ):
            values = (chat_, turns_, sources, status)
            yield *(gr.skip() if v is None else v for v in values), *_buttons(gr, busy)

    started = gr.on(
        [c.send.click, c.box.submit],
        begin,
        [c.box, c.chat],
        [c.chat, c.box, c.pending, c.status, c.send, c.stop],
        show_progress="hidden",
        **ui_opts,
    )
    started.then(
        respond,
        [c.pending, c.chat, c.turns, c.backend, c.k, c.level, c.location, c.role],
        [c.chat, c.turns, c.sources, c.status, c.send, c.stop],
        show_progress="minimal",
        show_progress_on=c.chat,  # queue position on the chat; the status line is ours
        api_visibility="private",
        concurrency_id="answer",
        concurrency_limit=concurrency,
    )

    def stop(request: gr.Request):
        return ui.stop(request.session_hash)

    # no output: the answer itself reports "Stopped." (a reply here could arrive after it)
    c.stop.click(stop, None, None, show_progress="hidden", **ui_opts)

    def new_chat(request: gr.Request):
        return *ui.new_chat(request.session_hash), *_buttons(gr, False)

    clear_out = [c.chat, c.turns, c.sources, c.status, c.pending, c.send, c.stop]
    c.new.click(new_chat, None, clear_out, show_progress="hidden", **ui_opts)
    c.chat.clear(new_chat, None, clear_out, show_progress="hidden", **ui_opts)
    c.role.change(ui.header, c.role, c.note, show_progress="hidden", **ui_opts)
    c.examples.click(lambda sample: sample[0], c.examples, c.box, show_progress="hidden", **ui_opts)


def _shown(gr, path):
    return gr.update(value=str(path), visible=True) if path else gr.skip()


def _wire_files(gr, ui: ChatApp, c) -> None:
    opts = {"api_visibility": "private", "concurrency_id": "ui", "concurrency_limit": UI_LIMIT}

    def export(turns, role, level, location, request: gr.Request):
        path, status = ui.export(request.session_hash, turns, role, level, location)
        return _shown(gr, path), status

    def report(level, location, role, request: gr.Request):
        path, status = ui.client_report(request.session_hash, level, location, role)
        return _shown(gr, path), status

    def facts_csv(role, request: gr.Request):
        return _shown(gr, ui.facts_csv(request.session_hash, role))

    c.export.click(export, [c.turns, c.role, c.level, c.location], [c.download, c.status], **opts)
    c.report.click(report, [c.level, c.location, c.role], [c.download, c.status], **opts)
    c.save_case.click(ui.save_case, c.turns, c.status, **opts)
    c.facts_csv.click(facts_csv, c.facts_role, c.facts_file, **opts)
    c.facts_role.change(
        lambda role: render.facts_html(ui.pool.figures, role=role or None), c.facts_role, c.facts, **opts
    )


def _wire_feedback(gr, ui: ChatApp, c) -> None:
    opts = {"api_visibility": "private", "concurrency_id": "ui", "concurrency_limit": UI_LIMIT}

    def liked(turns, data: gr.LikeData):
        turn, status = ui.feedback(turns, data.index, data.liked)
        return turn, status, gr.update(visible=turn is not None)

    def note(turn, text):
        return ui.note(turn, text), "", gr.update(visible=False)

    c.chat.like(liked, c.turns, [c.rated, c.status, c.note_row], **opts)
    c.note_send.click(note, [c.rated, c.note_box], [c.status, c.note_box, c.note_row], **opts)


def _wire_documents(gr, ui: ChatApp, c) -> None:
    opts = {"api_visibility": "private", "concurrency_id": "ui", "concurrency_limit": UI_LIMIT}
    c.doc_request.change(ui.open_document, c.doc_request, c.doc_view, show_progress="hidden", **opts)
    if not ui.allow_upload:
        return
    index = {"api_visibility": "private", "concurrency_id": "index", "concurrency_limit": 1}

    def refreshed():
        names = ui.role_options()
        return (
            ui.documents(),
            gr.update(choices=names),
            gr.update(choices=ui.document_sources(), value=None),
            ui.header(),
            gr.update(value=None),
        )

    after = [c.docs, c.role, c.remove_choice, c.note, c.upload]

    def add(path, progress=gr.Progress(track_tqdm=True)):  # noqa: B008 - Gradio's documented pattern
        progress(0, desc="Indexing…")
        return ui.add_document(path)

    c.add.click(add, c.upload, c.doc_status, **index).then(refreshed, None, after, **opts)
    c.remove.click(ui.remove_document, c.remove_choice, c.doc_status, **index).then(
        refreshed, None, after, **opts
    )


def _wire_api(gr, ui: ChatApp, concurrency: int) -> None:
    def ask(
        question: str, history: list[str] | None = None, backend: str = "", k: int = 5, role: str = ""
    ) -> dict:
        """Answer one question; returns the answer, its citations and conflicts as JSON."""
        from assistant.errors import AssistantError

        try:
            return ui.ask(question, history, backend, k, role)
        except AssistantError as err:
            raise gr.Error(str(err), print_exception=False) from None

    # answers from the API and from the page share one bound
    gr.api(ask, api_name="ask", concurrency_id="answer", concurrency_limit=concurrency)


# -- serving ------------------------------------------------------------------------------------------
def parse_auth(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise InvalidInputError("--auth must look like user:password")
    return user, password


def check_exposure(host: str, *, allow_upload: bool, auth: tuple[str, str] | None) -> None:
    """Uploads change the corpus: beyond this machine they need a login."""
    if allow_upload and host not in LOOPBACK and auth is None:
        raise InvalidInputError(
            f"--allow-upload on {host} needs --auth user:password (or listen on 127.0.0.1)"
        )


def launch(
    pool: AssistantPool,
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: str | None = None,
    concurrency: int = 2,
    max_queue: int = 32,
    block: bool = True,
    allow_upload: bool = False,
):
    """Serve the chat; answers run ``concurrency`` at a time with at most ``max_queue`` waiting.

    Every event goes through the queue (``api_open=False``): a direct POST to an event's route is refused.
    """
    import gradio as gr

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    creds = parse_auth(auth or os.environ.get("ROLE_ASSISTANT_AUTH"))
    check_exposure(host, allow_upload=allow_upload, auth=creds)
    app = build_app(pool, allow_upload=allow_upload, concurrency=concurrency)
    app.queue(default_concurrency_limit=concurrency, max_size=max_queue, api_open=False)
    app.login_throttle = LoginThrottle(*creds) if creds else None
    app.launch(
        server_name=host,
        server_port=port,
        auth=app.login_throttle.verify if creds else None,
        show_error=False,
        quiet=True,
        prevent_thread_lock=not block,
        max_file_size=pool.settings.max_upload_bytes,
        css=asset("chat.css"),
        js=asset("chat.js"),
        theme=gr.themes.Soft(),
        # the API page asks for an MCP schema this app does not serve (a 404 in the console)
        footer_links=["gradio", "settings"],
    )
    _sweep_downloads(app.chat.downloads)
    return app


def _sweep_downloads(downloads: Downloads) -> None:
    """Expired downloads go even while sessions stay open."""
    every = max(5.0, min(60.0, downloads.ttl / 3))

    def loop():
        while not stop.wait(every):
            try:
                downloads.sweep()
            except OSError as err:  # pragma: no cover - a vanished temp folder must not stop the loop
                log.warning("cleaning downloads failed: %s", err)

    stop = threading.Event()
    threading.Thread(target=loop, daemon=True, name="chat-downloads").start()
    downloads.stop_sweeping = stop.set
