"""A resident submits a proposal with the keyboard alone, sees it listed, and another resident
supports it without a page reload; the proposal pages pass axe."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from participation.models import Proposal, Support
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german, make_site_homes
from tests.e2e.actions import sign_in, tab_to
from tests.e2e.conftest import TILE_HOST, TILE_URL, hosts
from tests.participation.factories import ProposalFactory
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


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


def test_the_place_is_chosen_on_a_map_that_loads_on_request(
    page, watched, process_site, axe_check, settings
):
    settings.PLACES_MAP_TILE_URL = TILE_URL
    base, process, _, author, _ = process_site
    submit_url = process.url + process.reverse_subpage("submit")
    sign_in(page, base, author, submit_url)
    page.wait_for_load_state("networkidle")
    own_host = urlsplit(base).hostname
    assert hosts(watched["requests"]) == {own_host}
    assert not [url for url in watched["requests"] if "leaflet" in url]
    assert page.locator("#location-picker-canvas").is_hidden()

    page.get_by_role("button", name=in_german("Choose the place on a map")).click()
    canvas = page.locator("#location-picker-canvas")
    page.locator("#location-picker-canvas .leaflet-tile-loaded").first.wait_for()
    assert hosts(watched["requests"]) == {own_host, TILE_HOST}
    canvas.click(position={"x": 200, "y": 120})
    latitude = page.locator("#id_latitude").input_value()
    longitude = page.locator("#id_longitude").input_value()
    # Somewhere in the region around the map's starting point, as the fields' help shows.
    assert re.fullmatch(r"5[34]\.\d{5}", latitude), latitude
    assert re.fullmatch(r"1[01]\.\d{5}", longitude), longitude
    assert latitude in page.locator("[data-location-picker-status]").inner_text()
    assert page.locator("#location-picker-canvas .leaflet-marker-icon").count() == 1
    axe_check(page)
    assert page.evaluate("window.policyViolations") == []
    assert watched["errors"] == []

    page.get_by_label(in_german("Title")).fill("Bank am Dorfteich")
    page.get_by_label(in_german("Summary")).fill("Eine Bank zum Ausruhen.")
    page.get_by_label(in_german("Your proposal")).fill("Am Teich fehlt eine Bank.")
    page.get_by_label(in_german("Field of action")).select_option(label="Klima und Energie")
    with page.expect_navigation():
        page.locator("button[value=preview]").click()
    with page.expect_navigation():
        page.locator("button[value=submit]").click()
    proposal = Proposal.objects.get()
    assert proposal.has_location
    assert (f"{proposal.latitude:.5f}", f"{proposal.longitude:.5f}") == (latitude, longitude)


def test_a_resident_comments_and_replies_with_the_keyboard(page, process_site, axe_check):
    from participation.models import Comment

    base, process, field, author, supporter = process_site
    proposal = ProposalFactory(process=process, field_of_action=field, author=author)
    sign_in(page, base, supporter, proposal_url(process, proposal.pk))
    tab_to(page, "#id_comment_text")
    page.keyboard.type("Das würde vielen Dörfern helfen.")
    tab_to(page, ".comment-form--new button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    comment = Comment.objects.get()
    assert page.locator(f"#comment-{comment.pk} .comment__text").inner_text().strip() == (
        "Das würde vielen Dörfern helfen."
    )
    # The confirmation is next to the comment, not on top, and has the focus.
    assert page.locator(".message--success").count() == 1
    confirmation = page.locator(f"#comment-{comment.pk} .comment__message")
    expect(confirmation).to_have_text(in_german("Thank you for your comment."))
    expect(confirmation).to_have_attribute("role", "status")
    expect(confirmation).to_be_focused()
    expect(confirmation).to_be_in_viewport()
    axe_check(page)

    tab_to(page, ".comments__reply summary")
    page.keyboard.press("Enter")
    tab_to(page, f"#reply-{comment.pk}")
    page.keyboard.type("Und den Schulen.")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    reply = Comment.objects.get(parent=comment)
    assert reply.text == "Und den Schulen."
    assert page.locator(".comments__replies .comment__text").inner_text().strip() == (
        "Und den Schulen."
    )
    axe_check(page)


def test_the_report_form_is_accessible_also_with_errors(page, process_site, axe_check):
    from django.urls import reverse

    base, process, field, author, supporter = process_site
    proposal = ProposalFactory(process=process, field_of_action=field, author=author)
    url = reverse("participation:report", args=["participation.proposal", proposal.pk])
    sign_in(page, base, supporter, proposal_url(process, proposal.pk))
    page.get_by_role("link", name=in_german("Report this proposal")).click()
    page.wait_for_url(base + url)
    axe_check(page)
    page.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    axe_check(page)
    page.get_by_label(in_german("Spam or advertising")).check()
    with page.expect_navigation():
        page.locator("button[type=submit]").click()
    assert page.locator(".message--success").count() == 1
