"""Leichte Sprache: the page type, the demo section in German and English ("Easy read"), and the
header link every page shows, in the reader's language, without queries of its own."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest

from cms.models import NavigationSettings
from home.models import EasyReadPage
from tests.conftest import in_german, main_of

pytestmark = pytest.mark.django_db

SECTION = {"de": "/de/leichte-sprache/", "en": "/en/easy-read/"}
HEADER_LINK = re.compile(r'<a class="site-header__easy-read" href="([^"]+)"[^>]*>(.*?)</a>', re.S)


def test_the_page_type_renders_its_blocks(site_homes, client):
    home, _ = site_homes
    page = EasyReadPage(
        title="Leichte Sprache",
        slug="leichte-sprache",
        pictogram="read",
        intro="Hier erklären wir alles.",
        body=[
            ("text", "Das ist Satz 1.\nDas ist Satz 2."),
            (
                "pictogram_text",
                {"pictogram": "idea", "image": None, "alt_text": "", "text": "Eine Idee."},
            ),
            (
                "glossary",
                {
                    "heading": "Schwere Wörter",
                    "entries": [{"word": "Bündnis", "explanation": "Eine Gruppe."}],
                },
            ),
        ],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    html = main_of(client.get(page.url))
    assert "<p>Das ist Satz 1.</p><p>Das ist Satz 2.</p>" in html
    assert 'src="/static/img/pictograms/idea.svg"' in html
    assert f'alt="{in_german("Proposing: a light bulb")}"' in html
    assert "<dt>Bündnis</dt>" in html


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_demo_section_exists_in_both_languages(demo, client, language):
    response = client.get(SECTION[language])
    assert response.status_code == 200
    section = response.context["page"]
    children = EasyReadPage.objects.child_of(section).live()
    assert children.count() == 4
    html = main_of(response)
    for child in children:
        assert f'href="{child.url}"' in html
        assert client.get(child.url).status_code == 200
    assert "<dl>" in html  # the word list
    if language == "en":
        assert {child.slug for child in children} == {
            "what-is-landvorteil",
            "taking-part",
            "registering",
            "getting-help",
        }


def test_the_demo_section_follows_the_rules_of_leichte_sprache(demo):
    """Short sentences, one per line: no line of the demo's text runs longer than 15 words."""
    for page in EasyReadPage.objects.filter(locale__language_code="de"):
        for block in page.body:
            text = block.value if block.block_type == "text" else block.value.get("text", "")
            for line in str(text or "").splitlines():
                assert len(line.split()) <= 15, (page.title, line)


def test_every_page_type_links_to_the_section_in_the_readers_language(demo, client):
    seen = set()
    for page in Page.objects.live().filter(depth__gte=2).specific():
        key = (type(page).__name__, page.locale.language_code)
        if key in seen:
            continue
        seen.add(key)
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        links = HEADER_LINK.findall(response.content.decode())
        language = page.locale.language_code
        assert links, page.url
        assert links[0][0] == SECTION[language], page.url
        # German: needs the catalogue ("Easy read" => "Leichte Sprache").
        expected = in_german("Easy read") if language == "de" else "Easy read"
        assert expected in links[0][1]
    assert ("EasyReadPage", "en") in seen and ("AccessibilityStatementPage", "de") in seen


def test_the_header_link_costs_no_query_once_the_frame_is_cached(demo, client):
    client.get("/de/")
    with CaptureQueriesContext(connection) as with_link:
        client.get("/de/")
    settings = NavigationSettings.objects.get()
    settings.easy_read_page = None
    settings.save()
    client.get("/de/")
    with CaptureQueriesContext(connection) as without_link:
        response = client.get("/de/")
    assert not HEADER_LINK.findall(response.content.decode())
    assert len(with_link) == len(without_link)
