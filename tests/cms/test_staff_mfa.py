"""Two factors for staff (cms/security.py): with STAFF_MFA_REQUIRED on, nobody who may use the
admin reaches any admin address without a second factor; residents are never asked."""

import re
import time
import uuid
from datetime import UTC, datetime, timedelta

from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)

from cms import security
from cms.roles import EDITORS, LEAD_EDITORS, MODERATORS
from tests.cms.factories import UserFactory
from tests.cms.settings_probe import settings_in
from tests.conftest import in_german

pytestmark = pytest.mark.django_db

PASSWORD = "landvorteil-demo"
ACTIVATE = "/de/konto/2fa/totp/activate/"
# A moment in the middle of a 30-second TOTP step, a little before the tests run (sessions made
# then are still valid after it): codes made at it stay valid while the clock stands still.
NOW = datetime.fromtimestamp(time.time() // 30 * 30 - 20, UTC)


def staff(kind):
    if kind == "superuser":
        return UserFactory(is_superuser=True)
    if kind == "admin permission":
        user = UserFactory()
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        return user
    return UserFactory(group=kind)


# The account page's and the overview's note for staff while the requirement is on.
STAFF_NOTE = (
    "Your account may use the administration. Staff accounts must use a second factor: the "
    "administration opens only after you set one up."
)

STAFF_KINDS = [EDITORS, LEAD_EDITORS, MODERATORS, "superuser", "admin permission"]


def code_for(secret, moment=None):
    moment = moment or datetime.now(UTC)
    return format_hotp_value(hotp_value(secret, int(moment.timestamp()) // 30))


def with_totp(user):
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def sign_in(client, user, secret=None, next_url=None):
    """The real sign-in: the form, then the code when the person has an authenticator app."""
    url = "/de/konto/login/" + (f"?next={next_url}" if next_url else "")
    response = client.post(url, {"login": user.email, "password": PASSWORD})
    if secret is not None:
        assert response["Location"] == "/de/konto/2fa/authenticate/"
        response = client.post("/de/konto/2fa/authenticate/", {"code": code_for(secret)})
    return response


def _sample_group(match):
    body = match.group(1)
    # A choice of words (time|field|…) takes its first word.
    choices = ("1", "x", "x/y", body.split("|")[0])
    candidate = next((c for c in choices if re.fullmatch(body, c)), None)
    assert candidate is not None, f"no sample for ({body})"
    return candidate


def _sample(pattern):
    """An address part that ``pattern`` (one part of an admin route) matches."""
    if isinstance(pattern, RegexPattern):
        text = re.sub(r"\(\?P<\w+>((?:[^()]|\([^()]*\))*)\)", _sample_group, pattern.regex.pattern)
        text = text.replace(".*", "x").replace("\\.", ".").lstrip("^").rstrip("$")
        assert pattern.regex.search(text), f"no sample for {pattern}"
        return text
    samples = {"int": "1", "uuid": str(uuid.UUID(int=1)), "path": "x/y"}
    return re.sub(
        r"<(?:(\w+):)?\w+>", lambda match: samples.get(match.group(1) or "str", "x"), str(pattern)
    )


def admin_addresses():
    """Every address of the admin's URL configuration, with sample arguments."""
    addresses = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            part = prefix + _sample(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, part)
            else:
                addresses.add("/" + part)

    for pattern in get_resolver().url_patterns:
        if str(pattern.pattern).startswith("admin/"):
            walk([pattern], "")
    return sorted(addresses)


def test_the_walk_covers_the_whole_admin():
    addresses = admin_addresses()
    assert len(addresses) > 300
    for expected in ["/admin/", "/admin/login/", "/admin/pages/1/edit/", "/admin/users/"]:
        assert expected in addresses


@pytest.mark.parametrize("kind", STAFF_KINDS)
def test_staff_without_a_second_factor_reach_no_admin_address(client, settings, kind):
    settings.STAFF_MFA_REQUIRED = True
    client.force_login(staff(kind))
    for address in admin_addresses():
        response = client.get(address)
        assert response.status_code == 302, (address, response.status_code)
        assert response["Location"] == ACTIVATE, address


def test_no_admin_address_takes_a_post_without_a_second_factor(client, settings):
    """Nothing is changed either: the check comes before any admin view (and its CSRF check)."""
    settings.STAFF_MFA_REQUIRED = True
    client.force_login(staff("superuser"))
    for address in admin_addresses():
        response = client.post(address, {"title": "x", "email": "x@example.org"})
        assert response.status_code == 302, (address, response.status_code)
        assert response["Location"] == ACTIVATE, address


# Committed transactions, as in production: allauth announces a new authenticator (which
# marks the session) only after its transaction is committed.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_set_up_page_says_why_and_leads_back(client, settings, site_homes):
    settings.STAFF_MFA_REQUIRED = True
    editor = staff(EDITORS)
    with time_machine.travel(NOW, tick=False):
        response = client.get("/admin/pages/")
        assert response["Location"].startswith("/de/konto/login/")
        response = sign_in(client, editor, next_url="/admin/pages/")
        assert response["Location"] == "/admin/pages/"
        response = client.get("/admin/pages/")
        assert response["Location"] == ACTIVATE

        # Signed in with the password a moment ago: no second password prompt.
        response = client.get(ACTIVATE)
        assert response.status_code == 200
        assert in_german(security.ENROLMENT_MESSAGE) in response.content.decode()
        form = response.context["form"]

        response = client.post(ACTIVATE, {"code": code_for(form.secret)})
        assert response["Location"] == "/de/konto/2fa/recovery-codes/"
        codes = client.get(response["Location"])
        assert 'href="/admin/pages/"' in codes.content.decode()
        assert len(codes.context["unused_codes"]) == 10

    assert client.get("/admin/pages/").status_code == 200
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()


def test_the_set_up_asks_for_the_password_again_five_minutes_after_signing_in(
    client, settings, site_homes
):
    settings.STAFF_MFA_REQUIRED = True
    with time_machine.travel(NOW, tick=False):
        sign_in(client, staff(EDITORS))
    with time_machine.travel(NOW + timedelta(minutes=6), tick=False):
        response = client.get(ACTIVATE, follow=True)
        reauthenticate = response.redirect_chain[-1][0]
        assert reauthenticate.startswith("/de/konto/reauthenticate/")
        response = client.post(reauthenticate, {"password": PASSWORD}, follow=True)
        assert response.redirect_chain[-1][0] == ACTIVATE
        assert response.status_code == 200


def test_staff_are_sent_to_the_set_up_right_after_signing_in(client, settings, site_homes):
    settings.STAFF_MFA_REQUIRED = True
    response = sign_in(client, staff(MODERATORS))
    assert response["Location"] == ACTIVATE


@pytest.mark.parametrize("kind", STAFF_KINDS)
def test_staff_who_signed_in_with_their_code_use_the_admin(client, settings, site_homes, kind):
    settings.STAFF_MFA_REQUIRED = True
    user = staff(kind)
    secret = with_totp(user)
    with time_machine.travel(NOW, tick=False):
        response = sign_in(client, user, secret)
    assert response["Location"] == "/de/"
    assert client.get("/admin/").status_code == 200
    # Wagtail's own answer: the page explorer, or its start page for those without pages.
    response = client.get("/admin/pages/")
    assert response.status_code == 200 or response["Location"] == "/admin/"


def test_a_wrong_code_does_not_sign_in(client, settings, site_homes):
    settings.STAFF_MFA_REQUIRED = True
    user = staff(EDITORS)
    secret = with_totp(user)
    with time_machine.travel(NOW, tick=False):
        client.post("/de/konto/login/", {"login": user.email, "password": PASSWORD})
        wrong = f"{(int(code_for(secret)) + 1) % 1_000_000:06d}"
        response = client.post("/de/konto/2fa/authenticate/", {"code": wrong})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/")["Location"].startswith("/de/konto/login/")


def test_a_session_from_before_the_second_factor_must_prove_it(client, settings, site_homes):
    """A staff member who has an authenticator but whose session never showed a code (signed in
    with the password alone before the app was set up elsewhere) is asked for a code."""
    settings.STAFF_MFA_REQUIRED = True
    user = staff(LEAD_EDITORS)
    secret = with_totp(user)
    client.force_login(user)
    response = client.get("/admin/pages/")
    assert response["Location"] == "/de/konto/2fa/reauthenticate/?next=%2Fadmin%2Fpages%2F"
    assert in_german(security.PROOF_MESSAGE) in client.get(response["Location"]).content.decode()
    with time_machine.travel(NOW, tick=False):
        response = client.post(response["Location"], {"code": code_for(secret)})
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_residents_are_never_asked(client, settings, site_homes):
    settings.STAFF_MFA_REQUIRED = True
    resident = UserFactory()
    response = sign_in(client, resident)
    assert response["Location"] == "/de/"
    # Wagtail sends them to the sign-in form with its explanation, as without the requirement.
    response = client.get("/admin/")
    assert response["Location"].startswith("/de/konto/login/")
    assert client.get("/de/").status_code == 200


def test_residents_may_turn_it_on_and_are_then_asked_at_sign_in(client, site_homes):
    resident = UserFactory()
    with time_machine.travel(NOW, tick=False):
        client.force_login(resident)
        response = client.post("/de/konto/reauthenticate/", {"password": PASSWORD})
        page = client.get(ACTIVATE)
        assert page.status_code == 200
        response = client.post(ACTIVATE, {"code": code_for(page.context["form"].secret)})
        assert response.status_code == 302
        client.logout()
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        response = client.post("/de/konto/login/", {"login": resident.email, "password": PASSWORD})
        assert response["Location"] == "/de/konto/2fa/authenticate/"
        assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("kind", STAFF_KINDS)
def test_nothing_is_forced_while_the_requirement_is_off(client, settings, site_homes, kind):
    settings.STAFF_MFA_REQUIRED = False
    user = staff(kind)
    response = sign_in(client, user)
    assert response["Location"] == "/de/"
    assert client.get("/admin/").status_code == 200


def test_the_check_costs_the_admin_no_query(client, settings, site_homes):
    """The second factor comes with the signed-in person's account facts (cms.accounts)."""
    user = staff(EDITORS)
    secret = with_totp(user)
    with time_machine.travel(NOW, tick=False):
        sign_in(client, user, secret)

    def queries():
        client.get("/admin/pages/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/pages/").status_code == 200
        return len(captured)

    settings.STAFF_MFA_REQUIRED = False
    without = queries()
    settings.STAFF_MFA_REQUIRED = True
    assert queries() == without


def test_account_page_shows_the_state_and_the_staff_note(client, settings, site_homes):
    settings.STAFF_MFA_REQUIRED = True
    editor = staff(EDITORS)
    client.force_login(editor)
    html = client.get("/de/konto/mein-bereich/konto/").content.decode()
    assert in_german("Off.") in html
    assert f'href="{ACTIVATE}"' in html
    assert in_german(STAFF_NOTE) in html

    with_totp(editor)
    html = client.get("/de/konto/mein-bereich/konto/").content.decode()
    assert in_german("Off.") not in html
    assert in_german("Authenticator app") in html
    assert 'href="/de/konto/2fa/"' in html

    resident = UserFactory()
    client.force_login(resident)
    html = client.get("/de/konto/mein-bereich/konto/").content.decode()
    assert in_german("Off.") in html
    assert in_german(STAFF_NOTE) not in html


def test_production_requires_two_factors_and_development_does_not():
    assert settings_in("cms.settings.production", "print(s.STAFF_MFA_REQUIRED)") == "True"
    assert settings_in("cms.settings.dev", "print(s.STAFF_MFA_REQUIRED)") == "False"
    assert (
        settings_in(
            "cms.settings.dev",
            "from allauth.mfa import app_settings as m; print(m.WEBAUTHN_ALLOW_INSECURE_ORIGIN)",
        )
        == "False"
    )


def test_a_security_key_counts_as_second_factor_and_is_listed(client, settings, site_homes):
    """Keys are added in the browser (WebAuthn); here one is stored as allauth stores it."""
    settings.STAFF_MFA_REQUIRED = True
    editor = staff(EDITORS)
    Authenticator.objects.create(
        user=editor,
        type=Authenticator.Type.WEBAUTHN,
        data={"name": "Schlüsselbund", "credential": {}},
    )
    client.force_login(editor)
    # A second factor exists, so the admin asks for it instead of a set-up.
    assert client.get("/admin/")["Location"].startswith("/de/konto/2fa/reauthenticate/")
    html = client.get("/de/konto/mein-bereich/konto/").content.decode()
    assert in_german("%(count)d security key", "%(count)d security keys", 1) % {"count": 1} in html
    client.post("/de/konto/reauthenticate/", {"password": PASSWORD})
    page = client.get("/de/konto/2fa/webauthn/")
    assert page.status_code == 200
    assert "Schlüsselbund" in page.content.decode()
