"""Proposals in the admin: the listing with filters and the moderation bulk actions, the
official answer editors give (state and reasons, the author is emailed), and the inspect view."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, NumberColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.models import Locale

import django_filters

from cms.taxonomy import FieldOfAction

from .. import rules, services
from ..models import Proposal
from .shared import (
    ContributionExportMixin,
    ContributionPermissionPolicy,
    ModerationIndexMixin,
    ProcessChoiceFilter,
    ReadableInspectView,
    ReportedFilter,
    moderation_bulk_actions,
)

PROPOSAL_LISTING_BUTTONS_HOOK = "register_proposal_listing_buttons"
"""Other apps add buttons to a proposal's row with this hook, e.g. visions' "Turn into a vision".
The hook gets ``(proposal, user, next_url)`` and returns or yields buttons."""


class ProposalPermissionPolicy(ContributionPermissionPolicy):
    """Editors answer proposals (the edit view is the answer form); moderators approve and hide
    them. Nobody adds or deletes proposals in the admin."""

    def user_has_permission(self, user, action):
        if action in ("answer", "change"):
            return rules.may_answer_proposals(user)
        return super().user_has_permission(user, action)


proposal_permission_policy = ProposalPermissionPolicy(Proposal)


def fields_of_action(request):
    """The fields of action in the default language; the filter matches every translation."""
    return FieldOfAction.objects.filter(locale=Locale.get_default()).order_by("sort_order", "pk")


class ProposalFilterSet(WagtailFilterSet):
    process = ProcessChoiceFilter(label=_("Process"))
    state = django_filters.ChoiceFilter(label=_("State"), choices=Proposal.State.choices)
    moderation = django_filters.ChoiceFilter(
        label=_("Moderation"), choices=Proposal.Moderation.choices
    )
    qualified = django_filters.BooleanFilter(
        label=_("Qualified"), field_name="qualified_at", lookup_expr="isnull", exclude=True
    )
    answered = django_filters.BooleanFilter(
        label=_("Answered"), field_name="answered_at", lookup_expr="isnull", exclude=True
    )
    field_of_action = django_filters.ModelChoiceFilter(
        label=_("Field of action"), queryset=fields_of_action, method="filter_field_of_action"
    )
    reported = ReportedFilter(label=_("Open reports"))

    class Meta:
        model = Proposal
        fields = [
            "process",
            "state",
            "moderation",
            "qualified",
            "answered",
            "field_of_action",
            "reported",
        ]

    def filter_field_of_action(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(field_of_action__translation_key=value.translation_key)


def proposal_title_id(proposal):
    return f"proposal_{proposal.pk}_title"


class ProposalIndexView(ContributionExportMixin, ModerationIndexMixin, IndexView):
    policy = proposal_permission_policy
    obj_type = "proposal"
    select_all_text = _("Select all proposals awaiting moderation")

    def moderation_actions(self):
        return PROPOSAL_BULK_ACTIONS

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("process", "author", "field_of_action")

    @cached_property
    def columns(self):
        title = self._get_title_column(
            "title", get_title_id=proposal_title_id, classname="title contribution-title"
        )
        return self.with_bulk_column([title, *super().columns[1:]])

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for hook in hooks.get_hooks(PROPOSAL_LISTING_BUTTONS_HOOK):
            buttons.extend(hook(instance, self.request.user, self.request.get_full_path()) or [])
        return buttons


class ProposalAnswerForm:
    """Validation the answer form adds to the model form (a mixin, see ``get_form_class``)."""

    ANSWER_NEEDED = {
        Proposal.State.ACCEPTED,
        Proposal.State.REJECTED,
        Proposal.State.IMPLEMENTED,
    }

    def clean(self):
        cleaned_data = super().clean()
        state = cleaned_data.get("state")
        answer = strip_tags(cleaned_data.get("answer") or "").strip()
        if state in self.ANSWER_NEEDED and not answer:
            self.add_error(
                "answer", _("Please give the reasons in an official answer for this state.")
            )
        return cleaned_data


class ProposalAnswerView(EditView):
    """Editors set the state with an official answer; the service saves it and emails the
    author. Residents' text is shown read-only (and escaped) above the form."""

    success_message = _("The answer to “%(object)s” was saved; the author is notified by email.")
    error_message = _("The answer could not be saved due to errors.")

    def get_form_class(self):
        form_class = super().get_form_class()
        return type(form_class.__name__, (ProposalAnswerForm, form_class), {})

    def form_valid(self, form):
        self.form = form
        # The form has already written the new values into self.object; the service gets the
        # proposal as it is in the database.
        proposal = Proposal.objects.get(pk=self.object.pk)
        try:
            self.object = services.answer_proposal(
                proposal,
                form.cleaned_data["state"],
                form.cleaned_data["answer"],
                self.request.user,
            )
        except rules.ParticipationError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        if self.object is None:
            self.object = Proposal.objects.get(pk=proposal.pk)
        self.unchanged = not getattr(self.object, "changed", True)
        if not self.unchanged:
            log(instance=self.object, action="participation.answer", user=self.request.user)
        return self.save_action()

    def get_success_message(self, *args, **kwargs):
        if getattr(self, "unchanged", False):
            return _(
                "Neither the state nor the answer of “%(object)s” changed; no email was sent."
            ) % {"object": self.object}
        return super().get_success_message(*args, **kwargs)


class ProposalInspectView(ReadableInspectView):
    def get_fields(self):
        return [
            "title",
            "summary",
            "text",
            "process",
            "author",
            "field_of_action",
            "municipality",
            "latitude",
            "longitude",
            "image_alt",
            "state",
            "moderation",
            "qualified_at",
            "withdrawn_at",
            "support_count",
            "comment_count",
            "answer",
            "answered_at",
            "created_at",
            "updated_at",
            "reports",
        ]

    def get_field_display_value(self, field_name, field):
        if field_name == "author":
            return self.object.author_name
        return super().get_field_display_value(field_name, field)


class ProposalViewSet(ModelViewSet):
    model = Proposal
    name = "proposals"
    icon = "comment"
    menu_label = _("Proposals")
    menu_order = 240
    add_to_admin_menu = True
    permission_policy = proposal_permission_policy
    index_view_class = ProposalIndexView
    edit_view_class = ProposalAnswerView
    inspect_view_class = ProposalInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = ProposalFilterSet
    search_fields = ["title", "summary", "text"]
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    list_display = [
        "title",
        Column("process", label=_("Process"), accessor="process.title", sort_key="process__title"),
        Column("author", label=_("Author"), accessor="author.display_name"),
        Column("state", label=_("State"), accessor="get_state_display", sort_key="state"),
        BooleanColumn(
            "qualified", label=_("Qualified"), accessor="is_qualified", sort_key="qualified_at"
        ),
        NumberColumn("support_count", label=_("Supports"), sort_key="support_count"),
        NumberColumn("open_reports", label=_("Open reports"), sort_key="open_reports"),
        Column(
            "moderation",
            label=_("Moderation"),
            accessor="get_moderation_display",
            sort_key="moderation",
        ),
        DateColumn("created_at", label=_("Submitted"), sort_key="created_at"),
    ]
    # No e-mail address or other personal data: the author by their public display name.
    list_export = [
        "title",
        "process.title",
        "field_of_action.name",
        "get_municipality_display",
        "get_state_display",
        "get_moderation_display",
        "support_count",
        "comment_count",
        "created_at",
        "answered_at",
        "author_name",
    ]
    export_headings = {
        "title": _("Title"),
        "process.title": _("Process"),
        "field_of_action.name": _("Field of action"),
        "get_municipality_display": _("Municipality"),
        "get_state_display": _("State"),
        "get_moderation_display": _("Moderation"),
        "support_count": _("Supports"),
        "comment_count": _("Comments"),
        "created_at": _("Submitted"),
        "answered_at": _("Answered"),
        "author_name": _("Author"),
    }
    export_filename = "proposals"
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("title", read_only=True),
                FieldPanel("summary", read_only=True),
                FieldPanel("text", read_only=True),
                FieldRowPanel(
                    [
                        FieldPanel("field_of_action", read_only=True),
                        FieldPanel("municipality", read_only=True),
                    ]
                ),
            ],
            heading=_("The proposal"),
        ),
        FieldPanel("state"),
        FieldPanel("answer"),
    ]

    def get_permissions_to_register(self):
        content_type = ContentType.objects.get_for_model(Proposal)
        return Permission.objects.filter(
            content_type=content_type,
            codename__in=[
                "view_proposal",
                "change_proposal",
                "answer_proposal",
                "moderate_proposal",
            ],
        )


proposal_viewset = ProposalViewSet()


PROPOSAL_BULK_ACTIONS = moderation_bulk_actions(
    Proposal,
    viewset=proposal_viewset,
    policy=proposal_permission_policy,
    label=lambda proposal: f"{proposal.title} ({proposal.author_name})",
    texts={
        "approve": (
            _("Approve the selected proposals"),
            ngettext_lazy(
                "%(count)d proposal is published.", "%(count)d proposals are published.", "count"
            ),
        ),
        "hide": (
            _("Hide the selected proposals"),
            ngettext_lazy(
                "%(count)d proposal is hidden.", "%(count)d proposals are hidden.", "count"
            ),
        ),
        "restore": (
            _("Restore the selected proposals"),
            ngettext_lazy(
                "%(count)d proposal is restored.", "%(count)d proposals are restored.", "count"
            ),
        ),
        "review": (
            _("Mark the reports about the selected proposals as reviewed"),
            ngettext_lazy(
                "The reports about %(count)d proposal are settled.",
                "The reports about %(count)d proposals are settled.",
                "count",
            ),
        ),
    },
)


def register_log_actions(actions):
    """The log action the answer view writes (``participation.answer``), for Wagtail's history."""
    actions.register_action("participation.answer", _("Answer"), _("Official answer given"))
