"""The slug is translated (issue 20.3): translators and editors give an English page its own
slug; a slug a sibling has is refused or numbered; renaming a published English page redirects
its old address and its descendants' (Wagtail's automatic redirects); filters that name pages by
slug find them by the slug of the reader's language."""

from django.core.exceptions import ValidationError

from wagtail.coreutils import find_available_slug
from wagtail_localize.fields import TranslatableField, get_translatable_fields
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

import pytest

from home.models import EventIndexPage, PlacePage, StoryIndexPage, StoryPage
from tests.conftest import translate
from tests.home.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    PlaceIndexPageFactory,
    PlacePageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)

pytestmark = pytest.mark.django_db


def test_the_slug_is_translated_in_the_translation_editor(english_story):
    fields = {field.field_name: field for field in get_translatable_fields(StoryPage)}
    assert isinstance(fields["slug"], TranslatableField)
    # The translation editor shows it as a string to translate, like the title.
    german = StoryPage.objects.get(slug="dorfladen")
    segments = {segment.path: segment for segment in extract_segments(german)}
    assert isinstance(segments["slug"], StringSegmentValue)
    assert segments["slug"].render_text() == "dorfladen"


@pytest.fixture
def english_story(site_homes):
    home_de, _home_en = site_homes
    index = StoryIndexPageFactory(parent=home_de, slug="geschichten")
    story = StoryPageFactory(parent=index, slug="dorfladen")
    english_index = translate(index, _home_en.locale, title="Stories", slug="stories")
    translate(story, english_index.locale, title="Village shop", slug="village-shop")
    return StoryIndexPage.objects.get(pk=english_index.pk)


def test_renaming_a_published_english_page_redirects_it_and_its_descendants(
    client, english_story, django_capture_on_commit_callbacks
):
    assert client.get("/en/stories/village-shop/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        english_story.slug = "news"
        english_story.save_revision().publish()

    assert client.get("/en/news/village-shop/").status_code == 200
    for old, new in [
        ("/en/stories/", "/en/news/"),
        ("/en/stories/village-shop/", "/en/news/village-shop/"),
    ]:
        response = client.get(old)
        assert response.status_code == 301
        assert response["Location"].removeprefix("http://localhost") == new


def test_a_slug_an_english_sibling_has_is_refused_in_the_editor_and_numbered_by_localize(
    english_story,
):
    clash = StoryPage(title="Clash", slug="village-shop", locale=english_story.locale)
    with pytest.raises(ValidationError):
        english_story.add_child(instance=clash)
    # What wagtail-localize does with a translated slug a sibling already has.
    assert find_available_slug(english_story, "village-shop") == "village-shop-1"


def test_the_event_filter_finds_events_by_the_english_places_slug(client, site_homes):
    home_de, home_en = site_homes
    place = PlacePageFactory(parent=PlaceIndexPageFactory(parent=home_de), slug="dorfbuero")
    index = EventIndexPageFactory(parent=home_de, slug="veranstaltungen")
    event = EventPageFactory(parent=index, place=place, title="Sprechstunde")
    translate(place, home_en.locale, title="Village office", slug="village-office")
    english_index = translate(index, home_en.locale, title="Events", slug="events")
    translate(event, home_en.locale, title="Office hours")
    assert PlacePage.objects.filter(slug="village-office").exists()
    english_index = EventIndexPage.objects.get(pk=english_index.pk)

    html = client.get(f"{english_index.url}?place=village-office").content.decode()
    assert 'value="village-office"' in html
    assert "Office hours" in html
