"""Real-browser harness: Playwright drives Debian's Chromium against pytest-django's live server.

Without Chromium the tests are skipped locally and fail in CI (CI=true), where a missing browser
is an error. The driver itself starts in tests/conftest.py, before the test database.
"""

import os

import pytest

from tests.e2e.browser import CHROMIUM_ARGS, chromium_available, chromium_path

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in item.nodeid:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser(playwright_driver, django_db_setup):
    if not chromium_available():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {chromium_path()}: browser tests must run in CI.")
        pytest.skip("Chromium is not installed (apt-get install chromium).")
    browser = playwright_driver.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe_check():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        assert results.violations_count == 0, results.generate_report()
        return results

    return check
