"""What every contribution (proposal, comment …) shares: one moderation state, one rule for who
may read it, and the reports people make about it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.accounts import DELETED_ACCOUNT


class Moderation(models.TextChoices):
    PUBLISHED = "published", _("Published")
    PENDING = "pending", _("Awaiting moderation")
    HIDDEN = "hidden", _("Hidden by moderation")


def target_type_of(target):
    """The content type of what a comment or report is about (a proposal, a page …)."""
    # A Wagtail page knows its specific type even when it was loaded as a plain page.
    content_type_id = getattr(target, "content_type_id", None)
    if content_type_id is not None and hasattr(target, "specific_class"):
        return ContentType.objects.get_for_id(content_type_id)
    return ContentType.objects.get_for_model(target)


def visibility(user):
    """The condition of :meth:`ContributionQuerySet.visible_to`, to combine with others."""
    visible = Q(moderation=Moderation.PUBLISHED)
    if user is not None and user.is_authenticated:
        visible |= Q(author=user)
    return visible


class ContributionQuerySet(models.QuerySet):
    """Every public read of a contribution (pages, listings, counts, maps, search, feeds,
    exports, notifications) goes through :meth:`visible_to` or :meth:`readable`."""

    def published(self):
        return self.filter(moderation=Moderation.PUBLISHED)

    def visible_to(self, user):
        """What ``user`` may read: published contributions, and their own ones, also waiting or
        hidden ones (the pages tell them so). Moderators see everything through the admin, not
        through this."""
        return self.filter(visibility(user))

    def readable(self):
        """What everybody may read (search, feeds, vision origins): :meth:`visible_to` for
        nobody in particular."""
        return self.visible_to(None)


class Contribution:
    """What every contribution model (a ``moderation`` field with :class:`Moderation`) answers
    about its state, so that templates and rules never compare state strings. Its one-row
    counterpart of :meth:`ContributionQuerySet.readable` is :attr:`is_readable`."""

    Moderation = Moderation
    reportable = True

    @property
    def author_name(self):
        """The author's display name as plain text; "Deleted account" once they deleted it."""
        if self.author_id is None:
            return str(DELETED_ACCOUNT)
        return self.author.display_name

    @property
    def is_published(self):
        return self.moderation == Moderation.PUBLISHED

    @property
    def is_pending(self):
        return self.moderation == Moderation.PENDING

    @property
    def is_hidden(self):
        return self.moderation == Moderation.HIDDEN

    @property
    def is_readable(self):
        """Whether everybody may read it."""
        return self.is_published


class Reason(models.TextChoices):
    """Why a contribution is reported, hidden, or its author blocked: one list for residents
    and moderators, so that a report's reason can become the moderator's."""

    SPAM = "spam", _("Spam or advertising")
    INSULT = "insult", _("Insult or harassment")
    OFF_TOPIC = "off_topic", _("Off-topic")
    ILLEGAL = "illegal", _("Illegal content")
    PRIVACY = "privacy", _("Personal data of others")
    OTHER = "other", _("Something else")


class ReportQuerySet(models.QuerySet):
    def of(self, target):
        """The reports about ``target``."""
        return self.filter(target_type=target_type_of(target), target_id=target.pk)

    def open(self):
        """Not yet reviewed by a moderator."""
        return self.filter(reviewed_at=None)


class Report(models.Model):
    """A signed-in person reports a contribution (proposal, comment …) with a reason; once per
    person and contribution. Enough open reports hide it until a moderator decides."""

    Reason = Reason

    target_type = models.ForeignKey(
        ContentType, verbose_name=_("reported type"), on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(_("reported object"))
    target = GenericForeignKey("target_type", "target_id")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now, editable=False)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id", "reporter"], name="one_report_per_person"
            )
        ]
        indexes = [
            models.Index(fields=["target_type", "target_id", "reviewed_at"]),
            # The moderation queue groups the open reports only, however many were settled.
            models.Index(
                fields=["target_type", "target_id"],
                condition=Q(reviewed_at=None),
                name="report_open",
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.reporter})"


class IllegalContentNotice(models.Model):
    """A notice about illegal content from anybody, also without an account (EU Digital Services
    Act, Art. 16): what, where, why, and how to reach the sender."""

    class Reason(models.TextChoices):
        HATE = "hate", _("Hate speech or incitement")
        DEFAMATION = "defamation", _("Defamation or insult")
        PRIVACY = "privacy", _("Personal data published without consent")
        COPYRIGHT = "copyright", _("Copyright infringement")
        OTHER = "other", _("Other illegal content")

    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    url = models.URLField(_("address of the content"), max_length=500)
    explanation = models.TextField(_("explanation"), max_length=2000)
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("email address"))
    created_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice of illegal content")
        verbose_name_plural = _("notices of illegal content")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.url}"


class Block(models.Model):
    """A moderator blocks a person: they cannot sign in or take part (``is_active`` is off) and
    are told why. Lifting the block keeps the record, so the history stays."""

    # Empty once the person deleted their account (they may, also while blocked): the record
    # stays under ``pseudonym``.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="blocks",
    )
    pseudonym = models.CharField(
        _("pseudonym"),
        max_length=40,
        blank=True,
        editable=False,
        help_text=_("Stands for the person once they deleted their account."),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.TextField(
        _("note to the person"),
        max_length=500,
        blank=True,
        help_text=_("Shown to the blocked person when they try to sign in."),
    )
    hid_contributions = models.BooleanField(_("contributions hidden"), default=False)
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("blocked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("blocked at"), default=timezone.now, editable=False)
    lifted_at = models.DateTimeField(_("unblocked at"), null=True, blank=True, editable=False)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("unblocked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(lifted_at=None), name="one_active_block_per_person"
            )
        ]

    def __str__(self):
        return f"{self.user or self.pseudonym} ({self.get_reason_display()})"

    @property
    def is_active(self):
        return self.lifted_at is None

    def _person(self):
        """The blocked person, or their pseudonym once they deleted their account."""
        return self.user or self.pseudonym

    _person.short_description = _("person")
    person = property(_person)


class ModerationLogEntry(models.Model):
    """One moderation action: who did what to which contribution or person, why, and when.
    Written by the services in the same transaction as the action; nobody edits or deletes
    entries (the admin shows them read-only)."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("Approved")
        HIDE = "hide", _("Hidden")
        AUTO_HIDE = "auto_hide", _("Hidden automatically after reports")
        RESTORE = "restore", _("Restored")
        REVIEW = "review", _("Reports reviewed")
        BLOCK = "block", _("Person blocked")
        UNBLOCK = "unblock", _("Person unblocked")

    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the platform acted by itself (enough reports)."),
    )
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("type"), on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(_("object"))
    target = GenericForeignKey("target_type", "target_id")
    # What the item said when the action was taken: it may change or go later.
    target_label = models.CharField(_("item"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Stands for the author once they deleted their account: the moderation record stays
    # pseudonymised, so that moderators still see what belonged together.
    author_pseudonym = models.CharField(
        _("author (deleted account)"), max_length=40, blank=True, editable=False
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    note = models.TextField(_("note"), max_length=500, blank=True)
    # The state before the action: lifting a block puts back what it hid as it was (a
    # contribution that waited for moderation waits again).
    previous_moderation = models.CharField(
        _("state before"), max_length=20, choices=Moderation.choices, blank=True
    )
    # A block outlives the blocked person's account (pseudonymised); the log keeps its entries.
    block = models.ForeignKey(
        Block,
        verbose_name=_("block"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="log_entries",
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id", "created_at"])]

    def __str__(self):
        return f"{self.get_action_display()}: {self.target_label}"
