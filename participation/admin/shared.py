"""What several participation admin views share: a view-only permission policy, the choice of a
page (an event or a process), how contributions' reports are filtered and shown, safe spreadsheet
cells, and the moderation listings with their bulk actions (one class per action)."""

import datetime
import re

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.widgets import Button
from wagtail.models import Page, get_page_models
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from .. import rules, services
from ..forms import HideForm, NoteForm
from ..models import Moderation, ProcessHostMixin

DIGITS = re.compile(r"[0-9]{1,18}")


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """For what changes only through the services (registrations keep the waiting list in
    order, the moderation log is never rewritten): the admin shows it, nothing more, even to
    superusers."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(["view"])


class ContributionPermissionPolicy(ModelPermissionPolicy):
    """For contributions, which residents write and which change through the services only:
    the admin never does what ``refused`` names, and "moderate" (approve, hide, restore,
    review) is the moderation rule."""

    refused = ("add", "delete")

    def user_has_permission(self, user, action):
        if action in self.refused:
            return False
        if action == "moderate":
            return rules.may_moderate(user, self.model)
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in self.refused]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.locale.language_code})"


def process_page_models():
    """The page types that host processes: participation knows them by the mixin they inherit."""
    return [model for model in get_page_models() if issubclass(model, ProcessHostMixin)]


def process_pages():
    process_models = process_page_models()
    if not process_models:
        return Page.objects.none()
    return Page.objects.type(*process_models).select_related("locale").order_by("title", "pk")


class ProcessChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = EventChoiceField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, queryset=lambda request: process_pages(), **kwargs)


class ReportedFilter(django_filters.BooleanFilter):
    """Contributions with (yes) or without (no) reports no moderator has decided on."""

    def filter(self, queryset, value):
        if value is None:
            return queryset
        reported = queryset.filter(reports__reviewed_at=None, reports__isnull=False).values("pk")
        return queryset.filter(pk__in=reported) if value else queryset.exclude(pk__in=reported)


def reports_display(item):
    """The open reports of a contribution with reason and note, for the inspect view."""
    reports = item.reports.open().select_related("reporter").order_by("created_at")
    return [
        f"{report.get_reason_display()}"
        + (f": {report.note}" if report.note else "")
        + f" ({report.reporter.display_name})"
        for report in reports
    ] or [EMPTY]


EMPTY = "—"


def readable(value):
    """A value as staff read it in the admin: times in the site's time zone in the admin's
    format, yes/no in words, a dash for nothing (never "None", "False" or UTC)."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    return value


class ReadableInspectView(InspectView):
    """The inspect view with :func:`readable` values and the open reports under a German
    heading of their own (the relation's name would show as "Reports")."""

    def get_field_label(self, field_name, field):
        if field_name == "reports":
            return _("Open reports")
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        if field_name == "reports":
            return "; ".join(str(line) for line in reports_display(self.object))
        return readable(super().get_field_display_value(field_name, field))


FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text a spreadsheet would read as a formula gets a leading apostrophe (CSV injection):
    residents and editors type names, titles and answers."""
    if isinstance(value, str) and value[:1] in FORMULA:
        return "'" + value
    return value


class ContributionExportMixin:
    """Downloads (CSV, XLSX) of a contribution listing, with the listing's filters and search,
    for the people :func:`rules.may_export_contributions` names; the others see no download
    buttons and get "permission denied" for the download address. Times are in the site's time
    zone; CSV cells a spreadsheet would read as formulas get a leading apostrophe
    (:func:`safe_cell`; XLSX cells are written as text by Wagtail). Waiting and hidden
    contributions are included: the moderation column says which they are."""

    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        datetime.datetime: {
            IndexView.FORMAT_CSV: lambda value: timezone.localtime(value).strftime(
                "%Y-%m-%d %H:%M"
            ),
            IndexView.FORMAT_XLSX: timezone.make_naive,
        },
    }

    def dispatch(self, request, *args, **kwargs):
        if self.is_export and not rules.may_export_contributions(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def show_export_buttons(self):
        return super().show_export_buttons and rules.may_export_contributions(self.request.user)

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return safe_cell(value) if export_format == self.FORMAT_CSV else value


# --- Moderation listings and their bulk actions --------------------------------------------------


class ModerationIndexMixin:
    """A contribution listing where moderators tick rows for the bulk actions and find Approve
    and Hide in each row's menu. Subclasses name ``policy``, ``moderation_actions`` (the bulk
    action classes, see :func:`moderation_bulk_actions`) and ``obj_type``."""

    template_name = "participation/admin/moderation_index.html"
    policy = None
    obj_type = ""
    select_all_text = ""

    def moderation_actions(self):
        return []

    def get_base_queryset(self):
        # Open reports: the ones no moderator has decided on yet.
        return (
            super()
            .get_base_queryset()
            .annotate(open_reports=Count("reports", filter=Q(reports__reviewed_at=None)))
        )

    @cached_property
    def may_moderate(self):
        return self.policy.user_has_permission(self.request.user, "moderate")

    def with_bulk_column(self, columns):
        if self.may_moderate:
            return [BulkActionsCheckboxColumn("bulk_actions", obj_type=self.obj_type), *columns]
        return columns

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "select_all_text": self.select_all_text,
            "item_type": self.obj_type.upper(),
        }

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not self.may_moderate:
            return buttons
        next_url = self.request.get_full_path()
        for action in self.moderation_actions():
            if action.applies_to(instance):
                url = reverse("wagtail_bulk_action", args=action.url_args())
                buttons.append(
                    Button(
                        action.display_name,
                        url=f"{url}?{urlencode({'id': instance.pk, 'next': next_url})}",
                        icon_name=action.icon_name,
                        priority=action.action_priority,
                    )
                )
        return buttons


class ModerationBulkAction(BulkAction):
    """Approve, hide, restore or review the chosen contributions through the moderation
    service (:func:`participation.services.moderate_many`, like the moderation queue), which
    keeps the counts right, logs each change and tells the authors of hidden ones why.

    One subclass per action says what it does; :func:`moderation_bulk_actions` derives the
    classes for one model from them, with the model's viewset, permission policy and texts."""

    template_name = "participation/admin/confirm_bulk_moderation.html"
    icon_name = ""
    confirm_label = ""
    viewset = None
    policy = None

    @classmethod
    def url_args(cls):
        opts = cls.models[0]._meta
        return [opts.app_label, opts.model_name, cls.action_type]

    @classmethod
    def applies_to(cls, item):
        return services.applies(cls.action_type, item, getattr(item, "open_reports", 0))

    def check_perm(self, item):
        return self.policy.user_has_permission(self.request.user, "moderate")

    SELECT_ALL = {
        "approve": Q(moderation=Moderation.PENDING),
        "hide": Q(moderation=Moderation.PENDING),
        "restore": Q(moderation=Moderation.HIDDEN),
        "review": Q(reports__reviewed_at=None, reports__isnull=False),
    }

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" acts on what the action is for (waiting, hidden or reported items),
        # never on everything there is.
        return (
            self.models[0]
            .objects.filter(self.SELECT_ALL[self.action_type])
            .values_list("pk", flat=True)
            .distinct()
        )

    @classmethod
    def get_queryset(cls, model, object_ids):
        # Wagtail's own raises a 500 on ids that are no numbers.
        ids = [pk for pk in object_ids if DIGITS.fullmatch(str(pk))]
        return super().get_queryset(model, ids)

    def object_context(self, item):
        return {
            "item": item,
            "label": self.label(item),
            "inspect_url": reverse(self.viewset.get_url_name("inspect"), args=[item.pk]),
        }

    @staticmethod
    def label(item):
        return str(item)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "header_icon": self.viewset.icon,
            "action_label": self.display_name,
            "confirm_label": self.confirm_label,
        }

    def get_execution_context(self):
        data = self.cleaned_form.cleaned_data if self.cleaned_form else {}
        return {
            "user": self.request.user,
            "reason": data.get("reason", ""),
            "note": data.get("note", ""),
        }

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.success_message % {"count": num_parent_objects}

    @classmethod
    def execute_action(cls, objects, user=None, reason="", note="", **kwargs):
        changed = services.moderate_many(objects, cls.action_type, user, reason=reason, note=note)
        return len(changed), 0


class ApproveBulkAction(ModerationBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    action_priority = 20
    icon_name = "check"
    confirm_label = _("Yes, publish them")


class HideBulkAction(ModerationBulkAction):
    display_name = _("Hide")
    action_type = "hide"
    action_priority = 30
    classes = {"serious"}
    icon_name = "hidden"
    confirm_label = _("Yes, hide them")
    form_class = HideForm


class RestoreBulkAction(ModerationBulkAction):
    display_name = _("Restore")
    action_type = "restore"
    action_priority = 40
    icon_name = "view"
    confirm_label = _("Yes, restore them")
    form_class = NoteForm


class ReviewBulkAction(ModerationBulkAction):
    display_name = _("Mark as reviewed")
    action_type = "review"
    action_priority = 50
    icon_name = "tick"
    confirm_label = _("Yes, the reports are settled")
    form_class = NoteForm


MODERATION_BULK_ACTIONS = (ApproveBulkAction, HideBulkAction, RestoreBulkAction, ReviewBulkAction)


def moderation_bulk_actions(model, *, viewset, policy, label, texts):
    """The bulk action classes for ``model``, one per moderation action, in the order of
    :data:`MODERATION_BULK_ACTIONS`. ``label(item)`` names an item on the confirmation page;
    ``texts`` maps each action type to its ``(aria_label, success_message)``: Wagtail reads
    the button's label from the class, so each model's classes carry their own wording."""
    return tuple(
        type(
            f"{action.__name__.removesuffix('BulkAction')}{model.__name__}sBulkAction",
            (action,),
            {
                "__module__": action.__module__,
                "models": [model],
                "viewset": viewset,
                "policy": policy,
                "label": staticmethod(label),
                "aria_label": texts[action.action_type][0],
                "success_message": texts[action.action_type][1],
            },
        )
        for action in MODERATION_BULK_ACTIONS
    )
