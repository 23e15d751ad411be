import io
import os

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Locale, Page, Site

import pytest

from home.models import HomePage
from tests.redis_server import redis_server, shared_cache  # noqa: F401 - fixtures for outages


@pytest.fixture(autouse=True)
def _german_first():
    """Each test starts in the site's default language, as a request without a language would:
    a test that switches to English must not change the language of the tests after it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rolled-back data must not live on in cached menus
    or rate limits."""
    from django.core.cache import cache, caches

    cache.clear()
    caches["renditions"].clear()


@pytest.fixture(autouse=True)
def _mail_through_the_outbox(settings):
    """Mail goes through the outbox (participation.mail) as outside tests: Django's test set-up
    replaces EMAIL_BACKEND with its in-memory backend, which would skip the outbox. The test
    settings deliver from the outbox to that in-memory backend at once, so ``mail.outbox`` still
    fills right after an action."""
    settings.EMAIL_BACKEND = "participation.mail.QueuedEmailBackend"


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


def translation_of(slug, language_code="en"):
    """The ``language_code`` translation of the German page ``slug`` (translations have their
    own slugs)."""
    return (
        Page.objects.get(
            locale__language_code=language_code,
            translation_key=page_in("de", slug).translation_key,
        )
    ).specific


def translate(page, locale, **fields):
    """``page``'s translation into ``locale`` (with its parents), with ``fields`` set, published."""
    translated = page.copy_for_translation(locale, copy_parents=True).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


def in_german(message, plural=None, n=None, **values):
    """``message`` as the German interface shows it, whether or not it is translated yet.

    ``message`` is a lazy translation (shown as German text; a lazy plural picks its form from
    ``values``) or a msgid (looked up with ``gettext``, or with ``ngettext`` for ``n`` when
    ``plural`` is given); ``values``, if any, are filled into its ``%(name)s`` placeholders.
    """
    with translation.override("de"):
        if plural is not None:
            text = translation.ngettext(message, plural, n)
        elif isinstance(message, str):
            text = translation.gettext(message)
        elif values:
            return str(message % values)
        else:
            text = str(message)
    return text % values if values else text


def main_of(page):
    """The content of the ``<main>`` element of ``page``, an HTML string or a response."""
    html = page if isinstance(page, str) else page.content.decode()
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def queries_of(client, path, *args, **kwargs):
    """``(response, queries)`` of ``client.get(path, *args, **kwargs)``, after one warm-up GET.

    The first request after a content change refills the page-frame cache (menu, footer,
    translations: ``cms/layout.py``) and costs extra queries; the warm-up request takes that
    cost, so the counted request shows what the page itself costs. The captured queries are
    copied at once: Django's query log is a ring buffer that later requests overwrite.
    """
    client.get(path, *args, **kwargs)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, *args, **kwargs)
    return response, list(captured.captured_queries)


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
