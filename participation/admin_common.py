"""What the participation admin views share: a view-only permission policy, the choice of a
page (an event or a process), and how contributions' reports are filtered and shown."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, get_page_models
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters


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


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.locale.language_code})"


def is_process(model):
    """Pages that host proposals (duck-typed: participation does not import the page apps)."""
    return hasattr(model, "support_budget") and hasattr(model, "qualified_threshold")


def process_pages():
    process_models = [model for model in get_page_models() if is_process(model)]
    if not process_models:
        return Page.objects.none()
    return Page.objects.type(*process_models).select_related("locale").order_by("title", "pk")


class ProcessChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = EventChoiceField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, queryset=lambda request: process_pages(), **kwargs)


def filter_reported(queryset, value):
    """With (``True``) or without (``False``) reports no moderator has decided on."""
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
    ] or [_("none")]


FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text a spreadsheet would read as a formula gets a leading apostrophe (CSV injection):
    residents and editors type names, titles and answers."""
    if isinstance(value, str) and value[:1] in FORMULA:
        return "'" + value
    return value
