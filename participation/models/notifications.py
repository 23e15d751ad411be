"""Following, notifications and the outbox.

- :class:`Follow`: a person follows a thing (a process, vision, proposal, action group, field of
  action); authors and commenters follow automatically (``automatic``), and may unfollow.
- :class:`Activity`: something that happened (a new phase, an answer, a reply …), once; ``key``
  makes announcing the same thing twice (two workers, a retried task) a no-op.
- :class:`Notification`: one activity for one recipient, at most once (unique), with the
  ``reason`` the recipient's delivery preference is looked up by, when it was read in the site
  and when it was e-mailed (immediately or in a digest).
- :class:`NotificationPreference`: how a person wants one reason delivered.
- :class:`OutgoingMail`: every e-mail of the platform, written in the request's transaction and
  sent by the worker; its state makes a retry never send twice and keeps the dead letters.
- :class:`PeriodicRun`: which periodic job ran for which slot (digests, reminders, phases), so that
  several workers never run one twice.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Reason(models.TextChoices):
    """Why a person hears about an activity; preferences are per reason."""

    PHASE_STARTED = "phase_started", _("A new phase of a process I follow")
    PROPOSAL_ANSWERED = "proposal_answered", _("An answer or a new state of a proposal")
    COMMENT_REPLY = "comment_reply", _("A reply to my comment")
    NEW_COMMENT = "new_comment", _("A new comment on my proposal or a thread I follow")
    MODERATION = "moderation", _("A moderation decision about my contribution")
    VISION_UPDATE = "vision_update", _("An implementation update of a vision I follow")
    GROUP_UPDATE = "group_update", _("An update of an action group I follow")
    GROUP_NEED = "group_need", _("A new need of an action group I follow")
    JOIN_REQUEST = "join_request", _("A request to join a group I lead")
    MEMBERSHIP = "membership", _("The outcome of my request to join a group")
    EVENT_REMINDER = "event_reminder", _("A reminder the day before an event")
    SEAT_FREED = "seat_freed", _("A place freed for me at an event")
    NEW_IN_FIELD = "new_in_field", _("Something new in a field of action I follow")


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    OFF = "off", _("Only on the site")


# What a person gets until they choose; what concerns them directly comes at once.
DEFAULT_DELIVERY = {
    Reason.PHASE_STARTED: Delivery.DAILY,
    Reason.PROPOSAL_ANSWERED: Delivery.IMMEDIATELY,
    Reason.COMMENT_REPLY: Delivery.IMMEDIATELY,
    Reason.NEW_COMMENT: Delivery.DAILY,
    Reason.MODERATION: Delivery.IMMEDIATELY,
    Reason.VISION_UPDATE: Delivery.DAILY,
    Reason.GROUP_UPDATE: Delivery.DAILY,
    Reason.GROUP_NEED: Delivery.DAILY,
    Reason.JOIN_REQUEST: Delivery.IMMEDIATELY,
    Reason.MEMBERSHIP: Delivery.IMMEDIATELY,
    Reason.EVENT_REMINDER: Delivery.IMMEDIATELY,
    Reason.SEAT_FREED: Delivery.IMMEDIATELY,
    Reason.NEW_IN_FIELD: Delivery.WEEKLY,
}

# A statement of reasons (EU Digital Services Act Art. 17) is always sent at once.
FIXED_DELIVERY = {Reason.MODERATION: Delivery.IMMEDIATELY}


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    automatic = models.BooleanField(
        _("followed automatically"),
        default=False,
        help_text=_("Followed as author or commenter, not by choice."),
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "target_type", "target_id"], name="one_follow_per_thing"
            )
        ]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="follow_target"),
            models.Index(fields=["user", "-created_at"], name="follow_person"),
        ]

    def __str__(self):
        return f"{self.user} → {self.target_type.model} {self.target_id}"


class Unfollow(models.Model):
    """A person stopped following a thing they would follow automatically (as its author or as
    a commenter): the next comment does not make them follow it again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unfollows"
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "target_type", "target_id"], name="one_unfollow_per_thing"
            )
        ]

    def __str__(self):
        return f"{self.user} ↛ {self.target_type.model} {self.target_id}"


class Activity(models.Model):
    """Something that happened on the platform that people may hear about."""

    kind = models.CharField(_("kind"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now, editable=False)
    fanned_out_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["target_type", "target_id"], name="activity_target")]

    def __str__(self):
        return f"{self.kind} {self.target_type.model} {self.target_id}"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at=None)

    def due_for_digest(self, delivery, until):
        """Not yet e-mailed, to be sent in a ``delivery`` digest, created up to ``until``."""
        return self.filter(delivery=delivery, emailed_at=None, created_at__lte=until)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="notifications")
    reason = models.CharField(_("reason"), max_length=40, choices=Reason.choices)
    delivery = models.CharField(
        _("delivery"), max_length=20, choices=Delivery.choices, default=Delivery.IMMEDIATELY
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now, editable=False)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    # Not e-mailed on purpose: delivery "off", or the content was no longer visible.
    skipped = models.BooleanField(default=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "activity"], name="one_notification_per_activity"
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at=None),
                name="notification_unread",
            ),
            models.Index(
                fields=["delivery", "created_at"],
                condition=Q(emailed_at=None, skipped=False),
                name="notification_digest_due",
            ),
        ]

    def __str__(self):
        return f"{self.recipient} – {self.reason}"


class NotificationPreference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    reason = models.CharField(_("reason"), max_length=40, choices=Reason.choices)
    delivery = models.CharField(_("delivery"), max_length=20, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(fields=["user", "reason"], name="one_preference_per_reason")
        ]

    def __str__(self):
        return f"{self.user}: {self.reason} → {self.delivery}"


class OutgoingMail(models.Model):
    """One e-mail to send; written in the request's transaction, sent by the worker."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        RETRYING = "retrying", _("Waiting for a retry")
        DEAD = "dead", _("Given up")

    recipients = models.JSONField(_("to"), default=list)
    subject = models.CharField(_("subject"), max_length=300)
    message = models.JSONField(
        default=dict, help_text="The serialised message: body, alternatives, headers, reply-to."
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now, editable=False)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["state", "created_at"],
                condition=~Q(state="sent"),
                name="outgoing_mail_unsent",
            )
        ]

    def __str__(self):
        return self.subject


class PeriodicRun(models.Model):
    """A periodic job that ran for one slot (``daily-digest`` for 2026-12-06)."""

    job = models.CharField(max_length=60)
    slot = models.CharField(max_length=40)
    started_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="one_run_per_slot")]

    def __str__(self):
        return f"{self.job} {self.slot}"
