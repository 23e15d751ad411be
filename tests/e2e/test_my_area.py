"""A resident follows a process, opens Mein Bereich, reads a notification and changes a digest
setting with the keyboard only; every page on the way passes axe."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

import pytest

from participation.models import (
    Activity,
    Follow,
    Notification,
    NotificationPreference,
    NotificationReason,
    Proposal,
)
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import make_site_homes
from tests.e2e.actions import sign_in, tab_to
from tests.participation.factories import ProposalFactory
from tests.participation.test_supports import make_process

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def area_site(live_server):
    home, _ = make_site_homes()
    process = make_process(home, support_budget=5)
    resident = UserFactory(email="bereich@example.org", display_name="Bewohnerin")
    proposal = ProposalFactory(
        process=process,
        author=resident,
        title="Mehr Busse am Abend",
        field_of_action=FieldOfActionFactory(),
        answer="<p>Wir prüfen das.</p>",
    )
    activity = Activity.objects.create(
        kind="proposal_answered",
        target_type=ContentType.objects.get_for_model(Proposal),
        target_id=proposal.pk,
    )
    notification = Notification.objects.create(
        recipient=resident, activity=activity, reason=NotificationReason.PROPOSAL_ANSWERED
    )
    return live_server.url, process, proposal, resident, notification


def test_follow_read_and_change_settings_with_the_keyboard(page, area_site, axe_check):
    base, process, proposal, resident, notification = area_site
    sign_in(page, base, resident, process.url)

    # Follow the process.
    axe_check(page)
    tab_to(page, ".follow__form button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator(".follow__form input[name=follow]").get_attribute("value") == "0"
    assert Follow.objects.filter(user=resident, target_id=process.pk).exists()

    # Mein Bereich from the header, with the unread count.
    header_link = page.locator(f".account-nav a[href='{reverse('area:overview')}']")
    assert "1" in header_link.inner_text()
    tab_to(page, f".account-nav a[href='{reverse('area:overview')}']")
    page.keyboard.press("Enter")
    page.wait_for_url(base + reverse("area:overview"))
    axe_check(page)

    # What I follow lists the process.
    page.goto(base + reverse("area:following"))
    assert process.title in page.locator("main").inner_text()
    axe_check(page)

    # Read the notification: it opens the proposal and is marked read.
    tab_to(page, f".area-tabs a[href='{reverse('area:notifications')}']")
    page.keyboard.press("Enter")
    page.wait_for_url(base + reverse("area:notifications"))
    assert page.locator(".notification--unread").count() == 1
    axe_check(page)
    tab_to(page, ".notification__open")
    page.keyboard.press("Enter")
    page.wait_for_url(base + proposal.get_url())
    notification.refresh_from_db()
    assert notification.read_at is not None

    # Change the digest of new phases from daily to weekly with the arrow keys.
    page.goto(base + reverse("area:notification_settings"))
    axe_check(page)
    tab_to(page, "#id_phase_started_1")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.id") == "id_phase_started_2"
    tab_to(page, ".notification-settings button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert (
        NotificationPreference.objects.get(
            user=resident, reason=NotificationReason.PHASE_STARTED
        ).delivery
        == "weekly"
    )
    assert page.locator("#id_phase_started_2").is_checked()
    axe_check(page)
