import re

import pytest

from cms.models import NavigationSettings
from tests.conftest import page_in, queries_of
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

STANDARD_SLUGS = ["ueber-das-buendnis", "impressum", "datenschutz", "barrierefreiheit"]
# The English pages' own slugs (demo.content.pages).
ENGLISH_SLUGS = dict(
    zip(STANDARD_SLUGS, ["about-the-alliance", "imprint", "privacy", "accessibility"], strict=True)
)


def standard_page(language, slug):
    return page_in(language, slug if language == "de" else ENGLISH_SLUGS[slug])


def h1s(html):
    return re.findall(r"<h1[ >]", html)


@pytest.mark.parametrize(
    ("path", "language", "text"),
    [
        ("/de/", "de", "Ländlichkeit als Standortvorteil"),
        ("/en/", "en", "Rural life as an advantage"),
    ],
)
def test_home_page_renders_in_its_language(client, demo, path, language, text):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert text in html
    assert len(h1s(html)) == 1


def test_home_page_presents_vision_activities_and_fields_of_action(client, demo):
    html = client.get("/de/").content.decode()
    for text in [
        "Enkeltauglich",
        "Standortvorteil",
        "Information",
        "Bildung",
        "Visionsentwicklung",
        "Vernetzung",
        "Kompetenzaufbau",
        "Ländliche Gründungen und Initiativen",
        "Kreativ- und Innovationsorte",
        "Innovative Verwaltung",
    ]:
        assert text in html


@pytest.mark.parametrize("slug", STANDARD_SLUGS)
@pytest.mark.parametrize("language", ["de", "en"])
def test_standard_pages_render_in_both_languages(client, demo, slug, language):
    page = standard_page(language, slug)
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert page.url.startswith(f"/{language}/")
    assert f'<html lang="{language}">' in html
    assert f"<h1>{page.title}</h1>" in html
    assert len(h1s(html)) == 1


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_page_has_landmarks_skip_link_and_legal_footer(client, demo, language):
    for slug in STANDARD_SLUGS:
        html = client.get(standard_page(language, slug).url).content.decode()
        assert 'href="#main"' in html
        assert '<main id="main"' in html
        assert "<header" in html and "<footer" in html and "<nav" in html
        for legal in ["impressum", "datenschutz", "barrierefreiheit"]:
            legal = legal if language == "de" else ENGLISH_SLUGS[legal]
            assert f'href="/{language}/{legal}/"' in html


def test_footer_links_follow_the_site_settings(client, demo, home_de):
    from cms.models import FooterSettings

    footer = FooterSettings.for_site(demo)
    footer.imprint_page = None
    footer.save()
    html = client.get("/de/").content.decode()
    assert 'href="/de/impressum/"' not in html
    assert 'href="/de/datenschutz/"' in html


def test_anonymous_readers_get_no_cookie_until_they_open_a_form(client, demo):
    for path in ["/", "/de/", "/en/", "/de/ueber-das-buendnis/", "/de/gibt-es-nicht/"]:
        response = client.get(path)
        assert not response.cookies, f"{path} set {list(response.cookies)}"
    response = client.get("/de/account/signup/".replace("account", "konto"))
    assert "csrftoken" in response.cookies


def test_anonymous_pages_are_publicly_cacheable_but_personal_ones_are_not(client, demo):
    response = client.get("/de/")
    assert "public" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    client.login(email="bewohnerin@example.org", password="landvorteil-demo")
    response = client.get("/de/")
    assert "private" in response["Cache-Control"]


def test_unpublished_page_is_not_shown(client, home_de):
    page = StandardPageFactory(parent=home_de, slug="entwurf", live=False)
    assert client.get("/de/entwurf/").status_code == 404
    page.save_revision().publish()
    assert client.get("/de/entwurf/").status_code == 200


@pytest.mark.parametrize("language", ["de", "en"])
def test_not_found_page_uses_the_site_layout(client, demo, language):
    response = client.get(f"/{language}/gibt-es-nicht/")
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}">' in html
    assert '<main id="main"' in html
    assert {"de": "Seite nicht gefunden", "en": "Page not found"}[language] in html


def test_server_error_page_renders_without_request_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "<main" in html and "<h1>" in html


def test_home_page_query_count_does_not_grow_with_pages(
    client, demo, home_de, django_assert_max_num_queries
):
    navigation = NavigationSettings.for_site(demo)
    navigation.main_menu = []
    navigation.save()
    _response, captured = queries_of(client, "/de/")
    few_pages = len(captured)
    for number in range(15):
        StandardPageFactory(parent=home_de, slug=f"seite-{number}", show_in_menus=True)
    client.get("/de/")  # new pages renew the cached page frame (menu, footer)
    with django_assert_max_num_queries(few_pages):
        response = client.get("/de/")
    assert few_pages <= 17
    assert response.content.decode().count('href="/de/seite-') == 15


def test_menu_from_the_navigation_setting_costs_the_same_for_more_entries(
    client, demo, home_de, django_assert_max_num_queries
):
    navigation = NavigationSettings.for_site(demo)
    pages = [StandardPageFactory(parent=home_de, slug=f"menu-{n}") for n in range(8)]
    navigation.main_menu = [("page", pages[0])]
    navigation.save()
    _response, captured = queries_of(client, "/de/")
    one_entry = len(captured)
    navigation.main_menu = [("page", page) for page in pages]
    navigation.save()
    client.get("/de/")  # the changed setting renews the cached page frame
    with django_assert_max_num_queries(one_entry):
        response = client.get("/de/")
    assert response.content.decode().count('href="/de/menu-') == 8


def test_the_menu_names_sections_of_the_platform_in_the_readers_language(client, demo):
    navigation = NavigationSettings.for_site(demo)
    navigation.main_menu = [("area", "action_groups"), ("area", "gone"), ("area", "board")]
    navigation.save()

    def menu(path):
        html = client.get(path).content.decode()
        return html[html.index('<nav class="main-nav"') :].split("</nav>", 1)[0]

    german = menu("/de/")
    assert '<a href="/de/mitmachen/aktionsgruppen/"' in german and ">Aktionsgruppen<" in german
    assert 'href="/de/mitmachen/gesucht/"' in german
    english = menu("/en/")
    assert 'href="/en/participation/action-groups/"' in english and ">Action groups<" in english
    # A section the settings no longer know is left out, not an error.
    assert german.count("<li") == english.count("<li") == 2
    # The section's pages mark it as the current one.
    assert 'aria-current="page"' in menu("/de/mitmachen/aktionsgruppen/")


def card_grid(pages):
    return [
        {
            "type": "card_grid",
            "value": {
                "heading": "Orte",
                "intro": "",
                "cards": [
                    {
                        "type": "item",
                        "id": f"card-{page.pk}",
                        "value": {
                            "title": page.title,
                            "text": "Text",
                            "page": page.pk,
                            "external_url": "",
                            "link_label": f"Mehr über {page.title}",
                        },
                    }
                    for page in pages
                ],
            },
        }
    ]


def test_card_links_resolve_to_the_readers_language_in_constant_queries(client, home_de):
    about_de = page_in("de", "ueber-das-buendnis")
    targets = [StandardPageFactory(parent=home_de, slug=f"ziel-{n}") for n in range(10)]
    page = StandardPageFactory(parent=home_de, slug="karten", body=card_grid([about_de]))
    en_page = page.copy_for_translation(page_in("en", "about-the-alliance").locale)
    en_page.save_revision().publish()

    html = client.get("/en/karten/").content.decode()
    assert 'href="/en/about-the-alliance/"' in html, "the linked page in the reader's language"
    response, captured = queries_of(client, "/de/karten/")
    assert 'href="/de/ueber-das-buendnis/"' in response.content.decode()
    one_card = len(captured)
    page.body = card_grid([about_de, *targets])
    page.save_revision().publish()
    response, eleven_cards = queries_of(client, "/de/karten/")
    html = response.content.decode()
    assert html.count('class="card__link"') == 11
    assert 'href="/de/ziel-9/"' in html
    assert len(eleven_cards) == one_card
