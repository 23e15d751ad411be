"""Action groups in the admin: the listing with filters and the moderation bulk actions for
moderators, the inspect view (size, leads), "featured on the home page" for editors (the only
thing anybody edits here), and the form where a moderator gives a group that lost its lead a
new one. Residents write the groups; the admin changes them only through the services.

Their updates, needs and offers and relayed messages: ``group_contributions``."""

from django import forms
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, NumberColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

import django_filters

from .. import rules, services
from ..models import ActionGroup, Membership
from ..municipalities import MUNICIPALITY_CHOICES
from .shared import (
    EMPTY,
    ContributionPermissionPolicy,
    ModerationIndexMixin,
    ReadableInspectView,
    ReportedFilter,
    moderation_bulk_actions,
)


def filled_lazily(message, **values):
    """``message % values``, translated when it is shown, not when the module is imported."""
    return lazy(lambda: str(message) % {k: str(v) for k, v in values.items()}, str)()


def bulk_texts(plural):
    """The bulk actions' wording for one kind (``plural`` names it: "groups")."""
    return {
        "approve": (
            filled_lazily(_("Approve the selected %(kind)s"), kind=plural),
            ngettext_lazy(
                "%(count)d item is published.", "%(count)d items are published.", "count"
            ),
        ),
        "hide": (
            filled_lazily(_("Hide the selected %(kind)s"), kind=plural),
            ngettext_lazy("%(count)d item is hidden.", "%(count)d items are hidden.", "count"),
        ),
        "restore": (
            filled_lazily(_("Restore the selected %(kind)s"), kind=plural),
            ngettext_lazy("%(count)d item is restored.", "%(count)d items are restored.", "count"),
        ),
        "review": (
            filled_lazily(
                _("Mark the reports about the selected %(kind)s as reviewed"), kind=plural
            ),
            ngettext_lazy(
                "The reports about %(count)d item are settled.",
                "The reports about %(count)d items are settled.",
                "count",
            ),
        ),
    }


def person_label(person):
    return person.display_name if person is not None else "–"


def permissions_to_register(model, *codenames):
    def get_permissions_to_register(self):
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(model), codename__in=codenames
        )

    return get_permissions_to_register


# --- Action groups -------------------------------------------------------------------------------


class ActionGroupPermissionPolicy(ContributionPermissionPolicy):
    """Moderators approve and hide groups; editors feature them on the home page (the edit
    view changes nothing else). Nobody adds or deletes groups here."""

    def user_has_permission(self, user, action):
        if action == "change":
            return rules.may_feature_groups(user)
        return super().user_has_permission(user, action)


group_permission_policy = ActionGroupPermissionPolicy(ActionGroup)


class ActionGroupFilterSet(WagtailFilterSet):
    moderation = django_filters.ChoiceFilter(
        label=_("Moderation"), choices=ActionGroup.Moderation.choices
    )
    featured = django_filters.BooleanFilter(label=_("Featured on the home page"))
    municipality = django_filters.ChoiceFilter(
        label=_("Municipality"), choices=MUNICIPALITY_CHOICES, empty_label=_("All")
    )
    regionwide = django_filters.BooleanFilter(
        label=_("Region-wide"), field_name="municipality", lookup_expr="exact", method="filter_rw"
    )
    reported = ReportedFilter(label=_("Open reports"))

    class Meta:
        model = ActionGroup
        fields = ["moderation", "featured", "municipality", "regionwide", "reported"]

    def filter_rw(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(municipality="") if value else queryset.exclude(municipality="")


def group_title_id(group):
    return f"actiongroup_{group.pk}_name"


class ActionGroupIndexView(ModerationIndexMixin, IndexView):
    policy = group_permission_policy
    obj_type = "actiongroup"
    select_all_text = _("Select all groups awaiting moderation")

    def moderation_actions(self):
        return GROUP_BULK_ACTIONS

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("author")

    @cached_property
    def columns(self):
        title = self._get_title_column("name", get_title_id=group_title_id)
        return self.with_bulk_column([title, *super().columns[1:]])

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.may_moderate:
            buttons.append(
                Button(
                    _("Assign a new lead"),
                    url=reverse("actiongroups:assign_lead", args=[instance.pk]),
                    icon_name="user",
                    priority=60,
                )
            )
        return buttons


class ActionGroupInspectView(ReadableInspectView):
    def get_fields(self):
        return [
            "name",
            "purpose",
            "author",
            "leads",
            "member_count",
            "requests",
            "municipality",
            "fields_of_action",
            "joining",
            "seeks_members",
            "vision",
            "proposal",
            "process",
            "featured",
            "moderation",
            "comment_count",
            "created_at",
            "updated_at",
            "reports",
        ]

    @cached_property
    def memberships(self):
        return list(
            self.object.memberships.filter(
                state__in=[Membership.State.ACTIVE, Membership.State.REQUESTED]
            ).select_related("user")
        )

    def get_field_label(self, field_name, field):
        labels = {"leads": _("Leads"), "requests": _("Requests waiting")}
        if field_name in labels:
            return labels[field_name]
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        if field_name == "author":
            return person_label(self.object.author)
        if field_name == "leads":
            leads = [
                _("%(name)s (blocked: needs a new lead)") % {"name": m.user.display_name}
                if m.placeholder
                else m.user.display_name
                for m in self.memberships
                if m.is_lead
            ]
            return ", ".join(str(lead) for lead in leads) or _("none: the group needs a new lead")
        if field_name == "requests":
            return sum(1 for m in self.memberships if m.state == Membership.State.REQUESTED)
        if field_name == "municipality":
            return self.object.municipality or _("Region-wide")
        if field_name == "fields_of_action":
            return ", ".join(f.name for f in self.object.fields_of_action.all()) or EMPTY
        return super().get_field_display_value(field_name, field)


class FeatureView(EditView):
    """Editors choose whether the home page features the group; nothing else changes."""

    success_message = _("“%(object)s” was saved.")

    def form_valid(self, form):
        self.form = form
        self.object = services.feature_group(
            self.request.user, self.object, form.cleaned_data["featured"]
        )
        return self.save_action()


class AssignLeadForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("New lead"),
        queryset=Membership.objects.none(),
        help_text=_("An active member of the group; the group's placeholder lead steps back."),
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        field.queryset = (
            group.memberships.filter(state=Membership.State.ACTIVE, user__is_active=True)
            .exclude(role=Membership.Role.LEAD, placeholder=False)
            .select_related("user")
            .order_by("user__display_name", "pk")
        )
        field.label_from_instance = lambda membership: membership.user.display_name


class AssignLeadView(WagtailAdminTemplateMixin, FormView):
    """A moderator makes a member the lead of a group that lost its only lead."""

    template_name = "participation/admin/assign_lead.html"
    form_class = AssignLeadForm
    page_title = _("Assign a new lead")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not rules.may_moderate(request.user, ActionGroup):
            return permission_denied(request)
        self.group = get_object_or_404(ActionGroup, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.group.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("actiongroups:index"), "label": ActionGroup._meta.verbose_name_plural},
            {
                "url": reverse("actiongroups:inspect", args=[self.group.pk]),
                "label": self.group.name,
            },
            {"url": "", "label": self.page_title},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "group": self.group}

    def get_context_data(self, **kwargs):
        leads = [m for m in self.group.memberships.select_related("user") if m.is_lead]
        return {
            **super().get_context_data(**kwargs),
            "group": self.group,
            "leads": leads,
            "cancel_url": reverse("moderation:queue") + "?tab=no_lead",
        }

    def form_valid(self, form):
        membership = form.cleaned_data["member"]
        try:
            services.assign_lead(self.request.user, self.group, membership.user)
        except rules.ParticipationError as error:
            form.add_error("member", str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s now leads “%(group)s”.")
            % {"name": membership.user.display_name, "group": self.group.name},
        )
        return redirect(reverse("moderation:queue") + "?tab=no_lead")


class ActionGroupViewSet(ModelViewSet):
    model = ActionGroup
    name = "actiongroups"
    icon = "group"
    menu_label = _("Action groups")
    menu_order = 210
    permission_policy = group_permission_policy
    index_view_class = ActionGroupIndexView
    inspect_view_class = ActionGroupInspectView
    edit_view_class = FeatureView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = ActionGroupFilterSet
    search_fields = ["name", "purpose"]
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    form_fields = ["featured"]
    list_display = [
        Column("name", label=_("Name"), accessor="name"),
        Column("municipality", label=_("Municipality"), accessor="municipality"),
        NumberColumn("member_count", label=_("Members"), sort_key="member_count"),
        NumberColumn("open_reports", label=_("Open reports"), sort_key="open_reports"),
        Column(
            "moderation",
            label=_("Moderation"),
            accessor="get_moderation_display",
            sort_key="moderation",
        ),
        BooleanColumn("featured", label=_("Featured"), sort_key="featured"),
        DateColumn("created_at", label=_("Founded"), sort_key="created_at"),
    ]

    get_permissions_to_register = permissions_to_register(
        ActionGroup, "view_actiongroup", "moderate_actiongroup", "feature_actiongroup"
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/lead/", AssignLeadView.as_view(), name="assign_lead"),
        ]


group_viewset = ActionGroupViewSet()

GROUP_BULK_ACTIONS = moderation_bulk_actions(
    ActionGroup,
    viewset=group_viewset,
    policy=group_permission_policy,
    label=lambda group: f"{group.name} ({person_label(group.author)})",
    texts=bulk_texts(_("groups")),
)
