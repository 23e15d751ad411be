"""Which address the sign-in limit counts (ACCOUNT_RATE_LIMITS "login_failed": 10 a minute per
address). Without a proxy of ours in front (the default), X-Forwarded-For is anybody's to write
and must not count; behind one proxy (TRUSTED_PROXY_COUNT=1), the address it appended counts."""

import pytest
from allauth.account.adapter import DefaultAccountAdapter

from tests.cms.factories import UserFactory
from tests.cms.settings_probe import settings_in
from tests.conftest import in_german

pytestmark = pytest.mark.django_db

PASSWORD = "landvorteil-demo"
TOO_MANY = DefaultAccountAdapter.error_messages["too_many_login_attempts"]
CLIENT = "203.0.113.9"
PROXY = "127.0.0.1"


def fail_ten_times(client, remote_addr, forwarded_for):
    """Ten failed sign-ins, each for another account (so that only the address's limit, not
    the account's, is reached); ``forwarded_for(i)`` is the header of the i-th."""
    for i in range(10):
        response = client.post(
            "/de/konto/login/",
            {"login": f"niemand{i}@example.org", "password": "falsch"},
            REMOTE_ADDR=remote_addr,
            HTTP_X_FORWARDED_FOR=forwarded_for(i),
        )
        assert response.status_code == 200
        assert in_german(TOO_MANY) not in response.content.decode()


def sign_in(client, user, remote_addr, forwarded_for):
    return client.post(
        "/de/konto/login/",
        {"login": user.email, "password": PASSWORD},
        REMOTE_ADDR=remote_addr,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def is_refused(response):
    return response.status_code == 200 and in_german(TOO_MANY) in response.content.decode()


def test_by_default_the_limit_counts_the_connection_and_ignores_x_forwarded_for(
    client, settings, site_homes
):
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0
    person = UserFactory()
    # A client that writes a new X-Forwarded-For for every attempt is still one address.
    fail_ten_times(client, CLIENT, lambda i: f"198.51.100.{i}")
    response = sign_in(client, person, CLIENT, "198.51.100.77")
    assert is_refused(response)
    assert "_auth_user_id" not in client.session
    # Somebody else, from another address, is not held up.
    response = sign_in(client, person, "192.0.2.44", "198.51.100.1")
    assert response.status_code == 302


def test_behind_one_proxy_the_limit_counts_the_address_the_proxy_appended(
    client, settings, site_homes
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    person = UserFactory()
    # The client's own X-Forwarded-For comes first; the proxy appends the address it saw.
    fail_ten_times(client, PROXY, lambda i: f"10.0.0.{i}, {CLIENT}")
    assert is_refused(sign_in(client, person, PROXY, f"10.9.9.9, {CLIENT}"))
    assert is_refused(sign_in(client, person, PROXY, CLIENT))
    # Other people behind the same proxy are other addresses.
    assert sign_in(client, person, PROXY, "192.0.2.44").status_code == 302


def test_behind_one_proxy_different_clients_are_counted_apart(client, settings, site_homes):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    person = UserFactory()
    fail_ten_times(client, PROXY, lambda i: f"198.51.100.{i}")
    assert sign_in(client, person, PROXY, "198.51.100.77").status_code == 302


def test_production_trusts_no_proxy_unless_told():
    assert settings_in("cms.settings.production", "print(s.ALLAUTH_TRUSTED_PROXY_COUNT)") == "0"
