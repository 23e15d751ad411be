"""Deleting an account: by the person in "Mein Bereich", by a blocked person, by an
administrator (also "with contributions" for spam), and what others see afterwards. What
happens to each relation is in tests/test_person_relations.py."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from cms.accounts import delete_person
from cms.roles import MODERATORS
from participation import services
from participation.models import Block, Comment, ModerationLogEntry, Proposal
from participation.services.accounts import pseudonym_of
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german, main_of, queries_of
from tests.participation.factories import ProposalFactory
from tests.participation.test_supports import concurrent, postgres, run_in_parallel  # noqa: F401
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory, running_phase

pytestmark = pytest.mark.django_db

PASSWORD = "landvorteil-demo"


@pytest.fixture
def process(site_homes):
    index = ProcessIndexPageFactory(parent=site_homes[0])
    process = ProcessPageFactory(parent=index, phases=[running_phase()])
    process.save_revision().publish()
    return type(process).objects.get(pk=process.pk)


@pytest.fixture
def hanna(db):
    return UserFactory(display_name="Hanna", email="hanna@example.org")


@pytest.fixture
def jonas(db):
    return UserFactory(display_name="Jonas")


@pytest.fixture
def discussion(process, hanna, jonas):
    """Hanna's proposal; Jonas comments; Hanna answers him; Jonas replies to a comment of hers."""
    proposal = ProposalFactory(
        process=process, author=hanna, title="Bürgerbus", field_of_action=FieldOfActionFactory()
    )
    first = services.create_comment(jonas, proposal, "Gute Idee!", process=process)
    answer = services.create_comment(hanna, proposal, "Danke!", process=process, parent=first)
    own = services.create_comment(hanna, proposal, "Fahrplan folgt.", process=process)
    reply = services.create_comment(jonas, proposal, "Ich fahre mit.", process=process, parent=own)
    return {"proposal": proposal, "answer": answer, "own": own, "reply": reply}


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


DELETE_URL = "/de/konto/mein-bereich/konto/loeschen/"


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_account_page_links_deletion_and_the_address_is_german(hanna):
    assert DELETE_URL == "/de/konto/mein-bereich/konto/loeschen/"
    response = signed_in(hanna).get(reverse("area:account"))
    assert response.status_code == 200
    assert DELETE_URL in response.content.decode()


def test_signed_out_people_are_asked_to_sign_in(client):
    response = client.get(DELETE_URL)
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]
    assert client.post(DELETE_URL, {"password": PASSWORD}).status_code == 302


def test_the_page_says_plainly_what_happens(hanna):
    main = main_of(signed_in(hanna).get(DELETE_URL))
    for text in (
        "What is removed",
        "What stays",
        "You can use your e-mail address for a new account afterwards.",
    ):
        assert in_german(text) in main
    assert 'autocomplete="current-password"' in main


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("", "Please enter your password to delete your account."),
        ("falsch", "The password is not right. Your account is unchanged."),
    ],
)
def test_without_the_right_password_nothing_happens(hanna, discussion, password, message):
    client = signed_in(hanna)
    response = client.post(DELETE_URL, {"password": password})
    assert response.status_code == 200
    assert in_german(message) in main_of(response)
    assert get_user_model().objects.filter(pk=hanna.pk).exists()
    assert client.get(reverse("area:overview")).status_code == 200


def test_deleting_my_account(hanna, jonas, discussion):
    client, elsewhere = signed_in(hanna), signed_in(hanna)
    response = client.post(DELETE_URL, {"password": PASSWORD})

    assert response.status_code == 302 and response["Location"] == "/de/"
    assert messages_of(client.get("/de/")) == [
        in_german("Your account is deleted. Thank you for taking part.")
    ]
    assert not get_user_model().objects.filter(email="hanna@example.org").exists()
    # Signed out here and in every other browser.
    for browser in (client, elsewhere):
        assert browser.get(reverse("area:overview")).status_code == 302
    # Her proposal and comments stay under "Deleted account"; the thread keeps its shape.
    proposal = Proposal.objects.get(pk=discussion["proposal"].pk)
    assert proposal.author_id is None
    assert proposal.comment_count == 4 == Comment.objects.on(proposal).count()
    page = main_of(Client().get(proposal.get_url()))
    assert "Hanna" not in page
    assert in_german("Deleted account") in page
    assert "Danke!" in page and "Ich fahre mit." in page
    # The address may sign up again.
    again = Client().post(
        reverse("account_signup"),
        {
            "email": "hanna@example.org",
            "display_name": "Hanna",
            "password1": "ein-langes-passwort-42",
            "password2": "ein-langes-passwort-42",
        },
    )
    assert again.status_code == 302
    assert get_user_model().objects.filter(email="hanna@example.org").exists()


def test_the_delete_page_costs_the_same_queries_whatever_the_person_did(hanna, process):
    client = signed_in(hanna)
    few = len(queries_of(client, DELETE_URL))
    for _ in range(20):
        ProposalFactory(process=process, author=hanna, field_of_action=FieldOfActionFactory())
    assert len(queries_of(client, DELETE_URL)) == few


def test_a_second_deletion_finds_nothing_to_do(hanna, discussion):
    assert delete_person(hanna, by=hanna) == pseudonym_of(hanna)
    assert delete_person(hanna, by=hanna) is None


@concurrent
def test_two_deletion_requests_at_once(postgres, site_homes):  # noqa: F811
    person = UserFactory(display_name="Doppelt")
    index = ProcessIndexPageFactory(parent=site_homes[0])
    process = ProcessPageFactory(parent=index, phases=[running_phase()])
    process.save_revision().publish()
    proposal = ProposalFactory(
        process=process, author=UserFactory(), field_of_action=FieldOfActionFactory()
    )
    services.support(person, proposal)

    outcomes = run_in_parallel([lambda: delete_person(person, by=person) for _ in range(2)])

    assert outcomes == ["ok", "ok"]
    assert not get_user_model().objects.filter(pk=person.pk).exists()
    proposal.refresh_from_db()
    assert proposal.support_count == 0


# --- A blocked person ----------------------------------------------------------------------------


@pytest.fixture
def blocked(hanna, discussion):
    moderator = UserFactory(group=MODERATORS)
    services.moderate(discussion["own"], "hide", moderator, reason="insult", notify=False)
    services.block_user(hanna, moderator, "insult", note="Beleidigungen", notify=False)
    return hanna


def sign_in(client, email):
    return client.post(reverse("account_login"), {"login": email, "password": PASSWORD})


def test_a_blocked_person_may_delete_the_account_after_signing_in(blocked):
    client = Client()
    page = sign_in(client, blocked.email)
    assert page.status_code == 403
    delete_url = reverse("area:delete_blocked_account")
    assert delete_url in page.content.decode()

    wrong = client.post(delete_url, {"password": "falsch"})
    assert in_german("The password is not right. Your account is unchanged.") in main_of(wrong)

    response = client.post(delete_url, {"password": PASSWORD})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=blocked.pk).exists()
    # The moderation record stays, pseudonymised.
    pseudonym = pseudonym_of(blocked)
    block = Block.objects.get()
    assert block.user_id is None and block.pseudonym == pseudonym
    assert block.note == "Beleidigungen"
    entries = ModerationLogEntry.objects.all()
    assert {entry.author_pseudonym for entry in entries} == {pseudonym}
    assert not any("Hanna" in entry.target_label for entry in entries)
    assert client.get(delete_url).status_code == 404


def test_without_a_blocked_sign_in_there_is_nothing_to_delete(blocked, client):
    url = reverse("area:delete_blocked_account")
    assert client.get(url).status_code == 404
    assert client.post(url, {"password": PASSWORD}).status_code == 404
    assert signed_in(UserFactory()).get(url).status_code == 404


def test_the_blocked_sign_in_counts_for_a_quarter_of_an_hour(blocked):
    client = Client()
    sign_in(client, blocked.email)
    url = reverse("area:delete_blocked_account")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        assert client.post(url, {"password": PASSWORD}).status_code == 404
    assert get_user_model().objects.filter(pk=blocked.pk).exists()


# --- Administrators --------------------------------------------------------------------------


@pytest.fixture
def admin_client(db):
    admin = get_user_model().objects.create_superuser(
        email="admin@example.org", password=PASSWORD, display_name="Admin"
    )
    return signed_in(admin)


def test_the_admin_deletes_through_the_same_service(admin_client, hanna, discussion):
    url = reverse("wagtailusers_users:delete", args=[hanna.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="with_contributions"' in page.content.decode()

    assert admin_client.post(url).status_code == 302

    assert not get_user_model().objects.filter(pk=hanna.pk).exists()
    proposal = Proposal.objects.get(pk=discussion["proposal"].pk)
    assert proposal.is_published and proposal.author_id is None
    assert proposal.comment_count == 4 == Comment.objects.on(proposal).readable().count()


def test_the_admin_deletes_a_spam_account_with_its_contributions(admin_client, hanna, discussion):
    url = reverse("wagtailusers_users:delete", args=[hanna.pk])
    assert admin_client.post(url, {"with_contributions": "on"}).status_code == 302

    proposal = Proposal.objects.get(pk=discussion["proposal"].pk)
    assert proposal.is_hidden
    own = Comment.objects.get(pk=discussion["own"].pk)
    assert own.is_hidden and own.author_id is None
    # Jonas's reply stays, under a placeholder of the hidden comment; the counts follow.
    reply = Comment.objects.get(pk=discussion["reply"].pk)
    assert reply.is_published and reply.parent_id == own.pk
    assert proposal.comment_count == 2 == Comment.objects.on(proposal).readable().count()
    entries = ModerationLogEntry.objects.filter(action="hide")
    assert entries.count() == 3
    assert {entry.author_pseudonym for entry in entries} == {pseudonym_of(hanna)}


def test_the_admins_bulk_delete_uses_the_service(admin_client, hanna, jonas, discussion):
    url = (
        reverse("wagtail_bulk_action", args=["cms", "user", "delete"])
        + f"?id={hanna.pk}&id={jonas.pk}"
    )
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url)
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk__in=[hanna.pk, jonas.pk]).exists()
    proposal = Proposal.objects.get(pk=discussion["proposal"].pk)
    assert proposal.comment_count == 4 == Comment.objects.on(proposal).count()


def test_moderators_see_the_pseudonym_after_a_blocked_person_left(blocked):
    pseudonym = pseudonym_of(blocked)
    delete_person(blocked, by=blocked)
    moderator = signed_in(UserFactory(group=MODERATORS))
    for url in (reverse("blocks:index"), reverse("moderation_log:index")):
        html = moderator.get(url).content.decode()
        assert pseudonym in html
        assert "Hanna" not in html
    block = Block.objects.get()
    html = moderator.get(reverse("blocks:inspect", args=[block.pk])).content.decode()
    assert pseudonym in html
