"""Files the chat writes: expiring private downloads, feedback lines, saved test cases, checked uploads."""

from __future__ import annotations

import json
import os
import re
import stat
import threading
import time

import pytest

from assistant.errors import InvalidInputError
from assistant.interfaces.chat_files import (
    Downloads,
    answer_figures,
    append_case,
    append_jsonl,
    check_upload,
    dated,
    remove_document,
    saved_case,
    store_upload,
)


def test_downloads_are_private_per_session_and_deleted_at_session_end(tmp_path):
    d = Downloads(tmp_path / "dl", ttl=900)
    a = d.write("session-a", "conversation.md", "# a")
    b = d.write("session-b", "conversation.md", "# b")
    assert a.parent != b.parent and a.read_text() == "# a"
    assert stat.S_IMODE(a.parent.stat().st_mode) == 0o700  # other users of the machine cannot list it
    d.end("session-a")
    assert not a.exists() and not a.parent.exists() and b.exists()
    with pytest.raises(ValueError):
        d.write("session-b", "../escape.md", "x")


def test_downloads_expire_even_while_the_session_stays_open(tmp_path):
    d = Downloads(tmp_path / "dl", ttl=60)
    old = d.write("s", "report.md", "old")
    past = time.time() - 120
    os.utime(old, (past, past))
    new = d.write("s", "conversation.md", "new")  # writing sweeps too
    assert not old.exists() and new.exists()
    assert d.sweep(now=time.time() + 61) == 1 and not new.parent.exists()


def test_dated_names_have_no_spaces():
    name = dated("client-report", "Senior AI Engineer", "San Francisco, CA", suffix=".md")
    assert re.fullmatch(r"client-report-senior-ai-engineer-san-francisco-ca-\d{4}-\d{2}-\d{2}\.md", name)


def test_feedback_lines_from_many_threads_stay_whole(tmp_path):
    path = tmp_path / "fb" / "feedback.jsonl"

    def write(i):
        for j in range(50):
            append_jsonl(path, {"i": i, "j": j, "note": "x" * 2000})

    threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 400 and all(json.loads(line)["note"] == "x" * 2000 for line in lines)


def test_saved_cases_load_as_a_question_set(tmp_path, chat_pool):
    try:
        from assistant.evaluation.cases import load_cases
    except ImportError:  # before the move
        from assistant.evaluation.metrics import load_cases

    a = chat_pool.get("extractive").ask("How much does a senior AI engineer make?").to_dict()
    refused = {**a, "question": "What is the capital of France?", "refused": True, "citations": []}
    path = tmp_path / "eval" / "saved.yaml"
    case = saved_case(a, ["earlier question"])
    assert case["facts"] and all(re.search(p, a["answer"]) for p in case["facts"])
    assert all(any(re.search(p, c["text"]) for c in a["citations"]) for p in case["sources"])
    assert append_case(path, case) == 1
    assert append_case(path, saved_case(refused, [])) == 2
    loaded = load_cases(path)
    cases = getattr(loaded, "cases", loaded)
    assert [c.question for c in cases] == [a["question"], refused["question"]]
    assert cases[0].history == ("earlier question",) and cases[1].refuse
    path.write_text("question: not a list\n")
    with pytest.raises(InvalidInputError, match="not a question set"):
        append_case(path, case)


def test_answer_figures_are_the_figures_as_written():
    text = "Senior: $160,000 - $200,000 [1]. In Seattle 5-15% more. 7+ years [2]. Bonus $5,000."
    assert answer_figures(text) == ["$160,000 - $200,000", "5-15%", "7+ years", "$5,000"]


@pytest.mark.parametrize(
    "name, content, why",
    [
        ("../escape.txt", b"text", "not allowed"),
        (".hidden.md", b"text", "not allowed"),
        ("notes.exe", b"text", "only .txt, .md, .pdf"),
        ("big.txt", b"x" * 2001, "limit is 2,000"),
        ("empty.md", b"", "is empty"),
        ("binary.txt", b"\x00\x01\x02" * 50, "not a text file"),
        ("fake.pdf", b"hello", "not a PDF"),
    ],
)
def test_uploads_are_checked(tmp_path, name, content, why):
    src = tmp_path / "upload.bin"
    src.write_bytes(content)
    with pytest.raises(InvalidInputError, match=re.escape(why)):
        check_upload(src, name, max_bytes=2000)


def test_upload_is_stored_once_and_removal_stays_inside_the_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    src = tmp_path / "up.md"
    src.write_text("# Chef\n\nCooks.\n")
    assert check_upload(src, "Chef notes.md", max_bytes=1000) == "Chef notes.md"
    stored = store_upload(corpus, src, "Chef notes.md")
    assert stored.read_text() == src.read_text() and [p.name for p in corpus.iterdir()] == ["Chef notes.md"]
    with pytest.raises(InvalidInputError, match="already in the corpus"):
        store_upload(corpus, src, "Chef notes.md")
    outside = tmp_path / "secret.txt"
    outside.write_text("keep me")
    for source in ("../secret.txt", "missing.md"):
        with pytest.raises(InvalidInputError):
            remove_document(corpus, source, {"../secret.txt", "Chef notes.md"})
    assert outside.exists()
    remove_document(corpus, "Chef notes.md", {"Chef notes.md"})
    assert not stored.exists()
