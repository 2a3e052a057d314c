"""The chat in headless Chromium at desktop (1400x1000) and phone (400x850) size; screenshots are saved
to test-artifacts/screenshots/. The pool uses the fake embedder and a slow fake model."""

from __future__ import annotations

import time
import urllib.request

import pytest

from tests.helpers import DATA
from tests.interfaces.chat_helpers import ask, choose, idle, open_chat, shot

pytestmark = pytest.mark.browser
pytest.importorskip("selenium")

from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

BOTH = pytest.mark.parametrize("kind", ["desktop", "phone"])


def _js(d, script: str, *args):
    return d.execute_script(script, *args)


def _last_bubble(d) -> str:
    return d.find_elements(By.CSS_SELECTOR, "#chat .message-row, #chat [data-testid='bot']")[-1].text


@BOTH
def test_ask_is_disabled_while_answering_and_stop_ends_it(make_browser, chat_server, kind):
    d = make_browser(kind)
    open_chat(d, chat_server[0])
    choose(d, "backend", "llamacpp")  # the slow fake model: about 10 s for a whole draft
    box = d.find_element(By.CSS_SELECTOR, "#question textarea")
    box.send_keys("How much does a senior AI engineer make?")
    d.find_element(By.ID, "ask").click()
    wait = WebDriverWait(d, 10)
    wait.until(lambda d: any(e.is_displayed() for e in d.find_elements(By.ID, "stop")))
    assert not d.find_element(By.ID, "ask").is_enabled()
    wait.until(lambda d: " s" in d.find_element(By.ID, "status").text)  # the state, with elapsed time
    status = d.find_element(By.ID, "status").text
    assert status.startswith(("Searching", "Writing", "Waiting")), status
    box.send_keys("a second question\n")  # Enter does not send while an answer is being written
    time.sleep(0.5)
    assert "a second question" not in d.find_element(By.ID, "chat").text
    _js(d, "document.getElementById('chat').scrollIntoView()")
    shot(d, "busy")
    t0 = time.monotonic()
    d.find_element(By.ID, "stop").click()
    wait.until(idle)
    assert time.monotonic() - t0 < 3
    assert "Stopped" in d.find_element(By.ID, "chat").text
    assert "Senior AI engineers earn" not in d.find_element(By.ID, "chat").text  # draft text never shows
    assert not any(e.is_displayed() for e in d.find_elements(By.ID, "stop"))  # hidden (or not rendered)
    _js(d, "document.getElementById('chat').scrollIntoView()")
    shot(d, "stopped")
    choose(d, "backend", "extractive")
    box.clear()
    assert "$160,000" in ask(d, "How much does a senior AI engineer make?")


@BOTH
def test_page_height_stays_bounded_after_ten_questions(make_browser, chat_server, kind):
    d = make_browser(kind)
    open_chat(d, chat_server[0])
    questions = [
        "How much does a senior AI engineer make?",
        "What does a Lead AI Engineer earn in Seattle?",
        "What are the key responsibilities of a lead engineer in AI?",
        "How many years of experience are required?",
        "What does a data scientist earn in Boston?",
    ] * 2
    ask(d, questions[0])
    height = _js(d, "return document.documentElement.scrollHeight")
    for q in questions[1:]:
        ask(d, q)
    assert _js(d, "return document.documentElement.scrollHeight") <= height + 40
    assert _js(d, "return document.documentElement.scrollWidth") <= _js(d, "return window.innerWidth")
    if kind == "desktop":  # the panel keeps its height and scrolls inside itself
        assert _js(d, "return document.getElementById('sources').getBoundingClientRect().height") <= 621
        assert _js(d, "return getComputedStyle(document.getElementById('sources')).overflowY") == "auto"
    if kind == "phone":  # thumb-sized controls
        for sel in ("#ask", "#question textarea", "#new-chat", "#sources-toggle"):
            assert _js(d, f"return document.querySelector('{sel}').getBoundingClientRect().height") >= 44, sel
    # the newest answer is in view, not below the fold of the chat
    last = d.find_elements(By.CSS_SELECTOR, "#chat .message-row")[-1]
    assert _js(d, "const r = arguments[0].getBoundingClientRect(); return r.top < window.innerHeight", last)
    shot(d, "ten-questions")


def test_citation_click_scrolls_only_the_sources_panel_and_hover_shows_the_passage(make_browser, chat_server):
    d = make_browser("desktop")
    open_chat(d, chat_server[0])
    ask(d, "What does a Lead AI Engineer earn in Seattle?")
    for q in ("How many years of experience are required?", "What are the key responsibilities?"):
        ask(d, q)
    link = d.find_element(By.CSS_SELECTOR, "#chat a[href*='#src-0-']")  # in the oldest answer
    _js(d, "arguments[0].scrollIntoView({block: 'center'})", link)
    page_y = _js(d, "return window.scrollY")
    ActionChains(d).move_to_element(link).perform()
    WebDriverWait(d, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".ra-pop"))
    target = link.get_attribute("href").split("#", 1)[1]
    pop = d.find_element(By.CSS_SELECTOR, ".ra-pop").text
    assert pop.startswith(f"[{target.rsplit('-', 1)[1]}]") and ("$" in pop or "%" in pop)
    shot(d, "citation-popover")
    link.click()
    WebDriverWait(d, 5).until(lambda d: "ra-active" in d.find_element(By.ID, target).get_attribute("class"))
    time.sleep(0.3)
    assert _js(d, "return window.scrollY") == page_y  # the page did not move
    assert _js(d, "return document.getElementById('sources').scrollTop") > 0  # the panel did
    inside = """
        const p = document.getElementById('sources').getBoundingClientRect();
        const r = document.getElementById(arguments[0]).getBoundingClientRect();
        return r.top >= p.top - 1 && r.top < p.bottom;"""
    assert _js(d, inside, target)
    assert "#src-" not in d.current_url
    shot(d, "citation")


def test_phone_citation_opens_a_drawer_with_a_way_back(make_browser, chat_server):
    d = make_browser("phone")
    open_chat(d, chat_server[0])
    ask(d, "What does a Lead AI Engineer earn in Seattle?")
    link = d.find_element(By.CSS_SELECTOR, "#chat a[href*='#src-0-']")
    _js(d, "arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    drawer = d.find_element(By.ID, "sources-col")
    WebDriverWait(d, 5).until(lambda d: drawer.is_displayed())
    target = d.find_element(By.ID, link.get_attribute("href").split("#", 1)[1])
    assert target.is_displayed() and "ra-active" in target.get_attribute("class")
    back = "const r = document.querySelector('.ra-back').getBoundingClientRect();"
    back += "return r.top >= 0 && r.bottom < 850;"
    assert _js(d, back)  # the way back stays on screen, however far the drawer scrolled
    shot(d, "citation-drawer")
    d.find_element(By.CSS_SELECTOR, ".ra-back").click()
    WebDriverWait(d, 5).until(lambda d: not drawer.is_displayed())
    assert link.is_displayed()
    assert _js(d, "return document.documentElement.scrollWidth") <= 400


@BOTH
def test_new_chat_and_trash_clear_the_follow_up_context(make_browser, chat_server, kind):
    d = make_browser(kind)
    open_chat(d, chat_server[0])
    ask(d, "How much does a lead AI engineer earn?")
    assert "10-20%" in ask(d, "And in New York?")  # the follow-up uses the conversation
    if kind == "desktop":
        d.find_element(By.ID, "new-chat").click()
    else:  # the chat's own trash icon does the same
        d.find_element(By.CSS_SELECTOR, "#chat button[aria-label*='lear']").click()
    WebDriverWait(d, 10).until(lambda d: "New conversation" in d.find_element(By.ID, "status").text)
    assert "Q1:" not in d.find_element(By.ID, "sources").get_attribute("textContent")
    text = ask(d, "And in New York?")
    assert "$150,000 - $250,000" not in text and "How much does a lead AI engineer earn" not in text
    assert "Q2:" not in d.find_element(By.ID, "sources").get_attribute("textContent")
    shot(d, "new-chat")


def test_user_text_is_shown_as_typed(make_browser, chat_server):
    d = make_browser("desktop")
    open_chat(d, chat_server[0])
    ask(d, "<b>x</b> **y** How much does a senior AI engineer make?")
    chat = d.find_element(By.ID, "chat")
    assert "<b>x</b> **y** How much" in chat.text
    assert not chat.find_elements(By.CSS_SELECTOR, ".user b, .user strong, [data-testid='user'] strong")
    assert "<b>x</b> **y**" in d.find_element(By.CSS_SELECTOR, "#sources summary").text


def test_upload_a_document_ask_about_it_see_it_cited_then_remove_it(make_browser, chat_server, tmp_path):
    doc = tmp_path / "beekeeper.md"
    doc.write_text(
        '---\nsource: "Beekeeping Pay Survey 2025"\naliases: [Apiarist]\n---\n'
        "# Beekeeper\n\nBeekeepers keep honey bee colonies.\n\n## Salary\n"
        "- Beekeeper: $48,000 - $61,000 per year\n- Master Beekeeper: $65,000 - $80,000 per year\n"
    )
    d = make_browser("desktop")
    open_chat(d, chat_server[0])
    d.find_element(By.XPATH, "//button[@role='tab' and contains(., 'Documents')]").click()
    d.find_element(By.XPATH, "//button[contains(., 'Add or remove documents')]").click()
    upload = WebDriverWait(d, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "#upload input[type=file]"))
    upload.send_keys(str(doc))
    WebDriverWait(d, 10).until(lambda d: "beekeeper" in d.find_element(By.ID, "upload").text)
    assert "up to 20 KB" in d.find_element(By.ID, "upload").text
    d.find_element(By.ID, "add-doc").click()
    WebDriverWait(d, 60).until(lambda d: "Added beekeeper.md" in d.find_element(By.ID, "doc-status").text)
    WebDriverWait(d, 10).until(lambda d: "beekeeper.md" in d.find_element(By.ID, "documents").text)
    shot(d, "uploaded")
    d.find_element(By.XPATH, "//button[@role='tab' and contains(., 'Chat')]").click()
    # the role picker finds the new role by its alias too
    picker = d.find_element(By.CSS_SELECTOR, "#role input")
    picker.click()
    picker.send_keys(Keys.CONTROL, "a")
    picker.send_keys("apiar")
    WebDriverWait(d, 10).until(
        lambda d: d.find_elements(
            By.XPATH, "//ul[contains(@class, 'option')]//li[contains(., 'Beekeeper (also Apiarist)')]"
        )
    )
    picker.send_keys(Keys.ESCAPE)
    bubble = ask(d, "What does a beekeeper earn per year?")
    assert "$48,000 - $61,000" in bubble
    assert "beekeeper.md" in d.find_element(By.ID, "sources").text
    # which corpus the figure is from, and its release: under the answer and on the passage
    assert "Sources: Beekeeping Pay Survey 2025 [1]" in bubble
    badge = d.find_element(By.CSS_SELECTOR, "#sources .ra-origin.ra-official")
    assert badge.text == "Beekeeping Pay Survey 2025" and badge.is_displayed()
    shot(d, "uploaded-cited")
    d.find_element(By.XPATH, "//button[@role='tab' and contains(., 'Documents')]").click()
    choose(d, "remove-choice", "beekeeper.md")
    d.find_element(By.ID, "remove-doc").click()
    WebDriverWait(d, 60).until(lambda d: "Removed beekeeper.md" in d.find_element(By.ID, "doc-status").text)
    assert "beekeeper.md" not in d.find_element(By.ID, "documents").text


def test_feedback_save_as_test_case_export_and_document_viewer(make_browser, chat_server):
    url, app = chat_server
    settings = app.chat.settings
    d = make_browser("desktop")
    open_chat(d, url)
    ask(d, "How much does a senior AI engineer make?")
    d.find_element(By.CSS_SELECTOR, "#chat button[aria-label='Like']").click()
    note = WebDriverWait(d, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "#note-row textarea"))
    note.send_keys("Right figure.")
    d.find_element(By.ID, "note-send").click()
    WebDriverWait(d, 10).until(lambda d: "Note saved" in d.find_element(By.ID, "status").text)
    lines = settings.feedback_path.read_text().splitlines()
    assert '"rating": "up"' in lines[-2] and '"note": "Right figure."' in lines[-1]
    d.find_element(By.ID, "save-case").click()
    WebDriverWait(d, 10).until(lambda d: "Saved as test case" in d.find_element(By.ID, "status").text)
    assert "How much does a senior AI engineer make?" in settings.saved_cases_path.read_text()
    d.find_element(By.ID, "export").click()
    link = WebDriverWait(d, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "#download a[href]"))
    name = d.find_element(By.ID, "download").text
    assert "conversation-" in name and " " not in name.split("conversation-", 1)[1].split(".md")[0]
    with urllib.request.urlopen(link.get_attribute("href"), timeout=10) as resp:
        assert "## Q1. How much does a senior AI engineer make?" in resp.read().decode()
    d.find_element(By.CSS_SELECTOR, "#sources .ra-open-doc").click()
    target = WebDriverWait(d, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "#doc-view .ra-target"))
    time.sleep(0.5)
    assert target.is_displayed() and "$160,000" in d.find_element(By.ID, "doc-view").text
    shot(d, "document")


@BOTH
def test_facts_tab_filter_sort_and_csv(make_browser, chat_server, kind):
    d = make_browser(kind)
    open_chat(d, chat_server[0])
    d.find_element(By.XPATH, "//button[@role='tab' and contains(., 'Role facts')]").click()
    facts = WebDriverWait(d, 10).until(lambda d: d.find_element(By.ID, "facts"))
    assert "Lead Engineer in AI" in facts.text and "Data Scientist" in facts.text
    assert "documents disagree" in facts.text and "can exceed $300,000" in facts.text.lower()
    choose(d, "facts-role", "Data Scientist")
    WebDriverWait(d, 10).until(lambda d: "Lead Engineer in AI" not in d.find_element(By.ID, "facts").text)
    cells = (
        "return [...document.querySelectorAll('#facts tr.ra-fact td:nth-child(2)')].map(x => x.textContent)"
    )
    if kind == "desktop":
        d.find_element(By.CSS_SELECTOR, "#facts th[data-sort='1']").click()
        about = _js(d, cells)
        assert about == sorted(about, key=str.lower) and len(about) > 2
    assert _js(d, "return document.documentElement.scrollWidth") <= _js(d, "return window.innerWidth")
    d.find_element(By.ID, "facts-csv").click()
    link = WebDriverWait(d, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "#facts-file a[href]"))
    with urllib.request.urlopen(link.get_attribute("href"), timeout=10) as resp:
        rows = resp.read().decode().splitlines()
    assert (
        rows[0].startswith("role,")
        and len(rows) > 2
        and all(r.startswith("Data Scientist,") for r in rows[1:])
    )
    shot(d, "facts")


def test_page_loads_without_console_errors_and_offers_no_broken_api_link(make_browser, chat_server):
    d = make_browser("desktop")
    open_chat(d, chat_server[0])
    ask(d, "Is a PhD a must?")
    severe = [e["message"] for e in d.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
    assert not d.find_elements(By.XPATH, "//footer//*[contains(., 'Use via API')]")
    assert "Data Scientist" in d.find_element(By.ID, "corpus-note").text
    examples = d.find_element(By.ID, "examples").text
    assert "Data Scientist" in examples and "Lead Engineer in AI" in examples  # drawn from the corpus
    assert DATA.exists()
    shot(d, "start")
