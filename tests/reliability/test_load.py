"""Load: concurrent gradio_client users against a real `assistant serve` subprocess on 127.0.0.1.

Bounded: at most 9 users on the language model and 32 on the extractive backend, one server each.
Latencies are printed (``-s``) so the README figures can be re-measured.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.helpers import ROOT, free_port

pytestmark = pytest.mark.integration
pytest.importorskip("gradio_client")

QUESTIONS = [
    "What does a Lead AI Engineer earn in Seattle?",
    "What are the key responsibilities of a lead engineer in AI?",
    "How many years of experience are required?",
    "Is a PhD a must?",
    "What would a new grad AI engineer make?",
    "How much does a senior AI engineer make?",
    "What skills does a lead engineer need?",
    "What certifications help a lead AI engineer?",
]


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    base = tmp_path_factory.mktemp("load")
    shutil.copytree(ROOT / "corpus", base / "corpus")
    return base / "corpus", base / "index"


class Server:
    def __init__(self, folders, log: Path, *args: str) -> None:
        corpus, index = folders
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = log
        env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.interfaces.cli", "serve", "--corpus", str(corpus)]
            + ["--index", str(index), "--host", "127.0.0.1", "--port", str(self.port), *args],
            cwd=ROOT,
            env=env,
            stdout=open(log, "w"),  # noqa: SIM115 - closed with the process
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = 240) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"serve exited with {self.proc.returncode}:\n{self.log.read_text()[-3000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.5)
        pytest.fail(f"serve did not start in {timeout} s:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


def _ask_all(url: str, backend: str, n: int, *, stagger: float) -> tuple[list[dict], list[float]]:
    """``n`` users, each with its own client, ask at (nearly) the same moment."""
    from gradio_client import Client

    clients = [Client(url, verbose=False) for _ in range(n)]
    answers: list[dict | BaseException] = [None] * n
    seconds = [0.0] * n

    def user(i: int) -> None:
        time.sleep(i * stagger)  # arrivals spread over a moment, as real users' clicks are
        t0 = time.perf_counter()
        try:
            answers[i] = clients[i].predict(
                question=QUESTIONS[i % len(QUESTIONS)], backend=backend, api_name="/ask"
            )
        except BaseException as err:  # reported below
            answers[i] = err
        seconds[i] = time.perf_counter() - t0

    threads = [threading.Thread(target=user, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    errors = [a for a in answers if not isinstance(a, dict)]
    assert not errors, errors[:3]
    return answers, seconds


def _report(label: str, seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    line = f"{label}: {len(seconds)} users, p50 {statistics.median(ordered):.2f} s, p95 {p95:.2f} s"
    print(line)
    return line


def _timed_jobs(jobs: list, started: list[float], timeout: float = 300) -> list[float]:
    """Seconds from each job's submission to its answer (polled every 20 ms, bounded)."""
    ended: list[float | None] = [None] * len(jobs)
    deadline = time.monotonic() + timeout
    while None in ended and time.monotonic() < deadline:
        for i, job in enumerate(jobs):
            if ended[i] is None and job.done():
                ended[i] = time.perf_counter()
        time.sleep(0.02)
    assert None not in ended, "some answers never came"
    return [e - s for e, s in zip(ended, started, strict=True)]


def test_8_users_on_the_default_llamacpp_backend_and_a_9th_beyond_the_queue(folders, tmp_path):
    pytest.importorskip("llama_cpp")
    from gradio_client import Client
    from gradio_client.utils import Status

    # 2 answers at once (the default) and 6 waiting: the 8 users fill it exactly
    server = Server(folders, tmp_path / "serve.log", "--concurrency", "2", "--max-queue", "6")
    try:
        server.wait_ready()
        clients = [Client(server.url, verbose=False) for _ in range(9)]
        clients[0].predict(question="Is a PhD a must?", api_name="/ask")  # loads the model

        jobs, started = [], []
        for i in range(8):
            started.append(time.perf_counter())
            jobs.append(clients[i].submit(question=QUESTIONS[i], api_name="/ask"))
            time.sleep(0.05)  # arrivals spread over a moment, as real users' clicks are
        waiting = (Status.STARTING, Status.JOINING_QUEUE)
        deadline = time.monotonic() + 60
        while any(j.status().code in waiting for j in jobs) and time.monotonic() < deadline:
            time.sleep(0.02)
        statuses = [j.status().code for j in jobs]
        assert Status.QUEUE_FULL not in statuses, statuses
        assert sum(s == Status.IN_QUEUE for s in statuses) >= 5, statuses  # answers take seconds each

        ninth = clients[8].submit(question="Is a PhD a must?", api_name="/ask")
        with pytest.raises(Exception, match="(?i)queue is full"):
            ninth.result(timeout=60)

        seconds = _timed_jobs(jobs, started)
        answers = [j.result() for j in jobs]
        for a in answers:
            assert a["answer"].strip() and a["backend"].startswith("llamacpp")
        _report("llamacpp (concurrency 2, queue 6)", seconds)
        assert server.proc.poll() is None, "the server died"
        again = clients[8].predict(question="How much does a senior AI engineer make?", api_name="/ask")
        assert "$160,000" in again["answer"]
    except BaseException:
        print(server.log.read_text()[-4000:])  # the server's side of a failure
        raise
    finally:
        server.stop()
    assert "GGML_ASSERT" not in server.log.read_text()


def test_32_users_on_the_extractive_backend(folders, tmp_path):
    server = Server(folders, tmp_path / "serve.log", "--backend", "extractive")
    try:
        server.wait_ready()
        answers, seconds = _ask_all(server.url, "extractive", 32, stagger=0.01)
        assert all(a["answer"].strip() for a in answers)
        _report("extractive (concurrency 2, queue 32)", seconds)
        assert server.proc.poll() is None
    except BaseException:
        print(server.log.read_text()[-4000:])
        raise
    finally:
        server.stop()
