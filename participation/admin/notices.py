"""Notices of illegal content in the admin: they come from the public form; moderators read them
and mark them as handled."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from ..models import IllegalContentNotice
from .shared import ReadableInspectView


class NoticePermissionPolicy(ModelPermissionPolicy):
    """Notices come from the public form; moderators read them and mark them as handled."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


notice_permission_policy = NoticePermissionPolicy(IllegalContentNotice)


class NoticeFilterSet(WagtailFilterSet):
    handled = django_filters.BooleanFilter(
        label=_("Handled"), field_name="handled_at", lookup_expr="isnull", exclude=True
    )
    reason = django_filters.ChoiceFilter(
        label=_("Reason"), choices=IllegalContentNotice.Reason.choices
    )

    class Meta:
        model = IllegalContentNotice
        fields = ["handled", "reason"]


class NoticeViewSet(ModelViewSet):
    model = IllegalContentNotice
    name = "notices"
    icon = "warning"
    menu_label = _("Illegal content notices")
    menu_order = 250
    permission_policy = notice_permission_policy
    inspect_view_enabled = True
    inspect_view_class = ReadableInspectView
    copy_view_enabled = False
    filterset_class = NoticeFilterSet
    search_fields = ["url", "explanation", "email"]
    ordering = ["-created_at", "-pk"]
    form_fields = ["handled_at"]
    list_display = [
        Column("reason", label=_("Reason"), accessor="get_reason_display", sort_key="reason"),
        Column("url", label=_("Address"), accessor="url"),
        DateColumn("created_at", label=_("Received"), sort_key="created_at"),
        DateColumn("handled_at", label=_("Handled"), sort_key="handled_at"),
    ]
    inspect_view_fields = [
        "reason",
        "url",
        "explanation",
        "name",
        "email",
        "created_at",
        "handled_at",
    ]

    def get_permissions_to_register(self):
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(IllegalContentNotice),
            codename__in=["view_illegalcontentnotice", "change_illegalcontentnotice"],
        )
