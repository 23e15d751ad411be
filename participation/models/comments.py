"""Comments on contributions and pages (proposals, visions, stories, and whatever later issues
add), one level of replies, and residents' "helpful" marks.

A comment refers to what it discusses through a generic relation (content type and id), so that
participation never imports the page apps. The counters are kept by the database (``F()``
updates in the services).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .moderation import Contribution, ContributionQuerySet, Moderation, target_type_of, visibility

MAX_LENGTH = 2000


class CommentQuerySet(ContributionQuerySet):
    def on(self, target):
        """The comments on ``target``."""
        return self.filter(target_type=target_type_of(target), target_id=target.pk)

    def readable(self):
        """What everybody may read: published comments that their authors did not delete."""
        return super().readable().filter(deleted_at=None)

    def thread(self, target, user):
        """The comments of ``target`` as ``user`` sees them in its thread: what
        :meth:`visible_to` shows them, and hidden and deleted ones as placeholders (so that the
        thread keeps its shape)."""
        return self.on(target).filter(visibility(user) | Q(moderation=Moderation.HIDDEN))


class Comment(Contribution, models.Model):
    """A resident's comment, or a reply to one (replies are one level deep)."""

    target_type = models.ForeignKey(
        ContentType, verbose_name=_("commented type"), on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(_("commented object"))
    target = GenericForeignKey("target_type", "target_id")
    # The process whose phases decide whether commenting is open (for proposals); moderators
    # filter their queue by it.
    process = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("process"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    # Empty once the author deleted their account: the comment stays, under "Deleted account".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    text = models.TextField(_("text"), max_length=MAX_LENGTH)
    moderation = models.CharField(
        _("moderation"), max_length=20, choices=Moderation.choices, default=Moderation.PUBLISHED
    )
    is_official = models.BooleanField(
        _("official moderator reply"),
        default=False,
        help_text=_("Written by a moderator in that role; shown with a badge."),
    )
    helpful_count = models.PositiveIntegerField(_("helpful marks"), default=0, editable=False)
    reply_count = models.PositiveIntegerField(_("replies"), default=0, editable=False)
    created_at = models.DateTimeField(_("written at"), default=timezone.now, editable=False)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True, editable=False)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, editable=False)

    reports = GenericRelation(
        "participation.Report", content_type_field="target_type", object_id_field="target_id"
    )
    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        permissions = [("moderate_comment", _("Can approve or hide comments"))]
        indexes = [
            models.Index(
                fields=["target_type", "target_id", "parent", "created_at"],
                name="comment_thread_oldest",
            ),
            models.Index(
                fields=["target_type", "target_id", "parent", "-helpful_count"],
                name="comment_thread_helpful",
            ),
            # The moderation queue's tabs "awaiting moderation" and "hidden": a few rows among
            # all comments.
            models.Index(
                fields=["moderation", "created_at"],
                condition=~models.Q(moderation=Moderation.PUBLISHED),
                name="comment_moderation_queue",
            ),
            # The editors' statistics count today's comments live (participation.statistics).
            models.Index(fields=["created_at"], name="comment_created"),
        ]

    def __str__(self):
        return self.text[:60]

    def get_url(self, request=None):
        """The comment in its thread."""
        return f"{self.target.get_url(request)}#comment-{self.pk}"

    @property
    def excerpt(self):
        return (self.text[:80] + "…") if len(self.text) > 80 else self.text

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def is_readable(self):
        return self.is_published and not self.is_deleted

    @property
    def is_reply(self):
        return self.parent_id is not None


class HelpfulMark(models.Model):
    """A resident found a comment helpful; one mark per person and comment."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="helpful_marks"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="helpful_marks",
    )
    created_at = models.DateTimeField(_("marked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("helpful mark")
        verbose_name_plural = _("helpful marks")
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="one_helpful_mark_per_person")
        ]

    def __str__(self):
        return f"{self.user} → {self.comment_id}"
