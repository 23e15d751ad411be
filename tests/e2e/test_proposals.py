"""A resident submits a proposal with the keyboard alone, sees it listed, and another resident
supports it without a page reload; the proposal pages pass axe."""

import re

from django.conf import settings

import pytest
from playwright.sync_api import expect

from participation.models import Proposal, Support
from tests.conftest import make_site_homes
from tests.factories import FieldOfActionFactory, UserFactory
from tests.factories_visions import ProcessIndexPageFactory, ProcessPageFactory, ProposalFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = settings.DEMO_PASSWORD  # the password UserFactory gives everybody


@pytest.fixture
def process_site(live_server):
    home, _ = make_site_homes()
    field = FieldOfActionFactory(name="Klima und Energie", slug="klima")
    index = ProcessIndexPageFactory(parent=home)
    index.save_revision().publish()
    process = ProcessPageFactory(
        parent=index, title="Enkeltaugliche Region 2040", slug="region-2040"
    )
    process.fields_of_action.set([field])
    process.save_revision().publish()
    author = UserFactory(email="autorin@example.org", display_name="Autorin")
    supporter = UserFactory(email="unterstuetzer@example.org", display_name="Unterstützer")
    return live_server.url, process, field, author, supporter


def tab_to(page, selector, limit=120):
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("selector => !!document.activeElement?.matches(selector)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def sign_in(page, base, person, next_url):
    page.goto(f"{base}/de/konto/login/?next={next_url}")
    page.get_by_label("E-Mail").focus()
    page.keyboard.type(person.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(base + next_url)


def proposal_url(process, pk, route="proposal"):
    return process.url + process.reverse_subpage(route, kwargs={"pk": pk})


def test_submit_with_the_keyboard_then_another_resident_supports(
    browser, page, process_site, axe_check
):
    base, process, _, author, supporter = process_site
    sign_in(page, base, author, process.url)

    tab_to(page, "a.process__cta, .process__cta a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == base + process.url + process.reverse_subpage("submit")

    tab_to(page, "#id_title")
    page.keyboard.type("Rufbus für alle Dörfer")
    tab_to(page, "#id_summary")
    page.keyboard.type("Ein Rufbus, der auch sonntags fährt.")
    tab_to(page, "#id_text")
    page.keyboard.type("Am Wochenende fährt kaum ein Bus.")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("Mehr unter https://example.org/rufbus")
    tab_to(page, "#id_field_of_action")
    page.keyboard.type("Klima")
    tab_to(page, "#id_municipality")
    page.keyboard.type("Rehna")
    tab_to(page, "button[value=preview]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.locator(".proposal--preview h2").inner_text() == "Rufbus für alle Dörfer"
    assert page.locator(".proposal--preview .proposal__text p").count() == 2
    assert not Proposal.objects.exists()
    axe_check(page)
    tab_to(page, "button[value=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    proposal = Proposal.objects.get()
    assert proposal.author_id == author.pk and proposal.municipality == "Rehna"
    assert page.locator("h1").inner_text() == "Rufbus für alle Dörfer"
    assert page.locator(".message--success").count() == 1
    link = page.locator('.proposal__text a[rel="nofollow ugc"]')
    assert link.get_attribute("href") == "https://example.org/rufbus"

    page.goto(base + process.url)
    assert page.get_by_role("link", name="Rufbus für alle Dörfer").count() >= 1

    other = browser.new_context(locale="de-DE").new_page()
    try:
        sign_in(other, base, supporter, proposal_url(process, proposal.pk))
        other.evaluate("window.notReloaded = true")
        tab_to(other, "[data-support-button]")
        with other.expect_response(lambda r: "unterstuetzen" in r.url) as response:
            other.keyboard.press("Enter")
        assert response.value.status == 200
        # Web-first assertions wait without evaluating strings (our CSP forbids unsafe-eval).
        expect(other.locator("[data-support-status]")).to_contain_text("1")
        expect(other.locator("[data-support-count]")).to_have_text(re.compile(r"^\s*1 "))
        assert other.evaluate("window.notReloaded") is True
        status = other.locator("[data-support-status]")
        assert status.get_attribute("role") == "status"
        assert "1" in status.inner_text()
        assert other.locator("[data-support-count]").inner_text().startswith("1 ")
        assert other.locator("[data-support-action]").input_value() == "remove"
        assert Support.objects.filter(user=supporter, proposal=proposal).count() == 1
        proposal.refresh_from_db()
        assert proposal.support_count == 1
        axe_check(other)
    finally:
        other.context.close()


def test_form_and_proposal_pages_have_no_axe_violations(page, process_site, axe_check):
    base, process, field, author, _ = process_site
    proposal = ProposalFactory(process=process, field_of_action=field, author=author)
    submit_url = process.url + process.reverse_subpage("submit")
    sign_in(page, base, author, submit_url)
    axe_check(page)

    # The form with errors: the summary takes the focus target and links to the fields.
    page.locator("button[value=preview]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary a").count() >= 3
    axe_check(page)
    page.locator(".error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_title"

    for route in ("proposal", "edit", "withdraw"):
        response = page.goto(base + proposal_url(process, proposal.pk, route))
        assert response.status == 200
        axe_check(page)

    page.context.clear_cookies()
    page.goto(base + proposal_url(process, proposal.pk))
    assert page.locator('.support-box a[href*="/login/?next="]').count() == 1
    assert page.locator("[data-support-form]").count() == 0
    axe_check(page)
