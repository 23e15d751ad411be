"""What every contribution (proposal, comment …) shares: one moderation state, one rule for who
may read it, and the reports people make about it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Moderation(models.TextChoices):
    PUBLISHED = "published", _("Published")
    PENDING = "pending", _("Awaiting moderation")
    HIDDEN = "hidden", _("Hidden by moderation")


class ContributionQuerySet(models.QuerySet):
    """Every public read of a contribution (pages, listings, counts, maps, search, feeds,
    exports, notifications) goes through :meth:`visible_to`."""

    def published(self):
        return self.filter(moderation=Moderation.PUBLISHED)

    def visible_to(self, user):
        """What ``user`` may read: published contributions, and their own ones unless a
        moderator hid them. Moderators see everything through the admin, not through this."""
        visible = Q(moderation=Moderation.PUBLISHED)
        if user is not None and user.is_authenticated:
            visible |= Q(author=user) & ~Q(moderation=Moderation.HIDDEN)
        return self.filter(visible)


class ReportQuerySet(models.QuerySet):
    def of(self, target):
        """The reports about ``target``."""
        from .comments import target_type_of

        return self.filter(target_type=target_type_of(target), target_id=target.pk)

    def open(self):
        """Not yet reviewed by a moderator."""
        return self.filter(reviewed_at=None)


class Report(models.Model):
    """A signed-in person reports a contribution (proposal, comment …) with a reason; once per
    person and contribution. Enough open reports hide it until a moderator decides."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        INSULT = "insult", _("Insult or harassment")
        OFF_TOPIC = "off_topic", _("Off-topic")
        ILLEGAL = "illegal", _("Illegal content")
        OTHER = "other", _("Something else")

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
        indexes = [models.Index(fields=["target_type", "target_id", "reviewed_at"])]

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
