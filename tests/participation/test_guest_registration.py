"""Reserving a place without an account: the request, the confirmation and cancel links in the
e-mails (single-purpose, signed, expiring, idempotent, never acting on a GET), the same places
and waiting list as everybody's, one reservation per address, rate limits (also with Redis
down), a mail server that is down, races (on PostgreSQL) and what is deleted when."""

import datetime
import re

from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from wagtail_localize.fields import SynchronizedField, get_translatable_fields

import pytest
import time_machine

from cms.cache import TRY_AGAIN
from cms.roles import EDITORS
from home.models import EventPage
from participation import retention, rules, services
from participation.models import EventRegistration, OutgoingMail
from tests.cms.factories import UserFactory
from tests.conftest import in_german
from tests.home.factories import EventIndexPageFactory
from tests.home.test_events import a_while_ago, event_at, next_summer
from tests.participation.test_mail_outage import (  # noqa: F401 (fixtures)
    assert_waiting_then_delivered,
    committed,
    server,
)
from tests.participation.test_supports import run_in_parallel

CONFIRMED = EventRegistration.Status.CONFIRMED
WAITING = EventRegistration.Status.WAITING
PENDING = EventRegistration.Status.PENDING
LINK = re.compile(r"https?://[^/\s]+(/\S+/)")


@pytest.fixture
def index(site_homes):
    return EventIndexPageFactory(parent=site_homes[0])


@pytest.fixture
def event(index):
    return event_at(
        index,
        next_summer(),
        title="Zukunftswerkstatt",
        capacity=2,
        guest_registration_enabled=True,
        online_url="https://meet.example.org/werkstatt",
    )


def reserve(client, event, email="gast@example.org", name="Gerda Gast", note=""):
    return client.post(event.url + "reservieren/", {"name": name, "email": email, "note": note})


def mails_to_address(address):
    return [mail for mail in OutgoingMail.objects.order_by("pk") if address in mail.recipients]


def link_in(mail, name):
    """The path of the link in ``mail`` that leads to the ``name`` route."""
    prefix = reverse(name, args=["TOKEN"]).split("TOKEN")[0]
    for path in LINK.findall(mail.message["body"]):
        if path.startswith(prefix.replace("/en/", "/de/")) or path.startswith(prefix):
            return path
    raise AssertionError(f"no {name} link in {mail.message['body']}")


def confirm_link(address):
    return link_in(mails_to_address(address)[-1], "participation:guest_confirm")


def cancel_link(address):
    return link_in(mails_to_address(address)[-1], "participation:guest_cancel")


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def seats(event):
    return rules.registration_state(AnonymousUser(), event).seats


# --- The whole way, through the pages ------------------------------------------------------------


@pytest.mark.django_db
def test_a_guest_reserves_confirms_and_cancels_by_the_links(client, event):
    page = client.get(event.url)
    html = page.content.decode()
    assert f'href="{event.url}reservieren/"' in html
    assert "public" in page["Cache-Control"]  # no form token: the page stays cacheable

    form = client.get(event.url + "reservieren/")
    assert form.status_code == 200 and "private" in form["Cache-Control"]
    assert 'name="email"' in form.content.decode()

    response = reserve(client, event, email="Gast@Example.org", note="Rollstuhl")
    assert (response.status_code, response["Location"]) == (302, event.url)
    assert "bestätigen Sie Ihre Reservierung" in texts(response)[0]
    registration = EventRegistration.objects.get()
    assert (registration.status, registration.user, registration.guest_email) == (
        PENDING,
        None,
        "gast@example.org",
    )
    assert registration.note == "Rollstuhl"
    # A pending reservation takes no place.
    assert seats(event).free_places == 2
    [mail] = mails_to_address("gast@example.org")
    assert "Zukunftswerkstatt" in mail.subject and "Gerda Gast" in mail.message["body"]

    confirm = confirm_link("gast@example.org")
    # Opening the link (a mail scanner does) only asks.
    asked = client.get(confirm)
    assert asked.status_code == 200
    assert "Zukunftswerkstatt" in asked.content.decode()
    assert EventRegistration.objects.get().status == PENDING

    done = client.post(confirm)
    assert done.status_code == 200
    assert EventRegistration.objects.get().status == CONFIRMED
    assert seats(event).free_places == 1
    confirmation = mails_to_address("gast@example.org")[-1]
    assert "https://meet.example.org/werkstatt" in confirmation.message["body"]

    again = client.post(confirm)
    assert again.status_code == 200
    assert EventRegistration.objects.count() == 1
    assert again.context["state"] == "already_confirmed"

    cancel = cancel_link("gast@example.org")
    question = client.get(cancel)
    html = question.content.decode()
    assert question.status_code == 200
    assert "Zukunftswerkstatt" in html and f'datetime="{next_summer().year}-07-01T14:00' in html
    assert f'<form method="post" action="{cancel}"' in html
    assert f'href="{event.url}"' in html  # the way back
    assert EventRegistration.objects.exists()

    cancelled = client.post(cancel)
    assert cancelled.status_code == 200 and cancelled.context["state"] == "cancelled"
    assert not EventRegistration.objects.exists()
    assert client.post(cancel).status_code == 404

    # The address was never on a public page.
    for url in (event.url, event.get_parent().url, event.url + "ical/"):
        assert "gast@example.org" not in client.get(url).content.decode().lower()


@pytest.mark.django_db
def test_links_are_single_purpose_and_tamper_proof(client, event):
    reserve(client, event)
    confirm = confirm_link("gast@example.org")
    token = confirm.rstrip("/").rsplit("/", 1)[1]
    as_cancel = reverse("participation:guest_cancel", args=[token])
    assert client.get(as_cancel).status_code == 400
    assert client.post(as_cancel).status_code == 400
    client.post(confirm)
    cancel_token = cancel_link("gast@example.org").rstrip("/").rsplit("/", 1)[1]
    assert client.post(reverse("participation:guest_confirm", args=[cancel_token])).status_code == (
        400
    )
    forged = reverse("participation:guest_cancel", args=[cancel_token[:-2] + "xx"])
    assert client.post(forged).status_code == 400
    assert EventRegistration.objects.get().status == CONFIRMED


@pytest.mark.django_db
def test_the_confirmation_link_expires_after_48_hours(client, event):
    reserve(client, event)
    confirm = confirm_link("gast@example.org")
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=49), tick=False):
        response = client.post(confirm)
    assert response.status_code == 410
    assert f'href="{event.url}"' in response.content.decode()
    assert EventRegistration.objects.get().status == PENDING
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=47), tick=False):
        assert client.post(confirm).status_code == 200
    assert EventRegistration.objects.get().status == CONFIRMED


@pytest.mark.django_db
def test_the_cancel_link_works_until_the_event_begins(client, event):
    reserve(client, event)
    client.post(confirm_link("gast@example.org"))
    cancel = cancel_link("gast@example.org")
    with time_machine.travel(event.start + datetime.timedelta(minutes=1), tick=False):
        assert client.get(cancel).status_code == 409
        response = client.post(cancel)
    assert response.status_code == 409
    assert "hat begonnen" in response.content.decode()
    assert EventRegistration.objects.get().status == CONFIRMED


@pytest.mark.django_db
def test_a_link_to_a_reservation_that_expired_says_so(client, event):
    reserve(client, event)
    confirm = confirm_link("gast@example.org")
    EventRegistration.objects.all().delete()
    response = client.get(confirm)
    assert response.status_code == 404
    assert "gibt es nicht mehr" in response.content.decode()


# --- The same places and waiting list ---------------------------------------------------------


@pytest.mark.django_db
def test_guests_queue_by_confirmation_and_move_up_by_email(client, event):
    event.capacity = 1
    event.save_revision().publish()
    first, second = UserFactory(display_name="A"), UserFactory(display_name="B")
    services.register(first, event)
    # The guest asks before B registers but confirms after: B waits ahead of them.
    reserve(client, event)
    services.register(second, event)
    confirmed = client.post(confirm_link("gast@example.org"))
    assert confirmed.context["is_waiting"]
    positions = dict(
        EventRegistration.objects.waiting()
        .with_waiting_position()
        .values_list("guest_email", "waiting_position")
    )
    assert positions == {"": 1, "gast@example.org": 2}
    assert seats(event).label == "Ausgebucht – Warteliste offen (2 Personen warten)"

    services.cancel(first, event)  # B moves up
    services.cancel(second, event)  # the guest moves up, told by e-mail with a cancel link
    assert EventRegistration.objects.guests().get().status == CONFIRMED
    moved_up = mails_to_address("gast@example.org")[-1]
    assert "Zukunftswerkstatt" in moved_up.subject
    assert "https://meet.example.org/werkstatt" in moved_up.message["body"]
    client.post(cancel_link("gast@example.org"))
    assert not EventRegistration.objects.exists()


@pytest.mark.django_db
def test_a_guest_cancelling_gives_the_place_to_the_next_person(client, event):
    event.capacity = 1
    event.save_revision().publish()
    reserve(client, event)
    client.post(confirm_link("gast@example.org"))
    waiting = UserFactory(display_name="Wartend")
    assert services.register(waiting, event).status == WAITING
    client.post(cancel_link("gast@example.org"))
    assert EventRegistration.objects.get().user == waiting
    assert EventRegistration.objects.get().status == CONFIRMED


# --- One reservation per address; the same answer for everybody ----------------------------------


@pytest.mark.django_db
def test_a_second_request_sends_the_link_again_and_tells_nobody_anything(client, event):
    first = reserve(client, event)
    again = reserve(client, event, email=" GAST@example.org ", name="Gerda G.")
    assert texts(first)[-1] == texts(again)[-1]
    assert EventRegistration.objects.count() == 1
    assert EventRegistration.objects.get().guest_name == "Gerda G."
    assert len(mails_to_address("gast@example.org")) == 2
    client.post(confirm_link("gast@example.org"))

    confirmed = reserve(client, event)
    assert texts(confirmed)[-1] == texts(first)[-1]
    assert EventRegistration.objects.count() == 1
    assert EventRegistration.objects.get().status == CONFIRMED
    notice = mails_to_address("gast@example.org")[-1]
    assert "bereits eine Reservierung" in notice.message["body"]
    assert cancel_link("gast@example.org")


@pytest.mark.django_db
def test_an_address_with_an_account_reservation_gets_no_second_place(client, event):
    resident = UserFactory(email="anna@example.org")
    services.register(resident, event)
    response = reserve(client, event, email="Anna@example.org")
    assert response.status_code == 302
    assert EventRegistration.objects.count() == 1
    body = mails_to_address("anna@example.org")[-1].message["body"]
    assert reverse("participation:my_registrations").split("/")[-2] in body


@pytest.mark.django_db
def test_events_without_guest_reservation_offer_none(client, index):
    event = event_at(index, next_summer())
    assert "reservieren/" not in client.get(event.url).content.decode()
    response = client.get(event.url + "reservieren/")
    assert response.status_code == 302
    assert reserve(client, event).status_code == 302
    assert not EventRegistration.objects.exists()
    with pytest.raises(rules.ParticipationError) as error:
        services.request_guest_place(event, name="X", email="x@example.org")
    assert error.value.code == rules.GUESTS_DISABLED


@pytest.mark.django_db
def test_signed_in_people_reserve_with_their_account(client, event):
    client.force_login(UserFactory())
    assert "reservieren/" not in client.get(event.url).content.decode()
    assert client.get(event.url + "reservieren/")["Location"] == event.url
    assert not EventRegistration.objects.exists()


@pytest.mark.django_db
def test_an_invalid_form_comes_back_with_what_was_typed(client, event):
    response = reserve(client, event, email="keine-adresse", name="Gerda")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Gerda"' in html and 'aria-invalid="true"' in html
    assert not EventRegistration.objects.exists()


# --- Rate limits ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reservations_are_limited_per_address_and_per_network(client, event, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"guest_registration": {"ip": "3/h", "address": "2/h"}}
    assert reserve(client, event).status_code == 302
    assert reserve(client, event).status_code == 302
    over = reserve(client, event, name="Dritter Versuch")
    assert over.status_code == 429
    assert "Dritter Versuch" in over.content.decode()
    assert reserve(client, event, email="andere@example.org").status_code == 429  # 4th from here
    assert EventRegistration.objects.count() == 1


@pytest.mark.django_db
def test_with_redis_down_the_form_is_kept_and_nothing_is_reserved(client, shared_cache, event):
    shared_cache.stop()
    response = reserve(client, event, name="Bitte behalten")
    assert response.status_code == 503
    html = response.content.decode()
    assert escape(in_german(str(TRY_AGAIN))) in html
    assert "Bitte behalten" in html and "gast@example.org" in html
    assert not EventRegistration.objects.exists()
    assert not OutgoingMail.objects.exists()


# --- A mail server that is down -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("outage", ["down", "refused at RCPT"])
def test_with_the_mail_server_down_the_reservation_is_kept_and_the_mail_waits(
    client,
    event,
    server,  # noqa: F811
    committed,  # noqa: F811
    outage,
):
    server.set(outage)
    response = committed(reserve, client, event)
    assert response.status_code == 302
    assert EventRegistration.objects.get().status == PENDING
    received = assert_waiting_then_delivered(server, ["gast@example.org"])
    path = LINK.findall(received["gast@example.org"][0])
    confirm = next(p for p in path if "/" in p and p != event.url)
    assert client.post(confirm).status_code == 200
    assert EventRegistration.objects.get().status == CONFIRMED


# --- Editors, retention, deletion, translation ------------------------------------------------


@pytest.mark.django_db
def test_editors_see_guests_marked_with_their_address(client, event):
    reserve(client, event)
    client.force_login(UserFactory(group=EDITORS))
    html = client.get(reverse("event_registrations:index"), {"event": event.pk}).content.decode()
    assert "Gerda Gast" in html and "gast@example.org" in html
    assert "Gast" in html  # the "Without account" column


@pytest.mark.django_db
def test_retention_deletes_unconfirmed_and_past_guest_reservations(client, index, event):
    reserve(client, event, email="spaet@example.org")
    past = event_at(index, a_while_ago(10), guest_registration_enabled=True)
    recent = event_at(index, a_while_ago(3), guest_registration_enabled=True)
    resident = UserFactory()
    for over in (past, recent):
        EventRegistration.objects.create(
            event=over, guest_name="G", guest_email="g@example.org", status=CONFIRMED
        )
    EventRegistration.objects.create(event=past, user=resident, status=CONFIRMED)
    now = timezone.now()

    assert retention.delete_unconfirmed_guest_registrations(now).count == 0
    later = now + datetime.timedelta(hours=49)
    outcome = retention.delete_unconfirmed_guest_registrations(later, dry_run=True)
    assert outcome.count == 1 and EventRegistration.objects.filter(status=PENDING).exists()
    assert retention.delete_unconfirmed_guest_registrations(later).count == 1
    assert not EventRegistration.objects.filter(status=PENDING).exists()

    assert retention.delete_guest_data_after_events(now).count == 1
    left = set(EventRegistration.objects.values_list("event_id", "guest_email"))
    assert left == {(past.pk, ""), (recent.pk, "g@example.org")}
    names = [rule.__name__ for rule in retention.RULES]
    assert "delete_guest_data_after_events" in names
    assert "delete_unconfirmed_guest_registrations" in names


@pytest.mark.django_db
def test_deleting_the_event_deletes_its_guest_reservations(client, event):
    reserve(client, event)
    client.post(confirm_link("gast@example.org"))
    event.delete()
    assert not EventRegistration.objects.exists()


def test_guest_reservation_is_the_same_in_every_language_version():
    synchronised = {
        field.field_name
        for field in get_translatable_fields(EventPage)
        if isinstance(field, SynchronizedField)
    }
    assert {"guest_registration_enabled", "capacity", "registration_enabled"} <= synchronised


# --- Races (PostgreSQL) ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_requests_at_once_for_one_address_make_one_reservation(site_homes):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises all writes; the row lock is tested on PostgreSQL.")
    index = EventIndexPageFactory(parent=site_homes[0])
    event = event_at(index, next_summer(), capacity=3, guest_registration_enabled=True)
    outcomes = run_in_parallel(
        [
            lambda n=n: services.request_guest_place(
                event, name=f"Gast {n}", email="Doppelt@example.org"
            )
            for n in range(6)
        ]
    )
    assert outcomes == ["ok"] * 6, outcomes
    assert EventRegistration.objects.filter(event=event).count() == 1
    assert len(mails_to_address("doppelt@example.org")) == 6
