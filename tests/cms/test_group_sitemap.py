"""sitemap.xml lists the pages of the action groups everybody may read, in both languages with
their alternates; waiting and hidden groups are never listed, and the sitemap costs the same
queries for 5 and for 50 groups."""

import xml.etree.ElementTree as ET

from django.urls import reverse
from django.utils import translation

import pytest

from participation import services
from participation.models import ActionGroup
from participation.sitemaps import ActionGroupSitemap
from tests.cms.factories import UserFactory
from tests.conftest import queries_of
from tests.participation.factories import ActionGroupFactory

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def address(group, language):
    with translation.override(language):
        return "http://localhost" + reverse("participation:group", kwargs={"pk": group.pk})


def test_readable_groups_are_listed_in_both_languages_with_alternates(client, site_homes):
    group = ActionGroupFactory()
    found = entries(client)
    de, en = address(group, "de"), address(group, "en")
    assert de.startswith("http://localhost/de/") and en.startswith("http://localhost/en/")
    assert de != en
    assert found[de] == {"de": de, "en": en, "x-default": de}
    assert found[en] == found[de]
    # The pages are still there.
    assert "http://localhost/de/" in found


@pytest.mark.parametrize("state", [ActionGroup.Moderation.PENDING, ActionGroup.Moderation.HIDDEN])
def test_waiting_and_hidden_groups_are_not_listed(client, site_homes, state):
    group = ActionGroupFactory(moderation=state)
    found = entries(client)
    assert address(group, "de") not in found and address(group, "en") not in found


def test_a_group_that_reports_hid_leaves_the_sitemap(client, site_homes, settings):
    settings.PARTICIPATION_REPORT_THRESHOLD = 1
    group = ActionGroupFactory()
    assert address(group, "de") in entries(client)
    services.report(UserFactory(), group, "spam")
    assert address(group, "de") not in entries(client)


def test_the_sitemap_costs_the_same_for_5_and_50_groups(client, site_homes):
    def queries():
        response, captured = queries_of(client, "/sitemap.xml")
        assert response.status_code == 200
        return len(captured)

    ActionGroupFactory.create_batch(5)
    few = queries()
    ActionGroupFactory.create_batch(45)
    assert queries() == few
    assert len([e for e in entries(client) if "/de/" in e and e.rstrip("/")[-1].isdigit()]) == 50


def test_the_sitemap_class_lists_readable_groups_only(site_homes):
    shown = ActionGroupFactory()
    ActionGroupFactory(moderation=ActionGroup.Moderation.HIDDEN)
    assert list(ActionGroupSitemap().items()) == [shown]
