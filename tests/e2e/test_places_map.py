"""The places map in a real browser: nothing from the tile server before the reader asks, a
keyboard-usable map with markers afterwards, no policy violations and no axe violations."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from home.models import PlaceIndexPage
from tests.cms.factories import FieldOfActionFactory
from tests.conftest import in_german, make_site_homes
from tests.e2e.conftest import TILE_HOST, TILE_URL, hosts
from tests.home.factories import PlaceIndexPageFactory, PlacePageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def places_site(live_server, settings):
    settings.PLACES_MAP_TILE_URL = TILE_URL
    home, _home_en = make_site_homes()
    field = FieldOfActionFactory(
        slug="innovationsorte", name="Kreativ- und Innovationsorte", colour="blue"
    )
    index = PlaceIndexPageFactory(parent=home, intro="Orte zum Arbeiten und Ausprobieren.")
    PlacePageFactory(
        parent=index,
        title="Werkraum Wismar",
        slug="werkraum-wismar",
        kind="makerspace",
        intro="Eine offene Werkstatt am Hafen.",
        street="Am Alten Hafen 3",
        postcode="23966",
        municipality="Wismar",
        latitude="53.89100",
        longitude="11.46500",
        opening_hours="Mo–Fr 9–18 Uhr\nSa 10–14 Uhr",
        email="hallo@werkraum.example",
        phone="+49 3841 12345",
        website="https://werkraum.example/",
        fields_of_action=[field],
    )
    PlacePageFactory(
        parent=index,
        title="Dorfbüro Gadebusch",
        slug="dorfbuero-gadebusch",
        municipality="Gadebusch",
        latitude="53.70412",
        longitude="11.11803",
        fields_of_action=[field],
    )
    return live_server.url


def test_map_loads_only_on_request_and_is_usable_with_the_keyboard(
    page, watched, places_site, axe_check
):
    own_host = urlsplit(places_site).hostname
    page.goto(places_site + "/de/orte/")
    page.wait_for_load_state("networkidle")

    assert watched["requests"]
    assert hosts(watched["requests"]) == {own_host}
    assert not [url for url in watched["requests"] if "leaflet" in url]
    assert page.locator(".teaser").count() == 2
    assert page.locator("#places-map-canvas").is_hidden()

    show_map = page.get_by_role("button", name=in_german("Show map"))
    show_map.focus()
    page.keyboard.press("Enter")

    map_region = page.get_by_role("region", name=in_german("Map of the places"))
    map_region.wait_for()
    markers = page.locator(".leaflet-marker-icon")
    markers.first.wait_for()
    assert markers.count() == 2
    page.locator(".leaflet-tile-loaded").first.wait_for()
    assert watched["tiles"]
    # Tile servers get the site's origin as referrer (they require one), not the page address.
    assert {referrer for _url, referrer in watched["tiles"]} == {places_site + "/"}
    assert hosts(watched["requests"]) == {own_host, TILE_HOST}
    assert any("vendor/leaflet/leaflet.js" in url for url in watched["requests"])
    assert page.evaluate("document.activeElement.id") == "places-map-canvas"
    assert show_map.is_hidden()

    # Kinds differ by shape (and colour), and the legend below the map names each shape.
    legend = page.get_by_role("list", name=in_german("Legend"))
    expect(legend).to_be_visible()
    expect(legend.get_by_role("listitem")).to_have_count(5)
    expect(legend).to_contain_text(in_german("Makerspace"))
    workshop = page.locator(".leaflet-marker-icon[title^='Werkraum Wismar']")
    office = page.locator(".leaflet-marker-icon[title^='Dorfbüro Gadebusch']")
    assert workshop.locator("svg").get_attribute("data-marker-symbol") == "makerspace"
    assert office.locator("svg").get_attribute("data-marker-symbol") == "coworking"
    shape = "el => el.querySelector('svg > *').outerHTML"
    assert workshop.evaluate(shape) != office.evaluate(shape)
    assert workshop.evaluate(shape) == legend.locator("[data-marker-symbol=makerspace]").evaluate(
        "el => el.firstElementChild.outerHTML"
    )

    # A marker opens with Enter; its popup leads to the place page.
    page.get_by_role("button", name="Werkraum Wismar").focus()
    page.keyboard.press("Enter")
    popup_link = page.locator(".leaflet-popup-content a")
    popup_link.wait_for()
    assert popup_link.get_attribute("href") == "/de/orte/werkraum-wismar/"
    assert popup_link.inner_text() == "Werkraum Wismar"
    assert page.evaluate("document.activeElement.textContent") == "Werkraum Wismar"
    assert "Wismar" in page.locator(".leaflet-popup-content").inner_text()

    axe_check(page)

    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached")
    assert page.evaluate("document.activeElement.title").startswith("Werkraum Wismar")

    assert page.evaluate("window.policyViolations") == []
    assert watched["errors"] == []


def test_map_follows_the_list_filter(page, watched, places_site):
    PlacePageFactory(
        parent=PlaceIndexPage.objects.get(),
        title="Lesecafé Zarrentin",
        slug="lesecafe-zarrentin",
        kind="third_place",
        municipality="Zarrentin",
        latitude="53.55100",
        longitude="10.91600",
    )
    page.goto(places_site + "/de/orte/?field=innovationsorte")
    page.get_by_role("button", name=in_german("Show map")).click()
    page.locator(".leaflet-marker-icon").first.wait_for()
    assert page.locator(".leaflet-marker-icon").count() == 2
    assert page.locator(".leaflet-marker-icon[title^='Lesecafé Zarrentin']").count() == 0
    assert watched["errors"] == []


def test_without_javascript_the_list_is_the_page(browser, places_site):
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(places_site + "/de/orte/")
    assert page.locator(".teaser").count() == 2
    assert page.get_by_role("button", name=in_german("Show map")).count() == 0
    assert page.locator("[data-places-map]").is_hidden()
    assert hosts(requested) == {urlsplit(places_site).hostname}
    context.close()


def test_place_page_has_no_axe_violations(page, watched, places_site, axe_check):
    page.goto(places_site + "/de/orte/werkraum-wismar/")
    assert page.locator("h1").inner_text() == "Werkraum Wismar"
    assert page.locator("a[href='tel:+49384112345']").count() == 1
    axe_check(page)
    assert watched["errors"] == []
    assert hosts(watched["requests"]) == {urlsplit(places_site).hostname}
