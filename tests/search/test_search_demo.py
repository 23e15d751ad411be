"""The site search on the demo content, as people first meet it after `make setup`."""

from django.utils import translation

import pytest

from search.models import SearchDocument
from tests.conftest import main_of
from tests.search.test_search import links, search, titles

pytestmark = pytest.mark.django_db


def test_the_demo_proposals_and_comments_are_found(client, demo):
    # The demo inserts proposals in bulk; the index must have them all the same.
    assert SearchDocument.objects.filter(content_type__model="proposal").exists()
    found = titles(search(client, "Speicher"))
    assert "Coworking im alten Speicher am Hafen" in found
    english = search(client, "Speicher", "en")
    assert "Coworking im alten Speicher am Hafen" in titles(english)
    assert all(link.startswith("/en/") for link in links(english))


def test_the_demo_search_page_in_both_languages(client, demo, django_assert_max_num_queries):
    search(client, "Gründung")
    with django_assert_max_num_queries(8):
        response = search(client, "Gründung")
    assert len(titles(response)) == 10
    with translation.override("en"):
        main = main_of(search(client, "founders", "en"))
    assert "results for “founders”" in main
