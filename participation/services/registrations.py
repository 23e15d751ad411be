"""Registering for events and cancelling, and moving the waiting list up.

Every registration change first locks the page rows of the event (all its language versions,
which share the places), so registrations for one event are processed one after the other and
the capacity is never exceeded, however many people register at once.

The capacity counts places: a lead may register their action group with several places. The
waiting list moves strictly in order: a group registration that does not fit waits whole, and
nobody behind it overtakes it.

Guests (people without an account, where the event allows it) reserve in two steps:
:func:`request_guest_place` records a *pending* reservation that takes no place and emails a
confirmation link; :func:`confirm_guest_place` gives it a place or a waiting position under the
same lock and rules as everybody's; :func:`cancel_guest_place` is the link in their emails.
The links are signed tokens, one salt per purpose (a confirmation link cannot cancel), bound
to the registration and its address; the confirmation link expires after
:data:`GUEST_CONFIRM_MAX_AGE`, the cancel link when the event begins. Every e-mail is queued in
the outbox in the same transaction (:mod:`participation.mail`), so a mail server that is down
delays it and loses nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac

from wagtail.models import Page

from .. import rules
from ..models import ActionGroup, EventRegistration, Membership
from ..models import NotificationReason as Reason
from ..models.groups import full_url
from ..notifications import events

NOTE_MAX_LENGTH = EventRegistration._meta.get_field("note").max_length

GUEST_CONFIRM_MAX_AGE = timedelta(hours=48)
"""How long a guest's confirmation link works; the pending reservation goes with it
(:func:`participation.retention.delete_unconfirmed_guest_registrations`)."""

GUEST_CONFIRM = "confirm"
GUEST_CANCEL = "cancel"
GUEST_SALTS = {
    GUEST_CONFIRM: "participation.guest-registration.confirm",
    GUEST_CANCEL: "participation.guest-registration.cancel",
}

# What a guest's request led to; the page answers the same whatever it was, so nobody learns
# from it whether an address has a reservation.
REQUESTED, LINK_SENT_AGAIN, ALREADY_RESERVED = "requested", "link_sent_again", "already_reserved"
# What a guest's confirmation link did.
CONFIRMED_NOW, ALREADY_CONFIRMED = "confirmed_now", "already_confirmed"


def _lock(event):
    """Lock the event's page rows and return the event as it is now (capacity may have changed)."""
    # Always in the same order, so that two transactions cannot wait for each other.
    list(
        Page.objects.select_for_update()
        .filter(translation_key=event.translation_key)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return event.specific_class._default_manager.get(pk=event.pk)


def _confirmed_places(event):
    return rules.places_taken(EventRegistration.objects.for_event(event))["confirmed_places"]


def _fill_free_places(event, now):
    """Give free places to the registrations waiting longest, in order, as long as each fits
    whole; the caller holds the event's lock."""
    if not rules.waiting_list_moves(event, now):
        return []
    waiting = EventRegistration.objects.for_event(event).waiting().in_queue_order()
    free = rules.places_left(event.capacity, _confirmed_places(event))
    if free is None:
        moving_up = list(waiting.values_list("pk", flat=True))
    else:
        moving_up = []
        for pk, places in waiting.values_list("pk", "places"):
            if places > free:
                break
            moving_up.append(pk)
            free -= places
    if moving_up:
        EventRegistration.objects.filter(pk__in=moving_up).update(
            status=EventRegistration.Status.CONFIRMED
        )
        _announce_seats(moving_up)
    return moving_up


def _announce_seats(registration_ids):
    """Tell each person who moved up that they have a place now, on the event's language
    version they registered on: people with an account by a notification, guests by an
    e-mail with their cancel link."""
    moved = EventRegistration.objects.filter(pk__in=registration_ids).select_related(
        "event", "event__locale"
    )
    for registration in moved:
        if registration.is_guest:
            _guest_mail(registration, "moved_up")
            continue
        events.notify(
            Reason.SEAT_FREED,
            registration.event,
            recipients=[registration.user_id],
            key=f"seat-freed:{registration.pk}",
            data={
                "title": registration.event.title,
                "registration": registration.pk,
                "places": registration.places,
            },
        )


def register(user, event, *, group=None, places=1, note=""):
    """Register ``user`` for ``event``: a place if one is free, else the waiting list. With
    ``group`` (an action group ``user`` leads): the group with ``places`` places and a
    ``note``, all of them confirmed or all waiting.

    Raises :class:`rules.ParticipationError` (and changes nothing) when the rules forbid it.
    """
    with transaction.atomic():
        event = _lock(event)
        # Taken under the lock, so that the waiting list's order is the order of registering.
        now = timezone.now()
        existing = EventRegistration.objects.for_event(event).filter(user_id=user.pk).first()
        membership = None
        if group is not None:
            # Read again under the lock: a lead removed a moment ago registers nothing.
            group = ActionGroup.objects.filter(pk=group.pk).first() or group
            membership = (
                Membership.objects.select_for_update()
                .filter(group_id=group.pk, user_id=user.pk)
                .first()
            )
        rules.check_may_register(
            user,
            event,
            existing,
            now,
            group=group,
            membership=membership,
            places=places if group is not None else 1,
        )
        places = places if group is not None else 1
        return EventRegistration.objects.create(
            event_id=event.pk,
            user=user,
            group=group,
            places=places,
            note=note.strip()[:NOTE_MAX_LENGTH] if group is not None else "",
            status=_status_for_newcomer(event, places, now),
            created_at=now,
        )


def _status_for_newcomer(event, places, now):
    """Confirmed if ``places`` fit and nobody waits, else waiting; the caller holds the lock."""
    # Nobody overtakes the waiting list, even if places became free without a publish.
    _fill_free_places(event, now)
    taken = rules.places_taken(EventRegistration.objects.for_event(event))
    has_place = rules.fits(event.capacity, taken["confirmed_places"], places) and (
        event.capacity is None or taken["waiting_count"] == 0
    )
    return EventRegistration.Status.CONFIRMED if has_place else EventRegistration.Status.WAITING


def cancel(user, event):
    """Cancel ``user``'s registration; a freed place goes to the person waiting longest.

    Returns the cancelled registration. Raises :class:`rules.ParticipationError` when there is
    nothing ``user`` may cancel.
    """
    with transaction.atomic():
        event = _lock(event)
        now = timezone.now()
        registration = EventRegistration.objects.for_event(event).filter(user_id=user.pk).first()
        rules.check_may_cancel(user, event, registration, now)
        registration.delete()
        if registration.is_confirmed:
            _fill_free_places(event, now)
        return registration


def release_places_of(person):
    """Remove all of ``person``'s registrations (their account is being deleted): each freed
    place goes to the people waiting longest, who are told by e-mail, as when they cancel;
    no cancellation deadline applies. The caller's transaction holds the events' locks until
    the end."""
    now = timezone.now()
    registrations = (
        EventRegistration.objects.filter(user=person)
        .select_related("event")
        # The same lock order as everyone else's (page rows by key, then primary key).
        .order_by("event__translation_key", "pk")
    )
    for registration in registrations:
        event = _lock(registration.event)
        EventRegistration.objects.filter(pk=registration.pk).delete()
        if registration.is_confirmed:
            _fill_free_places(event, now)


def fill_free_places(event):
    """Move waiting people up while there are free places, e.g. after the capacity was raised.

    Returns the ids of the registrations that got a place.
    """
    with transaction.atomic():
        event = _lock(event)
        return _fill_free_places(event, timezone.now())


# --- Guests --------------------------------------------------------------------------------------


def normalised_address(email):
    """Addresses are kept and compared in lower case: one address, one reservation."""
    return email.strip().lower()


def _address_digest(email):
    # Binds a link to the address without putting the address into the link.
    return salted_hmac("participation.guest-address", email).hexdigest()[:20]


def guest_token(registration, purpose):
    """The signed token of a guest's ``purpose`` link (:data:`GUEST_CONFIRM` or
    :data:`GUEST_CANCEL`)."""
    value = {"r": registration.pk, "a": _address_digest(registration.guest_email)}
    return signing.dumps(value, salt=GUEST_SALTS[purpose])


def read_guest_token(token, purpose):
    """The registration id in a guest's ``purpose`` token. Raises
    :class:`django.core.signing.SignatureExpired` for an expired confirmation link and
    :class:`django.core.signing.BadSignature` for a changed one or one of another purpose."""
    max_age = GUEST_CONFIRM_MAX_AGE if purpose == GUEST_CONFIRM else None
    value = signing.loads(token, salt=GUEST_SALTS[purpose], max_age=max_age)
    return _token_value(value)


def expired_guest_token_registration_id(token):
    """The registration id in an expired (but genuine) confirmation token, to name its event."""
    return _token_value(signing.loads(token, salt=GUEST_SALTS[GUEST_CONFIRM]))[0]


def _token_value(value):
    if not isinstance(value, dict) or not isinstance(value.get("r"), int):
        raise signing.BadSignature("Not a guest registration token")
    if not isinstance(value.get("a"), str):
        raise signing.BadSignature("Not a guest registration token")
    return value["r"], value["a"]


def _guest_registration(event, registration_id, digest):
    """The guest registration a token names, read under the event's lock; ``None`` if it is
    gone or belongs to another address."""
    registration = (
        EventRegistration.objects.for_event(event).guests().filter(pk=registration_id).first()
    )
    if registration is None:
        return None
    if not constant_time_compare(_address_digest(registration.guest_email), digest):
        return None
    return registration


def _guest_link(registration, purpose):
    name = (
        "participation:guest_confirm" if purpose == GUEST_CONFIRM else "participation:guest_cancel"
    )
    path = reverse(name, args=[guest_token(registration, purpose)])
    return full_url(path) or path


def _guest_mail(registration, kind, *, account=False):
    """Queue the e-mail ``kind`` to a guest, in the language of the event version they
    reserved on: ``confirm`` (the confirmation link), ``confirmed``, ``waiting``, ``moved_up``
    or ``already`` (a second request for an address that has a reservation; ``account``: it
    is an account's, managed after signing in)."""
    event = registration.event.specific
    language = event.locale.language_code
    with translation.override(language):
        context = {
            "kind": kind,
            "name": registration.guest_name,
            "event": event,
            "event_url": event.get_full_url() or event.url,
            "status_label": registration.get_status_display(),
            "account": account,
            "online_url": getattr(event, "online_url", "") if registration.is_confirmed else "",
            "confirm_hours": int(GUEST_CONFIRM_MAX_AGE.total_seconds() // 3600),
        }
        if kind == "confirm":
            context["confirm_url"] = _guest_link(registration, GUEST_CONFIRM)
        elif not account:
            context["cancel_url"] = _guest_link(registration, GUEST_CANCEL)
        if account:
            my_registrations = reverse("participation:my_registrations")
            context["my_registrations_url"] = full_url(my_registrations) or my_registrations
        subject = render_to_string("participation/email/guest_reservation_subject.txt", context)
        body = render_to_string("participation/email/guest_reservation_body.txt", context)
    EmailMessage(
        " ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [registration.guest_email]
    ).send()


def request_guest_place(event, *, name, email, note=""):
    """A guest asks for a place at ``event``: a pending reservation (no place yet) and an
    e-mail with the confirmation link. A second request for the same address changes nothing
    but sends the link again (pending: a fresh one, valid for another 48 hours) or, for a
    reservation that exists, an e-mail saying so. Returns (registration, what happened).

    Raises :class:`rules.ParticipationError` (and changes nothing) when the event takes no
    reservations from guests.
    """
    email = normalised_address(email)
    with transaction.atomic():
        event = _lock(event)
        now = timezone.now()
        rules.check(rules.guest_obstacle(event, now))
        registrations = EventRegistration.objects.for_event(event).select_related("event")
        existing = registrations.guests().filter(guest_email=email).first()
        if existing is None:
            with_account = registrations.filter(user__email__iexact=email).first()
            if with_account is not None:
                # The address belongs to an account with a reservation: say so to the address,
                # and to the visitor nothing they could not learn otherwise.
                notice = EventRegistration(
                    event=with_account.event, guest_name=name, guest_email=email
                )
                _guest_mail(notice, "already", account=True)
                return with_account, ALREADY_RESERVED
            registration = EventRegistration.objects.create(
                event_id=event.pk,
                guest_name=name,
                guest_email=email,
                note=note.strip()[:NOTE_MAX_LENGTH],
                status=EventRegistration.Status.PENDING,
                created_at=now,
            )
            _guest_mail(registration, "confirm")
            return registration, REQUESTED
        if existing.is_pending:
            existing.guest_name, existing.created_at = name, now
            existing.note = note.strip()[:NOTE_MAX_LENGTH]
            existing.save(update_fields=["guest_name", "created_at", "note"])
            _guest_mail(existing, "confirm")
            return existing, LINK_SENT_AGAIN
        _guest_mail(existing, "already")
        return existing, ALREADY_RESERVED


def _event_of_registration(registration_id):
    registration = (
        EventRegistration.objects.filter(pk=registration_id).select_related("event").first()
    )
    if registration is None:
        raise rules.ParticipationError(
            rules.Refusal(rules.GUEST_GONE, rules.MESSAGES[rules.GUEST_GONE])
        )
    return registration.event.specific


def confirm_guest_place(token):
    """The guest's confirmation link: their pending reservation gets a place, or a position
    in the waiting list, exactly as a registration with an account would now. Idempotent:
    a second click changes nothing. Returns (registration, :data:`CONFIRMED_NOW` or
    :data:`ALREADY_CONFIRMED`).

    Raises :class:`django.core.signing.BadSignature` (or ``SignatureExpired``) for a link
    that is not a valid confirmation link, :class:`rules.ParticipationError` when the
    reservation is gone or the event takes no more reservations from guests.
    """
    registration_id, digest = read_guest_token(token, GUEST_CONFIRM)
    with transaction.atomic():
        event = _lock(_event_of_registration(registration_id))
        now = timezone.now()
        registration = _guest_registration(event, registration_id, digest)
        if registration is not None and not registration.is_pending:
            return registration, ALREADY_CONFIRMED
        rules.check(rules.guest_confirm_obstacle(event, registration, now))
        registration.status = _status_for_newcomer(event, registration.places, now)
        # The waiting list's order is the order of confirming.
        registration.created_at = now
        registration.save(update_fields=["status", "created_at"])
        _guest_mail(registration, "confirmed" if registration.is_confirmed else "waiting")
        return registration, CONFIRMED_NOW


def guest_registration_for_token(token, purpose):
    """The guest registration a valid ``purpose`` token names, or ``None`` when it is gone
    (for the confirmation pages, which only read). Raises like :func:`read_guest_token`."""
    registration_id, digest = read_guest_token(token, purpose)
    registration = (
        EventRegistration.objects.guests()
        .filter(pk=registration_id)
        .select_related("event")
        .first()
    )
    if registration is None or not constant_time_compare(
        _address_digest(registration.guest_email), digest
    ):
        return None
    return registration


def cancel_guest_place(token):
    """The guest's cancel link: their reservation is deleted and a freed place goes to the
    person waiting longest. Returns the cancelled registration.

    Raises :class:`django.core.signing.BadSignature` for a link that is not a valid cancel
    link, :class:`rules.ParticipationError` when the reservation is gone (cancelled already)
    or the event has begun.
    """
    registration_id, digest = read_guest_token(token, GUEST_CANCEL)
    with transaction.atomic():
        event = _lock(_event_of_registration(registration_id))
        now = timezone.now()
        registration = _guest_registration(event, registration_id, digest)
        rules.check(rules.guest_cancel_obstacle(event, registration, now))
        registration.delete()
        if registration.is_confirmed:
            _fill_free_places(event, now)
        return registration
