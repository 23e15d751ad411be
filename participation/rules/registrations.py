"""Who may register for an event or cancel, and what the event page tells a person about it.

An event is any page with the registration fields of ``home.EventPage`` (duck-typed:
participation does not import the page apps).
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import EventRegistration, RegistrationHost
from .base import (
    BLOCKED,
    BLOCKED_CODE,
    SIGN_IN,
    UNVERIFIED,
    UNVERIFIED_MESSAGE,
    Refusal,
    check,
    person_obstacle,
)

DISABLED = "disabled"
PAST = "past"
CLOSED = "closed"
ALREADY_REGISTERED = "already_registered"
NOT_REGISTERED = "not_registered"
STARTED = "started"

MESSAGES = {
    SIGN_IN: _("Please sign in to register for events."),
    UNVERIFIED: UNVERIFIED_MESSAGE,
    BLOCKED_CODE: BLOCKED,
    DISABLED: _("This event does not take registrations."),
    PAST: _("This event is over."),
    CLOSED: _("Registration for this event has closed."),
    ALREADY_REGISTERED: _("You are already registered for this event."),
    NOT_REGISTERED: _("You are not registered for this event."),
    STARTED: _("The event has begun, so the registration can no longer be cancelled."),
}


def _refusal(code):
    return Refusal(code, MESSAGES[code])


def is_event(page):
    """Whether ``page`` (a page or a page model) takes registrations."""
    return issubclass(page if isinstance(page, type) else type(page), RegistrationHost)


def event_obstacle(event, now=None):
    """Why this event takes no registrations now, or ``None``."""
    now = now or timezone.now()
    if not event.registration_enabled:
        return _refusal(DISABLED)
    if event.end < now:
        return _refusal(PAST)
    if event.registration_closes <= now:
        return _refusal(CLOSED)
    return None


def register_obstacle(user, event, registration, now=None):
    """Why ``user`` may not register for ``event`` (``registration``: theirs), or ``None``."""
    obstacle = event_obstacle(event, now) or person_obstacle(user, sign_in=MESSAGES[SIGN_IN])
    if obstacle is None and registration is not None:
        return _refusal(ALREADY_REGISTERED)
    return obstacle


def cancel_obstacle(user, event, registration, now=None):
    """Why ``user`` may not cancel ``registration`` (theirs), or ``None``."""
    now = now or timezone.now()
    obstacle = person_obstacle(user, sign_in=MESSAGES[SIGN_IN], verified=False)
    if obstacle:
        return obstacle
    if registration is None or registration.user_id != user.pk:
        return _refusal(NOT_REGISTERED)
    if event.start <= now:
        return _refusal(STARTED)
    return None


def check_may_register(user, event, registration, now=None):
    """Raise :class:`ParticipationError` unless ``user`` may register; ``registration`` is
    theirs."""
    check(register_obstacle(user, event, registration, now))


def check_may_cancel(user, event, registration, now=None):
    """Raise :class:`ParticipationError` unless ``user`` may cancel ``registration`` (theirs)."""
    check(cancel_obstacle(user, event, registration, now))


def may_cancel(user, event, registration, now=None):
    return cancel_obstacle(user, event, registration, now) is None


def waiting_list_moves(event, now=None):
    """Whether waiting people may still get a place: only before the event begins."""
    return event.start > (now or timezone.now())


def places_left(capacity, confirmed_count):
    """Free places, or ``None`` when the event has no limit."""
    if capacity is None:
        return None
    return max(capacity - confirmed_count, 0)


@dataclass(frozen=True)
class RegistrationState:
    """Everything the event page shows about registration, for one person."""

    enabled: bool
    capacity: int | None = None
    confirmed_count: int = 0
    closes_at: datetime | None = None
    status: str | None = None
    waiting_position: int | None = None
    may_register: bool = False
    may_cancel: bool = False
    obstacle: str | None = None
    show_online_link: bool = False

    @property
    def free_places(self):
        return places_left(self.capacity, self.confirmed_count)

    @property
    def is_full(self):
        return self.free_places == 0

    @property
    def is_confirmed(self):
        return self.status == EventRegistration.Status.CONFIRMED

    @property
    def is_waiting(self):
        return self.status == EventRegistration.Status.WAITING

    @property
    def needs_sign_in(self):
        return self.obstacle == SIGN_IN

    @property
    def needs_verification(self):
        return self.obstacle == UNVERIFIED

    @property
    def obstacle_message(self):
        return MESSAGES[self.obstacle] if self.obstacle else ""


def registration_state(user, event, now=None):
    """The registration state of ``event`` as ``user`` sees it, in at most three queries."""
    now = now or timezone.now()
    if not event.registration_enabled:
        # Without registration the event is open to all, online link included.
        return RegistrationState(enabled=False, obstacle=DISABLED, show_online_link=True)
    registrations = EventRegistration.objects.for_event(event)
    confirmed_count = registrations.confirmed().count()
    registration = None
    if user.is_authenticated:
        registration = registrations.with_waiting_position().filter(user=user).first()
    obstacle = register_obstacle(user, event, None, now) if registration is None else None
    return RegistrationState(
        enabled=True,
        capacity=event.capacity,
        confirmed_count=confirmed_count,
        closes_at=event.registration_closes,
        status=registration.status if registration else None,
        waiting_position=registration.waiting_position if registration else None,
        may_register=registration is None and obstacle is None,
        may_cancel=registration is not None and may_cancel(user, event, registration, now),
        obstacle=obstacle.code if obstacle else None,
        show_online_link=registration is not None and registration.is_confirmed,
    )
