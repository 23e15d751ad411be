"""What a page must have to host participation: the rules and phases of a process, and the
registration of an event. Abstract; the page apps' pages inherit them through
:mod:`participation.hosts`, and participation reads nothing else from its hosts."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProcessHostMixin(models.Model):
    """The rules of a process that residents submit proposals to, and its phases.

    The host page declares two more things participation reads:

    - ``phases``: the process's phases (a child relation) with ``start`` and ``end`` (dates) and
      the flags ``allows_submit``, ``allows_edit``, ``allows_comment``, ``allows_support``;
    - ``fields_of_action``: the fields of action residents choose from (a many-to-many field to
      the platform's taxonomy; none chosen means all of the process's language).
    """

    class Moderation(models.TextChoices):
        POST = "post", _("Post-moderation: proposals appear at once")
        PRE = "pre", _("Pre-moderation: proposals appear after a moderator approves them")

    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.POST
    )
    support_budget = models.PositiveIntegerField(
        _("supports per resident"),
        default=0,
        help_text=_("How many proposals one resident may support in this process; 0: no limit."),
    )
    qualified_threshold = models.PositiveIntegerField(
        _("support threshold"),
        default=0,
        help_text=_("Supports at which a proposal is marked as qualified; 0: none."),
    )
    max_proposals_per_resident = models.PositiveIntegerField(
        _("proposals per resident"),
        default=0,
        help_text=_("How many proposals one resident may submit; 0: no limit."),
    )
    edit_window_hours = models.PositiveIntegerField(
        _("edit window (hours)"),
        default=72,
        help_text=_(
            "How long after submitting authors may edit, while the phase allows it; "
            "0: as long as the phase allows it."
        ),
    )

    # What residents follow it as (participation.rules.follows).
    follow_kind = "process"

    class Meta:
        abstract = True

    @property
    def is_pre_moderated(self):
        """Whether new and changed contributions wait for a moderator."""
        return self.moderation == self.Moderation.PRE

    def current_phase(self, now=None):
        """The phase running at ``now`` (default: now), or None between and after phases."""
        today = timezone.localdate(now)
        for phase in self.phases.all():
            if phase.start <= today <= phase.end:
                return phase
        return None

    def allows(self, action, now=None):
        """Whether the current phase allows ``action``: submit, edit, comment or support."""
        phase = self.current_phase(now)
        return phase is not None and getattr(phase, f"allows_{action}")


def is_pre_moderated(process):
    """Whether ``process`` (a process host, or None for a page without one) holds new
    contributions for a moderator."""
    return isinstance(process, ProcessHostMixin) and process.is_pre_moderated


class RegistrationHost(models.Model):
    """Registration for an event page: whether it is open, how many places, until when.

    The host page declares ``start`` and ``end`` (moments): registration closes at the start
    at the latest, and cancelling is possible until then. Like the capacity, whether guests may
    reserve is the same in every language version (wagtail-localize synchronises the field).
    """

    registration_enabled = models.BooleanField(
        _("registration"), default=True, help_text=_("Residents can register on this page.")
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Number of places. Leave empty for no limit."),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty to accept registrations until the event starts."),
    )

    guest_registration_enabled = models.BooleanField(
        _("reservation without an account"),
        default=False,
        help_text=_(
            "People without an account can reserve a place with their name and email address; "
            "they confirm it by a link in an email."
        ),
    )

    class Meta:
        abstract = True

    @property
    def registration_closes(self):
        """When registration closes: the deadline, else the start."""
        return self.registration_deadline or self.start


class CompetenceFormatHost(models.Model):
    """A format that builds action groups' competences (an event, a learning path): editors
    mark the stages of groups it suits; with the page's ``fields_of_action`` this decides where
    a group page shows it under "Passende Formate"."""

    suits_founding = models.BooleanField(
        _("suits groups that are founding"),
        default=False,
        help_text=_("Groups whose undertakings are ideas, or that have none yet."),
    )
    suits_planning = models.BooleanField(
        _("suits groups that are planning"),
        default=False,
        help_text=_("Groups with an undertaking in planning."),
    )
    suits_running = models.BooleanField(_("suits groups with running undertakings"), default=False)

    class Meta:
        abstract = True

    @property
    def suited_stages(self):
        """The stages (``participation.models.Stage`` values) this format suits."""
        return [
            stage
            for stage in ("founding", "planning", "running")
            if getattr(self, f"suits_{stage}")
        ]
