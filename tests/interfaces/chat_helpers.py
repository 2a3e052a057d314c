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
    """No answer running: Ask enabled, Stop hidden, no pending bubble."""
    from selenium.webdriver.common.by import By

    ask = driver.find_element(By.ID, "ask")
    busy = driver.find_elements(By.CSS_SELECTOR, "#status .ra-running")
    return ask.is_enabled() and not busy


def ask(driver, question: str, *, timeout: float = 60) -> str:
    """Type a question, press Ask, wait for the answer; returns the chat's text."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    box = driver.find_element(By.CSS_SELECTOR, "#question textarea")
    box.send_keys(question)
    before = driver.find_element(By.ID, "status").get_attribute("innerHTML")
    driver.find_element(By.ID, "ask").click()
    wait = WebDriverWait(driver, timeout)
    wait.until(lambda d: d.find_element(By.ID, "status").get_attribute("innerHTML") != before)
    wait.until(idle)
    return driver.find_element(By.ID, "chat").text
