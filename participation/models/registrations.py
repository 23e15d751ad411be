"""Registrations for events. The event is any page with registration fields (home.EventPage);
participation refers to it as a plain Wagtail page so that it never imports the page apps.

A registration belongs to a person with an account, or to a guest who reserved with a name and
an email address (``user`` empty). A guest's registration is *pending* until they confirm it by
the link in an email: until then it takes no place and holds no position in the waiting list.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventRegistrationQuerySet(models.QuerySet):
    def for_event(self, event):
        """Registrations for ``event`` in any of its languages: the versions share the places."""
        return self.filter(event__translation_key=event.translation_key)

    def guests(self):
        return self.filter(user=None)

    def confirmed(self):
        return self.filter(status=EventRegistration.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=EventRegistration.Status.WAITING)

    def in_queue_order(self):
        """First come, first served: the order in which the waiting list moves up."""
        return self.order_by("created_at", "pk")

    def with_waiting_position(self):
        """Annotate ``waiting_position``: 1 for the first person waiting, ``None`` if confirmed."""
        ahead = (
            EventRegistration.objects.waiting()
            .filter(event__translation_key=OuterRef("event__translation_key"))
            .filter(
                Q(created_at__lt=OuterRef("created_at"))
                | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
            )
            .order_by()
            .values("event__translation_key")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(
            waiting_position=models.Case(
                models.When(
                    status=EventRegistration.Status.WAITING,
                    then=Coalesce(Subquery(ahead), Value(0)) + 1,
                ),
                default=None,
                output_field=models.IntegerField(),
            )
        )


class EventRegistration(models.Model):
    """A person's place at an event, or their place in its waiting list.

    ``event`` is the language version the person registered on (emails use its language); the
    versions of one event share its places and waiting list. Cancelling deletes the
    registration; the services keep the waiting list in order.

    A guest (``user`` empty) gives ``guest_name`` and ``guest_email``; their ``created_at`` is
    when they confirmed (their place in the queue), or while pending when they asked.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        PENDING = "pending", _("Awaiting email confirmation")

    event = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    # Only for guests: never shown publicly; deleted with the registration after the event
    # (participation.retention).
    guest_name = models.CharField(_("guest's name"), max_length=120, blank=True)
    guest_email = models.EmailField(_("guest's email address"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    # A lead may register for their action group: the places they take count for the capacity.
    group = models.ForeignKey(
        "participation.ActionGroup",
        verbose_name=_("for the action group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    places = models.PositiveSmallIntegerField(
        _("places"), default=1, help_text=_("How many people come with this registration.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, editable=False)

    objects = EventRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="unique_event_registration"),
            # Addresses are stored in lower case (services.request_guest_place).
            models.UniqueConstraint(
                fields=["event", "guest_email"],
                condition=models.Q(user=None),
                name="unique_guest_registration",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(user__isnull=False, guest_email="", guest_name="")
                    | (models.Q(user=None) & ~models.Q(guest_email=""))
                ),
                name="registration_of_person_or_guest",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="pending") | models.Q(user=None),
                name="only_guests_await_confirmation",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "created_at"], name="registration_queue_idx")
        ]

    def __str__(self):
        return f"{self.person_name} – {self.event} ({self.get_status_display()})"

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def is_guest(self):
        return self.user_id is None

    @property
    def person_name(self):
        """The display name of the person, or the name a guest gave (editors' lists only)."""
        return self.guest_name if self.is_guest else self.user.display_name

    @property
    def guest_label(self):
        """ "Guest" for a reservation without an account, else empty (editors' lists)."""
        return str(_("Guest")) if self.is_guest else ""

    @property
    def email_address(self):
        """Where the person is reached (editors' lists and the e-mails only)."""
        return self.guest_email if self.is_guest else self.user.email

    @property
    def group_name(self):
        """The action group registered with this registration, or an empty string."""
        return self.group.name if self.group_id else ""
