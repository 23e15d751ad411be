"""Zero axe violations on the Leichte Sprache pages and on the accessibility statement with its
feedback form, also when the form comes back with errors; a reader reaches the section from the
header with the keyboard."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize(
    "path",
    [
        "/de/leichte-sprache/",
        "/de/leichte-sprache/mitmachen/",
        "/en/easy-read/",
        "/en/easy-read/getting-help/",
        "/de/barrierefreiheit/",
        "/en/barrierefreiheit/",
    ],
)
def test_easy_read_and_statement_have_no_axe_violations(page, demo_site, axe_check, path):
    response = page.goto(demo_site + path)
    assert response.status == 200
    axe_check(page)


def test_the_feedback_form_with_errors_and_after_sending(page, demo_site, axe_check):
    page.goto(demo_site + "/de/barrierefreiheit/")
    page.locator("#feedback button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#id_barrier[aria-invalid=true]").count() == 1
    axe_check(page)
    page.locator("#id_barrier").fill("Der Kontrast ist zu schwach.")
    page.locator("#feedback button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".messages, [role=status]").count() >= 1
    axe_check(page)


def test_the_header_link_reaches_the_section_by_keyboard(page, demo_site):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(demo_site + "/de/")
    link = page.locator("a.site-header__easy-read")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/de/leichte-sprache/")
