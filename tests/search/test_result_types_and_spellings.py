"""What readers see of the kinds of results (facets and labels in their language, never the
internal page types) and that every spelling of an umlaut finds the same, on SQLite and on
PostgreSQL alike."""

import re

import pytest

from participation import services
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import main_of, translate
from tests.home.factories import (
    StoryIndexPageFactory,
    StoryPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
)
from tests.search.test_search import (
    propose,
    publish,
    search,
    standard,
    suggest_url,
    titles,
)
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory

pytestmark = pytest.mark.django_db

INTERNAL_NAMES = ("Startseite", "Standardseite", "Themenseite", "Home page", "Standard page")


def facets(response):
    """{label: count} of the type filter."""
    nav = main_of(response).split('id="search-filter-type"', 1)[1].split("</ul>", 1)[0]
    return {
        label.strip(): int(count)
        for label, count in re.findall(r'<a href="[^"]*"[^>]*>([^<]+)<span[^>]*>\((\d+)\)', nav)
    }


@pytest.fixture
def home(site_homes):
    return site_homes[0]


@pytest.fixture
def field(db):
    return FieldOfActionFactory(name="Mobilität", slug="mobilitaet")


@pytest.fixture
def process(home, field):
    index = publish(ProcessIndexPageFactory(parent=home, title="Beteiligung"))
    return publish(ProcessPageFactory(parent=index, title="Region 2040", fields_of_action=[field]))


def result_types(response):
    return re.findall(r'<span class="search-result__type">([^<]*)</span>', main_of(response))


@pytest.fixture
def kinds(home, process, field, locale_en):
    """One of each kind, all about the "Scheune", in German and (pages) in English."""
    page = standard(home, "Scheune am Markt", intro="Die Scheune wird Treffpunkt.")
    topics = publish(TopicIndexPageFactory(parent=home))
    topic = publish(
        TopicPageFactory(parent=topics, title="Scheune und Dorf", field_of_action=field)
    )
    stories = publish(StoryIndexPageFactory(parent=home, title="Geschichten", slug="geschichten"))
    story = publish(StoryPageFactory(parent=stories, title="Eine Scheune erzählt"))
    proposal = propose(process, field, "Scheune als Dorfbüro")
    services.create_comment(UserFactory(), proposal, "Die Scheune hat schon Strom.")
    translate(page, locale_en, title="Barn (Scheune) at the market", intro="A meeting place.")
    translate(topic, locale_en, title="Scheune and village")
    translate(story, locale_en, title="A Scheune tells its story")
    translate(process, locale_en, title="Region 2040")
    return page, topic, story, proposal


def test_facets_and_results_name_the_kinds_readers_know_in_german(client, kinds):
    response = search(client, "Scheune")
    assert facets(response) == {
        "Seiten": 1,
        "Handlungsfelder": 1,
        "Geschichten": 1,
        "Vorschläge": 1,
        "Kommentare": 1,
    }
    assert sorted(result_types(response)) == [
        "Geschichte",
        "Handlungsfeld",
        "Kommentar",
        "Seite",
        "Vorschlag",
    ]
    main = main_of(response)
    assert not any(name in main for name in INTERNAL_NAMES)


def test_facets_and_results_name_the_kinds_readers_know_in_english(client, kinds):
    response = search(client, "Scheune", "en")
    assert facets(response) == {
        "Pages": 1,
        "Fields of action": 1,
        "Stories": 1,
        "Proposals": 1,
        "Comments": 1,
    }
    assert sorted(result_types(response)) == [
        "Comment",
        "Field of action",
        "Page",
        "Proposal",
        "Story",
    ]
    assert not any(name in main_of(response) for name in INTERNAL_NAMES)


def test_the_pages_filter_keeps_the_pages_without_a_kind_of_their_own(client, kinds):
    assert titles(search(client, "Scheune", type="pages")) == ["Scheune am Markt"]
    assert titles(search(client, "Scheune", type="fields")) == ["Scheune und Dorf"]
    assert titles(search(client, "Scheune", type="stories")) == ["Eine Scheune erzählt"]
    only_proposals = search(client, "Scheune", type="proposals")
    assert titles(only_proposals) == ["Scheune als Dorfbüro"]
    # The other kinds still offer themselves with what they would find.
    assert facets(only_proposals)["Seiten"] == 1
    assert 'aria-current="true">Vorschläge' in main_of(only_proposals)


def test_the_old_type_values_are_ignored(client, kinds):
    assert len(titles(search(client, "Scheune", type="home.standardpage"))) == 5


@pytest.mark.parametrize(
    ("typed", "other"),
    [("gruendung", "Gründung"), ("Luebeck", "Lübeck"), ("Strasse", "Straße")],
)
def test_every_umlaut_spelling_finds_the_same(client, home, typed, other):
    # Text is written both ways: tags and addresses spell umlauts out, prose uses them.
    standard(home, "Von der Idee zur Gründung", intro="Beratung in Lübeck, Große Straße 3.")
    standard(home, "Stammtisch", intro="Schlagworte: gruendung luebeck strasse")
    standard(home, "Werft", intro="Gründungswerft an der Lübecker Strassenecke")
    standard(home, "Anderes", intro="Nichts davon.")
    first, second = search(client, typed), search(client, other)
    assert sorted(titles(first)) == sorted(titles(second))
    assert len(titles(first)) == 3
    assert facets(first) == facets(second)


def test_suggestions_are_the_same_for_every_umlaut_spelling(client, home):
    standard(home, "Gruendungsstammtisch Rehna")
    standard(home, "Gründungsberatung Wismar")
    typed = client.get(suggest_url(), {"q": "gruend"}).json()["results"]
    other = client.get(suggest_url(), {"q": "gründ"}).json()["results"]
    assert sorted(item["title"] for item in typed) == sorted(item["title"] for item in other)
    assert len(typed) == 2
    assert {item["type"] for item in typed} == {"Seite"}
