"""A reader switches language with the keyboard only: on a learning-path step, and on a page
without translation (which leads to the notice, checked with axe and the HTML validator)."""

import io

from django.core.management import call_command

import pytest

from home.models import LearningPathPage, StandardPage
from tests.e2e.actions import tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_reader_switches_language_on_a_step_and_on_an_untranslated_page(
    live_server, page, axe_check
):
    call_command("load_demo_content", stdout=io.StringIO())
    german = LearningPathPage.objects.live().get(
        locale__language_code="de", slug="von-der-idee-zur-gruendung"
    )
    english = LearningPathPage.objects.live().get(
        locale__language_code="en", translation_key=german.translation_key
    )
    page.goto(live_server.url + german.step_url(3))
    tab_to(page, '.language-switcher a[hreflang="en"]')
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + english.step_url(3))

    about = StandardPage.objects.live().get(locale__language_code="de", slug="ueber-das-buendnis")
    only = about.add_child(instance=StandardPage(title="Nur auf Deutsch", slug="nur-deutsch"))
    page.goto(live_server.url + only.url)
    tab_to(page, '.language-switcher a[hreflang="en"]')
    assert "language-switcher__missing" in page.evaluate("document.activeElement.className")
    # The switcher's note ("EN – nur auf Deutsch") passes axe on the German page too.
    axe_check(page)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/en/" + only.url.removeprefix("/de/"))
    notice = page.locator(".translation-notice")
    assert notice.is_visible()
    assert notice.locator('a[lang="de"][hreflang="de"]').inner_text() == "Nur auf Deutsch"
    axe_check(page)
