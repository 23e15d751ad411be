"""The page-based resources of the read API (processes, visions, events, places): published,
public pages only, in lists, counts and details; drafts show their live values; filters,
orderings and a constant number of queries per page of results."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from participation.models import EventRegistration
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.home.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    PlaceIndexPageFactory,
    PlacePageFactory,
)
from tests.participation.factories import ProposalFactory
from tests.visions.factories import (
    ProcessIndexPageFactory,
    ProcessPageFactory,
    VisionIndexPageFactory,
    VisionPageFactory,
)

pytestmark = pytest.mark.django_db


def listing(client, resource, **query):
    response = client.get(f"/api/v1/{resource}/", query)
    assert response.status_code == 200, response.content
    assert "Set-Cookie" not in response.headers
    return response.json()


def titles(body):
    return {item["title"] for item in body["results"]}


INDEXES = {
    "processes": (ProcessIndexPageFactory, ProcessPageFactory),
    "visions": (VisionIndexPageFactory, VisionPageFactory),
    "events": (EventIndexPageFactory, EventPageFactory),
    "places": (PlaceIndexPageFactory, PlacePageFactory),
}


@pytest.mark.parametrize("resource", INDEXES)
def test_only_published_public_pages_are_listed_and_counted(client, site_homes, resource):
    home, _ = site_homes
    index_factory, factory = INDEXES[resource]
    index = index_factory(parent=home)
    factory(parent=index, title="Sichtbar")
    factory(parent=index, title="Entwurf", live=False)
    factory(parent=index, title="Gelöscht").delete()
    private_index = index_factory(parent=home, slug="intern", title="Intern")
    PageViewRestriction.objects.create(page=private_index, restriction_type="login")
    hidden = factory(parent=private_index, title="Unter privatem Bereich")
    changed = factory(parent=index, title="Veröffentlicht")
    changed.title = "Noch nicht freigegeben"
    changed.save_revision()

    body = listing(client, resource)

    assert titles(body) == {"Sichtbar", "Veröffentlicht"}
    assert body["count"] == 2
    assert client.get(f"/api/v1/{resource}/{hidden.pk}/").status_code == 404
    detail = client.get(f"/api/v1/{resource}/{changed.pk}/").json()
    assert detail["title"] == "Veröffentlicht"
    assert detail["url"].startswith("http")
    assert detail["language"] == "de"


@pytest.mark.parametrize("resource", INDEXES)
def test_query_count_does_not_grow_with_the_pages(client, site_homes, resource):
    home, _ = site_homes
    index_factory, factory = INDEXES[resource]
    index = index_factory(parent=home)
    field = FieldOfActionFactory()

    def count_queries():
        client.get(f"/api/v1/{resource}/", {"page_size": 100})
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/api/v1/{resource}/", {"page_size": 100})
        assert response.status_code == 200
        return len(captured), response.json()["count"]

    def add(number):
        for _ in range(number):
            page = factory(parent=index)
            page.fields_of_action.add(field)
            page.save_revision().publish()

    add(5)
    few = count_queries()
    add(45)
    many = count_queries()

    assert (few[1], many[1]) == (5, 50)
    assert many[0] == few[0]


def test_process_phases_state_and_visible_proposal_count(client, site_homes):
    home, _ = site_homes
    index = ProcessIndexPageFactory(parent=home)
    today = timezone.localdate()
    running = ProcessPageFactory(parent=index, title="Läuft")
    ProcessPageFactory(
        parent=index,
        title="Kommt",
        phases=[
            {"start": today + datetime.timedelta(days=3), "end": today + datetime.timedelta(days=9)}
        ],
    )
    ProcessPageFactory(
        parent=index,
        title="Vorbei",
        phases=[
            {"start": today - datetime.timedelta(days=9), "end": today - datetime.timedelta(days=3)}
        ],
    )
    ProposalFactory(process=running)
    ProposalFactory(process=running, moderation="pending")
    ProposalFactory(process=running, moderation="hidden")

    body = listing(client, "processes")
    by_title = {item["title"]: item for item in body["results"]}

    assert {title: item["state"] for title, item in by_title.items()} == {
        "Läuft": "open",
        "Kommt": "upcoming",
        "Vorbei": "closed",
    }
    assert by_title["Läuft"]["proposal_count"] == 1
    assert by_title["Läuft"]["phases"][0]["current"] is True
    assert titles(listing(client, "processes", state="upcoming")) == {"Kommt"}


def test_vision_updates_and_origin_only_when_visible(client, site_homes):
    home, _ = site_homes
    process = ProcessPageFactory(parent=ProcessIndexPageFactory(parent=home))
    public = ProposalFactory(process=process)
    hidden = ProposalFactory(process=process, moderation="hidden")
    index = VisionIndexPageFactory(parent=home)
    VisionPageFactory(
        parent=index,
        title="Aus öffentlichem Vorschlag",
        origin=public,
        status="in_progress",
        updates=[
            {"title": "Älter", "date": datetime.date(2025, 1, 1)},
            {
                "title": "Neuer",
                "date": datetime.date(2025, 6, 1),
                "text": '<p><a href="/de/">x</a></p>',
            },
        ],
    )
    VisionPageFactory(parent=index, title="Aus verborgenem Vorschlag", origin=hidden)

    by_title = {item["title"]: item for item in listing(client, "visions")["results"]}

    assert by_title["Aus öffentlichem Vorschlag"]["origin_proposal"] == public.pk
    assert by_title["Aus verborgenem Vorschlag"]["origin_proposal"] is None
    updates = by_title["Aus öffentlichem Vorschlag"]["updates"]
    assert [update["title"] for update in updates] == ["Neuer", "Älter"]
    assert 'href="http://testserver/de/"' in updates[0]["text"]
    assert titles(listing(client, "visions", status="in_progress")) == {
        "Aus öffentlichem Vorschlag"
    }
    assert titles(listing(client, "visions", process=process.pk)) == {
        "Aus öffentlichem Vorschlag",
        "Aus verborgenem Vorschlag",
    }


def test_event_seats_and_place(client, site_homes):
    home, _ = site_homes
    place = PlacePageFactory(parent=PlaceIndexPageFactory(parent=home), municipality="Wismar")
    index = EventIndexPageFactory(parent=home)
    event = EventPageFactory(
        parent=index, title="Mit Anmeldung", registration_enabled=True, capacity=10, place=place
    )
    EventPageFactory(parent=index, title="Ohne Anmeldung", registration_enabled=False)
    for status, places in (("confirmed", 3), ("waiting", 1)):
        EventRegistration.objects.create(
            event=event, user=UserFactory(), status=status, places=places
        )
    EventRegistration.objects.create(
        event=event, guest_name="Gast", guest_email="gast@example.org", status="pending", places=1
    )

    by_title = {item["title"]: item for item in listing(client, "events")["results"]}

    with_seats = by_title["Mit Anmeldung"]
    assert (with_seats["registration"], with_seats["seats"]) == (True, 10)
    assert (with_seats["seats_taken"], with_seats["seats_left"]) == (3, 7)
    assert with_seats["place"]["id"] == place.pk
    without = by_title["Ohne Anmeldung"]
    assert (without["registration"], without["seats"], without["seats_left"]) == (False, None, None)
    assert without["place"] is None
    assert titles(listing(client, "events", municipality="Wismar")) == {"Mit Anmeldung"}


def test_a_place_in_a_private_section_is_not_named_by_its_events(client, site_homes):
    home, _ = site_homes
    private_index = PlaceIndexPageFactory(parent=home)
    PageViewRestriction.objects.create(page=private_index, restriction_type="login")
    place = PlacePageFactory(parent=private_index, title="Geheimer Ort")
    EventPageFactory(parent=EventIndexPageFactory(parent=home), place=place)

    body = listing(client, "events")

    assert body["results"][0]["place"] is None
    assert "Geheimer Ort" not in str(body)


def test_filters_by_language_field_of_action_and_changed_since(client, site_homes, locale_en):
    from tests.conftest import translate

    home, _ = site_homes
    field = FieldOfActionFactory(slug="wissen", name="Wissen")
    index = PlaceIndexPageFactory(parent=home)
    tagged = PlacePageFactory(parent=index, title="Mit Handlungsfeld", kind="lab")
    tagged.fields_of_action.add(field)
    tagged.save_revision().publish()
    PlacePageFactory(parent=index, title="Ohne", municipality="Lübeck")
    translate(tagged, locale_en, title="With field of action")

    assert titles(listing(client, "places", language="en")) == {"With field of action"}
    assert titles(listing(client, "places", language="de", field_of_action="wissen")) == {
        "Mit Handlungsfeld"
    }
    assert titles(listing(client, "places", municipality="Lübeck")) == {"Ohne"}
    assert titles(listing(client, "places", kind="lab", language="de")) == {"Mit Handlungsfeld"}
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert listing(client, "places", changed_since=tomorrow)["count"] == 0
    body = listing(client, "places", language="de", field_of_action="wissen")
    assert body["results"][0]["fields_of_action"] == [{"slug": "wissen", "name": "Wissen"}]


@pytest.mark.parametrize("resource", INDEXES)
@pytest.mark.parametrize(
    "query",
    [
        {"language": "fr"},
        {"colour": "red"},
        {"changed_since": "gestern"},
        {"ordering": "body"},
        {"page_size": "0"},
        {"cursor": "nonsense"},
    ],
)
def test_bad_queries_are_400(client, site_homes, resource, query):
    response = client.get(f"/api/v1/{resource}/", query)

    assert response.status_code == 400
    assert response.json()["error"]["fields"]


def test_vision_comments_only_of_a_public_vision(client, site_homes):
    from participation.models import Comment

    home, _ = site_homes
    index = VisionIndexPageFactory(parent=home)
    vision = VisionPageFactory(parent=index)
    draft = VisionPageFactory(parent=index, live=False)
    author = UserFactory()
    for moderation in ("published", "pending", "hidden"):
        Comment.objects.create(
            target=vision, author=author, text=f"Kommentar {moderation}", moderation=moderation
        )

    body = client.get(f"/api/v1/visions/{vision.pk}/comments/").json()

    assert [item["text"] for item in body["results"]] == ["Kommentar published"]
    assert body["count"] == 1
    assert client.get(f"/api/v1/visions/{draft.pk}/comments/").status_code == 404
