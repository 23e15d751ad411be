"""Polls (Umfragen): a question with choices, one ballot per person, that editors create as
translatable snippets and place in pages.

A poll and its choices exist once per language (wagtail-localize keeps each choice's
``translation_key`` across the translations). Ballots refer to the poll and the choices by those
keys, so the German and the English version of a poll count together, and translating or
re-syncing a poll never touches the votes.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable, TranslatableMixin

OTHER_MAX_LENGTH = 200


class Poll(TranslatableMixin, ClusterableModel):
    class Kind(models.TextChoices):
        SINGLE = "single", _("One answer")
        MULTIPLE = "multiple", _("Several answers")

    class Voters(models.TextChoices):
        RESIDENTS = "residents", _("Residents with a confirmed email address")
        ANYONE = "anyone", _("Anyone (one ballot per browser session)")

    class Results(models.TextChoices):
        AFTER_VOTING = "after_voting", _("After voting")
        AFTER_CLOSING = "after_closing", _("After the poll has closed")
        ALWAYS = "always", _("Always")

    question = models.CharField(_("question"), max_length=200)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    kind = models.CharField(_("answers"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    max_choices = models.PositiveSmallIntegerField(
        _("at most this many answers"),
        default=0,
        help_text=_("For several answers; 0 allows every choice."),
    )
    allow_other = models.BooleanField(
        _("free-text answer"),
        default=False,
        help_text=_("People may add an answer of their own (at most 200 characters)."),
    )
    other_label = models.CharField(
        _("label of the free-text answer"), max_length=80, blank=True, default=""
    )
    opens_at = models.DateTimeField(_("opens at"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    voters = models.CharField(
        _("who may vote"), max_length=10, choices=Voters.choices, default=Voters.RESIDENTS
    )
    show_results = models.CharField(
        _("show results"), max_length=15, choices=Results.choices, default=Results.AFTER_VOTING
    )
    process = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("process"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional: the process page lists the poll in the phase during which it opens."
        ),
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="poll_closes_after_opening",
                violation_error_message=_("The poll must close after it opens."),
            )
        ]

    def __str__(self):
        return self.question

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens_at <= now and (self.closes_at is None or now < self.closes_at)

    def is_closed(self, now=None):
        return self.closes_at is not None and (now or timezone.now()) >= self.closes_at

    @property
    def is_multiple(self):
        return self.kind == self.Kind.MULTIPLE

    @property
    def choice_limit(self):
        """How many choices one ballot may tick."""
        if not self.is_multiple:
            return 1
        return self.max_choices or None


class PollChoice(TranslatableMixin, Orderable):
    poll = ParentalKey(Poll, on_delete=models.CASCADE, related_name="choices")
    label = models.CharField(_("answer"), max_length=120)

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        # The id breaks ties of the editors' order, so that results list in a stable order.
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.label


class Ballot(models.Model):
    """One person's (or, where anyone may vote, one browser session's) ballot in a poll, in
    whichever language they voted; they may change it until the poll closes."""

    poll_key = models.UUIDField(_("poll"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="ballots",
    )
    session_key = models.CharField(_("session"), max_length=40, blank=True)
    other_text = models.CharField(
        _("own answer"), max_length=OTHER_MAX_LENGTH, blank=True, default=""
    )
    created_at = models.DateTimeField(_("cast at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        # The editors' statistics count today's ballots live (participation.statistics).
        indexes = [models.Index(fields=["created_at"], name="ballot_created")]
        constraints = [
            models.UniqueConstraint(
                fields=["poll_key", "user"],
                condition=Q(user__isnull=False),
                name="one_ballot_per_person",
            ),
            models.UniqueConstraint(
                fields=["poll_key", "session_key"],
                condition=Q(user__isnull=True) & ~Q(session_key=""),
                name="one_ballot_per_session",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(session_key=""),
                name="ballot_has_a_voter",
            ),
        ]

    def __str__(self):
        return f"{self.poll_key} ({self.user_id or self.session_key[:8]})"


class BallotChoice(models.Model):
    """A choice ticked on a ballot, by the choice's ``translation_key``."""

    ballot = models.ForeignKey(
        Ballot, verbose_name=_("ballot"), on_delete=models.CASCADE, related_name="choices"
    )
    choice_key = models.UUIDField(_("answer"), db_index=True)

    class Meta:
        verbose_name = _("ticked answer")
        verbose_name_plural = _("ticked answers")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "choice_key"], name="one_tick_per_answer")
        ]

    def __str__(self):
        return str(self.choice_key)
