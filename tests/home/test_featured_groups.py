"""The home page shows up to three action groups editors featured, never hidden or pending
ones, with a link to the overview."""

from django.urls import reverse

import pytest

from tests.conftest import main_of, queries_of
from tests.participation.factories import ActionGroupFactory

pytestmark = pytest.mark.django_db


def groups_section(html):
    if 'id="home-groups-heading"' not in html:
        return ""
    return html.split('id="home-groups-heading"', 1)[1].split("</section>", 1)[0]


def test_home_page_shows_up_to_three_featured_groups_and_links_the_overview(client, site_homes):
    featured = [ActionGroupFactory(name=f"Gezeigt {n}", featured=True) for n in range(4)]
    ActionGroupFactory(name="Nicht ausgewählt")

    html = groups_section(main_of(client.get("/de/")))
    shown = [group for group in featured if group.name in html]
    assert len(shown) == 3
    assert featured[0].name not in html  # the oldest of four gives way
    assert f'href="{featured[3].get_url()}"' in html
    assert "Nicht ausgewählt" not in html
    assert f'href="{reverse("participation:groups")}"' in html


@pytest.mark.parametrize("moderation", ["hidden", "pending"])
def test_hidden_and_pending_groups_are_absent_even_if_featured(client, site_homes, moderation):
    ActionGroupFactory(name="Sichtbar", featured=True)
    ActionGroupFactory(name="Verborgen", featured=True, moderation=moderation)
    html = main_of(client.get("/de/"))
    assert "Sichtbar" in groups_section(html)
    assert "Verborgen" not in html


def test_without_featured_groups_there_is_no_section(client, site_homes):
    ActionGroupFactory(name="Nicht ausgewählt")
    assert 'id="home-groups-heading"' not in client.get("/de/").content.decode()


def test_featured_groups_cost_the_same_queries_for_one_and_three(client, site_homes):
    ActionGroupFactory(featured=True)
    _response, one = queries_of(client, "/de/")
    ActionGroupFactory(featured=True)
    ActionGroupFactory(featured=True)
    response, three = queries_of(client, "/de/")
    assert groups_section(main_of(response)).count('class="home-group"') == 3
    assert len(three) == len(one)
