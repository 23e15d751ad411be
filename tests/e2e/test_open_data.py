"""The open data page in a real browser: zero axe violations and valid HTML, in both languages,
with a process chosen; its downloads arrive as files."""

import pytest

from tests.conftest import in_german

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_open_data_page_is_accessible_and_valid(page, demo_site, axe_check):
    response = page.goto(demo_site + "/de/offene-daten/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Offene Daten"
    axe_check(page)
    page.get_by_label(in_german("Process"), exact=True).select_option(index=1)
    page.get_by_role("button", name=in_german("Show downloads")).click()
    page.wait_for_url("**/de/offene-daten/?process=*")
    axe_check(page)
    response = page.goto(demo_site + "/en/open-data/")
    assert response.status == 200
    axe_check(page)


def test_a_download_arrives_as_a_file(page, demo_site):
    page.goto(demo_site + "/en/open-data/")
    with page.expect_download() as arrival:
        page.locator("a[href='/api/v1/open-data/processes.csv']").click()
    download = arrival.value
    assert download.suggested_filename.startswith("landvorteil-processes-")
    assert download.suggested_filename.endswith(".csv")
