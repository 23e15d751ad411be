import datetime
import json
import re
from types import SimpleNamespace

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from cms.maps import map_tile_origin
from home.models.places import PlaceKind
from tests.cms.factories import FieldOfActionFactory
from tests.conftest import in_german, main_of, queries_of, translate
from tests.home.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    PlaceIndexPageFactory,
    PlacePageFactory,
)

pytestmark = pytest.mark.django_db

TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def csp_directive(response, name):
    """The sources of one directive of the response's Content-Security-Policy."""
    for directive in response["Content-Security-Policy"].split(";"):
        parts = directive.split()
        if parts and parts[0] == name:
            return parts[1:]
    return []


@pytest.fixture
def fields(db):
    return SimpleNamespace(
        places=FieldOfActionFactory(
            slug="innovationsorte", name="Kreativ- und Innovationsorte", colour="blue"
        ),
        founding=FieldOfActionFactory(slug="gruendungen", name="Ländliche Gründungen"),
    )


@pytest.fixture
def places(site_homes, fields, settings):
    home_de, _home_en = site_homes
    settings.PLACES_MAP_TILE_URL = TILE_URL
    index = PlaceIndexPageFactory(parent=home_de, intro="Orte zum Arbeiten und Ausprobieren.")
    workshop = PlacePageFactory(
        parent=index,
        title="Werkraum Wismar",
        slug="werkraum-wismar",
        kind="makerspace",
        street="Am Alten Hafen 3",
        postcode="23966",
        municipality="Wismar",
        latitude="53.89100",
        longitude="11.46500",
        opening_hours="Mo–Fr 9–18 Uhr\nSa 10–14 Uhr",
        email="hallo@werkraum.example",
        phone="+49 (0)3841 123-45",
        website="https://www.werkraum.example/",
        fields_of_action=[fields.places],
    )
    office = PlacePageFactory(
        parent=index,
        title="Dorfbüro Lüdersdorf",
        slug="dorfbuero-luedersdorf",
        kind="coworking",
        municipality="Lüdersdorf",
        latitude="53.80612",
        longitude="10.81740",
        fields_of_action=[fields.founding],
    )
    return SimpleNamespace(index=index, workshop=workshop, office=office)


@pytest.fixture
def places_en(places, locale_en):
    index = translate(places.index, locale_en, title="Places", intro="Places to work and try.")
    workshop = translate(places.workshop, locale_en, title="Workshop Wismar")
    return SimpleNamespace(index=index, workshop=workshop)


def test_index_lists_places_with_kind_municipality_and_fields(client, places):
    response = client.get("/de/orte/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="de">' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert 'href="/de/orte/werkraum-wismar/"' in html
    assert 'href="/de/orte/dorfbuero-luedersdorf/"' in html
    assert f"{in_german(PlaceKind.MAKERSPACE.label)} · Wismar" in html
    assert "Kreativ- und Innovationsorte" in html
    assert "Ländliche Gründungen" in html
    # Lüdersdorf before Wismar: the list is ordered by municipality.
    assert html.index("Dorfbüro Lüdersdorf") < html.index("Werkraum Wismar")


def test_english_index_lists_the_english_places(client, places_en):
    response = client.get("/en/orte/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "<h1>Places</h1>" in html
    assert 'href="/en/orte/werkraum-wismar/"' in html
    assert "Workshop Wismar" in html
    assert "Makerspace · Wismar" in html
    assert "/de/orte/werkraum-wismar/" not in main_of(html)
    assert "Show map" in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?field=innovationsorte", "Werkraum Wismar", "Dorfbüro Lüdersdorf"),
        ("?field=gruendungen", "Dorfbüro Lüdersdorf", "Werkraum Wismar"),
    ],
)
def test_index_filters_by_field_of_action(client, places, query, shown, hidden):
    html = client.get("/de/orte/" + query).content.decode()
    assert f">{shown}</a>" in html
    assert f">{hidden}</a>" not in html
    assert f'data-geojson-url="/de/orte/geojson/{query}"' in html


@pytest.mark.parametrize(
    "query",
    ["?field=unknown", "?field=%00", "?field=<script>", "?page=abc", "?page=999", "?page=-1"],
)
def test_invalid_filter_and_page_values_give_the_list(client, places, query):
    response = client.get("/de/orte/" + query)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>" not in html
    assert ">Werkraum Wismar</a>" in html


def test_place_page_shows_address_hours_contact_and_fields(client, places):
    response = client.get("/de/orte/werkraum-wismar/")
    html = response.content.decode()
    assert response.status_code == 200
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert "Am Alten Hafen 3" in html
    assert "23966 Wismar" in html
    assert "<p>Mo–Fr 9–18 Uhr<br>Sa 10–14 Uhr</p>" in html
    assert 'href="mailto:hallo@werkraum.example"' in html
    assert 'href="tel:+49384112345"' in html
    assert 'href="https://www.werkraum.example/">werkraum.example</a>' in html
    assert "field-chip--blue" in html
    assert "Kreativ- und Innovationsorte" in html


def test_english_place_page(client, places_en):
    response = client.get("/en/orte/werkraum-wismar/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "<h1>Workshop Wismar</h1>" in html
    assert ">Makerspace<" in html
    assert "Opening hours" in html


def test_place_page_without_contact_leaves_the_contact_section_out(client, places):
    html = main_of(client.get("/de/orte/dorfbuero-luedersdorf/"))
    assert "Lüdersdorf" in html
    assert "mailto:" not in html
    assert "tel:" not in html
    assert 'id="place-contact-heading"' not in html


@pytest.fixture
def event_index(site_homes):
    home_de, _home_en = site_homes
    return EventIndexPageFactory(parent=home_de)


def test_place_page_lists_the_next_live_events_there(client, places, event_index, locale_en):
    now = timezone.now()
    workshop = places.workshop
    for days in [9, 3, 5, 7, 11, 13]:
        EventPageFactory(
            parent=event_index,
            title=f"Werkstatt in {days} Tagen",
            place=workshop,
            start=now + datetime.timedelta(days=days),
        )
    EventPageFactory(
        parent=event_index,
        title="Vorbei",
        place=workshop,
        start=now - datetime.timedelta(days=2),
    )
    EventPageFactory(parent=event_index, title="Anderswo", start=now + datetime.timedelta(days=1))
    EventPageFactory(
        parent=event_index,
        title="Entwurf",
        place=workshop,
        start=now + datetime.timedelta(days=1),
        live=False,
    )
    private = EventPageFactory(
        parent=event_index,
        title="Nur für Mitglieder",
        place=workshop,
        start=now + datetime.timedelta(days=1),
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    html = client.get("/de/orte/werkraum-wismar/").content.decode()
    shown = re.findall(
        r">(Werkstatt in \d+ Tagen|Vorbei|Anderswo|Entwurf|Nur für Mitglieder)</a>", html
    )
    assert shown == [f"Werkstatt in {days} Tagen" for days in [3, 5, 7, 9, 11]]
    assert 'href="/de/veranstaltungen/werkstatt-in-3-tagen/"' in html


def test_upcoming_events_are_one_query_and_in_the_place_language(places, event_index, locale_en):
    event = EventPageFactory(parent=event_index, title="Werkstatt", place=places.workshop)
    workshop_en = translate(places.workshop, locale_en, title="Workshop Wismar")
    event_en = translate(event, locale_en, title="Workshop", place=workshop_en)

    with CaptureQueriesContext(connection) as queries:
        events = places.workshop.upcoming_events()
    assert events == [event]
    assert len(queries) == 1
    assert workshop_en.upcoming_events() == [event_en]


def test_place_page_query_count_does_not_grow_with_events(client, places, event_index):
    EventPageFactory(parent=event_index, place=places.workshop)
    _response, one_event = queries_of(client, "/de/orte/werkraum-wismar/")
    for _number in range(5):
        EventPageFactory(parent=event_index, place=places.workshop)
    response, six_events = queries_of(client, "/de/orte/werkraum-wismar/")
    assert response.content.decode().count("/de/veranstaltungen/") == 5
    assert len(six_events) == len(one_event)


def test_geojson_lists_the_places_as_points(client, places):
    PlacePageFactory(parent=places.index, title="Entwurf", slug="entwurf", live=False)
    response = client.get("/de/orte/geojson/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    features = {feature["properties"]["title"]: feature for feature in data["features"]}
    assert set(features) == {"Werkraum Wismar", "Dorfbüro Lüdersdorf"}
    workshop = features["Werkraum Wismar"]
    assert workshop["type"] == "Feature"
    assert workshop["geometry"] == {"type": "Point", "coordinates": [11.465, 53.891]}
    assert workshop["properties"] == {
        "title": "Werkraum Wismar",
        "url": "/de/orte/werkraum-wismar/",
        "kind": in_german(PlaceKind.MAKERSPACE.label),
        "municipality": "Wismar",
        "marker": "makerspace",
    }


def test_geojson_honours_the_field_filter_and_ignores_invalid_values(client, places):
    def titles(query):
        data = json.loads(client.get("/de/orte/geojson/" + query).content)
        return {feature["properties"]["title"] for feature in data["features"]}

    assert titles("?field=innovationsorte") == {"Werkraum Wismar"}
    assert titles("?field=gruendungen") == {"Dorfbüro Lüdersdorf"}
    assert titles("?field=<unknown>") == {"Werkraum Wismar", "Dorfbüro Lüdersdorf"}


def test_english_geojson_has_the_english_places_and_with_the_list_german_only_ones(
    client, places_en
):
    only_english = json.loads(client.get("/en/orte/geojson/?languages=own").content)
    assert [f["properties"]["title"] for f in only_english["features"]] == ["Workshop Wismar"]
    assert only_english["features"][0]["properties"]["url"] == "/en/orte/werkraum-wismar/"
    assert only_english["features"][0]["properties"]["kind"] == "Makerspace"
    # Like the list, the map hides nothing that exists only in German unless asked to.
    data = json.loads(client.get("/en/orte/geojson/").content)
    urls = {feature["properties"]["url"] for feature in data["features"]}
    assert urls == {"/en/orte/werkraum-wismar/", "/de/orte/dorfbuero-luedersdorf/"}


def test_index_names_the_tile_server_only_in_a_data_attribute(client, places):
    html = client.get("/de/orte/").content.decode()
    assert html.count("tile.openstreetmap.org/") == 1
    assert f'data-tile-url="{TILE_URL}"' in html
    assert not re.search(r"<(img|link|script|iframe)[^>]+tile\.openstreetmap\.org", html)
    # Leaflet itself is loaded by script only after the click.
    assert "leaflet.js" in html
    assert not re.search(r"<script[^>]+leaflet\.js", html)
    assert not re.search(r"<link[^>]+leaflet\.css", html)
    # The section that explains the map and offers it stays hidden without JavaScript.
    assert re.search(r'<section class="places-map"[^>]*\shidden\s', html)
    assert "erhält dieser Server Ihre IP-Adresse" in html


def test_only_the_index_allows_images_from_the_tile_server(client, places):
    index = client.get("/de/orte/")
    assert "https://tile.openstreetmap.org" in csp_directive(index, "img-src")
    assert "'self'" in csp_directive(index, "img-src")
    assert csp_directive(index, "script-src") == ["'self'"]
    for path in ["/de/orte/werkraum-wismar/", "/de/orte/geojson/", "/de/"]:
        response = client.get(path)
        assert "https://tile.openstreetmap.org" not in response["Content-Security-Policy"], path


def test_tile_origin_follows_the_setting(client, places, settings):
    settings.PLACES_MAP_TILE_URL = "https://{s}.tiles.example.org:8443/osm/{z}/{x}/{y}.png"
    response = client.get("/de/orte/")
    html = main_of(response)
    assert "https://*.tiles.example.org:8443" in csp_directive(response, "img-src")
    notice = html.split('class="places-map__notice">', 1)[1].split("</p>", 1)[0]
    assert "tiles.example.org" in notice
    assert "{s}" not in notice


@pytest.mark.parametrize(
    ("tile_url", "origin"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:8080"),
        ("/static/tiles/{z}/{x}/{y}.png", None),
    ],
)
def test_map_tile_origin(tile_url, origin):
    assert map_tile_origin(tile_url) == origin


def test_index_query_count_does_not_grow_with_places(client, places, fields):
    for number in range(8):
        PlacePageFactory(
            parent=places.index, slug=f"ort-{number}", fields_of_action=[fields.places]
        )
    _response, captured = queries_of(client, "/de/orte/")
    ten_places = len(captured)
    for number in range(8, 198):
        PlacePageFactory(
            parent=places.index,
            slug=f"ort-{number}",
            fields_of_action=[fields.places, fields.founding],
        )
    response, two_hundred_places = queries_of(client, "/de/orte/")
    html = response.content.decode()
    assert in_german("%(counter)s place", "%(counter)s places", n=200, counter=200) in html
    assert html.count('class="teaser"') == 24
    assert len(two_hundred_places) == ten_places
