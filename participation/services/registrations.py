"""Registering for events and cancelling, and moving the waiting list up.

Every registration change first locks the page rows of the event (all its language versions,
which share the places), so registrations for one event are processed one after the other and
the capacity is never exceeded, however many people register at once.

The capacity counts places: a lead may register their action group with several places. The
waiting list moves strictly in order: a group registration that does not fit waits whole, and
nobody behind it overtakes it.
"""

from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from .. import rules
from ..models import ActionGroup, EventRegistration, Membership
from ..models import NotificationReason as Reason
from ..notifications import events

NOTE_MAX_LENGTH = EventRegistration._meta.get_field("note").max_length


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
    version they registered on."""
    moved = EventRegistration.objects.filter(pk__in=registration_ids).select_related("event")
    for registration in moved:
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
        # Nobody overtakes the waiting list, even if places became free without a publish.
        _fill_free_places(event, now)
        taken = rules.places_taken(EventRegistration.objects.for_event(event))
        places = places if group is not None else 1
        has_place = rules.fits(event.capacity, taken["confirmed_places"], places) and (
            event.capacity is None or taken["waiting_count"] == 0
        )
        return EventRegistration.objects.create(
            event_id=event.pk,
            user=user,
            group=group,
            places=places,
            note=note.strip()[:NOTE_MAX_LENGTH] if group is not None else "",
            status=(
                EventRegistration.Status.CONFIRMED
                if has_place
                else EventRegistration.Status.WAITING
            ),
            created_at=now,
        )


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
