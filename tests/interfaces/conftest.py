"""Fixtures for the chat: a two-role pool with a slow fake model, a served chat, headless Chromium."""

from __future__ import annotations

import shutil

import pytest

from tests.helpers import free_port
from tests.interfaces.chat_helpers import SIZES, make_chat_pool


@pytest.fixture(scope="session")
def chat_pool(tmp_path_factory):
    return make_chat_pool(tmp_path_factory.mktemp("chat"))


@pytest.fixture(scope="session")
def chat_server(chat_pool):
    """The chat served on loopback with uploads on; yields (url, app)."""
    from assistant.interfaces.app import launch

    app = launch(chat_pool, port=free_port(), block=False, concurrency=2, max_queue=16, allow_upload=True)
    yield f"http://127.0.0.1:{app.server_port}/", app
    app.close()


@pytest.fixture
def make_browser(tmp_path):
    """``make_browser("desktop" | "phone")``: headless Chromium at that size, quit after the test."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    chromium, driver_bin = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver_bin):
        pytest.skip("Debian chromium and chromium-driver are not installed (scripts/setup.sh test)")
    drivers = []

    def make(kind: str = "desktop"):
        width, height = SIZES[kind]
        opts = webdriver.ChromeOptions()
        opts.binary_location = chromium
        for flag in (
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / f'profile-{len(drivers)}'}",
        ):
            opts.add_argument(flag)
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        d = webdriver.Chrome(service=Service(driver_bin), options=opts)
        d.set_page_load_timeout(30)
        # the page's own viewport, exactly (a window size would include the browser's frame)
        d.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": kind == "phone"},
        )
        d.kind = kind
        drivers.append(d)
        return d

    yield make
    for d in drivers:
        d.quit()
