"""Event registrations in the admin: listed per event and status, downloaded as CSV or
spreadsheet, and a "Registrations" button on event pages; nobody changes them here.

Guests' reservations (no account) are listed with the name and address they gave, marked as
guests; pending ones (not confirmed yet) take no place. Only editors see this list (and so the
guests' addresses); nothing public shows them."""

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page, get_page_models

import django_filters

from ..models import EventRegistration
from ..rules import is_event
from .shared import EventChoiceField, ViewOnlyPermissionPolicy, safe_cell

registration_permission_policy = ViewOnlyPermissionPolicy(EventRegistration)


def event_pages():
    """Every page that takes registrations (duck-typed), in any language."""
    event_models = [model for model in get_page_models() if is_event(model)]
    return Page.objects.type(*event_models).select_related("locale").order_by("title", "pk")


class EventChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = EventChoiceField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, queryset=lambda request: event_pages(), **kwargs)


class EventRegistrationFilterSet(WagtailFilterSet):
    event = EventChoiceFilter(label=_("Event"), method="filter_event")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=EventRegistration.Status.choices
    )

    class Meta:
        model = EventRegistration
        fields = ["event", "status"]

    def filter_event(self, queryset, name, value):
        """The chosen event's registrations in all its languages, which share the places."""
        return queryset.for_event(value) if value else queryset


class EventRegistrationIndexView(IndexView):
    # Registration times in the site's time zone (Europe/Berlin), as editors read them.
    custom_field_preprocess = {
        "created_at": {
            "csv": lambda value: timezone.localtime(value).strftime("%Y-%m-%d %H:%M"),
            "xlsx": lambda value: timezone.make_naive(value),
        }
    }

    def preprocess_field_value(self, field, value, export_format):
        """Text a spreadsheet would read as a formula is written with a leading apostrophe:
        display names and event titles are typed by residents and editors (CSV injection)."""
        value = super().preprocess_field_value(field, value, export_format)
        return safe_cell(value) if export_format == self.FORMAT_CSV else value

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event", "user", "group")

    def get_filename(self):
        """``registrations-<event slug>`` when one event is chosen."""
        filters = self.filters
        event = filters.form.cleaned_data.get("event") if filters and filters.is_valid() else None
        if event is not None:
            return f"registrations-{slugify(event.slug)}-{event.locale.language_code}"
        return super().get_filename()


class EventRegistrationViewSet(ModelViewSet):
    model = EventRegistration
    name = "event_registrations"
    icon = "date"
    menu_label = _("Event registrations")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = EventRegistrationIndexView
    filterset_class = EventRegistrationFilterSet
    ordering = ["event__title", "status", "created_at", "pk"]
    copy_view_enabled = False
    # Wagtail needs a form definition; the permission policy never lets anyone use it.
    form_fields = []
    list_display = [
        Column("event", label=_("Event"), accessor="event.title", sort_key="event__title"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("display_name", label=_("Display name"), accessor="person_name"),
        Column("guest", label=_("Without account"), accessor="guest_label"),
        Column("email", label=_("Email"), accessor="email_address"),
        DateColumn("created_at", label=_("Registered at"), sort_key="created_at"),
        Column("places", label=_("Places"), sort_key="places"),
        Column("group_name", label=_("For the action group")),
    ]
    list_export = [
        "event.title",
        "get_status_display",
        "person_name",
        "guest_label",
        "email_address",
        "created_at",
        "places",
        "group_name",
        "note",
    ]
    export_headings = {
        "event.title": _("Event"),
        "get_status_display": _("Status"),
        "person_name": _("Display name"),
        "guest_label": _("Without account"),
        "email_address": _("Email"),
        "created_at": _("Registered at"),
        "places": _("Places"),
        "group_name": _("For the action group"),
        "note": _("Note"),
    }
    export_filename = "registrations"


registration_viewset = EventRegistrationViewSet()


class EventRegistrationsButton(PageMenuItem):
    """On an event page's header and in the page listing's "More" menu: its registrations."""

    label = _("Registrations")
    icon_name = "group"

    def is_shown(self, user):
        return is_event(self.page.specific_class) and (
            registration_permission_policy.user_has_permission(user, "view")
        )

    @cached_property
    def url(self):
        index = reverse(registration_viewset.get_url_name("index"))
        return f"{index}?{urlencode({'event': self.page.pk})}"
