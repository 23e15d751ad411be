"""English indexes show what exists only in German, labelled, and the reader can hide it."""

import re

from django.utils import translation

import pytest

from tests.conftest import page_in, translation_of


def teasers(html):
    return re.findall(r'<article class="teaser"([^>]*)>(.*?)</article>', html, re.S)


def german_name_in_english():
    with translation.override("en"):
        return str(translation.get_language_info("de")["name_translated"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("index", "german_only_slug"),
    [
        ("/en/geschichten/", "zurueck-aufs-land"),
        ("/en/veranstaltungen/", "scheunenabend-carlow"),
    ],
)
def test_english_index_lists_german_only_items_with_a_label(client, demo, index, german_only_slug):
    german = page_in("de", german_only_slug)
    index_url = translation_of(index.strip("/").split("/")[-1]).get_url()
    html = client.get(index_url).content.decode()
    labelled = [body for attrs, body in teasers(html) if 'lang="de"' in attrs]
    assert any(german.title in body for body in labelled)
    badge = f'<span class="language-badge">{german_name_in_english()}</span>'
    assert all(badge in body for body in labelled)
    assert any(german.get_url() in body for body in labelled)

    only_english = client.get(index_url + "?languages=own").content.decode()
    assert german.get_url() not in only_english
    assert not [attrs for attrs, _body in teasers(only_english) if 'lang="de"' in attrs]


@pytest.mark.django_db
def test_english_event_index_shows_the_past_german_events(client, demo):
    html = client.get(translation_of("veranstaltungen").get_url()).content.decode()
    german = client.get(page_in("de", "veranstaltungen").get_url()).content.decode()
    assert len(teasers(html)) == len(teasers(german))


@pytest.mark.django_db
def test_german_index_has_no_language_filter(client, demo):
    html = client.get(page_in("de", "geschichten").get_url()).content.decode()
    assert 'name="languages"' not in html
    english = client.get(translation_of("geschichten").get_url()).content.decode()
    assert 'name="languages"' in english


@pytest.mark.django_db
@pytest.mark.parametrize("index_slug", ["orte", "handlungsfelder", "beteiligung"])
def test_english_place_topic_and_process_indexes_hide_nothing_german(client, demo, index_slug):
    """Every German child is on the English index: as its translation or, labelled, itself."""
    from wagtail.models import Locale, Page

    german_index = page_in("de", index_slug)
    english_index = german_index.get_translation(Locale.objects.get(language_code="en"))
    html = client.get(english_index.get_url()).content.decode()
    children = Page.objects.child_of(german_index).live().public()
    assert children.exists()
    for child in children:
        translation_ = child.get_translation_or_none(english_index.locale)
        if translation_ is not None and translation_.live:
            assert f'href="{translation_.get_url()}"' in html, translation_.title
        else:
            assert f'href="{child.get_url()}" hreflang="de"' in html, child.title
