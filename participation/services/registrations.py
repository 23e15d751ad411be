"""Registering for events and cancelling, and moving the waiting list up.

Every registration change first locks the page rows of the event (all its language versions,
which share the places), so registrations for one event are processed one after the other and
the capacity is never exceeded, however many people register at once.
"""

from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from .. import notifications, rules
from ..models import (
    EventRegistration,
)


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


def _fill_free_places(event, now):
    """Give free places to the people waiting longest; the caller holds the event's lock."""
    if not rules.waiting_list_moves(event, now):
        return []
    registrations = EventRegistration.objects.for_event(event)
    waiting = registrations.waiting().in_queue_order()
    free = rules.places_left(event.capacity, registrations.confirmed().count())
    if free is not None:
        waiting = waiting[:free]
    moving_up = list(waiting.values_list("pk", flat=True))
    if moving_up:
        EventRegistration.objects.filter(pk__in=moving_up).update(
            status=EventRegistration.Status.CONFIRMED
        )
        notifications.send_after_commit(notifications.send_moved_up, moving_up)
    return moving_up


def register(user, event):
    """Register ``user`` for ``event``: a place if one is free, else the waiting list.

    Raises :class:`rules.ParticipationError` (and changes nothing) when the rules forbid it.
    """
    with transaction.atomic():
        event = _lock(event)
        # Taken under the lock, so that the waiting list's order is the order of registering.
        now = timezone.now()
        existing = EventRegistration.objects.for_event(event).filter(user_id=user.pk).first()
        rules.check_may_register(user, event, existing, now)
        # Nobody overtakes the waiting list, even if places became free without a publish.
        _fill_free_places(event, now)
        confirmed_count = EventRegistration.objects.for_event(event).confirmed().count()
        has_place = rules.places_left(event.capacity, confirmed_count) != 0
        return EventRegistration.objects.create(
            event_id=event.pk,
            user=user,
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


def fill_free_places(event):
    """Move waiting people up while there are free places, e.g. after the capacity was raised.

    Returns the ids of the registrations that got a place.
    """
    with transaction.atomic():
        event = _lock(event)
        return _fill_free_places(event, timezone.now())
