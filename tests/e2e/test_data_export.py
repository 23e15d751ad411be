"""A resident asks for her data and downloads it with the keyboard only; the account page passes
axe before, while and after."""

import io
import json
import zipfile

from django.urls import reverse
from django.utils import timezone

import pytest

from participation.models import DataExport
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import make_site_homes
from tests.e2e.actions import sign_in, tab_to
from tests.participation.factories import ProposalFactory
from tests.participation.test_supports import make_process

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def resident(live_server):
    home, _ = make_site_homes()
    process = make_process(home)
    resident = UserFactory(email="daten@example.org", display_name="Datenfreundin")
    ProposalFactory(
        process=process,
        author=resident,
        title="Ein Dorfladen für alle",
        field_of_action=FieldOfActionFactory(),
    )
    return resident


def test_download_my_data_with_the_keyboard(page, live_server, resident, axe_check):
    base, account = live_server.url, reverse("area:account")
    sign_in(page, base, resident, account)
    axe_check(page)

    tab_to(page, "#data-export form button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    link = page.locator("#data-export a[rel=nofollow]")
    assert link.count() == 1
    axe_check(page)

    tab_to(page, "#data-export a[rel=nofollow]")
    with page.expect_download() as started:
        page.keyboard.press("Enter")
    download = started.value
    assert download.suggested_filename == (
        f"landvorteil-daten-{timezone.localdate().isoformat()}.zip"
    )
    with open(download.path(), "rb") as file, zipfile.ZipFile(io.BytesIO(file.read())) as archive:
        data = json.loads(archive.read("data.json"))
    assert data["account"][0]["email"] == "daten@example.org"
    assert [p["title"] for p in data["proposals"]] == ["Ein Dorfladen für alle"]
    assert DataExport.objects.get(user=resident).downloaded_at is not None

    # Used once: the page offers a new one, and the old link is gone.
    page.goto(base + account, wait_until="networkidle")
    assert page.locator("#data-export a[rel=nofollow]").count() == 0
    assert page.locator("#data-export form button").count() == 1
    axe_check(page)
