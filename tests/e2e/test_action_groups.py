"""Action groups in a real browser, on the demo: a resident finds a group from its vision page
and joins it with the keyboard alone, a lead posts an update, and the groups' pages (overview,
group page, forms, board) have no axe violations."""

from django.urls import reverse

import pytest

from participation.models import ActionGroup, GroupUpdate, Membership
from tests.cms.factories import UserFactory
from tests.e2e.actions import sign_in, tab_to

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VISION = "/de/zielbilder/dorfbuero-im-gemeindehaus/"


def test_a_resident_finds_a_group_on_its_vision_page_and_joins_it_with_the_keyboard(
    page, demo_site, axe_check
):
    group = ActionGroup.objects.get(name="Coworking im Hafenspeicher")
    # The demo's coworking group takes members by request; here it is open to everybody.
    ActionGroup.objects.filter(pk=group.pk).update(joining=ActionGroup.Joining.OPEN)
    resident = UserFactory(display_name="Tastatur T.")
    sign_in(page, demo_site, resident, VISION)

    section = page.get_by_role("region", name="Diese Aktionsgruppen arbeiten daran")
    assert "Coworking im Hafenspeicher" in section.inner_text()
    axe_check(page)
    tab_to(page, f'a[href="{group.get_url()}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(demo_site + group.get_url())
    assert page.locator("h1").inner_text() == "Coworking im Hafenspeicher"
    axe_check(page)

    tab_to(page, "form[action$='/beitreten/'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Sie sind Mitglied dieser Gruppe.").is_visible()
    assert Membership.objects.filter(group=group, user=resident, state="active").exists()
    group.refresh_from_db()
    assert group.member_count == Membership.objects.filter(group=group, state="active").count()
    axe_check(page)


def test_a_lead_posts_an_update_that_appears_on_the_group_page(page, demo_site, axe_check):
    group = ActionGroup.objects.get(name="Digitaler Bauantrag jetzt")
    lead = Membership.objects.get(group=group, role="lead", user__email="bewohnerin@example.org")
    sign_in(page, demo_site, lead.user, group.get_url())
    assert page.get_by_text("Sie leiten diese Gruppe.").is_visible()

    page.get_by_role("link", name="Neuigkeit einstellen").first.click()
    page.wait_for_url("**/neuigkeiten/**")
    axe_check(page)
    # Sent empty: the errors are listed and described, nothing is saved.
    with page.expect_navigation():
        page.get_by_role("button", name="Neuigkeit veröffentlichen").click()
    assert page.locator("#id_title").get_attribute("aria-invalid") == "true"
    axe_check(page)
    page.get_by_label("Titel").fill("Erster Antrag <b>digital</b> gestellt")
    page.get_by_label("Text").fill("Heute ging der erste Bauantrag online ein.\n\nEs klappte.")
    page.get_by_role("button", name="Neuigkeit veröffentlichen").click()
    page.wait_for_url(demo_site + group.get_url() + "**")

    update = GroupUpdate.objects.get(group=group, title__startswith="Erster Antrag")
    assert update.author == lead.user and update.is_published
    item = page.locator(f"#update-{update.pk}")
    # What people write shows as text, never as markup.
    assert "Erster Antrag <b>digital</b> gestellt" in item.inner_text()
    assert item.locator("b").count() == 0
    axe_check(page)


def test_the_groups_pages_and_forms_have_no_axe_violations(page, demo_site, axe_check):
    group = ActionGroup.objects.get(name="Netzwerk Reparaturcafés")
    resident = UserFactory(display_name="Prüferin P.")
    public = [
        reverse("participation:groups"),
        reverse("participation:groups") + "?field=innovationsorte&seeks=on",
        group.get_url(),
        reverse("participation:board"),
        reverse("participation:board") + "?kind=need",
        reverse("participation:relay_group", kwargs={"pk": group.pk}),
    ]
    for path in public:
        response = page.goto(demo_site + path)
        assert response.status == 200, path
        axe_check(page)

    sign_in(page, demo_site, resident, reverse("participation:group_start"))
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Gruppe gründen").click()
    assert page.locator("#id_name").get_attribute("aria-invalid") == "true"
    axe_check(page)
    for path in (
        reverse("participation:board_offer_create"),
        reverse("participation:relay_group", kwargs={"pk": group.pk}),
        group.get_url(),
    ):
        page.goto(demo_site + path)
        axe_check(page)
