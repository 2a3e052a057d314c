"""The real Gemma GGUF, and the openai backend against a real llama-cpp-python server on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.answering.assistant import Assistant
from assistant.answering.grounding import ungrounded_numbers
from assistant.build import open_retriever
from assistant.errors import BackendError
from assistant.generation import make_generator
from assistant.settings import Settings
from tests.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration
pytest.importorskip("llama_cpp")


@pytest.fixture(scope="module")
def retriever(tmp_path_factory):
    return open_retriever(Settings(corpus_dir=ROOT / "corpus", index_dir=tmp_path_factory.mktemp("idx")))


def check_cited_pay_answer(ans):
    assert not ans.refused
    assert "$160,000 - $200,000" in ans.answer
    texts = [c.hit.chunk.text for c in ans.citations]
    assert ungrounded_numbers(ans.answer, texts) == []
    sentence = next(s for s in ans.answer.split(". ") if "$160,000 - $200,000" in s)
    n = int(sentence.rsplit("[", 1)[1].split("]")[0])
    assert "Senior AI Engineer: $160,000 - $200,000" in texts[n - 1]


def test_gemma_answers_a_pay_question_with_a_cited_figure(retriever):
    s = Settings(backend="llamacpp")
    a = Assistant(retriever, make_generator(s), s)
    tokens = []
    answer = None
    for event in a.stream("How much does a senior AI engineer make?"):
        if event.kind == "token":
            tokens.append(event.text)
        else:
            answer = event.answer
    assert tokens, "the model streamed nothing"
    assert answer.backend.startswith("llamacpp:")
    check_cited_pay_answer(answer)


def test_gemma_refuses_off_corpus(retriever):
    s = Settings(backend="llamacpp")
    ans = Assistant(retriever, make_generator(s), s).ask("What is the capital of France?")
    assert ans.refused and "Paris" not in ans.answer


def test_missing_or_bad_model_file_names_the_fix(tmp_path, retriever):
    bad = tmp_path / "model.gguf"
    bad.write_bytes(b"not a model")
    for path in (tmp_path / "missing.gguf", bad):
        s = Settings(backend="llamacpp", model_path=str(path))
        with pytest.raises(BackendError, match="--model-path"):
            Assistant(retriever, make_generator(s), s).ask("How much does a senior AI engineer make?")


@pytest.fixture(scope="module")
def llama_server():
    from assistant.generation.llamacpp import default_model_path

    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(default_model_path()),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "2048",
            "--model_alias",
            "gemma",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail("llama_cpp.server exited at start")
                time.sleep(0.5)
        else:
            pytest.fail("llama_cpp.server did not start in 120 s")
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_openai_backend_through_a_real_llama_cpp_server(retriever, llama_server):
    s = Settings(backend="openai", openai_url=llama_server, openai_model="gemma", request_timeout=120)
    a = Assistant(retriever, make_generator(s), s)
    ans = a.ask("How much does a senior AI engineer make?")
    assert ans.backend == "openai:gemma"
    check_cited_pay_answer(ans)


def test_unreachable_server_fails_fast_with_a_clear_message(retriever):
    s = Settings(backend="openai", openai_url=f"http://127.0.0.1:{free_port()}/v1", request_timeout=5)
    a = Assistant(retriever, make_generator(s), s)
    t0 = time.monotonic()
    with pytest.raises(BackendError, match="cannot reach the model server"):
        a.ask("How much does a senior AI engineer make?")
    assert time.monotonic() - t0 < 10
