"""Translations go through the editorial approval: creating or syncing never publishes for
editors, a translation with untranslated texts never goes live, "submit for approval" starts the
workflow, outdated translations are found and reported."""

import re

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale, WorkflowState
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

import pytest

from cms import translation_status
from cms.roles import EDITORS, LEAD_EDITORS
from home.models import StoryPage
from tests.cms.factories import UserFactory
from tests.conftest import in_german, make_site_homes
from tests.home.factories import StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    home, _home_en = make_site_homes()
    stories = StoryIndexPageFactory(parent=home)
    story = StoryPageFactory(parent=stories, title="Der Dorfladen", intro="Ein Laden im Dorf.")
    story.save_revision().publish()
    return story


@pytest.fixture
def en():
    return Locale.objects.get(language_code="en")


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """A client whose requests run their on-commit callbacks, as outside a test transaction:
    wagtail-localize publishes in one."""

    class Committing:
        def __getattr__(self, name):
            method = getattr(client, name)
            if name not in ("get", "post"):
                return method

            def call(*args, **kwargs):
                with django_capture_on_commit_callbacks(execute=True):
                    return method(*args, **kwargs)

            return call

    return Committing()


@pytest.fixture
def editor():
    return UserFactory(email="editor@example.org", group=EDITORS)


@pytest.fixture
def lead():
    return UserFactory(email="lead@example.org", group=LEAD_EDITORS)


def translate_form(client, story, en):
    return client.post(
        reverse("wagtail_localize:submit_page_translation", args=[story.id]),
        {"locales": [en.id]},
    )


def english_of(story, en):
    return StoryPage.objects.get(translation_key=story.translation_key, locale=en)


def translate_everything(page):
    """Every text of the wagtail-localize translation of ``page`` translated."""
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=page.locale
    )
    for segment in translation.source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=page.locale,
            context=segment.context,
            defaults={"data": f"EN {segment.string.data}"},
        )
    translation.save_target(publish=False)


@pytest.mark.parametrize("role", [EDITORS, LEAD_EDITORS])
def test_the_translate_form_makes_a_draft_for_everyone(client, story, en, role):
    client.force_login(UserFactory(email="someone@example.org", group=role))
    response = translate_form(client, story, en)
    assert response.status_code == 302
    assert not english_of(story, en).live


def test_the_translate_form_ticks_the_missing_language_with_a_plain_label(
    client, story, en, editor
):
    client.force_login(editor)
    response = client.get(reverse("wagtail_localize:submit_page_translation", args=[story.id]))
    form = response.context["form"]
    assert list(form.initial["locales"]) == [en]
    assert str(form.fields["locales"].label) == in_german("Languages")


def test_an_editor_cannot_publish_through_the_sync_form(client, story, en, editor):
    client.force_login(editor)
    translate_form(client, story, en)
    source = TranslationSource.objects.get(object_id=story.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[source.id])
    assert "publish_translations" not in [
        f.name for f in client.get(url).context["form"].visible_fields()
    ]
    translate_everything(english_of(story, en))
    client.post(url, {"publish_translations": "on"})
    assert not english_of(story, en).live


def test_a_lead_editor_publishes_a_complete_translation_through_the_sync_form(
    client, story, en, lead
):
    client.force_login(lead)
    translate_form(client, story, en)
    translate_everything(english_of(story, en))
    source = TranslationSource.objects.get(object_id=story.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[source.id])
    client.post(url, {"publish_translations": "on"})
    assert english_of(story, en).live


def test_a_lead_editor_cannot_publish_an_incomplete_translation_through_the_sync_form(
    client, story, en, lead
):
    client.force_login(lead)
    translate_form(client, story, en)
    source = TranslationSource.objects.get(object_id=story.translation_key)
    client.post(
        reverse("wagtail_localize:update_translations", args=[source.id]),
        {"publish_translations": "on"},
    )
    assert not english_of(story, en).live


def test_an_editor_cannot_publish_in_the_translation_editor(client, story, en, editor):
    client.force_login(editor)
    translate_form(client, story, en)
    page = english_of(story, en)
    translate_everything(page)
    client.post(reverse("wagtailadmin_pages:edit", args=[page.id]), {"action": "publish"})
    assert not english_of(story, en).live


def test_the_translation_editor_refuses_to_publish_an_incomplete_translation(
    client, story, en, lead
):
    client.force_login(lead)
    translate_form(client, story, en)
    page = english_of(story, en)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.id]), {"action": "publish"}
    )
    assert response.status_code == 302
    assert not english_of(story, en).live
    translate_everything(page)
    client.post(reverse("wagtailadmin_pages:edit", args=[page.id]), {"action": "publish"})
    assert english_of(story, en).live


def test_submit_for_approval_refuses_an_incomplete_translation(client, story, en, editor):
    client.force_login(editor)
    translate_form(client, story, en)
    page = english_of(story, en)
    url = reverse("cms_translations:submit_for_approval", args=[page.id])
    response = client.post(url, follow=True)
    assert not WorkflowState.objects.filter(object_id=str(page.id)).exists()
    messages = [str(m) for m in response.context["messages"]]
    total = TranslationSource.objects.get(object_id=story.translation_key).stringsegment_set.count()
    expected = in_german(translation_status.INCOMPLETE_MESSAGE, missing=total, total=total)
    assert expected in messages


def test_submitted_translation_waits_for_the_lead_editor(client, story, en, editor, lead):
    client.force_login(editor)
    translate_form(client, story, en)
    page = english_of(story, en)
    translate_everything(page)
    client.post(reverse("cms_translations:submit_for_approval", args=[page.id]))
    state = WorkflowState.objects.get(object_id=str(page.id))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.id, "approve", state.current_task_state.pk],
    )
    client.post(approve, {"comment": ""})
    assert not english_of(story, en).live
    client.force_login(lead)
    client.post(approve, {"comment": ""})
    assert english_of(story, en).live


def test_approval_of_an_incomplete_translation_is_refused(client, story, en, editor, lead):
    client.force_login(editor)
    translate_form(client, story, en)
    page = english_of(story, en)
    state = page.get_workflow().start(page, editor)
    client.force_login(lead)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.id, "approve", state.current_task_state.pk],
        ),
        {"comment": ""},
    )
    assert response.status_code in (302, 403)
    assert not english_of(story, en).live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_the_translation_editor_offers_submit_for_approval(client, story, en, editor):
    client.force_login(editor)
    translate_form(client, story, en)
    page = english_of(story, en)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.id])).content.decode()
    assert reverse("cms_translations:submit_for_approval", args=[page.id]) in html
    # "Zur Freigabe einreichen" once the lead has filled cms/locale.
    assert in_german("Submit for approval") in html
    # wagtail-localize's own title, in German from its catalogue.
    assert "Übersetzung von Der Dorfladen in Englisch" in html


def test_the_sync_form_speaks_german_and_promises_no_incomplete_publishing(client, story, en, lead):
    """From cms/locale_overrides (compiled): wagtail-localize's help text said the page would be
    published with the original language."""
    client.force_login(lead)
    translate_form(client, story, en)
    source = TranslationSource.objects.get(object_id=story.translation_key)
    html = client.get(
        reverse("wagtail_localize:update_translations", args=[source.id])
    ).content.decode()
    assert "Seiten mit noch nicht übersetzten Texten bleiben Entwürfe." in html


def test_outdated_after_a_source_edit(story, en):
    english = story.copy_for_translation(en, copy_parents=True).specific
    english.title = "The village shop"
    english.save_revision().publish()
    [row] = translation_status.statuses([story])[story.translation_key]
    assert row.state == translation_status.COMPLETE
    story.refresh_from_db()
    story.intro = "Neu"
    story.save_revision().publish()
    [row] = translation_status.statuses([story])[story.translation_key]
    assert row.state == translation_status.OUTDATED


def test_a_missing_translation(story):
    [row] = translation_status.statuses([story])[story.translation_key]
    assert row.state == translation_status.MISSING


def test_outdated_for_wagtail_localize_after_a_source_edit(client, story, en, lead):
    client.force_login(lead)
    translate_form(client, story, en)
    page = english_of(story, en)
    assert translation_status.statuses([story])[story.translation_key][0].state == "incomplete"
    translate_everything(page)
    assert translation_status.statuses([story])[story.translation_key][0].state == "complete"
    story.refresh_from_db()
    story.last_published_at = timezone.now()
    story.save_revision().publish()
    assert translation_status.statuses([page])[story.translation_key][0].state == "outdated"


def test_the_report_lists_outdated_translations_to_editors_only(client, story, en, editor):
    english = story.copy_for_translation(en, copy_parents=True).specific
    english.title = "The village shop"
    english.save_revision().publish()
    story.refresh_from_db()
    story.save_revision().publish()
    url = reverse("cms_translations:outdated")
    client.force_login(UserFactory(email="resident@example.org"))
    assert client.get(url).status_code in (302, 403)
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The village shop" in html
    assert reverse("wagtailadmin_pages:edit", args=[english.id]) in html
    # The report names itself in the admin's header (its last breadcrumb).
    assert re.search(r"w-breadcrumbs__icon.*?</svg>\s*Veraltete Übersetzungen\s*</a>", html, re.S)


def test_status_queries_are_constant(story, en, django_assert_max_num_queries):
    stories = [StoryPageFactory(parent=story.get_parent()) for _ in range(5)]
    for page in stories:
        page.save_revision().publish()
        page.copy_for_translation(en, copy_parents=True).save_revision().publish()
    with django_assert_max_num_queries(6):
        translation_status.statuses(stories + [story])


def test_the_page_editor_shows_each_languages_state(client, story, en, editor):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[story.id])).content.decode()
    missing = in_german(
        "%(language)s: %(state)s",
        language=en.get_display_name(),
        state=in_german(translation_status.STATE_LABELS[translation_status.MISSING]),
    )
    assert missing in html
    assert reverse("wagtail_localize:submit_page_translation", args=[story.id]) in html
