"""Helpers for the chat tests: a two-role pool with a slow fake model, screenshots, driving the page."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from assistant.settings import Settings
from tests.fakes import FakeEmbedder, FakeGenerator
from tests.helpers import DATA, ROLE_DOC, ROOT

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
SIZES = {"desktop": (1400, 1000), "phone": (400, 850)}


class SlowGenerator(FakeGenerator):
    """A model that takes its time (0.15 s a word), so Stop and the busy state can be seen."""

    name = "slow-fake"

    def stream(self, question, passages, *, history=None):
        for token in super().stream(question, passages, history=history):
            time.sleep(0.15)
            yield token


def make_chat_pool(tmp: Path, *, docs: tuple[Path, ...] = (ROLE_DOC, DATA / "data-scientist.md")):
    from assistant.build import AssistantPool, open_retriever
    from assistant.generation import make_generator

    corpus = tmp / "corpus"
    corpus.mkdir(parents=True)
    for doc in docs:
        shutil.copy(doc, corpus / doc.name)
    s = Settings(
        corpus_dir=corpus,
        index_dir=tmp / "index",
        backend="extractive",
        feedback_path=tmp / "feedback" / "feedback.jsonl",
        saved_cases_path=tmp / "eval" / "saved.yaml",
        max_upload_bytes=20_000,
    )
    draft = "Senior AI engineers earn $160,000 - $200,000 [2]. " * 8

    def factory(settings):
        if settings.backend == "extractive":
            return make_generator(settings)
        return SlowGenerator(default=draft)

    retriever = open_retriever(s, embedder=FakeEmbedder())
    return AssistantPool(retriever, s, generator_factory=factory, backends=("extractive", "llamacpp"))


def shot(driver, name: str) -> Path:
    """Save a screenshot as a test artifact: test-artifacts/screenshots/<name>-<desktop|phone>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{getattr(driver, 'kind', 'desktop')}.png"
    driver.save_screenshot(str(path))
    return path


def open_chat(driver, url: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#question textarea"))


def idle(driver) -> bool:
    """No answer running: Ask enabled, Stop hidden, no running status (read in one script: no stale nodes)."""
    return driver.execute_script(
        """const ask = document.getElementById('ask'), stop = document.getElementById('stop');
        return !!ask && !ask.disabled && !document.querySelector('#status .ra-running')
            && !(stop && stop.offsetParent);"""
    )


def _last_text(driver) -> str:
    return driver.execute_script(
        "const m = document.querySelectorAll('#chat .message-row');"
        "return m.length ? m[m.length - 1].innerText : ''"
    )


def ask(driver, question: str, *, timeout: float = 60) -> str:
    """Type a question, press Ask, wait for the answer; returns the chat's text."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    box = driver.find_element(By.CSS_SELECTOR, "#question textarea")
    box.send_keys(question)
    count = "return document.querySelectorAll('#chat .message-row').length"
    before = driver.execute_script(count)
    driver.find_element(By.ID, "ask").click()
    wait = WebDriverWait(driver, timeout)
    wait.until(lambda d: d.execute_script(count) >= before + 2)  # the question and its answer's bubble
    pending = ("Waiting for a free slot", "Searching", "Writing")
    wait.until(lambda d: idle(d) and not any(p in _last_text(d) for p in pending))
    return driver.find_element(By.ID, "chat").text


def choose(driver, elem_id: str, option: str) -> None:
    """Pick ``option`` in a Gradio dropdown (opening the Settings accordion first if it hides it)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    found = driver.find_elements(By.CSS_SELECTOR, f"#{elem_id} input")
    if not (found and found[0].is_displayed()):  # a closed accordion does not render its fields
        driver.find_element(By.XPATH, "//button[contains(., 'Settings')]").click()
    field = WebDriverWait(driver, 5).until(
        lambda d: next(
            (f for f in d.find_elements(By.CSS_SELECTOR, f"#{elem_id} input") if f.is_displayed()), None
        )
    )
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
    field.click()
    item = WebDriverWait(driver, 5).until(
        lambda d: d.find_element(By.XPATH, f"//ul[contains(@class, 'option')]//li[contains(., '{option}')]")
    )
    item.click()
    WebDriverWait(driver, 5).until(lambda d: option in field.get_attribute("value"))
