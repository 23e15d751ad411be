"""The one-click unsubscribe link of notification e-mails: it works without signing in and
without a CSRF token (RFC 8058), turns off exactly its own kind for exactly its own person,
and a forged, altered or outdated link gets a clear 400 page."""

from django.core import signing
from django.test import Client
from django.urls import reverse

import pytest

from participation.models import Delivery
from participation.models import NotificationReason as Why
from participation.notifications import delivery
from tests.cms.factories import UserFactory
from tests.conftest import in_german, main_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(site_homes):
    return UserFactory()


def url_for(token):
    return reverse("participation:unsubscribe", kwargs={"token": token})


def test_the_link_asks_first_and_changes_nothing(client, person):
    token = delivery.unsubscribe_token(person, Why.COMMENT_REPLY)
    response = client.get(url_for(token))
    assert response.status_code == 200
    html = main_of(response)
    assert in_german("Turn off e-mails?") in html
    assert in_german(Why.COMMENT_REPLY.label) in html
    assert f'<form method="post" action="{url_for(token)}">' in html
    assert "no-cache" in response["Cache-Control"]
    assert delivery.preferences_of(person)[Why.COMMENT_REPLY] == Delivery.IMMEDIATELY


def test_a_one_click_post_from_a_mail_client_turns_the_reason_off(person):
    client = Client(enforce_csrf_checks=True)
    token = delivery.unsubscribe_token(person, Why.COMMENT_REPLY)
    response = client.post(
        url_for(token),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    html = main_of(response)
    assert in_german("E-mails turned off") in html
    assert f'href="{reverse("area:notification_settings")}"' in html
    preferences = delivery.preferences_of(person)
    assert preferences[Why.COMMENT_REPLY] == Delivery.OFF
    # Only that kind: everything else keeps its setting.
    assert preferences[Why.PROPOSAL_ANSWERED] == Delivery.IMMEDIATELY
    assert preferences[Why.PHASE_STARTED] == Delivery.DAILY


def test_the_button_on_the_page_works_without_signing_in(client, person):
    token = delivery.unsubscribe_token(person, Why.NEW_COMMENT)
    response = client.post(url_for(token))
    assert response.status_code == 200
    assert delivery.preferences_of(person)[Why.NEW_COMMENT] == Delivery.OFF


def test_a_digest_link_turns_off_what_that_digest_holds(client, person):
    delivery.set_preferences(person, {Why.NEW_IN_FIELD: Delivery.DAILY})
    preferences = delivery.preferences_of(person)
    daily = [reason for reason, value in preferences.items() if value == Delivery.DAILY]
    assert Why.NEW_IN_FIELD in daily and Why.PHASE_STARTED in daily
    response = client.post(url_for(delivery.unsubscribe_token(person, Delivery.DAILY)))
    assert response.status_code == 200
    preferences = delivery.preferences_of(person)
    assert all(preferences[reason] == Delivery.OFF for reason in daily)
    assert preferences[Why.COMMENT_REPLY] == Delivery.IMMEDIATELY


def refused(response):
    assert response.status_code == 400
    assert in_german("This link does not work") in main_of(response)
    return True


def test_forged_and_altered_tokens_are_refused(client, person):
    token = delivery.unsubscribe_token(person, Why.COMMENT_REPLY)
    altered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for bad in ("nonsense", altered, signing.dumps({"u": person.pk, "k": "comment_reply"})):
        assert refused(client.post(url_for(bad)))
        assert refused(client.get(url_for(bad)))
    assert delivery.preferences_of(person)[Why.COMMENT_REPLY] == Delivery.IMMEDIATELY


def test_a_token_cannot_be_turned_to_another_person(client, person):
    """Even signed with the right key, a token that names another person carries the wrong
    fingerprint (it is made from that person's password hash and address)."""
    other = UserFactory()
    token = signing.dumps(
        {"u": other.pk, "k": "comment_reply", "f": delivery._fingerprint(person)},
        salt=delivery.TOKEN_SALT,
        compress=False,
    )
    assert refused(client.post(url_for(token)))
    assert delivery.preferences_of(other)[Why.COMMENT_REPLY] == Delivery.IMMEDIATELY


def test_a_token_cannot_be_turned_to_another_reason(client, person):
    token = delivery.unsubscribe_token(person, Why.COMMENT_REPLY)
    payload = signing.loads(token, salt=delivery.TOKEN_SALT)
    for kind in ("moderation", "gossip", "off"):
        forged = signing.dumps({**payload, "k": kind}, salt=delivery.TOKEN_SALT, compress=False)
        assert refused(client.post(url_for(forged)))
    assert delivery.preferences_of(person)[Why.MODERATION] == Delivery.IMMEDIATELY


def test_a_token_stops_working_when_the_password_or_address_changes(client, person):
    token = delivery.unsubscribe_token(person, Why.COMMENT_REPLY)
    person.set_password("ein-ganz-neues-passwort")
    person.save()
    assert refused(client.post(url_for(token)))
    token = delivery.unsubscribe_token(person, Why.COMMENT_REPLY)
    person.email = "neu@example.org"
    person.save()
    assert refused(client.post(url_for(token)))
    assert delivery.preferences_of(person)[Why.COMMENT_REPLY] == Delivery.IMMEDIATELY


def test_other_methods_are_not_allowed(client, person):
    token = delivery.unsubscribe_token(person, Why.COMMENT_REPLY)
    assert client.put(url_for(token)).status_code == 405
