"""The chat UI: built with fakes, served on 127.0.0.1, driven through gradio_client and a real browser."""

from __future__ import annotations

import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant.errors import InvalidInputError
from assistant.interfaces.app import build_app, parse_auth
from assistant.interfaces.render import answer_markdown, conversation_markdown, sources_html

gr = pytest.importorskip("gradio")


def test_build_app_without_serving(pool):
    app = build_app(pool)
    assert isinstance(app, gr.Blocks)
    api = app.get_api_info()["named_endpoints"]
    assert "/ask" in api
    assert all(name == "/ask" for name in api)  # the UI's internal events are not public API


def test_pool_rejects_unknown_backend(pool):
    with pytest.raises(InvalidInputError, match="unknown backend"):
        pool.get("gpt-9")


def test_parse_auth():
    assert parse_auth("coach:s3cret") == ("coach", "s3cret")
    assert parse_auth(None) is None
    with pytest.raises(InvalidInputError):
        parse_auth("no-colon")


def test_render_links_refusals_conflicts_and_export(pool):
    a = pool.get("extractive").ask("What is the salary range for a lead AI engineer in the US?").to_dict()
    md = answer_markdown(a, 0)
    assert "](#src-0-1)" in md and "The documents disagree" in md
    html = sources_html([a])
    assert "id='src-0-1'" in html and "<mark>" in html
    refused = pool.get("extractive").ask("What is the capital of France?").to_dict()
    assert answer_markdown(refused, 1).startswith("⚠️ **Not covered")
    export = conversation_markdown([a, refused])
    assert "## Q1." in export and "## Q2." in export
    for c in a["citations"]:
        assert c["text"].splitlines()[0] in export


def test_gradio_client_gets_an_answer_with_citations(server):
    from gradio_client import Client

    client = Client(server, verbose=False)
    out = client.predict("How much does a senior AI engineer make?", [], "extractive", 5, api_name="/ask")
    assert not out["refused"] and "$160,000 - $200,000" in out["answer"]
    assert out["citations"] and out["citations"][0]["section"]
    out = client.predict(
        "And in New York?", ["How much does a lead AI engineer earn?"], "extractive", 5, api_name="/ask"
    )
    assert "10-20%" in out["answer"]


def test_eight_concurrent_users(server):
    from gradio_client import Client

    questions = [
        "How much does a senior AI engineer make?",
        "Is a PhD a must?",
        "What does a Lead AI Engineer earn in Seattle?",
        "What is the capital of France?",
    ]
    times: list[float] = []
    lock = threading.Lock()

    def user(i: int):
        client = Client(server, verbose=False)
        for j in range(3):  # bounded: 8 users x 3 questions
            t = time.perf_counter()
            out = client.predict(questions[(i + j) % len(questions)], [], "extractive", 5, api_name="/ask")
            with lock:
                times.append(time.perf_counter() - t)
            assert "answer" in out

    with ThreadPoolExecutor(8) as ex:
        for f in [ex.submit(user, i) for i in range(8)]:
            f.result(timeout=120)
    assert len(times) == 24
    q = statistics.quantiles(times, n=20)
    print(f"\n8 users x 3 questions: p50 {statistics.median(times) * 1000:.0f} ms, p95 {q[18] * 1000:.0f} ms")


def test_auth_turns_on_login(pool):
    from gradio_client import Client

    from assistant.interfaces.app import launch
    from tests.helpers import free_port

    port = free_port()
    app = launch(pool, port=port, block=False, auth="coach:s3cret")
    try:
        url = f"http://127.0.0.1:{port}/"
        with pytest.raises(Exception):  # noqa: B017 - gradio_client raises several types for a 401
            Client(url, verbose=False).predict(
                "How much does a senior AI engineer make?", [], "extractive", 5, api_name="/ask"
            )
        out = Client(url, auth=("coach", "s3cret"), verbose=False).predict(
            "How much does a senior AI engineer make?", [], "extractive", 5, api_name="/ask"
        )
        assert not out["refused"]
    finally:
        app.close()
