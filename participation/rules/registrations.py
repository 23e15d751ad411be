"""Who may register for an event or cancel, and what the event page tells a person about it.

An event is any page with the registration fields of ``home.EventPage`` (duck-typed:
participation does not import the page apps).

The capacity counts places, not registrations: a lead of an action group may register the
group, taking up to :data:`MAX_GROUP_PLACES` places in one registration (theirs). A group
registration that does not fit waits whole; the waiting list moves strictly in order.

Where editors allow it, people without an account reserve a place as guests (name and email
address); their reservation takes a place only once they confirm it by the link in an email,
under the same rules. In the interface, registering is "reserving a place"; "signing in" is
only ever about accounts.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import ActionGroup, EventRegistration, Membership, RegistrationHost
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
REGISTER_NOT_GROUP_LEAD = "not_group_lead"
GROUP_PLACES = "group_places"
GUESTS_DISABLED = "guests_disabled"
GUEST_GONE = "guest_gone"

# How many places one group registration may take.
MAX_GROUP_PLACES = 10

MESSAGES = {
    SIGN_IN: _("Please sign in to reserve a place at this event."),
    UNVERIFIED: UNVERIFIED_MESSAGE,
    BLOCKED_CODE: BLOCKED,
    DISABLED: _("This event takes no reservations."),
    PAST: _("This event is over."),
    CLOSED: _("Reservations for this event have closed."),
    ALREADY_REGISTERED: _("You have already reserved a place at this event."),
    NOT_REGISTERED: _("You have no reservation for this event."),
    STARTED: _("The event has begun, so the reservation can no longer be cancelled."),
    REGISTER_NOT_GROUP_LEAD: _(
        "Only a lead of a published action group can reserve places for it."
    ),
    GUESTS_DISABLED: _("This event takes reservations from people with an account only."),
    GUEST_GONE: _("This reservation no longer exists: it was cancelled or has expired."),
    GROUP_PLACES: _("A group registration takes between 1 and %(max)d places.")
    % {"max": MAX_GROUP_PLACES},
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


def group_registration_obstacle(user, group, membership, places):
    """Why ``user`` may not register ``group`` with ``places`` places, or ``None``.

    ``group`` is None for a person registering only themselves (one place); otherwise
    ``membership`` is ``user``'s membership in ``group`` (or None): only an active lead of a
    published group may register it.
    """
    if group is None:
        return None if places == 1 else _refusal(GROUP_PLACES)
    if (
        membership is None
        or membership.user_id != user.pk
        or membership.group_id != group.pk
        or not membership.is_lead
        or not group.is_published
    ):
        return _refusal(REGISTER_NOT_GROUP_LEAD)
    if not 1 <= places <= MAX_GROUP_PLACES:
        return _refusal(GROUP_PLACES)
    return None


def register_obstacle(
    user, event, registration, now=None, *, group=None, membership=None, places=1
):
    """Why ``user`` may not register for ``event`` (``registration``: theirs), or ``None``;
    with ``group``: register that group with ``places`` places (``membership``: ``user``'s
    in ``group``)."""
    obstacle = event_obstacle(event, now) or person_obstacle(user, sign_in=MESSAGES[SIGN_IN])
    if obstacle is None and registration is not None:
        return _refusal(ALREADY_REGISTERED)
    return obstacle or group_registration_obstacle(user, group, membership, places)


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


def check_may_register(user, event, registration, now=None, **group):
    """Raise :class:`ParticipationError` unless ``user`` may register; ``registration`` is
    theirs; ``group``: ``group``, ``membership`` and ``places`` of a group registration."""
    check(register_obstacle(user, event, registration, now, **group))


def check_may_cancel(user, event, registration, now=None):
    """Raise :class:`ParticipationError` unless ``user`` may cancel ``registration`` (theirs)."""
    check(cancel_obstacle(user, event, registration, now))


def may_cancel(user, event, registration, now=None):
    return cancel_obstacle(user, event, registration, now) is None


def guest_obstacle(event, now=None):
    """Why a guest (no account) may not reserve a place at ``event`` now, or ``None``."""
    obstacle = event_obstacle(event, now)
    if obstacle is None and not event.guest_registration_enabled:
        return _refusal(GUESTS_DISABLED)
    return obstacle


def guest_confirm_obstacle(event, registration, now=None):
    """Why a guest may not confirm ``registration`` (pending) now, or ``None``: the event must
    still take reservations from guests."""
    if registration is None:
        return _refusal(GUEST_GONE)
    return guest_obstacle(event, now)


def guest_cancel_obstacle(event, registration, now=None):
    """Why a guest may not cancel ``registration`` by their link, or ``None``: until the
    event begins, as for everybody."""
    if registration is None:
        return _refusal(GUEST_GONE)
    if event.start <= (now or timezone.now()):
        return _refusal(STARTED)
    return None


def waiting_list_moves(event, now=None):
    """Whether waiting people may still get a place: only before the event begins."""
    return event.start > (now or timezone.now())


def places_left(capacity, confirmed_places):
    """Free places, or ``None`` when the event has no limit; ``confirmed_places``: the places
    the confirmed registrations take (a group registration takes several)."""
    if capacity is None:
        return None
    return max(capacity - confirmed_places, 0)


def fits(capacity, confirmed_places, places):
    """Whether a registration of ``places`` places gets a place now."""
    free = places_left(capacity, confirmed_places)
    return free is None or free >= places


@dataclass(frozen=True)
class SeatSummary:
    """What an event card or page says about an event's places, the same for everybody:
    free places, booked out, the waiting list; ``is_open``: reservations are taken now."""

    enabled: bool
    capacity: int | None = None
    confirmed_places: int = 0
    waiting_count: int = 0
    is_open: bool = False

    @property
    def free_places(self):
        return places_left(self.capacity, self.confirmed_places)

    @property
    def booked_out(self):
        return self.free_places == 0

    @property
    def waiting_list_open(self):
        return self.booked_out and self.is_open

    @property
    def state(self):
        """A word for the style of the label (its text says the same, not colour alone)."""
        if self.booked_out:
            return "waiting" if self.is_open else "booked-out"
        if not self.is_open:
            return "closed"
        return "free"

    @property
    def label(self):
        """The text: "3 places free", "Booked out", "Booked out – waiting list open (2 people
        waiting)", in the reader's language."""
        if self.waiting_list_open:
            if not self.waiting_count:
                return str(_("Booked out – waiting list open"))
            return ngettext(
                "Booked out – waiting list open (%(waiting)d person waiting)",
                "Booked out – waiting list open (%(waiting)d people waiting)",
                self.waiting_count,
            ) % {"waiting": self.waiting_count}
        if self.booked_out:
            return str(_("Booked out"))
        if not self.is_open:
            return str(_("Reservations closed"))
        if self.free_places is None:
            return str(_("Places free, no limit"))
        return ngettext("%(free)d place free", "%(free)d places free", self.free_places) % {
            "free": self.free_places
        }


NO_REGISTRATION = SeatSummary(enabled=False)


def seat_summaries(events, now=None):
    """{event pk: :class:`SeatSummary`} for ``events`` (pages with registration fields), in one
    query whatever their number (none if no event takes reservations). The language versions
    of an event share its places: counted by ``translation_key``."""
    now = now or timezone.now()
    keys = {event.translation_key for event in events if event.registration_enabled}
    taken = {}
    if keys:
        confirmed = Q(status=EventRegistration.Status.CONFIRMED)
        taken = {
            row["event__translation_key"]: row
            for row in EventRegistration.objects.filter(event__translation_key__in=keys)
            .order_by()
            .values("event__translation_key")
            .annotate(
                confirmed_places=Coalesce(Sum("places", filter=confirmed), 0),
                waiting_count=Count("pk", filter=Q(status=EventRegistration.Status.WAITING)),
            )
        }
    summaries = {}
    for event in events:
        if not event.registration_enabled:
            summaries[event.pk] = NO_REGISTRATION
            continue
        row = taken.get(event.translation_key, {})
        summaries[event.pk] = SeatSummary(
            enabled=True,
            capacity=event.capacity,
            confirmed_places=row.get("confirmed_places", 0),
            waiting_count=row.get("waiting_count", 0),
            is_open=event_obstacle(event, now) is None,
        )
    return summaries


@dataclass(frozen=True)
class RegistrationState:
    """Everything the event page shows about registration, for one person."""

    enabled: bool
    capacity: int | None = None
    # Places taken by confirmed registrations (a group registration takes several).
    confirmed_places: int = 0
    waiting_count: int = 0
    closes_at: datetime | None = None
    status: str | None = None
    waiting_position: int | None = None
    may_register: bool = False
    may_cancel: bool = False
    obstacle: str | None = None
    show_online_link: bool = False
    # The person's own registration: for which group, how many places.
    group_name: str = ""
    places: int = 1
    # The published groups the person leads, which they may register: [(pk, name)].
    lead_groups: tuple = ()
    # Reservations are taken now (from somebody).
    is_open: bool = False
    # Somebody without an account may reserve as a guest.
    guests_allowed: bool = False

    @property
    def seats(self):
        return SeatSummary(
            enabled=self.enabled,
            capacity=self.capacity,
            confirmed_places=self.confirmed_places,
            waiting_count=self.waiting_count,
            is_open=self.is_open,
        )

    @property
    def confirmed_count(self):
        return self.confirmed_places

    @property
    def free_places(self):
        return places_left(self.capacity, self.confirmed_places)

    @property
    def is_full(self):
        return self.free_places == 0

    @property
    def joins_waiting_list(self):
        """Whether a new registration goes to the waiting list: no place is free, or people
        wait already (nobody overtakes them)."""
        return self.is_full or (self.capacity is not None and self.waiting_count > 0)

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


def places_taken(registrations):
    """{confirmed_places, waiting_count} of ``registrations`` (one event), in one query; pending
    guests count for neither."""
    confirmed = Q(status=EventRegistration.Status.CONFIRMED)
    return registrations.aggregate(
        confirmed_places=Coalesce(Sum("places", filter=confirmed), 0),
        waiting_count=Count("pk", filter=Q(status=EventRegistration.Status.WAITING)),
    )


def groups_led_by(user):
    """The published action groups ``user`` leads (active lead membership): the groups they
    may register for events."""
    return ActionGroup.objects.published().filter(
        memberships__user=user,
        memberships__role=Membership.Role.LEAD,
        memberships__state=Membership.State.ACTIVE,
    )


def registration_state(user, event, now=None):
    """The registration state of ``event`` as ``user`` sees it, in at most four queries.
    Pending guest reservations take no place (``places_taken`` counts neither)."""
    now = now or timezone.now()
    if not event.registration_enabled:
        # Without registration the event is open to all, online link included.
        return RegistrationState(enabled=False, obstacle=DISABLED, show_online_link=True)
    registrations = EventRegistration.objects.for_event(event)
    taken = places_taken(registrations)
    registration = None
    if user.is_authenticated:
        registration = (
            registrations.with_waiting_position().select_related("group").filter(user=user).first()
        )
    obstacle = register_obstacle(user, event, None, now) if registration is None else None
    may_register = registration is None and obstacle is None
    is_open = event_obstacle(event, now) is None
    lead_groups = ()
    if may_register:
        lead_groups = tuple(groups_led_by(user).order_by("name", "pk").values_list("pk", "name"))
    return RegistrationState(
        enabled=True,
        capacity=event.capacity,
        confirmed_places=taken["confirmed_places"],
        waiting_count=taken["waiting_count"],
        closes_at=event.registration_closes,
        status=registration.status if registration else None,
        waiting_position=registration.waiting_position if registration else None,
        may_register=may_register,
        may_cancel=registration is not None and may_cancel(user, event, registration, now),
        obstacle=obstacle.code if obstacle else None,
        show_online_link=registration is not None and registration.is_confirmed,
        group_name=registration.group.name if registration and registration.group else "",
        places=registration.places if registration else 1,
        lead_groups=lead_groups,
        is_open=is_open,
        guests_allowed=(not user.is_authenticated and is_open and event.guest_registration_enabled),
    )
