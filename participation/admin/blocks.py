"""Blocking people and the moderators' records: the block and unblock forms (served under the
moderation queue's addresses), the list of blocks and the moderation log, both read-only."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

import django_filters

from .. import rules, services
from ..forms import BlockForm, UnblockForm
from ..models import Block, Moderation, ModerationLogEntry, Reason
from .shared import ReadableInspectView, ViewOnlyPermissionPolicy

Action = ModerationLogEntry.Action


class PersonFormView(WagtailAdminTemplateMixin, FormView):
    """Block or unblock one person, with what the moderator needs to know about them."""

    template_name = "participation/admin/block_form.html"
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not rules.may_block(request.user):
            return permission_denied(request)
        self.person = get_object_or_404(get_user_model(), pk=kwargs["user_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("blocks:index"), "label": _("Blocked people")},
            {"url": "", "label": self.get_page_title()},
        ]

    def next_url(self):
        return get_valid_next_url_from_request(self.request) or reverse("blocks:index")

    def get_context_data(self, **kwargs):
        contributions = {
            model._meta.verbose_name_plural: model.objects.filter(author=self.person).aggregate(
                total=Count("pk"), hidden=Count("pk", filter=Q(moderation=Moderation.HIDDEN))
            )
            for model in services.CONTRIBUTION_MODELS
        }
        return {
            **super().get_context_data(**kwargs),
            "person": self.person,
            "contributions": contributions,
            # What blocking does to the groups only this person leads (docs/moderation.md).
            "orphan_groups": list(services.orphan_groups_of(self.person).only("pk", "name")),
            "history": ModerationLogEntry.objects.filter(author=self.person)
            .select_related("moderator")
            .order_by("-created_at")[:20],
            "next": self.next_url(),
            "submit_label": self.submit_label,
        }

    def form_valid(self, form):
        try:
            self.act(form.cleaned_data)
        except rules.ParticipationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"name": self.person})
        return redirect(self.next_url())


class BlockView(PersonFormView):
    form_class = BlockForm
    submit_label = _("Block")
    success_message = _("%(name)s is blocked.")

    def get_page_title(self):
        return _("Block %(name)s") % {"name": self.person}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["obstacle"] = rules.block_obstacle(self.request.user, self.person)
        return context

    def act(self, data):
        services.block_user(
            self.person,
            self.request.user,
            data["reason"],
            data["note"],
            hide_contributions=data["hide_contributions"],
        )


class UnblockView(PersonFormView):
    form_class = UnblockForm
    submit_label = _("Unblock")
    success_message = _("%(name)s may sign in and take part again.")

    def get_page_title(self):
        return _("Unblock %(name)s") % {"name": self.person}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["obstacle"] = rules.unblock_obstacle(self.request.user, self.person)
        return context

    def act(self, data):
        services.unblock_user(
            self.person,
            self.request.user,
            data["note"],
            restore_contributions=data["restore_contributions"],
        )


# --- The list of blocks and the moderation log ---------------------------------------------------


# Blocks change only through the block and unblock forms, log entries never: nobody adds, edits
# or deletes them in the admin, superusers included.
block_permission_policy = ViewOnlyPermissionPolicy(Block)
log_permission_policy = ViewOnlyPermissionPolicy(ModerationLogEntry)


class BlockFilterSet(WagtailFilterSet):
    active = django_filters.BooleanFilter(
        label=_("Still blocked"), field_name="lifted_at", lookup_expr="isnull"
    )
    reason = django_filters.ChoiceFilter(label=_("Reason"), choices=Reason.choices)

    class Meta:
        model = Block
        fields = ["active", "reason"]


class BlockIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "blocked_by", "lifted_by")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        # A person who deleted their account while blocked has nobody left to unblock.
        if instance.is_active and instance.user_id and rules.may_block(self.request.user):
            url = reverse("moderation:unblock", args=[instance.user_id])
            next_url = urlencode({"next": self.request.get_full_path()})
            buttons.append(
                Button(_("Unblock"), url=f"{url}?{next_url}", icon_name="undo", priority=10)
            )
        return buttons


class BlockViewSet(ModelViewSet):
    """Who is or was blocked; blocking and unblocking go through the forms above."""

    model = Block
    name = "blocks"
    icon = "lock"
    menu_label = _("Blocked people")
    menu_order = 300
    permission_policy = block_permission_policy
    index_view_class = BlockIndexView
    inspect_view_enabled = True
    inspect_view_class = ReadableInspectView
    copy_view_enabled = False
    filterset_class = BlockFilterSet
    search_fields = ["user__display_name", "user__email", "note"]
    ordering = ["-created_at", "-pk"]
    form_fields = []
    list_display = [
        "person",
        Column("email", label=_("Email"), accessor="user.email"),
        Column("reason", label=_("Reason"), accessor="get_reason_display", sort_key="reason"),
        Column("blocked_by", label=_("Blocked by"), accessor="blocked_by"),
        DateColumn("created_at", label=_("Blocked at"), sort_key="created_at"),
        DateColumn("lifted_at", label=_("Unblocked at"), sort_key="lifted_at"),
    ]
    inspect_view_fields = [
        "user",
        "pseudonym",
        "reason",
        "note",
        "hid_contributions",
        "blocked_by",
        "created_at",
        "lifted_by",
        "lifted_at",
    ]


class LogFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(label=_("Action"), choices=Action.choices)
    reason = django_filters.ChoiceFilter(label=_("Reason"), choices=Reason.choices)
    target_type = django_filters.ModelChoiceFilter(
        label=_("Type"),
        queryset=lambda request: ContentType.objects.filter(
            pk__in=ModerationLogEntry.objects.order_by().values("target_type").distinct()
        ).order_by("model"),
    )

    class Meta:
        model = ModerationLogEntry
        fields = ["action", "reason", "target_type"]


class LogIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("moderator", "author", "target_type")


def author_name(entry):
    return entry.author or entry.author_pseudonym


def moderator_name(entry):
    return entry.moderator or _("The platform (enough reports)")


class ModerationLogViewSet(ModelViewSet):
    """The moderation log, read-only for everybody: entries cannot be changed or deleted."""

    model = ModerationLogEntry
    name = "moderation_log"
    icon = "history"
    menu_label = _("Moderation log")
    menu_order = 400
    permission_policy = log_permission_policy
    index_view_class = LogIndexView
    inspect_view_enabled = True
    inspect_view_class = ReadableInspectView
    copy_view_enabled = False
    filterset_class = LogFilterSet
    search_fields = ["target_label", "note"]
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    form_fields = []
    list_display = [
        "target_label",
        DateColumn("created_at", label=_("Time"), sort_key="created_at"),
        Column("action", label=_("Action"), accessor="get_action_display", sort_key="action"),
        Column("type", label=_("Type"), accessor="target_type.name"),
        Column("author", label=_("Author"), accessor=author_name),
        Column("moderator", label=_("Moderator"), accessor=moderator_name),
        Column("reason", label=_("Reason"), accessor="get_reason_display"),
        Column("note", label=_("Note"), accessor="note"),
    ]
    inspect_view_fields = [
        "created_at",
        "action",
        "target_type",
        "target_id",
        "target_label",
        "author",
        "author_pseudonym",
        "moderator",
        "reason",
        "note",
        "block",
    ]
