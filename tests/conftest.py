import io
import os

from django.core.management import call_command

from wagtail.models import Locale, Page, Site

import pytest

from home.models import HomePage


@pytest.fixture
def demo(db):
    """The demo installation: German and English home and standard pages, demo accounts."""
    call_command("load_demo_content", stdout=io.StringIO())
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_de(demo):
    return HomePage.objects.get(locale__language_code="de")


@pytest.fixture
def home_en(demo):
    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def locale_en(db):
    return Locale.objects.get_or_create(language_code="en")[0]


def page_in(language_code, slug):
    return Page.objects.get(locale__language_code=language_code, slug=slug).specific


@pytest.fixture(scope="session")
def playwright_driver(request):
    """Playwright's driver, started before the test database when browser tests are collected.

    Playwright's sync API runs an event loop in this thread, which gives Django's connections a
    new context: a database set up before it would lose the contents that serialized rollback
    restores after each browser test.
    """
    from tests.e2e.browser import chromium_available

    if not any("tests/e2e/" in item.nodeid for item in request.session.items):
        yield None
        return
    if not chromium_available():
        yield None
        return
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def django_db_setup(playwright_driver, django_db_setup):
    """pytest-django's database set-up, after the browser driver has started."""
    return django_db_setup
