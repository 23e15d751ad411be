"""Paul, the demo resident whose account a newcomer may delete (README, "What the demo shows"):
his traces, and what deleting the account does to them and to others."""

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

import pytest

from demo.content import accounts
from participation.models import Comment, EventRegistration, Membership, Support
from tests.conftest import in_german, main_of

pytestmark = pytest.mark.django_db


def test_paul_has_traces_to_delete(demo):
    paul = get_user_model().objects.get(email=accounts.EMAIL)
    assert Support.objects.filter(user=paul).count() == 2
    comment = Comment.objects.get(author=paul)
    assert comment.replies.count() == 1
    assert Membership.objects.filter(user=paul, group__name=accounts.GROUP).exists()
    assert EventRegistration.objects.filter(user=paul).confirmed().count() == 1


def test_deleting_paul_gives_jonas_his_place_and_keeps_the_thread(demo):
    paul = get_user_model().objects.get(email=accounts.EMAIL)
    comment = Comment.objects.get(author=paul)
    proposal = comment.target
    client = Client()
    client.force_login(paul)

    response = client.post(reverse("area:delete_account"), {"password": "landvorteil-demo"})

    assert response.status_code == 302
    jonas = EventRegistration.objects.get(user__email="jonas@example.org")
    assert jonas.is_confirmed
    page = main_of(Client().get(proposal.get_url()))
    assert in_german("Deleted account") in page
    assert accounts.COMMENT[2][1] in page
    assert accounts.DISPLAY_NAME not in page
