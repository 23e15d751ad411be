"""What the demo resident Hanna hears back: unread notifications about the answer to her
proposal, a comment on it, a reply to her comment and an update of her group; she follows the
running process and reads most of it in the daily summary. The demo's past is not announced."""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

import pytest

from demo.content.notifications import ANSWER, GROUP_UPDATE, PROPOSAL
from demo.content.processes import RUNNING
from participation.models import Delivery, Follow, Notification, NotificationReason, Proposal
from participation.notifications import delivery
from visions.models import ProcessPage

pytestmark = pytest.mark.django_db

Reason = NotificationReason


@pytest.fixture
def hanna(demo):
    return get_user_model().objects.get(email="bewohnerin@example.org")


def test_hanna_has_four_unread_notifications_and_nobody_hears_about_the_demos_past(hanna):
    mine = Notification.objects.filter(recipient=hanna, read_at=None)
    assert sorted(mine.values_list("reason", flat=True)) == sorted(
        [Reason.PROPOSAL_ANSWERED, Reason.NEW_COMMENT, Reason.COMMENT_REPLY, Reason.GROUP_UPDATE]
    )
    # Only what the notifications section did is announced: Hanna's answer, the comments in
    # two threads and the group's update.
    kinds = set(Notification.objects.values_list("activity__kind", flat=True))
    assert kinds == {"proposal_answered", "new_comment", "comment_reply", "group_update"}


def test_her_proposal_is_answered_and_she_follows_it_and_the_running_process(hanna):
    proposal = Proposal.objects.get(title=PROPOSAL["title"])
    assert proposal.author == hanna
    assert proposal.answer == ANSWER
    assert proposal.state == Proposal.State.UNDER_REVIEW
    assert proposal.comment_count == 1
    process = ProcessPage.objects.get(slug=RUNNING["slug"], locale__language_code="de")
    follows = {(f.target_id, f.automatic) for f in Follow.objects.filter(user=hanna)}
    assert (process.pk, False) in follows
    assert (proposal.pk, True) in follows


def test_she_reads_followed_things_daily_and_what_concerns_her_at_once(hanna):
    chosen = delivery.preferences_of(hanna)
    assert chosen[Reason.GROUP_UPDATE] == Delivery.DAILY
    assert chosen[Reason.PHASE_STARTED] == Delivery.DAILY
    assert chosen[Reason.COMMENT_REPLY] == Delivery.IMMEDIATELY
    by_reason = dict(Notification.objects.filter(recipient=hanna).values_list("reason", "delivery"))
    assert by_reason[Reason.GROUP_UPDATE] == by_reason[Reason.NEW_COMMENT] == Delivery.DAILY
    assert by_reason[Reason.PROPOSAL_ANSWERED] == Delivery.IMMEDIATELY


def test_she_sees_them_in_my_area_with_the_count_in_the_header(hanna, client):
    client.force_login(hanna)
    response = client.get(reverse("area:notifications"))
    assert response.status_code == 200
    html = response.content.decode()
    assert PROPOSAL["title"] in html
    assert GROUP_UPDATE[2] in html or "Coworking im Hafenspeicher" in html
    assert 'class="account-nav__count">(4' in html


def test_a_second_load_adds_no_notifications(demo, hanna):
    before = Notification.objects.count()
    call_command("load_demo_content", stdout=io.StringIO())
    assert Notification.objects.count() == before
    assert Proposal.objects.filter(title=PROPOSAL["title"]).count() == 1
