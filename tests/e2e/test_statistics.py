"""An editor opens the participation statistics, changes the filters and reads the charts and
tables: without axe violations, as valid HTML."""

import pytest

from cms.roles import EDITORS
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import make_site_homes
from tests.e2e.actions import sign_in
from tests.participation.factories import ProposalFactory, SupportFactory
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_editor_filters_the_statistics(page, live_server, axe_check):
    home, _home_en = make_site_homes()
    process = ProcessPageFactory(
        parent=ProcessIndexPageFactory(parent=home), title="Enkeltaugliche Region"
    )
    field = FieldOfActionFactory(slug="energie", name="Energie")
    for _ in range(3):
        SupportFactory(proposal=ProposalFactory(process=process, field_of_action=field))
    ProposalFactory(process=process)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, UserFactory(group=EDITORS), "/admin/statistics/")

    assert page.locator("svg.statistics-chart[role=img]").count() == 7
    axe_check(page)

    page.locator("#statistics_field").select_option("energie")
    page.locator("#statistics_granularity").select_option("week")
    page.locator("form.statistics-filters button[type=submit]").click()
    page.wait_for_url("**/admin/statistics/?*")
    proposals = page.locator("section", has=page.locator("#proposals-heading"))
    assert "3" in proposals.locator("h3").inner_text()
    # Ballots cannot be filtered by field of action: the page says so instead of a chart.
    ballots = page.locator("section", has=page.locator("#ballots-heading"))
    assert ballots.locator("svg").count() == 0
    axe_check(page)

    page.goto(live_server.url + "/admin/statistics/?start=2025-05-01&end=2025-04-01")
    assert page.get_by_role("alert").is_visible()
    axe_check(page)
