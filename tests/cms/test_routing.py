"""How a request finds its page (``BasePage.route``: the whole path in two queries), who may see
it (view restrictions of the page and its ancestors), and the cached frame parts that follow
edits (breadcrumbs, language alternates, field-of-action labels)."""

from wagtail.models import PageViewRestriction

import pytest

from tests.cms.factories import FieldOfActionFactory
from tests.home.factories import StandardPageFactory, StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(site_homes):
    """Start › Über uns › Team › Mitglieder, and Start › Geschichten › one story."""
    home, _home_en = site_homes
    about = StandardPageFactory(parent=home, title="Über uns", slug="ueber-uns")
    team = StandardPageFactory(parent=about, title="Team", slug="team")
    members = StandardPageFactory(parent=team, title="Mitglieder", slug="mitglieder")
    stories = StoryIndexPageFactory(parent=home)
    story = StoryPageFactory(parent=stories, title="Eine Geschichte", slug="eine-geschichte")
    return {"about": about, "team": team, "members": members, "stories": stories, "story": story}


def test_pages_at_every_depth_are_found(client, tree):
    for path, title in [
        ("/de/ueber-uns/", "Über uns"),
        ("/de/ueber-uns/team/", "Team"),
        ("/de/ueber-uns/team/mitglieder/", "Mitglieder"),
        ("/de/geschichten/eine-geschichte/", "Eine Geschichte"),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.context["page"].title == title


@pytest.mark.parametrize(
    "path",
    [
        "/de/gibt-es-nicht/",
        "/de/ueber-uns/gibt-es-nicht/",
        "/de/ueber-uns/team/mitglieder/noch-tiefer/",
        # The slug exists, but below another parent.
        "/de/team/",
        "/de/geschichten/eine-geschichte/feed/",
    ],
)
def test_paths_without_a_page_are_not_found(client, tree, path):
    assert client.get(path).status_code == 404


def test_routing_costs_the_same_at_every_depth(client, tree, django_assert_max_num_queries):
    def queries(path):
        client.get(path)  # warm the frame cache
        with django_assert_max_num_queries(100) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    assert queries("/de/ueber-uns/") == queries("/de/ueber-uns/team/mitglieder/")


def test_an_unpublished_page_is_not_found_but_its_published_children_are(client, tree):
    # As in Wagtail: a draft section does not hide the live pages below it.
    tree["team"].unpublish()
    assert client.get("/de/ueber-uns/team/").status_code == 404
    assert client.get("/de/ueber-uns/team/mitglieder/").status_code == 200


def test_a_page_route_wins_over_a_child_page_with_the_same_slug(client, tree):
    # The story index serves its feed at feed/; a story with that slug cannot take it over,
    # exactly as when Wagtail walks the tree level by level.
    StoryPageFactory(parent=tree["stories"], title="Futter", slug="feed")
    response = client.get("/de/geschichten/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")


def test_a_restricted_section_protects_the_pages_below_it(client, tree):
    PageViewRestriction.objects.create(
        page=tree["about"], restriction_type=PageViewRestriction.LOGIN
    )
    for path in ("/de/ueber-uns/", "/de/ueber-uns/team/mitglieder/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert "login" in response["Location"]
    response = client.get("/de/geschichten/eine-geschichte/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]


def test_a_password_on_the_page_itself_is_asked_for_and_never_cached(client, tree):
    PageViewRestriction.objects.create(
        page=tree["members"], restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    response = client.get("/de/ueber-uns/team/mitglieder/")
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert "public" not in response.get("Cache-Control", "")
    assert client.get("/de/ueber-uns/team/").status_code == 200


def test_breadcrumbs_follow_a_renamed_ancestor(client, tree):
    path = "/de/ueber-uns/team/mitglieder/"
    assert "Über uns" in client.get(path).content.decode()
    about = tree["about"]
    about.title = "Wer wir sind"
    about.save_revision().publish()
    html = client.get(path).content.decode()
    assert "Wer wir sind" in html
    assert "Über uns" not in html


def test_language_alternates_follow_a_published_translation(client, tree, site_homes):
    _home, home_en = site_homes
    path = "/de/ueber-uns/"
    alternate = '<link rel="alternate" hreflang="en" href="http://localhost/en/ueber-uns/">'
    assert alternate not in client.get(path).content.decode()
    about_en = tree["about"].copy_for_translation(home_en.locale, copy_parents=True)
    about_en.title = "About us"
    about_en.save_revision().publish()
    assert alternate in client.get(path).content.decode()


def test_field_of_action_labels_follow_a_rename(client, tree):
    field = FieldOfActionFactory(name="Kreativorte", slug="kreativorte")
    story = tree["story"]
    story.fields_of_action.add(field)
    story.save_revision().publish()
    assert "Kreativorte" in client.get("/de/geschichten/").content.decode()
    field.name = "Kreativ- und Innovationsorte"
    field.save()
    assert "Kreativ- und Innovationsorte" in client.get("/de/geschichten/").content.decode()


def test_the_site_comes_from_the_cache_and_follows_changes(client, tree):
    from wagtail.models import Site

    from tests.conftest import queries_of

    response, queries = queries_of(client, "/de/ueber-uns/")
    assert response.status_code == 200
    assert not [query for query in queries if "wagtailcore_site" in query["sql"]]
    site = Site.objects.get()
    site.hostname, site.is_default_site = "anderswo.example", False
    site.save()
    # Without a site for this host name there is no page here any more.
    assert client.get("/de/ueber-uns/").status_code == 404
