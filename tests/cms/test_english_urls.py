"""English pages read English addresses (issue 20.3): the demo's English slugs, the permanent
redirects from the German-slug addresses (Wagtail's redirects), the redirects Wagtail adds when
an editor renames a published English page, and the slug as a field translators translate."""

import io

from django.core.management import call_command

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

import pytest

from demo.content import stories
from demo.loaders.addresses import english_slugs
from tests.conftest import page_in

pytestmark = pytest.mark.django_db

STORY = stories.STORIES[0]
ENGLISH_PAGES = [
    "/en/stories/",
    "/en/places/",
    "/en/events/",
    "/en/participation/",
    "/en/visions/",
    "/en/topics/",
    "/en/learning-paths/",
    "/en/about-the-alliance/",
    "/en/imprint/",
    "/en/privacy/",
    "/en/accessibility/",
    f"/en/stories/{STORY['en']['slug']}/",
    "/en/topics/start-ups/",
    "/en/places/village-office-gadebusch/",
    "/en/learning-paths/from-an-idea-to-a-rural-start-up/",
    "/en/participation/a-region-fit-for-our-grandchildren-2040/",
    "/en/visions/a-village-office-in-the-community-hall/",
]
OLD_ADDRESSES = {
    "/en/geschichten/": "/en/stories/",
    f"/en/geschichten/{STORY['slug']}/": f"/en/stories/{STORY['en']['slug']}/",
    "/en/orte/dorfbuero-gadebusch/": "/en/places/village-office-gadebusch/",
    "/en/veranstaltungen/": "/en/events/",
    "/en/beteiligung/enkeltaugliche-region-2040/": (
        "/en/participation/a-region-fit-for-our-grandchildren-2040/"
    ),
    "/en/ueber-das-buendnis/": "/en/about-the-alliance/",
}


def test_the_demo_names_an_english_slug_for_each_german_one_once():
    slugs = english_slugs()
    assert slugs["geschichten"] == "stories" and slugs["beteiligung"] == "participation"
    assert all(german != english for german, english in slugs.items())


@pytest.mark.parametrize("path", ENGLISH_PAGES)
def test_the_demos_english_pages_have_english_addresses(client, demo, path):
    response = client.get(path)
    assert response.status_code == 200
    assert Page.objects.get(url_path__endswith=path.removeprefix("/en"), locale__language_code="en")


@pytest.mark.parametrize(("old", "new"), sorted(OLD_ADDRESSES.items()))
def test_the_german_slug_addresses_of_english_pages_redirect_permanently(client, demo, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"].removeprefix("http://localhost") == new
    redirect = Redirect.objects.get(old_path=Redirect.normalise_path(old))
    assert redirect.is_permanent and redirect.site_id == demo.pk
    assert redirect.redirect_page.url == new


def test_a_demo_loaded_before_english_slugs_gets_them_and_the_redirects(demo, client):
    index = page_in("en", "stories")
    index.slug = "geschichten"
    index.save_revision().publish()
    Redirect.objects.all().delete()
    assert client.get("/en/stories/").status_code != 200

    call_command("load_vision_demo", stdout=io.StringIO())

    index.refresh_from_db()
    assert index.slug == "stories" and index.live
    assert client.get("/en/stories/").status_code == 200
    old = f"/en/geschichten/{STORY['slug']}/"
    assert client.get(old)["Location"].endswith(f"/en/stories/{STORY['en']['slug']}/")
