"""A real browser (Debian's headless Chromium via Selenium) asks a pay question and opens a citation."""

from __future__ import annotations

import shutil

import pytest

pytestmark = pytest.mark.browser
selenium = pytest.importorskip("selenium")
CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
if not (CHROMIUM and CHROMEDRIVER):
    pytest.skip(
        "Debian chromium and chromium-driver are not installed (scripts/setup.sh test)",
        allow_module_level=True,
    )

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture
def browser(tmp_path):
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    opts.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.downloads = downloads
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    yield driver
    driver.quit()


def test_ask_click_citation_and_see_passage(browser, server, tmp_path):
    wait = WebDriverWait(browser, 60)
    browser.get(server)
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#question textarea")))
    assert "Lead Engineer in AI" in browser.find_element(By.ID, "corpus-note").text

    box = browser.find_element(By.CSS_SELECTOR, "#question textarea")
    box.send_keys("What is the pay premium in Seattle compared with the national average?")
    browser.find_element(By.ID, "ask").click()

    link = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#chat a[href*='#src-0-']")))
    answer_text = browser.find_element(By.ID, "chat").text
    assert "5-15%" in answer_text
    target = link.get_attribute("href").split("#", 1)[1]
    link.click()
    wait.until(lambda d: "ra-active" in d.find_element(By.ID, target).get_attribute("class"))
    passage = browser.find_element(By.ID, target).text
    n = target.rsplit("-", 1)[1]
    assert passage.startswith(f"[{n}]")
    assert "$" in passage or "%" in passage
    assert browser.current_url.rstrip("/") == server.rstrip("/") or "#src-" not in browser.current_url
    shot = tmp_path / "chat.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000

    # a refusal looks different, and New chat clears the conversation
    box.send_keys("What is the capital of France?")
    browser.find_element(By.ID, "ask").click()
    wait.until(lambda d: "Not covered by the documents" in d.find_element(By.ID, "chat").text)
    browser.find_element(By.ID, "new-chat").click()
    wait.until(lambda d: "Seattle" not in d.find_element(By.ID, "chat").text)


def test_client_profile_pay_answer_facts_tab_and_report_download(browser, server):
    wait = WebDriverWait(browser, 60)
    browser.get(server)
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#question textarea")))
    browser.find_element(By.XPATH, "//button[contains(., 'Settings')]").click()
    loc = wait.until(
        EC.visibility_of_element_located((By.CSS_SELECTOR, "#location textarea, #location input"))
    )
    loc.send_keys("Seattle")
    lvl = browser.find_element(By.CSS_SELECTOR, "#level input")
    lvl.click()
    lvl.send_keys("senior")
    lvl.send_keys("\n")
    box = browser.find_element(By.CSS_SELECTOR, "#question textarea")
    box.send_keys("What would this client earn?")
    browser.find_element(By.ID, "ask").click()
    try:
        wait.until(lambda d: "$168,000 - $230,000" in d.find_element(By.ID, "chat").text)
    finally:
        browser.save_screenshot(str(browser.downloads.parent / "profile.png"))

    browser.find_element(By.ID, "report").click()
    link = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#download a[href]")))
    assert "client-report-senior" in browser.find_element(By.ID, "download").text
    import urllib.request

    with urllib.request.urlopen(link.get_attribute("href"), timeout=10) as resp:
        report = resp.read().decode("utf-8")
    assert "client report (level: Senior AI Engineer; location: Seattle)" in report and "## Sources" in report

    browser.find_element(By.XPATH, "//button[@role='tab' and contains(., 'Role facts')]").click()
    facts = wait.until(EC.visibility_of_element_located((By.ID, "facts")))
    assert "Seattle" in facts.text and "5-15%" in facts.text and "$100,000 to $160,000" in facts.text
