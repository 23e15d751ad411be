"""``/.well-known/security.txt`` (RFC 9116): where to report a vulnerability."""

from datetime import UTC, datetime

import pytest
import time_machine

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 3, 10, 15, 30, tzinfo=UTC)


def fields_of(response):
    """{field name: [values]} of a security.txt, comments left out."""
    fields = {}
    for line in response.content.decode().splitlines():
        if line and not line.startswith("#"):
            name, value = line.split(": ", 1)
            fields.setdefault(name, []).append(value)
    return fields


@pytest.fixture
def security_txt(client, settings):
    settings.SECURITY_CONTACT_EMAIL = "sicherheit@landvorteil.example"
    settings.WAGTAILADMIN_BASE_URL = "https://landvorteil.example"

    def fetch():
        return client.get("/.well-known/security.txt")

    return fetch


@time_machine.travel(NOW, tick=False)
def test_security_txt_names_the_contact_and_expires_within_a_year(security_txt):
    response = security_txt()

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert not response.cookies
    assert fields_of(response) == {
        "Contact": ["mailto:sicherheit@landvorteil.example"],
        # Midnight of the day it is served, a year on: less than a year from now.
        "Expires": ["2028-03-09T00:00:00Z"],
        "Preferred-Languages": ["de, en"],
        "Canonical": ["https://landvorteil.example/.well-known/security.txt"],
    }
    expires = datetime.fromisoformat(fields_of(response)["Expires"][0].replace("Z", "+00:00"))
    assert NOW < expires < NOW.replace(year=NOW.year + 1)


@time_machine.travel(NOW, tick=False)
def test_an_operator_sets_the_expiry_date_and_a_policy(security_txt, settings):
    settings.SECURITY_TXT_EXPIRES = "2027-12-31"
    settings.SECURITY_POLICY_URL = "https://landvorteil.example/security-policy/"

    fields = fields_of(security_txt())

    assert fields["Expires"] == ["2027-12-31T00:00:00Z"]
    assert fields["Policy"] == ["https://landvorteil.example/security-policy/"]


def test_without_a_configured_site_address_the_canonical_address_is_the_requests(client, settings):
    settings.WAGTAILADMIN_BASE_URL = ""

    fields = fields_of(client.get("/.well-known/security.txt", HTTP_HOST="localhost"))

    assert fields["Canonical"] == ["http://localhost/.well-known/security.txt"]


def test_security_txt_only_answers_reading(client):
    assert client.post("/.well-known/security.txt").status_code == 405
