"""Editors translate pages with wagtail-localize."""

from django.urls import reverse

from wagtail.models import Locale, Page

import pytest

from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_editor_translates_a_page_with_wagtail_localize(client, home_de):
    page = StandardPageFactory(parent=home_de, slug="werkstatt", title="Offene Werkstatt")
    client.login(email="admin@example.org", password="landvorteil-demo")
    english = Locale.objects.get(language_code="en")

    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [english.pk]},
    )
    assert response.status_code == 302

    translation = Page.objects.get(translation_key=page.translation_key, locale=english)
    assert translation.slug == "werkstatt", "the slug is synchronised"
    assert translation.get_parent().specific.locale == english
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[translation.pk]))
    assert editor.status_code == 200
    assert "Offene Werkstatt" in editor.content.decode()
