"""Process and vision pages in a real browser: zero axe violations, and the proposals map that
loads nothing from the tile server before the reader asks."""

import datetime
from urllib.parse import urlsplit

from django.utils import timezone

import pytest

from participation.models import Proposal
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german, make_site_homes
from tests.e2e.conftest import TILE_HOST, TILE_URL, hosts
from tests.participation.factories import ProposalFactory
from tests.visions.factories import (
    ProcessIndexPageFactory,
    ProcessPageFactory,
    VisionIndexPageFactory,
    VisionPageFactory,
)
from visions.models import VisionPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def visions_site(live_server, settings):
    settings.PLACES_MAP_TILE_URL = TILE_URL
    home, _home_en = make_site_homes()
    nature = FieldOfActionFactory(slug="natur", name="Natur und Landschaft", colour="green")
    founding = FieldOfActionFactory(slug="gruendungen", name="Ländliche Gründungen", colour="blue")
    index = ProcessIndexPageFactory(parent=home)
    process = ProcessPageFactory(
        parent=index,
        title="Enkeltaugliche Region 2040",
        slug="region-2040",
        fields_of_action=[nature, founding],
        phases=[
            {"title": "Ideen sammeln", "start": days(-30), "end": days(-11)},
            {"title": "Unterstützen", "start": days(-10), "end": days(10), "allows_submit": False},
            {"title": "Umsetzung", "start": days(11), "end": days(40), "allows_support": False},
        ],
    )
    ProcessPageFactory(
        parent=index,
        title="Dorfläden 2022",
        phases=[{"title": "Sammeln", "start": days(-400), "end": days(-300)}],
    )
    author = UserFactory(display_name="Hanna H.")
    meadows = ProposalFactory(
        process=process,
        author=author,
        title="Blühstreifen an Feldwegen",
        field_of_action=nature,
        municipality="Wismar",
        latitude="53.89100",
        longitude="11.46500",
        support_count=12,
        qualified_at=timezone.now(),
        state=Proposal.State.ACCEPTED,
    )
    ProposalFactory(
        process=process,
        title="Coworking im Bahnhof",
        field_of_action=founding,
        municipality="Gadebusch",
        latitude="53.70412",
        longitude="11.11803",
        support_count=3,
    )
    ProposalFactory(process=process, title="Repair-Café", field_of_action=founding)
    ProposalFactory(
        process=process,
        title="Zurückgezogene Idee",
        field_of_action=nature,
        withdrawn_at=timezone.now(),
    )
    vision_index = VisionIndexPageFactory(parent=home)
    VisionPageFactory(
        parent=vision_index,
        title="Blühende Wegränder",
        slug="bluehende-wegraender",
        status=VisionPage.Status.IN_PROGRESS,
        origin=meadows,
        fields_of_action=[nature],
        updates=[
            {"title": "Erste Flächen gesät", "date": days(-20)},
            {"title": "Kartierung fertig", "date": days(-5)},
        ],
    )
    VisionPageFactory(parent=vision_index, title="Gründungszentrum", status="planned")
    return live_server.url


@pytest.mark.parametrize(
    "path,heading",
    [
        ("/de/prozesse/", "Visionsprozesse"),
        ("/de/prozesse/region-2040/", "Enkeltaugliche Region 2040"),
        ("/de/prozesse/region-2040/?state=qualified&sort=supported", "Enkeltaugliche Region 2040"),
        ("/de/zielbilder/", "Zielbilder"),
        ("/de/zielbilder/bluehende-wegraender/", "Blühende Wegränder"),
    ],
)
def test_pages_have_no_axe_violations(page, watched, visions_site, axe_check, path, heading):
    page.goto(visions_site + path)
    assert page.locator("h1").inner_text() == heading
    axe_check(page)
    assert watched["errors"] == []
    assert page.evaluate("window.policyViolations") == []


def test_listing_shows_proposals_and_marks_the_active_phase(page, watched, visions_site):
    page.goto(visions_site + "/de/prozesse/region-2040/")
    assert page.locator(".proposal-card").count() == 4
    assert page.locator(".proposal-card").last.locator("h3").inner_text() == "Zurückgezogene Idee"
    assert page.locator("[aria-current='step'] h3").inner_text() == "Unterstützen"
    page.get_by_label(in_german("Search")).fill("blühstreifen")
    page.get_by_label(in_german("Search")).press("Enter")
    page.wait_for_url("**q=bl%C3%BChstreifen**")
    assert page.locator(".proposal-card h3").all_inner_texts() == ["Blühstreifen an Feldwegen"]


def test_proposal_map_loads_only_on_request(page, watched, visions_site, axe_check):
    own_host = urlsplit(visions_site).hostname
    page.goto(visions_site + "/de/prozesse/region-2040/")
    page.wait_for_load_state("networkidle")
    assert hosts(watched["requests"]) == {own_host}
    assert not [url for url in watched["requests"] if "leaflet" in url]
    assert page.locator("#places-map-canvas").is_hidden()

    page.get_by_role("button", name=in_german("Show map")).click()
    markers = page.locator(".leaflet-marker-icon")
    markers.first.wait_for()
    assert markers.count() == 2
    page.locator(".leaflet-tile-loaded").first.wait_for()
    assert watched["tiles"]
    assert hosts(watched["requests"]) == {own_host, TILE_HOST}

    page.get_by_role("button", name="Blühstreifen an Feldwegen").focus()
    page.keyboard.press("Enter")
    popup_link = page.locator(".leaflet-popup-content a")
    popup_link.wait_for()
    assert popup_link.inner_text() == "Blühstreifen an Feldwegen"
    href = popup_link.get_attribute("href")
    assert href.startswith("/de/prozesse/region-2040/vorschlaege/") and href.endswith("/")
    assert "Wismar" in page.locator(".leaflet-popup-content").inner_text()
    axe_check(page)
    assert page.evaluate("window.policyViolations") == []
    assert watched["errors"] == []


def test_proposal_map_follows_the_filter(page, watched, visions_site):
    page.goto(visions_site + "/de/prozesse/region-2040/?field=gruendungen")
    page.get_by_role("button", name=in_german("Show map")).click()
    page.locator(".leaflet-marker-icon").first.wait_for()
    assert page.locator(".leaflet-marker-icon").count() == 1
    assert page.locator(".leaflet-marker-icon[title^='Coworking im Bahnhof']").count() == 1
    assert watched["errors"] == []
