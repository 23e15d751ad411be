"""Wagtail's pages API at /api/v1/pages/: published, public pages only, per language, with the
fields each page type declares, and errors as JSON."""

from wagtail.models import PageViewRestriction

import pytest

from tests.cms.factories import FieldOfActionFactory
from tests.home.factories import StandardPageFactory
from tests.visions.factories import (
    ProcessIndexPageFactory,
    ProcessPageFactory,
    VisionIndexPageFactory,
    VisionPageFactory,
)

pytestmark = pytest.mark.django_db

PAGES = "/api/v1/pages/"


def titles(response):
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


def test_only_live_public_pages_are_listed_and_counted(client, site_homes):
    home, _home_en = site_homes
    StandardPageFactory(parent=home, title="Öffentlich")
    StandardPageFactory(parent=home, title="Entwurf", live=False)
    private = StandardPageFactory(parent=home, title="Intern")
    StandardPageFactory(parent=private, title="Unter Intern")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    deleted = StandardPageFactory(parent=home, title="Gelöscht")
    deleted.delete()

    response = client.get(PAGES)

    assert titles(response) == {"Start", "Home", "Öffentlich"}
    assert response.json()["meta"]["total_count"] == 3
    assert "Set-Cookie" not in response.headers


def test_private_and_draft_pages_have_no_detail(client, site_homes):
    home, _ = site_homes
    draft = StandardPageFactory(parent=home, title="Entwurf", live=False)
    private = StandardPageFactory(parent=home, title="Mit Passwort")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")

    for page in (draft, private):
        response = client.get(f"{PAGES}{page.pk}/")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_a_live_page_shows_its_published_values_not_its_draft(client, site_homes):
    home, _ = site_homes
    page = StandardPageFactory(parent=home, title="Veröffentlicht", intro="Alt")
    page.title, page.intro = "Neuer Entwurf", "Neu"
    page.save_revision()

    body = client.get(f"{PAGES}{page.pk}/").json()

    assert (body["title"], body["intro"]) == ("Veröffentlicht", "Alt")


def test_locale_filter_gives_one_language(client, site_homes):
    assert titles(client.get(PAGES, {"locale": "de"})) == {"Start"}
    assert titles(client.get(PAGES, {"locale": "en"})) == {"Home"}


@pytest.mark.parametrize(
    "query",
    [
        {"locale": "fr"},
        {"unknown": "1"},
        {"fields": "password"},
        {"limit": "101"},
        {"limit": "-1"},
        {"order": "nothing"},
        {"type": "home.NoSuchPage"},
        {"first_published_at": "yesterday"},
        {"id": "x"},
        {"child_of": "x"},
        {"format": "api"},
        {"search": ""},
        {"fields": ""},
        {"locale": " "},
        {"search": "a\x00b"},
        {"offset": "10001"},
        {"fields": "*,title"},
        {"offset": "99999999999999999999999"},
    ],
)
def test_bad_queries_are_400_json(client, site_homes, query):
    response = client.get(PAGES, query)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["message"]


def test_searching_and_ordering_go_together(client, site_homes):
    """Every ordering the description lists also works with a search (the search index can
    sort by it), so that no documented combination is a 400."""
    from wagtail.models import get_page_models

    from opendata.api.schema import PAGE_ORDERINGS

    for order in PAGE_ORDERINGS:
        for kind in [None, *(model._meta.label for model in get_page_models())]:
            query = {"search": "Start", "order": f"-{order}", **({"type": kind} if kind else {})}
            response = client.get(PAGES, query)
            assert response.status_code == 200, (query, response.content)


def test_fields_can_leave_out_everything(client, site_homes):
    response = client.get(PAGES, {"fields": "_"})

    assert response.status_code == 200
    assert response.json()["items"][0] == {}


def test_page_types_show_their_fields_but_nothing_internal(client, site_homes):
    home, _ = site_homes
    field = FieldOfActionFactory(name="Wissen", slug="wissen")
    process = ProcessPageFactory(
        parent=ProcessIndexPageFactory(parent=home), title="Prozess", fields_of_action=[field]
    )
    vision = VisionPageFactory(
        parent=VisionIndexPageFactory(parent=home),
        updates=[{"title": "Start", "date": "2025-01-01"}],
    )

    body = client.get(f"{PAGES}{process.pk}/").json()
    assert body["question"] == process.question
    assert body["fields_of_action"] == [{"slug": "wissen", "name": "Wissen"}]
    assert body["phases"][0]["title"] == "Ideen sammeln"
    for internal in ("moderation", "support_budget", "qualified_threshold", "owner"):
        assert internal not in body
    assert body["meta"]["detail_url"].startswith("http://testserver/api/v1/pages/")
    assert body["meta"]["html_url"].startswith("http://")

    body = client.get(f"{PAGES}{vision.pk}/").json()
    assert body["status"] == "planned"
    assert body["updates"][0]["title"] == "Start"
    assert "origin" not in body


def test_event_pages_keep_the_online_link_to_registered_people(client, site_homes):
    from tests.home.factories import EventIndexPageFactory, EventPageFactory

    home, _ = site_homes
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home), online_url="https://meet.example.org/x"
    )

    body = client.get(f"{PAGES}{event.pk}/").json()

    assert body["organiser"] == "LANDVORTEIL"
    assert "online_url" not in body
    assert "meet.example.org" not in str(body)


def test_answers_are_cacheable_with_an_etag(client, site_homes):
    response = client.get(PAGES)
    assert response.headers["ETag"]
    assert "public" in response.headers["Cache-Control"]

    again = client.get(PAGES, headers={"if-none-match": response.headers["ETag"]})

    assert again.status_code == 304
