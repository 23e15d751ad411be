"""The maps' markers differ by kind in shape and colour and a legend names them; a proposal's
place is named in words (its municipality, or the one nearest to its point), never as
coordinates."""

import json
import re

from django.urls import reverse

import pytest

from cms.maps import MARKERS, marker_symbol
from home.models.places import PlaceKind
from participation.municipalities import CENTRES, MUNICIPALITIES, nearest_municipality
from tests.cms.factories import FieldOfActionFactory
from tests.conftest import in_german, main_of
from tests.home.factories import PlaceIndexPageFactory, PlacePageFactory
from tests.participation.factories import ActionGroupFactory, ProposalFactory
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory

pytestmark = pytest.mark.django_db

TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
NEAR_GADEBUSCH = ("53.69190", "11.13560")  # a field south-east of the town
IN_MUNICH = ("48.13700", "11.57500")


@pytest.fixture(autouse=True)
def map_tiles(settings):
    settings.PLACES_MAP_TILE_URL = TILE_URL


@pytest.fixture
def field(db):
    return FieldOfActionFactory(name="Mobilität", slug="mobilitaet")


@pytest.fixture
def process(site_homes, field):
    index = ProcessIndexPageFactory(parent=site_homes[0])
    process = ProcessPageFactory(parent=index, fields_of_action=[field], phases=[{}])
    process.save_revision().publish()
    return type(process).objects.get(pk=process.pk)


def propose(process, field, title, **where):
    return ProposalFactory(process=process, field_of_action=field, title=title, **where)


def legend(html):
    """[(marker, label)] of the map's legend."""
    block = html.split('class="map-legend"', 1)[1].split("</ul>", 1)[0]
    return [
        (marker, label.strip())
        for marker, label in re.findall(r'data-marker-symbol="([^"]+)".*?</svg>([^<]+)</li>', block)
    ]


def features(response):
    return {
        feature["properties"]["title"]: feature["properties"]
        for feature in json.loads(response.content)["features"]
    }


# --- Markers and legends ------------------------------------------------------------------------


def test_every_kind_has_its_own_shape_and_colour():
    shapes = [shape for shape, _colour in MARKERS.values()]
    colours = [colour for _shape, colour in MARKERS.values()]
    assert len(set(shapes)) == len(shapes) and len(set(colours)) == len(colours)
    for marker in MARKERS:
        symbol = marker_symbol(marker)
        assert f'data-marker-symbol="{marker}"' in symbol and 'aria-hidden="true"' in symbol


def test_places_carry_their_kind_as_marker_and_the_legend_names_every_kind(client, site_homes):
    index = PlaceIndexPageFactory(parent=site_homes[0])
    for kind in PlaceKind:
        PlacePageFactory(
            parent=index,
            title=f"Ort {kind.value}",
            kind=kind.value,
            municipality="Wismar",
            latitude="53.89",
            longitude="11.46",
        )
    markers = {
        title: props["marker"]
        for title, props in features(client.get(index.url + "geojson/")).items()
    }
    assert markers == {f"Ort {kind.value}": kind.value for kind in PlaceKind}
    html = main_of(client.get(index.url))
    assert legend(html) == [(kind.value, in_german(kind.label)) for kind in PlaceKind]
    # The markers are drawn from the legend's symbols: each kind's shape is there once.
    for kind in PlaceKind:
        assert html.count(f'data-marker-symbol="{kind.value}"') == 1


def test_proposals_and_groups_have_their_own_markers_and_legends(client, process, field):
    propose(process, field, "Rufbus", latitude="53.70", longitude="11.10")
    ActionGroupFactory(name="Dorfladen-Gruppe", latitude="53.7", longitude="10.8")
    assert features(client.get(process.url + "karte/"))["Rufbus"]["marker"] == "proposal"
    assert legend(main_of(client.get(process.url))) == [("proposal", in_german("Proposal"))]
    groups = features(client.get(reverse("participation:groups_geojson")))
    assert groups["Dorfladen-Gruppe"]["marker"] == "group"
    overview = main_of(client.get(reverse("participation:groups")))
    assert legend(overview) == [("group", in_german("Action group"))]


# --- Place labels -------------------------------------------------------------------------------


def test_every_municipality_has_a_centre_and_is_its_own_nearest():
    assert set(CENTRES) == set(MUNICIPALITIES)
    for name, (latitude, longitude) in CENTRES.items():
        assert nearest_municipality(latitude, longitude) == name


def test_a_point_is_named_by_the_nearest_municipality_within_reach():
    assert nearest_municipality(*NEAR_GADEBUSCH) == "Gadebusch"
    assert nearest_municipality("53.89190", "11.46560") == "Wismar"
    assert nearest_municipality(*IN_MUNICH) is None
    assert nearest_municipality(None, None) is None


def coordinates_in(html, latitude, longitude):
    """Whether the point shows as numbers, in German or English notation."""
    lat, lon = latitude[:5], longitude[:5]
    return any(
        number in html for number in (lat, lon, lat.replace(".", ","), lon.replace(".", ","))
    )


def test_a_proposal_with_only_a_point_is_placed_near_the_nearest_municipality(
    client, process, field
):
    proposal = propose(
        process, field, "Mitfahrbank", latitude=NEAR_GADEBUSCH[0], longitude=NEAR_GADEBUSCH[1]
    )
    html = main_of(client.get(proposal.get_url()))
    near = in_german("near %(municipality)s") % {"municipality": "Gadebusch"}
    assert f"<dt>{in_german('Location')}</dt><dd>{near}</dd>" in html
    assert not coordinates_in(html, *NEAR_GADEBUSCH)
    assert features(client.get(process.url + "karte/"))["Mitfahrbank"]["municipality"] == near


def test_a_proposal_with_a_municipality_is_named_by_it_and_never_by_numbers(client, process, field):
    proposal = propose(
        process,
        field,
        "Dorfladen",
        municipality="Rehna",
        latitude=NEAR_GADEBUSCH[0],
        longitude=NEAR_GADEBUSCH[1],
    )
    html = main_of(client.get(proposal.get_url()))
    assert "<dd>Rehna</dd>" in html
    assert in_german("near %(municipality)s") % {"municipality": "Gadebusch"} not in html
    assert not coordinates_in(html, *NEAR_GADEBUSCH)
    assert features(client.get(process.url + "karte/"))["Dorfladen"]["municipality"] == "Rehna"


def test_a_point_far_from_the_region_is_not_shown_as_numbers(client, process, field):
    proposal = propose(process, field, "Weit weg", latitude=IN_MUNICH[0], longitude=IN_MUNICH[1])
    html = main_of(client.get(proposal.get_url()))
    assert f"<dt>{in_german('Location')}</dt>" not in html
    assert not coordinates_in(html, *IN_MUNICH)


def test_place_names_cost_no_query(django_assert_num_queries, process, field):
    proposals = [
        propose(process, field, f"Vorschlag {n}", latitude="53.7", longitude=f"11.{n}")
        for n in range(5)
    ]
    with django_assert_num_queries(0):
        labels = [str(proposal.place_name) for proposal in proposals]
    assert all(labels)
