import io
import os

from django.core.management import call_command
from django.db import transaction

from wagtail.models import Locale, Page, Site

import pytest

from home.models import HomePage


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rolled-back data must not live on in cached menus
    or rate limits."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="module")
def _demo_content(django_db_setup, django_db_blocker):
    """The demo content, loaded once per test module inside a transaction that is rolled back
    after the module. Each test runs in a savepoint within it, so tests still cannot see each
    other's changes; loading it for every test would take most of the suite's time."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_content, db):
    """The demo installation: pages of every type in German and English, demo accounts."""
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


def make_site_homes():
    """A German home page as the site root and its English translation, nothing else.

    Much faster than the demo content; for tests that build their own pages.
    """
    de = Locale.objects.get_or_create(language_code="de")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    root = Page.get_first_root_node()
    root.get_children().filter(content_type__model="page").delete()
    home = HomePage(title="Start", slug="home", locale=de, intro="Willkommen")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page, site.site_name = "localhost", 80, home, "LANDVORTEIL"
    site.save()
    home_en = home.copy_for_translation(en, copy_parents=True).specific
    home_en.title, home_en.intro = "Home", "Welcome"
    home_en.save_revision().publish()
    return home, home_en


@pytest.fixture
def site_homes(db):
    return make_site_homes()


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
