"""The language switcher and the notice for pages that exist only in another language."""

import re

from django.utils import translation

import pytest

from participation.models import Proposal
from tests.conftest import page_in, translation_of
from tests.home.factories import StandardPageFactory


def switcher(html):
    """{language: (href, marked as missing)} of the language switcher."""
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return {
        lang: (href, "language-switcher__missing" in attrs)
        for href, lang, attrs in re.findall(r'<a href="([^"]+)" lang="(\w+)"([^>]*)>', nav)
    }


def notice_of(html):
    match = re.search(r'<div class="translation-notice">.*?</div>', html, re.S)
    return match.group(0) if match else None


def german(msgid, **values):
    with translation.override("de"):
        return translation.gettext(msgid) % values


def english(msgid, **values):
    with translation.override("en"):
        return translation.gettext(msgid) % values


@pytest.fixture
def german_only(home_de):
    """A German page below the translated "Über das Bündnis" page, without translation."""
    about = page_in("de", "ueber-das-buendnis")
    return StandardPageFactory(parent=about, slug="nur-deutsch", title="Nur auf Deutsch")


@pytest.mark.django_db
def test_switcher_marks_a_page_without_translation_in_words(client, german_only):
    url = german_only.get_url()
    html = client.get(url).content.decode()
    links = switcher(html)
    assert links["de"] == (url, False)
    assert links["en"] == ("/en/" + url.removeprefix("/de/"), True)
    # Words, not colour: the visible note and the accessible name say it.
    note = german("only in %(language)s", language=_name_in("de", "de"))
    assert f"– {note}" in html
    assert re.search(r'class="language-switcher__note" lang="de"', html)


@pytest.mark.django_db
def test_following_the_marked_link_shows_the_nearest_translation_with_a_notice(client, german_only):
    german_url = german_only.get_url()
    english_url = switcher(client.get(german_url).content.decode())["en"][0]

    response = client.get(english_url)

    assert response.status_code == 200
    html = response.content.decode()
    notice = notice_of(html)
    language = _name_in("en", "de")
    expected = english("This page is only available in %(language)s.", language=language)
    assert expected == "This page is only available in German."
    assert expected in notice
    assert f'<a href="{german_url}" lang="de" hreflang="de">Nur auf Deutsch</a>' in notice
    # The nearest translated ancestor is shown below the notice.
    assert response.context["page"].pk == translation_of("ueber-das-buendnis").pk
    assert '<meta name="robots" content="noindex">' in html
    assert response["X-Robots-Tag"] == "noindex"
    # Never kept by the shared page cache under the English address.
    assert "public" not in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    # Back to German from the notice: the German page itself.
    assert switcher(html)["de"] == (german_url, False)


@pytest.mark.django_db
def test_a_translated_page_forced_into_the_other_tree_redirects_permanently(client, demo):
    german_url = page_in("de", "ueber-das-buendnis").get_url()
    english_url = translation_of("ueber-das-buendnis").get_url()
    forced = "/en/" + german_url.removeprefix("/de/")
    if forced == english_url:
        pytest.skip("The English page has the German slug: nothing to redirect.")
    response = client.get(forced + "?x=1")
    assert response.status_code == 301
    assert response["Location"] == english_url + "?x=1"


@pytest.mark.django_db
def test_a_german_path_under_a_translated_parent_with_another_slug_redirects(client, demo):
    """The English page has its own slug: its German address below /en/ leads to it."""
    english = translation_of("ueber-das-buendnis")
    english.slug = "about-the-alliance"
    english.save_revision().publish()
    response = client.get("/en/ueber-das-buendnis/")
    assert response.status_code == 301
    assert response["Location"] == "/en/about-the-alliance/"


@pytest.mark.django_db
def test_the_reverse_direction_shows_the_notice_in_german(client, home_en):
    english_only = StandardPageFactory(
        parent=translation_of("ueber-das-buendnis"), slug="english-only", title="English only"
    )
    response = client.get("/de/" + english_only.get_url().removeprefix("/en/"))
    assert response.status_code == 200
    notice = notice_of(response.content.decode())
    expected = german("This page is only available in %(language)s.", language=_name_in("de", "en"))
    assert expected in notice
    assert f'<a href="{english_only.get_url()}" lang="en" hreflang="en">English only</a>' in notice


def _name_in(active, code):
    with translation.override(active):
        return str(translation.get_language_info(code)["name_translated"])


@pytest.mark.django_db
def test_a_path_that_routes_nowhere_is_still_not_found(client, demo):
    assert client.get("/en/gibt-es-nicht/").status_code == 404
    assert client.get("/de/gibt-es-nicht/").status_code == 404


@pytest.mark.django_db
def test_a_translation_whose_source_was_deleted_switches_without_error(client, german_only):
    english = translation_of("impressum")
    page_in("de", "impressum").delete()
    response = client.get(english.get_url())
    assert response.status_code == 200
    links = switcher(response.content.decode())
    assert links["de"][1] is True
    # The marked link leads to the German home page's notice, not to an error.
    followed = client.get(links["de"][0])
    assert followed.status_code == 200
    assert notice_of(followed.content.decode()) is not None


@pytest.mark.django_db
def test_a_moved_source_page_keeps_its_translation_reachable(client, german_only):
    german = page_in("de", "impressum")
    german.move(page_in("de", "ueber-das-buendnis"), pos="last-child")
    english = translation_of("impressum")
    response = client.get(english.get_url())
    assert response.status_code == 200
    german.refresh_from_db()
    assert switcher(response.content.decode())["de"] == (german.get_url(), False)


@pytest.mark.django_db
def test_switcher_on_a_learning_path_step_leads_to_the_same_step(client, demo):
    german = page_in("de", "von-der-idee-zur-gruendung")
    english = translation_of("von-der-idee-zur-gruendung")
    html = client.get(german.step_url(3)).content.decode()
    assert switcher(html) == {
        "de": (german.step_url(3), False),
        "en": (english.step_url(3), False),
    }
    html = client.get(english.step_url(2)).content.decode()
    assert switcher(html)["de"] == (german.step_url(2), False)


@pytest.mark.django_db
def test_switcher_on_a_proposal_leads_to_the_same_proposal(client, demo):
    german = page_in("de", "enkeltaugliche-region-2040")
    english = translation_of("enkeltaugliche-region-2040")
    proposal = Proposal.objects.filter(process__translation_key=german.translation_key).first()
    german_url = german.proposal_url(None, proposal.pk)
    html = client.get(german_url).content.decode()
    with translation.override("en"):
        english_url = english.proposal_url(None, proposal.pk)
    assert switcher(html) == {"de": (german_url, False), "en": (english_url, False)}


@pytest.mark.django_db
def test_a_proposal_of_a_process_without_english_page_shows_the_notice(client, demo):
    german = page_in("de", "dorfmitte-neu-denken-2025")
    translation_of("dorfmitte-neu-denken-2025").unpublish()
    proposal = Proposal.objects.filter(process__translation_key=german.translation_key).first()
    german_url = german.proposal_url(None, proposal.pk)

    html = client.get(german_url).content.decode()
    english_url = switcher(html)["en"][0]
    assert switcher(html)["en"][1] is True

    response = client.get(english_url)
    assert response.status_code == 200
    notice = notice_of(response.content.decode())
    assert f'<a href="{german_url}" lang="de" hreflang="de">{german.title}</a>' in notice
    assert response.context["page"].pk == translation_of("beteiligung").pk


@pytest.mark.django_db
def test_a_forced_english_step_address_redirects_to_the_english_step(client, demo):
    german = page_in("de", "von-der-idee-zur-gruendung")
    english = translation_of("von-der-idee-zur-gruendung")
    forced = "/en/" + german.step_url(3).removeprefix("/de/")
    response = client.get(forced)
    if forced == english.step_url(3):
        assert response.status_code == 200
    else:
        assert response.status_code == 301
        assert response["Location"] == english.step_url(3)
