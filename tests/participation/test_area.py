"""Mein Bereich: signed-in only, each tab shows the person's own things (and nobody else's),
notifications are marked read, settings are stored, and every tab costs the same number of
queries for 5 and for 500 contributions."""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale

import pytest

from participation.models import (
    ActionGroup,
    Activity,
    Ballot,
    BallotChoice,
    Comment,
    Follow,
    Membership,
    Notification,
    NotificationPreference,
    NotificationReason,
    Poll,
    PollChoice,
    Proposal,
    Support,
)
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german, main_of, queries_of
from tests.participation.factories import ProposalFactory
from tests.participation.test_supports import make_process

TABS = [
    "area:overview",
    "area:proposals",
    "area:supports",
    "area:comments",
    "area:groups",
    "area:ballots",
    "area:following",
    "area:notifications",
    "area:notification_settings",
    "area:profile",
]


@pytest.fixture
def field(db):
    return FieldOfActionFactory(name="Mobilität", slug="mobilitaet")


@pytest.fixture
def process(site_homes):
    return make_process(site_homes[0], support_budget=5)


@pytest.fixture
def resident(db):
    return UserFactory(display_name="Bewohnerin")


def fill(user, process, field, count):
    """``count`` of each kind of contribution by ``user``: proposals (on which they comment),
    supports of others' proposals, memberships, ballots, follows and notifications."""
    other = UserFactory()
    own = Proposal.objects.bulk_create(
        Proposal(
            process=process,
            author=user,
            title=f"Eigener Vorschlag {n}",
            summary="Kurz",
            text="Text",
            field_of_action=field,
            answer="<p>Danke, wir <b>prüfen</b> das.</p>" if n % 2 else "",
            answered_at=timezone.now() if n % 2 else None,
        )
        for n in range(count)
    )
    others = Proposal.objects.bulk_create(
        Proposal(
            process=process,
            author=other,
            title=f"Fremder Vorschlag {n}",
            summary="Kurz",
            text="Text",
            field_of_action=field,
        )
        for n in range(count)
    )
    proposal_type = ContentType.objects.get_for_model(Proposal)
    Support.objects.bulk_create(
        Support(proposal=proposal, user=user, process=process) for proposal in others
    )
    comments = Comment.objects.bulk_create(
        Comment(
            target_type=proposal_type,
            target_id=proposal.pk,
            process=process,
            author=user,
            text=f"Mein Kommentar {n}",
        )
        for n, proposal in enumerate(others)
    )
    groups = ActionGroup.objects.bulk_create(
        ActionGroup(name=f"Gruppe {n}", purpose="Zweck", author=other, moderation="published")
        for n in range(count)
    )
    Membership.objects.bulk_create(
        Membership(
            group=group,
            user=user,
            role="lead" if n % 3 == 0 else "member",
            state="active" if n % 2 == 0 or n % 3 == 0 else "requested",
        )
        for n, group in enumerate(groups)
    )
    locale = Locale.objects.get(language_code="de")
    polls = Poll.objects.bulk_create(
        Poll(question=f"Frage {n}", locale=locale, translation_key=uuid.uuid4())
        for n in range(count)
    )
    choices = PollChoice.objects.bulk_create(
        PollChoice(poll=poll, label="Ja", locale=locale, translation_key=uuid.uuid4(), sort_order=0)
        for poll in polls
    )
    ballots = Ballot.objects.bulk_create(
        Ballot(poll_key=poll.translation_key, user=user) for poll in polls
    )
    BallotChoice.objects.bulk_create(
        BallotChoice(ballot=ballot, choice_key=choice.translation_key)
        for ballot, choice in zip(ballots, choices, strict=True)
    )
    Follow.objects.bulk_create(
        Follow(user=user, target_type=proposal_type, target_id=proposal.pk) for proposal in others
    )
    comment_type = ContentType.objects.get_for_model(Comment)
    # Alternately about an own proposal and a comment: every page of the list has both.
    activities = Activity.objects.bulk_create(
        activity
        for proposal, comment in zip(own, comments, strict=True)
        for activity in (
            Activity(kind="answer", target_type=proposal_type, target_id=proposal.pk),
            Activity(kind="reply", target_type=comment_type, target_id=comment.pk),
        )
    )
    Notification.objects.bulk_create(
        Notification(
            recipient=user,
            activity=activity,
            reason=NotificationReason.PROPOSAL_ANSWERED,
            read_at=timezone.now() if n % 2 else None,
        )
        for n, activity in enumerate(activities)
    )
    return own, others


@pytest.mark.django_db
class TestAccess:
    @pytest.mark.parametrize("name", [*TABS, "area:mark_read"])
    def test_anonymous_people_sign_in_first(self, client, site_homes, name):
        url = reverse(name)
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert "next=" in response["Location"]

    @pytest.mark.parametrize("name", TABS)
    def test_every_tab_answers_privately_with_the_tab_marked(self, client, resident, process, name):
        client.force_login(resident)
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]
        html = main_of(response)
        assert f'href="{reverse(name)}" aria-current="page"' in html
        assert reverse("participation:my_registrations") in html

    def test_the_header_links_to_the_area_with_the_unread_count(self, client, resident, process):
        field = FieldOfActionFactory()
        fill(resident, process, field, 2)
        client.force_login(resident)
        response = client.get(reverse("area:profile"))
        html = response.content.decode()
        header = html.split("<header", 1)[1].split("</header>", 1)[0]
        assert reverse("area:overview") in header
        unread = Notification.objects.filter(recipient=resident, read_at=None).count()
        assert unread == 2
        with_count = in_german(
            '%(counter)s new<span class="visually-hidden"> notification</span>',
            '%(counter)s new<span class="visually-hidden"> notifications</span>',
            unread,
            counter=unread,
        )
        assert with_count in header


@pytest.mark.django_db
class TestContents:
    def test_tabs_show_own_things_only(self, client, resident, process, field):
        own, others = fill(resident, process, field, 3)
        stranger = UserFactory()
        fill(stranger, process, field, 1)
        client.force_login(resident)
        html = main_of(client.get(reverse("area:proposals")))
        assert "Eigener Vorschlag 2" in html
        assert html.count("area-list__item") == 3
        # Answered (odd) proposals show the answer's text without its markup.
        assert "Danke, wir prüfen das." in html
        # Unanswered proposals in a running phase may be edited and withdrawn by the author.
        assert own[0].get_url(route="edit") in html
        assert own[0].get_url(route="withdraw") in html
        assert own[1].get_url(route="edit") not in html

        html = main_of(client.get(reverse("area:supports")))
        assert html.count("Fremder Vorschlag") == 3
        assert (
            in_german(
                "%(free)s of %(budget)s support left",
                "%(free)s of %(budget)s supports left",
                n=5,
                free=2,
                budget=5,
            )
            in html
        )

        html = main_of(client.get(reverse("area:comments")))
        assert html.count("Mein Kommentar") == 3
        comment = Comment.objects.filter(author=resident).order_by("pk").first()
        assert f"{others[0].get_url()}#comment-{comment.pk}" in html

        html = main_of(client.get(reverse("area:groups")))
        assert html.count("area-list__item") == 3
        assert in_german("Lead") in html
        assert in_german("Request waiting") in html

        html = main_of(client.get(reverse("area:ballots")))
        assert html.count("area-list__item") == 3

        html = main_of(client.get(reverse("area:following")))
        assert html.count(in_german("Stop following")) == 3

    def test_budget_counts_only_supports_that_use_it(self, client, resident, process, field):
        proposals = [ProposalFactory(process=process, field_of_action=field) for _ in range(3)]
        for proposal in proposals:
            Support.objects.create(proposal=proposal, user=resident, process=process)
        Proposal.objects.filter(pk=proposals[0].pk).update(withdrawn_at=timezone.now())
        client.force_login(resident)
        html = main_of(client.get(reverse("area:supports")))
        assert (
            in_german(
                "%(free)s of %(budget)s support left",
                "%(free)s of %(budget)s supports left",
                n=5,
                free=3,
                budget=5,
            )
            in html
        )

    def test_a_hidden_target_gives_no_link(self, client, resident, process, field):
        proposal = ProposalFactory(process=process, field_of_action=field, title="Versteckt")
        Comment.objects.create(
            target_type=ContentType.objects.get_for_model(Proposal),
            target_id=proposal.pk,
            process=process,
            author=resident,
            text="Mein Wort",
        )
        Proposal.objects.filter(pk=proposal.pk).update(moderation="hidden")
        client.force_login(resident)
        html = main_of(client.get(reverse("area:comments")))
        assert "Mein Wort" in html
        assert "Versteckt" not in html
        assert proposal.get_url() not in html

    def test_pagination(self, client, resident, process, field):
        fill(resident, process, field, 25)
        client.force_login(resident)
        first = main_of(client.get(reverse("area:proposals")))
        assert first.count("area-list__item") == 20
        assert 'rel="next"' in first
        second = main_of(client.get(reverse("area:proposals") + "?page=2"))
        assert second.count("area-list__item") == 5


@pytest.mark.django_db
class TestNotifications:
    def test_list_marks_unread_and_drops_invisible(self, client, resident, process, field):
        own, others = fill(resident, process, field, 2)
        Proposal.objects.filter(pk=own[1].pk).update(moderation="hidden", author=UserFactory())
        client.force_login(resident)
        html = main_of(client.get(reverse("area:notifications")))
        assert "Eigener Vorschlag 0" in html
        assert "Eigener Vorschlag 1" not in html
        # Unread: the notifications about the own proposals; the one about the hidden is gone.
        assert html.count("notification--unread") == 1
        assert html.count('name="notification"') == 3

    def test_opening_one_marks_it_read_and_redirects(self, client, resident, process, field):
        own, _ = fill(resident, process, field, 1)
        notification = Notification.objects.get(
            recipient=resident, activity__target_id=own[0].pk, activity__kind="answer"
        )
        client.force_login(resident)
        assert client.get(reverse("area:mark_read")).status_code == 405
        response = client.post(reverse("area:mark_read"), {"notification": notification.pk})
        assert response.status_code == 302
        assert response["Location"] == own[0].get_url()
        notification.refresh_from_db()
        assert notification.read_at is not None

    def test_nobody_opens_another_persons_notification(self, client, resident, process, field):
        fill(resident, process, field, 1)
        notification = Notification.objects.filter(recipient=resident, read_at=None).first()
        stranger = UserFactory()
        client.force_login(stranger)
        response = client.post(reverse("area:mark_read"), {"notification": notification.pk})
        assert response["Location"] == reverse("area:notifications")
        notification.refresh_from_db()
        assert notification.read_at is None

    def test_mark_all_read(self, client, resident, process, field):
        fill(resident, process, field, 3)
        other = UserFactory()
        fill(other, process, field, 1)
        client.force_login(resident)
        response = client.post(reverse("area:mark_read"), {"all": "1"})
        assert response["Location"] == reverse("area:notifications")
        assert not Notification.objects.filter(recipient=resident, read_at=None).exists()
        assert Notification.objects.filter(recipient=other, read_at=None).exists()

    def test_csrf_is_required(self, resident, process, field):
        from django.test import Client

        fill(resident, process, field, 1)
        client = Client(enforce_csrf_checks=True)
        client.force_login(resident)
        response = client.post(reverse("area:mark_read"), {"all": "1"})
        assert response.status_code == 403
        assert Notification.objects.filter(recipient=resident, read_at=None).exists()


@pytest.mark.django_db
class TestNotificationSettings:
    def test_defaults_shown_and_choices_stored(self, client, resident, process):
        client.force_login(resident)
        html = main_of(client.get(reverse("area:notification_settings")))
        # The defaults: a new phase in the daily digest, a reply at once.
        assert 'value="daily" id="id_phase_started_1" required checked' in html
        assert 'value="immediately" id="id_comment_reply_0" required checked' in html
        # The statement of reasons is fixed: shown, not chosen.
        assert 'name="moderation"' not in html
        assert in_german("A moderation decision about my contribution") in html
        data = {reason.value: "weekly" for reason in NotificationReason}
        data["comment_reply"] = "off"
        data["moderation"] = "off"
        response = client.post(reverse("area:notification_settings"), data)
        assert response.status_code == 302
        stored = dict(
            NotificationPreference.objects.filter(user=resident).values_list("reason", "delivery")
        )
        assert stored["comment_reply"] == "off"
        assert stored["phase_started"] == "weekly"
        assert "moderation" not in stored
        html = main_of(client.get(reverse("area:notification_settings")))
        assert 'value="off" id="id_comment_reply_3" required checked' in html

    def test_invalid_choice_is_refused(self, client, resident, process):
        client.force_login(resident)
        data = {reason.value: "daily" for reason in NotificationReason}
        data["phase_started"] = "hourly"
        response = client.post(reverse("area:notification_settings"), data)
        assert response.status_code == 200
        assert not NotificationPreference.objects.exists()


@pytest.mark.django_db
class TestQueryCounts:
    @pytest.mark.parametrize("name", TABS)
    def test_constant_for_5_and_500_contributions(self, client, process, field, name):
        few, many = UserFactory(), UserFactory()
        fill(few, process, field, 5)
        fill(many, process, field, 500)
        counts = []
        for person in (few, many):
            client.force_login(person)
            response, queries = queries_of(client, reverse(name))
            assert response.status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1], counts
        assert counts[1] <= 15, counts
