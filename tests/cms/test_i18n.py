import re
from pathlib import Path

from django.conf import settings

import polib
import pytest

from tests.home.factories import StandardPageFactory

LOCALE_DIR, OVERRIDES_DIR = (Path(path) for path in settings.LOCALE_PATHS)


def switcher_links(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return {lang: href for href, lang in re.findall(r'<a href="([^"]+)" lang="(\w+)"', nav)}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "target"),
    [
        ("en-GB,en;q=0.9", "/en/"),
        ("de-DE,de;q=0.9", "/de/"),
        ("fr-FR,fr;q=0.9", "/de/"),
        ("", "/de/"),
    ],
)
def test_root_redirects_by_browser_language_with_german_fallback(
    client, demo, accept_language, target
):
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.django_db
def test_switcher_links_to_the_translation_of_the_current_page(client, demo):
    links = switcher_links(client.get("/de/ueber-das-buendnis/").content.decode())
    assert links == {"de": "/de/ueber-das-buendnis/", "en": "/en/about-the-alliance/"}
    links = switcher_links(client.get("/en/privacy/").content.decode())
    assert links == {"de": "/de/datenschutz/", "en": "/en/privacy/"}


@pytest.mark.django_db
def test_switcher_leads_to_the_notice_without_translation(client, home_de):
    StandardPageFactory(parent=home_de, slug="nur-deutsch", title="Nur auf Deutsch")
    links = switcher_links(client.get("/de/nur-deutsch/").content.decode())
    # The same address in English shows the notice (tests/cms/test_language_switch.py).
    assert links == {"de": "/de/nur-deutsch/", "en": "/en/nur-deutsch/"}


@pytest.mark.django_db
def test_switcher_ignores_unpublished_translations(client, demo):
    from tests.conftest import page_in

    page_in("en", "imprint").unpublish()
    links = switcher_links(client.get("/de/impressum/").content.decode())
    assert links["en"] == "/en/impressum/"
    assert client.get("/en/impressum/").context["page"].pk == page_in("en", "home-en").pk


@pytest.mark.django_db
def test_switcher_on_account_pages_links_to_the_translated_view(client, demo):
    html = client.get("/de/konto/login/").content.decode()
    assert switcher_links(html) == {"de": "/de/konto/login/", "en": "/en/account/login/"}
    assert client.get("/en/account/login/").status_code == 200


@pytest.mark.django_db
def test_interface_strings_are_translated(client, demo):
    de = client.get("/de/").content.decode()
    en = client.get("/en/").content.decode()
    assert "Zum Inhalt springen" in de and "Skip to content" in en
    assert "Registrieren" in de and "Sign up" in en


@pytest.mark.parametrize(
    "po_path",
    [
        LOCALE_DIR / "de" / "LC_MESSAGES" / "django.po",
        LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po",
        OVERRIDES_DIR / "de" / "LC_MESSAGES" / "django.po",
    ],
    ids=["de", "en", "de-overrides"],
)
def test_message_catalogue_is_complete_and_compiled(po_path):
    catalogue = polib.pofile(str(po_path))
    assert len(catalogue) > 50
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    assert untranslated == []
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert fuzzy == []
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))
    compiled_messages = {(e.msgctxt, e.msgid): e.msgstr for e in compiled}
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            continue
        assert compiled_messages.get((entry.msgctxt, entry.msgid)) == entry.msgstr, (
            f"{po_path.with_suffix('.mo')} is stale: run `make messages`"
        )


@pytest.mark.django_db
def test_account_pages_address_readers_formally_in_german(client, demo):
    html = client.get("/de/konto/signup/").content.decode()
    assert "Sie haben schon ein Konto?" in html
    assert "Du hast" not in html and " du " not in html and " dein" not in html.lower()
