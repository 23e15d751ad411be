"""Proposals that residents submit to a vision process, their versions and supports.

The process is a page with the process rules and proposal routes (``participation.hosts``);
participation refers to it as a plain Wagtail page so that it never imports the page apps.
Counters are kept by the database (``F()`` updates in the services), never by read-modify-write
in Python.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.fields import RichTextField

from participation.municipalities import MUNICIPALITY_CHOICES, nearest_municipality

from .moderation import Contribution, ContributionQuerySet, Moderation


class ProposalQuerySet(ContributionQuerySet):
    def in_process(self, process):
        return self.filter(process=process)


class Whereabouts(models.Model):
    """Where a proposal applies: a municipality of the region and a point on the map, each
    optional. Proposals and their versions have them."""

    municipality = models.CharField(
        _("municipality"), max_length=60, choices=MUNICIPALITY_CHOICES, blank=True
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )

    class Meta:
        abstract = True

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def place_name(self):
        """Where it applies in words, never as coordinates (see ``place_name``)."""
        return place_name(self.latitude, self.longitude, self.municipality)


def place_name(latitude, longitude, municipality=""):
    """The municipality the author chose; without one, "in der Nähe von Gadebusch" for a point
    on the map near Gadebusch; "" for neither (or for a point far from the region)."""
    if municipality:
        return municipality
    nearest = nearest_municipality(latitude, longitude)
    return _("near %(municipality)s") % {"municipality": nearest} if nearest else ""


class Proposal(Contribution, Whereabouts):
    """A resident's idea for the region, submitted to one process."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        IMPLEMENTED = "implemented", _("Implemented")

    process = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Empty once the author deleted their account: the proposal stays, under "Deleted account".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    title = models.CharField(_("title"), max_length=120)
    summary = models.TextField(_("summary"), max_length=500)
    text = models.TextField(
        _("text"), max_length=10_000, help_text=_("Plain text; empty lines separate paragraphs.")
    )
    field_of_action = models.ForeignKey(
        "cms.FieldOfAction",
        verbose_name=_("field of action"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    image = models.ImageField(
        _("image"),
        upload_to="proposals/%Y/%m/",
        blank=True,
        help_text=_("Re-encoded on upload; location and camera data are removed."),
    )
    image_alt = models.CharField(_("image description"), max_length=250, blank=True)

    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.SUBMITTED
    )
    moderation = models.CharField(
        _("moderation"), max_length=20, choices=Moderation.choices, default=Moderation.PUBLISHED
    )
    qualified_at = models.DateTimeField(
        _("qualified at"),
        null=True,
        blank=True,
        help_text=_("When the proposal reached the process's support threshold."),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    answer = RichTextField(
        _("official answer"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    support_count = models.PositiveIntegerField(_("supports"), default=0, editable=False)
    comment_count = models.PositiveIntegerField(_("comments"), default=0, editable=False)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    reports = GenericRelation(
        "participation.Report", content_type_field="target_type", object_id_field="target_id"
    )
    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["process", "moderation", "-created_at"]),
            models.Index(fields=["process", "moderation", "-support_count"]),
            # The listing's default (random) order and its count read only these columns: the
            # index answers them without visiting the wide rows of thousands of proposals.
            models.Index(fields=["process", "moderation", "withdrawn_at", "id"]),
            # The read API's pages over all processes (opendata.api): its orderings, each with
            # the id that breaks ties, so that any page of results is read from the index.
            models.Index(fields=["moderation", "created_at", "id"]),
            models.Index(fields=["moderation", "updated_at", "id"]),
            models.Index(fields=["moderation", "support_count", "id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (Q(latitude__gte=-90) & Q(latitude__lte=90))
                & (Q(longitude__gte=-180) & Q(longitude__lte=180)),
                name="proposal_location_in_range",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    # Residents discuss proposals (participation.views.comments); the process's phases decide when.
    comments_enabled = True

    def comment_process(self):
        return self.process.specific

    def get_url(
        self, request=None, route="proposal", *, full=False, below_process=False, language=None
    ):
        """The address of the proposal's page, or of another of its routes ("edit", "withdraw",
        "support"), below its process page (``participation.hosts.ProposalRoutesMixin``), with
        the route segments of the process page's language.

        ``full``: with scheme and host, for emails (None when the page has no site);
        ``below_process``: only the part after the address of the process page in ``language``
        (default: the main language), which search adds to whichever language version of the
        process it shows (``cms.models.RoutableBasePage.localize_subpath``).
        """
        if below_process:
            routes = self.process.specific_class
            if routes is None:
                return ""
            return routes.proposal_path(self.pk, route, language=language)
        return self.process.specific.proposal_url(request, self.pk, route, full=full)

    @property
    def is_qualified(self):
        return self.qualified_at is not None


class ProposalVersion(Whereabouts):
    """What a proposal said before an edit; the proposal page shows this history."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=120)
    summary = models.TextField(_("summary"), max_length=500)
    text = models.TextField(_("text"), max_length=10_000)
    field_of_action = models.ForeignKey(
        "cms.FieldOfAction",
        verbose_name=_("field of action"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Whether the version had an image, and its description. A replaced or removed image file
    # is deleted: the author may have had reasons to take it down.
    had_image = models.BooleanField(_("had an image"), default=False)
    image_alt = models.CharField(_("image description"), max_length=250, blank=True)
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposal version")
        verbose_name_plural = _("proposal versions")
        ordering = ["proposal", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "number"], name="unique_proposal_version_number"
            )
        ]

    def __str__(self):
        return f"{self.proposal} ({self.number})"


class Support(models.Model):
    """A verified resident's support for a proposal; one per person and proposal."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="supports",
    )
    process = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The proposal's process, kept here to count a person's budget quickly."),
    )
    created_at = models.DateTimeField(_("supported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="one_support_per_person")
        ]
        indexes = [
            models.Index(fields=["user", "process"]),
            # The editors' statistics count today's supports live (participation.statistics).
            models.Index(fields=["created_at"]),
        ]

    def __str__(self):
        return f"{self.user} → {self.proposal}"
