"""Two factors in the browser: an editor who must use one is led from the admin through the
set-up and back, with the keyboard; every page on the way passes axe. A security key (Chromium's
virtual authenticator) is added and then used to sign in."""

import re
import time

from django.conf import settings

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from cms.roles import EDITORS
from tests.cms.factories import UserFactory
from tests.conftest import make_site_homes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def current_code(secret):
    """The app's code now, waiting for the next 30-second step when this one is about to end."""
    if time.time() % 30 > 25:
        time.sleep(30 - time.time() % 30 + 0.5)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def type_into(page, selector, text):
    page.locator(selector).focus()
    page.keyboard.type(text)


@pytest.fixture
def editor_site(live_server, settings):
    settings.STAFF_MFA_REQUIRED = True
    make_site_homes()
    editor = UserFactory(email="redakteurin@example.org", group=EDITORS)
    return live_server.url, editor


def test_editor_sets_up_an_authenticator_app_and_returns_to_the_admin(page, editor_site, axe_check):
    base, editor = editor_site
    page.goto(f"{base}/admin/pages/")
    page.wait_for_url(re.compile(r".*/de/konto/login/.*"))
    type_into(page, "#id_login", editor.email)
    page.keyboard.press("Tab")
    page.keyboard.type(settings.DEMO_PASSWORD)
    page.keyboard.press("Enter")

    # Straight to the set-up (the password was typed a moment ago); the page says why.
    page.wait_for_url(f"{base}/de/konto/2fa/totp/activate/")
    assert page.locator(".message--warning").count() == 1
    assert page.locator("h1").count() == 1
    axe_check(page)
    secret = page.locator("#authenticator_secret").input_value()
    type_into(page, "#id_code", current_code(secret))
    page.keyboard.press("Enter")

    page.wait_for_url(f"{base}/de/konto/2fa/recovery-codes/")
    axe_check(page)
    recovery_codes = page.locator("#recovery_codes").input_value().split()
    assert len(recovery_codes) == 10
    page.locator("a.button", has_text="administration").or_(
        page.locator("a.button", has_text="Verwaltung")
    ).first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{base}/admin/pages/"

    for path in [
        "/de/konto/2fa/",
        "/de/konto/mein-bereich/konto/",
        "/de/konto/2fa/totp/deactivate/",
        # Where allauth asks for the password again (later than five minutes after signing in).
        "/de/konto/reauthenticate/",
    ]:
        page.goto(base + path)
        assert page.locator("h1").count() == 1
        axe_check(page)

    # Next sign-in: the password, then a recovery code instead of the app's code.
    page.goto(f"{base}/de/konto/logout/")
    page.locator("main form button[type=submit]").click()
    page.goto(f"{base}/de/konto/login/")
    type_into(page, "#id_login", editor.email)
    page.keyboard.press("Tab")
    page.keyboard.type(settings.DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/de/konto/2fa/authenticate/")
    axe_check(page)
    type_into(page, "#id_code", recovery_codes[0])
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/de/")
    page.goto(f"{base}/admin/")
    assert page.url == f"{base}/admin/"


def test_a_security_key_is_added_and_signs_in(page, editor_site, axe_check):
    base, editor = editor_site
    # A security key of the browser's own, as Chromium offers it for tests.
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    page.goto(f"{base}/de/konto/login/?next=/de/konto/2fa/webauthn/add/")
    type_into(page, "#id_login", editor.email)
    page.keyboard.press("Tab")
    page.keyboard.type(settings.DEMO_PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url(f"{base}/de/konto/2fa/webauthn/add/")
    axe_check(page)
    page.locator("#mfa_webauthn_add").click()
    page.wait_for_url(re.compile(r".*/de/konto/2fa/(recovery-codes|webauthn)/$"))
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.WEBAUTHN).exists()
    page.goto(f"{base}/de/konto/2fa/webauthn/")
    axe_check(page)

    page.goto(f"{base}/de/konto/logout/")
    page.locator("main form button[type=submit]").click()
    page.goto(f"{base}/de/konto/login/?next=/admin/")
    type_into(page, "#id_login", editor.email)
    page.keyboard.press("Tab")
    page.keyboard.type(settings.DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/de/konto/2fa/authenticate/")
    axe_check(page)
    page.locator("#mfa_webauthn_authenticate").click()
    page.wait_for_url(f"{base}/admin/")


def test_the_confirmation_page_passes_axe(page, live_server, axe_check):
    make_site_homes()
    page.goto(f"{live_server.url}/de/konto/confirm-email/")
    assert page.locator("h1").count() == 1
    axe_check(page)
