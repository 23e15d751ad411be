"""A lead registers their action group for an event: the places count for the capacity, a
group that does not fit waits whole, cancelling frees all its places."""

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.urls import reverse

import pytest

from cms.roles import EDITORS
from participation import rules, services
from participation.models import EventRegistration, NotificationReason
from tests.cms.factories import UserFactory
from tests.conftest import in_german
from tests.home.factories import EventIndexPageFactory
from tests.home.test_events import event_at, next_summer
from tests.participation.factories import ActionGroupFactory, MembershipFactory, notified
from tests.participation.test_registration import export_rows
from tests.participation.test_supports import run_in_parallel

CONFIRMED = EventRegistration.Status.CONFIRMED
WAITING = EventRegistration.Status.WAITING


@pytest.fixture
def index(site_homes):
    return EventIndexPageFactory(parent=site_homes[0])


@pytest.fixture
def event(index):
    return event_at(index, next_summer(), title="Gründungswerkstatt", capacity=5)


@pytest.fixture
def lead(db):
    return UserFactory(display_name="Lea")


@pytest.fixture
def group(lead):
    group = ActionGroupFactory(name="Hafenspeicher", author=lead)
    MembershipFactory(group=group, user=lead, role="lead")
    return group


def register_person(event, name):
    return services.register(UserFactory(display_name=name), event)


def state(event, user=None):
    return rules.registration_state(user or AnonymousUser(), event)


@pytest.mark.django_db
def test_lead_registers_the_group_with_four_places_and_one_is_left(client, event, group, lead):
    client.force_login(lead)
    response = client.post(
        event.url + "anmelden/",
        {"group": group.pk, "places": 4, "note": "Wir bringen <b>Laptops</b> mit."},
        follow=True,
    )
    registration = EventRegistration.objects.get(user=lead)
    assert (registration.group, registration.places, registration.status) == (group, 4, CONFIRMED)
    assert registration.note == "Wir bringen <b>Laptops</b> mit."
    assert state(event).free_places == 1
    html = response.content.decode()
    assert "Hafenspeicher" in html
    free = in_german("%(free)d place free", "%(free)d places free", 1, free=1)
    assert free in html

    listing = client.get(reverse("participation:my_registrations")).content.decode()
    assert "Hafenspeicher" in listing and "4" in listing


@pytest.mark.django_db
def test_the_event_page_offers_the_group_choice_to_leads_only(client, event, group, lead):
    client.force_login(lead)
    html = client.get(event.url).content.decode()
    assert 'name="group"' in html and f'value="{group.pk}"' in html and "Hafenspeicher" in html

    member = UserFactory()
    MembershipFactory(group=group, user=member)
    client.force_login(member)
    assert 'name="group"' not in client.get(event.url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "situation", ["member", "requested", "stranger", "hidden_group", "pending_group"]
)
def test_who_is_not_an_active_lead_of_a_published_group_cannot_register_it(
    client, event, group, situation
):
    person = UserFactory()
    if situation == "member":
        MembershipFactory(group=group, user=person)
    elif situation == "requested":
        MembershipFactory(group=group, user=person, state="requested")
    elif situation in ("hidden_group", "pending_group"):
        MembershipFactory(group=group, user=person, role="lead")
        group.moderation = "hidden" if situation == "hidden_group" else "pending"
        group.save()

    with pytest.raises(rules.ParticipationError) as error:
        services.register(person, event, group=group, places=3)
    assert error.value.code == rules.REGISTER_NOT_GROUP_LEAD

    client.force_login(person)
    client.post(event.url + "anmelden/", {"group": group.pk, "places": 3})
    assert not EventRegistration.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("places", [0, 11, -1])
def test_places_outside_one_to_ten_are_refused(client, event, group, lead, places):
    with pytest.raises(rules.ParticipationError) as error:
        services.register(lead, event, group=group, places=places)
    assert error.value.code == rules.GROUP_PLACES
    client.force_login(lead)
    response = client.post(event.url + "anmelden/", {"group": group.pk, "places": places})
    assert response.status_code == 302
    assert not EventRegistration.objects.exists()


@pytest.mark.django_db
def test_a_group_that_does_not_fit_waits_whole_and_nobody_overtakes_it(event, group, lead):
    register_person(event, "A")
    register_person(event, "B")
    waiting = services.register(lead, event, group=group, places=4)
    assert waiting.status == WAITING and waiting.places == 4
    assert state(event).free_places == 3
    assert state(event).joins_waiting_list
    late = register_person(event, "C")
    assert late.status == WAITING


@pytest.mark.django_db
def test_cancelling_frees_all_places_and_moves_the_waiting_list_up(event, group, lead):
    services.register(lead, event, group=group, places=4)
    first = register_person(event, "A")
    second = register_person(event, "B")
    third = register_person(event, "C")
    assert [r.status for r in (first, second, third)] == [CONFIRMED, WAITING, WAITING]
    assert state(event).free_places == 0

    services.cancel(lead, event)

    statuses = dict(EventRegistration.objects.values_list("user__display_name", "status"))
    assert statuses == {"A": CONFIRMED, "B": CONFIRMED, "C": CONFIRMED}
    assert state(event).free_places == 2
    told = sorted(email for email, _data in notified(NotificationReason.SEAT_FREED))
    assert told == sorted([second.user.email, third.user.email])


@pytest.mark.django_db
def test_a_waiting_group_moves_up_whole_when_its_places_are_free(
    event, group, lead, django_capture_on_commit_callbacks
):
    people = [register_person(event, name) for name in "ABCD"]
    services.register(lead, event, group=group, places=3)
    services.cancel(people[0].user, event)
    assert EventRegistration.objects.get(user=lead).status == WAITING
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(people[1].user, event)
    assert EventRegistration.objects.get(user=lead).status == CONFIRMED
    assert state(event).free_places == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_group_registrations_never_exceed_the_capacity(site_homes):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises all writes; the row lock is tested on PostgreSQL.")
    index = EventIndexPageFactory(parent=site_homes[0])
    event = event_at(index, next_summer(), capacity=5)
    leads = []
    for _number in range(4):
        lead = UserFactory()
        group = ActionGroupFactory(author=lead)
        MembershipFactory(group=group, user=lead, role="lead")
        leads.append((lead, group))
    outcomes = run_in_parallel(
        [
            lambda lead=lead, group=group: services.register(lead, event, group=group, places=2)
            for lead, group in leads
        ]
    )
    assert outcomes == ["ok"] * len(leads), outcomes
    confirmed = EventRegistration.objects.filter(event=event, status=CONFIRMED)
    assert sum(confirmed.values_list("places", flat=True)) == 4
    assert EventRegistration.objects.filter(event=event, status=WAITING).count() == 2


@pytest.mark.django_db
def test_editors_export_the_places_group_and_note(client, event, group, lead):
    services.register(lead, event, group=group, places=4, note="=HYPERLINK(1)")
    client.force_login(UserFactory(group=EDITORS))
    response = client.get(
        reverse("event_registrations:index"), {"event": event.pk, "export": "csv"}
    )
    header, row = export_rows(response)
    exported = dict(zip(header, row, strict=True))
    assert exported["Places"] == "4"
    assert exported["For the action group"] == "Hafenspeicher"
    assert exported["Note"] == "'=HYPERLINK(1)"
