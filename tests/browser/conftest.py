"""Shared fixtures for the browser tests: one built site, one HTTP server and one Chromium per session.

The fictional site in tests/fixtures/browser/content is built once, with the Pagefind
index, for the sub-path /portal/, and served on 127.0.0.1 the way GitHub Pages serves a
project site: /portal/... maps to the output folder and a missing page gets 404.html.

Without Chromium, ChromeDriver, Selenium or node_modules (`npm ci`) these tests skip and
say why. With REQUIRE_BROWSER=1 (set by .ci/run) they fail instead, so CI cannot go green
without having run them.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from site_builder.commands.build import build_site
from site_builder.config import load_config
from conftest import copy_fixture

from .browserkit import (AXE_JS, BASE_PATH, CHROME_FLAGS, ROOT, TODAY, PortalHandler, ServedSite,
                         find_program, missing, reset_emulation)


@pytest.fixture(scope="session")
def browser_site_dir(tmp_path_factory) -> Path:
    """The browser fixture content built once, with search, for /portal/."""
    root = tmp_path_factory.mktemp("browser-site")
    content = root / "content"
    copy_fixture("browser", content)
    output = root / "output"
    config, problems = load_config(content, output, TODAY, base_url="https://example.github.io/portal/", search=True)
    result = build_site(config, problems)
    assert result.indexed > 0, "the browser tests need the Pagefind index"
    return output


@pytest.fixture(scope="session")
def served_site(browser_site_dir) -> ServedSite:
    """browser_site_dir served over HTTP on 127.0.0.1 under /portal/."""
    with serve(browser_site_dir) as site:
        yield site


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> ServedSite:
    """The real content/ built for /portal/ (without search) and served like the fixture site."""
    output = tmp_path_factory.mktemp("shipped-site") / "output"
    config, problems = load_config(ROOT / "content", output, TODAY, base_url="https://example.github.io/portal/",
                                   search=False)
    build_site(config, problems)
    with serve(output) as site:
        yield site


@contextmanager
def serve(directory: Path):
    """Serve `directory` on 127.0.0.1 (a free port) under /portal/ until the block ends."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(PortalHandler, directory=str(directory)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="portal-http", daemon=True)
    thread.start()
    try:
        yield ServedSite(directory, f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# ---------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def driver(tmp_path_factory):
    """One headless Debian Chromium for the whole session, driven by Selenium and chromedriver."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing("Selenium is not installed: run scripts/setup")
    chromium = find_program("CHROME_BIN", "chromium", "chromium-browser", "google-chrome")
    chromedriver = find_program("CHROMEDRIVER", "chromedriver")
    if not chromium or not chromedriver:
        missing("Chromium and ChromeDriver are not installed (Debian: apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    browser = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    browser.set_page_load_timeout(30)
    browser.set_script_timeout(60)
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture
def browser(driver):
    """The shared browser, put back to a desktop window, light mode and no emulation after each test."""
    reset_emulation(driver)
    yield driver
    reset_emulation(driver)


# ---------------------------------------------------------------- axe-core


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's axe.min.js from node_modules (npm ci)."""
    if not AXE_JS.is_file():
        missing(f"axe-core is not installed ({AXE_JS.relative_to(ROOT)} is missing): run `npm ci` or scripts/setup")
    return AXE_JS.read_text("utf-8")

