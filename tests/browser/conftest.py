"""A real headless Chromium for the pages a clerk opens: Debian's ``chromium`` driven
through its own ``chromium-driver`` by Selenium.

Why Selenium and the distribution's driver: Debian builds ``chromedriver`` from the
same source as ``chromium``, so the two always match (Playwright's Python package
is tied to the browser builds it downloads, which CI cannot fetch); Selenium is told
where both binaries are, so it never looks for or downloads a driver of its own.
The viewport is set through the DevTools protocol (exact CSS pixels, not a window
size minus its decorations), and the print media too, for the A4 checks.

Without Chromium the tests skip locally, with the reason; under CI (``CI`` set)
they fail: ``.ci/run`` installs it, so a missing browser there is a broken setup.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from browser_helpers import DESKTOP_WIDTH, Page


def _binary(*candidates: str) -> str | None:
    for name in candidates:
        found = shutil.which(name) or (name if os.path.isfile(name) else None)
        if found:
            return found
    return None


def _missing(what: str) -> None:
    message = (
        f"{what} not found: install Debian's chromium and chromium-driver "
        "(apt-get install chromium chromium-driver), as .ci/run does"
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium_paths() -> tuple[str, str]:
    browser = _binary("chromium", "/usr/bin/chromium", "chromium-browser")
    if browser is None:
        _missing("chromium")
    driver = _binary("chromedriver", "/usr/bin/chromedriver")
    if driver is None:
        _missing("chromedriver")
    assert browser is not None and driver is not None
    return browser, driver


@pytest.fixture(scope="session")
def poppler() -> None:
    """pdftotext and pdfinfo (Debian's poppler-utils), to read PDFs as a person would."""
    for tool in ("pdftotext", "pdfinfo"):
        if shutil.which(tool) is None:
            message = f"{tool} not found: install poppler-utils, as .ci/run does"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)


@pytest.fixture(scope="session")
def _driver(chromium_paths: tuple[str, str]) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver_path = chromium_paths
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-extensions",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def page(_driver: object) -> Page:
    shown = Page(_driver)
    shown.viewport(DESKTOP_WIDTH)
    return shown
