"""The chat app: built unserved, then served on 127.0.0.1 and called over raw HTTP and gradio_client."""

from __future__ import annotations

import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant.build import configured_backends
from assistant.errors import InvalidInputError
from assistant.interfaces.app import build_app, check_exposure, launch, parse_auth
from assistant.settings import Settings
from tests.helpers import free_port

gr = pytest.importorskip("gradio")
httpx = pytest.importorskip("httpx")


def test_build_app_only_ask_is_public_and_every_event_is_queued(chat_pool):
    app = build_app(chat_pool, allow_upload=True)
    assert isinstance(app, gr.Blocks)
    assert list(app.get_api_info()["named_endpoints"]) == ["/ask"]
    fns = list(app.fns.values())
    assert len(fns) > 10 and all(fn.queue for fn in fns)
    groups = {fn.name: fn.concurrency_id for fn in fns}
    assert groups["respond"] == groups["ask"] == "answer"  # page and API answers share one bound
    assert all(fn.concurrency_limit is not None for fn in fns if fn.name != "session_ended")


def test_direct_posts_to_events_are_refused(chat_server):
    url, app = chat_server
    for index in app.fns:
        r = httpx.post(f"{url}gradio_api/run/predict", json={"fn_index": index, "data": []}, timeout=10)
        assert r.status_code == 404 and "join the queue" in r.text, (index, r.status_code, r.text[:200])
    r = httpx.post(f"{url}gradio_api/run/ask", json={"data": ["Is a PhD a must?", [], "", 5]}, timeout=10)
    assert r.status_code == 404


def test_gradio_client_gets_an_answer_with_citations(chat_server):
    from gradio_client import Client

    client = Client(chat_server[0], verbose=False)
    out = client.predict("How much does a senior AI engineer make?", [], "extractive", 5, api_name="/ask")
    assert not out["refused"] and "$160,000 - $200,000" in out["answer"]
    assert out["citations"] and out["citations"][0]["section"]
    out = client.predict(
        "And in New York?", ["How much does a lead AI engineer earn?"], "extractive", 5, api_name="/ask"
    )
    assert "10-20%" in out["answer"]


def test_ask_api_validates_k_and_history_and_caps_history(chat_server):
    from gradio_client import Client

    client = Client(chat_server[0], verbose=False)
    for k in (0, "abc", 10_000):
        with pytest.raises(Exception, match="k must be a whole number from 1 to 50"):
            client.predict("Is a PhD a must?", [], "extractive", k, api_name="/ask")
    with pytest.raises(Exception, match="history must be a list of earlier questions"):
        client.predict("And in New York?", "How much does a lead AI engineer earn?", "", 5, api_name="/ask")
    history = ["How much does a lead AI engineer earn? " + "x" * 5000] * 60
    out = client.predict("And in New York?", history, "extractive", 5, api_name="/ask")
    assert any("last 20 earlier turns" in n for n in out["notices"])
    assert any("cut to 2,000 characters" in n for n in out["notices"])


def test_eight_concurrent_users(chat_server):
    from gradio_client import Client

    questions = [
        "How much does a senior AI engineer make?",
        "Is a PhD a must?",
        "What does a Lead AI Engineer earn in Seattle?",
        "What does a data scientist earn in Boston?",
    ]
    times: list[float] = []
    lock = threading.Lock()

    def user(i: int):
        client = Client(chat_server[0], verbose=False)
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


def test_login_is_required_and_failed_logins_back_off(chat_pool):
    app = launch(chat_pool, port=free_port(), block=False, auth="coach:s3cret")
    url = f"http://127.0.0.1:{app.server_port}/"
    try:
        r = httpx.post(f"{url}gradio_api/queue/join", json={"data": [], "fn_index": 0}, timeout=10)
        assert r.status_code in (401, 403)

        def login(password: str) -> int:
            return httpx.post(
                f"{url}login", data={"username": "coach", "password": password}, timeout=10
            ).status_code

        assert login("s3cret") == 200
        assert [login(f"guess{i}") for i in range(8)] == [400] * 8
        assert login("s3cret") == 400  # locked out, even with the right password
        time.sleep(app.login_throttle.locked_for("coach") + 0.1)
        assert login("s3cret") == 200
    finally:
        app.close()


def test_parse_auth_and_exposure():
    assert parse_auth("coach:s3cret") == ("coach", "s3cret")
    assert parse_auth(None) is None
    with pytest.raises(InvalidInputError):
        parse_auth("no-colon")
    check_exposure("127.0.0.1", allow_upload=True, auth=None)
    check_exposure("0.0.0.0", allow_upload=True, auth=("a", "b"))
    with pytest.raises(InvalidInputError, match="--allow-upload on 0.0.0.0 needs --auth"):
        check_exposure("0.0.0.0", allow_upload=True, auth=None)


def test_only_configured_backends_are_offered():
    s = Settings(backend="extractive")
    offered = configured_backends(s)
    assert "extractive" in offered and "ollama" not in offered and "openai" not in offered
    assert "ollama" in configured_backends(s, servers_given=("ollama",))
    assert "openai" in configured_backends(Settings(backend="openai"))  # the chosen one always is


def test_pool_rejects_unknown_backend(chat_pool):
    with pytest.raises(InvalidInputError, match="unknown backend"):
        chat_pool.get("gpt-9")
