import datetime

import feedparser
import pytest

from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import queries_of, translate
from tests.home.factories import PersonFactory, StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(site_homes):
    home, home_en = site_homes
    index = StoryIndexPageFactory(parent=home, intro="Neues aus der Region")
    founding = FieldOfActionFactory(slug="gruendungen", name="Ländliche Gründungen")
    places = FieldOfActionFactory(slug="innovationsorte", name="Kreativ- und Innovationsorte")
    author = PersonFactory(name="Greta Beispiel", role="Redakteurin")
    first = StoryPageFactory(
        parent=index,
        title="Coworking im Dorf",
        date=datetime.date(2026, 10, 1),
        fields_of_action=[places],
        authors=[author],
        tags=["coworking"],
    )
    second = StoryPageFactory(
        parent=index,
        title="Gründen in Grevesmühlen",
        date=datetime.date(2026, 11, 1),
        fields_of_action=[founding],
    )
    return {"home": home, "home_en": home_en, "index": index, "first": first, "second": second}


def test_index_lists_newest_first_with_fields_of_action(client, stories):
    html = client.get(stories["index"].url).content.decode()
    assert html.index("Gründen in Grevesmühlen") < html.index("Coworking im Dorf")
    assert "Kreativ- und Innovationsorte" in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?field=innovationsorte", "Coworking im Dorf", "Gründen in Grevesmühlen"),
        ("?field=gruendungen", "Gründen in Grevesmühlen", "Coworking im Dorf"),
        ("?tag=coworking", "Coworking im Dorf", "Gründen in Grevesmühlen"),
    ],
)
def test_index_filters_by_field_of_action_and_tag(client, stories, query, shown, hidden):
    html = client.get(stories["index"].url + query).content.decode()
    assert shown in html
    assert f">{hidden}<" not in html


@pytest.mark.parametrize(
    "query",
    ["?field=unknown", "?field=%00", "?tag=<script>", "?page=abc", "?page=999", "?page=-1"],
)
def test_invalid_filters_give_a_normal_page(client, stories, query):
    response = client.get(stories["index"].url + query)
    assert response.status_code == 200
    assert b"<script>" not in response.content


def test_story_page_shows_authors_tags_and_hero_alt(client, stories):
    html = client.get(stories["first"].url).content.decode()
    assert "Greta Beispiel" in html
    assert "Redakteurin" in html
    assert "?tag=coworking" in html
    assert "2026" in html


def test_story_renders_in_english_with_translated_author_role(client, stories, locale_en):
    index_en = translate(stories["index"], locale_en, title="Stories")
    author = stories["first"].authors.first()
    author_en = author.copy_for_translation(locale_en)
    author_en.role = "Editor"
    author_en.save()
    story_en = translate(stories["first"], locale_en, title="Coworking in the village")
    response = client.get(story_en.url)
    html = response.content.decode()
    assert story_en.url.startswith("/en/")
    assert '<html lang="en">' in html
    assert "Coworking in the village" in html
    assert "Editor" in html
    assert "Stories" in client.get(index_en.url).content.decode()


@pytest.mark.parametrize("route", ["feed/", "feed/atom/"])
def test_feeds_parse_and_escape(client, stories, route):
    story = stories["second"]
    story.title = 'Kosten & Nutzen <b>"fett"</b>'
    story.intro = "Ein Text mit <script>alert(1)</script> & Sonder\x0bzeichen aus Word"
    story.save_revision().publish()
    response = client.get(stories["index"].url + route)
    assert response.status_code == 200
    assert b"<script>" not in response.content
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    titles = [entry.title for entry in feed.entries]
    assert titles[0] == 'Kosten & Nutzen <b>"fett"</b>'
    assert "Coworking im Dorf" in titles
    assert feed.entries[0].link.endswith(story.url)
    assert feed.feed.language == "de"


def test_feed_per_language(client, stories, locale_en):
    index_en = translate(stories["index"], locale_en, title="Stories")
    translate(stories["first"], locale_en, title="Coworking in the village")
    feed = feedparser.parse(client.get(index_en.url + "feed/").content)
    assert [entry.title for entry in feed.entries] == ["Coworking in the village"]
    assert feed.feed.language == "en"


def test_index_links_to_its_feeds(client, stories):
    html = client.get(stories["index"].url).content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'type="application/atom+xml"' in html


def count_queries(client, url):
    response, queries = queries_of(client, url)
    assert response.status_code == 200
    return len(queries)


def test_index_query_count_does_not_grow_with_stories(client, stories):
    index = stories["index"]
    fields = [FieldOfActionFactory(slug=f"feld-{n}") for n in range(3)]

    def add(count):
        for _ in range(count):
            story = StoryPageFactory(parent=index, fields_of_action=fields, tags=["a", "b"])
            story.save()

    add(8)
    few = count_queries(client, index.url)
    add(190)
    many = count_queries(client, index.url)
    assert many == few


@pytest.mark.parametrize("route", ["", "feed/", "feed/atom/"])
def test_routes_of_routable_pages_get_the_cache_headers(client, stories, route):
    url = stories["index"].url + route
    response = client.get(url)
    assert "public" in response["Cache-Control"] and "s-maxage=60" in response["Cache-Control"]
    # The language is in the address: the copy is the same whatever the browser prefers.
    assert response["Vary"] == "Cookie"
    client.force_login(UserFactory())
    response = client.get(url)
    assert "private" in response["Cache-Control"]


def test_an_unknown_filter_value_is_explained_next_to_its_field(client, stories):
    html = client.get(stories["index"].url + "?field=unbekannt").content.decode()
    assert 'aria-describedby="id_field-error"' in html
    assert 'id="id_field-error"' in html
