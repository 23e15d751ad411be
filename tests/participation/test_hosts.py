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
    "proposal": "vorschlaege/{pk}/",
    "edit": "vorschlaege/{pk}/bearbeiten/",
    "withdraw": "vorschlaege/{pk}/zurueckziehen/",
    "support": "vorschlaege/{pk}/unterstuetzen/",
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
def test_a_proposals_address_is_its_route_below_the_process_in_both_languages(
    process, locale_en, route
):
    english = translate(process, locale_en, title="Region 2040")
    field = FieldOfActionFactory()
    for page in (process, english):
        proposal = Proposal.objects.get(pk=ProposalFactory(process=page, field_of_action=field).pk)
        path = ROUTES[route].format(pk=proposal.pk)
        assert page.reverse_subpage(route, kwargs={"pk": proposal.pk}) == path
        assert proposal.get_url(route=route) == page.url + path
        assert proposal.get_url(route=route, below_process=True) == path
        assert proposal.get_url(route=route, full=True) == page.full_url + path
        assert page.proposal_url(None, proposal.pk, route) == page.url + path


def test_the_german_segments_stay_in_english(client, process, locale_en):
    english = translate(process, locale_en, title="Region 2040")
    assert english.url.startswith("/en/")
    assert english.submit_url() == f"{english.url}vorschlaege/neu/"
    assert process.submit_url() == f"{process.url}vorschlaege/neu/"
    proposal = ProposalFactory(process=english, field_of_action=FieldOfActionFactory())
    assert client.get(proposal.get_url()).status_code == 200


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
