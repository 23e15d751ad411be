"""Action groups (Aktionsgruppen): residents who gather around a vision and carry it into
action. A group has leads and members, keeps its undertakings (Vorhaben) with dated progress
updates, lists what it needs on the region's board beside what residents offer, and is written
to through the contact relay, which never shows an address.

Groups, updates, board entries and relay messages are contributions (one moderation state, one
rule for who may read them, reports). Counters (``member_count``) are kept by the database
(``F()`` updates in the services).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .moderation import Contribution, ContributionQuerySet, Moderation, visibility
from .proposals import Whereabouts

NAME_MAX_LENGTH = 80


def _reports():
    return GenericRelation(
        "participation.Report", content_type_field="target_type", object_id_field="target_id"
    )


def full_url(path, request=None):
    """``path`` with scheme and host: the request's, else the default site's (emails sent
    by the worker have no request); ``None`` when there is no site."""
    if request is not None:
        return request.build_absolute_uri(path)
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url + path if site is not None else None


class Stage(models.TextChoices):
    """Where a group stands, from the status of its undertakings; editors mark formats
    (events, learning paths) as suited to a stage."""

    FOUNDING = "founding", _("Founding")
    PLANNING = "planning", _("Planning")
    RUNNING = "running", _("Running")


class ActionGroupQuerySet(ContributionQuerySet):
    def visible_to(self, user):
        """What ``user`` may read: :meth:`ContributionQuerySet.visible_to`, and also the groups
        waiting for moderation that ``user`` leads (a co-lead sees the group before it is
        public). A hidden group stays with its founder only."""
        visible = visibility(user)
        if user is not None and user.is_authenticated:
            visible |= Q(moderation=Moderation.PENDING) & Exists(
                Membership.objects.filter(
                    group=OuterRef("pk"),
                    user=user,
                    role=Membership.Role.LEAD,
                    state=Membership.State.ACTIVE,
                )
            )
        return self.filter(visible)

    def with_vision(self, vision):
        """Groups that work on ``vision`` (any language version): named as theirs, or through
        one of their undertakings."""
        pages = Q(vision__translation_key=vision.translation_key) | Q(
            undertakings__vision__translation_key=vision.translation_key
        )
        return self.filter(pages).distinct()


class ActionGroup(Contribution, Whereabouts):
    """Residents who carry a vision (or any idea for the region) into action together.

    An empty ``municipality`` means the group works region-wide. ``author`` is the founder;
    the leads are the memberships with the lead role.
    """

    class Joining(models.TextChoices):
        OPEN = "open", _("Open: anybody can join with one click")
        REQUEST = "request", _("By request: the leads accept new members")

    Stage = Stage

    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    purpose = models.TextField(
        _("purpose"),
        max_length=3000,
        help_text=_("Plain text; empty lines separate paragraphs."),
    )
    fields_of_action = models.ManyToManyField(
        "cms.FieldOfAction", verbose_name=_("fields of action"), related_name="+"
    )
    image = models.ImageField(
        _("image"),
        upload_to="groups/%Y/%m/",
        blank=True,
        help_text=_("Re-encoded on upload; location and camera data are removed."),
    )
    image_alt = models.CharField(_("image description"), max_length=250, blank=True)
    joining = models.CharField(
        _("how to join"), max_length=10, choices=Joining.choices, default=Joining.OPEN
    )
    seeks_members = models.BooleanField(
        _("looking for members"),
        default=True,
        help_text=_("Shown in the overview; people can filter for groups that look for members."),
    )
    vision = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("vision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The vision the group works on."),
    )
    proposal = models.ForeignKey(
        "participation.Proposal",
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_groups",
    )
    process = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("process"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The founder. A deleted account leaves the group to its other leads.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("founded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="founded_groups",
    )
    moderation = models.CharField(
        _("moderation"), max_length=20, choices=Moderation.choices, default=Moderation.PENDING
    )
    featured = models.BooleanField(
        _("featured on the home page"),
        default=False,
        help_text=_("Editors choose a few groups for the home page."),
    )
    member_count = models.PositiveIntegerField(_("members"), default=0, editable=False)
    comment_count = models.PositiveIntegerField(_("comments"), default=0, editable=False)
    created_at = models.DateTimeField(_("founded at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    reports = _reports()
    objects = ActionGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("action group")
        verbose_name_plural = _("action groups")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("moderate_actiongroup", _("Can approve or hide action groups")),
            ("feature_actiongroup", _("Can feature action groups on the home page")),
        ]
        indexes = [
            models.Index(fields=["moderation", "-created_at"], name="group_listing"),
            models.Index(fields=["moderation", "municipality"], name="group_municipality"),
            models.Index(fields=["featured"], condition=Q(featured=True), name="group_featured"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (Q(latitude__gte=-90) & Q(latitude__lte=90))
                & (Q(longitude__gte=-180) & Q(longitude__lte=180)),
                name="group_location_in_range",
            )
        ]

    def __str__(self):
        return self.name

    # Residents discuss a group on its page (participation.views.comments); no phases apply.
    comments_enabled = True

    def comment_process(self):
        return None

    @property
    def is_regionwide(self):
        return not self.municipality

    def get_url(self, request=None, route="group", *, full=False):
        """The address of the group's page, or of another of its routes (``participation:<route>``
        with the group's ``pk``); ``full``: with scheme and host, for emails."""
        path = reverse(f"participation:{route}", kwargs={"pk": self.pk})
        return full_url(path, request) if full else path


class Membership(models.Model):
    """A person's place in a group: a lead, a member, or a request that waits for the leads.

    One row per person and group. Declined requests and removed members keep their row, with
    the reason the leads gave (the person sees it on the group's page); leaving deletes it.
    """

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        MEMBER = "member", _("Member")

    class State(models.TextChoices):
        REQUESTED = "requested", _("Request waiting")
        ACTIVE = "active", _("Member")
        DECLINED = "declined", _("Request declined")
        REMOVED = "removed", _("Removed by the leads")

    group = models.ForeignKey(
        ActionGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="group_memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    message = models.TextField(
        _("message to the leads"), max_length=500, blank=True, help_text=_("With a request.")
    )
    reason = models.TextField(
        _("reason"),
        max_length=500,
        blank=True,
        help_text=_("Why the leads declined the request or removed the member."),
    )
    placeholder = models.BooleanField(
        _("placeholder lead"),
        default=False,
        help_text=_(
            "Set by the platform when a group lost its last lead; moderators find a new one."
        ),
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now, editable=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_person"),
            models.CheckConstraint(
                condition=Q(role="member") | Q(state="active"), name="leads_are_active"
            ),
        ]
        indexes = [
            models.Index(fields=["group", "state", "role"], name="membership_group_state"),
            models.Index(fields=["user", "state"], name="membership_person_state"),
        ]

    def __str__(self):
        return f"{self.user} – {self.group} ({self.get_state_display()})"

    @property
    def is_active(self):
        return self.state == self.State.ACTIVE

    @property
    def is_lead(self):
        return self.is_active and self.role == self.Role.LEAD


class Undertaking(models.Model):
    """A Vorhaben: what a group sets out to do, with its status and dated progress updates.
    Tied to a vision, it appears on that vision's page."""

    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        PLANNING = "planning", _("Planning")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        PAUSED = "paused", _("Paused")

    # The stage a group is in while an undertaking has this status.
    STAGE = {
        Status.IDEA: Stage.FOUNDING,
        Status.PLANNING: Stage.PLANNING,
        Status.RUNNING: Stage.RUNNING,
    }

    group = models.ForeignKey(
        ActionGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="undertakings",
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(
        _("description"),
        max_length=3000,
        help_text=_("Plain text; empty lines separate paragraphs."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.IDEA
    )
    vision = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("vision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The vision this undertaking carries into action."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("undertaking")
        verbose_name_plural = _("undertakings")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["vision", "group"], name="undertaking_vision")]

    def __str__(self):
        return self.title

    @property
    def stage(self):
        return self.STAGE.get(self.status)


class GroupUpdate(Contribution, models.Model):
    """A dated progress report that a lead posts on the group's page (and its feed), optionally
    about one undertaking."""

    group = models.ForeignKey(
        ActionGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="updates"
    )
    undertaking = models.ForeignKey(
        Undertaking,
        verbose_name=_("undertaking"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="updates",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="group_updates",
    )
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(
        _("text"), max_length=5000, help_text=_("Plain text; empty lines separate paragraphs.")
    )
    moderation = models.CharField(
        _("moderation"), max_length=20, choices=Moderation.choices, default=Moderation.PUBLISHED
    )
    created_at = models.DateTimeField(_("posted at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    reports = _reports()
    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("group update")
        verbose_name_plural = _("group updates")
        ordering = ["-created_at", "-pk"]
        permissions = [("moderate_groupupdate", _("Can approve or hide group updates"))]
        indexes = [
            models.Index(fields=["group", "moderation", "-created_at"], name="update_group"),
            models.Index(
                fields=["undertaking", "moderation", "-created_at"], name="update_undertaking"
            ),
        ]

    def __str__(self):
        return self.title

    def get_url(self, request=None, *, full=False):
        """The update on its group's page."""
        path = reverse("participation:group", kwargs={"pk": self.group_id}) + f"#update-{self.pk}"
        return full_url(path, request) if full else path


class BoardEntry(Contribution, models.Model):
    """One line of the region's board: what a group needs ("Gesucht") or what a resident or
    partner offers ("Geboten"). An empty ``municipality`` means region-wide."""

    class Kind(models.TextChoices):
        NEED = "need", _("Wanted")
        OFFER = "offer", _("Offered")

    class Category(models.TextChoices):
        PEOPLE = "people", _("People with a skill")
        ROOM = "room", _("A room or place")
        MATERIAL = "material", _("Material or tools")
        KNOWHOW = "knowhow", _("Know-how")
        FUNDING = "funding", _("Funding advice")
        OTHER = "other", _("Something else")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # Needs belong to a group; an offer may be made on a group's behalf.
    group = models.ForeignKey(
        ActionGroup,
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="board_entries",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="board_entries",
    )
    category = models.CharField(_("what"), max_length=10, choices=Category.choices)
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=1500)
    field_of_action = models.ForeignKey(
        "cms.FieldOfAction",
        verbose_name=_("field of action"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    municipality = models.CharField(_("municipality"), max_length=60, blank=True)
    closed_at = models.DateTimeField(
        _("met or withdrawn at"),
        null=True,
        blank=True,
        help_text=_("A need that was met, or an offer that is no longer open."),
    )
    moderation = models.CharField(
        _("moderation"), max_length=20, choices=Moderation.choices, default=Moderation.PUBLISHED
    )
    created_at = models.DateTimeField(_("posted at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    reports = _reports()
    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("need or offer")
        verbose_name_plural = _("needs and offers")
        ordering = ["-created_at", "-pk"]
        permissions = [("moderate_boardentry", _("Can approve or hide needs and offers"))]
        indexes = [
            models.Index(
                fields=["kind", "moderation", "-created_at"],
                condition=Q(closed_at=None),
                name="board_open",
            ),
            models.Index(fields=["group", "kind", "moderation"], name="board_group"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="offer") | Q(group__isnull=False), name="needs_have_a_group"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_need(self):
        return self.kind == self.Kind.NEED

    @property
    def is_closed(self):
        return self.closed_at is not None

    def get_url(self, request=None, *, full=False):
        """The entry on the board."""
        path = reverse("participation:board") + f"#entry-{self.pk}"
        return full_url(path, request) if full else path


class RelayMessageQuerySet(ContributionQuerySet):
    def visible_to(self, user):
        """Nobody reads relayed messages on the site (their recipients got them by email;
        moderators see the records in the admin)."""
        return self.none()


class RelayMessage(Contribution, models.Model):
    """The record of a message sent through the contact relay: who wrote to which group (its
    leads) or to the author of which offer, and when. The text is not kept: it travels in the
    email only, and comes here only when the recipient reports the message."""

    # Who wrote: a signed-in person (``author``), or a visitor with a name and address.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sender"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="relay_messages",
    )
    sender_name = models.CharField(_("sender's name"), max_length=120, blank=True)
    sender_email = models.EmailField(_("sender's email address"), blank=True)
    group = models.ForeignKey(
        ActionGroup,
        verbose_name=_("to the leads of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="relay_messages",
    )
    entry = models.ForeignKey(
        BoardEntry,
        verbose_name=_("about the entry"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="relay_messages",
    )
    recipient_count = models.PositiveSmallIntegerField(_("recipients"), default=0)
    reply_to_shared = models.BooleanField(_("reply address shared"), default=False)
    reported_text = models.TextField(
        _("reported text"),
        blank=True,
        help_text=_("The text as the recipient reported it; empty unless reported."),
    )
    moderation = models.CharField(
        _("moderation"), max_length=20, choices=Moderation.choices, default=Moderation.PUBLISHED
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, editable=False)

    reports = _reports()
    objects = RelayMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("relayed message")
        verbose_name_plural = _("relayed messages")
        ordering = ["-created_at", "-pk"]
        permissions = [("moderate_relaymessage", _("Can review relayed messages"))]
        indexes = [
            models.Index(fields=["author", "created_at"], name="relay_by_person"),
            models.Index(fields=["sender_email", "created_at"], name="relay_by_address"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(group__isnull=False) | Q(entry__isnull=False),
                name="relay_has_recipient",
            )
        ]

    def __str__(self):
        return _("Message to %(recipient)s") % {"recipient": self.entry or self.group}

    @property
    def author_name(self):
        """A visitor's given name; a signed-in sender's display name."""
        if self.author_id is None and self.sender_name:
            return self.sender_name
        return super().author_name

    @property
    def excerpt(self):
        text = self.reported_text
        return (text[:80] + "…") if len(text) > 80 else text
