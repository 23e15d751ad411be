import io

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
