"""The OpenAPI description at /api/v1/schema/ and the documentation page written from it."""

import pytest

from tests.html_checks import html_validator  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def test_schema_describes_every_endpoint_with_its_errors(client, site_homes):
    response = client.get("/api/v1/schema/", {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    for path in (
        "/api/v1/pages/",
        "/api/v1/processes/",
        "/api/v1/visions/",
        "/api/v1/events/",
        "/api/v1/places/",
        "/api/v1/places/{id}/",
    ):
        operation = schema["paths"][path]["get"]
        assert {"200", "400", "429"} <= set(operation["responses"])
    assert "404" in schema["paths"]["/api/v1/places/{id}/"]["get"]["responses"]
    fields = schema["components"]["schemas"]["Event"]["properties"]
    assert {"seats", "seats_taken", "seats_left", "place"} <= set(fields)
    assert "Set-Cookie" not in response.headers


def test_schema_is_json_by_default(client, site_homes):
    """What the documentation's "OpenAPI description (JSON)" link gives a browser."""
    response = client.get("/api/v1/schema/", headers={"accept": "text/html,*/*;q=0.8"})

    assert response.status_code == 200
    assert "json" in response["Content-Type"]
    assert response.json()["openapi"].startswith("3.")


def test_schema_as_yaml(client, site_homes):
    response = client.get("/api/v1/schema/", {"format": "yaml"})

    assert response.status_code == 200
    assert b"openapi: 3" in response.content


@pytest.mark.parametrize("language", ["de", "en"])
def test_documentation_page_lists_endpoints_parameters_and_fields(
    client,
    site_homes,
    language,
    html_validator,  # noqa: F811
):
    response = client.get(f"/{language}/api/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "GET /api/v1/events/" in html
    assert "<code>seats_left</code>" in html
    assert "<code>changed_since</code>" in html
    assert "<code>phases[].current</code>" in html
    assert "/api/v1/schema/" in html
    assert html_validator.problems(html) == []


def test_docs_address_redirects_in_the_readers_language(client, site_homes):
    response = client.get("/api/v1/docs/", headers={"accept-language": "en"})

    assert response.status_code == 302
    assert response.headers["Location"] == "/en/api/"
