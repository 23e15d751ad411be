"""Downloads of a person's own data (GDPR Art. 15 and 20)."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def hash_token(token):
    """What the database keeps of a download link's secret: the link itself is only in the
    person's browser (and e-mail), so that a copy of the database opens no download."""
    return hashlib.sha256(token.encode()).hexdigest()


# A downloaded archive is kept this long (a second look at the page still says when it was
# downloaded), then retention deletes it.
DOWNLOADED_KEPT = timedelta(days=1)


class DataExportQuerySet(models.QuerySet):
    def past_keeping(self, now):
        """What retention deletes at ``now``: downloads past ``expires_at`` (a ready one 24
        hours after it was ready; one that waited or failed, 24 hours after it was asked for)
        and downloads fetched more than :data:`DOWNLOADED_KEPT` ago."""
        return self.filter(Q(expires_at__lte=now) | Q(downloaded_at__lt=now - DOWNLOADED_KEPT))

    def usable(self, now=None):
        """Ready, not yet downloaded and not expired."""
        now = now or timezone.now()
        return self.filter(state=DataExport.State.READY, downloaded_at=None, expires_at__gt=now)


class DataExport(models.Model):
    """A ZIP of everything stored about a person, made by the worker (or in the request when
    there is none). Its link works once, for its owner only, until ``expires_at``."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="data_exports",
    )
    token_hash = models.CharField(_("link secret (hashed)"), max_length=64, unique=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    # A few hundred kilobytes at most; in the database, so that every server process can hand
    # it out and deleting the row deletes the data.
    archive = models.BinaryField(_("archive"), null=True, editable=False)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now, editable=False)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    downloaded_at = models.DateTimeField(_("downloaded at"), null=True, blank=True)

    objects = DataExportQuerySet.as_manager()

    class Meta:
        verbose_name = _("data download")
        verbose_name_plural = _("data downloads")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="export_by_person")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="ready") | Q(archive__isnull=False),
                name="ready_export_has_archive",
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.get_state_display()})"
