"""Zero axe violations (WCAG 2.1 A and AA) on the pages every visitor meets."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/de/", 200),
        ("/en/", 200),
        ("/de/konto/signup/", 200),
        ("/en/account/signup/", 200),
        ("/de/konto/login/", 200),
        ("/de/ueber-das-buendnis/", 200),
        ("/en/accessibility/", 200),
        ("/de/mitmachen/rechtswidrige-inhalte/", 200),
        # The error page is checked as well: people meet it too.
        ("/de/gibt-es-nicht/", 404),
    ],
)
def test_page_has_no_axe_violations(page, demo_site, axe_check, path, status):
    response = page.goto(demo_site + path)
    assert response.status == status
    axe_check(page)


@pytest.mark.parametrize("width", [320, 1280])
def test_home_page_works_at_narrow_and_wide_widths(page, demo_site, axe_check, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(demo_site + "/de/")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, "no horizontal scrolling"
    axe_check(page)


def test_skip_link_is_the_first_focus_and_moves_to_main(page, demo_site):
    page.goto(demo_site + "/de/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Zum Inhalt springen"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switcher_leads_to_the_english_translation(page, demo_site):
    page.goto(demo_site + "/de/ueber-das-buendnis/")
    page.get_by_role("navigation", name="Sprache").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/about-the-alliance/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "About the alliance"


def test_page_loads_nothing_from_other_hosts(page, demo_site):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(demo_site + "/de/")
    page.goto(demo_site + "/de/konto/signup/")
    assert requested
    assert all(url.startswith(demo_site) for url in requested), requested


def test_sign_up_form_is_usable_with_the_keyboard(page, demo_site, axe_check):
    page.goto(demo_site + "/de/konto/signup/")
    page.get_by_label("E-Mail").fill("tastatur@example.org")
    page.get_by_label("Anzeigename").fill("Tastatur")
    page.get_by_label("Passwort:").fill("ein-langes-Passwort-2026")
    page.get_by_label("Passwort (Wiederholung)").fill("anders-Passwort-2026")
    page.get_by_label("Passwort (Wiederholung)").press("Enter")
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() >= 1
    axe_check(page)


def test_harness_reports_violations(page, demo_site, axe_check):
    """Guards the harness itself: a page with a known violation must fail the check."""
    page.goto(demo_site + "/de/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x>')")
    with pytest.raises(AssertionError, match="image-alt"):
        axe_check(page)


def test_account_settings_pages_have_no_axe_violations(page, demo_site, axe_check):
    page.goto(demo_site + "/de/konto/login/")
    page.get_by_label("E-Mail").fill("bewohnerin@example.org")
    page.get_by_label("Passwort", exact=False).first.fill("landvorteil-demo")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(demo_site + "/de/")
    for path in ["/de/konto/email/", "/de/konto/password/change/"]:
        page.goto(demo_site + path)
        assert page.locator("h1").count() == 1
        assert page.get_by_role("navigation", name="Kontoeinstellungen").count() == 1
        axe_check(page)
    page.goto(demo_site + "/de/konto/logout/")
    axe_check(page)
