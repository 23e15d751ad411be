"""A developer reads the API's documentation page in either language and follows its link to
the OpenAPI description: zero axe violations, valid HTML, no template code on the page."""

import json

import pytest

from tests.conftest import make_site_homes
from tests.home.factories import EventIndexPageFactory, EventPageFactory
from tests.participation.factories import ProposalFactory
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_developer_reads_the_api_documentation(page, live_server, axe_check, language):
    home, _home_en = make_site_homes()
    process = ProcessPageFactory(parent=ProcessIndexPageFactory(parent=home))
    ProposalFactory(process=process)
    EventPageFactory(parent=EventIndexPageFactory(parent=home))

    response = page.goto(f"{live_server.url}/{language}/api/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    axe_check(page)

    text = page.locator("body").inner_text()
    for template_code in ("{%", "%}", "{{", "}}", "{#", "#}"):
        assert template_code not in text, template_code
    # Every endpoint is listed and its section reachable from the list.
    endpoints = page.locator("section.api-endpoint")
    assert endpoints.count() >= 10
    first = page.locator("#endpoints + ul a").first
    target = first.get_attribute("href")
    first.click()
    assert page.locator(target).is_visible()
    assert page.get_by_text("GET /api/v1/proposals/").first.is_visible()
    assert page.locator("code", has_text="changed_since").first.is_visible()

    # The link to the machine-readable description leads to the OpenAPI document.
    link = page.locator("main a[href$='/api/v1/schema/']")
    assert link.count() == 1
    href = link.get_attribute("href")
    with page.expect_response(lambda answer: answer.url == href) as info:
        link.click()
    answer = info.value
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("application/")
    schema = json.loads(page.request.get(href).text())
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/proposals/" in schema["paths"]

    yaml = page.request.get(f"{live_server.url}/api/v1/schema/?format=yaml")
    assert yaml.status == 200
    assert "openapi: 3" in yaml.text()
