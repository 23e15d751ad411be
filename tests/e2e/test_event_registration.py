"""A resident reserves a place with the keyboard alone; a guest reserves without an account,
confirms and cancels by the links in the e-mails, and cancelling asks first; the pages pass
axe."""

import datetime
import re

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from participation import services
from participation.models import EventRegistration, OutgoingMail
from tests.cms.factories import UserFactory
from tests.conftest import make_site_homes
from tests.e2e.actions import tab_to
from tests.home.factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = settings.DEMO_PASSWORD  # the password UserFactory gives everybody


@pytest.fixture
def event_site(live_server):
    home, _ = make_site_homes()
    index = EventIndexPageFactory(parent=home, intro="Workshops und Treffen in der Region.")
    index.save_revision().publish()
    start = timezone.now() + datetime.timedelta(days=14)
    event = EventPageFactory(
        parent=index,
        title="Werkstatt Prototyping",
        start=start,
        end=start + datetime.timedelta(hours=3),
        capacity=12,
        online_url="https://meet.example.org/werkstatt",
        guest_registration_enabled=True,
    )
    event.save_revision().publish()
    EventPageFactory(
        parent=index,
        title="Rückblick Ideenwerkstatt",
        start=timezone.now() - datetime.timedelta(days=20),
        end=timezone.now() - datetime.timedelta(days=20, hours=-2),
    )
    resident = UserFactory(email="tastatur@example.org", display_name="Tastatur")
    return live_server.url, index, event, resident


def test_resident_registers_with_the_keyboard_only(page, event_site, axe_check):
    base, _, event, resident = event_site
    page.goto(base + event.url)
    assert page.locator("h1").inner_text() == "Werkstatt Prototyping"

    tab_to(page, ".event-registration a.button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/konto/login/**")
    page.get_by_label("E-Mail").focus()
    page.keyboard.type(resident.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(base + event.url)

    tab_to(page, ".event-registration button[type=submit]")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.locator(".message--success").count() == 1
    assert page.locator(".event-registration__state--confirmed").is_visible()
    assert page.get_by_role("link", name="https://meet.example.org/werkstatt").is_visible()
    registration = EventRegistration.objects.get(user=resident)
    assert registration.event_id == event.pk and registration.is_confirmed
    axe_check(page)


def test_event_pages_have_no_axe_violations(page, event_site, axe_check):
    base, index, event, _ = event_site
    for url in [index.url, index.url + "?field=unbekannt&page=7", event.url]:
        response = page.goto(base + url)
        assert response.status == 200
        axe_check(page)


def test_my_registrations_has_no_axe_violations(page, event_site, axe_check):
    base, _, event, resident = event_site
    services.register(resident, event)
    page.goto(base + "/de/konto/login/")
    page.get_by_label("E-Mail").fill(resident.email)
    page.get_by_label("Passwort", exact=False).first.fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/de/")
    with translation.override("de"):
        page.goto(base + reverse("participation:my_registrations"))
    assert page.locator(".registration-list__item").count() == 1
    axe_check(page)


def link_to(address, route):
    """The path of the ``route`` link in the newest e-mail to ``address``."""
    mail = [mail for mail in OutgoingMail.objects.order_by("pk") if address in mail.recipients][-1]
    prefix = reverse(route, args=["token"]).removesuffix("token/")
    paths = re.findall(r"https?://[^/\s]+(/\S+/)", mail.message["body"])
    return next(path for path in paths if path.startswith(prefix))


def test_a_guest_reserves_confirms_and_is_asked_before_cancelling(page, event_site, axe_check):
    base, _, event, _ = event_site
    page.goto(base + event.url)
    page.locator(".event-registration__guest a.button").click()
    page.wait_for_url(f"**{event.url}reservieren/")
    axe_check(page)
    page.locator("#id_name").fill("Gerda Gast")
    page.locator("#id_email").fill("gerda@example.org")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.url == base + event.url
    assert page.locator(".message--success").count() == 1
    assert EventRegistration.objects.get().is_pending
    axe_check(page)

    with translation.override("de"):
        confirm = link_to("gerda@example.org", "participation:guest_confirm")
    page.goto(base + confirm)
    assert EventRegistration.objects.get().is_pending  # opening the link only asks
    axe_check(page)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator(".event-registration__state--confirmed").is_visible()
    assert EventRegistration.objects.get().is_confirmed
    axe_check(page)

    with translation.override("de"):
        cancel = link_to("gerda@example.org", "participation:guest_cancel")
    page.goto(base + cancel)
    assert page.locator("h1").is_visible()
    assert "Werkstatt Prototyping" in page.locator("main").inner_text()
    axe_check(page)
    # The way back changes nothing; the button cancels.
    page.locator(f"main form a[href='{event.url}']").click()
    page.wait_for_url(base + event.url)
    assert EventRegistration.objects.exists()
    page.goto(base + cancel)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert not EventRegistration.objects.exists()
    axe_check(page)
