"""Vision pages: the index with its filters, and a vision with its origin and updates."""

import datetime
import re
from types import SimpleNamespace

from django.utils import translation
from django.utils.translation import gettext

import pytest

from participation.models import Proposal
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import main_of
from tests.participation.factories import ProposalFactory
from tests.visions.factories import (
    ProcessIndexPageFactory,
    ProcessPageFactory,
    VisionIndexPageFactory,
    VisionPageFactory,
)
from visions.models import VisionPage

pytestmark = pytest.mark.django_db


def listed_titles(response):
    return re.findall(r'class="teaser__title"><a href="[^"]*">([^<]*)</a>', main_of(response))


def in_language(code, text):
    """``text`` (a message or a lazy translation) in the language ``code``."""
    with translation.override(code):
        return gettext(text) if isinstance(text, str) else str(text)


@pytest.fixture
def fields(db):
    return SimpleNamespace(
        nature=FieldOfActionFactory(slug="natur", name="Natur und Landschaft", colour="green"),
        founding=FieldOfActionFactory(slug="gruendungen", name="Ländliche Gründungen"),
    )


@pytest.fixture
def vision_index(site_homes):
    home_de, _home_en = site_homes
    return VisionIndexPageFactory(parent=home_de)


@pytest.fixture
def visions(vision_index, fields):
    return SimpleNamespace(
        meadows=VisionPageFactory(
            parent=vision_index,
            title="Blühende Wegränder",
            status=VisionPage.Status.IN_PROGRESS,
            fields_of_action=[fields.nature],
        ),
        hub=VisionPageFactory(
            parent=vision_index,
            title="Gründungszentrum Rehna",
            status=VisionPage.Status.PLANNED,
            fields_of_action=[fields.founding],
        ),
        moor=VisionPageFactory(
            parent=vision_index,
            title="Moore wiedervernässen",
            status=VisionPage.Status.DONE,
            fields_of_action=[fields.nature],
        ),
    )


def test_index_lists_all_visions_with_status(client, vision_index, visions):
    response = client.get(vision_index.url)
    assert response.status_code == 200
    assert listed_titles(response) == [
        "Blühende Wegränder",
        "Gründungszentrum Rehna",
        "Moore wiedervernässen",
    ]
    page = main_of(response)
    assert in_language("de", VisionPage.Status.IN_PROGRESS.label) in page
    assert "Natur und Landschaft" in page


def test_index_filters_by_field_of_action_and_status(client, vision_index, visions):
    assert listed_titles(client.get(vision_index.url, {"field": "natur"})) == [
        "Blühende Wegränder",
        "Moore wiedervernässen",
    ]
    assert listed_titles(client.get(vision_index.url, {"status": "done"})) == [
        "Moore wiedervernässen"
    ]
    assert (
        listed_titles(client.get(vision_index.url, {"field": "natur", "status": "planned"})) == []
    )
    page = main_of(client.get(vision_index.url, {"field": "natur", "status": "planned"}))
    assert '<label for="id_status">' in page and '<label for="id_field">' in page


@pytest.mark.parametrize("query", [{"status": "lost"}, {"field": "nirgends"}, {"page": "x"}])
def test_index_ignores_invalid_filters(client, vision_index, visions, query):
    response = client.get(vision_index.url, query)
    assert response.status_code == 200
    assert len(listed_titles(response)) == 3


@pytest.fixture
def origin(site_homes, fields):
    home_de, _home_en = site_homes
    process = ProcessPageFactory(parent=ProcessIndexPageFactory(parent=home_de))
    return ProposalFactory(
        process=process,
        title="Wegränder als Blühstreifen",
        author=UserFactory(display_name="Hanna H."),
        field_of_action=fields.nature,
        state=Proposal.State.ACCEPTED,
        support_count=42,
    )


@pytest.fixture
def vision(vision_index, origin, fields):
    return VisionPageFactory(
        parent=vision_index,
        title="Blühende Wegränder",
        intro="Jede Gemeinde mäht spät und sät heimische Blumen.",
        status=VisionPage.Status.IN_PROGRESS,
        origin=origin,
        fields_of_action=[fields.nature],
        updates=[
            {"title": "Erste Flächen gesät", "date": datetime.date(2025, 5, 2)},
            {"title": "Gemeinderäte stimmen zu", "date": datetime.date(2025, 3, 10)},
            {"title": "Kartierung fertig", "date": datetime.date(2025, 9, 20)},
        ],
    )


def test_vision_page_shows_origin_status_and_updates_newest_first(client, vision, origin):
    response = client.get(vision.url)
    assert response.status_code == 200
    page = main_of(response)
    assert "badge--status-in_progress" in page
    assert in_language("de", VisionPage.Status.IN_PROGRESS.label) in page
    origin_section = page.split('id="vision-origin-heading"', 1)[1].split("</section>", 1)[0]
    process = origin.process.specific
    assert f'href="{process.url}vorschlaege/{origin.pk}/"' in origin_section
    assert "Wegränder als Blühstreifen" in origin_section
    assert "Hanna H." in origin_section
    assert re.search(r"\b42\b", origin_section)
    updates = re.findall(r'class="vision-update__title">([^<]*)<', page)
    assert updates == ["Kartierung fertig", "Erste Flächen gesät", "Gemeinderäte stimmen zu"]
    assert 'datetime="2025-09-20"' in page
    assert "<p>Es geht voran.</p>" in page


def test_vision_without_origin_or_updates(client, vision_index):
    vision = VisionPageFactory(parent=vision_index, title="Ohne Herkunft")
    page = main_of(client.get(vision.url))
    assert 'id="vision-origin-heading"' not in page
    assert 'class="vision-update"' not in page
    assert 'id="vision-updates-heading"' in page


def test_hidden_origin_proposal_is_not_shown(client, vision, origin):
    Proposal.objects.filter(pk=origin.pk).update(moderation=Proposal.Moderation.HIDDEN)
    page = main_of(client.get(vision.url))
    assert "Wegränder als Blühstreifen" not in page
    assert 'id="vision-origin-heading"' not in page


def test_vision_renders_in_german_and_english(client, site_homes, vision, vision_index, locale_en):
    german = main_of(client.get(vision.url))
    assert in_language("de", "Implementation updates") in german

    index_en = vision_index.copy_for_translation(locale_en, copy_parents=True).specific
    index_en.title = "Visions"
    index_en.save_revision().publish()
    english = vision.copy_for_translation(locale_en).specific
    english.title, english.intro = "Flowering verges", "Every municipality mows late."
    english.save_revision().publish()
    english.refresh_from_db()

    response = client.get(english.url)
    assert response.status_code == 200
    assert english.url.startswith("/en/")
    page = main_of(response)
    assert "Flowering verges" in page
    assert in_language("en", "Implementation updates") in page
    assert in_language("en", VisionPage.Status.IN_PROGRESS.label) in page
    assert "Kartierung fertig" in page  # updates are copied with the translation
    assert "Wegränder als Blühstreifen" in page  # so is the origin
    assert response.content.decode().startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in response.content.decode()

    listing = client.get(index_en.url)
    assert listing.status_code == 200
    assert listed_titles(listing) == ["Flowering verges"]
