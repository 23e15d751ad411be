"""Accessibility feedback in the admin: it comes from the statement's form; editors and lead
editors read it and mark it as handled."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from ..models import AccessibilityFeedback


class FeedbackPermissionPolicy(ModelPermissionPolicy):
    """Feedback comes only from the public form and is kept as sent."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


feedback_permission_policy = FeedbackPermissionPolicy(AccessibilityFeedback)


class FeedbackFilterSet(WagtailFilterSet):
    handled = django_filters.BooleanFilter(
        label=_("Handled"), field_name="handled_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = AccessibilityFeedback
        fields = ["handled"]


class FeedbackEditView(EditView):
    """Marking as handled records who did it."""

    def save_instance(self):
        instance = self.form.save(commit=False)
        if instance.handled_at is None:
            instance.handled_by = None
        elif instance.handled_by_id is None:
            instance.handled_by = self.request.user
        instance.save()
        return instance


class AccessibilityFeedbackViewSet(ModelViewSet):
    model = AccessibilityFeedback
    name = "accessibility_feedback"
    icon = "help"
    menu_label = _("Accessibility feedback")
    menu_order = 260
    add_to_admin_menu = True
    permission_policy = feedback_permission_policy
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_view_class = FeedbackEditView
    filterset_class = FeedbackFilterSet
    search_fields = ["barrier", "page_url", "email", "name"]
    ordering = ["-created_at", "-pk"]
    form_fields = ["handled_at"]
    list_display = [
        Column("barrier", label=_("Barrier"), accessor="__str__"),
        Column("page_url", label=_("Page concerned"), accessor="page_url"),
        DateColumn("created_at", label=_("Received"), sort_key="created_at"),
        DateColumn("handled_at", label=_("Handled"), sort_key="handled_at"),
    ]
    inspect_view_fields = [
        "barrier",
        "page_url",
        "name",
        "email",
        "language",
        "created_at",
        "handled_at",
        "handled_by",
    ]

    def get_permissions_to_register(self):
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(AccessibilityFeedback),
            codename__in=["view_accessibilityfeedback", "change_accessibilityfeedback"],
        )
