"""Mixins that host pages inherit to take part, owned by participation: the process rules and
phases it reads (:class:`ProcessHostMixin`), the proposal routes (:class:`ProposalRoutesMixin`),
the registration routes and capacity of events (:class:`RegistrationHostMixin`), and the
stages of action groups that a format suits (:class:`CompetenceFormatMixin`).

Participation never imports the page apps; what it needs from a host page is declared here.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from cms.subpages import translated_path

from .models.hosts import CompetenceFormatHost, ProcessHostMixin, RegistrationHost
from .views import proposals as proposal_views
from .views import registrations as registration_views

__all__ = [
    "CompetenceFormatMixin",
    "ProcessHostMixin",
    "ProposalRoutesMixin",
    "RegistrationHostMixin",
]


class CompetenceFormatMixin(CompetenceFormatHost):
    """A page that is a format for action groups (events, learning paths): the stages it suits
    (:class:`participation.models.CompetenceFormatHost`); group pages find such pages by this
    mixin and show the upcoming ones that fit under "Passende Formate"
    (:func:`participation.formats.suitable_formats`).

    The host page declares what participation reads besides the stages:

    - ``fields_of_action``: a many-to-many field to the platform's taxonomy;
    - ``start`` and ``end`` (moments) if the format is an event: only events that have not
      ended are suggested, soonest first. Formats without them (learning paths) have no date.
    """

    class Meta:
        abstract = True

    # Beside the fields of action in the editor: together they decide which groups see it.
    stage_panels = [
        MultiFieldPanel(
            [
                FieldPanel("suits_founding"),
                FieldPanel("suits_planning"),
                FieldPanel("suits_running"),
            ],
            heading=_("Suits action groups"),
            help_text=_(
                "Group pages suggest this format to groups with one of its fields of action "
                "in a stage ticked here."
            ),
        )
    ]

    @property
    def suited_stage_labels(self):
        """The stages this format suits, as the reader reads them (for "Suits action groups
        that are …")."""
        return [STAGE_ADJECTIVES[stage] for stage in self.suited_stages]


# How the line "Suits action groups that are …" names each stage.
STAGE_ADJECTIVES = {
    "founding": pgettext_lazy("action group stage", "founding"),
    "planning": pgettext_lazy("action group stage", "planning"),
    "running": pgettext_lazy("action group stage", "running"),
}


class ProposalRoutesMixin:
    """The proposal routes below a process page (a ``RoutablePageMixin`` page), handled by
    :mod:`participation.views.proposals`, and the addresses built from them.

    A proposal's address is :meth:`participation.models.Proposal.get_url`, which asks its process
    page for it here.
    """

    def submit_url(self, request=None):
        """Where residents submit a proposal to this process."""
        return self.get_url(request) + self.reverse_subpage("submit")

    @classmethod
    def proposal_path(cls, pk, route="proposal", language=None):
        """The address of proposal ``pk``'s route below the address of a process page in
        ``language`` (default: the site's main language)."""
        return cls.reverse_subpage_in(language or settings.LANGUAGE_CODE, route, kwargs={"pk": pk})

    def proposal_url(self, request, pk, route="proposal", *, full=False):
        """The address of a proposal's page (or another proposal route) below this page;
        ``full``: with scheme and host (None when the page has no site).

        A listing asks for dozens; the page's own address is worked out once per request.
        """
        if full:
            own = self.get_full_url(request)
            return own + self.reverse_subpage(route, kwargs={"pk": pk}) if own else None
        own = self.__dict__.get("_own_url")
        if own is None or own[0] is not request:
            own = self._own_url = (request, self.get_url(request))
        return own[1] + self.reverse_subpage(route, kwargs={"pk": pk})

    @translated_path("submit", de="vorschlaege/neu/", en="proposals/new/")
    def submit_route(self, request):
        return proposal_views.submit_proposal(request, self)

    @translated_path("proposal", de="vorschlaege/<int:pk>/", en="proposals/<int:pk>/")
    def proposal_route(self, request, pk):
        return proposal_views.proposal_detail(request, self, pk)

    @translated_path("edit", de="vorschlaege/<int:pk>/bearbeiten/", en="proposals/<int:pk>/edit/")
    def edit_route(self, request, pk):
        return proposal_views.edit_proposal(request, self, pk)

    @translated_path(
        "withdraw", de="vorschlaege/<int:pk>/zurueckziehen/", en="proposals/<int:pk>/withdraw/"
    )
    def withdraw_route(self, request, pk):
        return proposal_views.withdraw_proposal(request, self, pk)

    @translated_path(
        "support", de="vorschlaege/<int:pk>/unterstuetzen/", en="proposals/<int:pk>/support/"
    )
    def support_route(self, request, pk):
        return proposal_views.support_proposal(request, self, pk)


class RegistrationHostMixin(RegistrationHost):
    """An event page residents register for: the contract of :class:`RegistrationHost` and the
    routes to register and cancel (:mod:`participation.views.registrations`)."""

    class Meta:
        abstract = True

    @translated_path("register", de="anmelden/", en="register/")
    def register_route(self, request):
        return registration_views.register(request, self)

    @translated_path("cancel", de="abmelden/", en="cancel/")
    def cancel_route(self, request):
        return registration_views.cancel(request, self)

    @translated_path("reserve_as_guest", de="reservieren/", en="reserve/")
    def reserve_as_guest_route(self, request):
        return registration_views.reserve_as_guest(request, self)
