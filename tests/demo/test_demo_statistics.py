"""The demo gives the editors' statistics something to show: supports, new residents and ballots
spread over past months, not all on the day the demo was loaded."""

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from cms.roles import RESIDENTS
from participation.models import Ballot, Proposal, Support

pytestmark = pytest.mark.django_db


def months(dates):
    return {(moment.year, moment.month) for moment in dates}


def test_supports_residents_and_ballots_lie_in_several_months(demo):
    supports = Support.objects.values_list("created_at", flat=True)
    assert len(months(supports)) >= 3
    for support in Support.objects.select_related("proposal")[:200]:
        assert support.created_at >= support.proposal.created_at
    joined = (
        get_user_model()
        .objects.filter(groups__name=RESIDENTS)
        .values_list("date_joined", flat=True)
    )
    assert len(months(joined)) >= 6
    assert (
        len({moment.date() for moment in Ballot.objects.values_list("created_at", flat=True)}) > 1
    )
    assert len(months(Proposal.objects.values_list("created_at", flat=True))) >= 3


def test_the_demo_editor_sees_bars_in_several_months(client, demo):
    client.force_login(get_user_model().objects.get(email="redaktion@example.org"))
    soup = BeautifulSoup(client.get(reverse("statistics:index")).content, "html.parser")
    for measure in ("proposals", "supports", "residents"):
        section = soup.find(id=f"{measure}-heading").find_parent("section")
        counts = [int(td.get_text()) for td in section.find("tbody").find_all("td")]
        assert sum(1 for count in counts if count) >= 3, measure
