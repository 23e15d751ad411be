"""The editors' admin works under the site's Content-Security-Policy and calls no third party."""

import io

from django.core.management import call_command

from wagtail.models import Page

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_editor_signs_in_and_opens_the_page_editor_without_errors(page, live_server):
    call_command("load_demo_content", stdout=io.StringIO())
    home = Page.objects.get(depth=2, locale__language_code="de")
    problems, requested = [], []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("request", lambda request: requested.append(request.url))

    page.goto(live_server.url + "/admin/")
    page.get_by_label("E-Mail").fill("redaktion@example.org")
    page.get_by_label("Passwort", exact=False).first.fill("landvorteil-demo")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(live_server.url + "/admin/")

    page.goto(f"{live_server.url}/admin/pages/{home.pk}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name=home.title).count() >= 1
    assert problems == []
    assert all(url.startswith(live_server.url) for url in requested), requested
