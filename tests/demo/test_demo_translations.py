"""The demo's translation states: one outdated English story, German-only stories to translate."""

import io

from django.core.management import call_command
from django.urls import reverse

from cms import translation_status
from cms.roles import EDITORS
from demo.loaders.translations import OUTDATED_STORY
from home.models import StoryPage
from tests.cms.factories import UserFactory


def test_the_demo_shows_an_outdated_and_a_missing_translation(demo, client):
    german = StoryPage.objects.get(locale__language_code="de", slug=OUTDATED_STORY)
    [english] = translation_status.statuses([german])[german.translation_key]
    assert english.state == translation_status.OUTDATED
    german_only = StoryPage.objects.filter(locale__language_code="de").exclude(
        translation_key__in=StoryPage.objects.filter(locale__language_code="en").values(
            "translation_key"
        )
    )
    [row] = translation_status.statuses([german_only.first()])[german_only.first().translation_key]
    assert row.state == translation_status.MISSING
    client.force_login(UserFactory(email="editor@example.org", group=EDITORS))
    html = client.get(reverse("cms_translations:outdated")).content.decode()
    assert english.page.title in html


def test_the_demo_translation_states_are_idempotent(demo):
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert "outdated translations" not in out.getvalue()
