"""Real-browser harness: Playwright drives Debian's Chromium against pytest-django's live server.

Without Chromium the tests are skipped locally and fail in CI (CI=true), where a missing browser
is an error. The driver itself starts in tests/conftest.py, before the test database.
"""

import base64
import io
import os
from urllib.parse import urlsplit

from django.core.management import call_command

import pytest

from tests.e2e.browser import CHROMIUM_ARGS, chromium_available, chromium_path
from tests.html_checks import html_validator  # noqa: F401 - fixture

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# The map tests name a real tile server; the browser never reaches it (see ``watched``).
TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILE_HOST = "tile.openstreetmap.org"
# A transparent 1×1 PNG served instead of every tile: no request leaves the machine.
BLANK_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def hosts(urls):
    return {urlsplit(url).hostname for url in urls}


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


# The markup of these is Wagtail's or a library's, not ours.
NOT_OUR_MARKUP = ("/admin/", "/django-admin/")


def _keep_document(page, response):
    """The HTML the server sent for the page now shown, read when it arrives (the browser may
    drop it later): what ``axe_check`` validates, including forms sent back with errors."""
    if response.request.resource_type != "document" or response.frame != page.main_frame:
        return
    try:
        page.served_html = (response.url, response.text())
    except Exception:  # noqa: BLE001 - a redirect has no body; the next response follows
        page.served_html = None


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    page.served_html = None
    page.on("response", lambda response: _keep_document(page, response))
    yield page
    context.close()


@pytest.fixture
def axe_check(html_validator):  # noqa: F811
    """Zero axe violations (WCAG 2.1 AA) in the page as the browser shows it, and valid HTML
    without template code in the page as the server sent it."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        assert results.violations_count == 0, results.generate_report()
        served = getattr(page, "served_html", None)
        if served and not urlsplit(served[0]).path.startswith(NOT_OUR_MARKUP):
            url, html = served
            problems = html_validator.problems(html)
            assert not problems, f"{url}:\n" + "\n".join(problems)
        return results

    return check


@pytest.fixture
def watched(page):
    """The page with every request, console error and policy violation recorded, and the tile
    server answered locally: ``tiles`` lists (tile URL, referrer) of every tile asked for."""
    record = {"requests": [], "errors": [], "tiles": []}
    page.on("request", lambda request: record["requests"].append(request.url))
    page.on("pageerror", lambda error: record["errors"].append(str(error)))
    page.on(
        "console",
        lambda message: record["errors"].append(message.text) if message.type == "error" else None,
    )
    page.add_init_script(
        "window.policyViolations = [];"
        "document.addEventListener('securitypolicyviolation', function (event) {"
        "  window.policyViolations.push(event.violatedDirective + ' ' + event.blockedURI);"
        "});"
    )

    def answer_tile(route):
        if urlsplit(route.request.url).hostname != TILE_HOST:
            route.continue_()  # our own marker images
            return
        record["tiles"].append((route.request.url, route.request.headers.get("referer")))
        route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)

    page.route("**/*.png", answer_tile)
    return record


@pytest.fixture
def demo_site(live_server):
    """The demo content, served by the live server; its address."""
    call_command("load_demo_content", stdout=io.StringIO())
    return live_server.url
