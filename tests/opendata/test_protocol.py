"""What every endpoint of the read API does the same way: conditional requests, CORS for GET,
no cookies, read-only methods, the limit per address (and no limit while Redis is down)."""

from django.conf import settings
from django.test import override_settings

import pytest

from tests.participation.factories import ProposalFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/proposals/"


@pytest.fixture
def proposal(process, field):
    return ProposalFactory(process=process, field_of_action=field)


def rate(value):
    return override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"address": value}}
    )


@pytest.mark.parametrize(
    "path", [LIST, "detail", "comments", "/api/v1/polls/", "/api/v1/action-groups/"]
)
def test_etag_answers_304(client, proposal, path):
    path = {"detail": f"{LIST}{proposal.pk}/", "comments": f"{LIST}{proposal.pk}/comments/"}.get(
        path, path
    )
    response = client.get(path)
    assert response.status_code == 200
    etag = response["ETag"]
    assert (
        response["Cache-Control"] == "max-age=60, public" or "public" in response["Cache-Control"]
    )
    again = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert client.get(path, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_last_modified_answers_304(client, proposal):
    response = client.get(f"{LIST}{proposal.pk}/")
    last_modified = response["Last-Modified"]
    assert (
        client.get(f"{LIST}{proposal.pk}/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    )
    assert client.get(LIST)["Last-Modified"] == last_modified
    assert (
        client.get(LIST, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT").status_code == 200
    )


def test_cors_for_get_and_preflight(client, proposal):
    response = client.get(LIST, HTTP_ORIGIN="https://partner.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        LIST,
        HTTP_ORIGIN="https://partner.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Credentials" not in preflight


def test_no_cookies_even_when_signed_in(client, proposal, django_user_model):
    from tests.cms.factories import UserFactory

    client.force_login(UserFactory())
    for path in (
        LIST,
        f"{LIST}{proposal.pk}/",
        f"{LIST}{proposal.pk}/comments/",
        f"{LIST}?state=nope",
        f"{LIST}0/",
        "/api/v1/nothing/",
    ):
        response = client.get(path)
        assert "Set-Cookie" not in response.headers, path
        assert not response.cookies, path
        assert "Cookie" not in response.get("Vary", ""), path


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_is_405(client, proposal, method):
    for path in (LIST, f"{LIST}{proposal.pk}/"):
        response = getattr(client, method)(path, data={}, content_type="application/json")
        assert response.status_code == 405
        assert response.json()["error"]["code"] == "method_not_allowed"


def test_unknown_addresses_are_a_json_404(client, proposal):
    for path in ("/api/v1/nothing/", f"{LIST}abc/", f"{LIST}999999/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("language", ["de", "en"])
def test_unknown_api_addresses_are_not_sent_to_a_language(client, proposal, language):
    """The language middleware leaves addresses under /api/ alone: no redirect to /de/api/…,
    whatever language the reader prefers (also outside /api/v1/)."""
    for path in ("/api/v1/nothing/", "/api/v2/proposals/"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 404, path
        assert "Location" not in response
    assert client.get("/api/v1/nothing/").json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    "path",
    [
        LIST,
        "detail",
        "comments",
        "/api/v1/polls/",
        "/api/v1/action-groups/",
        "/api/v1/processes/",
        "/api/v1/visions/",
        "/api/v1/events/",
        "/api/v1/places/",
        "/api/v1/pages/",
    ],
)
@pytest.mark.parametrize("value", ["json", "xml", "api"])
def test_format_is_an_unknown_parameter_everywhere(client, proposal, path, value):
    """Every resource answers JSON only: ``?format=`` is refused like any other unknown
    parameter (400 in JSON), never DRF's 404 for a format it cannot render."""
    path = {"detail": f"{LIST}{proposal.pk}/", "comments": f"{LIST}{proposal.pk}/comments/"}.get(
        path, path
    )
    response = client.get(path, {"format": value}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] in {"unknown_parameter", "invalid"}
    assert "format" in error["message"] or "format" in str(error["fields"])


def test_a_foreign_accept_header_still_gets_json(client, proposal):
    response = client.get(LIST, HTTP_ACCEPT="application/xml")
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_too_many_requests_are_a_429_with_retry_after(client, proposal):
    with rate("2/min"):
        assert client.get(LIST).status_code == 200
        assert client.get(LIST).status_code == 200
        response = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    error = response.json()["error"]
    assert error["code"] == "throttled"
    assert "Too many requests" in error["message"]


def test_other_addresses_have_their_own_limit(client, proposal):
    with rate("1/min"):
        assert client.get(LIST, REMOTE_ADDR="10.0.0.1").status_code == 200
        assert client.get(LIST, REMOTE_ADDR="10.0.0.1").status_code == 429
        assert client.get(LIST, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_reads_go_on_while_redis_is_down(client, proposal, shared_cache):
    with rate("2/min"):
        assert client.get(LIST).status_code == 200
        shared_cache.stop()
        for _ in range(5):
            response = client.get(LIST)
            assert response.status_code == 200
            assert response.json()["count"] == 1
