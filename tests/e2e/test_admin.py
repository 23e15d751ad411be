"""The editors' admin works under the site's Content-Security-Policy and calls no third party."""

import io

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Page

import pytest

from cms.roles import EDITORS, MODERATORS
from participation.models import Report
from tests.cms.factories import UserFactory
from tests.conftest import make_site_homes
from tests.e2e.actions import sign_in
from tests.participation.factories import ProposalFactory

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


@pytest.mark.parametrize("role", [MODERATORS, EDITORS])
def test_the_dashboard_shows_each_role_its_work_without_axe_violations(
    page, live_server, role, axe_check
):
    make_site_homes()
    person = UserFactory(group=role)
    reported = ProposalFactory(title="Ein gemeldeter Vorschlag", qualified_at=timezone.now())
    Report.objects.create(target=reported, reporter=UserFactory(), reason="spam")
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, person, "/admin/")
    work = page.locator(".dashboard-work")
    if role == MODERATORS:
        assert page.locator("#dashboard-open_reports-heading").is_visible()
        assert page.get_by_role("search").count() == 0
        assert page.locator("#dashboard-qualified_proposals-heading").count() == 0
    else:
        assert page.locator("#dashboard-qualified_proposals-heading").is_visible()
        assert page.locator("#dashboard-open_reports-heading").count() == 0
    assert "Ein gemeldeter Vorschlag" in " ".join(work.all_inner_texts())
    # Once more without the "signed in" message: Wagtail's green message box has a contrast of
    # 4.32:1, Wagtail's own issue and not the dashboard's.
    page.goto(live_server.url + "/admin/")
    axe_check(page)
