"""Who may register for an event or cancel, and what the event page tells a person about it.

Services check these again inside their transaction; views and templates get a ready
:class:`RegistrationState`. An event is any page with the registration fields of
``home.EventPage`` (duck-typed: participation does not import the page apps).
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from allauth.account.models import EmailAddress

from .models import EventRegistration

SIGN_IN = "sign_in"
UNVERIFIED = "unverified"
DISABLED = "disabled"
PAST = "past"
CLOSED = "closed"
ALREADY_REGISTERED = "already_registered"
NOT_REGISTERED = "not_registered"
STARTED = "started"

MESSAGES = {
    SIGN_IN: _("Please sign in to register for events."),
    UNVERIFIED: _(
        "Please confirm your email address first: open the link in the email we sent you. "
        "You can ask for a new link in your email settings."
    ),
    DISABLED: _("This event does not take registrations."),
    PAST: _("This event is over."),
    CLOSED: _("Registration for this event has closed."),
    ALREADY_REGISTERED: _("You are already registered for this event."),
    NOT_REGISTERED: _("You are not registered for this event."),
    STARTED: _("The event has begun, so the registration can no longer be cancelled."),
}


class RegistrationError(Exception):
    """A registration or cancellation that the rules do not allow; nothing was changed."""

    def __init__(self, code):
        self.code = code
        self.message = MESSAGES[code]
        super().__init__(code)


def is_event(page):
    return hasattr(page, "registration_enabled")


def has_verified_email(user):
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def person_obstacle(user):
    """Why this person may not register for any event, or ``None``."""
    if not user.is_authenticated:
        return SIGN_IN
    if not has_verified_email(user):
        return UNVERIFIED
    return None


def event_obstacle(event, now=None):
    """Why this event takes no registrations now, or ``None``."""
    now = now or timezone.now()
    if not event.registration_enabled:
        return DISABLED
    if event.end < now:
        return PAST
    if event.registration_closes <= now:
        return CLOSED
    return None


def check_may_register(user, event, registration, now=None):
    """Raise :class:`RegistrationError` unless ``user`` may register; ``registration`` is theirs."""
    code = event_obstacle(event, now) or person_obstacle(user)
    if code is None and registration is not None:
        code = ALREADY_REGISTERED
    if code is not None:
        raise RegistrationError(code)


def check_may_cancel(user, event, registration, now=None):
    """Raise :class:`RegistrationError` unless ``user`` may cancel ``registration`` (theirs)."""
    now = now or timezone.now()
    if not user.is_authenticated:
        raise RegistrationError(SIGN_IN)
    if registration is None or registration.user_id != user.pk:
        raise RegistrationError(NOT_REGISTERED)
    if event.start <= now:
        raise RegistrationError(STARTED)


def may_cancel(user, event, registration, now=None):
    try:
        check_may_cancel(user, event, registration, now)
    except RegistrationError:
        return False
    return True


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
    obstacle = None
    if registration is None:
        try:
            check_may_register(user, event, None, now)
        except RegistrationError as error:
            obstacle = error.code
    return RegistrationState(
        enabled=True,
        capacity=event.capacity,
        confirmed_count=confirmed_count,
        closes_at=event.registration_closes,
        status=registration.status if registration else None,
        waiting_position=registration.waiting_position if registration else None,
        may_register=registration is None and obstacle is None,
        may_cancel=registration is not None and may_cancel(user, event, registration, now),
        obstacle=obstacle,
        show_online_link=registration is not None and registration.is_confirmed,
    )
