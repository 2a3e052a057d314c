"""End to end: a real `assistant serve --backend extractive` (real embedding model), driven in Chromium;
an answer saved as a test case is then scored by `assistant eval`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.helpers import ROLE_DOC, ROOT, free_port
from tests.interfaces.chat_helpers import ask, open_chat, shot

pytestmark = [pytest.mark.integration, pytest.mark.browser]
pytest.importorskip("selenium")

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    (tmp / "corpus").mkdir()
    shutil.copy(ROLE_DOC, tmp / "corpus" / ROLE_DOC.name)
    port = free_port()
    env = {
        **os.environ,
        "ROLE_ASSISTANT_SAVED_CASES_PATH": str(tmp / "eval" / "saved.yaml"),
        "ROLE_ASSISTANT_FEEDBACK_PATH": str(tmp / "feedback.jsonl"),
    }
    cmd = [sys.executable, "-m", "assistant.interfaces.cli", "serve", "--backend", "extractive"]
    cmd += ["--corpus", str(tmp / "corpus"), "--index", str(tmp / "index"), "--port", str(port)]
    log = open(tmp / "serve.log", "wb")  # noqa: SIM115 - closed below, after the server
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 240  # builds the index with the real model first
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log.close()
                pytest.fail(f"serve did not start: {(tmp / 'serve.log').read_text()[-2000:]}")
            time.sleep(1)
    yield url, tmp
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


def test_real_server_answers_cites_and_a_saved_case_passes_eval(make_browser, served):
    url, tmp = served
    d = make_browser("desktop")
    open_chat(d, url)
    assert "5-15%" in ask(d, "What does a Lead AI Engineer earn in Seattle?")
    link = d.find_element(By.CSS_SELECTOR, "#chat a[href*='#src-0-']")
    link.click()
    target = link.get_attribute("href").split("#", 1)[1]
    WebDriverWait(d, 5).until(lambda d: "ra-active" in d.find_element(By.ID, target).get_attribute("class"))
    d.find_element(By.ID, "save-case").click()
    WebDriverWait(d, 10).until(lambda d: "Saved as test case 1" in d.find_element(By.ID, "status").text)
    ask(d, "How many years of experience are required?")
    d.find_element(By.ID, "save-case").click()
    WebDriverWait(d, 10).until(lambda d: "Saved as test case 2" in d.find_element(By.ID, "status").text)
    shot(d, "real-server")
    saved = tmp / "eval" / "saved.yaml"
    cmd = [sys.executable, "-m", "assistant.interfaces.cli", "eval", str(saved), "--backend", "extractive"]
    cmd += ["--corpus", str(tmp / "corpus"), "--index", str(tmp / "index")]
    cmd += ["--min", "fact_recall", "1", "--min", "citation_hit", "1"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "fact_recall" in done.stdout
