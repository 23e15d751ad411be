"""Topic pages, navigation, breadcrumbs, SEO data, sitemap.xml and robots.txt."""

import datetime
import xml.etree.ElementTree as ET

from django.utils import timezone

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

import pytest

from cms.models import NavigationSettings
from home.models import (
    EventIndexPage,
    EventPage,
    PlaceIndexPage,
    PlacePage,
    StoryIndexPage,
    StoryPage,
)
from tests.cms.factories import FieldOfActionFactory
from tests.conftest import main_of, queries_of, translate
from tests.home.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    PlaceIndexPageFactory,
    PlacePageFactory,
    StandardPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
)

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def topic(site_homes):
    home, _ = site_homes
    field = FieldOfActionFactory(slug="innovationsorte", name="Kreativ- und Innovationsorte")
    other = FieldOfActionFactory(slug="verwaltung", name="Innovative Verwaltung")
    overview = TopicIndexPageFactory(parent=home)
    topic = TopicPageFactory(parent=overview, title="Orte", field_of_action=field)
    stories = StoryIndexPageFactory(parent=home)
    events = EventIndexPageFactory(parent=home)
    places = PlaceIndexPageFactory(parent=home)
    StoryPageFactory(parent=stories, title="Neue Werkstatt", fields_of_action=[field])
    StoryPageFactory(parent=stories, title="Digitales Amt", fields_of_action=[other])
    EventPageFactory(parent=events, title="Offene Werkstatt", fields_of_action=[field])
    past_start = timezone.now() - datetime.timedelta(days=30)
    EventPageFactory(
        parent=events,
        title="Vergangenes Treffen",
        fields_of_action=[field],
        start=past_start,
        end=past_start + datetime.timedelta(hours=2),
    )
    PlacePageFactory(parent=places, title="Makerspace Mölln", fields_of_action=[field])
    PlacePageFactory(parent=places, title="Rathaus-Labor", fields_of_action=[other])
    return {"home": home, "overview": overview, "topic": topic, "field": field}


def test_topic_page_lists_newest_stories_upcoming_events_and_places_of_its_field(client, topic):
    html = client.get(topic["topic"].url).content.decode()
    assert "Neue Werkstatt" in html
    assert "Offene Werkstatt" in html
    assert "Makerspace Mölln" in html
    for other in ["Digitales Amt", "Rathaus-Labor", "Vergangenes Treffen"]:
        assert other not in html
    assert "?field=innovationsorte" in html


def test_topic_overview_lists_topics(client, topic):
    html = client.get(topic["overview"].url).content.decode()
    assert topic["topic"].url in html
    assert "topic-card--green" in html


def test_topic_page_in_english_uses_translated_field_names(client, topic, locale_en):
    field_en = topic["field"].copy_for_translation(locale_en)
    field_en.name = "Creative and innovation places"
    field_en.save()
    translate(topic["overview"], locale_en, title="Fields of action")
    topic_en = translate(topic["topic"], locale_en, title="Places")
    story = StoryPage.objects.get(title="Neue Werkstatt")
    translate(story, locale_en, title="New workshop")
    response = client.get(topic_en.url)
    assert response.status_code == 200
    assert topic_en.url.startswith("/en/")
    main = main_of(response)
    # The English story, labelled with the English name of its field of action.
    assert "New workshop" in main and "Neue Werkstatt" not in main
    assert '">Creative and innovation places</li>' in main
    assert "Kreativ- und Innovationsorte" not in main
    # The German page keeps the German name.
    german = main_of(client.get(topic["topic"].url))
    assert '">Kreativ- und Innovationsorte</li>' in german
    assert "Creative and innovation places" not in german


def test_topic_page_query_count_does_not_grow(client, topic):
    def queries():
        response, captured = queries_of(client, topic["topic"].url)
        assert response.status_code == 200
        return len(captured)

    few = queries()
    index = StoryIndexPage.objects.get()
    for _ in range(30):
        StoryPageFactory(parent=index, fields_of_action=[topic["field"]])
    assert queries() == few


def test_main_navigation_comes_from_the_navigation_setting(client, site_homes, locale_en):
    home, _ = site_homes
    about = StandardPageFactory(parent=home, title="Über uns", show_in_menus=True)
    stories = StoryIndexPageFactory(parent=home, title="Geschichten")
    translate(stories, locale_en, title="Stories")
    settings = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    settings.main_menu = [("page", stories)]
    settings.save()
    html = client.get("/de/").content.decode()
    nav = html[html.index('class="main-nav"') :]
    nav = nav[: nav.index("</nav>")]
    assert "Geschichten" in nav
    assert about.title not in nav
    nav_en = client.get("/en/").content.decode()
    assert ">Stories<" in nav_en


def test_navigation_falls_back_to_pages_shown_in_menus(client, site_homes):
    home, _ = site_homes
    StandardPageFactory(parent=home, title="Über uns", show_in_menus=True)
    html = client.get("/de/").content.decode()
    assert ">Über uns<" in html


def test_breadcrumbs_lead_from_home_to_the_page(client, topic):
    html = client.get(topic["topic"].url).content.decode()
    crumbs = html[html.index('class="breadcrumbs') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert crumbs.index("Start") < crumbs.index("Handlungsfelder") < crumbs.index("Orte")
    assert 'aria-current="page"' in crumbs


def test_seo_title_description_canonical_alternates_and_open_graph(client, topic, locale_en):
    page = topic["topic"]
    image = Image.objects.create(title="Werkstatt", file=get_test_image_file())
    page.seo_title = "Kreativorte in der Region"
    page.search_description = "Wo in der Region gemacht und getüftelt wird."
    page.social_image = image
    page.save_revision().publish()
    translate(topic["overview"], locale_en, title="Fields of action")
    page_en = translate(page, locale_en, title="Places")
    html = client.get(page.url).content.decode()
    assert "<title>Kreativorte in der Region – LANDVORTEIL</title>" in html
    assert '<meta name="description" content="Wo in der Region gemacht' in html
    assert f'<link rel="canonical" href="http://localhost{page.url}">' in html
    assert f'hreflang="en" href="http://localhost{page_en.url}"' in html
    assert 'hreflang="x-default"' in html
    assert '<meta property="og:image" content="http://testserver/' in html
    assert '<meta property="og:title" content="Kreativorte in der Region">' in html


def test_sitemap_lists_every_page_in_both_languages_with_alternates(client, topic, locale_en):
    hidden = StandardPageFactory(parent=topic["home"], title="Entwurf", live=False)
    overview_en = translate(topic["overview"], locale_en, title="Fields of action")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }
    assert "http://localhost/de/" in entries
    assert "http://localhost/en/" in entries
    for page in topic["home"].get_descendants().live():
        assert f"http://localhost{page.url}" in entries
    assert f"http://localhost{hidden.url}" not in entries
    de_url = f"http://localhost{topic['overview'].url}"
    en_url = f"http://localhost{overview_en.url}"
    assert entries[de_url] == {"de": de_url, "en": en_url, "x-default": de_url}
    assert entries[en_url]["de"] == de_url


def test_sitemap_query_count_does_not_grow(client, site_homes):
    home, _ = site_homes

    def queries():
        response, captured = queries_of(client, "/sitemap.xml")
        assert response.status_code == 200
        return len(captured)

    StandardPageFactory(parent=home)
    few = queries()
    for _ in range(40):
        StandardPageFactory(parent=home)
    assert queries() == few


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client, site_homes):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_topic_overview_query_count_does_not_grow(client, topic):
    overview = topic["overview"]

    def queries():
        response, captured = queries_of(client, overview.url)
        assert response.status_code == 200
        return len(captured)

    few = queries()
    for number in range(10):
        field = FieldOfActionFactory(slug=f"thema-{number}")
        TopicPageFactory(parent=overview, field_of_action=field)
    assert queries() == few


def test_english_pages_show_events_at_a_place_and_filter_by_it(client, topic, locale_en):
    """Translated events keep pointing at the original place; English pages still find them."""
    event = EventPage.objects.get(title="Offene Werkstatt")
    place = PlacePage.objects.get(title="Makerspace Mölln")
    event.place = place
    event.save_revision().publish()
    events_en = translate(EventIndexPage.objects.get(), locale_en, title="Events")
    translate(event, locale_en, title="Open workshop")
    translate(PlaceIndexPage.objects.get(), locale_en, title="Places")
    place_en = translate(place, locale_en, title="Makerspace Moelln")

    assert "Open workshop" in client.get(place_en.url).content.decode()
    html = client.get(events_en.url).content.decode()
    assert f'<option value="{place.slug}">Makerspace Moelln</option>' in html
    filtered = client.get(f"{events_en.url}?place={place.slug}").content.decode()
    assert "Open workshop" in filtered


def test_a_place_being_created_has_no_events_yet():
    assert PlacePage(title="Neu").upcoming_events() == []
