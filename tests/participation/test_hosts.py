"""The host contracts (participation.hosts): the pages that host participation inherit them, a
page without them is refused, and a proposal's address is the address of its route."""

from django.urls import reverse
from django.utils import timezone

import pytest

from home.models import EventPage, StoryPage
from participation import rules
from participation.hosts import ProcessHostMixin, ProposalRoutesMixin, RegistrationHostMixin
from participation.models import Proposal
from participation.services import submissions
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import translate
from tests.home.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from tests.participation.factories import ProposalFactory
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory, running_phase
from visions.models import ProcessPage

pytestmark = pytest.mark.django_db

ROUTES = {
    "proposal": {"de": "vorschlaege/{pk}/", "en": "proposals/{pk}/"},
    "edit": {"de": "vorschlaege/{pk}/bearbeiten/", "en": "proposals/{pk}/edit/"},
    "withdraw": {"de": "vorschlaege/{pk}/zurueckziehen/", "en": "proposals/{pk}/withdraw/"},
    "support": {"de": "vorschlaege/{pk}/unterstuetzen/", "en": "proposals/{pk}/support/"},
}


def test_the_host_pages_inherit_the_contracts():
    assert issubclass(ProcessPage, ProcessHostMixin)
    assert issubclass(ProcessPage, ProposalRoutesMixin)
    assert issubclass(EventPage, RegistrationHostMixin)
    assert not issubclass(StoryPage, (ProcessHostMixin, ProposalRoutesMixin, RegistrationHostMixin))


@pytest.fixture
def process(site_homes):
    index = ProcessIndexPageFactory(parent=site_homes[0], slug="prozesse")
    return ProcessPageFactory(parent=index, slug="region-2040")


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_a_proposals_address_is_its_route_below_the_process_in_the_process_language(
    process, locale_en, route
):
    english = translate(process, locale_en, title="Region 2040", slug="region-2040-en")
    english = ProcessPage.objects.get(pk=english.pk)
    assert english.url.endswith("/region-2040-en/")
    field = FieldOfActionFactory()
    for page, language in ((process, "de"), (english, "en")):
        proposal = Proposal.objects.get(pk=ProposalFactory(process=page, field_of_action=field).pk)
        path = ROUTES[route][language].format(pk=proposal.pk)
        assert page.reverse_subpage(route, kwargs={"pk": proposal.pk}) == path
        assert proposal.get_url(route=route) == page.url + path
        assert proposal.get_url(route=route, below_process=True, language=language) == path
        assert proposal.get_url(route=route, full=True) == page.full_url + path
        assert page.proposal_url(None, proposal.pk, route) == page.url + path
        assert type(page).proposal_path(proposal.pk, route, language=language) == path


def test_the_segments_are_in_the_page_language(process, locale_en):
    english = translate(process, locale_en, title="Region 2040")
    assert english.url.startswith("/en/")
    assert english.submit_url() == f"{english.url}proposals/new/"
    assert process.submit_url() == f"{process.url}vorschlaege/neu/"
    assert english.reverse_subpage("geojson") == "map/"
    assert process.reverse_subpage("geojson") == "karte/"
    # The language switcher maps a route resolved on one page onto its translation.
    match = process.resolve_subpage("/vorschlaege/7/bearbeiten/")
    assert match.url_name == "edit"
    assert english.reverse_subpage(match.url_name, match.args, match.kwargs) == "proposals/7/edit/"


@pytest.mark.parametrize(
    ("language", "other", "own"),
    [
        ("en", "vorschlaege/{pk}/", "proposals/{pk}/"),
        ("en", "vorschlaege/neu/", "proposals/new/"),
        ("en", "karte/", "map/"),
        ("de", "proposals/{pk}/edit/", "vorschlaege/{pk}/bearbeiten/"),
        ("de", "map/", "karte/"),
    ],
)
def test_the_other_languages_segment_redirects_to_the_pages_own(
    client, process, locale_en, language, other, own
):
    english = translate(process, locale_en, title="Region 2040")
    page = english if language == "en" else process
    proposal = ProposalFactory(process=page, field_of_action=FieldOfActionFactory())
    other, own = other.format(pk=proposal.pk), own.format(pk=proposal.pk)
    response = client.get(f"{page.url}{other}?sort=new")
    assert response.status_code == 301
    assert response["Location"] == f"{page.url}{own}?sort=new"
    assert client.get(response["Location"]).status_code in (200, 302)


def test_a_proposal_is_served_at_the_english_segments(client, process, locale_en):
    english = translate(process, locale_en, title="Region 2040")
    proposal = ProposalFactory(process=english, field_of_action=FieldOfActionFactory())
    assert proposal.get_url() == f"{english.url}proposals/{proposal.pk}/"
    assert client.get(proposal.get_url()).status_code == 200


@pytest.mark.parametrize(
    ("route", "german", "english"),
    [
        ("register", "anmelden/", "register/"),
        ("cancel", "abmelden/", "cancel/"),
        ("reserve_as_guest", "reservieren/", "reserve/"),
    ],
)
def test_an_events_routes_are_in_its_language(site_homes, locale_en, route, german, english):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=site_homes[0]))
    translation = translate(event, locale_en, title="Event")
    assert event.reverse_subpage(route) == german
    assert translation.reverse_subpage(route) == english


def test_the_process_rules_come_from_the_mixin(site_homes):
    index = ProcessIndexPageFactory(parent=site_homes[0])
    today = timezone.localdate()
    process = ProcessPageFactory(
        parent=index,
        moderation=ProcessPage.Moderation.PRE,
        phases=[running_phase(allows_submit=False, allows_support=True)],
    )
    assert process.is_pre_moderated
    assert process.current_phase().start <= today <= process.current_phase().end
    assert process.allows("support") and not process.allows("submit")
    later = timezone.now() + timezone.timedelta(days=30)
    assert process.current_phase(later) is None and not process.allows("support", later)


def test_a_page_without_the_registration_contract_is_refused(client, site_homes):
    home_de = site_homes[0]
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_de))
    story = StoryPageFactory(parent=StoryIndexPageFactory(parent=home_de))
    assert rules.is_event(event) and rules.is_event(EventPage)
    assert not rules.is_event(story) and not rules.is_event(StoryPage)
    client.force_login(UserFactory())
    refused = client.post(reverse("participation:cancel_registration", args=[story.pk]))
    assert refused.status_code == 404
    assert event.registration_closes == event.start
    assert client.post(event.url + event.reverse_subpage("register")).status_code == 302


def test_a_submission_token_creates_once(rf):
    request = rf.post("/")
    request.user = UserFactory()
    request.session = {}
    assert submissions.submitted(request, "unknown") == (False, None)
    token = submissions.issue(request)
    assert submissions.claim(request, token)
    assert not submissions.claim(request, token)
    assert submissions.submitted(request, token) == (True, None)
    submissions.record(request, token, 42)
    assert submissions.submitted(request, token) == (True, 42)
    other = submissions.issue(request)
    assert submissions.claim(request, other)
    submissions.release(request, other)
    assert submissions.claim(request, other)
