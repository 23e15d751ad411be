"""The sign-up form says what the account is for and links the privacy notice; signing in
before the address is confirmed explains the next step and sends a new link, without a loop."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest
import time_machine
from allauth.account.models import EmailAddress

from tests.cms.factories import UserFactory
from tests.conftest import in_german, main_of

pytestmark = pytest.mark.django_db

PASSWORD = "landvorteil-demo"


def confirmation_link(message):
    return re.search(r"https?://testserver(/\S+/confirm-email/\S+/)", message.body).group(1)


@pytest.mark.parametrize(
    ("language", "path"), [("de", "/de/konto/signup/"), ("en", "/en/account/signup/")]
)
def test_sign_up_form_says_what_a_verified_resident_is_and_links_the_privacy_notice(
    client, demo, language, path
):
    from wagtail.models import Page

    privacy = Page.objects.get(slug="datenschutz", locale__language_code="de")
    privacy_here = privacy.get_translations(inclusive=True).get(locale__language_code=language)
    html = main_of(client.get(path))
    assert f'href="{privacy_here.url}"' in html
    with_language = in_german if language == "de" else str
    assert with_language("We check nothing else: not your name and not where you live.") in html
    assert 'name="display_name"' in html
    assert html.count("<form") == 1


def test_the_privacy_link_is_left_out_while_no_privacy_page_is_chosen(client, demo):
    from cms.models import FooterSettings

    footer = FooterSettings.for_site(demo)
    footer.privacy_page = None
    footer.save()
    html = main_of(client.get("/de/konto/signup/"))
    assert "datenschutz" not in html
    assert 'name="email"' in html


def test_signing_in_unconfirmed_explains_the_next_step_and_sends_a_new_link(client, demo):
    person = UserFactory(verified=False)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        response = client.post(
            "/de/konto/login/", {"login": person.email, "password": PASSWORD}, follow=True
        )
    # One step to the explanation, not back to the sign-in form.
    assert [url for url, _status in response.redirect_chain] == ["/de/konto/confirm-email/"]
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    html = main_of(response)
    assert in_german("Verify Your Email Address") in html
    assert in_german("Follow the link in it and confirm your address.") in html
    assert 'href="/de/konto/login/"' in html
    assert [m.to for m in mail.outbox] == [[person.email]]

    # Signing in again right away explains the same and sends no second mail.
    with time_machine.travel(start + timedelta(minutes=1), tick=False):
        again = client.post(
            "/de/konto/login/", {"login": person.email, "password": PASSWORD}, follow=True
        )
    assert again.redirect_chain == response.redirect_chain
    assert len(mail.outbox) == 1

    # A few minutes later signing in sends a new link; the first one still works.
    with time_machine.travel(start + timedelta(minutes=4), tick=False):
        client.post("/de/konto/login/", {"login": person.email, "password": PASSWORD})
        assert len(mail.outbox) == 2
        first = confirmation_link(mail.outbox[0])
        assert client.post(first).status_code == 302
    assert EmailAddress.objects.get(user=person).verified

    response = client.post("/de/konto/login/", {"login": person.email, "password": PASSWORD})
    assert response["Location"] == "/de/"
    assert client.session["_auth_user_id"] == str(person.pk)


def test_a_wrong_password_for_an_unconfirmed_account_sends_nothing(client, demo):
    person = UserFactory(verified=False)
    response = client.post("/de/konto/login/", {"login": person.email, "password": "falsch"})
    assert response.status_code == 200
    assert mail.outbox == []
